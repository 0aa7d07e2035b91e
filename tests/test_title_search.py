"""Incidents found by their title: typed words, typos, open first, kept current on writes."""

from __future__ import annotations

from sqlite_utils import Database

from sms_tui.record_search import RecordName
from sms_tui.store import families, records
from sms_tui.store.incidents import create_incident
from sms_tui.store.search import incident_titles
from sms_tui.store.title_index import title_index
from sms_tui.title_search import TitleIndex
from tests.conftest import NOW, hostile_strings
from tests.suggestion_desk import TITLE, seed_suggestions


def incident(number: int, title: str, state: str = "new") -> RecordName:
    return RecordName("incident", f"INC-{number:06d}", title, state)


def test_a_title_is_found_by_its_words_even_misspelt() -> None:
    index = TitleIndex(
        [incident(1, "Payroll batch failed last night"), incident(2, "VPN drops every hour")]
    )
    assert [f.record.key for f in index.find("payrol batch")] == ["INC-000001"]
    found = index.find("batch fialed")
    assert [f.record.key for f in found] == ["INC-000001"]
    assert found[0].reason == "title has words spelt like the text"
    assert index.find("vpn drops")[0].score == 95
    assert index.find("hour every")[0].reason == "title has every word"
    assert index.find("printer jammed") == [] and index.find("vp") == []


def test_open_incidents_come_before_closed_and_newer_before_older() -> None:
    index = TitleIndex(
        [
            incident(1, "mail is slow", "closed"),
            incident(2, "mail is slow", "in_progress"),
            incident(3, "mail is slow", "resolved"),
            incident(4, "mail is slow", "new"),
        ]
    )
    assert [f.record.key for f in index.find("mail slow")] == [
        "INC-000004",
        "INC-000002",
        "INC-000003",
        "INC-000001",
    ]


def test_put_replaces_an_old_title_and_state() -> None:
    index = TitleIndex([incident(1, "printer jammed")])
    index.put([incident(1, "scanner offline", "resolved")])
    assert index.find("printer") == []
    assert index.find("scanner")[0].record == incident(1, "scanner offline", "resolved")
    assert len(index) == 1


def test_hostile_titles_are_found_and_kept_as_they_are() -> None:
    strings = hostile_strings()
    index = TitleIndex(incident(n, f"{text} zebra {n}") for n, text in enumerate(strings))
    found = {f.record.key: f.record.label for f in index.find("zebra", limit=len(strings))}
    assert len(found) == len(strings)
    for n, text in enumerate(strings):
        assert found[f"INC-{n:06d}"] == f"{text} zebra {n}"


def test_the_store_index_follows_new_and_retitled_incidents(db: Database) -> None:
    seed_suggestions(db, NOW)
    assert [r.key for r in incident_titles(db)] == ["INC-000001"]
    assert title_index(db).find("payroll run fials")[0].record.label == TITLE
    made = create_incident(db, title="Badge reader at gate 4 is dead", operator="bob", now=NOW)
    assert title_index(db).find("badge reder")[0].record.key == made.number
    records.update(
        db, families.INCIDENTS, made.number, made.version, {"title": "Gate 4 turnstile"}, "bob", NOW
    )
    assert title_index(db).find("badge reader") == []
    assert title_index(db).find("turnstile")[0].record.key == made.number


def test_only_the_most_recently_closed_titles_are_held(db: Database) -> None:
    seed_suggestions(db, NOW)
    for n, closed in enumerate(["2026-01-01", "2026-03-01", "2026-02-01"], start=2):
        db.execute(
            "INSERT INTO incidents (number, title, impact, urgency, priority, state, opened_at, "
            "closed_at) VALUES (:number, 'old', 'low', 'low', 'P4', 'closed', :at, :at)",
            {"number": f"INC-{n:06d}", "at": closed},
        )
    held = [r.key for r in incident_titles(db, recent_closed=2)]
    assert held == ["INC-000001", "INC-000003", "INC-000004"]
