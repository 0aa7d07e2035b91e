"""Below the catalogue table: the highlighted service's hours, SLA targets and description in full."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from sms_tui.catalogue_rows import ServiceRow
from sms_tui.safe_text import one_line


class ServicePreview(Widget):
    """Three lines about one service, or a hint when there is none to show."""

    DEFAULT_CSS = """
    ServicePreview {
        height: 4;
        border-top: solid $primary-muted;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    row: reactive[ServiceRow | None] = reactive(None)
    hint: reactive[str] = reactive("")

    def render(self) -> Content:
        row = self.row
        if row is None:
            return Content(self.hint)
        label = "bold $text-secondary"
        # The calendar's name, unless the summary already says it all ("24x7").
        calendar = [] if row.calendar == row.hours else [("  " + one_line(row.calendar), "dim")]
        return Content("\n").join(
            [
                Content.assemble(("Hours  ", label), one_line(row.hours), *calendar),
                Content.assemble(("SLA    ", label), one_line(row.sla)),
                Content.assemble(("About  ", label), one_line(row.description) or "-"),
            ]
        )
