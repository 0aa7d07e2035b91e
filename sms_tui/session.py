"""What every section's screen is handed when it is made: the store, the run's settings,
and news that another connection changed the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlite_utils import Database
from textual.signal import Signal

from sms_tui.config import AppConfig

if TYPE_CHECKING:
    from sms_tui.match_source import MatchSource


@dataclass(frozen=True)
class Session:
    """The store and settings of one run of the TUI, passed down to screens."""

    db: Database
    config: AppConfig
    changes: Signal[int]
    """Published with SQLite's data_version when another connection has committed."""
    matches: MatchSource | None = None
    """The matcher index behind suggestions; None where a run has none."""
