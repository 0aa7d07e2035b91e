"""The incidents or the changes naming one CI, as a list; `enter` opens the record."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CellDoesNotExist

from sms_tui.openers import detail_screen
from sms_tui.safe_text import one_line
from sms_tui.session import Session
from sms_tui.store.cmdb import ci_changes, ci_incidents
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_table import KeyTable

Kind = Literal["incident", "change"]
_TITLE_WIDTH = 40


def _cell(text: str) -> Text:
    # A str cell is read as markup by DataTable: every cell is a Text of plain, safe text.
    return Text(one_line(text))


class CiRecordsScreen(Screen[None]):
    """Pushed from a CI's detail by `i` (incidents) or `h` (changes)."""

    CSS_PATH = "ci_records.tcss"
    AUTO_FOCUS = "#ci-records"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="ci_records.back", tooltip="Back to the CI"),
        Binding(
            "enter", "open", "Open", id="ci_records.open", tooltip="Open the highlighted record"
        ),
    ]

    def __init__(self, session: Session, ci: str, kind: Kind) -> None:
        super().__init__()
        self.session = session
        self.ci = ci
        self.kind = kind
        noun = "Incidents" if kind == "incident" else "Changes"
        self.title = f"CMDB \u203a {one_line(ci, limit=40)} \u203a {noun}"

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        yield Static(id="ci-records-summary")
        yield KeyTable(id="ci-records")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, lambda _version: self.load())
        self.load()

    def on_screen_resume(self) -> None:
        # This operator's own saves (in the record's detail) do not move data_version.
        if self.table.columns:
            self.load()

    @property
    def table(self) -> KeyTable:
        return self.query_one(KeyTable)

    def load(self) -> None:
        """Read the records naming the CI, keeping the cursor on the same one."""
        db = self.session.db
        table = self.table
        keep = self.current_key
        table.clear(columns=True)
        if self.kind == "incident":
            for label, width in (("Number", 10), ("Pri", 3), ("State", 11), ("Opened", 10)):
                table.add_column(label, width=width)
            table.add_column("Title", width=_TITLE_WIDTH)
            for i in ci_incidents(db, self.ci):
                table.add_row(
                    _cell(i.number),
                    _cell(i.priority.value),
                    _cell(i.state.value.replace("_", " ")),
                    _cell(f"{i.opened_at:%Y-%m-%d}"),
                    _cell(one_line(i.title, limit=_TITLE_WIDTH)),
                    key=i.number,
                )
        else:
            for label, width in (("Number", 9), ("State", 17), ("Start", 16), ("Risk", 6)):
                table.add_column(label, width=width)
            table.add_column("Title", width=_TITLE_WIDTH)
            for c in ci_changes(db, self.ci):
                table.add_row(
                    _cell(c.number),
                    _cell(c.state.value.replace("_", " ")),
                    _cell(f"{c.planned_start:%Y-%m-%d %H:%M}"),
                    _cell(c.risk.value),
                    _cell(one_line(c.title, limit=_TITLE_WIDTH)),
                    key=c.number,
                )
        noun = self.kind if table.row_count == 1 else f"{self.kind}s"
        self.query_one("#ci-records-summary", Static).update(
            Content.assemble(f"{table.row_count} {noun} on ", (one_line(self.ci), "bold"))
        )
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self.refresh_bindings()

    @property
    def current_key(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None
        return key

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return True if self.current_key is not None else None
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_open(self) -> None:
        key = self.current_key
        if key is None:
            return
        screen = detail_screen(self.session, self.kind, key)
        if screen is None:
            self.notify(f"No {self.kind} screen in this build yet: {key}", markup=False)
            return
        self.app.push_screen(screen)

    @on(DataTable.RowSelected)
    def _open_selected(self) -> None:
        self.action_open()
