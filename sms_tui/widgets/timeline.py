"""An incident's timeline: who did what when, work notes in full under their heading."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from sms_tui.incident_view import TimelineEntry
from sms_tui.safe_text import neutralise, one_line

INDENT = 4
_KIND_STYLE = {"note": "bold $text-accent", "changed": "$text-secondary", "opened": "bold"}


class Timeline(Widget):
    """Entries oldest first; a note keeps its line breaks, every line made safe."""

    DEFAULT_CSS = """
    Timeline {
        height: auto;
        padding: 0 1;
    }
    """

    entries: reactive[tuple[TimelineEntry, ...]] = reactive((), layout=True)

    def __init__(self, entries: Sequence[TimelineEntry] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Timeline.entries, tuple(entries))

    def _lines(self, width: int) -> list[Content]:
        if not self.entries:
            return [Content("-")]
        room = max(width - INDENT, 10)
        lines: list[Content] = []
        for entry in self.entries:
            lines.append(
                Content.assemble(
                    (entry.at.strftime("%Y-%m-%d %H:%M"), "dim"),
                    "  ",
                    (one_line(entry.who, limit=32), "bold"),
                    "  ",
                    (entry.kind, _KIND_STYLE.get(entry.kind, "")),
                ).truncate(max(width, 1), ellipsis=True)
            )
            text = neutralise(entry.text).expandtabs(4)
            for paragraph in text.split("\n") if text else ():
                for part in Content(paragraph).wrap(room) or [Content("")]:
                    lines.append(Content(" " * INDENT) + part)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))
