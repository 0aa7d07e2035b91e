"""The problems list's filter and sorts, without the UI."""

from __future__ import annotations

from sms_tui.models import ProblemState
from sms_tui.problem_rows import (
    KNOWN_ERROR_SORTS,
    PROBLEM_SORTS,
    KnownErrorListRow,
    ProblemListRow,
    arrange,
)


def row(
    number: int, title: str, state: ProblemState, priority: str, open_: int = 0
) -> ProblemListRow:
    return ProblemListRow(
        f"PRB-{number:05d}", state, priority, title, open_, open_ + 1, "db-prd-03", ""
    )


ROWS = [
    row(1, "Payroll batch lock waits", ProblemState.KNOWN_ERROR, "P2", 3),
    row(2, "VPN tunnels drop", ProblemState.UNDER_INVESTIGATION, "P3"),
    row(3, "Certificate expiry not monitored", ProblemState.NEW, "P1", 1),
]


def numbers(rows: tuple[object, ...]) -> list[str]:
    return [r.number for r in rows]  # type: ignore[attr-defined]


def test_a_typo_still_finds_its_row_once_the_query_is_long_enough() -> None:
    assert numbers(arrange(ROWS, "certficate", PROBLEM_SORTS[0])) == ["PRB-00003"]
    assert numbers(arrange(ROWS, "payrol", PROBLEM_SORTS[0])) == ["PRB-00001"]


def test_a_short_query_matches_only_as_typed() -> None:
    assert numbers(arrange(ROWS, "vpn", PROBLEM_SORTS[0])) == ["PRB-00002"]
    assert numbers(arrange(ROWS, "vpx", PROBLEM_SORTS[0])) == []
    assert numbers(arrange(ROWS, "  ", PROBLEM_SORTS[0])) == ["PRB-00003", "PRB-00002", "PRB-00001"]


def test_sorts_put_what_needs_work_first() -> None:
    by = {sort.label: sort for sort in PROBLEM_SORTS}
    assert numbers(arrange(ROWS, "", by["priority"])) == ["PRB-00003", "PRB-00001", "PRB-00002"]
    assert numbers(arrange(ROWS, "", by["state"])) == ["PRB-00002", "PRB-00003", "PRB-00001"]
    assert numbers(arrange(ROWS, "", by["open incidents"])) == [
        "PRB-00001",
        "PRB-00003",
        "PRB-00002",
    ]


def test_known_errors_filter_on_their_symptom() -> None:
    known = [
        KnownErrorListRow(
            "KE-00001", "Batch stalls", "ORA-00060 deadlock detected", "db-prd-03", "PRB-00001"
        ),
        KnownErrorListRow("KE-00002", "Mail delay", "queue grows", "mx-prd-01", ""),
    ]
    assert numbers(arrange(known, "ORA-00060", KNOWN_ERROR_SORTS[0])) == ["KE-00001"]
    assert numbers(arrange(known, "", KNOWN_ERROR_SORTS[1])) == ["KE-00001", "KE-00002"]
