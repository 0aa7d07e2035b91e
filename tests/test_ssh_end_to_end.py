"""The real thing: OpenSSH's sshd on 127.0.0.1 with the README's forced command, an
operator connecting with `ssh -tt` inside tmux, triaging an incident by keys, then
dropping the connection.

Needs /usr/sbin/sshd, ssh, ssh-keygen and tmux; .ci/run installs OpenSSH from the
distribution's packages when it runs as root. Without them the test skips and says why.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sms_tui.identity import current_login
from sms_tui.store import open_store
from sms_tui.store.incidents import create_incident, get_incident
from sms_tui.store.operators import ensure_operator
from tests.conftest import NOW

SSHD = Path("/usr/sbin/sshd")
MISSING = [name for name in ("ssh", "ssh-keygen", "tmux") if shutil.which(name) is None]
if not SSHD.exists():
    MISSING.insert(0, str(SSHD))
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"OpenSSH end-to-end needs {', '.join(MISSING)}"
        " (.ci/run installs openssh-server when it runs as root)",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


class Sshd:
    """An sshd of our own on a free port, whose only key runs sms-tui as `operator`."""

    def __init__(self, root: Path, db: Path, operator: str) -> None:
        self.root, self.port = root, _free_port()
        _keygen(root / "host_key")
        _keygen(root / "client_key")
        command = f"{sys.executable} -m sms_tui --db {db} --operator {operator}"
        public = (root / "client_key.pub").read_text().strip()
        keys = root / "authorized_keys"
        keys.write_text(f'command="{command}",restrict,pty {public}\n')
        keys.chmod(0o600)
        config = root / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {root / 'host_key'}",
                    f"AuthorizedKeysFile {keys}",
                    f"PidFile {root / 'sshd.pid'}",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "PermitRootLogin prohibit-password",
                    "UsePAM no",
                    # pytest's temporary directories are not laid out as sshd expects of a home.
                    "StrictModes no",
                    f"SetEnv PYTHONPATH={Path(__file__).resolve().parent.parent}",
                    "",
                ]
            )
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        self.log = (root / "sshd.log").open("w")
        self.process = subprocess.Popen(
            [str(SSHD), "-D", "-e", "-f", str(config)], stdout=self.log, stderr=self.log
        )
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"sshd did not start: {(root / 'sshd.log').read_text()}")

    def client(self) -> str:
        options = [
            "-tt",
            "-F", "/dev/null",
            "-i", str(self.root / "client_key"),
            "-p", str(self.port),
            "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", f"UserKnownHostsFile={self.root / 'known_hosts'}",
            "-o", "LogLevel=ERROR",
        ]  # fmt: skip
        return shlex.join(["ssh", *options, f"{current_login()}@127.0.0.1"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


class Tmux:
    """A private tmux server at 80x24 running one command."""

    def __init__(self, socket_name: str, command: str) -> None:
        self.socket = socket_name
        self.run("new-session", "-d", "-x", "80", "-y", "24", command)

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise TimeoutError(f"{text!r} never showed; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", *keys)

    def kill(self) -> None:
        self.run("kill-server")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    db = open_store(path)
    ensure_operator(db, current_login(), NOW)
    create_incident(db, title="Printer on floor 3 is on fire", operator="setup", now=NOW)
    db.conn.close()
    return path


@pytest.fixture
def sshd(tmp_path: Path, desk: Path) -> Iterator[Sshd]:
    try:
        server = Sshd(tmp_path, desk, "alice")
    except RuntimeError as error:
        if os.geteuid() == 0:
            raise
        pytest.skip(f"sshd would not start for a non-root account here: {error}")
    yield server
    server.stop()


def _still_running(db: Path) -> list[str]:
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True)
    return [line for line in ps.stdout.splitlines() if f"--db {db}" in line and "sms_tui" in line]


def test_triage_over_real_ssh_then_drop_the_line(sshd: Sshd, desk: Path) -> None:
    tmux = Tmux(f"sms-tui-e2e-{os.getpid()}", sshd.client())
    try:
        screen = tmux.wait_for("Printer on floor 3")
        assert "alice ·" in screen
        tmux.keys("t")  # take: assign the incident under the cursor to me
        tmux.wait_for("Took INC-")
        tmux.keys("c")
        tmux.wait_for("Work note")
        tmux.keys("-l", "Called the fire brigade")
        tmux.keys("C-s")
        tmux.wait_for("Work note added")
        tmux.keys("c")
        tmux.wait_for("Work note")
        tmux.keys("-l", "half typed when the line dropped")
        time.sleep(1.0)
    finally:
        dropped = time.perf_counter()
        tmux.kill()  # the ssh client dies: sshd hangs up the session
    while _still_running(desk) and time.perf_counter() - dropped < 10:
        time.sleep(0.1)
    gone_after = time.perf_counter() - dropped
    print(f"sms-tui ended {gone_after:.2f}s after the ssh client was killed")
    assert _still_running(desk) == []
    assert gone_after < 5

    db = open_store(desk)
    incident = get_incident(db, "INC-000001")
    assert incident.assignee == "alice"
    assert [(n.author, n.text) for n in incident.work_notes] == [
        ("alice", "Called the fire brigade")
    ]
    who = {row[0] for row in db.execute("SELECT operator FROM audit WHERE key = 'INC-000001'")}
    assert "alice" in who
    drafts = (Path(f"{desk}-drafts") / "alice.json").read_text()
    assert "half typed when the line dropped" in drafts
