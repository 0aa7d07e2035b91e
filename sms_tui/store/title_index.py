"""The incident title index, built once per open database and kept current from the audit trail.

Reading and splitting 100,000 titles takes about a second, so it is not redone each time
search opens: every incident write adds audit rows, and the incidents named by the rows
after the last one seen (from this process or any other) are read again.
"""

from __future__ import annotations

import threading
import weakref

from sqlite_utils import Database

from sms_tui.store.match_inputs import last_audit_id
from sms_tui.store.search import incident_titles, incidents_written_since
from sms_tui.title_search import TitleIndex

_LOCK = threading.Lock()
_HELD: weakref.WeakKeyDictionary[Database, tuple[TitleIndex, int]] = weakref.WeakKeyDictionary()


def title_index(db: Database) -> TitleIndex:
    """Every incident's title and state as they are now, ready for `TitleIndex.find`."""
    with _LOCK:
        held = _HELD.get(db)
        if held is None:
            # The audit position first: a write landing during the read is read again later.
            seen = last_audit_id(db)
            index = TitleIndex(incident_titles(db))
        else:
            index, after = held
            seen, written = incidents_written_since(db, after)
            if written:
                index.put(incident_titles(db, written))
        _HELD[db] = (index, seen)
        return index
