"""The footer: the shown keys of the screen, from its live bindings, in one line.

Textual's Footer builds one widget per key and rebuilds them all whenever the bindings change,
which costs about 70 ms per screen push here. One widget rendering one line does the same job
for an operator on the keyboard, and repaints one line.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

SECTION_PREFIX = "app.section."
# Always at the right-hand end, whatever else has to give way: the ways out and to every key.
KEPT_IDS = ("app.help", "app.quit")
MORE = Content.styled(" … ", "$footer-description-foreground")


class KeyBar(Widget):
    """Key and description of every binding marked `show`, as the screen's bindings are now.

    The section keys share one entry ("1-5 Sections"), and help and quit always stay in
    view: when the line is too narrow, the screen's last keys give way to "…" (help and the
    palette list them all).
    """

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

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Content:
        head: list[Content] = []
        kept: dict[str, Content] = {}
        sections: list[str] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            # One entry per action: "down,j" shows its first key only, as Textual's Footer does.
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            ident = binding.id or ""
            if ident.startswith(SECTION_PREFIX):
                if not sections:
                    head.append(Content(""))  # the sections' place, filled in below
                sections.append(self.app.get_key_display(binding))
                continue
            entry = self._entry(self.app.get_key_display(binding), binding, active.enabled)
            if ident in KEPT_IDS:
                kept[ident] = entry
            else:
                head.append(entry)
        if sections:
            keys = sections[0] if len(sections) == 1 else f"{sections[0]}-{sections[-1]}"
            head[head.index(Content(""))] = self._entry(keys, None, True, "Sections")
        tail = [kept[ident] for ident in KEPT_IDS if ident in kept]
        return _fit(head, tail, self.size.width)

    def _entry(
        self, keys: str, binding: Binding | None, enabled: bool, description: str = ""
    ) -> Content:
        dim = "" if enabled else " dim"
        text = binding.description if binding is not None else description
        return Content.assemble(
            (f" {keys} ", f"bold $footer-key-foreground{dim}"),
            (f"{text} ", f"$footer-description-foreground{dim}"),
        )


def _fit(head: list[Content], tail: list[Content], width: int) -> Content:
    """As many head entries as fit before the tail; "…" marks that some gave way."""
    tail_width = sum(entry.cell_length for entry in tail)
    used = sum(entry.cell_length for entry in head)
    if width <= 0 or used + tail_width <= width:
        return Content("").join([*head, *tail])
    room = width - tail_width - MORE.cell_length
    shown: list[Content] = []
    for entry in head:
        if entry.cell_length > room:
            break
        shown.append(entry)
        room -= entry.cell_length
    return Content("").join([*shown, MORE, *tail])
