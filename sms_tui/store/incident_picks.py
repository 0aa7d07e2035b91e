"""Short lists for the triage pickers: incidents a parent can be chosen from."""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database


class IncidentRef(NamedTuple):
    """An incident as a picker lists it."""

    number: str
    title: str
    state: str


def parent_candidates(db: Database, exclude: set[str], limit: int = 1_000) -> list[IncidentRef]:
    """The newest incidents not closed (a parent is usually recent and open), newest first."""
    rows = db.execute(
        "SELECT number, title, state FROM incidents WHERE state != 'closed' "
        "ORDER BY number DESC LIMIT :limit",
        {"limit": limit + len(exclude)},
    ).fetchall()
    refs = [IncidentRef(*row) for row in rows if row[0] not in exclude]
    return refs[:limit]
