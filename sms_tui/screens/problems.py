"""The problems section: the problems and the known-error database, filterable and sortable.

The screen owns the rows, the view, the filter and the sort; the tables only show what they
are given. `enter` opens the highlighted record's detail.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from sms_tui.openers import detail_screen
from sms_tui.problem_keys import list_bindings
from sms_tui.problem_rows import (
    SORTS,
    KnownErrorListRow,
    ListRow,
    ProblemListRow,
    ProblemView,
    arrange,
)
from sms_tui.safe_text import one_line
from sms_tui.session import Session
from sms_tui.store.problem_lists import known_error_items, problem_items
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.problem_table import ProblemTable
from sms_tui.widgets.view_tabs import Tab, ViewTabs

ROW_LIMIT = 200
"""The table holds at most this many rows: a DataTable row costs about 0.13 ms to draw, and the
large demo's 5,000 known errors would take most of a second per keystroke (PERF-NOTES)."""
FILTER_HINT = f"/ filters by number, title, CI or state; lists {ROW_LIMIT} at most"

KINDS = {ProblemView.PROBLEMS: "problem", ProblemView.KNOWN_ERRORS: "known_error"}
NOUNS = {ProblemView.PROBLEMS: "problems", ProblemView.KNOWN_ERRORS: "known errors"}


