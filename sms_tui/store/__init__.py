"""The store of record: one SQLite file, migrated on open, written only in short
`BEGIN IMMEDIATE` transactions with version checks and audit rows. Hands out models, never rows.
Imports nothing from Textual."""

from sms_tui.store.connection import open_memory, open_store
from sms_tui.store.errors import (
    DatabaseBusy,
    Invalid,
    NotADatabase,
    NotFound,
    SchemaTooNew,
    StaleRecord,
    StoreError,
)
from sms_tui.store.transaction import write

__all__ = [
    "DatabaseBusy",
    "Invalid",
    "NotADatabase",
    "NotFound",
    "SchemaTooNew",
    "StaleRecord",
    "StoreError",
    "open_memory",
    "open_store",
    "write",
]
