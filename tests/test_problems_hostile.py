"""Hostile strings as problem and known-error titles and root causes show as plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.app import SmsApp, make_app
from sms_tui.safe_text import one_line
from sms_tui.screens.known_error_detail import KnownErrorDetailScreen
from sms_tui.screens.problem_detail import ProblemDetailScreen
from sms_tui.store import open_store
from sms_tui.store.problem_actions import publish_known_error
from sms_tui.store.problems import create_problem, update_problem
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.problem_desk import OPERATOR, build_problems, ui_config
from tests.snapshot_apps.screen_text import screen_lines, screen_text

HOSTILE = [text for text in hostile_strings() if text.strip()]
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FIRST = 5  # the problem desk holds PRB-00001..4 and KE-00001


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """The problem desk plus one published problem per hostile string (title and root cause)."""
    database = open_store(db_file)
    build_problems(database)
    for i, text in enumerate(HOSTILE):
        made = create_problem(database, title=text, operator=OPERATOR, now=NOW)
        cause = HOSTILE[(i + 1) % len(HOSTILE)]
        made = update_problem(
            database, made.number, 1, root_cause=cause, operator=OPERATOR, now=NOW
        )
        publish_known_error(database, made.number, made.version, operator=OPERATOR, now=NOW)
    yield database
    database.conn.close()


def assert_harmless(app: SmsApp) -> None:
    for line in screen_lines(app):
        assert not RAW.search(line), repr(line)


async def test_hostile_lists_render_as_literal_text(desk: Database) -> None:
    app = make_app(desk, ui_config())
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert_harmless(app)
        await pilot.press("e")
        await pilot.pause()
        assert_harmless(app)
        await pilot.press("slash", *"bold")
        await pilot.pause()
        assert "[bold]$x[/bold]" in screen_text(app)


async def test_hostile_details_render_as_literal_text(desk: Database) -> None:
    app = make_app(desk, ui_config())
    async with app.run_test(size=(160, 60)) as pilot:
        for i, text in enumerate(HOSTILE):
            for screen in (
                ProblemDetailScreen(app.session, f"PRB-{FIRST + i:05d}"),
                KnownErrorDetailScreen(app.session, f"KE-{FIRST - 3 + i:05d}"),
            ):
                await app.push_screen(screen)
                await pilot.pause()
                assert one_line(text)[:40] in screen_text(app), text
                assert_harmless(app)
                app.pop_screen()


async def test_markup_in_a_root_cause_stays_literal(desk: Database) -> None:
    app = make_app(desk, ui_config())
    markup = "[bold]$x[/bold] and \\[escaped]"
    number = f"PRB-{FIRST + (HOSTILE.index(markup) - 1) % len(HOSTILE):05d}"
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ProblemDetailScreen(app.session, number))
        await pilot.pause()
        assert markup in screen_text(app)
