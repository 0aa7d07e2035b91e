"""Checks a whole desk before it is written: duplicates and names that point nowhere."""

from __future__ import annotations

from collections.abc import Iterable

from sms_tui.models import Desk


def _label(section: str, index: int, key: str) -> str:
    return f"{section}[{index}] ({key})"


def check_references(desk: Desk) -> list[str]:
    """Every problem found, each naming the row and the field; empty when the desk is sound."""
    problems: list[str] = []
    known: dict[str, set[str]] = {}
    sections: list[tuple[str, list, str]] = [  # type: ignore[type-arg]
        ("operators", desk.operators, "login"),
        ("calendars", desk.calendars, "name"),
        ("cis", desk.cis, "name"),
        ("services", desk.services, "name"),
        ("known_errors", desk.known_errors, "number"),
        ("problems", desk.problems, "number"),
        ("changes", desk.changes, "number"),
        ("windows", desk.windows, "name"),
        ("incidents", desk.incidents, "number"),
    ]
    for section, records, key in sections:
        seen: set[str] = set()
        for i, record in enumerate(records):
            value = getattr(record, key)
            if value in seen:
                problems.append(f"{_label(section, i, value)}.{key}: duplicate {value!r}")
            seen.add(value)
        known[section] = seen

    def need(
        section: str, i: int, key: str, field: str, values: Iterable[str | None], target: str
    ) -> None:
        for value in values:
            if value is not None and value not in known[target]:
                noun = target.rstrip("s").replace("_", " ")
                problems.append(f"{_label(section, i, key)}.{field}: unknown {noun} {value!r}")

    cells = {(rule.impact, rule.urgency) for rule in desk.priority_matrix}
    if len(cells) != len(desk.priority_matrix) or len(cells) != 9:
        problems.append(
            "priority_matrix: needs exactly one priority for each impact and urgency pair"
        )
    for i, rel in enumerate(desk.relationships):
        need(
            "relationships",
            i,
            f"{rel.source} {rel.kind.value} {rel.target}",
            "source",
            [rel.source],
            "cis",
        )
        need(
            "relationships",
            i,
            f"{rel.source} {rel.kind.value} {rel.target}",
            "target",
            [rel.target],
            "cis",
        )
    for i, svc in enumerate(desk.services):
        need("services", i, svc.name, "calendar", [svc.calendar], "calendars")
        need("services", i, svc.name, "cis", svc.cis, "cis")
    for i, ke in enumerate(desk.known_errors):
        need("known_errors", i, ke.number, "problem", [ke.problem], "problems")
        need("known_errors", i, ke.number, "cis", ke.cis, "cis")
    for i, prb in enumerate(desk.problems):
        need("problems", i, prb.number, "service", [prb.service], "services")
        need("problems", i, prb.number, "assignee", [prb.assignee], "operators")
        need("problems", i, prb.number, "known_error", [prb.known_error], "known_errors")
        need("problems", i, prb.number, "cis", prb.cis, "cis")
    for i, chg in enumerate(desk.changes):
        need("changes", i, chg.number, "cis", chg.cis, "cis")
    for i, win in enumerate(desk.windows):
        need("windows", i, win.name, "service", [win.service], "services")
    for i, inc in enumerate(desk.incidents):
        need("incidents", i, inc.number, "service", [inc.service], "services")
        need("incidents", i, inc.number, "assignee", [inc.assignee], "operators")
        need("incidents", i, inc.number, "parent", [inc.parent], "incidents")
        need("incidents", i, inc.number, "cis", inc.cis, "cis")
        need("incidents", i, inc.number, "problems", inc.problems, "problems")
        need("incidents", i, inc.number, "known_errors", inc.known_errors, "known_errors")
        need("incidents", i, inc.number, "changes", inc.changes, "changes")
    return problems
