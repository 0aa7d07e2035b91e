"""Shared infrastructure: core network, firewalls, storage, load balancers, ESXi, stores."""

from __future__ import annotations

from math import ceil

from sms_tui.demo.cmdb import CONNECTED_TO, DEPENDS_ON, RUNS_ON, Footprint, Registry
from sms_tui.demo.people import NETWORK, PLATFORM, WINDOWS
from sms_tui.demo.sites import US_CITIES, DataCentre, serial
from sms_tui.models import CiClass, CiStatus, Environment

GUESTS_PER_HOST = {True: 22, False: 35}
HOSTS_PER_CLUSTER = 12
PORTS_PER_LEAF = 16
APPS_PER_LB = 25


def box(reg: Registry, ip: str, vendor: str, model: str, os: str, tag: str) -> dict[str, str]:
    """The attributes of a physical device."""
    return {"ip": ip, "vendor": vendor, "model": model, "os": os, "serial": serial(reg.rng, tag)}


def _device(
    reg: Registry,
    prefix: str,
    ci_class: CiClass,
    owner: str,
    site: DataCentre,
    spec: tuple[str, str, str, str],
    **extra: str,
) -> str:
    attributes = {**box(reg, site.address(), *spec), **extra}
    return reg.add(reg.names.next(prefix), ci_class, owner, attributes, location=site.rack())


def core(reg: Registry) -> None:
    """Per site: a core switch pair, a firewall pair, a SAN and a NAS."""
    net, platform = reg.staff.lead(NETWORK), reg.staff.lead(PLATFORM)
    nexus = ("Cisco", "Nexus 9508", "NX-OS 10.2(6)", "FDO")
    palo = ("Palo Alto Networks", "PA-5450", "PAN-OS 10.2.9-h1", "0")
    pure = ("Pure Storage", "FlashArray//X70R3", "Purity//FA 6.4.10", "PCT")
    netapp = ("NetApp", "AFF A400", "ONTAP 9.13.1P6", "7219")
    for code, site in reg.sites.items():
        cores = [_device(reg, "core-sw", CiClass.NETWORK_DEVICE, net, site, nexus) for _ in "ab"]
        reg.relate(cores[0], CONNECTED_TO, cores[1])
        for _ in "ab":
            reg.relate(
                _device(reg, "fw-prd", CiClass.NETWORK_DEVICE, net, site, palo),
                CONNECTED_TO,
                cores[0],
            )
        san = _device(reg, "san-prd", CiClass.STORAGE, platform, site, pure, capacity_tb="366")
        nas = _device(reg, "nas-prd", CiClass.STORAGE, platform, site, netapp, capacity_tb="220")
        for device in (san, nas):
            reg.relate(device, CONNECTED_TO, cores[1])
        reg.cores[code], reg.sans[code] = cores, san
        reg.lbs[code], reg.leaves[code] = [], []


def load_balancer(reg: Registry, code: str) -> str:
    """The F5 an application on this site sits behind: a new pair every APPS_PER_LB apps."""
    load = reg.lb_load.get(code, 0)
    reg.lb_load[code] = load + 1
    if load % APPS_PER_LB == 0:
        f5 = ("F5", "BIG-IP i7800", "BIG-IP 17.1.1", "f5-")
        site = reg.sites[code]
        for _ in "ab":
            lb = _device(reg, "lb-prd", CiClass.LOAD_BALANCER, reg.staff.lead(NETWORK), site, f5)
            reg.relate(lb, CONNECTED_TO, reg.cores[code][0])
            reg.lbs[code].append(lb)
    return reg.lbs[code][-2]


def hosting_size(reg: Registry) -> int:
    """How many CIs `hosting` will add for the guests and racked servers waiting now."""
    hosts = clusters = 0
    for (_, production), guests in reg.guests.items():
        count = max(2, ceil(len(guests) / GUESTS_PER_HOST[production]))
        hosts += count
        clusters += ceil(count / HOSTS_PER_CLUSTER)
    racked = hosts + sum(len(r) for r in reg.racked.values())
    return hosts + clusters + ceil(racked / PORTS_PER_LEAF) + len(reg.sites)


