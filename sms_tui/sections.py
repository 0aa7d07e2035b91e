"""The sections of the desk, each a mode of the app with its own screen stack and number key.

A section that exists is one line in SECTIONS; its number key, footer entry, help line and
palette command all follow from it. A section's screen module is imported the first time the
section is opened, so start-up pays only for the first one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from sms_tui.session import Session


@dataclass(frozen=True)
class Section:
    """A top-level part of the desk: its mode name, its number key and its root screen."""

    id: str
    key: str
    title: str
    screen: str
    """`module:Class` of the root screen, built as Class(session)."""

    def make(self, session: Session) -> Screen[Any]:
        module, name = self.screen.split(":")
        factory: Callable[[Session], Screen[Any]] = getattr(import_module(module), name)
        return factory(session)

    def binding(self) -> Binding:
        return Binding(
            self.key,
            f"switch_section('{self.id}')",
            self.title,
            id=f"app.section.{self.id}",
            tooltip=f"Go to the {self.title if self.title.isupper() else self.title.lower()} section",
        )


SECTIONS: tuple[Section, ...] = tuple(
    sorted(
        (
            Section("incidents", "1", "Incidents", "sms_tui.screens.queue:QueueScreen"),
            Section("problems", "2", "Problems", "sms_tui.screens.problems:ProblemsScreen"),
            Section(
                "changes", "3", "Changes", "sms_tui.screens.change_calendar:ChangeCalendarScreen"
            ),
            Section("cmdb", "4", "CMDB", "sms_tui.screens.cmdb:CmdbScreen"),
            Section("catalogue", "5", "Catalogue", "sms_tui.screens.catalogue:CatalogueScreen"),
        ),
        key=lambda section: section.key,
    )
)

BY_ID = {section.id: section for section in SECTIONS}
