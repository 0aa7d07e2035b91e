"""The CMDB store: the list's fuzzy filter, detail and badges, role-gated audited writes,
the cached graph and impact reports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlite_utils import Database

from sms_tui.ci_draft import CiDraft, parse_attributes
from sms_tui.cmdb_match import words_of
from sms_tui.cmdb_views import Badges, CmdbQuery, edge_groups
from sms_tui.models import CiClass, ConfigurationItem, Environment, RelationshipKind
from sms_tui.store import Invalid, NotFound, StaleRecord, open_memory
from sms_tui.store.cmdb import badges, ci_incidents, get_ci, locate, page, relationships_of
from sms_tui.store.cmdb_cache import generation
from sms_tui.store.cmdb_edits import create_ci, link, unlink, update_ci
from sms_tui.store.cmdb_graph import cmdb_graph
from sms_tui.store.cmdb_impact import impact_report
from sms_tui.store.errors import Forbidden
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.cmdb_desk import CIS, HOSTILE_NAME, PLAIN, build_cmdb

ALICE = "alice"
DEP = RelationshipKind.DEPENDS_ON


@pytest.fixture
def cmdb() -> Iterator[Database]:
    db = open_memory()
    build_cmdb(db)
    yield db
    db.conn.close()


def names(db: Database, query: CmdbQuery, limit: int = 50) -> list[str]:
    return [row.name for row in page(db, query, 0, limit).items]


def audit_rows(db: Database, kind: str) -> list[tuple[str, str, str | None, str]]:
    return [
        (r["key"], r["field"], r["new_value"], r["operator"])
        for r in db.query("SELECT * FROM audit WHERE kind = :kind ORDER BY id", {"kind": kind})
    ]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("db-prd-03", "db-prd-03"),
        ("dbprd3", "db-prd-03"),
        ("db prd 03", "db-prd-03"),
        ("payapi", "payroll-api"),
        ("PAYROLL", "payroll-api"),
        ("san01", "san-01"),
        ("ESX 2", "esx-02"),
    ],
)
def test_fuzzy_name_filter_finds_what_operators_type(
    cmdb: Database, typed: str, first: str
) -> None:
    assert names(cmdb, CmdbQuery(typed))[0] == first


def test_a_name_starting_with_the_text_ranks_before_one_merely_holding_its_letters(
    cmdb: Database,
) -> None:
    assert names(cmdb, CmdbQuery("payroll-api")) == ["payroll-api", "payroll-api-stg"]
    # "api" starts no name: those holding the word rank before the scattered letters.
    found = names(cmdb, CmdbQuery("api"))
    assert found[:3] == ["auth-api", "payroll-api", "payroll-api-stg"]


def test_like_wildcards_typed_in_the_filter_are_literal(cmdb: Database) -> None:
    assert names(cmdb, CmdbQuery("%")) == [row[0] for row in sorted(CIS)][: len(CIS)]
    assert names(cmdb, CmdbQuery("db_prd")) == ["db-prd-03", "db-prd-04"]
    assert words_of(" -- ") == []
    assert names(cmdb, CmdbQuery(" -- ")) == names(cmdb, CmdbQuery())
    assert names(cmdb, CmdbQuery("zz%q")) == []


def test_class_and_environment_filters_combine_with_the_text(cmdb: Database) -> None:
    assert names(cmdb, CmdbQuery(ci_class=CiClass.DATABASE)) == ["db-prd-03", "db-prd-04"]
    staging = CmdbQuery("pay", environment=Environment.STAGING)
    assert names(cmdb, staging) == ["payroll-api-stg"]
    found = page(cmdb, CmdbQuery("db", CiClass.DATABASE, Environment.PRODUCTION), 0, 1)
    assert (found.total, len(found.items)) == (2, 1)


def test_a_page_past_the_end_falls_back_to_the_last_rows(cmdb: Database) -> None:
    found = page(cmdb, CmdbQuery("db prd"), 40, 10)
    assert found.offset == 0
    assert [r.name for r in found.items] == ["db-prd-03", "db-prd-04"]
    assert locate(cmdb, CmdbQuery("db prd"), "db-prd-04") == 1
    assert locate(cmdb, CmdbQuery("db prd"), "esx-01") is None


def test_detail_groups_relationships_both_ways(cmdb: Database) -> None:
    groups = {g.title: g.names for g in edge_groups("esx-01", relationships_of(cmdb, "esx-01"))}
    assert groups == {
        "Depends on": ("san-01",),
        "Is depended on by": ("cl-db",),
        "Hosts": ("vm-pay-01",),
        "Connected to": ("core-sw-01",),
    }
    groups = {
        g.title: g.names for g in edge_groups("db-prd-03", relationships_of(cmdb, "db-prd-03"))
    }
    assert groups == {
        "Is depended on by": tuple(sorted((HOSTILE_NAME, "payroll-api"))),
        "Runs on": ("cl-db",),
    }


def test_badges_count_open_incidents_active_changes_and_known_errors(cmdb: Database) -> None:
    found = badges(cmdb, ["db-prd-03", "payroll-api", "esx-01"])
    assert found["db-prd-03"] == Badges(incidents=1, known_errors=1)
    assert found["payroll-api"] == Badges(incidents=1)
    assert "esx-01" not in found
    assert Badges(incidents=2, changes=1, known_errors=1).text() == "2 inc \u00b7 1 chg \u00b7 1 KE"
    assert [i.number for i in ci_incidents(cmdb, "payroll-api")] == ["INC-000001"]


def test_a_duplicate_relationship_is_refused_and_nothing_is_written(cmdb: Database) -> None:
    before = cmdb.execute("SELECT count(*) FROM relationships").fetchone()[0]
    with pytest.raises(
        Invalid, match="relationship payroll-api depends_on db-prd-03 already exists"
    ):
        link(cmdb, "payroll-api", DEP, "db-prd-03", operator=ALICE, now=NOW)
    assert cmdb.execute("SELECT count(*) FROM relationships").fetchone()[0] == before
    assert audit_rows(cmdb, "relationship") == []
    # The same pair with another kind, or the other way round, is another relationship.
    link(cmdb, "payroll-api", RelationshipKind.RUNS_ON, "db-prd-03", operator=ALICE, now=NOW)
    link(cmdb, "db-prd-03", DEP, "payroll-api", operator=ALICE, now=NOW)


def test_link_and_unlink_are_audited(cmdb: Database) -> None:
    link(cmdb, "db-prd-04", RelationshipKind.RUNS_ON, "cl-db", operator=ALICE, now=NOW)
    unlink(cmdb, "db-prd-04", "runs_on", "cl-db", operator=ALICE, now=NOW)
    key = "db-prd-04 runs_on cl-db"
    assert audit_rows(cmdb, "relationship") == [
        (key, "created", key, ALICE),
        (key, "deleted", None, ALICE),
    ]
    with pytest.raises(NotFound, match="no relationship db-prd-04 runs_on cl-db"):
        unlink(cmdb, "db-prd-04", "runs_on", "cl-db", operator=ALICE, now=NOW)


def test_links_to_missing_cis_to_itself_or_of_unknown_kinds_are_refused(cmdb: Database) -> None:
    with pytest.raises(NotFound, match="no CI 'db-prd-99'"):
        link(cmdb, "payroll-api", DEP, "db-prd-99", operator=ALICE, now=NOW)
    with pytest.raises(Invalid, match="cannot relate to itself"):
        link(cmdb, "esx-01", DEP, "esx-01", operator=ALICE, now=NOW)
    with pytest.raises(Invalid, match="kind"):
        link(cmdb, "esx-01", "feeds", "esx-02", operator=ALICE, now=NOW)


def test_writes_without_the_cmdb_role_are_refused_and_the_refusal_audited(
    cmdb: Database,
) -> None:
    ci = ConfigurationItem(name="esx-03", ci_class=CiClass.SERVER)
    with pytest.raises(Forbidden, match="bob may not create esx-03: needs the cmdb_manager"):
        create_ci(cmdb, ci, operator=PLAIN, now=NOW)
    with pytest.raises(Forbidden, match="needs the cmdb_manager"):
        link(cmdb, "esx-01", DEP, "san-02", operator=PLAIN, now=NOW)
    with pytest.raises(Forbidden):
        update_ci(cmdb, "esx-01", 1, {"owner": "me"}, operator=PLAIN, now=NOW)
    refusals = cmdb.execute(
        "SELECT kind, key, old_value, operator FROM audit WHERE field = 'refused' ORDER BY id"
    ).fetchall()
    assert refusals == [
        ("ci", "esx-03", "create", PLAIN),
        ("relationship", "esx-01 depends_on san-02", "link", PLAIN),
        ("ci", "esx-01", "update", PLAIN),
    ]
    with pytest.raises(NotFound):
        get_ci(cmdb, "esx-03")
    assert get_ci(cmdb, "esx-01").owner == "Platform team"


def test_ci_edits_are_versioned_and_a_stale_one_names_who_changed_what(cmdb: Database) -> None:
    created = create_ci(
        cmdb, ConfigurationItem(name="esx-03", ci_class=CiClass.SERVER), operator=ALICE, now=NOW
    )
    fresh = update_ci(cmdb, "esx-03", created.version, {"owner": "Ops"}, operator=ALICE, now=NOW)
    assert fresh.version == 2
    with pytest.raises(StaleRecord, match=r"esx-03 was changed by alice.*\(owner\)"):
        update_ci(cmdb, "esx-03", created.version, {"location": "PAR1"}, operator=ALICE, now=NOW)
    with pytest.raises(Invalid, match="already exists"):
        create_ci(cmdb, created, operator=ALICE, now=NOW)
    with pytest.raises(Invalid, match="ci: cannot set name"):
        update_ci(cmdb, "esx-03", 2, {"name": "esx-04"}, operator=ALICE, now=NOW)


def test_the_graph_is_built_once_and_rebuilt_after_any_cmdb_write(cmdb: Database) -> None:
    first = cmdb_graph(cmdb)
    assert cmdb_graph(cmdb) is first
    seen = generation(cmdb)
    link(cmdb, "db-prd-04", DEP, "san-01", operator=ALICE, now=NOW)
    assert generation(cmdb) > seen
    second = cmdb_graph(cmdb)
    assert second is not first
    assert ("san-01", DEP) in second.dependencies("db-prd-04")
    # An attribute edit can make a CI a cluster: that too is a CMDB write.
    esx = get_ci(cmdb, "esx-01")
    update_ci(
        cmdb,
        "esx-01",
        esx.version,
        {"attributes": {"min_members_up": "2"}},
        operator=ALICE,
        now=NOW,
    )
    assert cmdb_graph(cmdb).min_members_up("esx-01") == 2


def test_impact_honours_the_cluster_quorum(cmdb: Database) -> None:
    one_host = impact_report(cmdb, ["esx-01"])
    hit = {c.hit.ci for c in one_host.cis}
    assert "vm-pay-01" in hit and "payroll-api" in hit  # through the VM on that host
    assert "cl-db" not in hit and "db-prd-03" not in hit  # the other host keeps the cluster up
    both = impact_report(cmdb, ["esx-01", "esx-02"])
    assert {"cl-db", "db-prd-03", "payroll-api", "svc-pay"} <= {c.hit.ci for c in both.cis}
    assert [s.hit.service.name for s in both.services] == ["Payroll"]
    assert both.services[0].open_incidents == 1


def test_impact_of_a_cycle_is_bounded_and_lists_each_ci_once(cmdb: Database) -> None:
    report = impact_report(cmdb, ["auth-api"])
    assert [c.hit.ci for c in report.cis] == ["auth-api", "payroll-api", "svc-pay"]
    assert report.cis[1].badges.incidents == 1
    assert report.cis[2].hit.path == ("auth-api", "payroll-api", "svc-pay")
    shallow = impact_report(cmdb, ["db-prd-03"], max_depth=1)
    assert shallow.truncated


def test_hostile_names_and_values_round_trip_exactly(cmdb: Database) -> None:
    for i, text in enumerate(s for s in hostile_strings() if s.strip() and len(s) < 5_000):
        name = f"h{i}-{text}"
        create_ci(
            cmdb,
            ConfigurationItem(name=name, ci_class=CiClass.VM, attributes={"k": text}),
            operator=ALICE,
            now=NOW,
        )
        assert get_ci(cmdb, name).attributes == {"k": text}
        link(cmdb, name, DEP, "esx-01", operator=ALICE, now=NOW)
    assert page(cmdb, CmdbQuery(HOSTILE_NAME), 0, 5).items[0].name == HOSTILE_NAME


def test_attribute_lines_parse_or_name_the_bad_line() -> None:
    assert parse_attributes("engine = PostgreSQL 16\n\nurl = a=b\n") == {
        "engine": "PostgreSQL 16",
        "url": "a=b",
    }
    assert parse_attributes("ok = 1\nno equals sign") == "attributes line 2: write key = value"
    assert parse_attributes("a = 1\na = 2") == "attributes line 2: 'a' is given twice"
    ci = ConfigurationItem(name="x", ci_class=CiClass.VM, attributes={"a": "1"})
    draft = CiDraft.of(ci)
    assert draft.changes_from(ci) == {}
    changed = CiDraft(**{**draft.__dict__, "owner": " Ops ", "attributes": "a = 2"})
    assert changed.changes_from(ci) == {"owner": "Ops", "attributes": {"a": "2"}}


def test_ranking_prefix_then_one_piece_then_words_then_scattered_letters() -> None:
    from sms_tui.cmdb_match import NameIndex

    index = NameIndex(
        [(n, "vm", "test") for n in ("a-san-prd-01", "san-prd-01", "s-a-n-x-prd-01", "san-prd")]
    )
    assert index.match("sanprd01") == ["san-prd-01", "a-san-prd-01", "s-a-n-x-prd-01"]
    assert index.match("san prd") == ["san-prd", "san-prd-01", "a-san-prd-01", "s-a-n-x-prd-01"]
    # Typing on narrows the last matches; a new start reads every name again.
    assert index.match("sanprd0") == ["san-prd-01", "a-san-prd-01", "s-a-n-x-prd-01"]
    assert index.match("x") == ["s-a-n-x-prd-01"]
    assert index.match("x", ci_class="db") == []
    assert index.match("", environment="test") == sorted(
        ["a-san-prd-01", "san-prd-01", "s-a-n-x-prd-01", "san-prd"]
    )
