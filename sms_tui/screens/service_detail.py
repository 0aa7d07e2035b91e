"""One service in full: its fields, business calendar, SLA targets, CIs and last change."""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from sms_tui.catalogue_rows import calendar_fields
from sms_tui.models import BusinessCalendar, ConfigurationItem, Service
from sms_tui.safe_text import neutralise, one_line
from sms_tui.session import Session
from sms_tui.store import NotFound, families, records
from sms_tui.store.catalogue import get_service, list_calendars, open_incident_counts
from sms_tui.widgets.field_list import Field, FieldList
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_scroll import KeyScroll
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


class ServiceDetailScreen(Screen[None]):
    """Pushed on the catalogue's stack by `enter`; `escape` goes back to the list."""

    CSS_PATH = "service_detail.tcss"
    AUTO_FOCUS = "#detail-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so that keys typed right after it go to the list, not to this screen.
        Binding(
            "escape",
            "back",
            "Back",
            id="detail.back",
            tooltip="Back to the list of services",
            priority=True,
        ),
    ]

    def __init__(self, session: Session, name: str) -> None:
        super().__init__()
        self.session = session
        self.service_name = name
        self._shown: _View | None = None
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
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.load()

    def _reload(self, _version: int) -> None:
        self.load()

    def load(self) -> None:
        """Read the service and what it refers to; say so if it has gone."""
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

    def action_back(self) -> None:
        self.dismiss()
