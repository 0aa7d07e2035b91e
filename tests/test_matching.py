"""The matcher: identifiers, typos, abbreviations, stop-words, CMDB and service boosts, updates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sms_tui.matching import MatchIndex, Query, codes, suggest, words
from sms_tui.models import (
    CiClass,
    ConfigurationItem,
    KnownError,
    Relationship,
    RelationshipKind,
    Service,
)

AT = datetime(2025, 1, 6, tzinfo=UTC)


def ci(name: str, ci_class: CiClass = CiClass.VM, **attributes: str) -> ConfigurationItem:
    return ConfigurationItem(name=name, ci_class=ci_class, attributes=attributes)


def ke(number: str, title: str, symptom: str = "", cis: list[str] | None = None) -> KnownError:
    return KnownError(number=number, title=title, symptom=symptom, cis=cis or [], published_at=AT)


def edge(source: str, target: str) -> Relationship:
    return Relationship(source=source, kind=RelationshipKind.DEPENDS_ON, target=target)


@pytest.fixture
def index() -> MatchIndex:
    cis = [
        ci("db-prd-03", CiClass.DATABASE, ip="10.20.0.5", engine="Oracle 19c"),
        ci("db-prd-04", CiClass.DATABASE, ip="10.20.0.6", engine="PostgreSQL 15"),
        ci("payroll-api", CiClass.APPLICATION, role="payroll engine API"),
        ci("payroll-api-01", ip="10.21.2.10"),
        ci("hr-portal-web", CiClass.APPLICATION, role="self-service portal"),
        ci("mail-exch-01", role="mailbox server", software="Exchange 2019"),
        ci("vpn-gw-01", CiClass.NETWORK_DEVICE, role="GlobalProtect gateway"),
        ci("a"),
        ci("b"),
        ci("c"),
        ci("d"),
    ]
    edges = [
        edge("payroll-api", "db-prd-03"),
        edge("payroll-api", "payroll-api-01"),
        edge("a", "b"),
        edge("b", "c"),
        edge("c", "d"),
    ]
    kes = [
        ke(
            "KE-00001",
            "Payroll batch deadlock ORA-00060",
            "ORA-00060 deadlock detected",
            ["db-prd-03"],
        ),
        ke("KE-00002", "Access denied 0x80070005 on file share", "Access is denied", []),
        ke("KE-00003", "Checkout returns HTTP 502 Bad Gateway", "HTTP 502 at checkout", []),
        ke("KE-00004", "Outlook password prompt loop", "Outlook keeps asking for the password", []),
    ]
    services = [Service(name="Payroll", calendar="24x7", cis=["payroll-api", "payroll-api-01"])]
    return MatchIndex.build(cis, edges, kes, services)


def top(index: MatchIndex, text: str, kind: str = "ci", **query: object) -> str:
    found = suggest(index, Query(text, **query))  # type: ignore[arg-type]
    ranked = found.cis if kind == "ci" else found.known_errors
    return ranked[0].key if ranked else ""


def test_hostname_in_text_ranks_its_ci_first(index: MatchIndex) -> None:
    found = suggest(index, Query("db-prd-03 is down, please help"))
    assert found.cis[0].key == "db-prd-03"
    assert "hostname db-prd-03 in text" in found.cis[0].reason
    assert found.cis[0].score >= 80


def test_hostname_written_loosely_still_hits() -> None:
    index = MatchIndex.build([ci("db-prd-03"), ci("db-prd-04")])
    assert top(index, "DB_PRD_3 very slow") == "db-prd-03"
    assert top(index, "db-prod-03 very slow") == "db-prd-03"


def test_ip_matches_ci_attribute(index: MatchIndex) -> None:
    found = suggest(index, Query("cannot ping 10.21.2.10 since 9am"))
    assert found.cis[0].key == "payroll-api-01"
    assert "IP 10.21.2.10 in text" in found.cis[0].reason


def test_ora_code_finds_known_error(index: MatchIndex) -> None:
    found = suggest(index, Query("job log: ORA-00060 at line 212"))
    assert found.known_errors[0].key == "KE-00001"
    assert "error code ORA-00060 in text" in found.known_errors[0].reason


def test_hex_code_finds_known_error(index: MatchIndex) -> None:
    assert top(index, "got 0X80070005 on the S drive", "ke") == "KE-00002"


def test_http_code_finds_known_error(index: MatchIndex) -> None:
    assert top(index, "page says 502 bad gateway", "ke") == "KE-00003"
    assert top(index, "monitoring: HTTP/1.1 502", "ke") == "KE-00003"


def test_codes_are_canonical() -> None:
    keys = [i.key for i in codes("ora-00060, HTTP 504, 550 5.7.1, KB 5034441, event id 4625")]
    assert keys == ["KB5034441", "HTTP 504", "SMTP 5.7.1", "event 4625", "ORA-00060"]


def test_typo_still_finds_known_error(index: MatchIndex) -> None:
    assert top(index, "outlok keeps askign for pasword", "ke") == "KE-00004"


def test_abbreviations_expand() -> None:
    assert words("db svr pwd mfa vpn") == ["database", "server", "password", "mfa", "vpn"]


def test_stop_words_carry_no_weight(index: MatchIndex) -> None:
    assert words("Hi, URGENT please asap, not working!! thanks issue problem") == []
    plain = suggest(index, Query("outlook password prompt"))
    noisy = suggest(index, Query("hi urgent pls asap outlook password prompt not working thanks"))
    assert [s.key for s in plain.known_errors] == [s.key for s in noisy.known_errors]
    assert not suggest(index, Query("hi please urgent asap not working thanks")).known_errors


def test_known_error_near_incident_ci_ranks_first() -> None:
    kes = [ke("KE-00010", "disk full", cis=["a"]), ke("KE-00011", "disk full", cis=["z"])]
    chain = [edge("a", "b"), edge("b", "c"), edge("c", "d")]
    cis = [ci(n) for n in "abcdz"]
    index = MatchIndex.build(cis, chain, kes)
    for anchor, hops in (("a", "linked to a (on the incident)"), ("b", "1 hop"), ("c", "2 hops")):
        found = suggest(index, Query("disk full", cis=(anchor,)))
        assert found.known_errors[0].key == "KE-00010"
        assert hops in found.known_errors[0].reason
        assert found.known_errors[0].score > found.known_errors[1].score
    far = suggest(index, Query("disk full", cis=("d",)))
    assert far.known_errors[0].score == far.known_errors[1].score


def test_known_error_two_hops_from_named_host(index: MatchIndex) -> None:
    found = suggest(index, Query("payroll-api-01: deadlock in payroll batch"))
    assert found.known_errors[0].key == "KE-00001"
    assert "linked to db-prd-03, 2 hops from payroll-api-01" in found.known_errors[0].reason


def test_ci_of_incident_service_ranks_above_stranger() -> None:
    cis = [ci("api-one", role="orders engine"), ci("api-two", role="orders engine")]
    services = [Service(name="Orders", calendar="24x7", cis=["api-two"])]
    index = MatchIndex.build(cis, services=services)
    found = suggest(index, Query("orders engine slow", service="Orders"))
    assert found.cis[0].key == "api-two"
    assert "CI of Orders" in found.cis[0].reason


def test_adding_renaming_removing_a_ci_changes_results(index: MatchIndex) -> None:
    assert top(index, "sap-app-07 down") != "sap-app-07"
    index.add_ci(ci("sap-app-07", role="SAP application server"))
    assert top(index, "sap-app-07 down") == "sap-app-07"
    index.rename_ci("sap-app-07", ci("sap-app-17", role="SAP application server"))
    assert top(index, "sap-app-17 down") == "sap-app-17"
    assert top(index, "sap-app-07 down") != "sap-app-07"
    index.remove_ci("sap-app-17")
    assert top(index, "sap-app-17 down") != "sap-app-17"


def test_updating_removing_a_known_error_changes_results(index: MatchIndex) -> None:
    index.add_known_error(ke("KE-00009", "Printer spooler crash", "print jobs stuck"))
    assert top(index, "print jobs stuck in spooler", "ke") == "KE-00009"
    index.add_known_error(ke("KE-00009", "Badge reader fault", "badge not read"))
    assert top(index, "print jobs stuck in spooler", "ke") != "KE-00009"
    index.remove_known_error("KE-00009")
    assert top(index, "badge not read", "ke") != "KE-00009"


def test_removing_a_relationship_drops_the_boost(index: MatchIndex) -> None:
    index.remove_relationship(edge("payroll-api", "db-prd-03"))
    found = suggest(index, Query("payroll-api-01: deadlock in payroll batch"))
    assert "hops from" not in found.known_errors[0].reason


def test_reasons_name_matched_words(index: MatchIndex) -> None:
    found = suggest(index, Query("Outlook keeps asking for my password"))
    assert found.known_errors[0].reason.startswith("words: ")
    assert "outlook" in found.known_errors[0].reason
    assert all(0 <= s.score <= 100 for s in found.known_errors + found.cis)
