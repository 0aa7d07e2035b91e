"""One problem in full: its fields, root cause, workaround, known error and linked incidents.

Pushed on a stack for one problem number. It reloads when another connection commits, and
runs the problem actions on the problem and incidents as it last read them, so an action on a
record someone else changed meanwhile is refused with who changed what.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static

from sms_tui.models import Incident, Problem, ProblemState
from sms_tui.openers import detail_screen
from sms_tui.problem_flow import ProblemFlow
from sms_tui.problem_keys import DETAIL_KEYS, detail_bindings
from sms_tui.problem_view import incident_lines, problem_fields
from sms_tui.safe_text import neutralise, one_line
from sms_tui.session import Session
from sms_tui.store import NotFound
from sms_tui.store.problems import get_problem, linked_incidents
from sms_tui.widgets.field_list import FieldList
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_scroll import KeyScroll
from sms_tui.widgets.link_list import LinkList

_TEXTS = (
    ("#problem-description", "description"),
    ("#problem-root-cause", "root_cause"),
    ("#problem-workaround", "workaround"),
)


class ProblemDetailScreen(Screen[None]):
    """Every field of one problem, one key per action; `escape` goes back."""

    CSS_PATH = "problem_detail.tcss"
    AUTO_FOCUS = "#detail-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="problem.back",
            tooltip="Back to where the problem was opened from",
            priority=True,
        ),
        *detail_bindings(),
        Binding(
            "o",
            "open_known_error",
            "Open KE",
            id="problem.open_known_error",
            tooltip="Open the known error published from this problem",
        ),
        Binding(
            "i",
            "focus_incidents",
            "Incidents",
            id="problem.incidents",
            tooltip="Move to the linked incidents; enter opens one, whose escape comes back here",
        ),
    ]

    def __init__(self, session: Session, key: str) -> None:
        super().__init__()
        self.session = session
        self.number = key
        self.problem: Problem | None = None
        self.incidents: tuple[Incident, ...] = ()
        self.title = f"Problems \u203a {one_line(key, limit=20)}"
        self.flow = ProblemFlow(self, session, self.load)

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        with KeyScroll(id="detail-body"):
            yield Static(id="problem-heading")
            yield FieldList(id="problem-fields")
            for selector, name in _TEXTS:
                label = name.replace("_", " ").capitalize()
                yield Static(Content(label), classes="heading")
                yield Static(id=selector[1:], classes="text")
            yield Static(Content("Linked incidents"), classes="heading")
            yield LinkList(id="problem-incidents")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.load()

    def _reload(self, _version: int) -> None:
        self.load()

    def load(self) -> None:
        """Read the problem and its incidents; repaint only when something changed."""
        db = self.session.db
        try:
            problem = get_problem(db, self.number)
        except NotFound:
            self.problem = None
            self.query_one("#problem-heading", Static).update(
                Content.styled(f"No problem {one_line(self.number)}.", "bold")
            )
            self.refresh_bindings()
            return
        incidents = tuple(linked_incidents(db, self.number))
        if problem == self.problem and incidents == self.incidents:
            return
        self.problem, self.incidents = problem, incidents
        self._show(problem, incidents)
        self.refresh_bindings()

    def _show(self, problem: Problem, incidents: tuple[Incident, ...]) -> None:
        p = problem
        self.query_one("#problem-heading", Static).update(
            Content.assemble(
                (f"{p.number}  {p.priority.value}  {p.state.value.replace('_', ' ')}", "bold"),
                "\n",
                (one_line(p.title), "bold"),
            )
        )
        self.query_one("#problem-fields", FieldList).fields = tuple(problem_fields(p))
        for selector, name in _TEXTS:
            text = neutralise(getattr(p, name)).expandtabs(4).strip()
            self.query_one(selector, Static).update(Content(text or "-"))
        links = self.query_one("#problem-incidents", LinkList)
        if incidents:
            # A reload after another session's save keeps the cursor on the same incident.
            option = links.highlighted_option
            was = option.id if option is not None else None
            numbers = [i.number for i in incidents]
            links.show(incident_lines(incidents), numbers)
            links.highlighted = numbers.index(was) if was in numbers else 0
        else:
            links.show(["no incident is linked"])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_known_error":
            return self.problem is not None and self.problem.known_error is not None
        if action == "focus_incidents":
            return bool(self.incidents)
        if action == "act":
            if self.problem is None or parameters[0] not in DETAIL_KEYS:
                return False
            # A closed problem is final: its fields cannot be edited, so the key is not offered.
            return parameters[0] != "edit" or self.problem.state != ProblemState.CLOSED
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_open_known_error(self) -> None:
        if self.problem is not None and self.problem.known_error is not None:
            screen = detail_screen(self.session, "known_error", self.problem.known_error)
            if screen is not None:
                self.app.push_screen(screen)

    def action_focus_incidents(self) -> None:
        self.query_one("#problem-incidents", LinkList).focus()

    @on(OptionList.OptionSelected, "#problem-incidents")
    def open_incident(self, event: OptionList.OptionSelected) -> None:
        number = event.option.id
        if number is not None:
            screen = detail_screen(self.session, "incident", number)
            if screen is not None:
                self.app.push_screen(screen)

    def action_act(self, name: str) -> None:
        if self.problem is not None:
            self.flow.run(name, self.problem, self.incidents)
