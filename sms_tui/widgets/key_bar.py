"""The footer: the shown keys of the screen, from its live bindings, in one line.

Textual's Footer builds one widget per key and rebuilds them all whenever the bindings change,
which costs about 70 ms per screen push here. One widget rendering one line does the same job
for an operator on the keyboard, and repaints one line.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """Key and description of every binding marked `show`, as the screen's bindings are now."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Content:
        parts: list[Content] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            # One entry per action: "down,j" shows its first key only, as Textual's Footer does.
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            dim = "" if active.enabled else " dim"
            parts.append(
                Content.assemble(
                    (f" {self.app.get_key_display(binding)} ", f"bold $footer-key-foreground{dim}"),
                    (f"{binding.description} ", f"$footer-description-foreground{dim}"),
                )
            )
        return Content("").join(parts)
