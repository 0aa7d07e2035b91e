"""The precomputed index over CIs and known errors, kept current as records change."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sms_tui.matching.corpus import Corpus
from sms_tui.matching.graph import Graph
from sms_tui.matching.identifiers import codes, compact
from sms_tui.models import ConfigurationItem, KnownError, Relationship, Service

# Attributes whose words describe what a CI is for; the rest (serials, ports) are noise.
_DESCRIPTIVE = ("role", "service", "software", "version", "engine", "os", "model", "description")
_IDENTIFYING = ("ip", "ip_address", "hostname", "fqdn", "alias", "dns", "serial", "instance")
_IP = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DIGITS = re.compile(r"\d+")


class MatchIndex:
    """CIs, known errors, relationships and services, precomputed for `suggest`.

    Build it once from the store's records, then call the add/remove methods as records
    change; every lookup table stays consistent with the last call.
    """

    def __init__(self) -> None:
        self.cis: dict[str, ConfigurationItem] = {}
        self.known_errors: dict[str, KnownError] = {}
        self.ci_words = Corpus()
        self.ke_words = Corpus()
        self.graph = Graph()
        self.services: dict[str, frozenset[str]] = {}
        self.ci_ids: dict[str, set[str]] = {}
        self.ke_ids: dict[str, set[str]] = {}
        self.ke_by_ci: dict[str, set[str]] = {}
        self.hosts_by_digits: dict[str, set[str]] = {}
        self._ci_keys: dict[str, list[str]] = {}
        self._ke_keys: dict[str, list[str]] = {}

    @classmethod
    def build(
        cls,
        cis: Iterable[ConfigurationItem] = (),
        relationships: Iterable[Relationship] = (),
        known_errors: Iterable[KnownError] = (),
        services: Iterable[Service] = (),
    ) -> MatchIndex:
        """An index over these records."""
        index = cls()
        for ci in cis:
            index.add_ci(ci)
        for relationship in relationships:
            index.add_relationship(relationship)
        for known_error in known_errors:
            index.add_known_error(known_error)
        for service in services:
            index.add_service(service)
        return index

    def add_ci(self, ci: ConfigurationItem) -> None:
        """Index a CI, or re-index it after an edit (same name)."""
        self._unkey_ci(ci.name)
        self.cis[ci.name] = ci
        attributes = ci.attributes
        self.ci_words.add(
            ci.name,
            [(ci.name, 1.0), (ci.ci_class.value.replace("_", " "), 0.3), (ci.location, 0.2)]
            + [(attributes[a], 0.5) for a in _DESCRIPTIVE if a in attributes],
        )
        keys = [compact(ci.name), ci.name.lower()]
        for attribute, value in attributes.items():
            if attribute in _IDENTIFYING or _IP.fullmatch(value):
                keys += [value.lower(), compact(value)]
        keys = [k for k in dict.fromkeys(keys) if k]
        for key in keys:
            self.ci_ids.setdefault(key, set()).add(ci.name)
        self._ci_keys[ci.name] = keys
        signature = " ".join(_DIGITS.findall(keys[0]))
        if signature:
            self.hosts_by_digits.setdefault(signature, set()).add(keys[0])

    def rename_ci(self, old: str, ci: ConfigurationItem) -> None:
        """Index a CI under its new name; relationships and known errors follow it."""
        neighbours = self.graph.neighbours(old)
        linked = self.ke_by_ci.pop(old, set())
        self.remove_ci(old)
        self.add_ci(ci)
        for other in neighbours:
            self.graph.add(ci.name, other)
        if linked:
            self.ke_by_ci[ci.name] = linked
        self.services = {
            name: frozenset(ci.name if c == old else c for c in members)
            for name, members in self.services.items()
        }

    def remove_ci(self, name: str) -> None:
        """Forget a CI and its relationships."""
        self._unkey_ci(name)
        self.cis.pop(name, None)
        self.ci_words.remove(name)
        self.graph.drop(name)

    def _unkey_ci(self, name: str) -> None:
        keys = self._ci_keys.pop(name, [])
        for key in keys:
            owners = self.ci_ids.get(key, set())
            owners.discard(name)
            if not owners:
                self.ci_ids.pop(key, None)
        if keys:
            signature = " ".join(_DIGITS.findall(keys[0]))
            hosts = self.hosts_by_digits.get(signature, set())
            if not self.ci_ids.get(keys[0]):
                hosts.discard(keys[0])

    def add_relationship(self, relationship: Relationship) -> None:
        """Record a CMDB relationship."""
        self.graph.add(relationship.source, relationship.target)

    def remove_relationship(self, relationship: Relationship) -> None:
        """Forget a CMDB relationship."""
        self.graph.remove(relationship.source, relationship.target)

    def add_service(self, service: Service) -> None:
        """Record which CIs a service lists; re-adding replaces the list."""
        self.services[service.name] = frozenset(service.cis)

    def remove_service(self, name: str) -> None:
        """Forget a service."""
        self.services.pop(name, None)

    def add_known_error(self, known_error: KnownError) -> None:
        """Index a known error, or re-index it after an edit (same number)."""
        self.remove_known_error(known_error.number)
        number = known_error.number
        self.known_errors[number] = known_error
        self.ke_words.add(
            number,
            [
                (known_error.title, 1.0),
                (known_error.symptom, 0.8),
                (known_error.root_cause, 0.4),
                (known_error.workaround, 0.3),
                (known_error.solution, 0.2),
            ],
        )
        text = "\n".join((known_error.title, known_error.symptom, known_error.root_cause))
        keys = [number, *(i.key for i in codes(text))]
        if known_error.problem:
            keys.append(known_error.problem)
        for key in keys:
            self.ke_ids.setdefault(key, set()).add(number)
        self._ke_keys[number] = keys
        for ci in known_error.cis:
            self.ke_by_ci.setdefault(ci, set()).add(number)

    def remove_known_error(self, number: str) -> None:
        """Forget a known error; unknown numbers are ignored."""
        known_error = self.known_errors.pop(number, None)
        if known_error is None:
            return
        self.ke_words.remove(number)
        for key in self._ke_keys.pop(number, []):
            owners = self.ke_ids.get(key, set())
            owners.discard(number)
            if not owners:
                self.ke_ids.pop(key, None)
        for ci in known_error.cis:
            linked = self.ke_by_ci.get(ci, set())
            linked.discard(number)
            if not linked:
                self.ke_by_ci.pop(ci, None)