class ProblemsScreen(Screen[None]):
    """The problems section's root screen: `p` problems, `e` known errors, `/` filter, `s` sort."""

    CSS_PATH = "problems.tcss"
    AUTO_FOCUS = "#problem-rows"
    TITLE = "Problems"

    # As in the catalogue: "/", escape and the filter's enter act as the key arrives.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "filter",
            "Filter",
            id="problems.filter",
            tooltip="Show only records matching what you type (fuzzy)",
            priority=True,
        ),
        Binding(
            "enter",
            "accept_filter",
            "Done",
            id="problems.accept_filter",
            tooltip="Keep the filter and go back to the list",
            priority=True,
        ),
        Binding("enter", "open", "Open", id="problems.open", tooltip="Show the record in full"),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            id="problems.clear_filter",
            tooltip="Clear the filter and show every record",
            priority=True,
        ),
        *list_bindings(),
    ]

    @dataclass
    class ListsRead(Message):
        """A worker read both lists."""

        lists: Mapping[ProblemView, tuple[ListRow, ...]]

    @dataclass
    class ReadFailed(Message):
        """A worker could not read the database (busy, locked, gone)."""

        reason: str

    view: reactive[ProblemView] = reactive(ProblemView.PROBLEMS, init=False)
    filter_text: reactive[str] = reactive("", init=False)
    filtering: reactive[bool] = reactive(False, init=False)
    sort_index: reactive[int] = reactive(0, init=False)
    problems: reactive[tuple[ListRow, ...]] = reactive(())
    known_errors: reactive[tuple[ListRow, ...]] = reactive(())
    tabs: reactive[tuple[Tab, ...]] = reactive(())
    shown: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._all: dict[ProblemView, tuple[ListRow, ...]] = {view: () for view in ProblemView}
        self._opened = False
        self._matching: dict[ProblemView, int] = dict.fromkeys(ProblemView, 0)

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar("Problems", config.operator, config.db_path)
        yield ViewTabs().data_bind(tabs=ProblemsScreen.tabs)
        yield FilterBar("records", FILTER_HINT, blink=config.animations).data_bind(
            active=ProblemsScreen.filtering,
            shown=ProblemsScreen.shown,
            total=ProblemsScreen.total,
        )
        yield ProblemTable(ProblemListRow, id="problem-rows").data_bind(
            records=ProblemsScreen.problems
        )
        yield ProblemTable(KnownErrorListRow, id="known-error-rows").data_bind(
            records=ProblemsScreen.known_errors
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.query_one("#known-error-rows").display = False
        # The first read is done here, so the section opens with its rows; later reads
        # (another operator's commit, back from a detail) run in a worker.
        try:
            self._take(self.read_lists())
        except sqlite3.Error as error:
            self.notify(one_line(f"Could not read the problems: {error}"), severity="error")
        self._opened = True

    def _reload(self, _version: int) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        # This operator's own saves (in a detail) do not move data_version: read again.
        if self._opened:
            self._opened = False  # the first resume is the section being shown: just read
            return
        self.load()

    def load(self) -> None:
        """Read both lists in a worker; a newer read cancels an older one."""
        self._read_lists()

    def read_lists(self) -> dict[ProblemView, tuple[ListRow, ...]]:
        db = self.session.db
        return {
            ProblemView.PROBLEMS: problem_items(db),
            ProblemView.KNOWN_ERRORS: known_error_items(db),
        }

    @work(thread=True, exclusive=True, group="problem-lists")
    def _read_lists(self) -> None:
        worker = get_current_worker()
        try:
            lists = self.read_lists()
        except sqlite3.Error as error:
            self.post_message(self.ReadFailed(str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.ListsRead(lists))

    def _take(self, lists: Mapping[ProblemView, tuple[ListRow, ...]]) -> None:
        # The tables keep their cursors on the same records.
        if lists != self._all:
            self._all = dict(lists)
            self._arrange()

    @on(ListsRead)
    def _show_lists(self, event: ListsRead) -> None:
        self._take(event.lists)

    @on(ReadFailed)
    def _say_read_failed(self, event: ReadFailed) -> None:
        self.notify(
            one_line(f"Could not read the problems: {event.reason}"), severity="error", markup=False
        )

    def _arrange(self) -> None:
        sorts = SORTS[self.view]
        sort = sorts[self.sort_index % len(sorts)]
        for view in ProblemView:
            query = self.filter_text if view == self.view else ""
            rows = arrange(self._all[view], query, sort if view == self.view else SORTS[view][0])
            self._matching[view] = len(rows)
            rows = rows[:ROW_LIMIT]
            if view == ProblemView.PROBLEMS:
                self.problems = rows
            else:
                self.known_errors = rows
        self.total = len(self._all[self.view])
        self.shown = self._matching[self.view]
        self.tabs = tuple(
            Tab(
                binding=f"problems.view.{view.value}",
                key=key,
                label=f"{NOUNS[view].capitalize()} by {sort.label if view == self.view else 'newest'}",
                short=NOUNS[view].capitalize(),
                count=len(self._all[view]),
                active=view == self.view,
            )
            for view, key in ((ProblemView.PROBLEMS, "p"), (ProblemView.KNOWN_ERRORS, "e"))
        )

    @property
    def table(self) -> ProblemTable:
        selector = "#problem-rows" if self.view == ProblemView.PROBLEMS else "#known-error-rows"
        return self.query_one(selector, ProblemTable)

    def watch_filter_text(self) -> None:
        self._arrange()

    def watch_sort_index(self) -> None:
        self._arrange()

    def watch_view(self, old: ProblemView, new: ProblemView) -> None:
        self.sort_index = 0
        self.filtering = False
        self.filter_text = ""
        self._arrange()
        for view in ProblemView:
            selector = "#problem-rows" if view == ProblemView.PROBLEMS else "#known-error-rows"
            self.query_one(selector).display = view == new
        self.set_focus(self.table)
        self.refresh_bindings()

    @property
    def typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            return not self.typing
        if action == "accept_filter":
            return self.typing
        if action == "open":
            return None if self.typing or self.shown == 0 else True
        if action == "clear_filter":
            return self.filtering or bool(self.filter_text)
        if action in ("show_view", "sort_next"):
            return not self.typing
        return True

    def watch_filtering(self) -> None:
        self.refresh_bindings()

    def watch_shown(self, old: int, new: int) -> None:
        if bool(old) != bool(new):
            self.refresh_bindings()

    def action_show_view(self, name: str) -> None:
        self.view = ProblemView(name)

    def action_sort_next(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS[self.view])

    def action_filter(self) -> None:
        if self.filtering:
            self.query_one(FilterBar).focus_input()
        self.filtering = True

    def action_clear_filter(self) -> None:
        self.filtering = False
        self.filter_text = ""
        self.set_focus(self.table)

    def action_accept_filter(self) -> None:
        self.set_focus(self.table)

    def action_open(self) -> None:
        number = self.table.current_number
        if number is not None:
            self._open(number)

    def _open(self, number: str) -> None:
        screen = detail_screen(self.session, KINDS[self.view], number)
        if screen is not None:
            self.app.push_screen(screen)

    @on(FilterBar.Changed)
    def _filter(self, event: FilterBar.Changed) -> None:
        self.filter_text = event.query

    @on(ProblemTable.Chosen)
    def _open_chosen(self, event: ProblemTable.Chosen) -> None:
        self._open(event.number)
