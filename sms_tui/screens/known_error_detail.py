"""One known error in full: symptom, root cause, workaround, solution, its problem and CIs."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from sms_tui.models import KnownError
from sms_tui.openers import detail_screen
from sms_tui.problem_view import known_error_fields
from sms_tui.safe_text import neutralise, one_line
from sms_tui.session import Session
from sms_tui.store import NotFound
from sms_tui.store.problems import get_known_error
from sms_tui.widgets.field_list import FieldList
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_scroll import KeyScroll

_TEXTS = ("symptom", "root_cause", "workaround", "solution")


class KnownErrorDetailScreen(Screen[None]):
    """A known error as the KEDB holds it; `o` opens its problem, `escape` goes back."""

    CSS_PATH = "known_error_detail.tcss"
    AUTO_FOCUS = "#detail-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="known_error.back",
            tooltip="Back to where the known error was opened from",
            priority=True,
        ),
        Binding(
            "o",
            "open_problem",
            "Problem",
            id="known_error.open_problem",
            tooltip="Open the problem this known error was published from",
        ),
    ]

    def __init__(self, session: Session, key: str) -> None:
        super().__init__()
        self.session = session
        self.number = key
        self.known: KnownError | None = None
        self.title = f"Known errors \u203a {one_line(key, limit=20)}"

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        with KeyScroll(id="detail-body"):
            yield Static(id="known-heading")
            yield FieldList(id="known-fields")
            for name in _TEXTS:
                yield Static(Content(name.replace("_", " ").capitalize()), classes="heading")
                yield Static(id=f"known-{name}", classes="text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.load()

    def _reload(self, _version: int) -> None:
        self.load()

    def load(self) -> None:
        try:
            known = get_known_error(self.session.db, self.number)
        except NotFound:
            self.known = None
            self.query_one("#known-heading", Static).update(
                Content.styled(f"No known error {one_line(self.number)}.", "bold")
            )
            return
        if known == self.known:
            return
        self.known = known
        self.query_one("#known-heading", Static).update(
            Content.assemble((known.number, "bold"), "\n", (one_line(known.title), "bold"))
        )
        self.query_one("#known-fields", FieldList).fields = tuple(known_error_fields(known))
        for name in _TEXTS:
            text = neutralise(getattr(known, name)).expandtabs(4).strip()
            self.query_one(f"#known-{name}", Static).update(Content(text or "-"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_problem":
            return self.known is not None and self.known.problem is not None
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_open_problem(self) -> None:
        if self.known is not None and self.known.problem is not None:
            screen = detail_screen(self.session, "problem", self.known.problem)
            if screen is not None:
                self.app.push_screen(screen)
