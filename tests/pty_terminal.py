"""A program on a real pseudo-terminal, read and typed into as an SSH session would.

Used by the launch tests and by the benches in bench/.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

ANSI = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])"
)


class PtyProgram:
    """Spawns `command` on a `columns` x `rows` pty; `output` holds every byte it wrote."""

    def __init__(
        self, command: Sequence[str], env: Mapping[str, str], columns: int = 80, rows: int = 24
    ) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()

    def text(self) -> str:
        """What was written so far, escape sequences removed."""
        return ANSI.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def read_for(self, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            if not self._read(min(left, 0.05)):
                return

    def wait_for(self, marker: str, timeout: float = 20.0) -> float:
        """Seconds from spawn until `marker` is on the screen."""
        target = marker.encode()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if target in ANSI.sub(b"", bytes(self.output)):
                return time.perf_counter() - self.started
            if not self._read(0.05) and self.process.poll() is not None:
                break
        raise TimeoutError(
            f"{marker!r} did not appear; the screen ended with {self.text()[-600:]!r}"
        )

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait_exit(self, timeout: float = 10.0) -> int:
        deadline = time.perf_counter() + timeout
        while self.process.poll() is None and time.perf_counter() < deadline:
            self._read(0.05)
        return self.process.wait(timeout=max(deadline - time.perf_counter(), 0.1))

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    def __enter__(self) -> PtyProgram:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


def session_env(home: Path, *, ssh: bool) -> dict[str, str]:
    """The environment of an operator's session: data and config under `home`, a 256-colour
    terminal without COLORTERM (SSH usually does not forward it), and SSH_CONNECTION set or not.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "SSH_CONNECTION")}
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    env["TERM"] = "xterm-256color"
    if ssh:
        env["SSH_CONNECTION"] = "10.0.0.1 50000 10.0.0.2 22"
    return env
