"""What a running app has on screen, as text, for Pilot tests to assert on."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App
from textual.widgets import DataTable


def screen_lines(app: App[Any]) -> list[str]:
    """Each line of the current screen as the terminal would show it (overlays included)."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


def screen_text(app: App[Any]) -> str:
    return "\n".join(screen_lines(app))


def row_texts(table: DataTable[Any], key: str) -> list[str]:
    """A row's cells as plain text. Each must be a Text: DataTable reads a str cell as markup."""
    cells = table.get_row(key)
    assert all(isinstance(cell, Text) for cell in cells), cells
    return [cell.plain for cell in cells if isinstance(cell, Text)]
