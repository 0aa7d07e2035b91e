"""The problem detail by keys alone: open a linked incident and come back, edit the fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.widgets import Input

from sms_tui.app import SmsApp, make_app
from sms_tui.models import Priority, ProblemState
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.problem_detail import ProblemDetailScreen
from sms_tui.screens.problem_edit_dialog import ProblemEdit, ProblemEditDialog, rebase, split_cis
from sms_tui.store import open_store
from sms_tui.store.incidents import create_incident
from sms_tui.store.problem_actions import problem_from_incidents
from sms_tui.store.problems import get_problem, problem_audit, update_problem
from sms_tui.widgets.link_list import LinkList
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.catalogue_desk import OPERATOR
from tests.snapshot_apps.problem_desk import PLAIN_OPERATOR, build_problems, ui_config
from tests.snapshot_apps.screen_text import screen_lines, screen_text

RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    build_problems(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


def detail(app: SmsApp) -> ProblemDetailScreen:
    screen = app.screen
    assert isinstance(screen, ProblemDetailScreen)
    return screen


def test_split_cis_trims_drops_blanks_and_repeats() -> None:
    assert split_cis(" mx-prd-01, ,san-prd-01 , mx-prd-01,") == ("mx-prd-01", "san-prd-01")
    assert split_cis("   ") == ()


def test_rebase_keeps_what_was_typed_and_takes_the_rest_fresh() -> None:
    read = ProblemEdit("Old title", Priority.P3, "alice", ("mx-prd-01",))
    typed = ProblemEdit("New title", Priority.P3, "alice", ("mx-prd-01",))
    fresh = ProblemEdit("Old title", Priority.P1, "bob", ("mx-prd-01",))
    assert rebase(typed, read, fresh) == ProblemEdit(
        "New title", Priority.P1, "bob", ("mx-prd-01",)
    )


async def test_enter_on_a_linked_incident_opens_it_and_escape_comes_back(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "G", "enter")  # PRB-00001, two linked e-mail incidents
        await pilot.pause()
        problem = detail(app)
        await pilot.press("i")
        await pilot.pause()
        links = problem.query_one("#problem-incidents", LinkList)
        assert app.focused is links
        assert "\u203a INC-000001  new \u00b7 P3" in screen_text(app)  # scrolled into view
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentDetailScreen)
        assert app.screen.number == "INC-000002"
        await pilot.press("escape")
        await pilot.pause()
        assert detail(app) is problem and app.focused is links
        await pilot.press("k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentDetailScreen)
        assert app.screen.number == "INC-000001"


async def test_incidents_key_does_nothing_when_none_is_linked(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "j", "enter")  # PRB-00003, no incident linked
        await pilot.pause()
        assert detail(app).number == "PRB-00003"
        await pilot.press("i", "enter", "G")
        await pilot.pause()
        assert isinstance(app.screen, ProblemDetailScreen)
        assert not isinstance(app.focused, LinkList)
        assert "no incident is linked" in screen_text(app)


async def test_edit_saves_title_priority_assignee_and_cis_by_keys(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter", "e")  # PRB-00004: P4, no assignee, no CI
        await pilot.pause()
        assert isinstance(app.screen, ProblemEditDialog)
        await pilot.press("ctrl+u", *"Checkout slow at peak")
        await pilot.press("tab", "k", "k")  # P4 -> P2
        await pilot.press("tab", *PLAIN_OPERATOR)
        await pilot.press("tab", *"shop-web-01, shop-web-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemDetailScreen)
        saved = get_problem(desk, "PRB-00004")
        assert (saved.title, saved.priority, saved.assignee, saved.cis) == (
            "Checkout slow at peak",
            Priority.P2,
            PLAIN_OPERATOR,
            ["shop-web-01"],
        )
        assert saved.version == 2 and saved.updated_by == OPERATOR
        assert "Checkout slow at peak" in screen_text(app)
        await pilot.press("e", "enter")  # saving an untouched form writes no version
        await pilot.pause()
        assert get_problem(desk, "PRB-00004").version == 2


async def test_edit_refuses_a_blank_title_an_unknown_assignee_or_ci_naming_the_field(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter", "e", "ctrl+u", "enter")
        await pilot.pause()
        assert "title: type a title" in screen_text(app)
        await pilot.press(*"Shop", "tab", "tab", *"nobody", "enter")
        await pilot.pause()
        assert "assignee: no operator 'nobody'" in screen_text(app)
        await pilot.press("ctrl+u", "tab", *"shop-web-01, nope-01", "ctrl+s")
        await pilot.pause()
        assert "CIs: no CI 'nope-01'" in screen_text(app)
        assert isinstance(app.screen, ProblemEditDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert get_problem(desk, "PRB-00004").version == 1
        assert len(problem_audit(desk, "PRB-00004")) == 1


async def test_a_stale_edit_says_who_changed_what_and_keeps_both_changes(
    app: SmsApp, desk: Database, db_file: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter", "e", "ctrl+u", *"Checkout stalls")
        await pilot.pause()
        other = open_store(db_file)  # Bob raises the priority from another session meanwhile
        update_problem(
            other, "PRB-00004", 1, priority=Priority.P1, operator=PLAIN_OPERATOR, now=NOW
        )
        other.conn.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProblemEditDialog)
        text = screen_text(app)
        assert "PRB-00004 was changed by bob" in text and "priority: P4 -> P1" in text
        assert app.screen.query_one("#edit-title", Input).value == "Checkout stalls"
        assert get_problem(desk, "PRB-00004").title == "Checkout slow at peak on shop-web-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = get_problem(desk, "PRB-00004")
        assert (saved.title, saved.priority, saved.version) == ("Checkout stalls", Priority.P1, 3)


async def test_hostile_linked_incidents_and_form_values_show_as_plain_text(
    desk: Database,
) -> None:
    hostile = [text for text in hostile_strings() if text.strip()]
    made = [
        create_incident(desk, title=text, service="E-mail", operator=OPERATOR, now=NOW)
        for text in hostile
    ]
    problem = problem_from_incidents(
        desk,
        {i.number: i.version for i in made},
        title=hostile[0],
        operator=OPERATOR,
        now=NOW,
    )
    app = make_app(desk, ui_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        assert detail(app).number == problem.number
        await pilot.press("i")
        seen: list[str] = []
        for _ in hostile:  # the list scrolls itself: walk it to see every line
            await pilot.pause()
            seen.extend(screen_lines(app))
            await pilot.press("j")
        assert all(not RAW.search(line) for line in seen)
        assert any("[bold]$x[/bold] and \\[escaped]" in line for line in seen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProblemEditDialog)
        assert all(not RAW.search(line) for line in screen_lines(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_problem_edit_form(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    keys = ["2", "G", "enter", "e", "tab", "tab", *"nobody"]  # PRB-00001, a refused assignee
    assert snap_compare(make_app(desk, ui_config()), press=keys, terminal_size=size)


async def test_a_closed_problem_offers_no_edit(desk: Database) -> None:
    update_problem(desk, "PRB-00003", 3, state=ProblemState.CLOSED, operator=OPERATOR, now=NOW)
    app = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "j", "enter")  # PRB-00003, now closed
        await pilot.pause()
        assert detail(app).number == "PRB-00003"
        assert " e Edit " not in screen_lines(app)[-1]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProblemDetailScreen)
