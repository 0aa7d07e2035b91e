"""The demo organisation's service catalogue: what each service is built from and promised."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from random import Random
from typing import Any

from sms_tui.demo import calendars as cal
from sms_tui.demo.people import APPS
from sms_tui.demo.vocabulary import catalogue
from sms_tui.models import CiClass, Criticality, Priority, Service, ServiceStatus


@dataclass(frozen=True)
class Component:
    """One tier of a service: an application CI and the instances it runs on."""

    prefix: str
    role: str
    software: str
    replicas: int = 2
    kind: CiClass = CiClass.VM
    os: str = "RHEL 8.10"
    lb: bool = False


@dataclass(frozen=True)
class Offering:
    """A catalogue entry before it becomes records: the service and how it is built."""

    key: str
    name: str
    description: str
    owner: str
    criticality: Criticality
    calendar: str
    group: str
    components: tuple[Component, ...]
    database: str = ""
    status: ServiceStatus = ServiceStatus.LIVE
    url: str = ""
    named: bool = True
    """One of the well-known services; generated line-of-business ones are not."""

    @property
    def live(self) -> bool:
        return self.status == ServiceStatus.LIVE


def base_offerings() -> list[Offering]:
    """The named services every demo desk has (e-mail, payroll, VPN, web shop...)."""
    out = []
    for raw in catalogue()["service"]:
        parts = tuple(
            Component(
                prefix=c["prefix"],
                role=c["role"],
                software=c["software"],
                replicas=c.get("replicas", 2),
                kind=CiClass(c.get("kind", "vm")),
                os=c.get("os", "RHEL 8.10"),
                lb=c.get("lb", False),
            )
            for c in raw["components"]
        )
        out.append(
            Offering(
                key=raw["key"],
                name=raw["name"],
                description=raw["description"],
                owner=raw["owner"],
                criticality=Criticality(raw["criticality"]),
                calendar=raw["calendar"],
                group=raw["group"],
                components=parts,
                database=raw.get("database", ""),
                status=ServiceStatus(raw.get("status", "live")),
                url=raw.get("url", f"https://{raw['key']}.corp.example"),
            )
        )
    return out


def portfolio(rng: Random) -> Iterator[Offering]:
    """Line-of-business services for the large desk: one per (domain, function), shuffled."""
    data = catalogue()["portfolio"]
    pairs = [(d, f) for f in data["functions"] for d in data["domains"]]
    rng.shuffle(pairs)
    levels = [Criticality.HIGH, Criticality.MEDIUM, Criticality.MEDIUM, Criticality.LOW]
    for (domain, dshort), function in pairs:
        key = f"{dshort}-{function['short']}"
        parts = tuple(
            Component(
                prefix=key if suffix == function["short"] else f"{key}-{suffix}",
                role=role,
                software=software,
                replicas=rng.randint(2, 6),
                os="Windows Server 2022" if ".NET" in software else "RHEL 8.10",
                lb=lb,
            )
            for suffix, role, software, lb in function["components"]
        )
        yield Offering(
            key=key,
            name=f"{domain} {function['name']}",
            description=f"{domain}: {parts[0].role} and {parts[-1].role}.",
            owner=rng.choice(data["owners"]),
            criticality=rng.choice(levels),
            calendar=rng.choice(data["calendars"]),
            group=APPS,
            components=parts,
            database=rng.choice(data["databases"]) if rng.random() < 0.85 else "",
            url=f"https://{key}.corp.example",
            named=False,
        )


# SLA targets as (respond, resolve); "d" is one business day of the service's calendar.
_GOLD = {
    "P1": ("15m", "4h"),
    "P2": ("30m", "8h"),
    "P3": ("2h", "2d"),
    "P4": ("1d", "5d"),
    "P5": ("2d", "10d"),
}
_SILVER = {
    "P1": ("30m", "8h"),
    "P2": ("1h", "1d"),
    "P3": ("4h", "3d"),
    "P4": ("1d", "10d"),
    "P5": ("2d", "20d"),
}


def _minutes(span: str, day: int) -> int:
    return int(span[:-1]) * {"m": 1, "h": 60, "d": day}[span[-1]]


def targets(criticality: Criticality, calendar: str) -> dict[Priority, tuple[int, int]]:
    """Respond and resolve business minutes per priority: gold for critical and high services."""
    table = _GOLD if criticality in (Criticality.CRITICAL, Criticality.HIGH) else _SILVER
    day = cal.DAY_MINUTES[calendar]
    return {
        Priority(p): (_minutes(respond, day), _minutes(resolve, day))
        for p, (respond, resolve) in table.items()
    }


def service(offer: Offering, cis: list[str], updated: datetime, by: str) -> Service:
    """The catalogue record of an offering, listing the CIs that deliver it."""
    row: dict[str, Any] = {
        "name": offer.name,
        "description": offer.description,
        "owner": offer.owner,
        "status": offer.status,
        "criticality": offer.criticality,
        "calendar": offer.calendar,
        "targets": [
            {"priority": p, "respond_minutes": r, "resolve_minutes": s}
            for p, (r, s) in targets(offer.criticality, offer.calendar).items()
        ],
        "cis": cis,
        "updated_at": updated,
        "updated_by": by,
    }
    return Service.model_validate(row)
