"""The top line of every screen: where you are, who you are and which database you are in."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from sms_tui.safe_text import one_line


def _shorten_left(text: str, width: int) -> str:
    """Keep the end of a path, which names the file, when the line is too narrow."""
    if len(text) <= width:
        return text
    return "\u2026" + text[len(text) - width + 1 :] if width > 1 else "\u2026"


class HeaderBar(Widget):
    """App name and location on the left; operator and database path on the right, as plain text."""

    DEFAULT_CSS = """
    HeaderBar {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    location: reactive[str] = reactive("")
    operator: reactive[str] = reactive("")
    database: reactive[str] = reactive("")

    def __init__(self, location: str, operator: str, database: str) -> None:
        super().__init__()
        self.set_reactive(HeaderBar.location, location)
        self.set_reactive(HeaderBar.operator, operator)
        self.set_reactive(HeaderBar.database, database)

    def render(self) -> Content:
        width = self.size.width
        operator = one_line(self.operator, limit=32)
        # The right half at most, so a long path never hides where you are.
        room = max(width // 2 - len(operator) - 4, 8)
        database = _shorten_left(one_line(self.database), room)
        right = Content.assemble((operator, "bold"), " \u00b7 ", database, " ")
        left = Content.assemble((" sms-tui ", "bold"), "\u203a ", one_line(self.location))
        left = left.truncate(max(width - right.cell_length - 1, 0), ellipsis=True)
        gap = max(width - left.cell_length - right.cell_length, 0)
        return Content.assemble(left, " " * gap, right)
