"""If this CI fails: the business services hit, most critical first, then every CI hit.

Clusters stay up while their quorum of members does (see sms_tui.impact). `enter` on a CI
opens its detail; `tab` moves between the two lists.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CellDoesNotExist
from textual.worker import get_current_worker

from sms_tui.safe_text import one_line
from sms_tui.session import Session
from sms_tui.store.cmdb_impact import ImpactReport, impact_report
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_table import KeyTable

SHOWN_CIS = 500
# Fixed widths: a DataTable cleared and refilled (on every commit) would shrink its columns
# to their labels.
SERVICE_COLUMNS = (("Criticality", 11), ("Service", 24), ("Via", 18), ("Hops", 4), ("Open inc", 8))
CI_COLUMNS = (("Hops", 4), ("CI", 24), ("Class", 14), ("Open inc", 8), ("Path", 80))


def _cell(text: str, style: str = "") -> Text:
    return Text(one_line(text), style=style)


def summary(report: ImpactReport) -> str:
    """'If db-prd-03 fails: 4 CIs down, 1 service hit (HR portal).' in plain words."""
    failed = ", ".join(report.failed)
    verb = "fails" if len(report.failed) == 1 else "fail"
    services = len(report.services)
    line = (
        f"If {failed} {verb}: {report.total} CI{'s' if report.total != 1 else ''} down, "
        f"{services} service{'s' if services != 1 else ''} hit"
    )
    if report.truncated:
        line += " (the depth limit stopped the walk: there may be more)"
    return line + "."


class CiImpactScreen(Screen[None]):
    """Pushed from a CI's detail by `a`."""

    CSS_PATH = "ci_impact.tcss"
    AUTO_FOCUS = "#impact-cis"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="impact.back", tooltip="Back to the CI"),
        Binding("enter", "open", "Open", id="impact.open", tooltip="Show the highlighted CI"),
        Binding(
            "tab",
            "focus_next",
            "Next list",
            id="impact.next_list",
            tooltip="Move between the services and the CIs",
        ),
    ]

    def __init__(self, session: Session, ci: str) -> None:
        super().__init__()
        self.session = session
        self.ci = ci
        self.title = f"CMDB \u203a {one_line(ci, limit=40)} \u203a Impact"

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        yield Static(id="impact-summary")
        yield Static(Content("Business services hit"), classes="heading")
        yield KeyTable(id="impact-services")
        yield Static(Content("CIs hit, nearest first"), classes="heading")
        yield KeyTable(id="impact-cis")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changes.subscribe(self, lambda _version: self.load())
        self.load()

    def load(self) -> None:
        """Walk again from the CI over the graph as it is now, in a worker: a storage array's
        impact reaches thousands of CIs."""
        self.query_one("#impact-summary", Static).update(
            Content(f"Walking up from {self.ci}\u2026")
        )
        self._walk()

    @work(thread=True, exclusive=True, group="ci-impact")
    def _walk(self) -> None:
        worker = get_current_worker()
        try:
            report = impact_report(self.session.db, [self.ci], limit=SHOWN_CIS)
        except sqlite3.Error as error:
            why = f"Could not read the CMDB: {error}"
            self.app.call_from_thread(self.notify, why, severity="error", markup=False)
            return
        if not worker.is_cancelled:
            self.post_message(self.Walked(report))

    @dataclass
    class Walked(Message):
        """A worker walked the graph."""

        report: ImpactReport

    @on(Walked)
    def _show(self, message: Walked) -> None:
        report = message.report
        self.query_one("#impact-summary", Static).update(Content(summary(report)))
        services = self.query_one("#impact-services", KeyTable)
        services.clear(columns=True)
        for label, width in SERVICE_COLUMNS:
            services.add_column(label, width=width)
        for s in report.services:
            service = s.hit.service
            strong = "bold" if service.criticality.value in ("critical", "high") else ""
            services.add_row(
                _cell(service.criticality.value, strong),
                _cell(service.name),
                _cell(s.hit.ci),
                _cell(str(s.hit.depth)),
                _cell(str(s.open_incidents or "")),
            )
        cis = self.query_one("#impact-cis", KeyTable)
        cis.clear(columns=True)
        for label, width in CI_COLUMNS:
            cis.add_column(label, width=width)
        for c in report.cis:
            cis.add_row(
                _cell(str(c.hit.depth)),
                _cell(c.hit.ci),
                _cell(c.ci_class.value.replace("_", " ") if c.ci_class else "-"),
                _cell(str(c.badges.incidents or "")),
                _cell(one_line(c.hit.reason, limit=80)),
                key=c.hit.ci,
            )

    def action_back(self) -> None:
        self.dismiss()

    def action_open(self) -> None:
        cis = self.query_one("#impact-cis", KeyTable)
        if self.focused is not cis or not cis.row_count:
            return
        try:
            name = cis.coordinate_to_cell_key(cis.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return
        if name is not None:
            from sms_tui.screens.ci_detail import CiDetailScreen

            self.app.push_screen(CiDetailScreen(self.session, name))

    @on(DataTable.RowSelected, "#impact-cis")
    def _open_selected(self) -> None:
        self.action_open()
