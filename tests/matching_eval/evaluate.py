"""Top-1 and top-3 accuracy of the matcher over the labelled evaluation set."""

from __future__ import annotations

from dataclasses import dataclass

from sms_tui.matching import MatchIndex, Query, suggest
from tests.matching_eval.fixture import Case, Fixture, fixture


@dataclass(frozen=True)
class Accuracy:
    """Share of cases whose right answer came first, or in the first three."""

    ci_top1: float
    ci_top3: float
    ke_top1: float
    ke_top3: float
    cases: int
    ke_cases: int

    def lines(self) -> str:
        return (
            f"CIs ({self.cases} cases): top-1 {self.ci_top1:.2f}, top-3 {self.ci_top3:.2f}\n"
            f"known errors ({self.ke_cases} cases): top-1 {self.ke_top1:.2f}, top-3 {self.ke_top3:.2f}"
        )


def index_of(data: Fixture) -> MatchIndex:
    """The index over the fixture's records."""
    return MatchIndex.build(data.cis, data.relationships, data.known_errors, data.services)


def query_of(case: Case) -> Query:
    """The query an operator's new incident makes: text and service, no CIs yet."""
    return Query(case.text, case.service)


def evaluate(index: MatchIndex | None = None, misses: list[str] | None = None) -> Accuracy:
    """Run every case through `suggest`; append a line per miss to `misses` if given."""
    data = fixture()
    index = index or index_of(data)
    ci1 = ci3 = ke1 = ke3 = ke_cases = 0
    for case in data.cases:
        found = suggest(index, query_of(case), limit=3)
        cis = [s.key for s in found.cis]
        ci1 += cis[:1] == [case.ci]
        ci3 += case.ci in cis
        if case.known_error:
            ke_cases += 1
            kes = [s.key for s in found.known_errors]
            ke1 += kes[:1] == [case.known_error]
            ke3 += case.known_error in kes
            if misses is not None and case.known_error not in kes[:1]:
                misses.append(
                    f"KE {case.title!r}: want {case.known_error}, got {found.known_errors}"
                )
        if misses is not None and cis[:1] != [case.ci]:
            misses.append(f"CI {case.title!r}: want {case.ci}, got {found.cis}")
    n = len(data.cases)
    return Accuracy(ci1 / n, ci3 / n, ke1 / ke_cases, ke3 / ke_cases, n, ke_cases)
