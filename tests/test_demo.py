"""The demo desk: deterministic, sound, and showing every state and SLA condition."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import pytest

from sms_tui.demo import build_demo, write_demo
from sms_tui.models import (
    OPEN_STATES,
    ChangeState,
    ChangeType,
    Decision,
    Desk,
    Incident,
    IncidentState,
    PendingReason,
    ProblemState,
    Risk,
    Role,
    WindowKind,
)
from sms_tui.store import Invalid, open_memory
from sms_tui.store.desk import write_desk
from sms_tui.store.references import check_references

RUNNER = "demo.runner"


@cache
def small(now: datetime, seed: int = 7, operator: str = RUNNER) -> Desk:
    """Built once per arguments: building is deterministic, so sharing it is safe."""
    return build_demo("small", seed, now, operator)


def _paused_minutes(incident: Incident, now: datetime) -> float:
    paused, since = 0.0, None
    for step in incident.history:
        pending = step.state == IncidentState.PENDING
        if pending and since is None:
            since = step.at
        elif not pending and since is not None:
            paused += (step.at - since).total_seconds() / 60
            since = None
    if since is not None:
        paused += (now - since).total_seconds() / 60
    return paused


def _resolve_used(desk: Desk, now: datetime) -> list[tuple[Incident, float]]:
    """Open incidents of round-the-clock services, with the share of the resolve target used."""
    calendars = {c.name: c for c in desk.calendars}
    services = {s.name: s for s in desk.services}
    out = []
    for incident in desk.incidents:
        service = services[incident.service or ""]
        if incident.state not in OPEN_STATES or not calendars[service.calendar].always_open:
            continue
        target = service.target(incident.priority)
        assert target is not None
        elapsed = (now - incident.opened_at).total_seconds() / 60
        out.append((incident, (elapsed - _paused_minutes(incident, now)) / target.resolve_minutes))
    return out


def test_same_seed_gives_identical_desk(now: datetime) -> None:
    first = build_demo("small", 42, now, RUNNER).model_dump_json()
    assert build_demo("small", 42, now, RUNNER).model_dump_json() == first
    assert build_demo("small", 43, now, RUNNER).model_dump_json() != first


def test_same_seed_gives_identical_desk_in_another_process(now: datetime) -> None:
    # String hashing differs between processes: no set order may leak into the desk.
    script = (
        "import hashlib, sys; from datetime import datetime; from sms_tui.demo import build_demo;"
        "desk = build_demo('small', 7, datetime.fromisoformat(sys.argv[1]), sys.argv[2]);"
        "print(hashlib.sha256(desk.model_dump_json().encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script, now.isoformat(), RUNNER],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    expected = hashlib.sha256(small(now).model_dump_json().encode()).hexdigest()
    assert done.stdout.strip() == expected


def test_small_desk_is_sound_and_writes_into_a_store(now: datetime) -> None:
    desk = small(now)
    assert check_references(desk) == []
    counts = write_desk(open_memory(), desk, RUNNER, now)
    assert 300 <= counts["incidents"] <= 500
    assert 150 <= counts["cis"] <= 300
    assert 30 <= counts["known_errors"] <= 60
    assert 20 <= counts["problems"] <= 40
    assert 40 <= counts["changes"] <= 80


def test_runner_has_every_role_among_realistic_colleagues(now: datetime) -> None:
    desk = small(now)
    runner = next(o for o in desk.operators if o.login == RUNNER)
    assert set(runner.roles) == set(Role)
    others = [o for o in desk.operators if o.login != RUNNER]
    assert 12 <= len(others) <= 20
    assert any(Role.CHANGE_MANAGER in o.roles for o in others)
    assert any(Role.PROBLEM_MANAGER in o.roles for o in others)
    assert sum(Role.CAB_MEMBER in o.roles for o in others) >= 3


def test_runner_taking_a_roster_login_keeps_the_desk_sound(now: datetime) -> None:
    desk = small(now, operator="pnair")
    assert check_references(desk) == []
    assert set(next(o for o in desk.operators if o.login == "pnair").roles) == set(Role)


def test_every_incident_state_and_pending_reason_is_present(now: datetime) -> None:
    desk = small(now)
    assert {i.state for i in desk.incidents} == set(IncidentState)
    assert {i.pending_reason for i in desk.incidents if i.pending_reason} == set(PendingReason)
    assert any(i.major and i.state in OPEN_STATES for i in desk.incidents)
    assert sum(i.parent is not None for i in desk.incidents) >= 3


def test_open_incidents_cover_every_sla_condition(now: datetime) -> None:
    used = _resolve_used(small(now), now)
    fresh = [
        i
        for i, _ in used
        if i.state == IncidentState.NEW and i.opened_at > now - timedelta(minutes=15)
    ]
    near = [i for i, share in used if 0.75 < share < 1 and i.state != IncidentState.PENDING]
    breached = [i for i, share in used if share > 1]
    paused = [i for i, _ in used if i.state == IncidentState.PENDING]
    assert fresh and near and breached
    assert {i.pending_reason for i in paused} == set(PendingReason)


def test_priorities_follow_the_matrix(now: datetime) -> None:
    desk = small(now)
    matrix = {(r.impact, r.urgency): r.priority for r in desk.priority_matrix}
    assert all(i.priority == matrix[(i.impact, i.urgency)] for i in desk.incidents)


def test_history_is_ordered_and_agrees_with_the_incident(now: datetime) -> None:
    for incident in small(now).incidents:
        times = [step.at for step in incident.history]
        assert times == sorted(times), incident.number
        assert times[0] == incident.opened_at and times[-1] <= now
        assert incident.history[0].state == IncidentState.NEW
        assert incident.history[-1].state == incident.state, incident.number
        assert incident.history[-1].reason == incident.pending_reason
        responded = next((s.at for s in incident.history if s.state != IncidentState.NEW), None)
        assert incident.responded_at == responded
        resolved = [s.at for s in incident.history if s.state == IncidentState.RESOLVED]
        if incident.state in (IncidentState.RESOLVED, IncidentState.CLOSED):
            assert incident.resolved_at == resolved[-1] and incident.resolution_note
        else:
            assert incident.resolved_at is None
        closed = incident.history[-1].at if incident.state == IncidentState.CLOSED else None
        assert incident.closed_at == closed
        assert all(n.at <= now for n in incident.work_notes)


def test_records_are_numbered_and_stamped(now: datetime) -> None:
    desk = small(now)
    logins = {o.login for o in desk.operators}
    numbered = [*desk.incidents, *desk.problems, *desk.known_errors, *desk.changes]
    for records, pattern in (
        (desk.incidents, r"INC-\d{6}"),
        (desk.problems, r"PRB-\d{5}"),
        (desk.known_errors, r"KE-\d{5}"),
        (desk.changes, r"CHG-\d{5}"),
    ):
        assert records[0].number.endswith("1")
        assert all(re.fullmatch(pattern, r.number) for r in records)
    stamped = [*numbered, *desk.cis, *desk.services, *desk.windows, *desk.calendars]
    for record in [*stamped, *desk.operators]:
        assert record.version == 1 and record.updated_at is not None
        assert record.updated_at <= now and record.updated_by in logins


def test_two_changes_overlap_on_the_same_ci(now: datetime) -> None:
    live = [
        c
        for c in small(now).changes
        if c.state not in (ChangeState.CANCELLED, ChangeState.REJECTED)
    ]
    assert any(
        set(a.cis) & set(b.cis)
        and a.planned_start < b.planned_end
        and b.planned_start < a.planned_end
        for i, a in enumerate(live)
        for b in live[i + 1 :]
    )


def test_changes_span_the_fortnight_and_approvals_fit_their_state(now: datetime) -> None:
    changes = small(now).changes
    assert {c.state for c in changes} == set(ChangeState)
    assert {c.change_type for c in changes} == set(ChangeType)
    assert min(c.planned_start for c in changes) >= now - timedelta(days=15)
    assert max(c.planned_start for c in changes) <= now + timedelta(days=22)
    for change in changes:
        if change.state in (
            ChangeState.DRAFT,
            ChangeState.ASSESSMENT,
            ChangeState.AWAITING_APPROVAL,
        ):
            assert change.approvals == [], change.number
        if change.state == ChangeState.SCHEDULED and change.change_type == ChangeType.NORMAL:
            expected = 2 if change.risk == Risk.HIGH else 1
            assert len(change.approvals) == expected, change.number
            assert all(a.decision == Decision.APPROVED for a in change.approvals)
        if change.state == ChangeState.REJECTED:
            assert [a.decision for a in change.approvals] == [Decision.REJECTED]
        assert all(a.at <= min(change.planned_start, now) for a in change.approvals)


def test_a_blackout_window_falls_in_the_coming_weeks(now: datetime) -> None:
    windows = small(now).windows
    assert any(
        w.kind == WindowKind.BLACKOUT and w.ends_at > now and w.starts_at < now + timedelta(weeks=5)
        for w in windows
    )
    assert sum(w.kind == WindowKind.MAINTENANCE and w.weekly for w in windows) >= 3


def test_catalogue_has_calendars_targets_and_statuses(now: datetime) -> None:
    desk = small(now)
    assert {s.status.value for s in desk.services} == {"live", "pipeline", "retired"}
    assert all(len(s.targets) == 5 and s.cis for s in desk.services)
    zones = {c.timezone for c in desk.calendars if not c.always_open}
    assert {"Europe/Paris", "America/New_York"} <= zones
    assert any(c.always_open for c in desk.calendars)
    paris = next(c for c in desk.calendars if c.timezone == "Europe/Paris")
    assert paris.summary().startswith("Mon-Fri 08:00-12:00 13:00-17:00")
    assert any(d.year == now.year for d in paris.holidays)
    assert any(d.year == now.year + 1 for d in paris.holidays)


def test_problems_and_known_errors_point_at_each_other(now: datetime) -> None:
    desk = small(now)
    assert {p.state for p in desk.problems} == set(ProblemState)
    errors = {k.number: k for k in desk.known_errors}
    for problem in desk.problems:
        if problem.known_error:
            assert errors[problem.known_error].problem == problem.number
            assert problem.root_cause and problem.workaround
    assert any(k.problem is None for k in desk.known_errors)
    assert any(i.known_errors for i in desk.incidents)
    assert any(i.problems for i in desk.incidents)


def test_texts_name_real_cis_and_error_codes(now: datetime) -> None:
    desk = small(now)
    names = {c.name for c in desk.cis if "-" in c.name and any(ch.isdigit() for ch in c.name)}
    texts = [f"{i.title}\n{i.description}" for i in desk.incidents]
    hosts = set(re.findall(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{2}\b", "\n".join(texts)))
    assert len(hosts & names) >= 20
    assert hosts <= names, hosts - names
    blob = "\n".join(texts)
    for code in ("ORA-00060", "0x80070005", "502", "Connection reset by peer"):
        assert code in blob


def test_write_demo_refuses_an_existing_file(tmp_path: Path, now: datetime) -> None:
    taken = tmp_path / "taken.db"
    taken.write_text("something")
    with pytest.raises(Invalid, match="already exists"):
        write_demo(taken, size="small", seed=1, now=now, operator=RUNNER)
    assert taken.read_text() == "something"


def test_write_demo_fills_a_new_file(tmp_path: Path, now: datetime) -> None:
    path = tmp_path / "demo.db"
    counts = write_demo(path, size="small", seed=7, now=now, operator=RUNNER)
    assert counts["incidents"] == len(small(now).incidents)
    with pytest.raises(Invalid):
        write_demo(path, size="small", seed=7, now=now, operator=RUNNER)
