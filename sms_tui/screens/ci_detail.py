"""One CI in full: its fields and attributes, then its relationships, which can be followed.

`enter` on a relationship shows the CI at its other end in this same screen, and `escape` or
`backspace` goes back along the path taken, like a browser; the path is shown at the top.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sms_tui.cmdb_keys import detail_bindings
from sms_tui.cmdb_views import NO_BADGES, Badges, EdgeGroup, edge_groups
from sms_tui.models import CiClass, ConfigurationItem
from sms_tui.safe_text import one_line
from sms_tui.session import Session
from sms_tui.store import NotFound
from sms_tui.store.cmdb import badges, classes_of, get_ci, relationships_of
from sms_tui.store.cmdb_graph import cmdb_graph
from sms_tui.store.cmdb_services import services_of
from sms_tui.widgets.field_list import FieldList
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar

PATH_SHOWN = 4
"""CIs of the path named in the breadcrumb; earlier ones are an ellipsis."""


@dataclass(frozen=True)
class Edge:
    """A relationship as seen from the CI on screen: which group, and the CI at the other end."""

    group: EdgeGroup
    name: str


@dataclass(frozen=True)
class _View:
    ci: ConfigurationItem
    groups: tuple[EdgeGroup, ...]
    classes: dict[str, CiClass]
    badges: dict[str, Badges]
    services: tuple[str, ...]


def breadcrumb(path: list[str]) -> str:
    """The path as one line from 'CMDB' to the CI on screen, its start elided when long."""
    shown = [one_line(name, limit=30) for name in path[-PATH_SHOWN:]]
    if len(path) > PATH_SHOWN:
        shown.insert(0, "\u2026")
    return " \u203a ".join(["CMDB", *shown])


class CiDetailScreen(Screen[None]):
    """Pushed on the CMDB's stack (or by search and links); `escape` at the first CI goes back."""

    CSS_PATH = "ci_detail.tcss"
    AUTO_FOCUS = "#ci-edges"

    BINDINGS: ClassVar[list[BindingType]] = detail_bindings()

    def __init__(self, session: Session, name: str) -> None:
        super().__init__()
        self.session = session
        self.path: list[str] = [name]
        # Where the cursor was on each CI of the path, so that going back lands on the edge followed.
        self._cursor_at: list[int | None] = [None]
        self._edges: dict[str, Edge] = {}
        self._shown: _View | None = None
        self._edges_of = ""

    @property
    def ci_name(self) -> str:
        """The CI on screen."""
        return self.path[-1]

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar("CMDB", config.operator, config.db_path)
        yield Static(id="ci-path")
        with VerticalScroll(id="ci-top"):
            yield Static(id="ci-name")
            yield FieldList(id="ci-fields")
            yield Static(Content("Attributes"), classes="heading")
            yield FieldList(id="ci-attributes")
        yield Static(Content("Relationships"), classes="heading")
        yield OptionList(id="ci-edges")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, self._reload)
        self.load()
        self._warm_up()

    @work(thread=True, exclusive=True, group="ci-graph")
    def _warm_up(self) -> None:
        # The x-ray and the impact keys need the whole graph (seconds to build at 50,000
        # CIs): build it while the operator reads this CI.
        with suppress(sqlite3.Error):
            cmdb_graph(self.session.db)

    def on_screen_resume(self) -> None:
        self.load()

    def _reload(self, _version: int) -> None:
        self.load()

    @property
    def edges(self) -> OptionList:
        return self.query_one("#ci-edges", OptionList)

    def load(self) -> None:
        """Read the CI on screen and its neighbours; say so if it has gone."""
        db = self.session.db
        self.title = breadcrumb(self.path)
        self.query_one("#ci-path", Static).update(Content(self.title))
        try:
            ci = get_ci(db, self.ci_name)
        except NotFound:
            self._shown = None
            self._edges = {}
            self.edges.clear_options()
            self.query_one("#ci-name", Static).update(
                Content.styled("This CI no longer exists (deleted or renamed).", "bold")
            )
            self.refresh_bindings()
            return
        groups = edge_groups(ci.name, relationships_of(db, ci.name))
        names = [ci.name, *(n for g in groups for n in g.names)]
        services = tuple(s.name for s in services_of(db, ci.name))
        shown = _View(ci, groups, classes_of(db, names), badges(db, names), services)
        # Reloaded on every commit by anyone: repaint only when this CI's view changed.
        if shown != self._shown:
            self._shown = shown
            self._show(shown)

    def _show(self, view: _View) -> None:
        ci = view.ci
        own = view.badges.get(ci.name, NO_BADGES).text()
        self.query_one("#ci-name", Static).update(
            Content.assemble((one_line(ci.name), "bold"), ("  " + own, "$text-warning"))
        )
        updated = ci.updated_at.strftime("%Y-%m-%d %H:%M UTC") if ci.updated_at else "-"
        self.query_one("#ci-fields", FieldList).fields = (
            ("Class", ci.ci_class.value.replace("_", " ")),
            ("Status", ci.status.value),
            ("Environment", ci.environment.value),
            ("Owner", ci.owner or "-"),
            ("Location", ci.location or "-"),
            ("Services", ", ".join(view.services) or "-"),
            ("Updated", f"{updated} by {ci.updated_by or '-'} (version {ci.version})"),
        )
        self.query_one("#ci-attributes", FieldList).fields = tuple(sorted(ci.attributes.items()))
        self._fill_edges(view)

    def _fill_edges(self, view: _View) -> None:
        edges = self.edges
        # A reload of the same CI keeps the cursor; another CI starts on its first edge.
        keep = edges.highlighted if self._edges_of == view.ci.name else None
        self._edges_of = view.ci.name
        options: list[Option] = []
        self._edges = {}
        for g, group in enumerate(view.groups):
            options.append(
                Option(Content.styled(f"{group.title} ({len(group.names)})", "bold"), disabled=True)
            )
            for name in group.names:
                key = f"{g}:{len(options)}"
                self._edges[key] = Edge(group, name)
                cls = view.classes.get(name)
                about = cls.value.replace("_", " ") if cls else "not in the CMDB"
                marks = view.badges.get(name, NO_BADGES).text()
                options.append(
                    Option(
                        Content.assemble(
                            "  ",
                            one_line(name),
                            ("  " + about, "$text-muted"),
                            ("  " + marks if marks else "", "$text-warning"),
                        ),
                        id=key,
                    )
                )
        if not options:
            options.append(Option(Content("No relationships."), disabled=True))
        edges.clear_options()
        edges.add_options(options)
        wanted = self._cursor_at[-1] if self._cursor_at[-1] is not None else keep
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if wanted is not None and wanted < len(options) and not options[wanted].disabled:
            edges.highlighted = wanted
        else:
            edges.highlighted = first
        self._cursor_at[-1] = None
        self.refresh_bindings()

    @property
    def current_edge(self) -> Edge | None:
        """The relationship under the cursor."""
        edges = self.edges
        if edges.highlighted is None:
            return None
        option = edges.get_option_at_index(edges.highlighted)
        return None if option.id is None else self._edges.get(option.id)

    def go_to(self, name: str) -> None:
        """Follow an edge: show `name`, one step further along the path."""
        self._cursor_at[-1] = self.edges.highlighted
        self.path.append(name)
        self._cursor_at.append(None)
        self._shown = None
        self.load()

    @on(OptionList.OptionSelected, "#ci-edges")
    def _follow(self, event: OptionList.OptionSelected) -> None:
        edge = self._edges.get(event.option.id or "")
        if edge is not None:
            self.go_to(edge.name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unlink":
            return True if self.current_edge is not None else None
        if action in ("back", "xray", "impact", "incidents", "changes"):
            return True
        if action == "new_change":
            return self._new_change_screen() is not None
        return True if self._shown is not None else None

    def action_back(self) -> None:
        if len(self.path) == 1:
            self.dismiss()
            return
        self.path.pop()
        self._cursor_at.pop()
        self._shown = None
        self.load()

    def action_xray(self) -> None:
        from sms_tui.screens.ci_xray import CiXrayScreen

        self.app.push_screen(CiXrayScreen(self.session, self.ci_name))

    def action_impact(self) -> None:
        from sms_tui.screens.ci_impact import CiImpactScreen

        self.app.push_screen(CiImpactScreen(self.session, self.ci_name))

    def action_incidents(self) -> None:
        from sms_tui.screens.ci_records import CiRecordsScreen

        self.app.push_screen(CiRecordsScreen(self.session, self.ci_name, "incident"))

    def action_changes(self) -> None:
        from sms_tui.screens.ci_records import CiRecordsScreen

        self.app.push_screen(CiRecordsScreen(self.session, self.ci_name, "change"))

    def action_new_incident(self) -> None:
        from sms_tui.ci_flow import new_incident_on

        services = self._shown.services if self._shown else ()
        new_incident_on(self, self.session, self.ci_name, services)

    def _new_change_screen(self) -> object | None:
        from sms_tui.ci_flow import new_change_factory

        return new_change_factory()

    def action_new_change(self) -> None:
        from sms_tui.ci_flow import new_change_on

        new_change_on(self, self.session, self.ci_name)

    def action_edit(self) -> None:
        from sms_tui.ci_flow import CiFormFlow

        if self._shown is not None:
            CiFormFlow(self, self.session).edit(self._shown.ci, lambda _name: self.load())

    def action_link(self) -> None:
        from sms_tui.ci_flow import link_from

        link_from(self, self.session, self.ci_name, self.load)

    def action_unlink(self) -> None:
        from sms_tui.ci_flow import unlink_edge

        edge = self.current_edge
        if edge is not None:
            unlink_edge(self, self.session, self.ci_name, edge.group, edge.name, self.load)
