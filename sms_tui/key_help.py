"""The keys of a screen, read from its live bindings: one source for the help screen and the palette.

The footer reads the same bindings, so what an operator remaps in the keymap shows everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen

EVERYWHERE = "Everywhere"
THIS_SCREEN = "This screen"


@dataclass(frozen=True)
class KeyHelp:
    """One binding as an operator sees it: its keys, what it does and where it applies."""

    group: str
    keys: tuple[str, ...]
    description: str
    tooltip: str
    action: str
    node: DOMNode
    enabled: bool

    @property
    def key_text(self) -> str:
        return " ".join(self.keys)


def _group(node: DOMNode) -> str | None:
    if isinstance(node, App):
        return EVERYWHERE
    if isinstance(node, Screen):
        return THIS_SCREEN
    # Only our own widgets declare a group; Textual's input editing keys are not listed.
    group = getattr(node, "HELP_GROUP", None)
    return group if isinstance(group, str) else None


def screen_keys(screen: Screen[Any]) -> list[KeyHelp]:
    """Every binding active on `screen` right now, one entry per binding with all its keys.

    Ordered: this screen's own keys, then the focused widget's, then the app's.
    """
    app = screen.app
    found: dict[tuple[int, str], KeyHelp] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        group = _group(active.node)
        # Ours all have ids; Textual's unnamed extras (tab, ctrl+q, ctrl+c) still work but are not listed.
        if group is None or binding.id is None or not binding.description:
            continue
        ident = (id(active.node), binding.id)
        display = app.get_key_display(binding)
        entry = found.get(ident)
        if entry is None:
            found[ident] = KeyHelp(
                group=group,
                keys=(display,),
                description=binding.description,
                tooltip=binding.tooltip,
                action=binding.action,
                node=active.node,
                enabled=active.enabled,
            )
        elif display not in entry.keys:
            found[ident] = replace(entry, keys=(*entry.keys, display))
    order = {THIS_SCREEN: 0, EVERYWHERE: 2}
    return sorted(found.values(), key=lambda entry: order.get(entry.group, 1))
