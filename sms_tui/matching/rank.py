"""Ranking CIs and known errors for one incident, each suggestion with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from sms_tui.matching.identifiers import codes, looks_like_host, name_candidates
from sms_tui.matching.index import MatchIndex
from sms_tui.matching.tokens import words
from sms_tui.models import CiClass, Environment, Incident

# Score budget (0-100). An exact identifier starts above anything prose alone can reach;
# CMDB and service boosts decide between records whose prose is about as similar.
_EXACT, _NAME_WORDS, _NEAR_NAME, _PROSE_CI, _PROSE_KE = 80.0, 70.0, 62.0, 60.0, 65.0
_SERVICE_CI, _SERVICE_KE, _KE_OF_CI, _NEXT_TO_NAMED = 12.0, 5.0, 20.0, 8.0
_CLASS_WEIGHT = {
    CiClass.BUSINESS_SERVICE: 0.7,
    CiClass.VM: 0.9,
    CiClass.SERVER: 0.9,
    CiClass.NETWORK_DEVICE: 0.9,
}
_HOP_BOOST = {0: 15.0, 1: 10.0, 2: 6.0}
_SHORTLIST = 60
_FLOOR = 8.0


@dataclass(frozen=True)
class Query:
    """What is known about an incident so far: its text, and its service and CIs if set."""

    text: str
    service: str | None = None
    cis: tuple[str, ...] = ()

    @classmethod
    def of(cls, incident: Incident) -> Query:
        """The query for an incident as it stands."""
        text = f"{incident.title}\n{incident.description}"
        return cls(text, incident.service, tuple(incident.cis))


@dataclass(frozen=True)
class Suggestion:
    """One ranked record: a CI name or known-error number, a 0-100 score and why."""

    kind: Literal["ci", "known_error"]
    key: str
    score: int
    reason: str


@dataclass(frozen=True)
class Suggestions:
    """The best CIs and known errors for a query, best first."""

    cis: tuple[Suggestion, ...] = ()
    known_errors: tuple[Suggestion, ...] = ()


@dataclass
class _Evidence:
    score: float = 0.0
    exact: bool = False
    reasons: list[str] = field(default_factory=list)


def _hosts(index: MatchIndex, text: str) -> tuple[dict[str, tuple[float, str]], dict[str, str]]:
    """CIs named exactly in the text (base score, reason), and CIs a hostname nearly names."""
    exact: dict[str, tuple[float, str]] = {}
    taken: set[int] = set()
    unmatched: list[tuple[str, str]] = []
    for where, written, key in name_candidates(text):
        if taken.intersection(where):
            continue
        owners = index.ci_ids.get(key) or index.ci_ids.get(written.lower())
        if owners:
            taken.update(where)
            base, kind = (_NAME_WORDS, "name") if " " in written else (_EXACT, "hostname")
            for name in owners:
                exact.setdefault(name, (base, f"{kind} {written} in text"))
        elif len(where) == 1 and looks_like_host(written):
            unmatched.append((written, key))
    for identifier in codes(text):
        for name in index.ci_ids.get(identifier.key, ()) if identifier.kind == "IP" else ():
            exact.setdefault(name, (_EXACT, f"IP {identifier.key} in text"))
    near: dict[str, str] = {}
    for written, key in unmatched:
        signature = " ".join("".join(c if c.isdigit() else " " for c in key).split())
        # Only names with the same numbers: callers mistype letters, rarely the number.
        choices = index.hosts_by_digits.get(signature)
        best = choices and process.extractOne(key, choices, scorer=fuzz.WRatio, score_cutoff=85)
        for name in index.ci_ids.get(best[0], ()) if best else ():
            if name not in exact:
                near.setdefault(name, f"{written} in text looks like {name}")
    return exact, near


def suggest(index: MatchIndex, query: Query, limit: int = 5) -> Suggestions:
    """The `limit` best CIs and known errors for `query`, each with a score and a reason."""
    named, near = _hosts(index, query.text)
    on_incident = {name for name in query.cis if name in index.cis}
    anchors = {n: "on the incident" for n in on_incident}
    anchors |= {n: "named in text" for n in named} | {n: "named in text" for n in near}
    reach = index.graph.near(anchors, hops=2)
    ctx = _Context(index, query, words(query.text), anchors, reach)
    known_errors = _rank_known_errors(ctx)
    cis = _rank_cis(ctx, named, near, on_incident, known_errors)
    return Suggestions(
        cis=_best("ci", cis, limit), known_errors=_best("known_error", known_errors, limit)
    )


@dataclass(frozen=True)
class _Context:
    index: MatchIndex
    query: Query
    prose: list[str]
    anchors: dict[str, str]
    reach: dict[str, tuple[int, str]]

    @property
    def service(self) -> frozenset[str]:
        return self.index.services.get(self.query.service or "", frozenset())


def _rank_known_errors(ctx: _Context) -> dict[str, _Evidence]:
    index, reach, service = ctx.index, ctx.reach, ctx.service
    named: dict[str, str] = {}
    for identifier in codes(ctx.query.text):
        for number in index.ke_ids.get(identifier.key, ()):
            named.setdefault(number, f"{identifier.label} in text")
    linked = {ke for ci, (d, _) in reach.items() if d <= 1 for ke in index.ke_by_ci.get(ci, ())}
    hits = index.ke_words.score(ctx.prose, _SHORTLIST, extra=named.keys() | linked)
    found: dict[str, _Evidence] = {}
    for number, hit in hits.items():
        evidence = found[number] = _Evidence(exact=number in named)
        if number in named:
            evidence.score = _EXACT + 20 * hit.similarity
            evidence.reasons.append(named[number])
        else:
            evidence.score = _PROSE_KE * hit.similarity
        if hit.matched:
            evidence.reasons.append("words: " + ", ".join(hit.matched[:5]))
        cis = index.known_errors[number].cis
        hops = [(reach[c][0], c, reach[c][1]) for c in cis if c in reach]
        if hops:
            distance, ci, anchor = min(hops)
            evidence.score += _HOP_BOOST[distance]
            if distance == 0:
                evidence.reasons.append(f"linked to {ci} ({ctx.anchors[ci]})")
            else:
                plural = "hop" if distance == 1 else "hops"
                evidence.reasons.append(f"linked to {ci}, {distance} {plural} from {anchor}")
        elif service and any(c in service for c in cis):
            evidence.score += _SERVICE_KE
            evidence.reasons.append(f"on a CI of {ctx.query.service}")
    return found


def _rank_cis(
    ctx: _Context,
    named: dict[str, tuple[float, str]],
    near: dict[str, str],
    on_incident: set[str],
    known_errors: dict[str, _Evidence],
) -> dict[str, _Evidence]:
    index, service = ctx.index, ctx.service
    # The CIs of the best known error, and of any named by an identifier, are likely the
    # incident's own: the known error was written about them.
    ranked = sorted(known_errors.items(), key=lambda item: -item[1].score)
    vouching = [(n, e) for i, (n, e) in enumerate(ranked) if e.exact or (i == 0 and e.score >= 40)]
    vouched: dict[str, tuple[str, float]] = {}
    for number, evidence in vouching:
        for ci in index.known_errors[number].cis:
            vouched.setdefault(ci, (number, min(_KE_OF_CI, 0.25 * evidence.score)))
    extra = set(ctx.anchors) | set(vouched)
    if len(service) <= 4 * _SHORTLIST:
        extra |= service
    found: dict[str, _Evidence] = {}
    for name, hit in index.ci_words.score(ctx.prose, _SHORTLIST, extra=extra).items():
        evidence = found[name] = _Evidence()
        record = index.cis[name]
        if name in named:
            base, reason = named[name]
            evidence.score = base + 20 * hit.similarity
            evidence.reasons.append(reason)
        elif name in near:
            evidence.score = _NEAR_NAME + 20 * hit.similarity
            evidence.reasons.append(near[name])
        elif name in on_incident:
            evidence.score = _EXACT
            evidence.reasons.append("already on the incident")
        else:
            # Prose cannot tell replicas apart: it points at the application, in production.
            weight = _CLASS_WEIGHT.get(record.ci_class, 1.0)
            weight *= 1.0 if record.environment == Environment.PRODUCTION else 0.8
            evidence.score = _PROSE_CI * hit.similarity * weight
        if hit.matched:
            evidence.reasons.append("words: " + ", ".join(hit.matched[:5]))
        if name in service:
            evidence.score += _SERVICE_CI
            evidence.reasons.append(f"CI of {ctx.query.service}")
        if name in vouched:
            number, boost = vouched[name]
            evidence.score += boost
            evidence.reasons.append(f"linked to known error {number}")
        elif hit.similarity and name not in ctx.anchors and ctx.reach.get(name, (9, ""))[0] == 1:
            evidence.score += _NEXT_TO_NAMED
            evidence.reasons.append(f"1 hop from {ctx.reach[name][1]}")
    return found


def _best(
    kind: Literal["ci", "known_error"], found: dict[str, _Evidence], limit: int
) -> tuple[Suggestion, ...]:
    ranked = sorted(found.items(), key=lambda item: (-item[1].score, item[0]))
    return tuple(
        Suggestion(kind, key, min(100, round(e.score)), "; ".join(e.reasons))
        for key, e in ranked[:limit]
        if e.score >= _FLOOR
    )
