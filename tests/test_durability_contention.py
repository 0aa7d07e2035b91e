"""Ten operator processes updating one incident at once: every update lands, none twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from sms_tui.store import open_store
from sms_tui.store.incidents import get_incident, incident_audit
from tests.durability_desk import (
    audit_problems,
    counter_desk,
    figure,
    finish,
    go,
    integrity,
    percentile,
    reaped,
    spawn,
)

PROCESSES = 10
UPDATES = 300


@pytest.mark.slow
def test_ten_processes_lose_none_of_3000_read_modify_write_updates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.db"
    number = counter_desk(path)
    with reaped([]) as workers:
        for n in range(PROCESSES):
            workers.append(spawn("count", str(path), number, str(UPDATES), f"op{n}"))
        go(workers)
        results = [finish(worker) for worker in workers]

    total = PROCESSES * UPDATES
    applied = sum(r["applied"] for r in results)
    stale = sum(r["stale"] for r in results)
    busy = sum(r["busy"] for r in results)
    latencies = [x for r in results for x in r["latencies"]]
    calls = [x for r in results for x in r["calls"]]
    seconds = max(r["seconds"] for r in results)
    p99_call = percentile(calls, 0.99)
    figure(
        capsys,
        f"contention: {applied} of {total} updates applied by {PROCESSES} processes in "
        f"{seconds:.1f} s; {stale} refused as stale and retried, {busy} busy; "
        f"one save (applied or refused) p50 {percentile(calls, 0.5) * 1000:.1f} ms, "
        f"p99 {p99_call * 1000:.0f} ms, max {max(calls) * 1000:.0f} ms; "
        f"one update with its retries p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms",
    )

    assert applied == total
    assert integrity(path) == ["ok"]
    db = open_store(path)
    try:
        incident = get_incident(db, number)
        assert incident.description == str(total)
        assert incident.version == 1 + total
        counts = [e for e in incident_audit(db, number) if e.field == "description"]
        assert len(counts) == total
        # Each value was written exactly once, by one operator, on the value before it.
        assert sorted(int(e.new_value or "") for e in counts) == list(range(1, total + 1))
        assert all(int(e.old_value or "") + 1 == int(e.new_value or "") for e in counts)
        assert sorted(e.version or 0 for e in counts) == list(range(2, total + 2))
        per_operator = {f"op{n}": 0 for n in range(PROCESSES)}
        for entry in counts:
            per_operator[entry.operator] += 1
        assert set(per_operator.values()) == {UPDATES}
        assert audit_problems(db, number) == []
    finally:
        db.conn.close()
    assert p99_call < 1.0
