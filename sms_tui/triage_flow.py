"""Running a triage action from a screen: the dialog, the save, and the retry when refused.

The detail and the queue both hold one of these. It opens the action's dialog on the
incidents as the screen read them, saves what the dialog returns through `triage.apply`,
and when the store refuses (someone else changed an incident, the database was busy, a rule
said no) opens the dialog again on the fresh record with everything typed kept and the
refusal shown above it: saving again applies it to the new version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.screen import ModalScreen, Screen

from sms_tui import triage
from sms_tui.fuzzy_pick import Choice
from sms_tui.incident_edits import (
    AddWorkNote,
    Assign,
    Edit,
    Move,
    SetLevels,
    SetMajor,
    SetParent,
    Take,
)
from sms_tui.models import Incident
from sms_tui.safe_text import one_line
from sms_tui.screens.assign_dialog import AssignDialog
from sms_tui.screens.levels_dialog import LevelsDialog
from sms_tui.screens.new_incident import NewIncidentDialog
from sms_tui.screens.note_dialog import NoteDialog
from sms_tui.screens.parent_dialog import ParentDialog
from sms_tui.screens.retry_dialog import RetryDialog
from sms_tui.screens.state_dialog import StateDialog
from sms_tui.session import Session
from sms_tui.store import families, records
from sms_tui.store.catalogue import list_services
from sms_tui.store.errors import DatabaseBusy, StaleRecord, StoreError
from sms_tui.store.incident_picks import parent_candidates
from sms_tui.store.incidents import get_incident, priority_matrix
from sms_tui.store.operators import list_operators

KEPT = "Your input is kept: save again to apply it to the incident as it is now."


def done_text(edit: Edit, numbers: Sequence[str]) -> str:
    """What a successful save says, in plain words."""
    which = triage.numbers_text(numbers)
    if isinstance(edit, Take):
        return f"Took {which}"
    if isinstance(edit, Assign):
        return f"Assigned {which} to {edit.assignee or edit.group}"
    if isinstance(edit, SetLevels):
        return f"{which}: impact {edit.impact}, urgency {edit.urgency}"
    if isinstance(edit, Move):
        return f"{which} moved to {edit.state.value.replace('_', ' ')}"
    if isinstance(edit, AddWorkNote):
        return f"Work note added to {which}"
    if isinstance(edit, SetMajor):
        return f"{which} {'marked' if edit.major else 'no longer'} major"
    if isinstance(edit, SetParent):
        return f"{which}: parent {edit.parent or 'none'}"
    return f"Saved {which}"


class TriageFlow:
    """One screen's way to run actions; `reload` is called after every save attempt."""

    def __init__(self, screen: Screen[Any], session: Session, reload: Callable[[], None]) -> None:
        self.screen = screen
        self.session = session
        self.reload = reload

    def run(self, action: str, incidents: Sequence[Incident]) -> None:
        """Start `action` on the incidents as the screen read them (their versions count)."""
        if not incidents:
            return
        if action == "take":
            self._save(action, Take(), incidents)
        elif action == "major":
            self._save(action, SetMajor(not all(i.major for i in incidents)), incidents)
        else:
            self._ask(action, incidents, None, ())

    def _title(self, action: str, incidents: Sequence[Incident]) -> str:
        names = {
            "assign": "Assign",
            "levels": "Impact and urgency",
            "state": "State",
            "note": "Work note",
            "parent": "Parent",
        }
        numbers = triage.numbers_text([i.number for i in incidents])
        return f"{names.get(action, action)} \u00b7 {numbers}"

    def _dialog(
        self,
        action: str,
        incidents: Sequence[Incident],
        initial: Edit | None,
        notice: Sequence[str],
    ) -> ModalScreen[Any]:
        db, title, first = self.session.db, self._title(action, incidents), incidents[0]
        if action == "assign":
            query = ""
            if isinstance(initial, Assign):
                query = initial.assignee or initial.group or ""
            return AssignDialog(title, list_operators(db), query, notice)
        if action == "levels":
            impact, urgency = first.impact, first.urgency
            if isinstance(initial, SetLevels):
                impact, urgency = initial.impact or impact, initial.urgency or urgency
            return LevelsDialog(
                title,
                impact=impact,
                urgency=urgency,
                priority=first.priority,
                matrix=priority_matrix(db),
                notice=notice,
            )
        if action == "state":
            move = initial if isinstance(initial, Move) else None
            return StateDialog(title, incidents, move, notice)
        if action == "parent":
            numbers = {i.number for i in incidents}
            choices = [
                Choice(ref.number, f"{ref.number} \u00b7 {ref.state} \u00b7 {ref.title}")
                for ref in parent_candidates(db, numbers)
            ]
            query = initial.parent or "" if isinstance(initial, SetParent) else ""
            return ParentDialog(title, choices, query, notice)
        text = initial.text if isinstance(initial, AddWorkNote) else ""
        return NoteDialog(title, text, notice)

    def _ask(
        self,
        action: str,
        incidents: Sequence[Incident],
        initial: Edit | None,
        notice: Sequence[str],
    ) -> None:
        targets = tuple(incidents)

        def chosen(edit: Edit | None) -> None:
            if edit is not None:
                self._save(action, edit, targets)

        self.screen.app.push_screen(self._dialog(action, targets, initial, notice), chosen)

    def _save(self, action: str, edit: Edit, incidents: Sequence[Incident]) -> None:
        config = self.session.config
        outcomes = triage.apply(
            self.session.db,
            {i.number: i.version for i in incidents},
            edit,
            operator=config.operator,
            now=config.clock(),
        )
        self.reload()
        saved = [o.number for o in outcomes if o.ok]
        if saved:
            self.screen.notify(one_line(done_text(edit, saved)), markup=False)
        failed = [o for o in outcomes if not o.ok]
        if failed:
            self._refused(action, edit, failed)

    def _refused(self, action: str, edit: Edit, failed: Sequence[triage.Outcome]) -> None:
        lines = triage.problem_lines(failed)
        fresh: list[Incident] = []
        for outcome in failed:
            try:
                fresh.append(get_incident(self.session.db, outcome.number))
            except StoreError:
                continue
        retryable = any(isinstance(o.error, StaleRecord | DatabaseBusy) for o in failed)
        if not fresh:
            self.screen.notify("\n".join(lines), severity="error", markup=False)
        elif action in ("take", "major"):
            if not retryable:
                self.screen.notify("\n".join(lines), severity="error", markup=False)
                return

            def again(yes: bool | None) -> None:
                if yes:
                    self.run(action, fresh)

            title = f"Not saved \u00b7 {triage.numbers_text([i.number for i in fresh])}"
            self.screen.app.push_screen(RetryDialog(title, lines), again)
        else:
            notice = [*lines, KEPT] if retryable else lines
            self._ask(action, fresh, edit, notice)

    def new_incident(
        self,
        opened: Callable[[str], None],
        draft: triage.NewIncident | None = None,
        notice: Sequence[str] = (),
    ) -> None:
        """The new-incident form; `opened` is called with the number once it is created."""
        db = self.session.db
        dialog = NewIncidentDialog(
            list_services(db),
            records.select(db, families.CIS),
            priority_matrix(db),
            draft,
            notice,
            matches=self.session.matches,
        )

        def chosen(value: triage.NewIncident | None) -> None:
            if value is None:
                return
            config = self.session.config
            try:
                created = triage.create(db, value, operator=config.operator, now=config.clock())
            except StoreError as error:
                why = triage.BUSY_TEXT if isinstance(error, DatabaseBusy) else str(error)
                self.new_incident(opened, value, [one_line(why), KEPT])
                return
            self.screen.notify(
                one_line(f"Opened {created.number}: {created.title}", limit=120), markup=False
            )
            opened(created.number)

        self.screen.app.push_screen(dialog, chosen)
