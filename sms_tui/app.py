"""SmsApp: one mode per section, the global keys, the help screen and the command palette."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from sqlite_utils import Database
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.markup import escape
from textual.screen import Screen
from textual.signal import Signal

from sms_tui.config import AppConfig
from sms_tui.key_help import screen_keys
from sms_tui.screens.help import HelpScreen
from sms_tui.sections import BY_ID, SECTIONS
from sms_tui.session import Session

# Textual's own palette entries that ours replace: "Quit" is a binding, "Keys" is `?`.
REPLACED_SYSTEM_COMMANDS = {"Quit", "Keys"}


class SmsApp(App[None]):
    """The service desk TUI. Build it with make_app()."""

    TITLE = "sms-tui"
    CSS_PATH = "app.tcss"
    DEFAULT_MODE = SECTIONS[0].id
    POLL_SECONDS: ClassVar[float] = 1.0
    """How often to ask SQLite whether another connection has committed."""

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
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit sms-tui"),
    ]

    def __init__(self, db: Database, config: AppConfig) -> None:
        super().__init__()
        self.session = Session(db, config, Signal(self, "data-changed"))
        for section in SECTIONS:
            self.add_mode(section.id, partial(section.make, self.session))
        if not config.animations:
            self.animation_level = "none"
        self._data_version = self._read_data_version()

    def on_mount(self) -> None:
        self.set_keymap(self.session.config.keymap)
        self.set_interval(self.POLL_SECONDS, self._poll_data_version)

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
