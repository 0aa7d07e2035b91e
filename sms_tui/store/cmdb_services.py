"""The catalogue's services as the CMDB screens use them: which services list a CI.

Reading every service with its CIs takes about half a second on the large demo, so they are
kept until a service or CMDB write (see cmdb_cache).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from sms_tui.models import Service
from sms_tui.store.catalogue import list_services
from sms_tui.store.cmdb_cache import PerDatabase


@dataclass(frozen=True)
class ServiceMap:
    """Every service, and the services that list each CI."""

    services: tuple[Service, ...]
    by_ci: dict[str, tuple[Service, ...]]


def _read(db: Database) -> ServiceMap:
    services = tuple(list_services(db))
    by_ci: dict[str, list[Service]] = {}
    for service in services:
        for name in service.cis:
            by_ci.setdefault(name, []).append(service)
    return ServiceMap(services, {name: tuple(found) for name, found in by_ci.items()})


_MAPS = PerDatabase(_read)


def service_map(db: Database) -> ServiceMap:
    """The services as they stand now, from the cache when nothing has changed."""
    return _MAPS.get(db)


def services_of(db: Database, ci: str) -> tuple[Service, ...]:
    """The services that list the CI."""
    return service_map(db).by_ci.get(ci, ())
