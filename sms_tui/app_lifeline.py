"""The app's side of a terminal that can vanish: hang-ups end the run, drafts are kept.

A mixin for SmsApp, so that app.py stays about sections and keys. Handlers are plain
`on_*` methods, which Textual finds along the MRO of the app.
"""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.widgets import Input, OptionList, TextArea

from sms_tui.config import AppConfig
from sms_tui.draft_keeper import DraftKeeper
from sms_tui.drafts import DraftBox
from sms_tui.hangup_driver import HangupDriver, TerminalClosed
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.fuzzy_picker import FuzzyPicker

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[None]
else:
    _Base = object


class Lifeline(_Base):
    """Ends the run when the terminal goes away, and keeps what was typed in dialogs."""

    drafts: DraftKeeper | None = None

    def start_lifeline(self, config: AppConfig) -> None:
        """Call from __init__: drafts are kept only when the run's settings ask for it."""
        if config.keep_drafts:
            box = DraftBox.beside(config.db_path, config.operator)
            self.drafts = DraftKeeper(box, config.clock)

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        return HangupDriver if driver is LinuxDriver else driver

    def watch_for_hangup(self) -> None:
        """Call from on_mount: SIGHUP (sshd's word that the client went) ends the run, and
        drafts an earlier run left behind are announced."""
        if not self.is_headless:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)
        if self.drafts is not None and (notice := self.drafts.leftover_notice()):
            self.notify(notice, title="Drafts", markup=False, timeout=30)

    def hang_up(self) -> None:
        # Drafts are already on disk, written as they were typed; nobody sees a goodbye.
        self.exit(return_code=0)

    def on_terminal_closed(self, _message: TerminalClosed) -> None:
        self.hang_up()

    def on_input_changed(self, _message: Input.Changed) -> None:
        self._typed()

    def on_text_area_changed(self, _message: TextArea.Changed) -> None:
        self._typed()

    def on_fuzzy_picker_changed(self, _message: FuzzyPicker.Changed) -> None:
        self._typed()

    def on_option_list_option_highlighted(self, _message: OptionList.OptionHighlighted) -> None:
        self._typed()

    def on_edit_dialog_opened(self, message: EditDialog.Opened) -> None:
        if self.drafts is not None:
            self.drafts.opened(message.dialog)

    def on_edit_dialog_closed(self, message: EditDialog.Closed) -> None:
        if self.drafts is not None:
            self.drafts.closed(message.dialog)

    def _typed(self) -> None:
        if self.drafts is not None:
            self.drafts.typed(self.screen)
