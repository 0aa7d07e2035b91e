"""Operators: who is working the desk, and what they may do."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from sms_tui.models import Operator, Role
from sms_tui.store import families, records
from sms_tui.store.errors import NotFound


def get_operator(db: Database, login: str) -> Operator:
    return records.get(db, families.OPERATORS, login)


def list_operators(db: Database) -> list[Operator]:
    return records.select(db, families.OPERATORS)


def ensure_operator(db: Database, login: str, now: datetime) -> Operator:
    """The operator record for a Unix login, created on first use.

    The first operator of an empty desk becomes its admin, so a new desk can be set up
    by whoever created it; everyone after starts as a plain operator.
    """
    try:
        return get_operator(db, login)
    except NotFound:
        pass
    first = db.execute("SELECT 1 FROM operators LIMIT 1").fetchone() is None
    roles = [Role.OPERATOR, Role.ADMIN] if first else [Role.OPERATOR]
    fresh = Operator(login=login, display_name=login, roles=roles)
    return records.create(db, families.OPERATORS, fresh, operator=login, now=now)
