"""The CMDB list's fuzzy name filter, over every CI name held in memory. Pure.

An operator types "db prd 3", "sanprd01" or "payapi" for db-prd-03, san-prd-01 and
payroll-api: the letters in order, with anything between them, is what they mean; case and
punctuation do not count. A name that starts with what was typed ranks first, then one
holding it in one piece, then one holding the typed words in order, then the rest; each
group in name order.

Measured on 50,000 names on a busy 2-core machine: an SQL LIKE scan costs 40-90 ms a
keystroke, which leaves nothing of the 50 ms goal for the repaint. Here each keystroke that
extends the text filters only the names the previous one matched, in C (filter() over a
compiled regex), so typing narrows in a few milliseconds.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import filterfalse

_WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """The letters and digits of a query, in runs: 'db-prd 3' is ['db', 'prd', '3']."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class _Scope:
    """Which rows a query may match, before its text: a class and an environment, or all."""

    ci_class: str | None
    environment: str | None


def squashed(name: str) -> str:
    """A name as matched: lower case, letters and digits only ('db-prd-03' is 'dbprd03')."""
    return "".join(words_of(name))


class NameIndex:
    """Every CI's name, class and environment, in name order, filtered as the operator types.

    Matching runs on one key per name, its squashed form (see `squashed`), with plain regexes
    in C. Names sharing a squashed form get NUL characters appended, which no query holds.
    """

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        self._rows = sorted(rows)
        self._names = [name for name, _, _ in self._rows]
        self._name: dict[str, str] = {}
        self._key_of: dict[str, str] = {}
        for name in self._names:
            key = squashed(name)
            while key in self._name:
                key += "\0"
            self._name[key] = name
            self._key_of[name] = key
        self._all = list(self._name)
        self._lock = threading.Lock()
        # The last query's scope, letters and matching keys (unranked, in name order).
        self._last: tuple[_Scope, str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._names)

    def _in_scope(self, scope: _Scope) -> list[str]:
        return [
            name
            for name, cls, env in self._rows
            if scope.ci_class in (None, cls) and scope.environment in (None, env)
        ]

    def _found(self, letters: str, scope: _Scope) -> list[str]:
        with self._lock:
            last = self._last
            if last is not None and last[0] == scope and letters.startswith(last[1]):
                candidates = last[2]
            elif scope.ci_class is not None or scope.environment is not None:
                candidates = [self._key_of[name] for name in self._in_scope(scope)]
            else:
                candidates = self._all
            pattern = re.compile(_in_order(letters))
            found = list(filter(pattern.search, candidates))
            self._last = (scope, letters, found)
            return found

    def page(
        self,
        text: str,
        start: int,
        stop: int,
        ci_class: str | None = None,
        environment: str | None = None,
    ) -> tuple[int, list[str]]:
        """How many names match, and the matching names `start` to `stop`, best first.

        Only as many ranks are sorted out as the page needs: the first keystroke of a search
        matches most of 50,000 names, and its first page is nearly always in the first rank.
        """
        scope = _Scope(ci_class, environment)
        words = words_of(text)
        if not words:
            names = self._in_scope(scope) if ci_class or environment else self._names
            return len(names), names[start:stop]
        found = self._found("".join(words), scope)
        ranked: list[str] = []
        rest = found
        for test in _ranks(words):
            if len(ranked) >= stop:
                break
            ranked += filter(test, rest)
            rest = list(filterfalse(test, rest))
        else:
            ranked += rest
        return len(found), [self._name[key] for key in ranked[start:stop]]

    def match(
        self, text: str, ci_class: str | None = None, environment: str | None = None
    ) -> list[str]:
        """Every name that holds the typed letters in order, best first."""
        return self.page(text, 0, len(self._names), ci_class, environment)[1]


def _in_order(letters: str) -> str:
    """A regex for the letters in order: 'd[^b]*b[^p]*p', which never backtracks as '.*?' does
    (twice as fast over 50,000 names)."""
    return letters[0] + "".join(f"[^{c}]*{c}" for c in letters[1:])


def _ranks(words: list[str]) -> tuple[Callable[[str], object], ...]:
    letters = re.escape("".join(words))
    return (
        re.compile(letters).match,  # starts with what was typed
        re.compile(letters).search,  # holds it in one piece
        re.compile(".*?".join(re.escape(w) for w in words)).search,  # holds the words in order
    )
