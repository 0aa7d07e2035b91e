"""One incident in full: fields, both SLA clocks with their pauses, links and the timeline.

Beside it (below it on a narrow terminal, behind `s`) the suggestions panel ranks the CIs
and known errors the incident's text points at; `enter` there links one, and a linked
known error's workaround shows in the detail at once.

Pushed on the incidents section's stack for one incident number. It reloads when another
connection commits, ticks its clocks each second (repainting only text that changed), and
runs the triage actions on the incident as it last read it, so an action on a record someone
else changed meanwhile is refused with who changed what.
"""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from sms_tui import triage
from sms_tui.incident_edits import LinkKind
from sms_tui.incident_keys import ACTIONS, action_bindings, new_binding
from sms_tui.incident_view import clock_lines, incident_fields, link_fields, timeline
from sms_tui.matching import Query
from sms_tui.models import BusinessCalendar, Incident, KnownError, SlaTarget
from sms_tui.safe_text import neutralise, one_line
from sms_tui.session import Session
from sms_tui.sla import incident_clocks
from sms_tui.store import NotFound, StaleRecord, StoreError, families, records
from sms_tui.store.catalogue import get_service
from sms_tui.store.incident_actions import link
from sms_tui.store.incidents import get_incident, incident_audit
from sms_tui.triage_flow import TriageFlow
from sms_tui.widgets.field_list import FieldList
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_scroll import KeyScroll
from sms_tui.widgets.sla_clock_panel import SlaClockPanel
from sms_tui.widgets.suggestions_panel import SuggestionsPanel
from sms_tui.widgets.timeline import Timeline

_Sla = tuple[BusinessCalendar, SlaTarget] | None


