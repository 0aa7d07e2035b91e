"""Filling templates: the CIs of a service and plain words chosen for one record."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from random import Random
from typing import Protocol, TypeVar

from sms_tui.demo.catalogue import Offering
from sms_tui.demo.cmdb import Footprint, Registry
from sms_tui.demo.people import FIRST_NAMES, LAST_NAMES
from sms_tui.demo.vocabulary import ROLES, notes

VERSIONS = ("7.4.2", "10.2.9", "19.21", "4.12.3", "2.8.1", "8.0.2", "3.2.4", "11.5.0", "6.4.11")
OFFICES = ("PAR", "LON", "NYC", "LDS", "LYS", "ATL")


@dataclass(frozen=True)
class Caller:
    """Someone who rings the desk: full name, first name, and the login they type."""

    name: str
    first: str
    user: str


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return folded.lower().replace(" ", "").replace("'", "")


@cache
def callers() -> tuple[Caller, ...]:
    """Every first and last name pair: a few thousand distinct callers."""
    return tuple(
        Caller(f"{first} {last}", first, f"{_ascii(first)}.{_ascii(last)}")
        for last in LAST_NAMES
        for first in FIRST_NAMES
    )


class Filler:
    """Picks real CIs of a service and plain words for a template's placeholders."""

    def __init__(self, rng: Random, reg: Registry) -> None:
        self.rng = rng
        self.reg = reg
        words = notes()["words"]
        self.when: list[str] = words["when"]
        self.sites: list[str] = words["sites"]

    def fill(
        self,
        offer: Offering,
        fp: Footprint,
        names: frozenset[str],
        caller: Caller | None = None,
        pool: str = "nodes",
    ) -> tuple[dict[str, str], list[str]]:
        """Values for the placeholders `names`, and the CIs among them, main one first."""
        rng, reg = self.rng, self.reg
        values: dict[str, str] = {}
        cis: list[str] = []
        if "store" in names:
            store = rng.choice(fp.stores)
            values["store"] = store
            values["store_no"] = store.removeprefix("pos-st")
            values["ip"] = reg.ip[store]
            cis.append(store)
        if names & {"vm", "host", "sw"} or ("ip" in names and "ip" not in values):
            if pool == "nodes" and names & {"host", "sw"}:
                pool = "hosted"
            vm = rng.choice(fp.role(pool))
            values["vm"] = vm
            values.setdefault("ip", reg.ip[vm])
            cis.append(vm)
            if names & {"host", "sw"}:
                host = reg.host_of[vm]
                values["host"] = host
                values["sw"] = reg.switch_of[host]
                cis += [host, values["sw"]] if "sw" in names else [host]
        for name, choices in (("app", fp.apps), ("db", fp.dbs), ("lb", fp.lbs)):
            if name in names:
                values[name] = rng.choice(choices)
                cis.append(values[name])
        if "storage" in names:
            values["storage"] = fp.storage[0]
            cis.append(fp.storage[0])
        # Sorted: set order changes with PYTHONHASHSEED, and each word draws from `rng`.
        for name in sorted(names - values.keys()):
            values[name] = self.word(name, offer, caller)
        return values, cis

    def word(self, name: str, offer: Offering, caller: Caller | None) -> str:
        rng = self.rng
        if name == "svc":
            return offer.name
        if name == "url":
            return offer.url
        if name in ("first", "user"):
            who = caller or rng.choice(callers())
            return who.first if name == "first" else who.user
        if name == "when":
            return rng.choice(self.when)
        if name == "site":
            return rng.choice(self.sites)
        if name == "n":
            return str(rng.randint(2, 40))
        if name == "pct":
            return str(rng.randint(95, 99))
        if name == "kb":
            return f"KB50{rng.randrange(10_000, 99_999)}"
        if name == "err_id":
            return f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}"
        if name == "laptop":
            return f"LT-{rng.choice(OFFICES)}-{rng.randrange(10_000, 99_999)}"
        if name == "store_no":
            return f"{rng.randrange(101, 4000):04d}"
        if name == "version":
            return rng.choice(VERSIONS)
        raise KeyError(f"no filler for placeholder {{{name}}}")


class Template(Protocol):
    """Anything written for some services, naming CIs of some roles."""

    @property
    def services(self) -> tuple[str, ...]: ...

    @property
    def needs(self) -> frozenset[str]: ...


T = TypeVar("T", bound=Template)


def fitting(templates: tuple[T, ...], offer: Offering, fp: Footprint, boost: int = 3) -> list[T]:
    """The templates a service can use: its own ones `boost` times over, then generic ones."""
    roles = {role for role in ROLES if fp.role(role)}
    own = [t for t in templates if offer.key in t.services and t.needs <= roles]
    generic = [t for t in templates if not t.services and t.needs <= roles]
    return own * boost + generic
