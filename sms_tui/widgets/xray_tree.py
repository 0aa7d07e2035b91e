"""A Tree for the CMDB x-ray: vim and arrow keys to move, open and close, each with an id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Tree

from sms_tui.impact import Direction
from sms_tui.models import RelationshipKind


@dataclass(frozen=True)
class XrayNode:
    """What a node stands for: a CI reached along `path` going `direction`, or a service.

    `path` holds the CIs from the root down to this one, so a CI already on it is a cycle:
    shown, never expanded.
    """

    name: str
    direction: Direction
    path: frozenset[str]
    relation: RelationshipKind | None = None
    service: bool = False
    cycle: bool = False
    heading: bool = False
    """One of the two branches under the root: 'Needed by' or 'Needs'."""


class XrayTree(Tree[XrayNode], inherit_bindings=False):
    """The x-ray's tree. Its screen fills a node's children when the node is first opened."""

    HELP_GROUP: ClassVar[str] = "Tree"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next", show=False, id="xray.down", tooltip="Next node"),
        Binding("up,k", "cursor_up", "Previous", show=False, id="xray.up", tooltip="Previous node"),
        Binding(
            "right,l",
            "expand",
            "Open",
            id="xray.expand",
            tooltip="Open the node to show the CIs beyond it",
        ),
        Binding(
            "left,h",
            "collapse",
            "Close",
            id="xray.collapse",
            tooltip="Close the node, or go to its parent",
        ),
        Binding(
            "space",
            "toggle_node",
            "Toggle",
            show=False,
            id="xray.toggle",
            tooltip="Open or close the node",
        ),
        Binding("home", "scroll_home", "First", show=False, id="xray.first", tooltip="First node"),
        Binding("end,G", "scroll_end", "Last", show=False, id="xray.last", tooltip="Last node"),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="xray.page_down",
            tooltip="Down a screen",
        ),
        Binding(
            "pageup", "page_up", "Page up", show=False, id="xray.page_up", tooltip="Up a screen"
        ),
    ]

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)
