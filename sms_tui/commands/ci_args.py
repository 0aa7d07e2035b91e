"""The grammar of `sms-tui ci list|show|create|update|link|unlink|impact`. Imports nothing heavy.

The choices are spelled out here rather than read from the models, so that parsing stays
free of pydantic; a test checks they match the enums.
"""

from __future__ import annotations

import argparse
from typing import Any

from sms_tui.commands.arg_types import count, offset
from sms_tui.commands.incident_args import OneLineParser

CLASSES = (
    "business_service",
    "application",
    "database",
    "server",
    "vm",
    "network_device",
    "storage",
    "load_balancer",
    "cluster",
)
STATUSES = ("planned", "live", "maintenance", "retired")
ENVIRONMENTS = ("production", "staging", "test", "development")
KINDS = ("depends_on", "runs_on", "connected_to")
DEFAULT_LIMIT = 50


def add_ci_parser(commands: Any, where: argparse.ArgumentParser) -> None:
    """Add `ci` and its subcommands to the top-level subparsers."""
    ci = commands.add_parser(
        "ci", parents=[where], help="list, show, edit and relate configuration items"
    )
    actions = ci.add_subparsers(
        dest="ci_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    listing = actions.add_parser("list", parents=[where], help="one page of CIs, best names first")
    listing.add_argument("--filter", default="", metavar="TEXT", help="fuzzy, on the name")
    listing.add_argument("--class", dest="ci_class", choices=CLASSES)
    listing.add_argument("--env", choices=ENVIRONMENTS)
    listing.add_argument("--limit", type=count, default=DEFAULT_LIMIT, help="default: 50")
    listing.add_argument("--offset", type=offset, default=0, help="skip this many rows first")
    listing.add_argument("--json", action="store_true")

    show = actions.add_parser("show", parents=[where], help="fields, attributes, relationships")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true")

    create = actions.add_parser("create", parents=[where], help="add a CI (cmdb_manager role)")
    create.add_argument("name", metavar="NAME")
    create.add_argument("--class", dest="ci_class", choices=CLASSES, required=True)
    _add_fields(create, defaults=True)
    create.add_argument("--json", action="store_true")

    update = actions.add_parser("update", parents=[where], help="edit a CI (cmdb_manager role)")
    update.add_argument("name", metavar="NAME")
    update.add_argument("--class", dest="ci_class", choices=CLASSES)
    _add_fields(update, defaults=False)
    update.add_argument(
        "--unset", metavar="KEY", action="append", default=[], help="remove an attribute"
    )
    update.add_argument("--json", action="store_true")

    for verb, what in (("link", "add"), ("unlink", "remove")):
        edge = actions.add_parser(
            verb, parents=[where], help=f"{what} a relationship: SOURCE KIND TARGET"
        )
        edge.add_argument("source", metavar="SOURCE")
        edge.add_argument("kind", metavar="KIND", choices=KINDS, help=", ".join(KINDS))
        edge.add_argument("target", metavar="TARGET")
        edge.add_argument("--json", action="store_true")

    impact = actions.add_parser(
        "impact", parents=[where], help="what goes down, and which services, if these CIs fail"
    )
    impact.add_argument("names", metavar="NAME", nargs="+")
    impact.add_argument("--depth", type=count, default=12, help="hops to follow (default 12)")
    impact.add_argument("--limit", type=count, default=DEFAULT_LIMIT, help="CIs to list")
    impact.add_argument("--json", action="store_true")


def _add_fields(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    parser.add_argument("--status", choices=STATUSES, default="live" if defaults else None)
    parser.add_argument("--env", choices=ENVIRONMENTS, default="production" if defaults else None)
    parser.add_argument("--owner", default="" if defaults else None)
    parser.add_argument("--location", default="" if defaults else None)
    parser.add_argument(
        "--attr",
        metavar="KEY=VALUE",
        type=_attribute,
        action="append",
        default=[],
        help="set an attribute (repeatable)",
    )


def check_ci_update(args: argparse.Namespace) -> None:
    """Refuse an update that changes nothing, before the database is opened."""
    wanted = [args.ci_class, args.status, args.env, args.owner, args.location]
    if all(value is None for value in wanted) and not args.attr and not args.unset:
        OneLineParser(prog="sms-tui ci update", add_help=False).error(
            "nothing to change: give at least one of --status, --env, --owner, --attr, ..."
        )


def _attribute(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"not KEY=VALUE: {text!r}")
    return key.strip(), value
