"""Each service's own CIs: its business-service CI, applications, instances and databases."""

from __future__ import annotations

from sms_tui.demo.catalogue import Component, Offering
from sms_tui.demo.cmdb import CONNECTED_TO, DEPENDS_ON, RUNS_ON, Footprint, Registry
from sms_tui.demo.infra import box, load_balancer
from sms_tui.demo.people import DATABASE, LINUX, NETWORK, PLATFORM, WINDOWS
from sms_tui.demo.sites import homes
from sms_tui.models import CiClass, CiStatus, Criticality, Environment, ServiceStatus

PRD, STG, TST, DEV = (
    Environment.PRODUCTION,
    Environment.STAGING,
    Environment.TEST,
    Environment.DEVELOPMENT,
)
CODES = {PRD: "prd", STG: "stg", TST: "tst", DEV: "dev"}
_PORTS = {"Oracle": "1521", "Postgre": "5432", "SQL Server": "1433", "SAP HANA": "30015"}
_DEVICES = {"PAN": ("Palo Alto Networks", "PA-3220", "0"), "SBC": ("AudioCodes", "M800C", "AC")}


def environments(offer: Offering, large: bool) -> list[Environment]:
    """Where a service runs: production, plus pre-production tiers by criticality and size."""
    if offer.status == ServiceStatus.RETIRED:
        return [PRD]
    if offer.status == ServiceStatus.PIPELINE:
        return [STG, PRD]
    if not large:
        return [PRD, STG] if offer.criticality == Criticality.CRITICAL else [PRD]
    return {
        Criticality.CRITICAL: [PRD, STG, TST, DEV],
        Criticality.HIGH: [PRD, STG, TST, DEV],
        Criticality.MEDIUM: [PRD, STG, TST],
        Criticality.LOW: [PRD, TST],
    }[offer.criticality]


def deploy(reg: Registry, offer: Offering, *, large: bool, scale: int) -> Footprint:
    """Generate a service's CIs and relationships; its VMs wait in `reg.guests` for hosts."""
    lead = reg.staff.lead(offer.group)
    retired = offer.status == ServiceStatus.RETIRED
    pipeline = offer.status == ServiceStatus.PIPELINE
    tier = "gold" if offer.criticality in (Criticality.CRITICAL, Criticality.HIGH) else "silver"
    business = reg.add(
        f"svc-{offer.key}",
        CiClass.BUSINESS_SERVICE,
        lead,
        {"service": offer.name, "sla_tier": tier, "url": offer.url},
        status=CiStatus.RETIRED if retired else CiStatus.PLANNED if pipeline else CiStatus.LIVE,
    )
    fp = Footprint(business=business, cis=[business])
    sites = homes(offer.calendar)
    for env in environments(offer, large):
        prod, code = env == PRD, CODES[env]
        status = CiStatus.LIVE
        if retired:
            status = CiStatus.RETIRED
        elif pipeline and prod:
            status = CiStatus.PLANNED
        db = _database(reg, offer, env, sites[0], status) if offer.database else None
        if db:
            fp.cis.append(db)
            if prod:
                fp.dbs.append(db)
        if prod:
            fp.storage.append(reg.sans[sites[0]])
        for part in offer.components:
            stem = part.prefix.removesuffix("-prd")
            app = reg.add(
                part.prefix if prod else f"{stem}-{code}",
                CiClass.APPLICATION,
                lead,
                {"role": part.role, "version": part.software, "url": offer.url if prod else ""},
                environment=env,
                status=status,
            )
            fp.cis.append(app)
            count = part.replicas * scale if prod else 1
            for i in range(1, count + 1):
                name = f"{part.prefix}-{i:02d}" if prod else f"{stem}-{code}-{i:02d}"
                site = sites[i % len(sites)] if prod else sites[0]
                _instance(reg, part, name, site, env, status)
                reg.relate(app, RUNS_ON, name)
                fp.cis.append(name)
                if prod:
                    fp.nodes.append(name)
                    if part.kind == CiClass.VM:
                        fp.hosted.append(name)
                        pool = fp.windows if part.os.startswith("Windows") else fp.linux
                        pool.append(name)
            if db:
                reg.relate(app, DEPENDS_ON, db)
            if prod:
                if part.lb:
                    lb = load_balancer(reg, sites[0])
                    reg.relate(app, DEPENDS_ON, lb)
                    if lb not in fp.lbs:
                        fp.lbs.append(lb)
                reg.relate(business, DEPENDS_ON, app)
                fp.apps.append(app)
    reg.footprints[offer.key] = fp
    return fp


def _instance(
    reg: Registry, part: Component, name: str, code: str, env: Environment, status: CiStatus
) -> None:
    site = reg.sites[code]
    windows = part.os.startswith("Windows")
    if part.kind == CiClass.VM:
        lead = reg.staff.lead(WINDOWS if windows else LINUX)
        vcpu, memory = reg.rng.choice((("2", "8"), ("4", "16"), ("8", "32"), ("16", "64")))
        attributes = {"ip": site.address(), "os": part.os, "vcpu": vcpu, "memory_gb": memory}
        reg.add(
            name, CiClass.VM, lead, attributes, location=site.name, environment=env, status=status
        )
        reg.guests.setdefault((code, env == PRD), []).append(name)
        return
    if part.kind == CiClass.SERVER:
        attributes = box(reg, site.address(), "Dell", "PowerEdge R740xd", part.os, "")
        reg.add(
            name,
            part.kind,
            reg.staff.lead(PLATFORM),
            attributes,
            location=site.rack(),
            environment=env,
            status=status,
        )
        reg.racked.setdefault(code, []).append(name)
        return
    vendor, model, tag = _DEVICES.get(part.os[:3], ("Cisco", "ASR 1001-X", "FXS"))
    attributes = box(reg, site.address(), vendor, model, part.os, tag)
    reg.add(
        name,
        part.kind,
        reg.staff.lead(NETWORK),
        attributes,
        location=site.rack(),
        environment=env,
        status=status,
    )
    reg.relate(name, CONNECTED_TO, reg.cores[code][0])
    reg.switch_of[name] = reg.cores[code][0]


def _database(reg: Registry, offer: Offering, env: Environment, code: str, status: CiStatus) -> str:
    site = reg.sites[code]
    engine = offer.database
    port = next((p for k, p in _PORTS.items() if engine.startswith(k)), "3306")
    instance = (offer.key.replace("-", "")[:6] + CODES[env]).upper()
    name = reg.add(
        reg.names.next(f"db-{CODES[env]}"),
        CiClass.DATABASE,
        reg.staff.lead(DATABASE),
        {"ip": site.address(), "engine": engine, "port": port, "instance": instance},
        location=site.name,
        environment=env,
        status=status,
    )
    reg.relate(name, RUNS_ON, reg.sans[code])
    return name
