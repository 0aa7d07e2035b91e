"""Every registered opener names a real screen class that takes (session, key)."""

from __future__ import annotations

import inspect
from importlib import import_module

from textual.screen import Screen

from sms_tui.openers import OPENERS


def test_every_opener_is_a_screen_taking_session_and_key() -> None:
    for kind, (module, name) in OPENERS.items():
        screen = getattr(import_module(module), name)
        assert issubclass(screen, Screen), kind
        assert (
            list(inspect.signature(screen).parameters)[:2] == ["session", "key"]
            or len(inspect.signature(screen).parameters) >= 2
        ), kind
