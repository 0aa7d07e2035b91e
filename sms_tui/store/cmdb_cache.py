"""Things built once from the CMDB and kept per database until a CMDB write makes them stale.

Every CI and relationship write, from any process, moves a counter (triggers of migration
m006), so one cheap read tells whether what was built is still true.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlite_utils import Database

T = TypeVar("T")


def generation(db: Database) -> int:
    """How many CMDB writes the database has seen: equal numbers, same CMDB."""
    row = db.execute("SELECT value FROM cmdb_generation WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


class PerDatabase(Generic[T]):
    """One value per open database, built by `build` and rebuilt when the CMDB has changed."""

    def __init__(self, build: Callable[[Database], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._cache: weakref.WeakKeyDictionary[Database, tuple[int, T]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, db: Database) -> T:
        with self._lock:
            seen = generation(db)
            cached = self._cache.get(db)
            if cached is not None and cached[0] == seen:
                return cached[1]
            value = self._build(db)
            self._cache[db] = (seen, value)
            return value

    def ready(self, db: Database) -> bool:
        """Is the value built and still true, so that `get` answers at once?"""
        with self._lock:
            cached = self._cache.get(db)
            return cached is not None and cached[0] == generation(db)
