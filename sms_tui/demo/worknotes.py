"""What agents write on an incident as it moves: triage, progress, waiting, resolution."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random
from typing import Any

from sms_tui.demo import lifecycle
from sms_tui.demo.vocabulary import Ticket, notes
from sms_tui.models import IncidentState, ResolutionCode

S = IncidentState


def work_notes(
    rng: Random,
    steps: list[lifecycle.Step],
    stamps: list[datetime],
    words: dict[str, str],
    people: tuple[str, str],
    kind: str,
    now: datetime,
) -> list[dict[str, Any]]:
    """One note at most per step, written when the step happened.

    `people` is (opener, assignee); `kind` is "machine", "desk" or "triage" for the first
    hand-over, or "major" to add the major-incident bridge updates after it.
    """
    book = notes()["notes"]
    opener, assignee = people
    out = []
    resolved = paused = False
    for (_, state, reason), at in zip(steps, stamps, strict=True):
        topic, author = "", assignee
        if state == S.ASSIGNED:
            topic, author = ("triage" if kind == "major" else kind), opener
        elif state == S.PENDING and reason:
            topic, paused = reason.value, True
        elif state == S.IN_PROGRESS and resolved:
            topic, author = "reopened", opener
        elif state == S.IN_PROGRESS:
            topic = ("resumed" if paused else "working") if rng.random() < 0.7 else ""
        resolved = resolved or state == S.RESOLVED
        if topic:
            out.append(
                {"at": at, "author": author, "text": rng.choice(book[topic]).format_map(words)}
            )
        if kind == "major" and state == S.ASSIGNED:
            for i, text in enumerate(book["major"][: rng.randint(1, 3)]):
                later = at + timedelta(minutes=1 + 20 * i)
                if later <= now:
                    out.append({"at": later, "author": assignee, "text": text.format_map(words)})
    return out


def resolution(
    rng: Random,
    code: ResolutionCode,
    ticket: Ticket,
    values: dict[str, str],
    words: dict[str, str],
) -> str:
    """The resolution note: the ticket's own fix when it was fixed, else the code's usual words."""
    if code == ResolutionCode.FIXED and rng.random() < 0.85:
        return ticket.fix.format_map(values)
    usual: list[str] = notes()["resolution"][code.value]
    return rng.choice(usual).format_map(words)
