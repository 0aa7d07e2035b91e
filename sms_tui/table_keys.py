"""The row-movement keys every list shares, so that one keymap entry ("table.down") moves both."""

from __future__ import annotations

from textual.binding import Binding


def row_bindings() -> list[Binding]:
    """j/k, page keys and g/G: vim and k9s habits, with the arrows and home/end too."""
    return [
        Binding(
            "down,j",
            "cursor_down",
            "Next row",
            show=False,
            id="table.down",
            tooltip="Move the cursor down one row",
        ),
        Binding(
            "up,k",
            "cursor_up",
            "Previous row",
            show=False,
            id="table.up",
            tooltip="Move the cursor up one row",
        ),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="table.page_down",
            tooltip="Move the cursor down one screen",
        ),
        Binding(
            "pageup",
            "page_up",
            "Page up",
            show=False,
            id="table.page_up",
            tooltip="Move the cursor up one screen",
        ),
        Binding(
            "home",
            "scroll_top",
            "First row",
            show=False,
            id="table.first",
            tooltip="Move the cursor to the first row",
        ),
        Binding(
            "end,G",
            "scroll_bottom",
            "Last row",
            show=False,
            id="table.last",
            tooltip="Move the cursor to the last row",
        ),
    ]
