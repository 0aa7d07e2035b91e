"""The service catalogue: every service with its status, owner, hours and SLA targets, filterable."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input

from sms_tui.catalogue_rows import ServiceRow, filter_rows, service_rows
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.session import Session
from sms_tui.store.catalogue import list_calendars, list_services, open_incident_counts
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.service_preview import ServicePreview
from sms_tui.widgets.service_table import ServiceTable

EMPTY_HINT = (
    "The catalogue is empty. Import a desk with `sms-tui import FILE`, or try `sms-tui --demo`."
)
NO_MATCH_HINT = "No service matches the filter."


class CatalogueScreen(Screen[None]):
    """The catalogue section's root screen. Owns the services and the filter; children only show."""

    CSS_PATH = "catalogue.tcss"
    AUTO_FOCUS = "#services"
    TITLE = "Catalogue"

    # "/", escape and the filter's enter are priority: the app runs them as the key arrives,
    # before it hands on the keys typed after them. Over SSH "/web", "esc q" or "/pay⏎⏎" come
    # in one packet; otherwise the focus would move only after "web", "q" or the second ⏎ had
    # gone to the wrong widget. Open is not: it must wait behind the keys before it, so that
    # it opens the service they led to.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "filter",
            "Filter",
            id="catalogue.filter",
            tooltip="Show only services matching what you type",
            priority=True,
        ),
        Binding(
            "enter",
            "accept_filter",
            "Done",
            id="catalogue.accept_filter",
            tooltip="Keep the filter and go back to the list",
            priority=True,
        ),
        Binding(
            "enter",
            "open",
            "Open",
            id="catalogue.open",
            tooltip="Show the highlighted service in full",
        ),
        Binding(
            "r",
            "report",
            "SLA report",
            id="catalogue.report",
            tooltip="SLA figures of every service, with trends",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            id="catalogue.clear_filter",
            tooltip="Clear the filter and show every service",
            priority=True,
        ),
    ]

    filter_text: reactive[str] = reactive("", init=False)
    filtering: reactive[bool] = reactive(False, init=False)
    matching: reactive[tuple[ServiceRow, ...]] = reactive(())
    total: reactive[int] = reactive(0)
    shown: reactive[int] = reactive(0)
    highlighted: reactive[ServiceRow | None] = reactive(None)
    hint: reactive[str] = reactive("")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._rows: tuple[ServiceRow, ...] = ()

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar("Catalogue", config.operator, config.db_path)
        yield FilterBar("services", "All services", blink=config.animations).data_bind(
            active=CatalogueScreen.filtering,
            shown=CatalogueScreen.shown,
            total=CatalogueScreen.total,
        )
        yield ServiceTable(id="services").data_bind(services=CatalogueScreen.matching)
        yield ServicePreview().data_bind(row=CatalogueScreen.highlighted, hint=CatalogueScreen.hint)
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.load()

    def _reload(self, _version: int) -> None:
        self.load()

    def load(self) -> None:
        """Read the catalogue from the store; the table keeps its cursor on the same service."""
        db = self.session.db
        rows = service_rows(list_services(db), list_calendars(db), open_incident_counts(db))
        if rows != self._rows:
            self._rows = rows
            self._apply_filter()

    def _apply_filter(self) -> None:
        visible = filter_rows(self._rows, self.filter_text)
        self.matching = visible
        self.total = len(self._rows)
        self.shown = len(visible)
        self.hint = EMPTY_HINT if not self._rows else NO_MATCH_HINT if not visible else ""
        # The same service, as it is now (the preview shows its new hours or targets).
        current = self.highlighted
        if current is not None or not visible:
            self.highlighted = next(
                (r for r in visible if current and r.name == current.name), None
            )

    def watch_filter_text(self) -> None:
        self._apply_filter()

    @property
    def typing(self) -> bool:
        """Is the keyboard in the filter field?"""
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            # While typing, "/" is text (Textual does not count "slash" as printable).
            return not self.typing
        if action in ("accept_filter", "report"):
            return self.typing == (action == "accept_filter")
        if action == "open":
            return None if self.typing or not self.matching else True
        if action == "clear_filter":
            return self.filtering or bool(self.filter_text)
        return True

    def watch_filtering(self) -> None:
        self.refresh_bindings()

    def watch_matching(self, old: tuple[ServiceRow, ...], new: tuple[ServiceRow, ...]) -> None:
        # Only when "Open" turns on or off: a footer refresh per keystroke costs bytes over SSH.
        if bool(old) != bool(new):
            self.refresh_bindings()

    def action_filter(self) -> None:
        if self.filtering:
            self.query_one(FilterBar).focus_input()
        self.filtering = True

    def action_clear_filter(self) -> None:
        self.filtering = False
        self.filter_text = ""
        # set_focus, not focus(): at once, before the next key is handed on.
        self.set_focus(self.query_one(ServiceTable))

    def action_open(self) -> None:
        # The table's cursor, not self.highlighted: keys typed ahead ("jj<enter>") have moved
        # the cursor before the enter, but their Highlighted messages may still be queued.
        name = self.query_one(ServiceTable).current_name
        if name is not None:
            self.app.push_screen(ServiceDetailScreen(self.session, name))

    def action_report(self) -> None:
        from sms_tui.screens.sla_report import SlaReportScreen

        self.app.push_screen(SlaReportScreen(self.session))

    def action_accept_filter(self) -> None:
        self.set_focus(self.query_one(ServiceTable))

    @on(FilterBar.Changed)
    def _filter(self, event: FilterBar.Changed) -> None:
        self.filter_text = event.query

    @on(ServiceTable.Highlighted)
    def _follow_cursor(self, event: ServiceTable.Highlighted) -> None:
        self.highlighted = next((r for r in self.matching if r.name == event.name), None)

    @on(ServiceTable.Chosen)
    def _open_chosen(self, event: ServiceTable.Chosen) -> None:
        self.app.push_screen(ServiceDetailScreen(self.session, event.name))
