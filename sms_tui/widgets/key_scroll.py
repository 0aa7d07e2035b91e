"""A vertical scroll that answers to vim keys, for read-only pages (detail views, help)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


class KeyScroll(VerticalScroll, inherit_bindings=False):
    """Scrolls with arrows, j/k, page keys and g/G; every binding has an id."""

    HELP_GROUP: ClassVar[str] = "Scrolling"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down,j",
            "scroll_down",
            "Scroll down",
            show=False,
            id="scroll.down",
            tooltip="Scroll down one line",
        ),
        Binding(
            "up,k",
            "scroll_up",
            "Scroll up",
            show=False,
            id="scroll.up",
            tooltip="Scroll up one line",
        ),
        Binding(
            "pagedown,space",
            "page_down",
            "Page down",
            show=False,
            id="scroll.page_down",
            tooltip="Scroll down one screen",
        ),
        Binding(
            "pageup",
            "page_up",
            "Page up",
            show=False,
            id="scroll.page_up",
            tooltip="Scroll up one screen",
        ),
        Binding(
            "home",
            "scroll_home",
            "Go to top",
            show=False,
            id="scroll.top",
            tooltip="Scroll to the top",
        ),
        Binding(
            "end,G",
            "scroll_end",
            "Go to end",
            show=False,
            id="scroll.end",
            tooltip="Scroll to the end",
        ),
    ]
