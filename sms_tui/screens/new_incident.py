"""Open a new incident: a form checked as you type, with service and CI pickers.

Below the form (beside it on a wide terminal) the suggestions panel follows what the title
and description say; tab reaches it, and enter there adds the suggested CI or known error
to the incident being written. Enter elsewhere moves to the next field; ctrl+s creates. The screen that opened it creates the
incident and opens its detail; a refused save reopens the form with everything kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from sms_tui.fuzzy_pick import Choice
from sms_tui.matching import Query
from sms_tui.models import ConfigurationItem, Level, PriorityRule, Service
from sms_tui.safe_text import one_line
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.sla import priority_for
from sms_tui.triage import NewIncident
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.fuzzy_picker import FuzzyPicker
from sms_tui.widgets.safe_input import SafeInput, SafeTextArea
from sms_tui.widgets.suggestions_panel import SuggestionsPanel

if TYPE_CHECKING:
    from sms_tui.match_source import MatchSource

LEVELS = [(level.value, level.value) for level in Level]


def _service_choices(services: Sequence[Service]) -> list[Choice]:
    return [Choice(s.name, s.name, " ".join(s.cis)) for s in services]


def _ci_choices(cis: Sequence[ConfigurationItem], service: Service | None) -> list[Choice]:
    """Every CI, those the service runs on first."""
    runs = set(service.cis) if service else set()
    first = [c for c in cis if c.name in runs]
    rest = [c for c in cis if c.name not in runs]
    return [
        Choice(
            c.name,
            f"{c.name} \u00b7 {c.ci_class.value}"
            + (" \u00b7 on this service" if c.name in runs else ""),
        )
        for c in (*first, *rest)
    ]


class NewIncidentDialog(EditDialog[NewIncident]):
    """Title (required), caller, service, CI, impact and urgency, description."""

    CSS_PATH = "new_incident.tcss"
    AUTO_FOCUS = "#title"
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (118, "-wide"),
    ]

    # Priority, and focus moved at once: over SSH "title⏎caller⏎" arrives in one packet, and
    # the caller's letters must not land in the title field while a message moves the focus.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "next_field",
            "Next field",
            id="new_incident.next",
            tooltip="Go to the next field (in the description, a new line)",
            priority=True,
        ),
    ]

    def __init__(
        self,
        services: Sequence[Service],
        cis: Sequence[ConfigurationItem],
        matrix: Sequence[PriorityRule],
        draft: NewIncident | None = None,
        notice: Sequence[str] = (),
        matches: MatchSource | None = None,
    ) -> None:
        super().__init__("New incident", notice)
        self.services = {s.name: s for s in services}
        self.cis = tuple(cis)
        self.matrix = tuple(matrix)
        self.draft = draft or NewIncident("")
        self.matches = matches
        # Picked from the suggestions; the CI picker holds one more CI of the operator's own.
        self.extra_cis: tuple[str, ...] = self.draft.cis[1:]
        self.known_errors: tuple[str, ...] = self.draft.known_errors

    def compose_form(self) -> ComposeResult:
        with Horizontal(id="new-main"):
            with Vertical(id="new-fields"):
                yield from self._fields()
            yield SuggestionsPanel(self.matches, limit=4, id="new-suggestions")

    def _fields(self) -> ComposeResult:
        draft = self.draft
        with Horizontal(classes="form-row"):
            yield Static(Content("Title"), classes="field-label")
            yield SafeInput(
                draft.title, placeholder="what is wrong (required)", id="title", compact=True
            )
        with Horizontal(classes="form-row"):
            yield Static(Content("Caller"), classes="field-label")
            yield SafeInput(draft.caller, placeholder="who reported it", id="caller", compact=True)
        with Horizontal(classes="form-row"):
            yield Static(Content("Service"), classes="field-label")
            yield FuzzyPicker(
                _service_choices(list(self.services.values())),
                value=draft.service or "",
                placeholder="type to find a service",
                id="service",
            )
        with Horizontal(classes="form-row"):
            yield Static(Content("CI"), classes="field-label")
            yield FuzzyPicker(
                _ci_choices(self.cis, self.services.get(draft.service or "")),
                value=draft.cis[0] if draft.cis else "",
                placeholder="type to find a configuration item",
                id="ci",
            )
        with Horizontal(id="new-levels"):
            with Vertical():
                yield Static(Content("Impact"), classes="field-label")
                yield ChoiceList(LEVELS, draft.impact.value, id="impact")
            with Vertical():
                yield Static(Content("Urgency"), classes="field-label")
                yield ChoiceList(LEVELS, draft.urgency.value, id="urgency")
            yield Static(id="new-priority")
        yield Static(Content("Description"), classes="field-label")
        yield SafeTextArea(draft.description, id="description", compact=True, soft_wrap=True)

    def _picked(self, selector: str) -> Choice | None:
        return self.query_one(selector, FuzzyPicker).choice

    def _typed(self, selector: str) -> str:
        return self.query_one(selector, FuzzyPicker).query_text.strip()

    def _levels(self) -> tuple[Level, Level]:
        impact = self.query_one("#impact", ChoiceList).value or Level.MEDIUM.value
        urgency = self.query_one("#urgency", ChoiceList).value or Level.MEDIUM.value
        return Level(impact), Level(urgency)

    def revalidate(self) -> None:
        super().revalidate()
        self._ask_for_suggestions()
        impact, urgency = self._levels()
        try:
            priority = priority_for(self.matrix, impact, urgency).value
        except ValueError:
            priority = "?"
        self.query_one("#new-priority", Static).update(Content(f"Priority {priority}"))

    def result(self) -> NewIncident | str:
        title = self.query_one("#title", Input).value
        if not title.strip():
            return "a title is required"
        service, ci = self._picked("#service"), self._picked("#ci")
        if service is None and self._typed("#service"):
            return f"no service matches {one_line(self._typed('#service'), limit=30)!r}"
        if ci is None and self._typed("#ci"):
            return f"no CI matches {one_line(self._typed('#ci'), limit=30)!r}"
        impact, urgency = self._levels()
        picked = () if ci is None else (ci.key,)
        return NewIncident(
            title=title,
            caller=self.query_one("#caller", Input).value,
            service=None if service is None else service.key,
            cis=tuple(dict.fromkeys((*picked, *self.extra_cis))),
            impact=impact,
            urgency=urgency,
            description=self.query_one("#description", TextArea).text,
            known_errors=self.known_errors,
        )

    def on_mount(self) -> None:
        # EditDialog's own on_mount runs too: Textual calls the handler of every class.
        if self.app.animation_level == "none":
            # Suggestions arrive a moment after typing; a blinking cursor would make the
            # screen differ with the moment (tests, recordings) for no one's benefit.
            for field in self.query(Input):
                field.cursor_blink = False
            self.query_one("#description", TextArea).cursor_blink = False

    def _ask_for_suggestions(self) -> None:
        service, ci = self._picked("#service"), self._picked("#ci")
        cis = tuple(dict.fromkeys(((ci.key,) if ci else ()) + self.extra_cis))
        title = self.query_one("#title", Input).value
        description = self.query_one("#description", TextArea).text
        panel = self.query_one(SuggestionsPanel)
        panel.match_query = Query(f"{title}\n{description}", service.key if service else None, cis)
        panel.linked = frozenset((*cis, *self.known_errors))
        added = ", ".join((*self.extra_cis, *self.known_errors))
        panel.border_subtitle = Content(one_line(f"adds {added}", limit=60)) if added else None

    @on(SuggestionsPanel.Link)
    def _add_link(self, event: SuggestionsPanel.Link) -> None:
        if event.kind == "ci":
            self.extra_cis = tuple(dict.fromkeys((*self.extra_cis, event.key)))
        else:
            self.known_errors = tuple(dict.fromkeys((*self.known_errors, event.key)))
        self.revalidate()

    @on(FuzzyPicker.Changed, "#service")
    def _service_chosen(self, event: FuzzyPicker.Changed) -> None:
        service = None if event.choice is None else self.services.get(event.choice.key)
        self.query_one("#ci", FuzzyPicker).choices = tuple(_ci_choices(self.cis, service))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            # In the description enter is a new line; in the suggestions it adds a link.
            return not isinstance(self.focused, TextArea | SuggestionsPanel)
        return True

    def action_next_field(self) -> None:
        self.focus_next()
