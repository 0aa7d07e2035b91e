"""The app's one matcher index: built in a worker thread on first use, then kept current.

Building over 50,000 CIs takes seconds, so it never runs on the UI thread, and not at
start-up either (the first frame must not wait for it): the first screen that wants
suggestions starts it. Afterwards a cheap look at the newest audit row each second, and the
session's news of other connections' commits, start a refresh that re-reads only the
records written since. Screens ask `suggest`, which answers None until the index is ready.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import TYPE_CHECKING

from sqlite_utils import Database
from textual.dom import DOMNode
from textual.signal import Signal

from sms_tui.models import Relationship
from sms_tui.store import StoreError, open_store
from sms_tui.store.match_inputs import (
    MatchChanges,
    all_relationships,
    last_audit_id,
    load_match_inputs,
    match_changes,
)

if TYPE_CHECKING:
    # rapidfuzz and the matcher load with the first index, not with the app.
    from sms_tui.matching import MatchIndex, Query, Suggestions


class MatchSource:
    """The matcher index shared by every screen of one app, and news of its updates."""

    CHECK_SECONDS = 1.0

    def __init__(self, owner: DOMNode, db: Database, changes: Signal[int] | None = None) -> None:
        self._owner = owner
        self._db = db
        self._changes = changes
        self._lock = threading.Lock()
        self._index: MatchIndex | None = None
        self._audit_id = -1
        self._relationship_count = 0
        self._started = False
        self._busy = False
        self.failure = ""
        """Why the index could not be built, if it could not."""
        self.updated: Signal[int] = Signal(owner, "matches-updated")
        """Published on the UI thread with a new generation number once the index changed."""
        self.generation = 0

    @property
    def ready(self) -> bool:
        return self._index is not None

    def want(self) -> None:
        """Start building the index, unless that has already started."""
        if self._started:
            return
        self._started = True
        self._run()
        self._owner.set_interval(self.CHECK_SECONDS, self._check)
        if self._changes is not None:
            self._changes.subscribe(self._owner, lambda _version: self._run())

    def suggest(self, query: Query, limit: int = 5) -> Suggestions | None:
        """The best CIs and known errors for `query`, or None while the index is being built."""
        from sms_tui.matching import suggest

        with self._lock:
            if self._index is None:
                return None
            return suggest(self._index, query, limit)

    def label(self, kind: str, key: str) -> str:
        """A known error's title or a CI's class, as the index knows it ("" if it does not)."""
        with self._lock:
            index = self._index
            if index is None:
                return ""
            if kind == "known_error":
                known_error = index.known_errors.get(key)
                return "" if known_error is None else known_error.title
            ci = index.cis.get(key)
            return "" if ci is None else ci.ci_class.value.replace("_", " ")

    def _check(self) -> None:
        # One indexed max() a second: every audited write, here or elsewhere, moves it. A
        # busy or vanished database only delays the refresh to the next look.
        with suppress(Exception):
            if self._index is not None and last_audit_id(self._db) != self._audit_id:
                self._run()

    def _run(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._owner.run_worker(
            self._work, thread=True, group="match-index", name="match index", exit_on_error=False
        )

    def _work(self) -> None:
        try:
            db, own = self._reader()
            try:
                if self._index is None:
                    self._build(db)
                else:
                    self._refresh(db)
                self.failure = ""
            finally:
                if own:
                    db.conn.close()
        except Exception as error:  # the desk goes on without suggestions, saying why
            self.failure = str(error) or type(error).__name__
        finally:
            self._busy = False
        with suppress(RuntimeError):  # the app closed meanwhile
            self._owner.app.call_from_thread(self._publish)

    def _reader(self) -> tuple[Database, bool]:
        """A connection of the worker's own for a file (WAL readers never wait on writers)."""
        rows = self._db.execute("PRAGMA database_list").fetchall()
        path = next((row[2] for row in rows if row[1] == "main"), "")
        if not path:
            return self._db, False
        try:
            return open_store(path, create=False), True
        except StoreError:
            return self._db, False

    def _build(self, db: Database) -> None:
        from sms_tui.matching import MatchIndex

        inputs = load_match_inputs(db)
        index = MatchIndex.build(
            inputs.cis, inputs.relationships, inputs.known_errors, inputs.services
        )
        with self._lock:
            self._index = index
            self._audit_id = inputs.audit_id
            self._relationship_count = inputs.relationship_count
            self.generation += 1

    def _refresh(self, db: Database) -> None:
        changes = match_changes(db, self._audit_id)
        rebuild_graph = changes.relationship_count != self._relationship_count
        relationships = all_relationships(db) if rebuild_graph else []
        with self._lock:
            index = self._index
            assert index is not None
            self._audit_id = changes.audit_id
            if changes.empty and not rebuild_graph:
                return
            _apply(index, changes, relationships if rebuild_graph else None)
            self._relationship_count = changes.relationship_count
            self.generation += 1

    def _publish(self) -> None:
        self.updated.publish(self.generation)


def _apply(
    index: MatchIndex, changes: MatchChanges, relationships: list[Relationship] | None
) -> None:
    for name in changes.gone_cis:
        index.remove_ci(name)
    for ci in changes.cis:
        index.add_ci(ci)
    if relationships is not None:
        from sms_tui.matching.graph import Graph

        index.graph = Graph()
        for relationship in relationships:
            index.add_relationship(relationship)
    else:
        for ci in changes.cis:
            index.graph.drop(ci.name)
        edges = {
            (r.source, r.kind, r.target): r for rs in changes.relationships.values() for r in rs
        }
        for relationship in edges.values():
            index.add_relationship(relationship)
    for number in changes.gone_known_errors:
        index.remove_known_error(number)
    for known_error in changes.known_errors:
        index.add_known_error(known_error)
    for name in changes.gone_services:
        index.remove_service(name)
    for service in changes.services:
        index.add_service(service)
