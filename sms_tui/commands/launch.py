"""`sms-tui` and `sms-tui --demo`: open the TUI on a database, made on first use."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sms_tui.commands.database import make_home, open_or_fail
from sms_tui.commands.output import Failure, say

if TYPE_CHECKING:
    from sqlite_utils import Database

    from sms_tui.config import AppConfig

DEMO_SEED = 1


def launch(
    path: Path,
    *,
    home: Path,
    demo: bool,
    environ: Mapping[str, str],
    operator: str | None = None,
) -> int:
    """Run the TUI on `path` as the Unix account running us (or, for the service account,
    as `operator`); the exit code is the app's."""
    db, config = prepare(path, home=home, demo=demo, environ=environ, operator=operator)
    try:
        from sms_tui.app import make_app

        app = make_app(db, config)
        app.run()
        return app.return_code or 0
    finally:
        db.conn.close()


def prepare(
    path: Path,
    *,
    home: Path,
    demo: bool,
    environ: Mapping[str, str],
    operator: str | None = None,
) -> tuple[Database, AppConfig]:
    """The open store and the app's settings, with the operator's record ensured.

    `home` is the default location, whose directory is created on first run. With `demo`
    an empty or missing `path` is first filled with the small demo desk. `operator` is
    honoured only for the account that owns the database (see sms_tui.identity).
    """
    from sms_tui.config import AppConfig, config_file, load_keymap, wall_clock
    from sms_tui.file_safety import world_writable_problem
    from sms_tui.identity import NotServiceAccount, acting_operator

    # Read the operator's settings first: a broken config file must not leave a new
    # database behind.
    keymap = load_keymap(config_file())
    try:
        login = acting_operator(operator, path)
    except NotServiceAccount as error:
        raise Failure(str(error)) from None
    now = wall_clock()
    make_home(path, home)
    problem = world_writable_problem(path)
    if problem:
        raise Failure(problem)
    if demo and _needs_demo(path):
        from sms_tui.demo import write_demo

        write_demo(path, size="small", seed=DEMO_SEED, now=now, operator=login)
        say(f"made a demo desk in {path}")
    db = open_or_fail(path, create=True)
    from sms_tui.store.operators import ensure_operator

    try:
        ensure_operator(db, login, now)
    except ValueError as error:  # a passwd name our Login type refuses
        db.conn.close()
        raise Failure(f"cannot work as {login!r}: {error}") from None
    config = AppConfig(
        operator=login,
        db_path=str(path),
        keymap=keymap,
        # Over SSH every animation frame is bytes on the wire.
        animations="SSH_CONNECTION" not in environ,
        keep_drafts=True,
    )
    return db, config


def _needs_demo(path: Path) -> bool:
    return not path.exists() or (path.is_file() and path.stat().st_size == 0)
