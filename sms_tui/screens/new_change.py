"""Create a change: a form checked as you type, opened at a calendar slot or from the CMDB.

    NewChangeScreen(session, start=None, cis=["db-prd-03"])

Enter moves to the next field; ctrl+s creates the draft change and dismisses with it. A
refused save keeps the form open with everything typed and the refusal above the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from sms_tui.models import Change, ChangeType, Risk
from sms_tui.safe_text import one_line
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.session import Session
from sms_tui.store.changes import create_change
from sms_tui.store.errors import StoreError
from sms_tui.store.validation import describe
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeInput, SafeTextArea

TIME_FORMAT = "%Y-%m-%d %H:%M"
PLACEHOLDER = "CHG-00000"


def _time(text: str, field: str) -> datetime | str:
    try:
        return datetime.strptime(text.strip(), TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return f"{field}: write it as YYYY-MM-DD HH:MM (UTC), not {one_line(text, limit=20)!r}"


class NewChangeScreen(EditDialog[Change]):
    """Title, type, risk, slot, CIs, implementer, backout and test plans."""

    CSS_PATH = "new_change.tcss"
    AUTO_FOCUS = "#title"

    # Priority, so that "title⏎" typed in one SSH packet moves on before the next letters.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "next_field",
            "Next field",
            id="new_change.next",
            tooltip="Go to the next field (in a plan, a new line)",
            priority=True,
        ),
    ]

    def __init__(
        self, session: Session, start: datetime | None = None, cis: Sequence[str] = ()
    ) -> None:
        super().__init__("New change")
        self.session = session
        now = session.config.clock()
        self.start = start or (now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))
        self.initial_cis = tuple(cis)
        db = session.db
        self.known_cis = {row[0] for row in db.execute("SELECT name FROM cis")}
        self.known_people = {row[0] for row in db.execute("SELECT login FROM operators")}

    def compose_form(self) -> ComposeResult:
        start = self.start.astimezone(UTC)
        rows = (
            ("Title", SafeInput(placeholder="what changes (required)", id="title", compact=True)),
            ("Start", SafeInput(f"{start:{TIME_FORMAT}}", id="start", compact=True)),
            ("End", SafeInput(f"{start + timedelta(hours=1):{TIME_FORMAT}}", id="end", compact=True)),
            ("CIs", SafeInput(", ".join(self.initial_cis), placeholder="names, comma separated", id="cis", compact=True)),
            ("Implementer", SafeInput(placeholder="login (optional)", id="implementer", compact=True)),
        )  # fmt: skip
        for label, field in rows:
            with Horizontal(classes="form-row"):
                yield Static(Content(label), classes="field-label")
                yield field
        with Horizontal(id="new-change-kinds"):
            with Vertical():
                yield Static(Content("Type"), classes="field-label")
                yield ChoiceList([(t.value, t.value) for t in ChangeType], "normal", id="type")
            with Vertical():
                yield Static(Content("Risk"), classes="field-label")
                yield ChoiceList([(r.value, r.value) for r in Risk], "low", id="risk")
        yield Static(Content("Backout plan"), classes="field-label")
        yield SafeTextArea(id="backout", compact=True, soft_wrap=True)
        yield Static(Content("Test plan"), classes="field-label")
        yield SafeTextArea(id="test", compact=True, soft_wrap=True)

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def result(self) -> Change | str:
        if not self._text("#title").strip():
            return "title: required"
        start, end = _time(self._text("#start"), "start"), _time(self._text("#end"), "end")
        if isinstance(start, str):
            return start
        if isinstance(end, str):
            return end
        cis = [name.strip() for name in self._text("#cis").split(",") if name.strip()]
        unknown = [name for name in cis if name not in self.known_cis]
        if unknown:
            return f"CIs: no CI named {one_line(unknown[0], limit=30)!r}"
        implementer = self._text("#implementer").strip() or None
        if implementer is not None and implementer not in self.known_people:
            return f"implementer: no operator {one_line(implementer, limit=30)!r}"
        try:
            return Change(
                number=PLACEHOLDER,
                title=self._text("#title"),
                change_type=ChangeType(self.query_one("#type", ChoiceList).value or "normal"),
                risk=Risk(self.query_one("#risk", ChoiceList).value or "low"),
                planned_start=start,
                planned_end=end,
                cis=list(dict.fromkeys(cis)),
                requester=self.session.config.operator,
                implementer=implementer,
                backout_plan=self.query_one("#backout", TextArea).text,
                test_plan=self.query_one("#test", TextArea).text,
            )
        except ValidationError as error:
            return describe(error)

    def action_save(self) -> None:
        draft = self.result()
        if isinstance(draft, str):
            super().action_save()  # shows the problem and rings the bell
            return
        config = self.session.config
        try:
            created = create_change(
                self.session.db,
                title=draft.title,
                start=draft.planned_start,
                end=draft.planned_end,
                change_type=draft.change_type,
                risk=draft.risk,
                cis=draft.cis,
                implementer=draft.implementer,
                backout_plan=draft.backout_plan,
                test_plan=draft.test_plan,
                operator=config.operator,
                now=config.clock(),
            )
        except StoreError as error:
            self.query_one("#dialog-problem", Static).update(Content(one_line(str(error))))
            self.app.bell()
            return
        self.app.post_message(self.Closed(self))
        self.dismiss(created)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return not isinstance(self.focused, TextArea)  # in a plan enter is a new line
        return True

    def action_next_field(self) -> None:
        self.focus_next()
