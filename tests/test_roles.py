"""The store's role gate: a missing role is refused, the refusal is audited, admins pass."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlite_utils import Database

from sms_tui.models import Operator, Role
from sms_tui.store import families, records
from sms_tui.store.errors import Forbidden
from sms_tui.store.roles import REFUSAL_FIELD, require


def _operator(db: Database, login: str, roles: list[Role], now: datetime) -> None:
    records.create(
        db, families.OPERATORS, Operator(login=login, roles=roles), operator="setup", now=now
    )


def _refusals(db: Database) -> list[tuple[str, str, str, str, str]]:
    return db.execute(
        "SELECT kind, key, old_value, new_value, operator FROM audit WHERE field = ?",
        [REFUSAL_FIELD],
    ).fetchall()


def test_holder_of_the_role_passes_and_nothing_is_audited(db: Database, now: datetime) -> None:
    _operator(db, "cab", [Role.OPERATOR, Role.CAB_MEMBER], now)
    who = require(
        db, "cab", Role.CAB_MEMBER, action="approve", kind="change", key="CHG-00001", now=now
    )
    assert who.login == "cab"
    assert _refusals(db) == []


def test_admin_holds_every_role(db: Database, now: datetime) -> None:
    _operator(db, "root", [Role.ADMIN], now)
    require(db, "root", Role.CHANGE_MANAGER, action="approve", kind="change", key="CHG-1", now=now)
    assert _refusals(db) == []


def test_missing_role_is_refused_and_audited(db: Database, now: datetime) -> None:
    _operator(db, "ann", [Role.OPERATOR], now)
    with pytest.raises(Forbidden, match=r"ann may not approve CHG-00007: needs the cab_member"):
        require(
            db, "ann", Role.CAB_MEMBER, action="approve", kind="change", key="CHG-00007", now=now
        )
    assert _refusals(db) == [("change", "CHG-00007", "approve", "needs cab_member", "ann")]


def test_unknown_login_is_refused_and_audited(db: Database, now: datetime) -> None:
    with pytest.raises(Forbidden, match="unknown operator mallory"):
        require(db, "mallory", Role.ADMIN, action="import into", kind="desk", key="desk", now=now)
    assert len(_refusals(db)) == 1
