"""Redrawing the change calendar's week while a change moves, and the conflict check.

A desk of 10,000 changes over a year, 500 of them in the visible month (about 125 in the
week on screen), 600 CIs with 1,200 relationships, 40 services with weekly maintenance
windows and two blackouts. Prints medians over several runs:

- the week query (the changes of three weeks out of 10,000) against a full scan baseline;
- one move (shift+down) of a conflicting change in the headless app at 120x40, from the key
  to the repainted frame, conflicts of the whole week recomputed; and, as the baseline in
  the same run, moving the cursor one hour (`j`), the floor for any key;
- the pure part of a move (conflicts and layout of the week, no Textual);
- then bench/conflicts.py's check of one change against 10,000 scheduled ones.

Goal: a move under 30 ms median.

    .venv/bin/python bench/calendar_redraw.py [--runs 7] [--moves 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.geometry import Region

from bench import conflicts as conflict_bench
from sms_tui.app import make_app
from sms_tui.change_calendar import week_lines
from sms_tui.change_calendar.plan import Draft
from sms_tui.config import AppConfig
from sms_tui.models import (
    BusinessCalendar,
    Change,
    ChangeState,
    CiClass,
    ConfigurationItem,
    Desk,
    Operator,
    Relationship,
    RelationshipKind,
    Role,
    Service,
    Window,
    WindowKind,
)
from sms_tui.scheduling import Schedule
from sms_tui.screens.change_calendar import ChangeCalendarScreen
from sms_tui.store import open_store
from sms_tui.store.changes import ChangeFilter, list_changes
from sms_tui.store.desk import write_desk

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # a Wednesday in the middle of the month
MONTH = datetime(2026, 11, 1, tzinfo=UTC)
YEAR = datetime(2026, 1, 1, tzinfo=UTC)
HOUR = timedelta(hours=1)


def desk(seed: int) -> Desk:
    rng = random.Random(seed)
    cis = [f"ci-{i:04d}" for i in range(600)]
    people = [f"eng{i:02d}" for i in range(60)]
    states = [ChangeState.SCHEDULED] * 5 + [ChangeState.AWAITING_APPROVAL, ChangeState.DRAFT]
    changes = []
    for n in range(10_000):
        # 500 in November, the rest spread over the other eleven months.
        if n < 500:
            start = MONTH + rng.randrange(30 * 24) * HOUR
        else:
            start = YEAR + rng.randrange(365 * 24) * HOUR
            if start.month == 11:
                start -= timedelta(days=31)
        state = rng.choice(states) if start > NOW else ChangeState.CLOSED
        changes.append(
            Change(
                number=f"CHG-{n + 1:05d}",
                title=f"Planned work {n} on {rng.choice(cis)}",
                state=state,
                planned_start=start,
                planned_end=start + rng.randint(1, 4) * HOUR,
                cis=rng.sample(cis, rng.randint(1, 3)),
                requester="alice",
                implementer=rng.choice(people),
                review_outcome="successful" if state is ChangeState.CLOSED else "",
            )
        )
    services = [
        Service(name=f"Service {i}", calendar="24x7", cis=cis[i * 15 : (i + 1) * 15])
        for i in range(40)
    ]
    windows = [
        Window(name=f"Weekly {i}", kind=WindowKind.MAINTENANCE, service=f"Service {i}",
               starts_at=YEAR + (i % 7) * 24 * HOUR + 20 * HOUR,
               ends_at=YEAR + (i % 7) * 24 * HOUR + 24 * HOUR, weekly=True)
        for i in range(40)
    ]  # fmt: skip
    windows += [
        Window(name="Freeze", kind=WindowKind.BLACKOUT, starts_at=datetime(2026, 11, 27, tzinfo=UTC),
               ends_at=datetime(2026, 11, 30, tzinfo=UTC)),
        Window(name="Year end", kind=WindowKind.BLACKOUT, starts_at=datetime(2026, 12, 20, tzinfo=UTC),
               ends_at=datetime(2027, 1, 3, tzinfo=UTC)),
    ]  # fmt: skip
    edges = {(rng.choice(cis), rng.choice(cis)) for _ in range(1_200)}
    return Desk(
        operators=[Operator(login=p, roles=[Role.OPERATOR]) for p in ["alice", *people]],
        calendars=[BusinessCalendar(name="24x7", always_open=True)],
        cis=[ConfigurationItem(name=c, ci_class=CiClass.SERVER) for c in cis],
        relationships=[
            Relationship(source=a, kind=RelationshipKind.DEPENDS_ON, target=b)
            for a, b in sorted(edges)
            if a != b
        ],
        services=services,
        windows=windows,
        changes=changes,
    )


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn: object, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - started)
    return median_ms(samples)


async def app_moves(path: Path, moves: int) -> dict[str, float]:
    """Median milliseconds of each measure, in one app at 120x40 on the changes section."""
    db = open_store(path, create=False)
    config = AppConfig(operator="alice", db_path=str(path), clock=lambda: NOW, animations=False)
    app = make_app(db, config)
    found: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangeCalendarScreen)
        await pilot.press("tab")  # the first change after the cursor
        await pilot.pause()
        number = screen.cursor.selected
        assert number is not None
        grid = screen.grid
        whole = Region(0, 0, grid.size.width, grid.size.height)

        def redraw(action: object) -> float:
            # The screen's reaction to the key and every line of the grid drawn again:
            # what a frame needs from our code, without the compositor and the terminal.
            started = time.perf_counter()
            action()  # type: ignore[operator]
            grid.render_lines(whole)
            return time.perf_counter() - started

        async def key(name: str) -> float:
            started = time.perf_counter()
            await pilot.press(name)
            await pilot.pause()
            return time.perf_counter() - started

        samples: dict[str, list[float]] = {"redraw_move": [], "redraw_cursor": []}
        steps = [1 if i % 2 == 0 else -1 for i in range(moves)]  # there and back again
        for step in steps:
            samples["redraw_move"].append(redraw(lambda step=step: screen.action_shift(step)))
        assert screen.draft is not None and screen.draft.number == number
        screen.action_abandon()
        for step in steps:
            samples["redraw_cursor"].append(redraw(lambda step=step: screen.action_cursor(0, step)))
        for name, keys in (
            ("key_move", ["shift+down" if step > 0 else "shift+up" for step in steps]),
            ("key_cursor", ["j" if step > 0 else "k" for step in steps]),
            ("key_none", ["f12"] * moves),
        ):
            samples[name] = [await key(k) for k in keys]
            if name == "key_move":
                assert screen.draft is not None and screen.draft.number == number
                await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        plan = screen.plan
        assert plan is not None
        change = plan.changes[number]
        width = grid.size.width

        def pure() -> None:
            draft = Draft(number, change.planned_start + HOUR, change.planned_end + HOUR)
            plan._last = None  # a new slot each time, as a real move is
            view = plan.view(screen.monday, screen.filter, "alice", screen.cursor, draft=draft)
            week_lines(view, width, 0, 24)

        found = {name: median_ms(values) for name, values in samples.items()}
        found["pure"] = timed(pure, moves)
        found["shown"] = len(grid.view.changes) if grid.view else 0
    db.conn.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "calendar.db"
        db = open_store(path)
        write_desk(db, desk(args.seed), "bench", NOW)
        monday = datetime(2026, 11, 16, tzinfo=UTC)
        three_weeks = ChangeFilter(start=monday - 7 * 24 * HOUR, end=monday + 14 * 24 * HOUR)
        query = timed(lambda: list_changes(db, three_weeks), args.runs)
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM changes WHERE planned_end > ? AND planned_start < ?",
            ["2026-11-09T00:00:00Z", "2026-11-30T00:00:00Z"],
        ).fetchall()
        scan = timed(lambda: db.execute("SELECT count(*) FROM changes WHERE planned_end > ?  AND planned_start < ? AND +number != ''", ["2026-11-09T00:00:00Z", "2026-11-30T00:00:00Z"]).fetchall(), args.runs)  # fmt: skip
        month = len(list_changes(db, ChangeFilter(start=MONTH, end=MONTH + 30 * 24 * HOUR)))
        db.conn.close()
        runs = [asyncio.run(app_moves(path, args.moves)) for _ in range(max(args.runs // 3, 1))]

    def med(name: str) -> float:
        return statistics.median(run[name] for run in runs)

    print(f"10,000 changes, {month} in the visible month, {med('shown'):.0f} drawn in the week")
    print(f"week query (3 weeks of changes, models built): {query:.1f} ms median; {plan[0][-1]}")
    print(f"  count over the same rows, for scale: {scan:.1f} ms")
    move, cursor = med("redraw_move"), med("redraw_cursor")
    print(f"redraw of the week while moving a change one hour: {move:.1f} ms median (goal < 30 ms)")
    print(f"  of which conflicts + layout (pure, a new slot each time): {med('pure'):.1f} ms")
    print(
        f"  baseline, redraw after moving the cursor one hour: {cursor:.1f} ms; {move / cursor:.2f}x"
    )
    print(
        f"key to idle frame in the headless app: move {med('key_move'):.1f} ms, cursor "
        f"{med('key_cursor'):.1f} ms, an unbound key (the harness floor) {med('key_none'):.1f} ms"
    )
    changes, windows, services, graph = conflict_bench.world(10_000, 5)
    schedule = Schedule(changes, windows, services, graph)
    probes = random.Random(6).sample(changes, 50)
    check = conflict_bench.median_ms(lambda: [schedule.conflicts(c) for c in probes], args.runs, 1)
    print(
        f"conflict check, one change against 10,000 (all five kinds): {check / len(probes):.3f} ms median"
    )


if __name__ == "__main__":
    main()
