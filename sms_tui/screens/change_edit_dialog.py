"""Edit a change's fields: the new-change form, prefilled, checked as you type.

    ChangeEditDialog(session, change, edits={"title": "..."}, notice=("refused because",))

A pure form: it dismisses with only the fields the operator changed (a `ChangeEdit`), and the
detail saves them through `store.changes.update_change`, the same rules as `change update`.
After a refusal it is opened again over the change as it is now with the same `edits`, so
what someone else saved meanwhile stays unless the operator changed that very field. The
slot stays on the calendar's move keys and the state on the lifecycle key; the review's
outcome and notes are offered only while the change is in review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from sms_tui.changes import ChangeRefused
from sms_tui.changes.editing import check_edit, editable_fields, label
from sms_tui.models import Change, ChangeState, ChangeType, Risk
from sms_tui.safe_text import neutralise, one_line
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.session import Session
from sms_tui.store.validation import describe
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeInput, SafeTextArea

LINES = {"title": "#title", "implementer": "#implementer", "review_outcome": "#outcome"}
"""One-line fields -> their input."""
TEXTS = {
    "description": "#description",
    "backout_plan": "#backout",
    "test_plan": "#test",
    "review_notes": "#notes",
}
"""Plan-like fields -> their text box."""
REVIEW = frozenset({"review_outcome", "review_notes"})
WIDGETS = {**LINES, **TEXTS, "cis": "#cis", "change_type": "#type", "risk": "#risk"}


@dataclass(frozen=True)
class ChangeEdit:
    """The fields the operator changed, by Change field name; empty when nothing changed."""

    fields: Mapping[str, Any] = field(default_factory=dict)


class ChangeEditDialog(EditDialog[ChangeEdit]):
    """Title, type, risk, CIs, implementer, description, plans and (in review) the review."""

    CSS_PATH = "change_edit_dialog.tcss"
    AUTO_FOCUS = "#title"

    # Priority, so that "title⏎" typed in one SSH packet moves on before the next letters.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "next_field",
            "Next field",
            id="change_edit.next",
            tooltip="Go to the next field (in a text box, a new line)",
            priority=True,
        ),
    ]

    def __init__(
        self,
        session: Session,
        change: Change,
        edits: Mapping[str, Any] | None = None,
        notice: Sequence[str] = (),
    ) -> None:
        self.open_fields = editable_fields(change)
        edits = dict(edits or {})
        # Someone may have moved the change on since these were typed: show what is dropped.
        dropped = sorted(label(name) for name in edits if name not in self.open_fields)
        if dropped:
            notice = (*notice, f"Not kept, fixed in this state now: {', '.join(dropped)}")
        super().__init__(f"Edit {change.number}", notice)
        self.change = change
        self.edits = {k: v for k, v in edits.items() if k in self.open_fields}
        self.reviewing = change.state is ChangeState.REVIEW
        db = session.db
        self.known_cis = {row[0] for row in db.execute("SELECT name FROM cis")}
        self.known_people = {row[0] for row in db.execute("SELECT login FROM operators")}

    def _initial(self, name: str) -> Any:
        return self.edits.get(name, getattr(self.change, name))

    def compose_form(self) -> ComposeResult:
        cis = ", ".join(self._initial("cis"))
        rows = (
            ("Title", SafeInput(self._initial("title"), placeholder="what changes (required)", id="title", compact=True)),
            ("CIs", SafeInput(cis, placeholder="names, comma separated", id="cis", compact=True)),
            ("Implementer", SafeInput(self._initial("implementer") or "", placeholder="login (optional)", id="implementer", compact=True)),
        )  # fmt: skip
        for caption, line in rows:
            with Horizontal(classes="form-row"):
                yield Static(Content(caption), classes="field-label")
                yield line
        with Horizontal(id="change-edit-kinds"):
            with Vertical():
                yield Static(Content("Type"), classes="field-label")
                kind = ChangeType(self._initial("change_type")).value
                yield ChoiceList([(t.value, t.value) for t in ChangeType], kind, id="type")
            with Vertical():
                yield Static(Content("Risk"), classes="field-label")
                risk = Risk(self._initial("risk")).value
                yield ChoiceList([(r.value, r.value) for r in Risk], risk, id="risk")
        boxes = [("Description", "description"), ("Backout plan", "backout_plan"),
                 ("Test plan", "test_plan")]  # fmt: skip
        if self.reviewing:
            with Horizontal(classes="form-row"):
                yield Static(Content("Review"), classes="field-label")
                yield SafeInput(
                    self._initial("review_outcome"),
                    placeholder="outcome: successful, failed - backed out, ...",
                    id="outcome",
                    compact=True,
                )
            boxes.append(("Review notes", "review_notes"))
        for caption, name in boxes:
            yield Static(Content(caption), classes="field-label")
            yield SafeTextArea(
                self._initial(name), id=TEXTS[name].removeprefix("#"), compact=True, soft_wrap=True
            )
        fixed = sorted(label(n) for n in WIDGETS if n not in self.open_fields | REVIEW)
        if fixed:
            state = self.change.state.value.replace("_", " ")
            yield Static(
                Content(f"Fixed while {state}: {', '.join(fixed)}"), id="change-edit-fixed"
            )

    def on_mount(self) -> None:
        for name, selector in WIDGETS.items():
            if name not in self.open_fields | REVIEW:  # review boxes exist only when open
                self.query_one(selector).disabled = True
        super().on_mount()

    def _typed(self) -> dict[str, Any]:
        """Every field of the form, as the Change field it stands for."""
        typed: dict[str, Any] = {}
        for name, selector in LINES.items():
            if name not in REVIEW or self.reviewing:
                typed[name] = self.query_one(selector, Input).value
        for name, selector in TEXTS.items():
            if name not in REVIEW or self.reviewing:
                typed[name] = self.query_one(selector, TextArea).text
        typed["implementer"] = typed["implementer"].strip() or None
        names = self.query_one("#cis", Input).value.split(",")
        typed["cis"] = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        typed["change_type"] = ChangeType(self.query_one("#type", ChoiceList).value or "normal")
        typed["risk"] = Risk(self.query_one("#risk", ChoiceList).value or "low")
        return typed

    def _as_shown(self, name: str) -> Any:
        """The stored field as the form shows it, so that opening and saving changes nothing."""
        value = getattr(self.change, name)
        if name == "implementer":
            return one_line(value).strip() or None if value else None
        if name in LINES:
            return one_line(value)
        if name in TEXTS:
            return neutralise(value)
        return value

    def result(self) -> ChangeEdit | str:
        typed = self._typed()
        if not typed["title"].strip():
            return "title: required"
        unknown = [name for name in typed["cis"] if name not in self.known_cis]
        if unknown:
            return f"CIs: no CI named {one_line(unknown[0], limit=30)!r}"
        implementer = typed["implementer"]
        if implementer is not None and implementer not in self.known_people:
            return f"implementer: no operator {one_line(implementer, limit=30)!r}"
        edits = {k: v for k, v in typed.items() if v != self._as_shown(k)}
        try:
            check_edit(self.change, edits)
        except ChangeRefused as refused:
            return refused.why
        try:
            Change.model_validate({**self.change.model_dump(), **edits})
        except ValidationError as error:
            return describe(error)
        return ChangeEdit(edits)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return not isinstance(self.focused, TextArea)  # in a text box enter is a new line
        return True

    def action_next_field(self) -> None:
        self.focus_next()
