"""Where the demo's CIs live: data centres, rooms and racks, addresses and hostnames."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from random import Random

from sms_tui.demo import calendars as cal

_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


@dataclass
class DataCentre:
    """A data centre: its name for locations, a 10.x.0.0/16 and a cursor over its racks."""

    code: str
    name: str
    room: str
    first_room: int
    octet: int
    _addresses: int = 0
    _slots: int = 0

    def address(self) -> str:
        # A /16 holds 62,500 of our addresses; a site that needs more spills into the next.
        block, n = divmod(self._addresses, 62_500)
        self._addresses += 1
        return f"10.{self.octet + block}.{n // 250 + 1}.{n % 250 + 4}"

    def rack(self, units: int = 2) -> str:
        """The next free position: 18 devices to a rack, 8 rows of 12 racks to a room."""
        n = self._slots
        self._slots += 1
        rack, unit = divmod(n, 18)
        room, place = divmod(rack, 96)
        row, number = divmod(place, 12)
        where = f"{self.room} {self.first_room + room} / Rack {'ABCDEFGH'[row]}{number + 1:02d}"
        return f"{self.name} / {where} U{unit * units + 3}"


def data_centres() -> dict[str, DataCentre]:
    """The three sites: London and Paris in Europe, Atlanta for the US stores."""
    sites = [
        DataCentre("LON1", "LON1 Slough", "Hall", 1, 10),
        DataCentre("PAR2", "PAR2 Saint-Denis", "Salle", 1, 20),
        DataCentre("ATL1", "ATL1 Atlanta", "Cage", 4, 30),
    ]
    return {site.code: site for site in sites}


def homes(calendar: str) -> tuple[str, ...]:
    """The sites a service runs in: round-the-clock services run active/active."""
    return {
        cal.ALWAYS: ("LON1", "PAR2"),
        cal.PARIS: ("PAR2",),
        cal.LONDON: ("LON1",),
        cal.STORES: ("ATL1",),
    }[calendar]


@dataclass
class Names:
    """Hostname counters: db-prd-03, esx-prd-12, core-sw-02 are numbered across sites."""

    used: Counter[str] = field(default_factory=Counter)

    def next(self, prefix: str, width: int = 2) -> str:
        self.used[prefix] += 1
        return f"{prefix}-{self.used[prefix]:0{width}d}"


def serial(rng: Random, prefix: str) -> str:
    """A vendor-looking serial number."""
    return prefix + "".join(rng.choices(_ALNUM, k=8))


US_CITIES = (
    "Atlanta GA", "Charlotte NC", "Nashville TN", "Orlando FL", "Tampa FL", "Raleigh NC",
    "Columbus OH", "Richmond VA", "Birmingham AL", "Jacksonville FL", "Memphis TN",
    "Louisville KY", "Savannah GA", "Knoxville TN", "Greenville SC", "Chattanooga TN",
)  # fmt: skip
