"""What the problems screen lists: problem and known-error rows, their filter and their sorts. Pure.

The fuzzy filter matches the number, title, CIs and state (problems) or the symptom
(known errors), with rapidfuzz's partial_ratio so a typo still finds its row; the lists are
small (hundreds to a few thousand), so one pass per keystroke stays well under a frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sms_tui.models import ProblemState

FUZZY_CUTOFF = 85
FUZZY_MIN_LENGTH = 5
"""Shorter queries match as typed only: one typo in four letters matches half the desk."""

# Open work first: a problem manager looks at what still needs them.
STATE_ORDER = {
    ProblemState.UNDER_INVESTIGATION: 0,
    ProblemState.NEW: 1,
    ProblemState.KNOWN_ERROR: 2,
    ProblemState.RESOLVED: 3,
    ProblemState.CLOSED: 4,
}


class ProblemView(StrEnum):
    """The two lists of the screen."""

    PROBLEMS = "problems"
    KNOWN_ERRORS = "known_errors"


@dataclass(frozen=True)
class Sort:
    """One way to order a list: its name in the footer and its key."""

    label: str
    key: Callable[[Any], Any]


PROBLEM_SORTS: tuple[Sort, ...] = (
    Sort("newest", lambda r: -_sequence(r.number)),
    Sort("priority", lambda r: (r.priority, -_sequence(r.number))),
    Sort("state", lambda r: (STATE_ORDER[r.state], r.priority, -_sequence(r.number))),
    Sort("open incidents", lambda r: (-r.open_incidents, -r.total_incidents, r.priority)),
)
KNOWN_ERROR_SORTS: tuple[Sort, ...] = (
    Sort("newest", lambda r: -_sequence(r.number)),
    Sort("title", lambda r: r.title.casefold()),
)
SORTS = {ProblemView.PROBLEMS: PROBLEM_SORTS, ProblemView.KNOWN_ERRORS: KNOWN_ERROR_SORTS}


def _sequence(number: str) -> int:
    return int(number.rsplit("-", 1)[-1])


@dataclass(frozen=True)
class ProblemListRow:
    """One problem line: what the table shows, all plain text."""

    number: str
    state: ProblemState
    priority: str
    title: str
    open_incidents: int
    total_incidents: int
    cis: str
    known_error: str

    @property
    def haystack(self) -> str:
        return f"{self.number} {self.title} {self.cis} {self.state.value} {self.known_error}"


@dataclass(frozen=True)
class KnownErrorListRow:
    """One known-error line of the KEDB."""

    number: str
    title: str
    symptom: str
    cis: str
    problem: str

    @property
    def haystack(self) -> str:
        return f"{self.number} {self.title} {self.symptom} {self.cis} {self.problem}"


ListRow = ProblemListRow | KnownErrorListRow


def arrange(rows: Sequence[ListRow], query: str, sort: Sort) -> tuple[ListRow, ...]:
    """The rows the filter lets through, in the sort's order (a blank query lets all through).

    A row holding the typed text as it is always matches; otherwise a fuzzy match on its words.
    """
    text = query.strip()
    if len(text) >= FUZZY_MIN_LENGTH:
        # Imported here: the first frame of the desk does not need rapidfuzz.
        from rapidfuzz import fuzz, process, utils

        folded = text.casefold()
        keep = {i for i, row in enumerate(rows) if folded in row.haystack.casefold()}
        found = process.extract(
            text,
            [row.haystack for row in rows],
            scorer=fuzz.partial_ratio,
            processor=utils.default_process,
            score_cutoff=FUZZY_CUTOFF,
            limit=None,
        )
        keep |= {index for _, _, index in found}
        rows = [row for i, row in enumerate(rows) if i in keep]
    elif text:
        folded = text.casefold()
        rows = [row for row in rows if folded in row.haystack.casefold()]
    return tuple(sorted(rows, key=sort.key))
