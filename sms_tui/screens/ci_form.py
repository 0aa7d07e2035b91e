"""Create or edit a CI: name (new CIs only), class, status, environment, owner, location,
attributes as 'key = value' lines. A pure form: the flow that opened it saves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from sms_tui.ci_draft import CiDraft
from sms_tui.models import CiClass, CiStatus, Environment
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeInput, SafeTextArea


def _choices(values: Sequence[CiClass | CiStatus | Environment]) -> list[tuple[str, str]]:
    return [(v.value, v.value.replace("_", " ")) for v in values]


class CiFormDialog(EditDialog[CiDraft]):
    """The CI's fields; a new CI also takes its name (a CI is never renamed here)."""

    CSS_PATH = "ci_form.tcss"
    # The first that can take focus: a CI's name is fixed once it exists.
    AUTO_FOCUS = "#name, #owner"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "next_field",
            "Next field",
            id="ci_form.next",
            tooltip="Go to the next field (in the attributes, a new line)",
            priority=True,
        ),
    ]

    def __init__(
        self, title: str, draft: CiDraft, *, new: bool, notice: Sequence[str] = ()
    ) -> None:
        super().__init__(title, notice)
        self.draft = draft
        self.new = new

    def compose_form(self) -> ComposeResult:
        draft = self.draft
        with Horizontal(classes="form-row"):
            yield Static(Content("Name"), classes="field-label")
            name = SafeInput(
                draft.name, placeholder="db-prd-03 (required)", id="name", compact=True
            )
            name.disabled = not self.new
            yield name
        with Horizontal(id="ci-choices"):
            choices: list[tuple[str, str, list[tuple[str, str]], str]] = [
                ("Class", "ci_class", _choices(list(CiClass)), draft.ci_class.value),
                ("Status", "status", _choices(list(CiStatus)), draft.status.value),
                ("Environment", "environment", _choices(list(Environment)), draft.environment),
            ]
            for label, ident, options, chosen in choices:
                with Vertical():
                    yield Static(Content(label), classes="field-label")
                    yield ChoiceList(options, chosen, id=ident)
        for label, ident, text in (
            ("Owner", "owner", draft.owner),
            ("Location", "location", draft.location),
        ):
            with Horizontal(classes="form-row"):
                yield Static(Content(label), classes="field-label")
                yield SafeInput(text, id=ident, compact=True)
        yield Static(Content("Attributes (key = value, one per line)"), classes="field-label")
        yield SafeTextArea(draft.attributes, id="attributes", compact=True, soft_wrap=True)

    def _choice(self, ident: str) -> str:
        return self.query_one(f"#{ident}", ChoiceList).value or ""

    def result(self) -> CiDraft | str:
        name = self.query_one("#name", Input).value
        if not name.strip():
            return "a name is required"
        draft = CiDraft(
            name=name.strip(),
            ci_class=CiClass(self._choice("ci_class") or CiClass.SERVER),
            status=CiStatus(self._choice("status") or CiStatus.LIVE),
            environment=Environment(self._choice("environment") or Environment.PRODUCTION),
            owner=self.query_one("#owner", Input).value,
            location=self.query_one("#location", Input).value,
            attributes=self.query_one("#attributes", TextArea).text,
        )
        fields = draft.fields()
        return fields if isinstance(fields, str) else draft

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return not isinstance(self.focused, TextArea)
        return True

    def action_next_field(self) -> None:
        self.focus_next()
