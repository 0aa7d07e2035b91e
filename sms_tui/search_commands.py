"""Global search in the command palette: every record, by number or name, as a command.

The same store queries and name index as the search screen; choosing a hit opens the
record's detail screen, or says that its kind has none yet.
"""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider

from sms_tui.openers import detail_screen
from sms_tui.record_search import Found, NameIndex, RecordName
from sms_tui.safe_text import one_line
from sms_tui.search_view import kind_label, result_line
from sms_tui.session import Session
from sms_tui.store.search import by_number_or_prefix, record_names
from sms_tui.store.title_index import title_index
from sms_tui.title_search import TitleIndex

LIMIT = 10


class SearchCommands(Provider):
    """Records found by number or name, each a palette command that opens it."""

    _names: NameIndex | None = None
    _titles: TitleIndex | None = None

    @property
    def session(self) -> Session | None:
        session = getattr(self.app, "session", None)
        return session if isinstance(session, Session) else None

    async def startup(self) -> None:
        session = self.session
        if session is not None:
            self._names = await asyncio.to_thread(lambda: NameIndex(record_names(session.db)))
            self._titles = await asyncio.to_thread(title_index, session.db)

    async def search(self, query: str) -> Hits:
        session = self.session
        text = query.strip()
        if session is None or len(text) < 2:
            return
        found = [Found(r, 100, "") for r in by_number_or_prefix(session.db, text, LIMIT)]
        if self._names is not None:
            seen = {(f.record.kind, f.record.key) for f in found}
            fuzzy = await asyncio.to_thread(self._names.find, text, LIMIT)
            if self._titles is not None:
                fuzzy += await asyncio.to_thread(self._titles.find, text, LIMIT)
                fuzzy.sort(key=lambda f: -f.score)
            found += [f for f in fuzzy if (f.record.kind, f.record.key) not in seen]
        for item in found[:LIMIT]:
            yield Hit(
                item.score / 100,
                result_line(item.record, "", 60),
                partial(self._open, session, item.record),
                text=f"{item.record.key} {item.record.label}",
            )

    def _open(self, session: Session, record: RecordName) -> None:
        screen = detail_screen(session, record.kind, record.key)
        if screen is None:
            self.app.notify(
                f"{one_line(record.key, limit=30)}: {kind_label(record.kind)}s have no detail "
                "screen yet.",
                markup=False,
                severity="warning",
            )
            return
        self.app.push_screen(screen)
