"""`sms-tui demo PATH`: write a realistic demo desk into a new database file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from sms_tui.commands.output import Failure, say, say_counts


def write_demo_desk(path: Path, *, size: Literal["small", "large"], seed: int) -> int:
    """Fill a new file with the demo desk for `seed` and print what it holds."""
    if path.is_dir():
        raise Failure(f"{path}: is a directory; give the demo a new file")
    if path.exists() and path.stat().st_size > 0:
        raise Failure(f"{path}: already exists; the demo is written to a new file only")
    if not path.parent.is_dir():
        raise Failure(f"{path}: directory {path.parent} does not exist")
    # The generator, the clock and the passwd lookup are loaded only for this command.
    from sms_tui.config import wall_clock
    from sms_tui.demo import write_demo
    from sms_tui.identity import current_login

    counts = write_demo(path, size=size, seed=seed, now=wall_clock(), operator=current_login())
    say(f"wrote a {size} demo desk (seed {seed}) to {path}:")
    say_counts(counts)
    return 0
