"""The demo's words, loaded once from the TOML files in data/: ticket, cause and change templates.

Placeholders in braces name CIs of the service a record is about ({vm}, {db}, {lb}...) or plain
words ({first}, {when}...); `needs` says which CI roles a template's placeholders require.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from random import Random
from string import Formatter
from typing import Any

# Placeholder -> the footprint role (see cmdb.Footprint) that must be non-empty to fill it.
CI_SLOTS = {
    "vm": "nodes",
    "ip": "nodes",
    "host": "hosted",
    "sw": "hosted",
    "app": "apps",
    "db": "dbs",
    "lb": "lbs",
    "store": "stores",
    "storage": "storage",
}


# Every footprint role a template can need: the above, and {vm} restricted to one OS.
ROLES = frozenset({*CI_SLOTS.values(), "windows", "linux"})


def slots(*texts: str) -> frozenset[str]:
    """The placeholder names used in some template texts."""
    return frozenset(name for text in texts for _, name, _, _ in Formatter().parse(text) if name)


def needs(names: frozenset[str]) -> frozenset[str]:
    """The footprint roles a set of placeholders needs."""
    return frozenset(CI_SLOTS[name] for name in names if name in CI_SLOTS)


@dataclass(frozen=True)
class Ticket:
    """An incident as a caller, a monitoring tool or an agent first writes it."""

    title: str
    body: str
    fix: str
    services: tuple[str, ...]
    group: str
    caller: str
    severity: str
    slots: frozenset[str]
    needs: frozenset[str]
    pool: str = "nodes"
    """Where {vm} is picked from: any instance, VMs only, or VMs with one OS."""


@dataclass(frozen=True)
class Cause:
    """A problem's cause as the problem record and its known error describe it."""

    title: str
    symptom: str
    root_cause: str
    workaround: str
    solution: str
    services: tuple[str, ...]
    slots: frozenset[str]
    needs: frozenset[str]


@dataclass(frozen=True)
class Plan:
    """A change as it is usually requested."""

    title: str
    description: str
    backout: str
    test: str
    change_type: str
    risk: str
    slots: frozenset[str]
    needs: frozenset[str]
    services: tuple[str, ...] = ()
    pool: str = "nodes"


def _load(name: str) -> dict[str, Any]:
    text = resources.files("sms_tui.demo").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def catalogue() -> dict[str, Any]:
    return _load("catalogue.toml")


@cache
def notes() -> dict[str, Any]:
    return _load("notes.toml")


@cache
def tickets() -> tuple[Ticket, ...]:
    out = []
    for raw in _load("incidents.toml")["ticket"]:
        used = slots(raw["title"], raw["body"], raw["fix"])
        out.append(
            Ticket(
                title=raw["title"],
                body=raw["body"],
                fix=raw["fix"],
                services=tuple(raw.get("services", ())),
                group=raw.get("group", ""),
                caller=raw.get("caller", ""),
                severity=raw.get("severity", "normal"),
                slots=used,
                # Routed by the instance's OS, so the instance must be a VM with one.
                needs=needs(used) | ({"hosted"} if raw.get("group") == "by_os" else set()),
                pool="hosted" if raw.get("group") == "by_os" else "nodes",
            )
        )
    return tuple(out)


@cache
def children() -> tuple[Ticket, ...]:
    """What callers write while a major incident is under way, one ticket per title."""
    data = _load("incidents.toml")["children"]
    return tuple(
        Ticket(title, data["body"], "", (), "", "", "high", slots(title, data["body"]), frozenset())
        for title in data["titles"]
    )


@cache
def causes() -> tuple[Cause, ...]:
    out = []
    for raw in _load("knowledge.toml")["cause"]:
        texts = (raw["title"], raw["symptom"], raw["root_cause"], raw["workaround"])
        used = slots(*texts, raw["solution"])
        out.append(
            Cause(
                *texts,
                solution=raw["solution"],
                services=tuple(raw.get("services", ())),
                slots=used,
                needs=needs(used),
            )
        )
    return tuple(out)


@cache
def plans() -> tuple[Plan, ...]:
    out = []
    for raw in _load("changes.toml")["change"]:
        texts = (raw["title"], raw["description"], raw["backout"], raw["test"])
        used = slots(*texts)
        pool = raw.get("os", "nodes")
        extra = {pool} if pool != "nodes" else set()
        out.append(Plan(*texts, raw["type"], raw["risk"], used, needs(used) | extra, (), pool))
    return tuple(out)


_SHORTHAND = (
    ("please", "pls"),
    ("Please", "Pls"),
    ("thanks", "thx"),
    ("people", "ppl"),
    ("because", "bc"),
    ("can't", "cant"),
    ("doesn't", "doesnt"),
    ("receive", "recieve"),
    ("the ", "teh "),
    ("you", "u"),
)


def roughen(text: str, rng: Random) -> str:
    """The text as typed in a hurry: one slip, shorthand or a swapped pair of letters.

    Words with digits, dots or dashes are left alone: hostnames and error codes stay exact.
    """
    roll = rng.random()
    if roll < 0.3:
        return text[:1].lower() + text[1:]
    if roll < 0.6:
        for word, short in _SHORTHAND:
            if word in text:
                return text.replace(word, short, 1)
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not candidates:
        return text.rstrip(".")
    i = rng.choice(candidates)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)
