"""`sms-tui` for real: a process on an 80x24 pseudo-terminal, as an operator over SSH runs it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sms_tui.identity import current_login
from tests.pty_terminal import PtyProgram


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("SMS_TUI_DB", "SSH_CONNECTION")}
    environ.update(
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        TERM="xterm-256color",
        USER="mallory",  # anyone can set it; the operator comes from the passwd entry
    )
    return environ


def test_demo_opens_on_the_queue_then_5_shows_the_catalogue_then_q_quits(
    env: dict[str, str], tmp_path: Path
) -> None:
    with PtyProgram([sys.executable, "-m", "sms_tui", "--demo"], env) as program:
        program.wait_for("SLA", timeout=60)
        program.type("5")
        program.wait_for("Payroll", timeout=60)
        screen = program.text()
        assert f"{current_login()} \u00b7" in screen
        assert "mallory" not in screen
        assert "demo.db" in screen
        program.type("q")
        assert program.wait_exit() == 0
    assert (tmp_path / "data" / "sms-tui" / "demo.db").is_file()


def test_a_remapped_key_from_the_config_file_works(env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "config" / "sms-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keymap]\n"app.quit" = "x"\n')
    db = tmp_path / "desk.db"
    with PtyProgram([sys.executable, "-m", "sms_tui", "--db", str(db)], env) as program:
        program.wait_for("x Quit")
        program.type("x")
        assert program.wait_exit() == 0
