"""Running a problem action from its detail screen: the dialog, the save, and the retry when refused.

As with incidents (triage_flow), a dialog never writes. The flow saves what it returns at the
versions the screen read; when the store refuses (someone changed the problem or one of its
incidents, the database was busy, a rule said no) it opens the dialog again on the fresh records
with everything typed kept and the refusal above it, so saving again applies it anew.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.screen import ModalScreen, Screen

from sms_tui.models import OPEN_STATES, Incident, Problem
from sms_tui.safe_text import one_line
from sms_tui.screens.problem_edit_dialog import (
    ProblemEdit,
    ProblemEditDialog,
    edit_of,
    rebase,
)
from sms_tui.screens.problem_state_dialog import MoveProblem, ProblemStateDialog
from sms_tui.screens.resolve_problem_dialog import ResolveChoice, ResolveProblemDialog
from sms_tui.screens.retry_dialog import RetryDialog
from sms_tui.screens.text_dialog import TextDialog, TextValue
from sms_tui.session import Session
from sms_tui.store.cmdb import get_ci
from sms_tui.store.errors import DatabaseBusy, Forbidden, NotFound, StaleRecord, StoreError
from sms_tui.store.operators import list_operators
from sms_tui.store.problem_actions import publish_known_error, resolve_problem
from sms_tui.store.problems import get_problem, linked_incidents, update_problem
from sms_tui.triage import BUSY_TEXT, stale_lines

KEPT = "Your input is kept: save again to apply it to the problem as it is now."
TEXT_FIELDS = {"root_cause": "Root cause", "workaround": "Workaround"}

Value = MoveProblem | TextValue | ResolveChoice | ProblemEdit


def refusal_lines(error: StoreError) -> list[str]:
    """Why the store refused, in plain lines: who changed what, or the rule's own words."""
    if isinstance(error, StaleRecord):
        return stale_lines(error)
    if isinstance(error, DatabaseBusy):
        return [BUSY_TEXT]
    return [one_line(str(error))]


class ProblemFlow:
    """One screen's way to run problem actions; `reload` is called after every save attempt."""

    def __init__(self, screen: Screen[Any], session: Session, reload: Callable[[], None]) -> None:
        self.screen = screen
        self.session = session
        self.reload = reload

    def run(self, action: str, problem: Problem, incidents: Sequence[Incident]) -> None:
        """Start `action` on the problem and its incidents as the screen read them."""
        if action == "publish":
            self._publish(problem)
        else:
            self._ask(action, problem, incidents, None, ())

    def _dialog(
        self,
        action: str,
        problem: Problem,
        incidents: Sequence[Incident],
        initial: Value | None,
        notice: Sequence[str],
    ) -> ModalScreen[Any]:
        title = (
            f"{TEXT_FIELDS.get(action, action.replace('_', ' ').title())} \u00b7 {problem.number}"
        )
        if action == "state":
            move = initial if isinstance(initial, MoveProblem) else None
            return ProblemStateDialog(title, problem, move, notice)
        if action == "resolve":
            choice = initial if isinstance(initial, ResolveChoice) else None
            open_ones = [i for i in incidents if i.state in OPEN_STATES]
            return ResolveProblemDialog(title, problem, open_ones, choice, notice)
        if action == "edit":
            values = initial if isinstance(initial, ProblemEdit) else edit_of(problem)
            logins = [op.login for op in list_operators(self.session.db)]
            return ProblemEditDialog(
                title, values, logins=logins, ci_exists=self._ci_exists, notice=notice
            )
        text = initial.text if isinstance(initial, TextValue) else getattr(problem, action)
        return TextDialog(title, TEXT_FIELDS[action], text, notice)

    def _ask(
        self,
        action: str,
        problem: Problem,
        incidents: Sequence[Incident],
        initial: Value | None,
        notice: Sequence[str],
    ) -> None:
        def chosen(value: Value | None) -> None:
            if value is not None:
                self._save(action, value, problem, incidents)

        dialog = self._dialog(action, problem, incidents, initial, notice)
        self.screen.app.push_screen(dialog, chosen)

    def _ci_exists(self, name: str) -> bool:
        try:
            get_ci(self.session.db, name)
        except NotFound:
            return False
        return True

    def _save(
        self, action: str, value: Value, problem: Problem, incidents: Sequence[Incident]
    ) -> None:
        config = self.session.config
        db, who, now = self.session.db, config.operator, config.clock()
        try:
            if isinstance(value, MoveProblem):
                update_problem(
                    db, problem.number, problem.version, state=value.state, operator=who, now=now
                )
                done = f"{problem.number} moved to {value.state.value.replace('_', ' ')}"
            elif isinstance(value, ResolveChoice):
                outcome = resolve_problem(
                    db,
                    problem.number,
                    problem.version,
                    resolve_incidents=value.resolve_incidents,
                    note=value.note,
                    root_cause=value.root_cause,
                    incident_versions={i.number: i.version for i in incidents},
                    operator=who,
                    now=now,
                )
                count = len(outcome.incidents)
                done = f"{problem.number} resolved" + (
                    f" with {count} incident(s)" if count else ""
                )
            elif isinstance(value, ProblemEdit):
                # Only what the form changed, so saving an untouched form writes no version.
                was = edit_of(problem)
                update_problem(
                    db,
                    problem.number,
                    problem.version,
                    operator=who,
                    now=now,
                    title=value.title if value.title != was.title else None,
                    priority=value.priority if value.priority != was.priority else None,
                    assignee=value.assignee if value.assignee != was.assignee else None,
                    cis=value.cis if value.cis != was.cis else None,
                )
                done = f"{problem.number} saved"
            else:
                update_problem(
                    db,
                    problem.number,
                    problem.version,
                    operator=who,
                    now=now,
                    root_cause=value.text if action == "root_cause" else None,
                    workaround=value.text if action == "workaround" else None,
                )
                done = f"{TEXT_FIELDS[action]} of {problem.number} saved"
        except StoreError as error:
            self.reload()
            self._refused(action, value, problem, error)
            return
        self.reload()
        self.screen.notify(one_line(done), markup=False)

    def _refused(self, action: str, value: Value, problem: Problem, error: StoreError) -> None:
        lines = refusal_lines(error)
        if isinstance(error, Forbidden):
            self.screen.notify("\n".join(lines), severity="error", markup=False)
            return
        try:
            fresh = get_problem(self.session.db, problem.number)
            incidents = linked_incidents(self.session.db, problem.number)
        except StoreError:
            self.screen.notify("\n".join(lines), severity="error", markup=False)
            return
        if isinstance(value, ProblemEdit):
            value = rebase(value, edit_of(problem), edit_of(fresh))
        retryable = isinstance(error, StaleRecord | DatabaseBusy)
        self._ask(action, fresh, incidents, value, [*lines, KEPT] if retryable else lines)

    def _publish(self, problem: Problem) -> None:
        config = self.session.config
        try:
            _, known = publish_known_error(
                self.session.db,
                problem.number,
                problem.version,
                operator=config.operator,
                now=config.clock(),
            )
        except StoreError as error:
            self.reload()
            lines = refusal_lines(error)
            if not isinstance(error, StaleRecord | DatabaseBusy):
                self.screen.notify("\n".join(lines), severity="error", markup=False)
                return

            def again(yes: bool | None) -> None:
                if yes:
                    self._publish(get_problem(self.session.db, problem.number))

            self.screen.app.push_screen(
                RetryDialog(f"Not published \u00b7 {problem.number}", lines), again
            )
            return
        self.reload()
        self.screen.notify(
            one_line(f"Published {known.number} from {problem.number}"), markup=False
        )
