"""One line of views, each with its key and how many items it holds; the current one stands out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class Tab:
    """A view as the line shows it. `count` is None until it has been counted.

    `binding` is the id of the binding that shows the view; its key is read from the
    screen's live bindings when drawn, so a key remapped in the keymap shows here too.
    """

    binding: str
    key: str
    label: str
    short: str
    count: int | None
    active: bool


Layout = Callable[[Tab], tuple[str, str]]
"""How a tab is written when space is short: its key's text and its label."""

# From roomiest to tightest; the first that fits the width wins.
LAYOUTS: tuple[Layout, ...] = (
    lambda tab: (f" {tab.key} ", tab.label),
    lambda tab: (f" {tab.key} ", tab.short),
    lambda tab: (f"{tab.key}", tab.short),
    lambda tab: (f"{tab.key}", tab.short if tab.active else ""),
)


def _tab(tab: Tab, layout: Layout) -> Content:
    key, label = layout(tab)
    count = "\u2026" if tab.count is None else str(tab.count)
    # Reverse video marks the current view even where colour is lost.
    style = "reverse bold" if tab.active else ""
    key_style = "reverse bold" if tab.active else "bold $footer-key-foreground"
    pad = "" if key.startswith(" ") else " "
    body = f"{pad}{label} {count} " if label else f"{pad}{count} "
    return Content.assemble((key, key_style), (body, style))


class ViewTabs(Widget):
    """Shows the tabs it is given, with the fullest labels that fit the width."""

    DEFAULT_CSS = """
    ViewTabs {
        height: 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    tabs: reactive[tuple[Tab, ...]] = reactive(())

    def on_mount(self) -> None:
        # As the KeyBar does: the keymap is applied after the screen mounts, and may change.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def _keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for active in self.screen.active_bindings.values():
            ident = active.binding.id
            if ident is not None and ident not in keys:
                keys[ident] = self.app.get_key_display(active.binding)
        return keys

    def render(self) -> Content:
        width = self.size.width
        keys = self._keys()
        tabs = [replace(tab, key=keys.get(tab.binding, tab.key)) for tab in self.tabs]
        line = Content("")
        for layout in LAYOUTS:
            line = Content("").join(_tab(tab, layout) for tab in tabs)
            if line.cell_length <= width:
                break
        return line
