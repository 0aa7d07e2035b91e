"""Risk of a change from a few plain questions, so that two assessors reach the same answer."""

from __future__ import annotations

from dataclasses import dataclass

from sms_tui.models import Risk

HIGH_FROM = 5
MEDIUM_FROM = 2


@dataclass(frozen=True, slots=True)
class RiskAnswers:
    """The assessor's answers about one change."""

    production: bool
    tested_backout: bool
    outage_expected: bool
    affected_cis: int = 1
    critical_services: int = 0


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """The risk with its score and the answers that raised it, for the change's detail."""

    risk: Risk
    score: int
    reasons: tuple[str, ...]


def assess_risk(answers: RiskAnswers) -> RiskAssessment:
    """Score the answers: production 2, no tested backout 2, outage 2, 3+ CIs 1 (10+ CIs 2),
    any critical service 2. 5 or more is high, 2 or more medium, else low.

    An expected outage of a critical service is high whatever the rest says.
    """
    points: list[tuple[int, str]] = []
    if answers.production:
        points.append((2, "touches production"))
    if not answers.tested_backout:
        points.append((2, "no tested backout"))
    if answers.outage_expected:
        points.append((2, "outage expected"))
    if answers.affected_cis >= 10:
        points.append((2, f"{answers.affected_cis} CIs affected"))
    elif answers.affected_cis >= 3:
        points.append((1, f"{answers.affected_cis} CIs affected"))
    if answers.critical_services > 0:
        points.append((2, f"{answers.critical_services} critical service(s) affected"))
    score = sum(p for p, _ in points)
    reasons = tuple(r for _, r in points)
    if score >= HIGH_FROM or (answers.outage_expected and answers.critical_services > 0):
        return RiskAssessment(Risk.HIGH, score, reasons)
    return RiskAssessment(Risk.MEDIUM if score >= MEDIUM_FROM else Risk.LOW, score, reasons)