def hosting(reg: Registry) -> None:
    """ESXi hosts and clusters sized to the VMs waiting on each site, and leaf switches for all."""
    platform, net = reg.staff.lead(PLATFORM), reg.staff.lead(NETWORK)
    for (code, production), guests in reg.guests.items():
        site, tier = reg.sites[code], "prd" if production else "np"
        hosts = []
        count = max(2, ceil(len(guests) / GUESTS_PER_HOST[production]))
        for i in range(count):
            if i % HOSTS_PER_CLUSTER == 0:
                cluster = reg.add(
                    reg.names.next(f"cl-{tier}"),
                    CiClass.CLUSTER,
                    platform,
                    {
                        "vendor": "VMware",
                        "version": "vSphere 8.0 U2",
                        "ha": "enabled",
                        "drs": "fully automated",
                    },
                    location=site.name,
                    environment=Environment.PRODUCTION if production else Environment.TEST,
                )
                reg.relate(cluster, DEPENDS_ON, reg.sans[code])
            host = reg.add(
                reg.names.next(f"esx-{tier}"),
                CiClass.SERVER,
                platform,
                {
                    **box(reg, site.address(), "Dell", "PowerEdge R750", "ESXi 8.0 U2", ""),
                    "cpu": "2x Xeon Gold 6338",
                    "memory_gb": "1024",
                },
                location=site.rack(),
                environment=Environment.PRODUCTION if production else Environment.TEST,
                status=CiStatus.MAINTENANCE if reg.rng.random() < 0.02 else CiStatus.LIVE,
            )
            reg.relate(host, DEPENDS_ON, cluster)
            reg.racked.setdefault(code, []).append(host)
            hosts.append(host)
        for i, guest in enumerate(guests):
            reg.host_of[guest] = hosts[i % len(hosts)]
            reg.relate(guest, RUNS_ON, hosts[i % len(hosts)])
    nexus = ("Arista", "7050SX3-48YC8", "EOS 4.30.4M", "JPE")
    for code, racked in reg.racked.items():
        site = reg.sites[code]
        for i, device in enumerate(racked):
            if i % PORTS_PER_LEAF == 0:
                leaf = _device(reg, "leaf-sw", CiClass.NETWORK_DEVICE, net, site, nexus)
                for upstream in reg.cores[code]:
                    reg.relate(leaf, CONNECTED_TO, upstream)
                reg.leaves[code].append(leaf)
            reg.switch_of[device] = reg.leaves[code][-1]
            reg.relate(device, CONNECTED_TO, reg.leaves[code][-1])


def stores(reg: Registry, footprint: Footprint, central: str, count: int) -> None:
    """A server, a switch and an SD-WAN router in each US store; store servers depend on the
    POS central office."""
    owner, net = reg.staff.lead(WINDOWS), reg.staff.lead(NETWORK)
    numbers = sorted(reg.rng.sample(range(101, 4000), count))
    for n in numbers:
        where = f"Store {n:04d}, {US_CITIES[n % len(US_CITIES)]}"
        prefix = f"10.{64 + n // 256}.{n % 256}"
        server = reg.add(
            f"pos-st{n:04d}",
            CiClass.SERVER,
            owner,
            {
                **box(
                    reg, f"{prefix}.10", "HPE", "ProLiant DL20 Gen10", "Windows Server 2019", "CZ"
                ),
                "store": f"{n:04d}",
            },
            location=where,
        )
        switch = reg.add(
            f"sw-st{n:04d}",
            CiClass.NETWORK_DEVICE,
            net,
            box(reg, f"{prefix}.2", "Cisco", "Catalyst 9200L", "IOS-XE 17.9.4", "FOC"),
            location=where,
        )
        router = reg.add(
            f"rtr-st{n:04d}",
            CiClass.NETWORK_DEVICE,
            net,
            box(reg, f"{prefix}.1", "Fortinet", "FortiGate 60F", "FortiOS 7.2.8", "FGT60F"),
            location=where,
        )
        reg.relate(switch, CONNECTED_TO, router)
        reg.relate(server, CONNECTED_TO, switch)
        reg.relate(server, DEPENDS_ON, central)
        reg.switch_of[server] = switch
        footprint.stores.append(server)
        footprint.cis.append(server)


def pad(reg: Registry, target: int) -> None:
    """Spare hosts racked but not yet in a cluster, so a large desk has exactly `target` CIs."""
    codes = list(reg.sites)
    i = 0
    while len(reg.rows) < target:
        code = codes[i % len(codes)]
        i += 1
        site = reg.sites[code]
        host = reg.add(
            reg.names.next("esx-prd"),
            CiClass.SERVER,
            reg.staff.lead(PLATFORM),
            box(reg, site.address(), "Dell", "PowerEdge R760", "ESXi 8.0 U2", ""),
            location=site.rack(),
            status=CiStatus.PLANNED,
        )
        reg.relate(host, CONNECTED_TO, reg.leaves[code][-1])
