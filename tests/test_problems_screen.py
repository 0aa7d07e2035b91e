"""The problems section by keys alone: list, KEDB, filter, sort, detail, actions, queue -> problem."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.widgets import Input, TextArea

from sms_tui.app import SmsApp, make_app
from sms_tui.models import IncidentState, ProblemState, ResolutionCode
from sms_tui.screens.known_error_detail import KnownErrorDetailScreen
from sms_tui.screens.problem_detail import ProblemDetailScreen
from sms_tui.screens.problems import ROW_LIMIT, ProblemsScreen
from sms_tui.screens.resolve_problem_dialog import ResolveProblemDialog
from sms_tui.screens.text_dialog import TextDialog
from sms_tui.store import open_store
from sms_tui.store.incidents import get_incident
from sms_tui.store.problems import create_problem, get_problem, list_known_errors, update_problem
from sms_tui.widgets.problem_table import ProblemTable
from tests.conftest import NOW
from tests.snapshot_apps.problem_desk import PLAIN_OPERATOR, build_problems, ui_config
from tests.snapshot_apps.screen_text import row_texts, screen_text


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    build_problems(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


def table(app: SmsApp) -> ProblemTable:
    screen = app.screen
    assert isinstance(screen, ProblemsScreen)
    return screen.table


def last_notice(app: SmsApp) -> str:
    return [n.message for n in app._notifications][-1]


def shown(app: SmsApp) -> list[str]:
    return [str(key.value) for key in table(app).rows]


async def test_two_opens_the_problems_newest_first_with_their_counts(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert shown(app) == ["PRB-00004", "PRB-00003", "PRB-00002", "PRB-00001"]
        assert row_texts(table(app), "PRB-00001") == [
            "PRB-00001",
            "investigating",
            "P3",
            "Mail queue stalls when san-prd-01 latency spikes",
            "2/2",
            "mx-prd-01, san-prd-01",
        ]
        assert row_texts(table(app), "PRB-00003")[4] == "0/0"


async def test_filter_sort_and_the_known_error_database(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "slash", *"payrol", "enter")
        await pilot.pause()
        assert shown(app) == ["PRB-00002"]
        await pilot.press("escape", "s")
        await pilot.pause()
        assert shown(app)[0] == "PRB-00002"  # by priority: the P1 first
        assert shown(app)[-1] == "PRB-00004"
        await pilot.press("e")
        await pilot.pause()
        assert shown(app) == ["KE-00001"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KnownErrorDetailScreen)
        assert "Restart the batch worker after 02:00" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ProblemDetailScreen) and app.screen.number == "PRB-00002"
        await pilot.press("o")  # and from the problem back to its known error
        await pilot.pause()
        assert isinstance(app.screen, KnownErrorDetailScreen)


async def test_detail_moves_edits_and_publishes_by_keys(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")  # PRB-00004, new
        await pilot.pause()
        assert isinstance(app.screen, ProblemDetailScreen)
        await pilot.press("l", "enter")  # the first allowed move: under investigation
        await pilot.pause()
        assert get_problem(desk, "PRB-00004").state == ProblemState.UNDER_INVESTIGATION
        await pilot.press("K")
        await pilot.pause()
        assert "needs a root cause or a workaround" in last_notice(app)
        await pilot.press("w", *"Scale out the web tier", "ctrl+s")
        await pilot.pause()
        assert get_problem(desk, "PRB-00004").workaround == "Scale out the web tier"
        await pilot.press("K")
        await pilot.pause()
        problem = get_problem(desk, "PRB-00004")
        assert (problem.state, problem.known_error) == (ProblemState.KNOWN_ERROR, "KE-00002")
        assert [k.number for k in list_known_errors(desk)] == ["KE-00002", "KE-00001"]
        assert "KE-00002" in screen_text(app)
        await pilot.press("escape", "e")  # back on the list, which reads itself again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(app) == ["KE-00002", "KE-00001"]


async def test_resolve_offers_and_resolves_the_open_incidents_with_a_note(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "G", "enter")  # PRB-00001, two open e-mail incidents
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ResolveProblemDialog)
        assert "Resolve its 2 open incidents too?" in screen_text(app)
        await pilot.press("enter")  # yes is the default, the note is prefilled
        await pilot.pause()
        assert isinstance(app.screen, ProblemDetailScreen)
        assert get_problem(desk, "PRB-00001").state == ProblemState.RESOLVED
        for number in ("INC-000001", "INC-000002"):
            incident = get_incident(desk, number)
            assert (incident.state, incident.resolution_code) == (
                IncidentState.RESOLVED,
                ResolutionCode.FIXED,
            )
            assert incident.resolution_note.startswith("Resolved by problem PRB-00001")
        await pilot.press("G")  # the linked incidents are at the end of the page
        await pilot.pause()
        assert "INC-000001  resolved · P3" in screen_text(app)


async def test_a_stale_save_says_who_changed_what_and_keeps_the_text(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        # Bob saves the same problem from another session meanwhile.
        other = open_store(desk.conn.execute("PRAGMA database_list").fetchone()[2])
        update_problem(other, "PRB-00004", 1, workaround="reboot", operator=PLAIN_OPERATOR, now=NOW)
        other.conn.close()
        await pilot.press("r", *"Session cache too small")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        text = screen_text(app)
        assert "PRB-00004 was changed by bob" in text and "workaround" in text
        assert app.screen.query_one(TextArea).text == "Session cache too small"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = get_problem(desk, "PRB-00004")
        assert (saved.root_cause, saved.workaround) == ("Session cache too small", "reboot")


async def test_resolving_without_the_role_is_refused_and_nothing_written(desk: Database) -> None:
    app = make_app(desk, ui_config(operator=PLAIN_OPERATOR))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "G", "enter", "R", "enter")
        await pilot.pause()
        assert "needs the problem_manager role" in last_notice(app)
        assert get_problem(desk, "PRB-00001").state == ProblemState.UNDER_INVESTIGATION
        assert get_incident(desk, "INC-000001").state == IncidentState.NEW


async def test_queue_marked_incidents_become_a_linked_problem(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        queue = app.screen
        first = queue.table.current_number  # type: ignore[attr-defined]
        await pilot.press("space", "j", "space")
        await pilot.pause()
        marked = sorted(queue.selected)  # type: ignore[attr-defined]
        assert len(marked) == 2 and first in marked
        await pilot.press("X")
        await pilot.pause()
        title = app.screen.query_one("#title-value", Input)
        assert title.value == get_incident(desk, marked[0]).title
        await pilot.press("ctrl+u", *"Web shop peaks", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemDetailScreen) and app.screen.number == "PRB-00005"
        problem = get_problem(desk, "PRB-00005")
        assert problem.title == "Web shop peaks"
        for number in marked:
            assert "PRB-00005" in get_incident(desk, number).problems
        assert queue.selected == frozenset()  # type: ignore[attr-defined]


async def test_a_long_list_is_capped_and_the_filter_reaches_the_rest(desk: Database) -> None:
    for i in range(ROW_LIMIT):
        create_problem(desk, title=f"Bulk problem {i}", operator="alice", now=NOW)
    app = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert table(app).row_count == ROW_LIMIT
        assert str(app.screen.query_one("#filter-count").render()) == f"{ROW_LIMIT + 4} records"
        await pilot.press("slash", *"Mail queue", "enter")
        await pilot.pause()
        assert shown(app) == ["PRB-00001"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_problems(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(desk, ui_config()), press=["2", "j"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_problem_detail(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    keys = ["2", "j", "j", "enter"]  # PRB-00002, a known error with its KE
    assert snap_compare(make_app(desk, ui_config()), press=keys, terminal_size=size)
