"""What every generator shares: the random source, the clock, the staff, the CMDB and the sizes."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate
from random import Random
from typing import Generic, Literal, TypeVar

from sms_tui.demo.catalogue import Offering
from sms_tui.demo.cmdb import Footprint, Registry
from sms_tui.demo.people import Staff
from sms_tui.demo.texts import Filler
from sms_tui.models import Criticality

Size = Literal["small", "large"]
DAY = 1440


@dataclass(frozen=True)
class Profile:
    """How big a demo desk is."""

    incidents: int
    problems: int
    known_errors: int
    changes: int
    history_days: int
    open_share: float
    majors: int
    stores: int
    scale: int = 1
    ci_target: int | None = None

    @property
    def large(self) -> bool:
        return self.ci_target is not None


PROFILES: dict[str, Profile] = {
    "small": Profile(
        incidents=400,
        problems=30,
        known_errors=45,
        changes=60,
        history_days=60,
        open_share=0.2,
        majors=3,
        stores=8,
    ),
    "large": Profile(
        incidents=100_000,
        problems=3_000,
        known_errors=5_000,
        changes=6_000,
        history_days=365,
        open_share=0.03,
        majors=120,
        stores=3_000,
        scale=9,
        ci_target=50_000,
    ),
}

_WEIGHT = {
    Criticality.CRITICAL: 5.0,
    Criticality.HIGH: 4.0,
    Criticality.MEDIUM: 2.5,
    Criticality.LOW: 1.0,
}


T = TypeVar("T")


class Weighted(Generic[T]):
    """A population with fixed weights, picked from many times: the sums are made once."""

    def __init__(self, items: Iterable[T], weights: Iterable[float]) -> None:
        self.items = list(items)
        self.sums = list(accumulate(weights))

    def pick(self, rng: Random) -> T:
        return self.items[bisect_right(self.sums, rng.random() * self.sums[-1])]


@dataclass
class Dated:
    """One service's record numbers sorted by a time in minutes from now: 'the latest before t'."""

    times: list[int] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)

    def add(self, time: int, number: str) -> None:
        self.times.append(time)
        self.numbers.append(number)

    def sort(self) -> None:
        pairs = sorted(zip(self.times, self.numbers, strict=True))
        self.times = [t for t, _ in pairs]
        self.numbers = [n for _, n in pairs]

    def before(self, rng: Random, time: int) -> str | None:
        """One of the three latest records at or before `time`, if any."""
        end = bisect_right(self.times, time)
        if end == 0:
            return None
        return self.numbers[rng.randrange(max(0, end - 3), end)]


@dataclass
class World:
    """The shared state of one build."""

    rng: Random
    now: datetime
    staff: Staff
    reg: Registry
    profile: Profile
    offers: list[Offering]
    filler: Filler
    problems: dict[str, Dated] = field(default_factory=dict)
    known_errors: dict[str, Dated] = field(default_factory=dict)
    past_changes: dict[str, Dated] = field(default_factory=dict)
    coming_changes: dict[str, list[str]] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)
    """Numbers of set-piece records other generators link to ("major_fix", "shop_fix"...)."""

    def at(self, minutes: int) -> datetime:
        """The time `minutes` from now (negative: in the past)."""
        return self.now + timedelta(minutes=minutes)

    def fp(self, offer: Offering) -> Footprint:
        return self.reg.footprints[offer.key]

    @property
    def live(self) -> list[Offering]:
        return [o for o in self.offers if o.live]

    def weights(self, offers: list[Offering]) -> list[float]:
        """How often a service appears in tickets: critical and named services more."""
        return [_WEIGHT[o.criticality] * (6 if o.named else 1) for o in offers]
