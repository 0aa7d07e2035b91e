"""Labelled values, one per line, with the labels in a column: 'Owner      Payroll team'."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from sms_tui.safe_text import one_line

Field = tuple[str, str]
"""A label and its value, both plain text (never markup)."""

LABEL_MAX = 24


class FieldList(Widget):
    """Label/value pairs; a long value wraps under itself, not under the labels."""

    DEFAULT_CSS = """
    FieldList {
        height: auto;
        padding: 0 1;
    }
    """

    fields: reactive[tuple[Field, ...]] = reactive((), layout=True)

    def __init__(self, fields: Sequence[Field] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(FieldList.fields, tuple(fields))

    def _lines(self, width: int) -> list[Content]:
        if not self.fields:
            return [Content("-")]
        label_width = min(max(len(label) for label, _ in self.fields), LABEL_MAX) + 2
        value_width = max(width - label_width, 10)
        lines: list[Content] = []
        for label, value in self.fields:
            head = Content.styled(one_line(label, limit=LABEL_MAX).ljust(label_width), "bold")
            indent = Content(" " * label_width)
            for n, part in enumerate(Content(one_line(value)).wrap(value_width)):
                lines.append((head if n == 0 else indent) + part)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))
