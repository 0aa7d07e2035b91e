"""Both SLA clocks of an incident in words: state, time left or over, used, due, and pauses."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from sms_tui.incident_view import ClockLevel, ClockLine

_STYLES = {
    ClockLevel.RUNNING: "",
    ClockLevel.WARNING: "bold $text-warning",
    ClockLevel.BREACHED: "bold $text-error",
    ClockLevel.PAUSED: "$text-muted",
    ClockLevel.MET: "$text-success",
}


class SlaClockPanel(Widget):
    """Clock lines as the screen computed them; repaints only when their text changes."""

    DEFAULT_CSS = """
    SlaClockPanel {
        height: auto;
        padding: 0 1;
    }
    """

    lines: reactive[tuple[ClockLine, ...]] = reactive((), layout=True)
    empty: reactive[str] = reactive("no SLA")

    def __init__(self, lines: Sequence[ClockLine] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(SlaClockPanel.lines, tuple(lines))

    def render(self) -> Content:
        if not self.lines:
            return Content(self.empty)
        width = max(len(line.label) for line in self.lines) + 2
        out: list[Content] = []
        for line in self.lines:
            out.append(
                Content.assemble(
                    (line.label.ljust(width), "bold"),
                    (line.summary, _STYLES[line.level]),
                )
            )
            out.append(Content.assemble(" " * width, (line.detail, "dim")))
            out += [Content.assemble(" " * width, (pause, "italic")) for pause in line.pauses]
        return Content("\n").join(out)
