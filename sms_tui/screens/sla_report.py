"""The service-level report: every service's figures for a period, with a trend, by keys alone.

The same figures as `sms-tui report sla` (sms_tui.sla.report). Read in a worker thread: a
90-day report over 100,000 incidents takes a couple of seconds.
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
from textual.timer import Timer
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from sms_tui.safe_text import one_line
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.session import Session
from sms_tui.sla.report import Period, ServiceLevels, SlaReport
from sms_tui.sla_report_view import (
    breaches_text,
    hours_text,
    percent_text,
    period_text,
    ratio_text,
    sparkline,
)
from sms_tui.store.sla_report import load_sla_report
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar
from sms_tui.widgets.key_table import KeyTable

LENGTHS = (7, 30, 90)
REFRESH_AFTER = 10.0
"""Seconds between another operator's commit and the quiet recompute it leads to."""
COLUMNS = (("Service", 0), ("Resp.", 5), ("Resol.", 6), ("MTTR", 8), ("Breach", 6), ("Trend", 14))


class SlaReportScreen(Screen[None]):
    """Pushed from the catalogue by `r`; `escape` goes back."""

    CSS_PATH = "sla_report.tcss"
    AUTO_FOCUS = "#report-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="report.back",
            tooltip="Back to the catalogue",
            priority=True,
        ),
        Binding(
            "p",
            "length",
            "Period",
            id="report.length",
            tooltip="Switch the period between 7, 30 and 90 days",
        ),
        Binding(
            "left_square_bracket,h",
            "shift(-1)",
            "Earlier",
            id="report.earlier",
            tooltip="The period before this one",
        ),
        Binding(
            "right_square_bracket,l",
            "shift(1)",
            "Later",
            id="report.later",
            tooltip="The period after this one",
        ),
        Binding("enter", "open", "Open", id="report.open", tooltip="Open the highlighted service"),
    ]

    @dataclass
    class Read(Message):
        """A report has been computed."""

        report: SlaReport

    @dataclass
    class Failed(Message):
        """The report could not be read."""

        reason: str

    def __init__(self, session: Session, days: int = 30) -> None:
        super().__init__()
        self.session = session
        self.title = "Catalogue \u203a SLA report"
        self.period = Period.last_days(session.config.clock().date(), days)
        self.report: SlaReport | None = None
        # One computation at a time: a thread cannot be stopped, so a commit or a key during
        # one asks for another when it ends instead of starting a second alongside it.
        self._computing = False
        self._again = False
        self._refresh: Timer | None = None

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar(self.title or "", config.operator, config.db_path)
        yield Static(id="report-period")
        yield KeyTable(id="report-table")
        yield Static(id="report-preview")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(KeyTable)
        for label, width in COLUMNS:
            table.add_column(label, key=label, width=width or None)
        self.session.changes.subscribe(self, self._changed)
        self.load()

    def _changed(self, _version: int) -> None:
        # Another operator committed. On a busy desk that is every second, and a large report
        # takes seconds: gather the commits of a while into one quiet recompute.
        if self._refresh is None:
            self._refresh = self.set_timer(REFRESH_AFTER, self._recompute)

    def _recompute(self) -> None:
        self._refresh = None
        if self._computing:
            self._again = True
        else:
            self._computing = True
            self._compute(self.period)

    def load(self) -> None:
        """Compute the report for the current period, off the UI thread."""
        self.query_one("#report-period", Static).update(
            Content.assemble((period_text(self.period), "bold"), ("  computing\u2026", "dim"))
        )
        if self._computing:
            self._again = True
            return
        self._computing = True
        self._compute(self.period)

    @work(thread=True, exclusive=True, group="sla-report")
    def _compute(self, period: Period) -> None:
        worker = get_current_worker()
        try:
            report = load_sla_report(
                self.session.db, period, self.session.config.clock(), consistent=False
            )
        except sqlite3.Error as error:
            self.post_message(self.Failed(str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.Read(report))

    def _computed(self) -> None:
        self._computing = False
        if self._again:
            self._again = False
            self.load()

    @on(Failed)
    def _say_failed(self, message: Failed) -> None:
        self._computed()
        self.notify(
            one_line(message.reason, limit=200),
            title="Cannot read the report",
            severity="error",
            markup=False,
        )

    @on(Read)
    def _show(self, message: Read) -> None:
        report = message.report
        self._computed()
        if report.period != self.period:
            return  # the operator has moved on since: load() is computing the new one
        self.report = report
        steps = "days" if len(report.buckets) == report.period.length_days else "weeks"
        self.query_one("#report-period", Static).update(
            Content.assemble(
                (period_text(report.period), "bold"),
                f"  trend by {steps}; resolution met per step",
            )
        )
        table = self.query_one(KeyTable)
        keep = table.cursor_row
        table.clear()
        width = max(self.size.width - sum(w + 2 for _, w in COLUMNS[1:]) - 3, 12)
        table.ordered_columns[0].width = width
        table.ordered_columns[0].auto_width = False
        for line in (*report.services, report.total):
            table.add_row(*_cells(line), key=line.service)
        table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        self._preview()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _follow(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._preview()

    def _current(self) -> ServiceLevels | None:
        report, table = self.report, self.query_one(KeyTable)
        if report is None or not table.row_count:
            return None
        lines = (*report.services, report.total)
        return lines[min(table.cursor_row, len(lines) - 1)]

    def _preview(self) -> None:
        line = self._current()
        if line is None:
            return
        self.query_one("#report-preview", Static).update(
            Content.assemble(
                (one_line(line.service), "bold"),
                "\nResponse met    ",
                ratio_text(line.response),
                "\nResolution met  ",
                ratio_text(line.resolution),
                f"   resolved {line.resolved}, mean {hours_text(line.mttr_seconds)} business",
                "\nBreaches        ",
                breaches_text(line),
                "  (response+resolution)",
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            line = self._current()
            return (
                None if line is None or self.report is None or line is self.report.total else True
            )
        return True

    def action_length(self) -> None:
        days = self.period.length_days
        following = LENGTHS[(LENGTHS.index(days) + 1) % len(LENGTHS)] if days in LENGTHS else 30
        self.period = Period.last_days(self.period.last_day, following)
        self.load()

    def action_shift(self, steps: int) -> None:
        self.period = self.period.shifted(steps)
        self.load()

    def action_open(self) -> None:
        line = self._current()
        if line is not None and self.report is not None and line is not self.report.total:
            self.app.push_screen(ServiceDetailScreen(self.session, line.service))

    def action_back(self) -> None:
        self.dismiss()


def _cells(line: ServiceLevels) -> list[Text]:
    """Plain text cells: DataTable reads a str cell as markup."""
    values = (
        one_line(line.service),
        percent_text(line.response),
        percent_text(line.resolution),
        hours_text(line.mttr_seconds),
        str(line.breach_count),
        sparkline(line.trend),
    )
    return [
        Text(value, no_wrap=True, overflow="ellipsis", justify="left" if n in (0, 5) else "right")
        for n, value in enumerate(values)
    ]
