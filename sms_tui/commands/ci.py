"""`sms-tui ci list|show|create|update|link|unlink|impact`: the CMDB for scripts.

The same store as the TUI: its filter and order (store.cmdb), its role gate and audit
(store.cmdb_edits), its impact walk (store.cmdb_impact). The operator is the Unix account
running the command, and `now` is read once, here at the edge.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sms_tui.commands.database import opened
from sms_tui.commands.output import say

if TYPE_CHECKING:
    from sqlite_utils import Database

    from sms_tui.cmdb_views import Badges, EdgeGroup
    from sms_tui.models import ConfigurationItem
    from sms_tui.store.cmdb_impact import ImpactReport


def run_ci(args: argparse.Namespace, path: Path) -> int:
    """Run one ci subcommand against the database at `path`."""
    from sms_tui.config import wall_clock
    from sms_tui.identity import current_login

    now = wall_clock()
    login = current_login()
    action: str = args.ci_command
    with opened(path, create=False) as db:
        if action == "list":
            return _list(db, args)
        if action == "show":
            return _show(db, args.name, as_json=args.json)
        if action == "impact":
            return _impact(db, args)
        _ensure_operator(db, login, now)
        if action == "create":
            return _create(db, args, login, now)
        if action == "update":
            return _update(db, args, login, now)
        return _edge(db, args, login, now)


def _ensure_operator(db: Database, login: str, now: datetime) -> None:
    from sms_tui.commands.output import Failure
    from sms_tui.store.operators import ensure_operator

    try:
        ensure_operator(db, login, now)
    except ValueError as error:  # a passwd name our Login type refuses
        raise Failure(f"cannot work as {login!r}: {error}") from None


def _list(db: Database, args: argparse.Namespace) -> int:
    from sms_tui.cmdb_views import CmdbQuery
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.models import CiClass, Environment
    from sms_tui.store.cmdb import page

    query = CmdbQuery(
        args.filter,
        None if args.ci_class is None else CiClass(args.ci_class),
        None if args.env is None else Environment(args.env),
    )
    found = page(db, query, args.offset, args.limit)
    rows = [
        {
            "name": r.name,
            "class": r.ci_class.value,
            "status": r.status.value,
            "environment": r.environment.value,
            "owner": r.owner,
            "location": r.location,
        }
        for r in found.items
    ]
    if args.json:
        emit_json({"total": found.total, "offset": found.offset, "cis": rows})
        return 0
    for r in found.items:
        say(
            f"{r.name:24} {r.ci_class.value:16} {r.status.value:11} {r.environment.value:11} "
            f"{r.owner}"
        )
    shown = f"{found.offset + 1}-{found.offset + len(rows)}" if rows else "none"
    say(f"{shown} of {found.total} CIs")
    return 0


def _show(db: Database, name: str, *, as_json: bool) -> int:
    from sms_tui.cmdb_views import edge_groups
    from sms_tui.store.cmdb import badges_of, get_ci, relationships_of

    ci = get_ci(db, name)
    groups = edge_groups(ci.name, relationships_of(db, ci.name))
    _print(ci, groups, badges_of(db, ci.name), as_json=as_json)
    return 0


def _print(
    ci: ConfigurationItem, groups: tuple[EdgeGroup, ...], badges: Badges, *, as_json: bool
) -> None:
    from sms_tui.commands.incident_text import emit_json

    if as_json:
        data: dict[str, Any] = ci.model_dump(mode="json")
        data["relationships"] = {g.title.lower().replace(" ", "_"): list(g.names) for g in groups}
        data["badges"] = {
            "open_incidents": badges.incidents,
            "active_changes": badges.changes,
            "known_errors": badges.known_errors,
        }
        emit_json(data)
        return
    say(f"{ci.name} ({ci.ci_class.value}, {ci.status.value}, {ci.environment.value})")
    say(f"  owner: {ci.owner or '-'}")
    say(f"  location: {ci.location or '-'}")
    say(f"  now: {badges.text() or 'nothing open'}")
    for key, value in sorted(ci.attributes.items()):
        say(f"  {key}: {value}")
    for group in groups:
        say(f"{group.title}:")
        for other in group.names:
            say(f"  {other}")


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in (
        ("ci_class", args.ci_class),
        ("status", args.status),
        ("environment", args.env),
        ("owner", args.owner),
        ("location", args.location),
    ):
        if value is not None:
            fields[name] = value
    return fields


def _create(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from pydantic import ValidationError

    from sms_tui.commands.output import Failure
    from sms_tui.models import ConfigurationItem
    from sms_tui.store.cmdb_edits import create_ci
    from sms_tui.store.validation import describe

    try:
        draft = ConfigurationItem(name=args.name, attributes=dict(args.attr), **_fields(args))
    except ValidationError as error:
        raise Failure(f"ci: {describe(error)}") from None
    created = create_ci(db, draft, operator=login, now=now)
    if args.json:
        return _show(db, created.name, as_json=True)
    say(f"created {created.name} ({created.ci_class.value})")
    return 0


def _update(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from sms_tui.commands.output import Failure
    from sms_tui.store.cmdb import get_ci
    from sms_tui.store.cmdb_edits import update_ci

    current = get_ci(db, args.name)
    changes = _fields(args)
    if args.attr or args.unset:
        attributes = dict(current.attributes)
        for key in args.unset:
            if key not in attributes:
                raise Failure(f"{current.name} has no attribute {key!r}")
            del attributes[key]
        attributes.update(dict(args.attr))
        changes["attributes"] = attributes
    fresh = update_ci(db, current.name, current.version, changes, operator=login, now=now)
    if args.json:
        return _show(db, fresh.name, as_json=True)
    if fresh.version == current.version:
        say(f"{fresh.name}: nothing to change")
    else:
        say(f"{fresh.name}: saved version {fresh.version}")
    return 0


def _edge(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.store.cmdb_edits import link, unlink

    act = link if args.ci_command == "link" else unlink
    edge = act(db, args.source, args.kind, args.target, operator=login, now=now)
    if args.json:
        emit_json(edge.model_dump(mode="json"))
    else:
        done = "linked" if args.ci_command == "link" else "unlinked"
        say(f"{done}: {edge.source} {edge.kind.value} {edge.target}")
    return 0


def _impact(db: Database, args: argparse.Namespace) -> int:
    from sms_tui.store.cmdb import get_ci
    from sms_tui.store.cmdb_impact import impact_report

    for name in args.names:
        get_ci(db, name)  # NotFound names a mistyped CI instead of an empty impact
    report = impact_report(db, args.names, max_depth=args.depth, limit=args.limit)
    _print_impact(report, as_json=args.json)
    return 0


def _print_impact(report: ImpactReport, *, as_json: bool) -> None:
    from sms_tui.commands.incident_text import emit_json

    if as_json:
        emit_json(
            {
                "failed": list(report.failed),
                "total": report.total,
                "truncated": report.truncated,
                "services": [
                    {
                        "name": s.hit.service.name,
                        "criticality": s.hit.service.criticality.value,
                        "via": s.hit.ci,
                        "depth": s.hit.depth,
                        "open_incidents": s.open_incidents,
                    }
                    for s in report.services
                ],
                "cis": [
                    {
                        "name": c.hit.ci,
                        "class": None if c.ci_class is None else c.ci_class.value,
                        "depth": c.hit.depth,
                        "path": list(c.hit.path),
                        "open_incidents": c.badges.incidents,
                    }
                    for c in report.cis
                ],
            }
        )
        return
    verb = "fails" if len(report.failed) == 1 else "fail"
    say(f"if {', '.join(report.failed)} {verb}: {report.total} CIs down")
    say(f"services hit: {len(report.services)}")
    for s in report.services:
        service = s.hit.service
        say(
            f"  {service.criticality.value:8} {service.name} (via {s.hit.ci}, "
            f"{s.hit.depth} hops, {s.open_incidents} open incidents)"
        )
    say(f"CIs hit (first {len(report.cis)} of {report.total}):")
    for c in report.cis:
        open_text = f", {c.badges.incidents} open incidents" if c.badges.incidents else ""
        say(f"  {c.hit.depth:>2} {c.hit.ci}{open_text}: {c.hit.reason}")
    if report.truncated:
        say("the depth limit stopped the walk: more CIs may be hit")
