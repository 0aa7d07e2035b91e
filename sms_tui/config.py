"""What the app is started with: the operator, the database, and the operator's own settings."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_config_path, user_data_path


def wall_clock() -> datetime:
    return datetime.now(UTC)


def default_db_path() -> Path:
    """Where the desk lives unless SMS_TUI_DB or --db says otherwise."""
    return user_data_path("sms-tui") / "desk.db"


def demo_db_path() -> Path:
    return user_data_path("sms-tui") / "demo.db"


def config_file() -> Path:
    return user_config_path("sms-tui") / "config.toml"


@dataclass(frozen=True)
class AppConfig:
    """Settings for one run of the TUI. Tests build one with a fixed clock."""

    operator: str
    db_path: str
    keymap: dict[str, str] = field(default_factory=dict)
    clock: Callable[[], datetime] = wall_clock
    animations: bool = True
    keep_drafts: bool = False
    """Keep unsaved dialog input beside the database (off in tests unless they ask)."""


class ConfigError(Exception):
    """The operator's config file cannot be used; the message names the file and the key."""


def load_keymap(path: Path) -> dict[str, str]:
    """`[keymap]` from the config file: binding id = "keys", e.g. `catalogue.filter = "f"`."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        raise ConfigError(
            f'{path}: [keymap] must map binding ids to key strings, e.g. catalogue.filter = "f"'
        )
    return dict(keymap)
