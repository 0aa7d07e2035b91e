"""How the change commands print: plain lines for people, JSON for scripts."""

from __future__ import annotations

from typing import Any

from sms_tui.commands.incident_text import emit_json
from sms_tui.commands.output import say
from sms_tui.models import Change
from sms_tui.safe_text import neutralise
from sms_tui.scheduling import Conflict
from sms_tui.store.change_impact import ServiceImpact

__all__ = ["change_json", "emit_json", "print_change"]


def change_json(
    change: Change,
    conflicts: list[Conflict] | None = None,
    impact: list[ServiceImpact] | None = None,
) -> dict[str, Any]:
    """The change's fields; with its conflicts and impact when they were computed."""
    data = change.model_dump(mode="json")
    if conflicts is not None:
        data["conflicts"] = [
            {"kind": c.kind.value, "other": c.other, "message": c.message} for c in conflicts
        ]
    if impact is not None:
        data["impact"] = [hit.model_dump(mode="json") for hit in impact]
    return data


def print_change(change: Change, conflicts: list[Conflict], impact: list[ServiceImpact]) -> None:
    say(f"{change.number}  {change.title}")
    for label, value in (
        ("type", change.change_type.value),
        ("state", change.state.value),
        ("risk", change.risk.value),
        (
            "planned",
            f"{change.planned_start:%Y-%m-%d %H:%M}Z to {change.planned_end:%Y-%m-%d %H:%M}Z",
        ),
        ("CIs", ", ".join(change.cis) or "-"),
        ("requester", change.requester),
        ("implementer", change.implementer or "-"),
        ("version", str(change.version)),
    ):
        say(f"  {label + ':':<13}{value}")
    for label, text in (("backout plan", change.backout_plan), ("test plan", change.test_plan),
                        ("description", change.description)):  # fmt: skip
        if text.strip():
            say(f"  {label}:")
            for line in neutralise(text).splitlines():
                say(f"    {line}")
    say(f"approvals ({len(change.approvals)}):")
    for a in change.approvals:
        say(f"  {a.at:%Y-%m-%d %H:%M}Z {a.approver} {a.decision.value}: {a.comment or '-'}")
    say(f"conflicts ({len(conflicts)}):")
    for c in conflicts:
        say(f"  {c.kind.value}: {c.message}")
    say(f"services hit ({len(impact)}):")
    for hit in impact:
        say(
            f"  {hit.service} ({hit.criticality.value}) via {hit.via}, {hit.open_incidents} open incident(s)"
        )
