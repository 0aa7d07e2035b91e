"""The problems screen's two lists, read in one query each, straight into its row values.

Building 3,000 Problem and 5,000 KnownError models costs about half a second on the large
demo (bench/problems.py); the lists show a handful of columns, so they are read as such.
"""

from __future__ import annotations

from sqlite_utils import Database

from sms_tui.models import OPEN_STATES, ProblemState
from sms_tui.problem_rows import KnownErrorListRow, ProblemListRow
from sms_tui.safe_text import one_line

_OPEN = ", ".join(f"'{state.value}'" for state in sorted(OPEN_STATES))

_PROBLEMS = f"""
SELECT p.number, p.state, p.priority, p.title, p.known_error,
       coalesce(n.open, 0) AS open, coalesce(n.total, 0) AS total,
       (SELECT group_concat(ci, ', ') FROM
           (SELECT ci FROM problem_cis WHERE problem = p.number ORDER BY position)) AS cis
FROM problems AS p
LEFT JOIN (
    SELECT link.problem AS problem, count(*) AS total,
           sum(incidents.state IN ({_OPEN})) AS open
    FROM incident_problems AS link JOIN incidents ON incidents.number = link.incident
    GROUP BY link.problem
) AS n ON n.problem = p.number
ORDER BY p.number DESC
"""

_KNOWN_ERRORS = """
SELECT k.number, k.title, k.symptom, k.problem,
       (SELECT group_concat(ci, ', ') FROM
           (SELECT ci FROM known_error_cis WHERE known_error = k.number ORDER BY position)) AS cis
FROM known_errors AS k
ORDER BY k.number DESC
"""


def problem_items(db: Database) -> tuple[ProblemListRow, ...]:
    """Every problem as the list shows it, newest first, with its open and total incidents."""
    return tuple(
        ProblemListRow(
            number=row["number"],
            state=ProblemState(row["state"]),
            priority=row["priority"],
            title=one_line(row["title"]),
            open_incidents=row["open"],
            total_incidents=row["total"],
            cis=one_line(row["cis"] or ""),
            known_error=row["known_error"] or "",
        )
        for row in db.query(_PROBLEMS)
    )


def known_error_items(db: Database) -> tuple[KnownErrorListRow, ...]:
    """Every known error as the KEDB list shows it, newest first."""
    return tuple(
        KnownErrorListRow(
            number=row["number"],
            title=one_line(row["title"]),
            symptom=one_line(row["symptom"]),
            cis=one_line(row["cis"] or ""),
            problem=row["problem"] or "",
        )
        for row in db.query(_KNOWN_ERRORS)
    )
