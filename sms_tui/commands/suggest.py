"""`sms-tui suggest --text ...` and `sms-tui incident suggest NUMBER`: the matcher for scripts.

The same store read and matcher as the TUI's suggestions panel; the index is built for
the one question, which over the large demo takes a few seconds.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sms_tui.commands.database import opened
from sms_tui.commands.output import say

if TYPE_CHECKING:
    from sqlite_utils import Database

    from sms_tui.matching import MatchIndex, Query, Suggestion, Suggestions


def run_suggest(args: argparse.Namespace, path: Path) -> int:
    """Suggestions for a text that is not (yet) an incident."""
    from sms_tui.matching import Query

    with opened(path, create=False) as db:
        query = Query(args.text, args.service, tuple(args.ci))
        return _answer(db, query, args)


def suggest_incident(db: Database, number: str, args: argparse.Namespace) -> int:
    """Suggestions for a stored incident, from its title, description, service and CIs."""
    from sms_tui.matching import Query
    from sms_tui.store.incidents import get_incident

    return _answer(db, Query.of(get_incident(db, number)), args, number)


def _answer(db: Database, query: Query, args: argparse.Namespace, number: str = "") -> int:
    from sms_tui.matching import MatchIndex, suggest
    from sms_tui.store.match_inputs import load_match_inputs

    inputs = load_match_inputs(db)
    index = MatchIndex.build(inputs.cis, inputs.relationships, inputs.known_errors, inputs.services)
    found = suggest(index, query, args.limit)
    if args.json:
        from sms_tui.commands.incident_text import emit_json

        emit_json(suggestions_json(index, found, number))
    else:
        print_suggestions(index, found)
    return 0


def suggestions_json(index: MatchIndex, found: Suggestions, number: str = "") -> dict[str, Any]:
    """Both lists, best first: key, score, reason, and what the record is."""
    cis = [
        {**_plain(item), "class": index.cis[item.key].ci_class.value}
        for item in found.cis
        if item.key in index.cis
    ]
    known_errors = [
        {
            **_plain(item),
            "title": index.known_errors[item.key].title,
            "workaround": index.known_errors[item.key].workaround,
        }
        for item in found.known_errors
        if item.key in index.known_errors
    ]
    head: dict[str, Any] = {"incident": number} if number else {}
    return {**head, "cis": cis, "known_errors": known_errors}


def _plain(item: Suggestion) -> dict[str, Any]:
    return {"key": item.key, "score": item.score, "reason": item.reason}


def print_suggestions(index: MatchIndex, found: Suggestions) -> None:
    """`score  key  what it is`, then the reason indented under it."""
    for title, items in (("CIs", found.cis), ("Known errors", found.known_errors)):
        say(title)
        if not items:
            say("  (none)")
        for item in items:
            if item.kind == "ci":
                ci = index.cis.get(item.key)
                what = ci.ci_class.value.replace("_", " ") if ci else ""
            else:
                known_error = index.known_errors.get(item.key)
                what = known_error.title if known_error else ""
            say(f"  {item.score:>3}  {item.key}  {what}")
            say(f"       {item.reason}")