class IncidentDetailScreen(Screen[None]):
    """Every field of one incident, and one key per triage action; `escape` goes back."""

    CSS_PATH = "incident_detail.tcss"
    AUTO_FOCUS = "#detail-body"
    # Wide enough for the suggestions beside the detail: the panel takes 46 columns.
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (110, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="incident.back",
            tooltip="Back to where the incident was opened from",
            priority=True,
        ),
        *action_bindings(),
        new_binding(),
        Binding(
            "s",
            "suggestions",
            "Suggest",
            id="incident.suggestions",
            tooltip="Go to the suggested CIs and known errors (enter links one); again to go back",
        ),
    ]

    def __init__(self, session: Session, number: str) -> None:
        super().__init__()
        self.session = session
        self.number = number
        self.incident: Incident | None = None
        self._sla: _Sla = None
        self._audit_size = -1
        self._workarounds: tuple[KnownError, ...] = ()
        self.title = f"Incidents \u203a {one_line(number, limit=20)}"
        self.flow = TriageFlow(self, session, self.load)

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        with Container(id="detail-main"):
            with KeyScroll(id="detail-body"):
                yield Static(id="incident-heading")
                yield SlaClockPanel(id="incident-sla")
                yield Static(Content("Details"), classes="heading")
                yield FieldList(id="incident-fields")
                yield Static(Content("Description"), classes="heading")
                yield Static(id="incident-description")
                yield Static(Content("Links"), classes="heading")
                yield FieldList(id="incident-links")
                yield Static(Content("Workarounds"), classes="heading")
                yield Static(id="incident-workarounds")
                yield Static(Content("Timeline"), classes="heading")
                yield Timeline(id="incident-timeline")
            yield SuggestionsPanel(self.session.matches, id="detail-suggestions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.load()
        self.set_interval(1.0, self._tick)

    def _reload(self, _version: int) -> None:
        self.load()

    def load(self) -> None:
        """Read the incident, its SLA terms and its audit trail; repaint what changed."""
        db = self.session.db
        try:
            incident = get_incident(db, self.number)
        except NotFound:
            self.incident = None
            self.query_one("#incident-heading", Static).update(
                Content.styled(f"No incident {one_line(self.number)}.", "bold")
            )
            return
        sla = self._read_sla(incident)
        workarounds = self._read_workarounds(incident)
        if incident == self.incident and sla == self._sla and workarounds == self._workarounds:
            return
        self.incident, self._sla, self._workarounds = incident, sla, workarounds
        self._show(incident)

    def _read_workarounds(self, incident: Incident) -> tuple[KnownError, ...]:
        found: list[KnownError] = []
        for number in incident.known_errors:
            with suppress(NotFound):
                found.append(records.get(self.session.db, families.KNOWN_ERRORS, number))
        return tuple(found)

    def _read_sla(self, incident: Incident) -> _Sla:
        if incident.service is None:
            return None
        with suppress(NotFound):
            service = get_service(self.session.db, incident.service)
            target = service.target(incident.priority)
            calendar = records.get(self.session.db, families.CALENDARS, service.calendar)
            if target is not None:
                return calendar, target
        return None

    def _show(self, incident: Incident) -> None:
        i = incident
        flags = "  MAJOR" if i.major else ""
        self.query_one("#incident-heading", Static).update(
            Content.assemble(
                (f"{i.number}  {i.priority.value}  {i.state.value.replace('_', ' ')}", "bold"),
                (flags, "bold $text-error"),
                "\n",
                (one_line(i.title), "bold"),
            )
        )
        self.query_one("#incident-fields", FieldList).fields = incident_fields(i)
        self.query_one("#incident-description", Static).update(
            Content(neutralise(i.description).expandtabs(4) or "-")
        )
        self.query_one("#incident-links", FieldList).fields = link_fields(i)
        self.query_one("#incident-workarounds", Static).update(workaround_text(self._workarounds))
        panel = self.query_one(SuggestionsPanel)
        panel.match_query = Query.of(i)
        panel.linked = frozenset((*i.cis, *i.known_errors))
        audit = incident_audit(self.session.db, i.number)
        self.query_one("#incident-timeline", Timeline).entries = timeline(i, audit)
        self._tick()

    def _tick(self) -> None:
        panel = self.query_one(SlaClockPanel)
        incident = self.incident
        if incident is None or self._sla is None:
            panel.lines = ()
            if incident is not None and incident.service is None:
                panel.empty = "no SLA: the incident has no service"
            elif incident is not None:
                service = one_line(incident.service or "", limit=40)
                panel.empty = f"no SLA: {service} has no target for {incident.priority.value}"
            return
        now = self.session.config.clock()
        calendar, target = self._sla
        # Assigning the same lines is a no-op: a running clock repaints once a minute.
        panel.lines = clock_lines(incident_clocks(incident, calendar, target, now), now)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "triage":
            return self.incident is not None and parameters[0] in ACTIONS
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_suggestions(self) -> None:
        panel = self.query_one(SuggestionsPanel)
        if panel.has_focus:
            panel.remove_class("-shown")
            self.query_one("#detail-body").focus()
        else:
            panel.add_class("-shown")
            panel.focus()

    @on(SuggestionsPanel.Link)
    def _link(self, event: SuggestionsPanel.Link) -> None:
        incident = self.incident
        if incident is None:
            return
        config = self.session.config
        what = "CI" if event.kind == "ci" else "known error"
        try:
            fresh = link(
                self.session.db,
                incident.number,
                incident.version,
                LinkKind(event.kind),
                event.key,
                operator=config.operator,
                now=config.clock(),
            )
        except StaleRecord as error:
            lines = [
                "Not linked: the incident changed since you read it.",
                *triage.stale_lines(error),
            ]
            self.notify("\n".join(lines), severity="warning", markup=False)
            self.load()
            return
        except StoreError as error:
            self.notify(one_line(f"Not linked: {error}"), severity="error", markup=False)
            return
        self.notify(
            one_line(f"Linked {what} {event.key} to {fresh.number}", limit=120), markup=False
        )
        self.load()

    def action_triage(self, name: str) -> None:
        if self.incident is not None:
            self.flow.run(name, [self.incident])

    def action_new_incident(self) -> None:
        self.flow.new_incident(self._open)

    def _open(self, number: str) -> None:
        self.app.push_screen(IncidentDetailScreen(self.session, number))


def workaround_text(known_errors: tuple[KnownError, ...]) -> Content:
    """Each linked known error's number and title, and its workaround beneath, as plain text."""
    if not known_errors:
        return Content("- (link a known error to see its workaround here)")
    blocks = [
        Content.assemble(
            (f"{one_line(ke.number)}  {one_line(ke.title)}", "bold"),
            "\n",
            neutralise(ke.workaround).expandtabs(4) or "no workaround recorded",
        )
        for ke in known_errors
    ]
    return Content("\n\n").join(blocks)
