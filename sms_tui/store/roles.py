"""Who may do what, checked where the writes happen so that no caller can skip it.

The UI and the CLI ask first to give a friendlier message, but the store is the gate:
an action without its role is refused, and the refusal itself is audited.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from sms_tui.models import Operator, Role, iso
from sms_tui.store import families, records
from sms_tui.store.errors import Forbidden, NotFound
from sms_tui.store.transaction import write

REFUSAL_FIELD = "refused"


def require(
    db: Database,
    login: str,
    role: Role,
    *,
    action: str,
    kind: str,
    key: str,
    now: datetime,
) -> Operator:
    """The operator, if they hold `role` (admins hold every role); else audit and refuse.

    Call it before opening the write transaction: the refusal is written in a transaction
    of its own, so it survives even though the action does not.
    """
    try:
        operator = records.get(db, families.OPERATORS, login)
    except NotFound:
        operator = None
    if operator is not None and operator.has(role):
        return operator
    record_refusal(db, login, action=action, kind=kind, key=key, reason=f"needs {role}", now=now)
    who = "unknown operator" if operator is None else "operator"
    raise Forbidden(f"{who} {login} may not {action} {key}: needs the {role} role")


def record_refusal(
    db: Database, login: str, *, action: str, kind: str, key: str, reason: str, now: datetime
) -> None:
    """One audit row saying that `login` tried `action` on a record and was refused."""
    with write(db):
        db.execute(
            "INSERT INTO audit (kind, key, field, old_value, new_value, operator, at, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            [kind, key, REFUSAL_FIELD, action, reason, login, iso(now)],
        )
