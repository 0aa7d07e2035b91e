"""The incident queue's reads: one page of a view at a time, where an incident sits in it,
and how many incidents each view holds.

Never the whole table: every read is an indexed WHERE plus ORDER BY ... LIMIT/OFFSET, and
only the page's rows get their first CI and state history. Sorting by SLA uses the cached
`resolve_due_at` column (index incidents_by_due); the clocks themselves are computed from
the history by the caller.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from sms_tui.models import (
    IncidentState,
    PendingReason,
    Priority,
    SlaTarget,
    StateChange,
    iso,
    utc,
)
from sms_tui.queue_views import (
    BREACHING_SOON,
    QueueItem,
    QueuePage,
    QueueQuery,
    ServiceSla,
    Sort,
    SortColumn,
    View,
)
from sms_tui.sla import schedule
from sms_tui.store import families, records

_OPEN = "('new', 'assigned', 'in_progress', 'pending')"
_RUNNING = "('new', 'assigned', 'in_progress')"

VIEW_SQL: Mapping[View, str] = {
    View.MINE: f"i.assignee = :operator AND i.state IN {_OPEN}",
    View.UNASSIGNED: f"i.assignee IS NULL AND i.state IN {_OPEN}",
    View.BREACHING: f"i.state IN {_RUNNING} AND i.resolve_due_at >= :now AND i.resolve_due_at < :soon",
    View.MAJOR: f"i.state IN {_OPEN} AND (i.priority IN ('P1', 'P2') OR i.major = 1)",
    View.PENDING: "i.state = 'pending'",
    View.OPEN: f"i.state IN {_OPEN}",
    View.RESOLVED: "i.state = 'resolved'",
}

_STATE_ORDER = (
    "CASE i.state "
    + " ".join(f"WHEN '{state.value}' THEN {n}" for n, state in enumerate(IncidentState))
    + " END"
)
_CLOCK = "i.resolve_due_at IS NULL, i.resolve_due_at"
# Each column: an optional "nulls last" term that never flips, and the term that does.
_SORT_SQL: Mapping[SortColumn, tuple[str | None, str]] = {
    SortColumn.NUMBER: (None, "i.number"),
    SortColumn.PRIORITY: (None, "i.priority"),
    SortColumn.STATE: (None, _STATE_ORDER),
    SortColumn.TITLE: (None, "i.title COLLATE NOCASE"),
    SortColumn.SERVICE: ("i.service IS NULL", "i.service COLLATE NOCASE"),
    SortColumn.ASSIGNEE: ("i.assignee IS NULL", "i.assignee COLLATE NOCASE"),
    SortColumn.CLOCK: ("i.resolve_due_at IS NULL", "i.resolve_due_at"),
}

_MATCH = (
    "(i.number LIKE :{w} ESCAPE '\\' OR i.title LIKE :{w} ESCAPE '\\' "
    "OR i.caller LIKE :{w} ESCAPE '\\' OR i.service LIKE :{w} ESCAPE '\\' "
    "OR EXISTS (SELECT 1 FROM incident_cis c WHERE c.incident = i.number "
    "AND c.ci LIKE :{w} ESCAPE '\\'))"
)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(query: QueueQuery, now: datetime) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"operator": query.operator}
    if query.view == View.BREACHING:
        params.update(now=iso(now), soon=iso(now + BREACHING_SOON))
    clauses = [VIEW_SQL[query.view]]
    for n, word in enumerate(query.words):
        name = f"w{n}"
        params[name] = _like(word)
        clauses.append(_MATCH.format(w=name))
    return " AND ".join(clauses), params


def order_by(sort: Sort) -> str:
    """ORDER BY terms: the column, then the SLA due time, then the number (a total order)."""
    nulls, term = _SORT_SQL[sort.column]
    way = " DESC" if sort.descending else ""
    terms = [] if nulls is None else [nulls]
    terms.append(term + way)
    if sort.column != SortColumn.CLOCK:
        terms.append(_CLOCK)
    terms.append("i.number" + way)
    return ", ".join(terms)


def count(db: Database, query: QueueQuery, now: datetime) -> int:
    """How many incidents match the query (its view and filter)."""
    where, params = _where(query, now)
    row = db.execute(f"SELECT count(*) FROM incidents i WHERE {where}", params).fetchone()
    return int(row[0])


def locate(db: Database, query: QueueQuery, number: str, now: datetime) -> int | None:
    """Where incident `number` sits in the query's order (0 first), or None if it is not in it."""
    where, params = _where(query, now)
    row = db.execute(
        f"SELECT position FROM (SELECT i.number, row_number() OVER (ORDER BY {order_by(query.sort)}) - 1 "
        f"AS position FROM incidents i WHERE {where}) WHERE number = :anchor",
        {**params, "anchor": number},
    ).fetchone()
    return None if row is None else int(row[0])


