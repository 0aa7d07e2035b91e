"""Building a whole demo desk in memory, and writing one into a new database file."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random

from sms_tui.demo import infra
from sms_tui.demo.calendars import calendars
from sms_tui.demo.catalogue import Offering, base_offerings, portfolio, service
from sms_tui.demo.changes import changes
from sms_tui.demo.cmdb import Registry
from sms_tui.demo.estate import deploy
from sms_tui.demo.incidents import incidents
from sms_tui.demo.knowledge import knowledge
from sms_tui.demo.people import hire, operators
from sms_tui.demo.texts import Filler
from sms_tui.demo.windows import windows
from sms_tui.demo.world import PROFILES, Profile, Size, World
from sms_tui.models import Desk
from sms_tui.store.connection import open_store
from sms_tui.store.desk import write_desk
from sms_tui.store.errors import Invalid

# The most CIs one generated service adds: services stop being added this far from the target.
_LARGEST_SERVICE = 130


def build_demo(size: Size, seed: int, now: datetime, operator: str) -> Desk:
    """A realistic service desk placed around `now`; the same arguments give the same desk.

    `operator` is whoever runs the demo: they get every role and a seat in two teams.
    """
    if size not in PROFILES:
        raise ValueError(f"unknown demo size {size!r}: choose small or large")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now needs a timezone")
    # Whole minutes: every time in the desk is a whole number of minutes from here.
    now = now.astimezone(UTC).replace(second=0, microsecond=0)
    with _collector_paused():
        return _build(PROFILES[size], Random(seed), now, operator)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while millions of records are made.

    They hold no reference cycles, yet the collector would rescan the growing heap again and
    again: a fifth of the large desk's build time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(profile: Profile, rng: Random, now: datetime, operator: str) -> Desk:
    """Every section in dependency order: people, CMDB, catalogue, knowledge, changes, tickets."""
    staff, rows = hire(operator)
    reg = Registry(rng, staff, now)
    offers = _estate(reg, profile)
    cis, relationships = reg.records()
    world = World(rng, now, staff, reg, profile, offers, Filler(rng, reg))
    catalogue = [
        service(o, reg.footprints[o.key].cis, now - timedelta(days=30), staff.lead(o.group))
        for o in offers
    ]
    problems, known_errors = knowledge(world)
    planned = changes(world)
    return Desk(
        operators=operators(rows, operator, now - timedelta(days=90)),
        calendars=calendars(now, operator),
        cis=cis,
        relationships=relationships,
        services=catalogue,
        known_errors=known_errors,
        problems=problems,
        changes=planned,
        windows=windows(world),
        incidents=incidents(world),
    )


def _estate(reg: Registry, profile: Profile) -> list[Offering]:
    """The CMDB: shared infrastructure, every service's CIs, the stores, then the hosts."""
    infra.core(reg)
    offers = base_offerings()
    for offer in offers:
        deploy(reg, offer, large=profile.large, scale=profile.scale)
    central = next(a for a in reg.footprints["pos"].apps if a == "pos-central")
    infra.stores(reg, reg.footprints["pos"], central, profile.stores)
    if profile.ci_target is not None:
        for offer in portfolio(reg.rng):
            if len(reg.rows) + infra.hosting_size(reg) + _LARGEST_SERVICE > profile.ci_target:
                break
            deploy(reg, offer, large=True, scale=profile.scale)
            offers.append(offer)
    infra.hosting(reg)
    if profile.ci_target is not None:
        infra.pad(reg, profile.ci_target)
    return offers


def write_demo(
    path: Path, *, size: Size, seed: int, now: datetime, operator: str
) -> dict[str, int]:
    """Build the demo desk and write it into a new database at `path`, in one transaction.

    Refuses a path that exists and is not empty; returns the number of records per section.
    """
    path = Path(path)
    if path.exists() and (path.is_dir() or path.stat().st_size > 0):
        raise Invalid(f"{path} already exists and is not empty; the demo needs a new file")
    return store_demo(path, build_demo(size, seed, now, operator), operator, now)


def store_demo(path: Path, desk: Desk, operator: str, now: datetime) -> dict[str, int]:
    """Write a built desk into a new database file; a failed write leaves no file behind."""
    created = not path.exists()
    db = open_store(path)
    try:
        with _collector_paused():
            counts = write_desk(db, desk, operator, now)
    except BaseException:
        db.conn.close()
        if created:
            # A half-made file would only block the next attempt.
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                with suppress(FileNotFoundError):
                    leftover.unlink()
        raise
    db.conn.close()
    return counts
