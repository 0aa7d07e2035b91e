"""A service's SLA targets as a small table: priority, time to respond, time to resolve."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from sms_tui.catalogue_rows import long_duration
from sms_tui.models import SlaTarget


class SlaTable(Widget):
    """Targets per priority in business time; 'no targets' when the service promises none."""

    DEFAULT_CSS = """
    SlaTable {
        height: auto;
        padding: 0 1;
    }
    """

    targets: reactive[tuple[SlaTarget, ...]] = reactive((), layout=True)

    def __init__(self, targets: Sequence[SlaTarget] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(SlaTable.targets, tuple(targets))

    def render(self) -> Content:
        if not self.targets:
            return Content("no targets")
        head = Content.styled(f"{'Priority':<10}{'Respond':<14}{'Resolve':<14}", "bold underline")
        lines = [head]
        for target in self.targets:
            lines.append(
                Content(
                    f"{target.priority.value:<10}"
                    f"{long_duration(target.respond_minutes):<14}"
                    f"{long_duration(target.resolve_minutes):<14}"
                )
            )
        lines.append(Content.styled("in business hours of the service's calendar", "dim"))
        return Content("\n").join(lines)