def page(
    db: Database, query: QueueQuery, offset: int, limit: int, now: datetime
) -> tuple[tuple[QueueItem, ...], int]:
    """Rows `offset` to `offset + limit` of the query in its order, and how many match in all."""
    where, params = _where(query, now)
    params.update(limit=max(limit, 0), offset=max(offset, 0))
    order = order_by(query.sort)
    if query.words:
        # A filter makes every row costly to test: count in the same pass with a window.
        rows = db.execute(
            f"SELECT i.number, count(*) OVER () FROM incidents i WHERE {where} "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset",
            params,
        ).fetchall()
        total = int(rows[0][1]) if rows else None
    else:
        rows = db.execute(
            f"SELECT i.number FROM incidents i WHERE {where} ORDER BY {order} "
            "LIMIT :limit OFFSET :offset",
            params,
        ).fetchall()
        total = None
    if total is None:
        total = count(db, query, now)
    return items(db, [row[0] for row in rows]), total


def read_page(
    db: Database,
    query: QueueQuery,
    now: datetime,
    *,
    before: int,
    limit: int,
    cursor: int | None = None,
    anchor: str | None = None,
    start: int = 0,
) -> QueuePage:
    """A page for the screen: around incident `anchor` if it is still in the query, else
    around row `cursor`, else from row `start`. `before` rows are read above the cursor.

    The page's cursor is where the anchor is now, or `cursor` clipped to the rows there are.
    """
    if anchor is not None:
        found = locate(db, query, anchor, now)
        cursor = found if found is not None else cursor
    offset = max((start if cursor is None else cursor - before), 0)
    rows, total = page(db, query, offset, limit, now)
    if offset and offset >= total:
        # The rows shrank below the page (a narrower filter, incidents resolved meanwhile).
        offset = max(total - limit, 0)
        rows, total = page(db, query, offset, limit, now)
    if cursor is not None:
        cursor = min(cursor, max(total - 1, 0))
    return QueuePage(query, offset, rows, total, cursor)


def items(db: Database, numbers: Sequence[str]) -> tuple[QueueItem, ...]:
    """Queue rows for these incidents, in the order given (unknown numbers are skipped)."""
    if not numbers:
        return ()
    marks = ", ".join("?" for _ in numbers)
    rows = {
        row["number"]: row
        for row in db.query(
            "SELECT number, title, caller, priority, state, service, assignee, major, opened_at, "
            "(SELECT ci FROM incident_cis WHERE incident = number ORDER BY position LIMIT 1) AS ci "
            f"FROM incidents WHERE number IN ({marks})",
            list(numbers),
        )
    }
    histories = _histories(db, numbers)
    return tuple(
        QueueItem(
            number=row["number"],
            title=row["title"],
            caller=row["caller"],
            priority=Priority(row["priority"]),
            state=IncidentState(row["state"]),
            service=row["service"],
            ci=row["ci"],
            assignee=row["assignee"],
            major=bool(row["major"]),
            opened_at=utc(row["opened_at"]),
            history=tuple(histories.get(number, ())),
        )
        for number in numbers
        if (row := rows.get(number)) is not None
    )


def _histories(db: Database, numbers: Sequence[str]) -> dict[str, list[StateChange]]:
    found: dict[str, list[StateChange]] = defaultdict(list)
    marks = ", ".join("?" for _ in numbers)
    for incident, at, state, reason, operator in db.execute(
        "SELECT incident, at, state, reason, operator FROM incident_history "
        f"WHERE incident IN ({marks}) ORDER BY incident, position",
        list(numbers),
    ):
        # Read back what the store itself validated on the way in.
        found[incident].append(
            StateChange.model_construct(
                at=utc(at),
                state=IncidentState(state),
                reason=None if reason is None else PendingReason(reason),
                operator=operator,
            )
        )
    return found


def view_counts(db: Database, operator: str, now: datetime) -> dict[View, int]:
    """How many incidents each view holds, unfiltered: one indexed count per view."""
    return {view: count(db, QueueQuery(view, operator), now) for view in View}


def service_slas(db: Database) -> dict[str, ServiceSla]:
    """Each service's compiled calendar and targets, for computing the queue's clocks."""
    calendars = {c.name: schedule(c) for c in records.select(db, families.CALENDARS)}
    slas: dict[str, ServiceSla] = {}
    for name, calendar, targets in db.execute("SELECT name, calendar, targets FROM services"):
        plan = calendars.get(calendar)
        if plan is None:
            continue
        # Validated on the way in; constructing skips a second validation of every target.
        parsed = [
            SlaTarget.model_construct(
                priority=Priority(t["priority"]),
                respond_minutes=int(t["respond_minutes"]),
                resolve_minutes=int(t["resolve_minutes"]),
            )
            for t in json.loads(targets)
        ]
        slas[name] = ServiceSla(plan, {t.priority: t for t in parsed})
    return slas
