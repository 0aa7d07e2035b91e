"""What suggestions and search read from the store, and the fuzzy name index over it."""

from __future__ import annotations

from sqlite_utils import Database

from sms_tui.models import CiClass, ConfigurationItem
from sms_tui.record_search import NameIndex, RecordName
from sms_tui.store import families, records
from sms_tui.store.match_inputs import last_audit_id, load_match_inputs, match_changes
from sms_tui.store.search import by_number_or_prefix, record_names
from tests.conftest import NOW, hostile_strings
from tests.suggestion_desk import DEADLOCK, add_hostile, seed_suggestions


def test_match_inputs_are_every_ci_relationship_known_error_and_service(db: Database) -> None:
    seed_suggestions(db, NOW)
    inputs = load_match_inputs(db)
    assert {c.name for c in inputs.cis} == {"payroll-api", "mail-01", "db-prd-03", "mail-relay-07"}
    assert [(r.source, r.target) for r in inputs.relationships] == [("payroll-api", "db-prd-03")]
    assert inputs.known_errors[0].title == DEADLOCK
    assert {s.name for s in inputs.services} == {"Payroll", "Mail", "Legacy"}
    assert inputs.audit_id == last_audit_id(db) > 0
    assert inputs.relationship_count == 1


def test_match_changes_names_only_what_was_written_since(db: Database) -> None:
    seed_suggestions(db, NOW)
    since = last_audit_id(db)
    assert match_changes(db, since).empty
    ci = records.get(db, families.CIS, "mail-01")
    records.update(db, families.CIS, "mail-01", ci.version, {"location": "Lyon"}, "bob", NOW)
    records.create(
        db,
        families.CIS,
        ConfigurationItem(name="web-prd-09", ci_class=CiClass.SERVER),
        "bob",
        NOW,
    )
    changes = match_changes(db, since)
    assert sorted(c.name for c in changes.cis) == ["mail-01", "web-prd-09"]
    assert changes.known_errors == [] and changes.services == []
    assert changes.audit_id == last_audit_id(db) > since
    assert match_changes(db, changes.audit_id).empty


def test_a_deleted_record_is_reported_gone(db: Database) -> None:
    seed_suggestions(db, NOW)
    since = last_audit_id(db)
    records.create(
        db, families.CIS, ConfigurationItem(name="tmp-01", ci_class=CiClass.VM), "bob", NOW
    )
    db.execute("DELETE FROM cis WHERE name = 'tmp-01'")
    changes = match_changes(db, since)
    assert changes.gone_cis == ["tmp-01"] and changes.cis == []


def test_numbers_are_found_typed_in_full_short_or_bare(db: Database) -> None:
    seed_suggestions(db, NOW)
    for typed in ("INC-000001", "inc-000001", "inc1", "INC-1", "1"):
        found = by_number_or_prefix(db, typed)
        assert (
            RecordName(
                "incident", "INC-000001", "payroll run fails with ORA-00060 on db-prd-03", "new"
            )
            in found
        ), typed
    assert [r.key for r in by_number_or_prefix(db, "1")][:2] == ["INC-000001", "KE-00001"]
    assert [r.key for r in by_number_or_prefix(db, "KE-0000")] == ["KE-00001", "KE-00002"]
    assert by_number_or_prefix(db, "INC-999999") == []


def test_names_are_found_exactly_or_by_prefix(db: Database) -> None:
    seed_suggestions(db, NOW)
    assert [(r.kind, r.key) for r in by_number_or_prefix(db, "mail")] == [
        ("ci", "mail-01"),
        ("ci", "mail-relay-07"),
    ]
    assert [(r.kind, r.key) for r in by_number_or_prefix(db, "Mail")] == [("service", "Mail")]


def test_fuzzy_names_find_parts_words_and_typos(db: Database) -> None:
    seed_suggestions(db, NOW)
    index = NameIndex(record_names(db))
    assert "incident" not in {n.kind for n in index.names}
    assert index.find("relay")[0].record.key == "mail-relay-07"
    assert index.find("deadlock payroll")[0].record.key == "KE-00001"
    typo = index.find("db-prd-30")
    assert typo[0].record.key == "db-prd-03" and typo[0].reason == "name is spelt like the text"
    assert index.find("Payroll")[0].record == RecordName("service", "Payroll", "Payroll")
    assert index.find("x") == []


def test_hostile_names_are_found_and_kept_as_they_are(db: Database) -> None:
    seed_suggestions(db, NOW)
    made = [add_hostile(db, text, NOW, n) for n, text in enumerate(hostile_strings()[:12])]
    index = NameIndex(record_names(db))
    for n, (ci, _number) in enumerate(made):
        found = [f.record.key for f in index.find(f"zebra-{n}", limit=50)]
        assert ci in found
