"""Change rules, pure: the lifecycle per type, approval authority, and risk from answers."""

from sms_tui.changes.approvals import AUTHORITY, Decided, check_authority, decide
from sms_tui.changes.lifecycle import (
    ALLOWED,
    FINAL,
    ChangeRefused,
    allowed_moves,
    approvals_needed,
    approvers,
    check_transition,
    is_authorised,
    transition,
)
from sms_tui.changes.risk import RiskAnswers, RiskAssessment, assess_risk

__all__ = [
    "ALLOWED",
    "AUTHORITY",
    "FINAL",
    "ChangeRefused",
    "Decided",
    "RiskAnswers",
    "RiskAssessment",
    "allowed_moves",
    "approvals_needed",
    "approvers",
    "assess_risk",
    "check_authority",
    "check_transition",
    "decide",
    "is_authorised",
    "transition",
]
