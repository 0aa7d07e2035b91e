"""What the store refuses, each with a message an operator can act on."""

from __future__ import annotations

from datetime import datetime

from sms_tui.models import AuditEntry


class StoreError(Exception):
    """Base of every error the store raises on purpose; str() is the one line to show."""


class NotADatabase(StoreError):
    """The path is missing, unreadable, a directory, or not an SQLite file."""


class SchemaTooNew(StoreError):
    """The database was migrated by a newer sms-tui than this one."""


class DatabaseBusy(StoreError):
    """Another operator held the write lock for longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__("database busy: another operator is saving, try again")


class NotFound(StoreError):
    """No record has that number or name."""


class Invalid(StoreError):
    """A record or a field was refused; the message names it."""


class Forbidden(StoreError):
    """The operator lacks the role the action needs; the refusal is audited."""


class StaleRecord(StoreError):
    """Someone else saved the record after it was read; nothing was written."""

    def __init__(
        self,
        kind: str,
        key: str,
        changes: list[AuditEntry],
        updated_by: str | None,
        updated_at: datetime | None,
    ) -> None:
        self.kind = kind
        self.key = key
        self.changes = changes
        self.updated_by = updated_by
        self.updated_at = updated_at
        fields = sorted({c.field for c in changes})
        when = f" at {updated_at:%Y-%m-%d %H:%M:%S}Z" if updated_at else ""
        what = f" ({', '.join(fields)})" if fields else ""
        super().__init__(
            f"{key} was changed by {updated_by or 'someone'}{when}{what}; reload and reapply"
        )
