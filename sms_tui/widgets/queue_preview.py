"""Below the queue: who called about the highlighted incident, and its title in full."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from sms_tui.queue_views import QueueItem, state_label
from sms_tui.safe_text import one_line


class QueuePreview(Widget):
    """One line about one incident: its caller and whole title, as plain text."""

    DEFAULT_CSS = """
    QueuePreview {
        height: 1;
        background: $panel;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    item: reactive[QueueItem | None] = reactive(None)

    def render(self) -> Content:
        item = self.item
        if item is None:
            return Content("")
        label = "bold $text-secondary"
        caller = one_line(item.caller) or "-"
        major = [("  major", "bold $text-error")] if item.major else []
        return Content.assemble(
            (item.number, "bold"),
            (f" {state_label(item.state)}", "dim"),
            *major,
            ("  Caller ", label),
            caller,
            ("  ", ""),
            one_line(item.title),
        )
