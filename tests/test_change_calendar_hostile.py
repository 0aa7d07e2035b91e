"""Hostile change titles and CI names show on the calendar as plain, harmless text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.app import make_app
from sms_tui.models import CiClass, ConfigurationItem
from sms_tui.safe_text import one_line
from sms_tui.screens.change_calendar import ChangeCalendarScreen
from sms_tui.store import families, open_store, records
from sms_tui.store.changes import create_change
from tests.change_desk import at, seed_changes
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_text

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE_CI = "\x1b[31m[red]ci[/red] \u202eevil"
HOSTILE = hostile_strings()


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """The change desk plus one change per hostile title, all on one hostile CI, on Tuesday."""
    db = open_store(db_file)
    seed_changes(db, NOW)
    ci = ConfigurationItem(name=HOSTILE_CI, ci_class=CiClass.SERVER)
    records.create(db, families.CIS, ci, "setup", NOW)
    start = at("2026-11-24 00:00")
    for i, title in enumerate(HOSTILE):
        begins = start + i * timedelta(minutes=20)
        create_change(
            db, title=title, start=begins, end=begins + timedelta(minutes=30),
            cis=[HOSTILE_CI], operator="alice", now=NOW,
        )  # fmt: skip
    yield db
    db.conn.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["agenda", "week"])
async def test_every_hostile_title_and_ci_name_is_plain_text(
    desk: Database, size: tuple[int, int]
) -> None:
    app = make_app(desk, ui_config())
    async with app.run_test(size=size) as pilot:
        await pilot.press("3", "tab")  # Monday's CHG-00004; Tuesday's hostile ones follow
        seen = set()
        ci_shown = False
        for _ in range(len(HOSTILE) + 2):
            text = screen_text(app)
            assert not RAW.search(text), repr(RAW.search(text))
            screen = app.screen
            assert isinstance(screen, ChangeCalendarScreen)
            number = screen.cursor.selected
            assert number is not None
            seen.add(number)
            hostile = number > "CHG-00004"  # the seeded desk holds 1 to 4
            title = one_line(HOSTILE[int(number[4:]) - 5], limit=40) if hostile else ""
            if hostile and title.isascii() and title.isprintable():
                # Markup in a title stays literal: the info line shows it character for character.
                assert f"{number} {title} \u00b7" in text
            # The CI's name, in the conflict the info line names, literally.
            ci_shown = ci_shown or "also changes \u241b[31m[red]ci[/red]" in text
            await pilot.press("tab")
        assert ci_shown
        assert len(seen) == len(HOSTILE) + 2
