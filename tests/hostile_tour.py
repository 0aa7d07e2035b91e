"""A walk through every screen of the app on a real terminal, for the terminal-safety test.

Run as `python -m tests.hostile_tour DB FD`: the app runs with Textual's real driver on
the pty it was given, visits every section, the detail screen of every record kind in
sms_tui.openers (with the incident's dialogs and the new-incident form), help and the
palette. On each screen it finds every `@click` shown and asks the test, through pipe FD,
to click there with a real mouse report (`CLICK x y`), then reports any action run while
the click was handled (`ACTION name`), each screen visited (`SCREEN label clicks`) and
finally `DONE`.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.screen import Screen

from sms_tui.app import SmsApp, make_app
from sms_tui.config import AppConfig
from sms_tui.identity import current_login
from sms_tui.incident_keys import ACTIONS
from sms_tui.openers import OPENERS, detail_screen
from sms_tui.sections import SECTIONS
from sms_tui.store import families, open_store
from sms_tui.store.operators import ensure_operator
from tests.conftest import NOW
from tests.snapshot_apps.screen_text import screen_lines

CLICK_MARK = "@click"
CLICKS_PER_SCREEN = 6
WRITING_ACTIONS = {"take", "major"}


class Tour:
    """The walk, reporting to the test through `report`."""

    def __init__(self, app: SmsApp, report: int) -> None:
        self.app = app
        self.report = report
        self.clicking = False
        original = app.run_action

        async def watched(action: Any, *args: Any, **kwargs: Any) -> bool:
            if self.clicking:
                self.say(f"ACTION {action}")
            return await original(action, *args, **kwargs)

        app.run_action = watched  # type: ignore[method-assign]

    def say(self, line: str) -> None:
        os.write(self.report, (line.replace("\n", " ") + "\n").encode())

    async def settle(self, pilot: Pilot[Any]) -> None:
        await pilot.pause(0.4)
        await self.app.workers.wait_for_complete()
        await pilot.pause(0.2)

    async def visit(self, pilot: Pilot[Any], label: str) -> None:
        await self.settle(pilot)
        screen = self.app.screen
        targets = [
            (cell_len(line[:found]), y)
            for y, line in enumerate(screen_lines(self.app))
            for found in _all(line, CLICK_MARK)
        ][:CLICKS_PER_SCREEN]
        for x, y in targets:
            self.clicking = True
            self.say(f"CLICK {x} {y}")
            await asyncio.sleep(0.4)
            self.clicking = False
            await self._back_to(screen)
        self.say(f"SCREEN {label} {len(targets)}")

    async def _back_to(self, screen: Screen[Any]) -> None:
        # A click may legitimately open something (a row's detail): come back.
        while self.app.screen is not screen and len(self.app.screen_stack) > 1:
            await self.app.pop_screen()

    async def run(self, pilot: Pilot[Any]) -> None:
        app = self.app
        for section in SECTIONS:
            await app.action_switch_section(section.id)
            await self.visit(pilot, f"section:{section.id}")
            app.action_help()
            await self.visit(pilot, f"help:{section.id}")
            await app.pop_screen()
            app.action_command_palette()
            await self.visit(pilot, f"palette:{section.id}")
            await pilot.press("escape")
            await self.settle(pilot)
        await app.action_switch_section(SECTIONS[0].id)
        for kind in OPENERS:
            key = _first_key(app, kind)
            screen = detail_screen(app.session, kind, key) if key else None
            if screen is None:
                self.say(f"MISSING {kind}")
                continue
            await app.push_screen(screen)
            await self.visit(pilot, f"detail:{kind}")
            if kind == "incident":
                await self._dialogs(pilot, screen)
            await app.pop_screen()
        self.say("DONE")
        app.exit()

    async def _dialogs(self, pilot: Pilot[Any], screen: Screen[Any]) -> None:
        for name in [*ACTIONS, "new"]:
            if name in WRITING_ACTIONS:
                continue
            action = "new_incident" if name == "new" else f"triage('{name}')"
            await self.app.run_action(action, screen)
            await self.visit(pilot, f"dialog:{name}")
            await self._back_to(screen)


def _all(line: str, mark: str) -> list[int]:
    found, start = [], line.find(mark)
    while start >= 0:
        found.append(start)
        start = line.find(mark, start + 1)
    return found


def _first_key(app: SmsApp, kind: str) -> str | None:
    family = families.BY_KIND.get(kind)
    if family is None:
        return None
    row = app.session.db.execute(
        f"SELECT {family.key} FROM {family.table} ORDER BY rowid LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])


def main(db_path: str, report: int) -> None:
    db = open_store(Path(db_path))
    login = current_login()
    ensure_operator(db, login, NOW)
    config = AppConfig(operator=login, db_path=db_path, clock=lambda: NOW, animations=False)
    app = make_app(db, config)
    tour = Tour(app, report)
    app.run(auto_pilot=tour.run)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
