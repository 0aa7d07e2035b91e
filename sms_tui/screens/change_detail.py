"""One change in full: its fields, approvals, conflicts and the services it would hit.

Keys edit its fields, move it through its lifecycle, approve it or reject it with a comment.
A save the store refuses (a rule, a missing role, someone else's save) reopens the dialog
with what was typed kept and the refusal shown above it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from sms_tui.changes import ChangeRefused, approvals_needed, approvers
from sms_tui.changes.editing import check_edit
from sms_tui.models import Change
from sms_tui.safe_text import neutralise, one_line
from sms_tui.screens.change_edit_dialog import ChangeEdit, ChangeEditDialog
from sms_tui.screens.change_state_dialog import ChangeMove, ChangeStateDialog
from sms_tui.screens.reason_dialog import Reason, ReasonDialog
from sms_tui.session import Session
from sms_tui.store import NotFound
from sms_tui.store.change_actions import approve, move, reject
from sms_tui.store.change_impact import change_impact
from sms_tui.store.change_schedule import conflicts_of
from sms_tui.store.changes import get_change, update_change
from sms_tui.store.errors import StoreError
from sms_tui.widgets.field_list import Field, FieldList
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_scroll import KeyScroll

KEPT = "What you typed is kept: save again to apply it to the change as it is now."


def _when(change: Change) -> str:
    start, end = change.planned_start, change.planned_end
    until = f"{end:%H:%M}" if start.date() == end.date() else f"{end:%a %d %b %H:%M}"
    return f"{start:%a %d %b %Y %H:%M}-{until} UTC"


class ChangeDetailScreen(Screen[None]):
    """Pushed by the calendar's `enter` (or any opener); `escape` goes back."""

    CSS_PATH = "change_detail.tcss"
    AUTO_FOCUS = "#change-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="change.back", tooltip="Back to the calendar", priority=True),
        Binding("e", "edit", "Edit", id="change.edit", tooltip="Edit the title, type, risk, CIs, people and plans"),
        Binding("l", "state", "State", id="change.state", tooltip="Move the change through its lifecycle"),
        Binding("a", "decide(True)", "Approve", id="change.approve", tooltip="Approve, with an optional comment"),
        Binding("r", "decide(False)", "Reject", id="change.reject", tooltip="Reject, saying why"),
    ]  # fmt: skip

    def __init__(self, session: Session, number: str) -> None:
        super().__init__()
        self.session = session
        self.number = number
        self.change: Change | None = None
        self.title = f"Changes \u203a {number}"

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        with KeyScroll(id="change-body"):
            yield Static(id="change-title", classes="heading")
            yield FieldList(id="change-fields")
            yield Static(Content("Conflicts"), classes="heading")
            yield FieldList(id="change-conflicts")
            yield Static(Content("Services hit"), classes="heading")
            yield FieldList(id="change-impact")
            yield Static(Content("Approvals"), classes="heading")
            yield FieldList(id="change-approvals")
            yield Static(Content("Plans"), classes="heading")
            yield Static(id="change-plans")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, lambda _version: self.load())
        self.load()

    def load(self) -> None:
        db = self.session.db
        try:
            change = get_change(db, self.number)
        except NotFound:
            self.change = None
            self.query_one("#change-title", Static).update(
                Content.styled(f"{self.number} no longer exists.", "bold")
            )
            return
        self.change = change
        self.query_one("#change-title", Static).update(
            Content.styled(f"{change.number}  {one_line(change.title)}", "bold")
        )
        needed = approvals_needed(change)
        self.query_one("#change-fields", FieldList).fields = (
            ("Type", change.change_type.value),
            ("State", change.state.value.replace("_", " ")),
            ("Risk", change.risk.value),
            ("Planned", _when(change)),
            ("CIs", ", ".join(change.cis) or "-"),
            ("Requester", change.requester),
            ("Implementer", change.implementer or "-"),
            ("Approvals", f"{len(approvers(change))} of {needed} needed"),
            ("Review", " \u00b7 ".join(x for x in (change.review_outcome, change.review_notes) if x) or "-"),
            ("Version", f"{change.version} by {change.updated_by or '-'}"),
        )  # fmt: skip
        conflicts = conflicts_of(db, change)
        self.query_one("#change-conflicts", FieldList).fields = tuple(
            ("! " + c.kind.value.replace("_", " "), c.message) for c in conflicts
        ) or (("None", "no conflict in this slot"),)
        impact = change_impact(db, change)
        self.query_one("#change-impact", FieldList).fields = tuple(
            (hit.service, f"{hit.criticality.value} \u00b7 via {hit.via} \u00b7 "
             f"{hit.open_incidents} open incident(s)")
            for hit in impact
        ) or (("None", "no business service depends on these CIs"),)  # fmt: skip
        self.query_one("#change-approvals", FieldList).fields = tuple(
            (a.approver, f"{a.decision.value} {a.at:%Y-%m-%d %H:%M} UTC: {a.comment or '-'}")
            for a in change.approvals
        ) or (("None", "no decision yet"),)
        plans: list[Field] = [
            ("Description", change.description),
            ("Backout plan", change.backout_plan),
            ("Test plan", change.test_plan),
        ]
        text = "\n\n".join(f"{label}:\n{neutralise(value) or '-'}" for label, value in plans)
        self.query_one("#change-plans", Static).update(Content(text.expandtabs(4)))

    def action_back(self) -> None:
        self.dismiss()

    def action_edit(
        self, edits: dict[str, Any] | None = None, notice: tuple[str, ...] = ()
    ) -> None:
        if self.change is None:
            return
        try:
            check_edit(self.change, ())
        except ChangeRefused as refused:
            self.notify(one_line(str(refused)), severity="error", markup=False)
            self.app.bell()
            return
        config = self.session.config
        # The version the form is filled from: the screen reloads under the dialog whenever
        # another process commits, and that must not make an edit of an older version pass.
        base = self.change

        def save(edit: ChangeEdit | None) -> None:
            if edit is None:
                return
            if not edit.fields:
                self.notify(f"{self.number}: nothing changed", markup=False)
                return
            fields = dict(edit.fields)
            self._save(
                lambda _current: update_change(
                    self.session.db, base.number, base.version, fields,
                    operator=config.operator, now=config.clock(),
                ),
                f"{self.number} saved: {', '.join(sorted(fields)).replace('_', ' ')}",
                lambda error: self.action_edit(fields, (error, KEPT)),
            )  # fmt: skip

        self.app.push_screen(ChangeEditDialog(self.session, base, edits, notice), save)

    def action_state(self, initial: ChangeMove | None = None, notice: tuple[str, ...] = ()) -> None:
        if self.change is None:
            return

        def save(chosen: ChangeMove | None) -> None:
            if chosen is not None:
                self._save(
                    lambda c: move(
                        self.session.db, c.number, c.version, chosen.state,
                        operator=self.session.config.operator, now=self.session.config.clock(),
                        review_outcome=chosen.review_outcome, review_notes=chosen.review_notes,
                    ),
                    f"{self.number} moved to {chosen.state.value.replace('_', ' ')}",
                    lambda error: self.action_state(chosen, (error, KEPT)),
                )  # fmt: skip

        self.app.push_screen(ChangeStateDialog(self.change, initial, notice), save)

    def action_decide(self, approving: bool, text: str = "", notice: tuple[str, ...] = ()) -> None:
        if self.change is None:
            return
        verb = "Approve" if approving else "Reject"
        label = "Comment (optional)" if approving else "Why it is rejected"
        dialog = ReasonDialog(
            f"{verb} {self.number}", label, required=not approving, text=text, notice=notice
        )
        act = approve if approving else reject
        config = self.session.config

        def save(reason: Reason | None) -> None:
            if reason is not None:
                self._save(
                    lambda c: act(
                        self.session.db, c.number, c.version, operator=config.operator,
                        comment=reason.text, now=config.clock(),
                    ),
                    f"{self.number} {'approved' if approving else 'rejected'}",
                    lambda error: self.action_decide(approving, reason.text, (error, KEPT)),
                )  # fmt: skip

        self.app.push_screen(dialog, save)

    def _save(
        self, write: Callable[[Change], Any], done: str, retry: Callable[[str], None]
    ) -> None:
        if self.change is None:
            return
        try:
            write(self.change)
        except StoreError as error:
            self.load()
            retry(str(error).splitlines()[0])
            return
        self.load()
        self.notify(one_line(done), markup=False)
