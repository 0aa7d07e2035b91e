"""The change calendar: a week of changes to plan from the keyboard, conflicts shown live.

The week grid needs a wide terminal; at 80 columns the agenda (a list by day) is the
default, and `v` switches. Moving the selected change (shift+arrows, +/-) tries the slot
out on the loaded week before anything is saved: every flag on screen is recomputed with
the change in its draft slot. `s` saves through the store, which checks again inside its
write; a conflict there asks for an override reason.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from sms_tui.calendar_keys import calendar_bindings
from sms_tui.change_calendar import DAY, HOUR, CalendarFilter, WeekView, monday_of
from sms_tui.change_calendar.plan import Cursor, Draft, WeekPlan
from sms_tui.models import Change
from sms_tui.openers import detail_screen
from sms_tui.safe_text import one_line
from sms_tui.screens.calendar_pick_dialog import CalendarPickDialog, Picked
from sms_tui.screens.new_change import NewChangeScreen
from sms_tui.screens.reason_dialog import Reason, ReasonDialog
from sms_tui.session import Session
from sms_tui.store.catalogue import list_services
from sms_tui.store.change_impact import load_graph
from sms_tui.store.change_schedule import FIXED, Conflicted, schedule
from sms_tui.store.changes import ChangeFilter, list_changes, list_windows
from sms_tui.store.errors import StoreError
from sms_tui.widgets.calendar_grid import CalendarGrid
from sms_tui.widgets.header_bar import HeaderBar
from sms_tui.widgets.key_bar import KeyBar

WIDE = 120
"""From this many columns the week grid is the default view."""
SHORTEST = timedelta(minutes=30)


class ChangeCalendarScreen(Screen[None]):
    """The root screen of the changes section."""

    CSS_PATH = "change_calendar.tcss"
    AUTO_FOCUS = "#calendar-grid"
    BINDINGS: ClassVar[list[BindingType]] = calendar_bindings()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.title = "Changes"
        now = session.config.clock()
        self.monday = monday_of(now)
        self.cursor = Cursor(day=(now - self.monday) // DAY, hour=now.hour)
        self.filter = CalendarFilter()
        self.draft: Draft | None = None
        self.plan: WeekPlan | None = None
        self.note = ""
        self._loaded: tuple[datetime, datetime] | None = None

    def compose(self) -> ComposeResult:
        config = self.session.config
        yield HeaderBar("Changes", config.operator, config.db_path)
        yield Static(id="calendar-status")
        yield CalendarGrid(id="calendar-grid")
        yield Static(id="calendar-info")
        yield KeyBar()

    def on_mount(self) -> None:
        self.grid.agenda = self.app.size.width < WIDE
        self.session.changes.subscribe(self, lambda _version: self.load())
        self.load()
        self._select_here()
        self.show()

    @property
    def grid(self) -> CalendarGrid:
        return self.query_one("#calendar-grid", CalendarGrid)

    def load(self) -> None:
        """Read the week and a week either side (neighbours of a change dragged over the edge)."""
        db = self.session.db
        start, end = self.monday - 7 * DAY, self.monday + 14 * DAY
        self.plan = WeekPlan(
            list_changes(db, ChangeFilter(start=start, end=end)),
            list_windows(db),
            list_services(db),
            load_graph(db),
        )
        self._loaded = (start, end)
        if self.draft is not None and self.draft.number not in self.plan.changes:
            self.draft = None
        self.show()

    def _ensure_loaded(self) -> None:
        if self._loaded is None or not (
            self._loaded[0] <= self.monday - 7 * DAY and self.monday + 14 * DAY <= self._loaded[1]
        ):
            self.load()

    def build_view(self) -> WeekView:
        assert self.plan is not None
        config = self.session.config
        return self.plan.view(
            self.monday,
            self.filter,
            config.operator,
            self.cursor,
            draft=self.draft,
            today=config.clock().date(),
        )

    def show(self) -> None:
        """Push the view down to the grid, and say what is selected or moving."""
        if self.plan is None:
            return
        view = self.build_view()
        self.grid.view = view
        mode = "agenda" if self.grid.agenda else "week"
        self.query_one("#calendar-status", Static).update(
            Content(
                f" Week of {self.monday:%a %d %b %Y} \u00b7 {one_line(self.filter.describe())}"
                f" \u00b7 {mode} \u00b7 {len(view.changes)} change(s)"
            )
        )
        self.query_one("#calendar-info", Static).update(Content(self._info()))
        self.refresh_bindings()

    def _info(self) -> str:
        plan, number = self.plan, self.cursor.selected
        if self.note:
            return self.note
        if plan is None or number is None or number not in plan.changes:
            return "No change here. n creates one at this slot."
        change = plan.placed_change(plan.changes[number], self.draft)
        conflicts = plan.conflicts(number, self.draft)
        slot = f"{change.planned_start:%a %d %b %H:%M}-{change.planned_end:%H:%M}"
        head = (
            f"Moving {number} to {slot}: s saves, escape puts it back"
            if self.draft is not None
            else f"{number} {one_line(change.title, limit=40)} \u00b7 "
            f"{change.state.value.replace('_', ' ')} \u00b7 {slot}"
        )
        if not conflicts:
            return f"{head}\nNo conflict."
        first = one_line(conflicts[0].message, limit=200)
        more = f" (+{len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
        return f"{head}\n! {len(conflicts)} conflict(s): {first}{more}"

    # The cursor and the selection.

    def _select_here(self) -> None:
        view = self.build_view()
        if self.grid.agenda:
            day = [c for c in view.by_day[self.cursor.day]]
            keep = self.cursor.selected in {c.number for c in day}
            selected = self.cursor.selected if keep else (day[0].number if day else None)
        else:
            here = view.at(self.cursor.day, self.cursor.hour)
            keep = self.cursor.selected in {c.number for c in here}
            selected = self.cursor.selected if keep else (here[0].number if here else None)
        self.cursor = Cursor(self.cursor.day, self.cursor.hour, selected)

    def _go(self, moment: datetime, selected: str | None = None, *, pick: bool = True) -> None:
        """Put the cursor on the hour holding `moment`, changing week if need be."""
        self.monday = monday_of(moment)
        self._ensure_loaded()
        self.cursor = Cursor((moment - self.monday) // DAY, moment.hour, selected)
        if pick:
            self._select_here()
        self.note = ""
        self.show()

    def action_cursor(self, days: int, hours: int) -> None:
        if self.grid.agenda and hours:
            self.action_jump(hours)
            return
        start = self.monday + self.cursor.day * DAY + self.cursor.hour * HOUR
        self._go(start + days * DAY + hours * HOUR, self.cursor.selected)

    def _visible(self) -> list[Change]:
        assert self.plan is not None
        login = self.session.config.operator
        shown = [
            self.plan.placed_change(c, self.draft)
            for c in self.plan.changes.values()
            if self.filter.keeps(c, login, self.plan.service_cis)
        ]
        return sorted(shown, key=lambda c: (c.planned_start, c.number))

    def action_jump(self, step: int) -> None:
        """The next (or previous) change after the selected one, or after the cursor's hour."""
        if self.plan is None or self.draft is not None:
            return
        changes = self._visible()
        numbers = [c.number for c in changes]
        if self.cursor.selected in numbers:
            index = numbers.index(self.cursor.selected) + step
        else:
            start = self.monday + self.cursor.day * DAY + self.cursor.hour * HOUR
            after = [i for i, c in enumerate(changes) if c.planned_start >= start]
            index = (after[0] if after else len(changes)) - (1 if step < 0 else 0)
        if 0 <= index < len(changes):
            target = changes[index]
            self._go(target.planned_start, target.number, pick=False)
        else:
            self.app.bell()

    def action_today(self) -> None:
        self._go(self.session.config.clock())

    def action_week(self, step: int) -> None:
        if self.draft is not None:
            return
        self._go(self.monday + self.cursor.day * DAY + self.cursor.hour * HOUR + step * 7 * DAY)

    def action_toggle_view(self) -> None:
        self.grid.agenda = not self.grid.agenda
        self.show()

    # Moving the selected change.

    def _movable(self) -> Change | None:
        plan, number = self.plan, self.cursor.selected
        if plan is None or number is None or number not in plan.changes:
            self.app.bell()
            return None
        change = plan.changes[number]
        if change.state in FIXED:
            self.note = f"{number} is {change.state.value}: its slot is history and cannot move."
            self.show()
            return None
        return change

    def _try(self, start: datetime, end: datetime) -> None:
        number = self.cursor.selected
        assert number is not None
        self.draft = Draft(number, start, end)
        self.note = ""
        self.monday = monday_of(start)
        self._ensure_loaded()
        self.cursor = Cursor((start - self.monday) // DAY, start.hour, number)
        self.show()

    def action_shift(self, hours: int) -> None:
        change = self._movable()
        if change is None:
            return
        start, end = self._slot(change)
        self._try(start + hours * HOUR, end + hours * HOUR)

    def action_stretch(self, hours: int) -> None:
        change = self._movable()
        if change is None:
            return
        start, end = self._slot(change)
        self._try(start, max(end + hours * HOUR, start + SHORTEST))

    def _slot(self, change: Change) -> tuple[datetime, datetime]:
        if self.draft is not None and self.draft.number == change.number:
            return self.draft.start, self.draft.end
        return change.planned_start, change.planned_end

    def action_abandon(self) -> None:
        if self.draft is None:
            return
        original = self.plan.changes.get(self.draft.number) if self.plan else None
        self.draft = None
        if original is not None:
            self._go(original.planned_start, original.number, pick=False)
        else:
            self.show()

    def action_save(self, reason: str | None = None) -> None:
        draft, plan = self.draft, self.plan
        if draft is None or plan is None or draft.number not in plan.changes:
            return
        change = plan.changes[draft.number]
        config = self.session.config
        try:
            schedule(
                self.session.db, draft.number, change.version, draft.start, draft.end,
                operator=config.operator, now=config.clock(), override_reason=reason,
            )  # fmt: skip
        except Conflicted as conflicted:
            self._ask_override(conflicted, reason or "")
            return
        except StoreError as error:
            # Stale or refused: the draft stays on screen, with who changed what.
            self.note = f"Not saved: {one_line(str(error).splitlines()[0])}"
            self.show()
            return
        self.draft = None
        self.note = f"Saved {draft.number}: {draft.start:%a %d %b %H:%M}-{draft.end:%H:%M}"
        self.load()

    def _ask_override(self, conflicted: Conflicted, text: str) -> None:
        notice = [f"{c.kind.value.replace('_', ' ')}: {c.message}" for c in conflicted.conflicts]
        dialog = ReasonDialog(
            f"{conflicted.number} conflicts: save anyway?",
            "Reason for the override (audited)",
            required=True,
            text=text,
            notice=notice,
        )

        def answered(reason: Reason | None) -> None:
            if reason is not None:
                self.action_save(reason.text)

        self.app.push_screen(dialog, answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        moving = self.draft is not None
        if action in ("save", "abandon"):
            return True if moving else None
        if action in ("jump", "week", "new", "toggle_filter", "pick_filter", "clear_filters"):
            return None if moving else True
        if action == "open":
            return True if self.cursor.selected and not moving else None
        return True

    # Opening and creating.

    def action_open(self) -> None:
        number = self.cursor.selected
        if number is None or self.draft is not None:
            return
        screen = detail_screen(self.session, "change", number)
        if screen is not None:
            self.app.push_screen(screen, lambda _result: self.load())

    def action_new(self) -> None:
        start = self.monday + self.cursor.day * DAY + self.cursor.hour * HOUR

        def created(change: Change | None) -> None:
            self.load()
            if change is not None:
                self._go(change.planned_start, change.number, pick=False)

        cis: tuple[str, ...] = ()
        if self.filter.ci is not None:
            cis = (self.filter.ci,)
        self.app.push_screen(NewChangeScreen(self.session, start=start, cis=cis), created)

    # Filters.

    def action_toggle_filter(self, name: str) -> None:
        if name == "mine":
            self.filter = CalendarFilter(not self.filter.mine, self.filter.awaiting, self.filter.service, self.filter.ci)  # fmt: skip
        else:
            self.filter = CalendarFilter(self.filter.mine, not self.filter.awaiting, self.filter.service, self.filter.ci)  # fmt: skip
        self._select_here()
        self.show()

    def action_clear_filters(self) -> None:
        self.filter = CalendarFilter()
        self.show()

    def action_pick_filter(self, kind: str) -> None:
        db = self.session.db
        if kind == "service":
            names = [s.name for s in list_services(db)]
            current = self.filter.service or ""
        else:
            names = [row[0] for row in db.execute("SELECT name FROM cis ORDER BY name")]
            current = self.filter.ci or ""
        label = "Service" if kind == "service" else "CI"

        def picked(result: Picked | None) -> None:
            if result is None:
                return
            f = self.filter
            if kind == "service":
                self.filter = CalendarFilter(f.mine, f.awaiting, result.name, f.ci)
            else:
                self.filter = CalendarFilter(f.mine, f.awaiting, f.service, result.name)
            self._select_here()
            self.show()

        dialog = CalendarPickDialog(f"Show the changes of one {label}", label, names, current)
        self.app.push_screen(dialog, picked)
