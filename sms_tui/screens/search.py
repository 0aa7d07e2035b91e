"""Global search: jump to any incident, problem, known error, change, CI or service.

Numbers and name prefixes are answered from indexed SQL as soon as the operator pauses;
fuzzy names come from an index of every record's name, read in a worker when the screen
opens, and incident titles from the title index kept per database (store.title_index);
both are ranked in a worker per query, so a keystroke never waits on either. Enter opens
the record's detail screen where its kind has one, and says so where it has none yet.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sms_tui.openers import detail_screen
from sms_tui.record_search import Found, NameIndex, RecordName
from sms_tui.safe_text import one_line
from sms_tui.search_view import kind_label, result_line
from sms_tui.session import Session
from sms_tui.store.search import by_number_or_prefix, record_names
from sms_tui.store.title_index import title_index
from sms_tui.title_search import TitleIndex
from sms_tui.widgets.from_thread import deliver
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.safe_input import SafeInput

DEBOUNCE_SECONDS = 0.12
LIMIT = 20


class SearchScreen(ModalScreen[None]):
    """A search box over a list of matching records; enter opens one, escape closes."""

    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#search-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open",
            "Open",
            id="search.open",
            tooltip="Open the highlighted record",
            priority=True,
        ),
        Binding("down", "move(1)", "Next", id="search.next", tooltip="Highlight the next result"),
        Binding(
            "up",
            "move(-1)",
            "Previous",
            id="search.previous",
            tooltip="Highlight the previous result",
        ),
        Binding("escape", "close", "Close", id="search.close", tooltip="Close search"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.results: list[Found] = []
        self.names: NameIndex | None = None
        self.titles: TitleIndex | None = None
        self._timer: Timer | None = None
        self._query = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = Content("Search")
            yield SafeInput(
                placeholder="a number (INC-000123, KE-00012, 123) or a name",
                id="search-input",
                compact=True,
            )
            yield OptionList(id="search-results")
            yield Static(Content("Type a number or a name."), id="search-status")
        yield KeyBar()

    def on_mount(self) -> None:
        results = self.query_one("#search-results", OptionList)
        results.can_focus = False
        self.query_one("#search-input", Input).cursor_blink = self.session.config.animations
        self._load_names()

    @work(thread=True, exclusive=True, group="search-names")
    def _load_names(self) -> None:
        names = NameIndex(record_names(self.session.db))
        titles = title_index(self.session.db)
        deliver(self, self._names_ready, names, titles)

    def _names_ready(self, names: NameIndex, titles: TitleIndex) -> None:
        self.names = names
        self.titles = titles
        if self._query:
            self._search()

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._query = event.value.strip()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._search)

    def _search(self) -> None:
        text = self._query
        if not text:
            self._show(text, [])
            return
        exact = [_direct(record, text) for record in by_number_or_prefix(self.session.db, text)]
        self._show(text, _merged(exact, []), pending=self.names is None)
        if self.names is not None and self.titles is not None:
            self._fuzzy(text, exact, self.names, self.titles)

    @work(thread=True, exclusive=True, group="search-fuzzy")
    def _fuzzy(self, text: str, exact: list[Found], names: NameIndex, titles: TitleIndex) -> None:
        found = names.find(text, LIMIT) + titles.find(text, LIMIT)
        deliver(self, self._show, text, _merged(exact, found))

    def _show(self, text: str, found: list[Found], pending: bool = False) -> None:
        if text != self._query:
            return  # a later keystroke has already asked again
        self.results = found
        results = self.query_one("#search-results", OptionList)
        # The box is at most 110 wide (search.tcss); wider lines would wrap.
        width = max(min(self.size.width, 110) - 8, 30)
        results.set_options(
            Option(result_line(f.record, f.reason, width), id=str(i)) for i, f in enumerate(found)
        )
        if found:
            results.highlighted = 0
        status = self.query_one("#search-status", Static)
        if pending:
            status.update(Content("Numbers and name prefixes only: still reading names\u2026"))
        elif not text:
            status.update(Content("Type a number or a name."))
        elif not found:
            status.update(Content(f"Nothing matches {one_line(text, limit=40)!r}."))
        else:
            status.update(Content(f"{len(found)} found; enter opens the highlighted one."))

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_open(self) -> None:
        index = self.query_one("#search-results", OptionList).highlighted
        if index is None or index >= len(self.results):
            self.app.bell()
            return
        record = self.results[index].record
        screen = detail_screen(self.session, record.kind, record.key)
        if screen is None:
            self.query_one("#search-status", Static).update(
                Content(
                    f"{one_line(record.key, limit=30)}: {kind_label(record.kind)}s have no "
                    "detail screen yet."
                )
            )
            self.app.bell()
            return
        self.dismiss()
        self.app.push_screen(screen)

    def action_close(self) -> None:
        self.dismiss()


def _direct(record: RecordName, text: str) -> Found:
    """A hit from SQL: the number or name itself, or one it begins."""
    what = "name" if record.kind in ("ci", "service") else "number"
    if record.key.casefold() == text.casefold():
        return Found(record, 100, f"{what} is the text")
    return Found(record, 96, f"{what} starts with the text")


def _merged(direct: list[Found], fuzzy: list[Found]) -> list[Found]:
    """Both kinds of hit, best first, each record once with its better score."""
    best: dict[tuple[str, str], Found] = {}
    for found in (*direct, *fuzzy):
        key = (found.record.kind, found.record.key)
        if key not in best or found.score > best[key].score:
            best[key] = found
    # Stable: equal scores keep the order each source gave (incidents first for a bare number).
    ranked = sorted(best.values(), key=lambda f: -f.score)
    return ranked[:LIMIT]
