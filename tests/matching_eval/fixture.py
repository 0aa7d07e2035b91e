"""The matcher's evaluation set: a fixture CMDB, known errors and labelled incident texts."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sms_tui.models import (
    CiClass,
    ConfigurationItem,
    Environment,
    KnownError,
    Relationship,
    RelationshipKind,
    Service,
)

HERE = Path(__file__).parent
PUBLISHED = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
RUNS_ON, DEPENDS_ON, CONNECTED_TO = (
    RelationshipKind.RUNS_ON,
    RelationshipKind.DEPENDS_ON,
    RelationshipKind.CONNECTED_TO,
)


@dataclass(frozen=True)
class Case:
    """One labelled incident: its text, the service an agent set, and the right answers."""

    title: str
    body: str
    service: str | None
    ci: str
    known_error: str | None

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.body}"


@dataclass(frozen=True)
class Fixture:
    """Everything the evaluation indexes."""

    cis: list[ConfigurationItem]
    relationships: list[Relationship]
    services: list[Service]
    known_errors: list[KnownError]
    cases: list[Case]


def _load(name: str) -> dict[str, Any]:
    with (HERE / name).open("rb") as file:
        return tomllib.load(file)


def _cmdb() -> tuple[list[ConfigurationItem], list[Relationship], list[Service]]:
    spec = _load("cmdb.toml")
    infra = spec["infra"]
    cis: list[ConfigurationItem] = []
    edges: list[Relationship] = []

    def add(name: str, ci_class: CiClass, **attributes: str) -> str:
        env = Environment.TEST if "-tst-" in name else Environment.PRODUCTION
        cis.append(
            ConfigurationItem(name=name, ci_class=ci_class, environment=env, attributes=attributes)
        )
        return name

    def relate(source: str, kind: RelationshipKind, target: str) -> None:
        edges.append(Relationship(source=source, kind=kind, target=target))

    hosts: list[str] = []
    for s, (site, count) in enumerate(infra["site_hosts"].items()):
        cores = [
            add(f"sw-core-{site}-0{i}", CiClass.NETWORK_DEVICE, ip=f"10.0.{s}.{i}") for i in (1, 2)
        ]
        leaves = []
        for i in range(1, infra["leaves_per_site"] + 1):
            leaf = add(f"sw-leaf-{site}-0{i}", CiClass.NETWORK_DEVICE, ip=f"10.0.{s}.{10 + i}")
            relate(leaf, CONNECTED_TO, cores[i % 2])
            leaves.append(leaf)
        for i in range(1, count + 1):
            host = add(
                f"esx-{site}-{i:02d}", CiClass.SERVER, ip=f"10.1.{s}.{i}", os="VMware ESXi 8.0"
            )
            relate(host, CONNECTED_TO, leaves[i % len(leaves)])
            hosts.append(host)
    for name in infra["storage"]:
        add(name, CiClass.STORAGE, model="NetApp AFF A400")
    for i, name in enumerate(infra["firewalls"]):
        add(name, CiClass.NETWORK_DEVICE, ip=f"10.0.9.{i + 1}", model="Palo Alto PA-5220")
    for i, row in enumerate(infra["databases"]):
        db = add(row["name"], CiClass.DATABASE, ip=f"10.0.7.{i + 1}", engine=row["engine"])
        relate(db, RUNS_ON, infra["storage"][i % 2])
    for i, name in enumerate(infra["load_balancers"]):
        add(name, CiClass.LOAD_BALANCER, ip=f"10.0.8.{i + 1}", model="F5 BIG-IP i5800")

    services: list[Service] = []
    placed = 0
    for s, service in enumerate(spec["service"]):
        members = [add(f"svc-{service['key']}", CiClass.BUSINESS_SERVICE, service=service["name"])]
        database = service.get("database")
        if database:
            db = add(
                database["name"],
                CiClass.DATABASE,
                ip=f"10.{20 + s}.0.5",
                engine=database["engine"],
                instance=database["instance"],
            )
            relate(db, RUNS_ON, infra["storage"][0])
            members.append(db)
        for c, part in enumerate(service["components"]):
            app = add(
                part["prefix"], CiClass.APPLICATION, role=part["role"], software=part["software"]
            )
            members.append(app)
            relate(members[0], DEPENDS_ON, app)
            if database:
                relate(app, DEPENDS_ON, database["name"])
            if part.get("lb"):
                relate(app, DEPENDS_ON, infra["load_balancers"][s % 2])
            kind = CiClass(part.get("kind", "vm"))
            width, first = part.get("width", 2), part.get("first", 1)
            names = [f"{part['prefix']}-{first + i:0{width}d}" for i in range(part["replicas"])]
            if part["prefix"] == "pos-st":
                names = [f"pos-st{first + i:04d}" for i in range(part["replicas"])]
            names.append(f"{part['prefix']}-tst-01")
            for i, name in enumerate(names):
                ip = f"10.{20 + s}.{c + 1}.{10 + i}"
                add(name, kind, ip=ip, os=part["os"], role=part["role"])
                relate(app, RUNS_ON, name)
                if kind != CiClass.NETWORK_DEVICE:
                    relate(name, RUNS_ON, hosts[placed % len(hosts)])
                    placed += 1
                members.append(name)
        services.append(Service(name=service["name"], calendar="24x7", cis=members))
    return cis, edges, services


@cache
def fixture() -> Fixture:
    """The evaluation set, loaded once per process."""
    cis, edges, services = _cmdb()
    known = [
        KnownError(
            number=row["number"],
            title=row["title"],
            symptom=row.get("symptom", ""),
            root_cause=row.get("root_cause", ""),
            workaround=row.get("workaround", ""),
            cis=row.get("cis", []),
            published_at=PUBLISHED,
        )
        for row in _load("known_errors.toml")["known_error"]
    ]
    cases = [
        Case(row["title"], row.get("body", ""), row.get("service"), row["ci"], row.get("ke"))
        for row in _load("incidents.toml")["incident"]
    ]
    return Fixture(cis, edges, services, known, cases)
