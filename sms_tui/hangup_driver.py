"""Textual's Linux driver, made to notice that the terminal has gone.

When an SSH connection drops without a SIGHUP, stdin reaches end of file. Textual's own
input thread then reads nothing in a tight loop, at 100% of a core, for ever (Textual PR
#6690). This driver stops reading at end of file or on EIO from a hung-up pty and tells
the app, which saves drafts and exits.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message


class TerminalClosed(Message):
    """Stdin reached end of file or the terminal hung up: nobody is there any more."""


class HangupDriver(LinuxDriver):
    """LinuxDriver whose input thread ends, and says so, when its input ends."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        try:
            while not self.exit_event.is_set():
                for _key, mask in selector.select(0.1):
                    if not mask & selectors.EVENT_READ:
                        continue
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:  # EIO: the pty's other side has closed
                        data = b""
                    if not data:
                        self._app.post_message(TerminalClosed())
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
