"""The x-ray of one CI (like k9s's xray): what needs it, up to the business services, and what
it needs, down to the infrastructure. Opened node by node from the keyboard, cycle-safe, each
node with live badges (open incidents, active changes, known errors)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from sms_tui.cmdb_views import NO_BADGES, Badges
from sms_tui.impact import CmdbGraph, Direction
from sms_tui.models import CiClass, RelationshipKind
from sms_tui.safe_text import one_line
from sms_tui.session import Session
from sms_tui.store.cmdb import badges, classes_of
from sms_tui.store.cmdb_graph import cmdb_graph
from sms_tui.store.cmdb_services import service_map
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.xray_tree import XrayNode, XrayTree

UP_LABEL = "Needed by (up to the business services)"
DOWN_LABEL = "Needs (down to the infrastructure)"
_RELATION_UP = {
    RelationshipKind.DEPENDS_ON: "depended on by",
    RelationshipKind.RUNS_ON: "hosts",
    RelationshipKind.CONNECTED_TO: "connected to",
}
_RELATION_DOWN = {
    RelationshipKind.DEPENDS_ON: "depends on",
    RelationshipKind.RUNS_ON: "runs on",
    RelationshipKind.CONNECTED_TO: "connected to",
}


def node_label(
    node: XrayNode, ci_class: CiClass | None, marks: Badges, quorum: int | None = None
) -> Text:
    """One node as plain text with styles: never markup, whatever the CI's name holds."""
    if node.heading:
        return Text(UP_LABEL if node.direction is Direction.UP else DOWN_LABEL, style="bold")
    if node.service:
        return Text.assemble(("service ", "dim"), (one_line(node.name), "bold"))
    parts: list[tuple[str, str] | str] = []
    if node.relation is not None:
        words = _RELATION_UP if node.direction is Direction.UP else _RELATION_DOWN
        parts.append((words[node.relation] + " ", "dim"))
    parts.append(one_line(node.name))
    if ci_class is not None:
        parts.append(("  " + ci_class.value.replace("_", " "), "dim"))
    if quorum is not None:
        members = "member" if quorum == 1 else "members"
        parts.append((f" (stays up with {quorum} {members} up)", "dim"))
    if marks.text():
        parts.append(("  " + marks.text(), "bold yellow"))
    if node.cycle:
        parts.append(("  \u21bb cycle", "dim italic"))
    return Text.assemble(*parts)


class CiXrayScreen(Screen[None]):
    """Pushed from a CI's detail by `x`."""

    CSS_PATH = "ci_xray.tcss"
    AUTO_FOCUS = "#xray"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="xray.back", tooltip="Back to the CI"),
        Binding(
            "enter", "open", "Show CI", id="xray.open", tooltip="Show the highlighted CI in full"
        ),
    ]

    def __init__(self, session: Session, ci: str) -> None:
        super().__init__()
        self.session = session
        self.ci = ci
        self.title = f"CMDB \u203a {one_line(ci, limit=40)} \u203a X-ray"
        self._graph: CmdbGraph | None = None
        self._supports: dict[str, list[str]] = {}
        self._filled: set[int] = set()

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        root = XrayNode(self.ci, Direction.DOWN, frozenset())
        yield XrayTree(Text(one_line(self.ci), style="bold"), data=root, id="xray")
        yield KeyBar()

    @property
    def xray(self) -> XrayTree:
        return self.query_one(XrayTree)

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, lambda _version: self.refresh_badges())
        self._read_graph()
        tree = self.xray
        path = frozenset({self.ci})
        for direction in (Direction.UP, Direction.DOWN):
            heading = XrayNode(self.ci, direction, path, heading=True)
            branch = tree.root.add(node_label(heading, None, NO_BADGES), data=heading)
            self._fill(branch)
            branch.expand()
        self._filled.add(tree.root.id)
        tree.root.expand()
        self.refresh_badges()

    def _read_graph(self) -> None:
        db = self.session.db
        self._graph = cmdb_graph(db)
        self._supports = {
            name: [s.name for s in found] for name, found in service_map(db).by_ci.items()
        }

    def _children(self, node: XrayNode) -> list[XrayNode]:
        graph = self._graph
        if graph is None or node.service or node.cycle:
            return []
        up = node.direction is Direction.UP
        edges = graph.dependents(node.name) if up else graph.dependencies(node.name)
        path = node.path | {node.name}
        found: list[XrayNode] = []
        if up:
            found += [
                XrayNode(s, node.direction, path, service=True)
                for s in sorted(self._supports.get(node.name, ()))
            ]
        for other, kind in sorted(edges, key=lambda edge: edge[0]):
            found.append(XrayNode(other, node.direction, path, kind, cycle=other in path))
        return found

    def _fill(self, parent: TreeNode[XrayNode]) -> None:
        """Add the children of a node, once; each shows an arrow only if it leads further."""
        data = parent.data
        if data is None or parent.id in self._filled:
            return
        self._filled.add(parent.id)
        children = self._children(data)
        names = [c.name for c in children if not c.service]
        classes = classes_of(self.session.db, names)
        marks = badges(self.session.db, names)
        for child in children:
            label = node_label(
                child,
                classes.get(child.name),
                marks.get(child.name, NO_BADGES),
                self._quorum(child.name),
            )
            more = not (child.service or child.cycle) and bool(self._children(child))
            parent.add(label, data=child, allow_expand=more)

    def _quorum(self, name: str) -> int | None:
        return None if self._graph is None else self._graph.min_members_up(name)

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[XrayNode]) -> None:
        self._fill(event.node)

    def refresh_badges(self) -> None:
        """Redraw every node's label with the badges as they are now."""
        nodes: list[TreeNode[XrayNode]] = []
        stack = [self.xray.root]
        while stack:
            node = stack.pop()
            nodes.append(node)
            stack.extend(node.children)
        names = [n.data.name for n in nodes if n.data and not n.data.service]
        db = self.session.db
        classes, marks = classes_of(db, names), badges(db, names)
        for node in nodes:
            data = node.data
            if data is None:
                continue
            if node is self.xray.root:
                own = marks.get(data.name, NO_BADGES).text()
                label = Text.assemble((one_line(data.name), "bold"), ("  " + own, "bold yellow"))
            else:
                label = node_label(
                    data,
                    classes.get(data.name),
                    marks.get(data.name, NO_BADGES),
                    self._quorum(data.name),
                )
            node.set_label(label)

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            node = self.xray.cursor_node
            ok = node is not None and node.data is not None and not node.data.heading
            return True if ok else None
        return True

    def action_open(self) -> None:
        node = self.xray.cursor_node
        if node is None or node.data is None or node.data.heading:
            return
        from sms_tui.openers import detail_screen
        from sms_tui.screens.ci_detail import CiDetailScreen

        if node.data.service:
            screen = detail_screen(self.session, "service", node.data.name)
            if screen is not None:
                self.app.push_screen(screen)
            return
        self.app.push_screen(CiDetailScreen(self.session, node.data.name))

    @on(Tree.NodeHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()
