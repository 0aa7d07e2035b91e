"""Text cut and padded to a number of terminal cells, wide characters counted as two."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from sms_tui.safe_text import one_line


def fit(text: str, width: int) -> str:
    """`text` on one line, exactly `width` cells: cut with an ellipsis, or padded."""
    if width <= 0:
        return ""
    text = one_line(text)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "\u2026"
    return set_cell_size(text, width)
