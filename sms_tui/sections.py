"""The sections of the desk, each a mode of the app with its own screen stack and number key.

A section that exists is one line in SECTIONS; its number key, footer entry, help line and
palette command all follow from it. Sections still to come are simply absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from sms_tui.screens.catalogue import CatalogueScreen
from sms_tui.screens.change_calendar import ChangeCalendarScreen
from sms_tui.screens.cmdb import CmdbScreen
from sms_tui.screens.problems import ProblemsScreen
from sms_tui.screens.queue import QueueScreen
from sms_tui.session import Session


@dataclass(frozen=True)
class Section:
    """A top-level part of the desk: its mode name, its number key and its root screen."""

    id: str
    key: str
    title: str
    make: Callable[[Session], Screen[Any]]

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
            # 2 problems, 3 changes, 4 CMDB: added by their own issues.
            Section("incidents", "1", "Incidents", QueueScreen),
            Section("problems", "2", "Problems", ProblemsScreen),
            Section("changes", "3", "Changes", ChangeCalendarScreen),
            Section("cmdb", "4", "CMDB", CmdbScreen),
            Section("catalogue", "5", "Catalogue", CatalogueScreen),
        ),
        key=lambda section: section.key,
    )
)

BY_ID = {section.id: section for section in SECTIONS}
