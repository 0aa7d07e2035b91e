"""The grammar of `sms-tui suggest` and `sms-tui incident suggest`. Imports nothing heavy."""

from __future__ import annotations

import argparse
from typing import Any

from sms_tui.commands.arg_types import count

DEFAULT_SUGGESTIONS = 5


def add_suggestion_options(parser: argparse.ArgumentParser) -> None:
    """--limit and --json, the same for both commands."""
    parser.add_argument(
        "--limit", type=count, default=DEFAULT_SUGGESTIONS, help="per kind; default: 5"
    )
    parser.add_argument("--json", action="store_true", help="JSON with score and reason")


def add_suggest_parser(commands: Any, where: argparse.ArgumentParser) -> None:
    """Add `suggest --text ...` to the top-level subparsers."""
    suggest = commands.add_parser(
        "suggest",
        parents=[where],
        help="rank the CIs and known errors a text points at",
        description="Rank the CIs and known errors a ticket's text points at, best first, "
        "each with a 0-100 score and the reason.",
    )
    suggest.add_argument("--text", required=True, help="the ticket's title and description")
    suggest.add_argument("--service", metavar="NAME", help="the service, if known")
    suggest.add_argument(
        "--ci", metavar="NAME", action="extend", nargs="+", default=[], help="CIs already known"
    )
    add_suggestion_options(suggest)
