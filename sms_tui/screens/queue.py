"""The incident queue: views with counts, sort, filter as you type, live rows and SLA clocks.

The screen owns the query (view, filter, sort) and reads pages and counts in workers; its
children only show what they are given. At 100,000 incidents nothing here reads more than a
few screens of rows at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from sms_tui.queue_keys import queue_bindings, view_binding_id
from sms_tui.queue_views import (
    DEFAULT_VIEW,
    VIEWS,
    QueueItem,
    QueuePage,
    QueueQuery,
    ServiceSla,
    Sort,
    View,
    next_sort,
)
from sms_tui.safe_text import one_line
from sms_tui.session import Session
from sms_tui.store.queue import read_page, service_slas, view_counts
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.queue_preview import QueuePreview
from sms_tui.widgets.queue_table import QueueTable
from sms_tui.widgets.view_tabs import Tab, ViewTabs

if TYPE_CHECKING:
    from sms_tui.triage_flow import TriageFlow

EMPTY_HINT = "No incident in this view."
NO_MATCH_HINT = "No incident matches the filter."
FILTER_HINT = "/ filters by number, title, caller, CI or service"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class _Request:
    """Which page to read: around an incident, around a row, or from a row."""

    query: QueueQuery
    before: int
    limit: int
    cursor: int | None = None
    anchor: str | None = None
    start: int = 0


class QueueScreen(Screen[None]):
    """The incidents section's root screen. Owns the query and the data; children only show."""

    CSS_PATH = "queue.tcss"
    AUTO_FOCUS = "#queue"
    TITLE = "Incidents"

    BINDINGS: ClassVar[list[BindingType]] = queue_bindings()

    @dataclass
    class PageRead(Message):
        """A worker read a page (and, when they were stale, the services' SLA terms)."""

        page: QueuePage
        slas: Mapping[str, ServiceSla] | None

    @dataclass
    class ReadFailed(Message):
        """A worker could not read the database (busy, locked, gone)."""

        reason: str

    @dataclass
    class CountsRead(Message):
        """A worker counted every view."""

        counts: Mapping[View, int]

    # The screen draws nothing itself: a repaint of it would repaint every child, so its
    # values reach the children through data_bind only.
    view: reactive[View] = reactive(DEFAULT_VIEW, init=False, repaint=False)
    sort: reactive[Sort] = reactive(Sort, init=False, repaint=False)
    filter_text: reactive[str] = reactive("", init=False, repaint=False)
    filtering: reactive[bool] = reactive(False, init=False, repaint=False)
    page: reactive[QueuePage | None] = reactive(None, init=False, repaint=False)
    slas: reactive[Mapping[str, ServiceSla]] = reactive(dict, init=False, repaint=False)
    now: reactive[datetime] = reactive(lambda: _EPOCH, init=False, repaint=False)
    tabs: reactive[tuple[Tab, ...]] = reactive((), repaint=False)
    total: reactive[int] = reactive(0, repaint=False)
    shown: reactive[int] = reactive(0, repaint=False)
    hint: reactive[str] = reactive("", repaint=False)
    highlighted: reactive[QueueItem | None] = reactive(None, repaint=False)
    pending: reactive[bool] = reactive(False, repaint=False)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._counts: Mapping[View, int] = {}
        self._slas_stale = True
        self._minute = -1
        self._reading = False
        self._accepting = False
        self._ticker: Timer | None = None
        self._scrolling = False
        self._flow: TriageFlow | None = None

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar("Incidents", config.operator, config.db_path)
        yield ViewTabs().data_bind(tabs=QueueScreen.tabs)
        yield FilterBar("incidents", FILTER_HINT, blink=config.animations).data_bind(
            active=QueueScreen.filtering, shown=QueueScreen.shown, total=QueueScreen.total
        )
        yield QueueTable(id="queue").data_bind(
            page=QueueScreen.page,
            slas=QueueScreen.slas,
            now=QueueScreen.now,
            sort=QueueScreen.sort,
            hint=QueueScreen.hint,
            pending=QueueScreen.pending,
            selected=QueueScreen.selected,
        )
        yield QueuePreview().data_bind(item=QueueScreen.highlighted)
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._changed)
        self.now = self.session.config.clock()
        self._minute = self._minute_of(self.now)
        self._ticker = self.set_interval(1.0, self._tick)
        self._update_tabs()
        self._read(cursor=0)
        self._count()

    def on_screen_suspend(self) -> None:
        # Hidden under the incident's detail: no clock to tick, nothing to send.
        if self._ticker is not None:
            self._ticker.pause()

    selected: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    """Incidents marked with space: the action keys act on these, else on the cursor row."""

    @property
    def flow(self) -> TriageFlow:
        # Built on first use: the dialogs it opens are not needed for the first frame.
        if self._flow is None:
            from sms_tui.triage_flow import TriageFlow

            self._flow = TriageFlow(self, self.session, self._after_triage)
        return self._flow

    def action_toggle_select(self) -> None:
        number = self.table.current_number
        if number is not None:
            self.selected = self.selected ^ {number}

    def action_triage(self, name: str) -> None:
        numbers = sorted(self.selected) or [n for n in (self.table.current_number,) if n]
        if numbers:
            from sms_tui.store.incidents import get_incident

            self.flow.run(name, [get_incident(self.session.db, n) for n in numbers])

    def action_new_incident(self) -> None:
        self.flow.new_incident(self._open_number)

    def action_make_problem(self) -> None:
        numbers = sorted(self.selected) or [n for n in (self.table.current_number,) if n]
        if numbers:
            from sms_tui.problem_from_queue import make_problem

            make_problem(self, self.session, numbers, self._after_triage)

    def _after_triage(self) -> None:
        self.selected = frozenset()
        self.on_screen_resume()

    def _open_number(self, number: str) -> None:
        from sms_tui.screens.incident_detail import IncidentDetailScreen

        self.app.push_screen(IncidentDetailScreen(self.session, number))

    def on_screen_resume(self) -> None:
        if self._ticker is not None:
            self._ticker.resume()
        if self.page is not None:
            # This operator's own saves (in the detail) do not move data_version: read again.
            self._tick()
            self._refresh_rows()
            self._count()

    @property
    def queue_query(self) -> QueueQuery:
        return QueueQuery(self.view, self.session.config.operator, self.filter_text, self.sort)

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    @property
    def typing(self) -> bool:
        """Is the keyboard in the filter field?"""
        return isinstance(self.focused, Input)

    def _read(
        self,
        *,
        cursor: int | None = None,
        anchor: str | None = None,
        row: int = 0,
        start: int = 0,
    ) -> None:
        """Read a page of the current query in a worker; a newer read cancels this one.

        The page holds a screen of rows above the one on screen (the cursor being `row`
        rows down it) and a screen below.
        """
        # Before the first layout the table has no height yet: a terminal's worth will do.
        body = max(self.table.body_height, self.app.size.height)
        before = body + row
        request = _Request(self.queue_query, before, before + 2 * body, cursor, anchor, start)
        if cursor is not None:
            self._reading = True
            self._sync_pending()
        # A read that places the cursor brings its own rows; a scroll read stands alone.
        self._scrolling = cursor is None
        self._read_page(request, self._slas_stale)

    @work(thread=True, exclusive=True, group="queue-page")
    def _read_page(self, request: _Request, with_slas: bool) -> None:
        worker = get_current_worker()
        db = self.session.db
        try:
            slas = service_slas(db) if with_slas else None
            page = read_page(
                db,
                request.query,
                self.session.config.clock(),
                before=request.before,
                limit=request.limit,
                cursor=request.cursor,
                anchor=request.anchor,
                start=request.start,
            )
        except sqlite3.Error as error:
            self.post_message(self.ReadFailed(str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.PageRead(page, slas))

    @work(thread=True, exclusive=True, group="queue-counts")
    def _count(self) -> None:
        worker = get_current_worker()
        config = self.session.config
        try:
            counts = view_counts(self.session.db, config.operator, config.clock())
        except sqlite3.Error as error:
            self.post_message(self.ReadFailed(str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.CountsRead(counts))

    @on(ReadFailed)
    def _report(self, message: ReadFailed) -> None:
        # The queue keeps what it showed; the next change or key reads again.
        self._reading = self._scrolling = False
        self._sync_pending()
        self.notify(
            one_line(message.reason, limit=200),
            title="Cannot read the queue",
            severity="error",
            markup=False,
        )

    @on(PageRead)
    def _show_page(self, message: PageRead) -> None:
        if message.page.query != self.queue_query:
            return  # the operator has typed or switched on since
        if message.slas is not None:
            self._slas_stale = False
            self.slas = message.slas
        self._scrolling = False
        self.page = message.page
        if message.page.cursor is not None:
            self._reading = False
            self._sync_pending()
        self.shown = message.page.total
        self._update_total()
        self.hint = NO_MATCH_HINT if self.filter_text.strip() else EMPTY_HINT

    @on(CountsRead)
    def _show_counts(self, message: CountsRead) -> None:
        self._counts = message.counts
        self._update_total()
        self._update_tabs()

    def _update_total(self) -> None:
        # Unfiltered, the page's own count is the freshest figure for the view.
        filtered = bool(self.filter_text.strip())
        self.total = self._counts.get(self.view, self.shown) if filtered else self.shown

    def _update_tabs(self) -> None:
        self.tabs = tuple(
            Tab(
                binding=view_binding_id(spec.view),
                key=spec.key,
                label=spec.label,
                short=spec.short,
                count=self._counts.get(spec.view),
                active=spec.view == self.view,
            )
            for spec in VIEWS
        )

    def _changed(self, _version: int) -> None:
        """Another connection committed: the same incident stays under the cursor."""
        self._slas_stale = True
        self._refresh_rows()
        self._count()

    def _refresh_rows(self) -> None:
        table = self.table
        self._read(cursor=table.cursor, anchor=table.current_number, row=table.screen_row)

    @staticmethod
    def _minute_of(moment: datetime) -> int:
        return int(moment.timestamp()) // 60

    def _tick(self) -> None:
        self.now = self.session.config.clock()
        minute = self._minute_of(self.now)
        if minute != self._minute:
            # "Breaching soon" is a window on the clock: it gains and loses rows as time passes.
            self._minute = minute
            self._count()
            if self.view == View.BREACHING:
                self._refresh_rows()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            # While typing, "/" is text (Textual does not count "slash" as printable).
            return not self.typing
        if action == "accept_filter":
            return self.typing
        if action in ("toggle_select", "triage", "new_incident", "make_problem"):
            return not self.typing
        if action == "clear_filter":
            return self.filtering or bool(self.filter_text)
        return True

    def watch_filtering(self) -> None:
        self.refresh_bindings()

    def watch_view(self) -> None:
        self._update_tabs()
        self._read(cursor=0)

    def watch_filter_text(self) -> None:
        self._read(cursor=0)

    def watch_sort(self) -> None:
        self._refresh_rows()

    def action_show_view(self, view: str) -> None:
        self.view = View(view)

    def action_sort_next(self) -> None:
        self.sort = Sort(next_sort(self.sort.column), False)

    def action_reverse(self) -> None:
        self.sort = Sort(self.sort.column, not self.sort.descending)

    def action_filter(self) -> None:
        if self.filtering:
            self.query_one(FilterBar).focus_input()
        self.filtering = True

    def action_clear_filter(self) -> None:
        self.filtering = False
        self.filter_text = ""
        # set_focus, not focus(): at once, before the next key is handed on.
        self.set_focus(self.table)

    def action_accept_filter(self) -> None:
        # Over SSH "/web⏎j⏎" comes in one packet: the field may not have taken "web" yet
        # when the enter moves the keyboard to the table. Keys after the enter wait until
        # the field has caught up and the filtered rows are in.
        self._accepting = True
        self._sync_pending()
        self.query_one("#filter-input", Input).call_later(self._accept_typed)
        self.set_focus(self.table)

    def _accept_typed(self) -> None:
        """Runs in the filter field once it has taken every key typed before the enter."""
        self._accepting = False
        self.filter_text = self._typed()
        self._sync_pending()

    def _sync_pending(self) -> None:
        self.pending = self._reading or self._accepting

    def _typed(self) -> str:
        return self.query_one("#filter-input", Input).value if self.filtering else ""

    @on(FilterBar.Changed)
    def _filter(self, _event: FilterBar.Changed) -> None:
        # The field as it is now: a message queued behind later keystrokes is stale.
        self.filter_text = self._typed()

    @on(QueueTable.Highlighted)
    def _follow_cursor(self, event: QueueTable.Highlighted) -> None:
        page = self.page
        items = () if page is None else page.items
        self.highlighted = next((i for i in items if i.number == event.number), None)

    @on(QueueTable.IncidentChosen)
    def _open_incident(self, event: QueueTable.IncidentChosen) -> None:
        # Imported when first needed: the first frame of the queue does not wait for it.
        self._open_number(event.number)

    @on(QueueTable.RowsWanted)
    def _read_more(self, event: QueueTable.RowsWanted) -> None:
        if self.pending or self.page is None or self.page.query != self.queue_query:
            return  # a read that places the cursor is on its way, with its own rows
        if self._scrolling:
            # One scroll read at a time: a burst of "j" asks again when this one lands.
            return
        self._read(start=max(event.top - self.table.body_height, 0))
