"""The incident lifecycle and operator edits, as pure functions over models."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from sms_tui.incident_edits import (
    AddWorkNote,
    Assign,
    Link,
    LinkKind,
    Move,
    SetLevels,
    SetParent,
    Take,
    Unlink,
    apply_edits,
)
from sms_tui.incident_rules import ALLOWED, Refused, reprioritise, transition
from sms_tui.models import (
    Incident,
    IncidentState,
    Level,
    PendingReason,
    Priority,
    PriorityRule,
    ResolutionCode,
    StateChange,
    default_priority_matrix,
)
from tests.incident_desk import at

S = IncidentState
OPENED = at("2026-11-23 09:00")
NOW = at("2026-11-23 10:00")


def incident(state: IncidentState = S.NEW, **fields: Any) -> Incident:
    """An incident that reached `state` by the usual path, an hour after opening."""
    history = [StateChange(at=OPENED, state=S.NEW, operator="alice")]
    extra: dict[str, Any] = {}
    step = OPENED + timedelta(minutes=10)
    if state != S.NEW:
        history.append(StateChange(at=step, state=S.ASSIGNED, operator="alice"))
        extra["responded_at"] = step
        extra["assignee"] = "alice"
    if state == S.PENDING:
        history.append(StateChange(at=step, state=S.PENDING, reason=PendingReason.CALLER))
        extra["pending_reason"] = PendingReason.CALLER
    if state in (S.IN_PROGRESS, S.RESOLVED, S.CLOSED):
        history.append(StateChange(at=step, state=S.IN_PROGRESS))
    if state in (S.RESOLVED, S.CLOSED):
        history.append(StateChange(at=step, state=S.RESOLVED))
        extra.update(
            resolution_code=ResolutionCode.FIXED, resolution_note="rebooted", resolved_at=step
        )
    if state == S.CLOSED:
        history.append(StateChange(at=step, state=S.CLOSED))
        extra["closed_at"] = step
    return Incident(
        number="INC-000123",
        title="Pay run stuck",
        opened_at=OPENED,
        state=state,
        history=history,
        **{**extra, **fields},
    )


def move(record: Incident, state: IncidentState, **details: Any) -> Incident:
    changes = transition(record, state, operator="bob", now=NOW, **details)
    return record.model_validate({**record.model_dump(), **changes})


def details_for(state: IncidentState) -> dict[str, Any]:
    if state == S.PENDING:
        return {"reason": PendingReason.VENDOR}
    if state == S.RESOLVED:
        return {"resolution_code": ResolutionCode.FIXED, "note": "patched"}
    return {}


ALL_PAIRS = [(a, b) for a in S for b in S]


@pytest.mark.parametrize(("start", "end"), [p for p in ALL_PAIRS if p[1] in ALLOWED[p[0]]])
def test_every_allowed_transition_is_saved_with_a_history_step(
    start: IncidentState, end: IncidentState
) -> None:
    moved = move(incident(start, assignment_group="Network"), end, **details_for(end))
    assert moved.state == end
    assert moved.history[-1] == StateChange(
        at=NOW, state=end, reason=details_for(end).get("reason"), operator="bob"
    )


REFUSALS = (
    {(S.CLOSED, state): "a closed incident is final" for state in S}
    | {
        (S.NEW, S.CLOSED): "only a resolved incident can be closed (it is new)",
        (S.ASSIGNED, S.CLOSED): "only a resolved incident can be closed (it is assigned)",
        (S.IN_PROGRESS, S.CLOSED): "only a resolved incident can be closed (it is in_progress)",
        (S.PENDING, S.CLOSED): "only a resolved incident can be closed (it is pending)",
        (S.ASSIGNED, S.NEW): "cannot move from assigned to new; from assigned it can move to "
        "in_progress, pending or resolved",
        (S.IN_PROGRESS, S.NEW): "cannot move from in_progress to new",
        (S.PENDING, S.NEW): "cannot move from pending to new",
        (S.RESOLVED, S.NEW): "cannot move from resolved to new",
        (S.RESOLVED, S.PENDING): "cannot move from resolved to pending; from resolved it can move "
        "to closed, in_progress or assigned",
    }
    | {(state, state): f"already {state.value}" for state in S if state != S.CLOSED}
)


@pytest.mark.parametrize(("start", "end"), [p for p in ALL_PAIRS if p[1] not in ALLOWED[p[0]]])
def test_every_other_transition_is_refused_saying_why(
    start: IncidentState, end: IncidentState
) -> None:
    with pytest.raises(Refused) as refused:
        transition(incident(start), end, operator="bob", now=NOW, **details_for(end))
    assert str(refused.value).startswith(f"INC-000123: {REFUSALS[(start, end)]}")


def test_pending_needs_a_reason() -> None:
    with pytest.raises(Refused) as refused:
        transition(incident(S.IN_PROGRESS), S.PENDING, operator="bob", now=NOW)
    assert str(refused.value) == (
        "INC-000123: a pending incident needs a reason "
        "(awaiting_caller, awaiting_vendor, awaiting_change)"
    )


def test_a_reason_is_only_for_pending() -> None:
    with pytest.raises(Refused, match="a reason is only for pending, not in_progress"):
        transition(
            incident(S.ASSIGNED), S.IN_PROGRESS, operator="b", now=NOW, reason=PendingReason.CALLER
        )


@pytest.mark.parametrize(
    ("details", "why"),
    [
        ({"note": "done"}, "a resolved incident needs a resolution code (fixed, workaround"),
        ({"resolution_code": ResolutionCode.FIXED}, "a resolved incident needs a resolution note"),
        (
            {"resolution_code": ResolutionCode.FIXED, "note": "  \n"},
            "a resolved incident needs a resolution note",
        ),
    ],
)
def test_resolved_needs_a_code_and_a_note(details: dict[str, Any], why: str) -> None:
    with pytest.raises(Refused, match=f"^INC-000123: {re.escape(why)}"):
        transition(incident(S.IN_PROGRESS), S.RESOLVED, operator="bob", now=NOW, **details)


def test_a_resolution_code_is_only_for_resolved() -> None:
    with pytest.raises(Refused, match="a resolution code is only for resolved"):
        transition(
            incident(S.NEW),
            S.IN_PROGRESS,
            operator="b",
            now=NOW,
            resolution_code=ResolutionCode.FIXED,
        )


def test_assigned_needs_someone() -> None:
    with pytest.raises(Refused, match="needs an assignee or an assignment group"):
        transition(incident(S.NEW), S.ASSIGNED, operator="bob", now=NOW)
    assert move(incident(S.NEW, assignment_group="Network"), S.ASSIGNED).state == S.ASSIGNED


def test_resolve_records_the_resolution_then_close_keeps_it() -> None:
    resolved = move(incident(S.IN_PROGRESS), S.RESOLVED, **details_for(S.RESOLVED))
    assert (resolved.resolved_at, resolved.resolution_code) == (NOW, ResolutionCode.FIXED)
    assert resolved.resolution_note == "patched"
    closed = move(resolved, S.CLOSED)
    assert closed.closed_at == NOW and closed.resolved_at == NOW
    assert closed.resolution_code == ResolutionCode.FIXED


@pytest.mark.parametrize("back_to", [S.IN_PROGRESS, S.ASSIGNED])
def test_reopen_clears_the_resolution_and_resumes(back_to: IncidentState) -> None:
    reopened = move(incident(S.RESOLVED), back_to)
    assert reopened.state == back_to
    assert reopened.resolved_at is None and reopened.resolution_code is None
    assert reopened.resolution_note == ""
    assert [step.state for step in reopened.history][-2:] == [S.RESOLVED, back_to]


def test_first_response_is_the_first_move_out_of_new_or_pending() -> None:
    pending = move(incident(S.NEW), S.PENDING, reason=PendingReason.CALLER)
    assert pending.responded_at is None
    working = move(pending, S.IN_PROGRESS)
    assert working.responded_at == NOW
    later = move(move(working, S.PENDING, reason=PendingReason.VENDOR), S.IN_PROGRESS)
    assert later.responded_at == NOW


def test_pending_reason_is_cleared_on_leaving_pending() -> None:
    assert move(incident(S.PENDING), S.IN_PROGRESS).pending_reason is None


def test_a_step_is_never_stamped_before_the_last_one() -> None:
    # Another operator's host ran a minute ahead and stamped the last step in our future.
    ahead = incident(S.ASSIGNED)
    skewed = ahead.history[-1].model_copy(update={"at": NOW + timedelta(minutes=1)})
    ahead = ahead.model_copy(update={"history": [*ahead.history[:-1], skewed]})
    changes = transition(ahead, S.IN_PROGRESS, operator="bob", now=NOW)
    assert changes["history"][-1].at == NOW + timedelta(minutes=1)


def test_a_note_with_another_move_is_kept_as_a_work_note() -> None:
    pending = move(incident(S.ASSIGNED), S.PENDING, reason=PendingReason.CALLER, note="asked")
    assert [(n.author, n.text, n.at) for n in pending.work_notes] == [("bob", "asked", NOW)]


# Priority


def test_impact_and_urgency_recompute_priority_from_the_matrix() -> None:
    record = incident(S.IN_PROGRESS)
    changes = reprioritise(record, default_priority_matrix(), impact=Level.HIGH)
    assert changes == {"impact": Level.HIGH, "urgency": Level.MEDIUM, "priority": Priority.P2}
    changes = reprioritise(record, default_priority_matrix(), urgency=Level.LOW)
    assert changes["priority"] == Priority.P4


def test_priority_follows_an_edited_matrix() -> None:
    matrix = [PriorityRule(impact=i, urgency=u, priority=Priority.P5) for i in Level for u in Level]
    changes = reprioritise(incident(), matrix, impact=Level.HIGH, urgency=Level.HIGH)
    assert changes["priority"] == Priority.P5


def test_a_matrix_without_the_cell_is_refused() -> None:
    with pytest.raises(Refused, match="no cell for impact high and urgency high"):
        reprioritise(incident(), [], impact=Level.HIGH, urgency=Level.HIGH)


# Edits


def edits(record: Incident, *items: Any, now: datetime = NOW) -> dict[str, Any]:
    return apply_edits(record, items, matrix=default_priority_matrix(), operator="bob", now=now)


def test_taking_a_new_incident_assigns_it_and_is_its_first_response() -> None:
    changes = edits(incident(S.NEW), Take())
    assert changes["assignee"] == "bob" and changes["state"] == S.ASSIGNED
    assert changes["responded_at"] == NOW
    assert changes["history"][-1] == StateChange(at=NOW, state=S.ASSIGNED, operator="bob")


def test_assigning_a_working_incident_keeps_its_state() -> None:
    changes = edits(incident(S.IN_PROGRESS), Assign(group="Network", assignee="carol"))
    assert changes == {"assignee": "carol", "assignment_group": "Network"}


def test_taking_what_is_already_mine_changes_nothing() -> None:
    assert edits(incident(S.IN_PROGRESS, assignee="bob"), Take()) == {}


def test_edits_combine_in_order() -> None:
    changes = edits(
        incident(S.NEW),
        Take(),
        SetLevels(impact=Level.HIGH, urgency=Level.HIGH),
        Move(S.IN_PROGRESS),
        AddWorkNote("on it"),
    )
    assert changes["priority"] == Priority.P1 and changes["state"] == S.IN_PROGRESS
    assert [s.state for s in changes["history"]] == [S.NEW, S.ASSIGNED, S.IN_PROGRESS]
    assert [n.text for n in changes["work_notes"]] == ["on it"]


def test_a_bad_edit_refuses_the_lot() -> None:
    with pytest.raises(Refused, match="pending incident needs a reason"):
        edits(incident(S.NEW), Take(), Move(S.PENDING))


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (AddWorkNote("   "), "a work note cannot be blank"),
        (Assign(), "assign to whom"),
        (Assign(group=" "), "an assignment group cannot be blank"),
        (SetParent("INC-000123"), "an incident cannot be its own parent"),
        (Unlink(LinkKind.CI, "db-01"), "ci 'db-01' is not linked"),
    ],
)
def test_edits_that_make_no_sense_are_refused(edit: Any, why: str) -> None:
    with pytest.raises(Refused, match=f"^INC-000123: {why}"):
        edits(incident(S.IN_PROGRESS), edit)


def test_a_closed_incident_takes_work_notes_only() -> None:
    closed = incident(S.CLOSED)
    assert [n.text for n in edits(closed, AddWorkNote("post mortem"))["work_notes"]] == [
        "post mortem"
    ]
    for edit in (Take(), SetLevels(impact=Level.LOW), Link(LinkKind.CI, "x"), Move(S.RESOLVED)):
        with pytest.raises(Refused, match="a closed incident is final"):
            edits(closed, edit)


def test_links_are_added_once_and_removed() -> None:
    record = incident(S.IN_PROGRESS)
    linked = edits(record, Link(LinkKind.PROBLEM, "PRB-00001"), Link(LinkKind.PROBLEM, "PRB-00001"))
    assert linked == {"problems": ["PRB-00001"]}
    record = record.model_copy(update=linked)
    assert edits(record, Unlink(LinkKind.PROBLEM, "PRB-00001")) == {"problems": []}


def test_the_incident_modules_import_without_textual() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'textual' or name.startswith('textual.'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import sms_tui.incident_rules, sms_tui.incident_edits, sms_tui.incident_due\n"
        "import sms_tui.store.incidents, sms_tui.store.incident_actions, sms_tui.store.due\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
