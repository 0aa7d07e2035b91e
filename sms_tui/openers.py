"""The detail screen of any record by kind and key, so search and links can open anything.

Each screen module is imported only when a record of its kind is first opened, keeping
start-up light. A record kind with a detail screen is one entry in OPENERS.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from textual.screen import Screen

from sms_tui.session import Session

# kind -> (module, screen class); the class is built as Screen(session, key).
OPENERS: dict[str, tuple[str, str]] = {
    "incident": ("sms_tui.screens.incident_detail", "IncidentDetailScreen"),
    "service": ("sms_tui.screens.service_detail", "ServiceDetailScreen"),
    "change": ("sms_tui.screens.change_detail", "ChangeDetailScreen"),
    "ci": ("sms_tui.screens.ci_detail", "CiDetailScreen"),
    "problem": ("sms_tui.screens.problem_detail", "ProblemDetailScreen"),
    "known_error": ("sms_tui.screens.known_error_detail", "KnownErrorDetailScreen"),
}


def detail_screen(session: Session, kind: str, key: str) -> Screen[Any] | None:
    """The screen that shows record `key` of `kind`, or None when that kind has none yet."""
    where = OPENERS.get(kind)
    if where is None:
        return None
    module, name = where
    factory: Callable[[Session, str], Screen[Any]] = getattr(import_module(module), name)
    return factory(session, key)
