"""The CMDB section: every CI with class, status, environment, owner and location, filterable.

The screen owns the query (name text, class, environment) and reads pages in a worker; the
table only shows the page it is given. At 50,000 CIs nothing here reads more than a few
screens of rows at a time.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from sms_tui.cmdb_keys import list_bindings
from sms_tui.cmdb_views import CiPage, CmdbQuery
from sms_tui.models import CiClass, Environment
from sms_tui.session import Session
from sms_tui.store.cmdb import count_cis, name_index, name_index_ready
from sms_tui.store.cmdb import page as read_page
from sms_tui.widgets.ci_table import CiTable
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar

EMPTY_HINT = "The CMDB is empty. Press n to add a CI, or import a desk with `sms-tui import`."
NO_MATCH_HINT = "No CI matches the filters."
FILTER_HINT = "/ filters by name: db prd 3, payapi"

E = TypeVar("E", bound=Enum)


def _next(options: list[E], current: E | None) -> E | None:
    """The option after `current`, then None (no filter), then the first again."""
    if current is None:
        return options[0]
    at = options.index(current) + 1
    return options[at] if at < len(options) else None


class CmdbScreen(Screen[None]):
    """The CMDB section's root screen. Owns the query and the data; children only show."""

    CSS_PATH = "cmdb.tcss"
    AUTO_FOCUS = "#cis"
    TITLE = "CMDB"

    BINDINGS: ClassVar[list[BindingType]] = list_bindings()

    @dataclass
    class PageRead(Message):
        """A worker read a page of the query."""

        page: CiPage

    # The screen draws nothing itself: a repaint of it would repaint every child on each
    # keystroke, so its values reach the children through data_bind only.
    filter_text: reactive[str] = reactive("", init=False, repaint=False)
    filtering: reactive[bool] = reactive(False, init=False, repaint=False)
    ci_class: reactive[CiClass | None] = reactive(None, init=False, repaint=False)
    environment: reactive[Environment | None] = reactive(None, init=False, repaint=False)
    page: reactive[CiPage | None] = reactive(None, init=False, repaint=False)
    total: reactive[int] = reactive(0, repaint=False)
    shown: reactive[int] = reactive(0, repaint=False)
    hint: reactive[str] = reactive("", repaint=False)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar("CMDB", config.operator, config.db_path)
        yield FilterBar("CIs", FILTER_HINT, blink=config.animations).data_bind(
            active=CmdbScreen.filtering, shown=CmdbScreen.shown, total=CmdbScreen.total
        )
        yield Static(id="cmdb-scope")
        yield CiTable(id="cis").data_bind(page=CmdbScreen.page, hint=CmdbScreen.hint)
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._changed)
        self._show_scope()
        self._read(0)
        self._count_all()

    def on_screen_resume(self) -> None:
        # This operator's own saves (in a form or the detail) do not move data_version.
        if self.page is not None:
            self._read(self.table.top)
            self._count_all()

    def _changed(self, _version: int) -> None:
        self._read(self.table.top)
        self._count_all()

    @property
    def cmdb_query(self) -> CmdbQuery:
        return CmdbQuery(self.filter_text, self.ci_class, self.environment)

    @property
    def table(self) -> CiTable:
        return self.query_one(CiTable)

    @property
    def typing(self) -> bool:
        """Is the keyboard in the filter field?"""
        return isinstance(self.focused, Input)

    def _read(self, top: int) -> None:
        body = max(self.table.body_height, self.app.size.height)
        self._read_page(self.cmdb_query, max(top - body, 0), 3 * body)

    @work(thread=True, exclusive=True, group="cmdb-page")
    def _read_page(self, query: CmdbQuery, offset: int, limit: int) -> None:
        worker = get_current_worker()
        try:
            found = read_page(self.session.db, query, offset, limit)
        except sqlite3.Error as error:
            why = f"Could not read the CMDB: {error}"
            self.app.call_from_thread(self.notify, why, severity="error", markup=False)
            return
        if not worker.is_cancelled:
            self.post_message(self.PageRead(found))

    @work(thread=True, exclusive=True, group="cmdb-count")
    def _count_all(self) -> None:
        db = self.session.db
        try:
            total = count_cis(db)
            self.app.call_from_thread(setattr, self, "total", total)
            # Built now, off the first frame, so that the first filter keystroke finds it.
            name_index(db)
        except sqlite3.Error:
            return

    @on(PageRead)
    def _show_page(self, message: PageRead) -> None:
        if message.page.query != self.cmdb_query:
            return  # the operator has typed or switched on since
        self._show(message.page)

    def _show(self, page: CiPage) -> None:
        self.page = page
        self.shown = page.total
        narrowed = bool(self.filter_text.strip()) or self.ci_class or self.environment
        self.hint = NO_MATCH_HINT if narrowed else EMPTY_HINT

    @on(CiTable.RowsWanted)
    def _read_more(self, event: CiTable.RowsWanted) -> None:
        self._read(event.top)

    @on(CiTable.Chosen)
    def _open(self, event: CiTable.Chosen) -> None:
        from sms_tui.screens.ci_detail import CiDetailScreen

        self.app.push_screen(CiDetailScreen(self.session, event.name))

    def watch_filter_text(self) -> None:
        db = self.session.db
        if not name_index_ready(db):
            self._read(0)
            return
        # The names are in memory: a keystroke narrows them in a few milliseconds, less
        # than a worker's hand-off back to this thread would cost.
        self.workers.cancel_group(self, "cmdb-page")
        body = max(self.table.body_height, self.app.size.height)
        try:
            found = read_page(db, self.cmdb_query, 0, 3 * body)
        except sqlite3.Error:
            self._read(0)
            return
        self._show(found)

    def watch_ci_class(self) -> None:
        self._show_scope()
        self._read(0)

    def watch_environment(self) -> None:
        self._show_scope()
        self._read(0)

    def watch_filtering(self) -> None:
        self.refresh_bindings()

    def _show_scope(self) -> None:
        cls = self.ci_class.value.replace("_", " ") if self.ci_class else "every class"
        env = self.environment.value if self.environment else "every environment"
        self.query_one("#cmdb-scope", Static).update(
            Content.assemble(("c ", "bold"), cls, ("  \u00b7  e ", "bold"), env)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            return not self.typing
        if action == "accept_filter":
            return self.typing
        if action == "clear_filter":
            return (
                self.filtering
                or bool(self.filter_text)
                or self.ci_class is not None
                or self.environment is not None
            )
        if action in ("next_class", "next_environment", "new_ci"):
            return not self.typing
        return True

    def action_filter(self) -> None:
        if self.filtering:
            self.query_one(FilterBar).focus_input()
        self.filtering = True

    def action_accept_filter(self) -> None:
        self.set_focus(self.table)

    def action_clear_filter(self) -> None:
        self.filtering = False
        self.filter_text = ""
        self.ci_class = None
        self.environment = None
        self.set_focus(self.table)
        self.refresh_bindings()

    def action_next_class(self) -> None:
        self.ci_class = _next(list(CiClass), self.ci_class)
        self.refresh_bindings()

    def action_next_environment(self) -> None:
        self.environment = _next(list(Environment), self.environment)
        self.refresh_bindings()

    def action_new_ci(self) -> None:
        from sms_tui.ci_flow import CiFormFlow

        CiFormFlow(self, self.session).create(self._created)

    def _created(self, name: str) -> None:
        from sms_tui.screens.ci_detail import CiDetailScreen

        self.app.push_screen(CiDetailScreen(self.session, name))

    @on(FilterBar.Changed)
    def _filter(self, event: FilterBar.Changed) -> None:
        self.filter_text = event.query
