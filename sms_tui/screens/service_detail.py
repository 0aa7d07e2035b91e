"""One service in full: its fields, calendar, targets, CIs, and how it is doing.

Below the record: SLA performance over the last 7, 30 and 90 days, the open incidents and
this week's changes (each opens with enter), and the supporting CIs, walked down the CMDB.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.data_table import RowDoesNotExist

from sms_tui.catalogue_rows import calendar_fields
from sms_tui.models import BusinessCalendar, ConfigurationItem, Service
from sms_tui.openers import detail_screen
from sms_tui.safe_text import neutralise, one_line
from sms_tui.service_levels_view import (
    change_cells,
    incident_cells,
    levels_rows,
    tree_lines,
    week_of,
)
from sms_tui.session import Session
from sms_tui.store import NotFound, families, records
from sms_tui.store.catalogue import get_service, list_calendars, open_incident_counts
from sms_tui.store.service_extras import ServiceExtras, service_extras
from sms_tui.widgets.field_list import Field, FieldList
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_scroll import KeyScroll
from sms_tui.widgets.key_table import KeyTable
from sms_tui.widgets.sla_table import SlaTable


def _ci_fields(names: list[str], cis: dict[str, ConfigurationItem]) -> list[Field]:
    fields: list[Field] = []
    for name in names:
        ci = cis.get(name)
        if ci is None:
            fields.append((name, "not in the CMDB"))
        else:
            fields.append(
                (
                    name,
                    f"{ci.ci_class.value} \u00b7 {ci.environment.value} \u00b7 {ci.status.value}",
                )
            )
    return fields


_View = tuple[Service, BusinessCalendar | None, dict[str, ConfigurationItem], int]
"""What the screen shows: the service, its calendar, its CIs by name, its open incidents."""


TITLE_MAX = 60


def _table(id: str, columns: tuple[str, ...]) -> KeyTable:
    table = KeyTable(id=id)
    for label in columns:
        table.add_column(label, key=label)
    return table


class ServiceDetailScreen(Screen[None]):
    """Pushed on the catalogue's stack by `enter`; `escape` goes back to the list."""

    CSS_PATH = "service_detail.tcss"
    AUTO_FOCUS = "#detail-body"

    @dataclass
    class LevelsRead(Message):
        """The figures, lists and CI walk below the record have been read (or failed to)."""

        service: Service
        levels: ServiceExtras | None
        reason: str

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so that keys typed right after it go to the list, not to this screen.
        Binding(
            "escape",
            "back",
            "Back",
            id="detail.back",
            tooltip="Back to the page from a list, else out",
            priority=True,
        ),
        Binding(
            "i",
            "jump('detail-incidents')",
            "Incidents",
            id="service.incidents",
            tooltip="Go to the service's open incidents",
        ),
        Binding(
            "c",
            "jump('detail-changes')",
            "Changes",
            id="service.changes",
            tooltip="Go to this week's changes on its CIs",
        ),
        Binding(
            "enter",
            "open_row",
            "Open",
            id="service.open",
            tooltip="Open the highlighted incident or change",
        ),
    ]

    def __init__(self, session: Session, name: str) -> None:
        super().__init__()
        self.session = session
        self.service_name = name
        self._shown: _View | None = None
        self._levels: ServiceExtras | None = None
        # One read of the levels at a time; a commit during one asks for another after it.
        self._reading = False
        self._again = False
        self.title = f"Catalogue \u203a {one_line(name, limit=60)}"

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        with KeyScroll(id="detail-body"):
            yield Static(id="detail-name", classes="heading")
            yield FieldList(id="detail-fields")
            yield Static(Content("Description"), classes="heading")
            yield Static(id="detail-description")
            yield Static(Content("Hours of service"), classes="heading")
            yield FieldList(id="detail-calendar")
            yield Static(Content("SLA targets"), classes="heading")
            yield SlaTable(id="detail-sla")
            yield Static(Content("Runs on"), classes="heading")
            yield FieldList(id="detail-cis")
            yield Static(Content("SLA performance"), classes="heading")
            yield Static(id="detail-levels")
            yield Static(Content("Open incidents"), id="incidents-heading", classes="heading")
            yield _table("detail-incidents", ("Number", "Priority", "State", "Due", "Title"))
            yield Static(Content("Changes this week"), id="changes-heading", classes="heading")
            yield _table("detail-changes", ("Number", "State", "Planned", "Title"))
            yield Static(Content("Supporting CIs"), classes="heading")
            yield Static(id="detail-tree")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.load(at_once=True)

    def _reload(self, _version: int) -> None:
        self.load()

    def load(self, *, at_once: bool = False) -> None:
        """Read the service and what it refers to; say so if it has gone.

        The figures below the record are read `at_once` when the screen opens, so its first
        frame is whole; later reloads (every commit by anyone) read them in a worker.
        """
        db = self.session.db
        try:
            service = get_service(db, self.service_name)
        except NotFound:
            self._shown = None
            self.query_one("#detail-name", Static).update(
                Content.styled("This service no longer exists (deleted or renamed).", "bold")
            )
            return
        calendar = list_calendars(db).get(service.calendar)
        cis: dict[str, ConfigurationItem] = {}
        for name in service.cis:
            with suppress(NotFound):
                ci = records.get(db, families.CIS, name)
                if isinstance(ci, ConfigurationItem):
                    cis[name] = ci
        shown = (service, calendar, cis, open_incident_counts(db).get(service.name, 0))
        # Reloaded on every commit by anyone: repaint only when this service's view changed.
        if shown != self._shown:
            self._shown = shown
            self._show(*shown)
        if at_once:
            self._levels = self._levels_of(service)
            self._show_levels(service, self._levels)
        elif self._reading:
            self._again = True
        else:
            self._reading = True
            self._read_levels(service)

    @work(thread=True, group="service-levels")
    def _read_levels(self, service: Service) -> None:
        # A worker: on a large desk the walk and the 90-day figures take a few hundred ms,
        # and this reloads on every commit by anyone.
        try:
            levels = self._levels_of(service)
        except sqlite3.Error as error:
            self.post_message(self.LevelsRead(service, None, str(error)))
            return
        self.post_message(self.LevelsRead(service, levels, ""))

    @on(LevelsRead)
    def _levels_read(self, message: LevelsRead) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.load()
        if message.levels is None:
            self.notify(
                one_line(message.reason, limit=200),
                title="Cannot read the service levels",
                severity="error",
                markup=False,
            )
        elif message.levels != self._levels:
            self._levels = message.levels
            self._show_levels(message.service, message.levels)

    def _levels_of(self, service: Service) -> ServiceExtras:
        return service_extras(self.session.db, service, self.session.config.clock())

    def _show(
        self,
        service: Service,
        calendar: BusinessCalendar | None,
        cis: dict[str, ConfigurationItem],
        open_incidents: int,
    ) -> None:
        self.query_one("#detail-name", Static).update(
            Content.styled(one_line(service.name), "bold")
        )
        updated = service.updated_at.strftime("%Y-%m-%d %H:%M UTC") if service.updated_at else "-"
        self.query_one("#detail-fields", FieldList).fields = (
            ("Status", service.status.value),
            ("Criticality", service.criticality.value),
            ("Owner", service.owner or "-"),
            ("Open incidents", str(open_incidents)),
            ("Updated", f"{updated} by {service.updated_by or '-'}"),
            ("Version", str(service.version)),
        )
        self.query_one("#detail-description", Static).update(
            Content(neutralise(service.description).expandtabs(4) or "-")
        )
        if calendar is None:
            calendar_lines: list[Field] = [("Calendar", f"{service.calendar} (not found)")]
        else:
            today = self.session.config.clock().astimezone(ZoneInfo(calendar.timezone)).date()
            calendar_lines = calendar_fields(calendar, today)
        self.query_one("#detail-calendar", FieldList).fields = tuple(calendar_lines)
        self.query_one("#detail-sla", SlaTable).targets = tuple(service.targets)
        self.query_one("#detail-cis", FieldList).fields = tuple(_ci_fields(service.cis, cis))

    def _show_levels(self, service: Service, shown: ServiceExtras) -> None:
        now = self.session.config.clock()
        rows = levels_rows(shown.levels, [t.priority for t in service.targets])
        widths = [max(len(row[n]) for row in rows) + 2 for n in range(len(rows[0]))]
        lines = [
            Content.styled("".join(c.ljust(w) for c, w in zip(row, widths, strict=True)), style)
            for row, style in zip(rows, ["bold underline", *[""] * (len(rows) - 1)], strict=True)
        ]
        lines.append(
            Content.styled("met within target, over whole UTC days; MTTR in business hours", "dim")
        )
        self.query_one("#detail-levels", Static).update(Content("\n").join(lines))
        count = len(shown.incidents)
        more = "" if count == shown.incident_total else f", the {count} most urgent shown"
        self.query_one("#incidents-heading", Static).update(
            Content(f"Open incidents ({shown.incident_total}{more})")
        )
        self._fill(
            "#detail-incidents",
            [(i.number, incident_cells(i, now)) for i in shown.incidents],
        )
        start, end = week_of(now)
        self.query_one("#changes-heading", Static).update(
            Content(
                f"Changes this week ({start:%a %m-%d} to {end - timedelta(days=1):%a %m-%d}): "
                f"{len(shown.changes)}"
            )
        )
        self._fill(
            "#detail-changes",
            [(c.number, change_cells(c)) for c in shown.changes],
        )
        tree = tree_lines(shown.supporting) or ["no CIs"]
        self.query_one("#detail-tree", Static).update(
            Content("\n").join(Content(one_line(line)) for line in tree)
        )

    def _fill(self, selector: str, rows: list[tuple[str, tuple[str, ...]]]) -> None:
        table = self.query_one(selector, KeyTable)
        keep = table.cursor_row
        table.clear()
        for key, cells in rows:
            # Text, never str: DataTable reads a str cell as markup.
            texts = [Text(one_line(cell, limit=TITLE_MAX), no_wrap=True) for cell in cells]
            table.add_row(*texts, key=key)
        # An empty list takes no room and no focus; its heading says "(0)".
        table.display = bool(rows)
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1), animate=False)

    def _focused_table(self) -> KeyTable | None:
        focused = self.focused
        return focused if isinstance(focused, KeyTable) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_row":
            table = self._focused_table()
            return None if table is None or not table.row_count else True
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_jump(self, table_id: str) -> None:
        table = self.query_one(f"#{table_id}", KeyTable)
        self.set_focus(table)
        table.scroll_visible(animate=False)

    def action_open_row(self) -> None:
        table = self._focused_table()
        if table is None or not table.row_count:
            return
        try:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except RowDoesNotExist:
            return
        key = row_key.value
        if key is None:
            return
        kind = "incident" if table.id == "detail-incidents" else "change"
        screen = detail_screen(self.session, kind, key)
        if screen is None:
            self.notify(
                f"{kind.title()}s have no detail screen yet; try `sms-tui {kind} show {key}`.",
                title="Cannot open",
                markup=False,
            )
            return
        self.app.push_screen(screen)

    def action_back(self) -> None:
        # From a list, back to the page first, as a browser's back leaves a field.
        if self._focused_table() is not None:
            self.set_focus(self.query_one("#detail-body"))
            return
        self.dismiss()
