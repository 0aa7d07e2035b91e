"""SmsApp: one mode per section, the global keys, the help screen and the command palette."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from sqlite_utils import Database
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.markup import escape
from textual.screen import Screen
from textual.signal import Signal

from sms_tui.app_lifeline import Lifeline
from sms_tui.config import AppConfig
from sms_tui.key_help import screen_keys
from sms_tui.match_source import MatchSource
from sms_tui.screens.help import HelpScreen
from sms_tui.sections import BY_ID, SECTIONS
from sms_tui.session import Session
from sms_tui.store.connection import UI_BUSY_TIMEOUT_MS, set_busy_timeout


def search_commands() -> type[Provider]:
    """The palette's record search, imported when the palette first opens."""
    from sms_tui.search_commands import SearchCommands

    return SearchCommands


# Textual's own palette entries that ours replace: "Quit" is a binding, "Keys" is `?`.
REPLACED_SYSTEM_COMMANDS = {"Quit", "Keys"}


class SmsApp(Lifeline, App[None]):
    """The service desk TUI. Build it with make_app()."""

    TITLE = "sms-tui"
    CSS_PATH = "app.tcss"
    DEFAULT_MODE = SECTIONS[0].id
    POLL_SECONDS: ClassVar[float] = 1.0
    """How often to ask SQLite whether another connection has committed."""
    BUSY_TIMEOUT_MS: ClassVar[int] = UI_BUSY_TIMEOUT_MS
    """How long a save waits for another operator's write lock; the keys wait with it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(section.binding() for section in SECTIONS),
        Binding(
            "question_mark", "help", "Help", id="app.help", tooltip="Show the keys of this screen"
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            id="app.palette",
            tooltip="Search the commands of this screen",
            priority=True,
        ),
        Binding(
            "colon,g",
            "search",
            "Search",
            id="app.search",
            tooltip="Find any record by number or name, and open it",
        ),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit sms-tui"),
    ]
    COMMANDS = App.COMMANDS | {search_commands}

    def __init__(self, db: Database, config: AppConfig) -> None:
        super().__init__()
        set_busy_timeout(db, self.BUSY_TIMEOUT_MS)
        self.start_lifeline(config)
        changes: Signal[int] = Signal(self, "data-changed")
        self.session = Session(db, config, changes, MatchSource(self, db, changes))
        for section in SECTIONS:
            self.add_mode(section.id, partial(section.make, self.session))
        if not config.animations:
            self.animation_level = "none"
        self._data_version = self._read_data_version()

    def on_mount(self) -> None:
        self.set_keymap(self.session.config.keymap)
        self.set_interval(self.POLL_SECONDS, self._poll_data_version)
        self.watch_for_hangup()

    def _read_data_version(self) -> int | None:
        try:
            row = self.session.db.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return None
        return int(row[0]) if row else None

    def _poll_data_version(self) -> None:
        # data_version changes only when another connection commits: one cheap read a second.
        version = self._read_data_version()
        if version is not None and version != self._data_version:
            self._data_version = version
            self.session.changes.publish(version)

    async def action_switch_section(self, section_id: str) -> None:
        """Go to a section; pressing its key again inside it goes back to its first screen."""
        if section_id not in BY_ID:
            return
        if self.current_mode == section_id:
            while len(self.screen_stack) > 1:
                await self.pop_screen()
        else:
            await self.switch_mode(section_id)

    def action_search(self) -> None:
        from sms_tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.session))

    def action_help(self) -> None:
        screen = self.screen
        self.push_screen(HelpScreen(str(screen.title or self.title), screen_keys(screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every binding of the screen it was opened from, then Textual's extras."""
        for entry in screen_keys(screen):
            if entry.action == "command_palette" or not entry.enabled:
                continue
            # The palette reads help text as markup; keys such as "[" must stay literal.
            help_text = escape(f"{entry.key_text} \u00b7 {entry.tooltip}")
            yield SystemCommand(
                entry.description, help_text, partial(self._run, entry.action, entry.node)
            )
        for command in super().get_system_commands(screen):
            if command.title not in REPLACED_SYSTEM_COMMANDS:
                yield command

    async def _run(self, action: str, node: DOMNode) -> None:
        await self.run_action(action, node)


def make_app(db: Database, config: AppConfig) -> SmsApp:
    """The one way to build the app: the CLI, the Pilot tests and the snapshot tests all call it."""
    return SmsApp(db, config)
