"""Ranking a small list of choices against what an operator types, for the pickers. Pure.

The lists are small (operators, groups, services, CIs, open incidents), so one rapidfuzz
pass per keystroke is well under a frame even in the large demo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils


@dataclass(frozen=True)
class Choice:
    """One thing a picker offers: its key (what is saved), what it shows, what else finds it."""

    key: str
    label: str
    search: str = ""

    @property
    def haystack(self) -> str:
        return f"{self.label} {self.search}"


def rank(query: str, choices: Sequence[Choice], limit: int = 50) -> list[Choice]:
    """The choices best matching `query`, best first; all of them, in order, for no query."""
    text = query.strip()
    if not text:
        return list(choices[:limit])
    folded = text.casefold()
    # A label that starts with what was typed always comes first ("car" -> carol).
    exact = [c for c in choices if c.label.casefold().startswith(folded)]
    exact += [c for c in choices if folded in f"{c.key} {c.search}".casefold()]
    found = process.extract(
        text,
        [c.haystack for c in choices],
        scorer=fuzz.partial_ratio,
        processor=utils.default_process,
        score_cutoff=70,
        limit=limit,
    )
    ranked = [choices[index] for _, _, index in found]
    seen: set[str] = set()
    result: list[Choice] = []
    for choice in [*exact, *ranked]:
        if choice.key not in seen:
            seen.add(choice.key)
            result.append(choice)
    return result[:limit]
