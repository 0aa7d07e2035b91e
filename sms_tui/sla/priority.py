"""Priority from impact and urgency, through the desk's matrix."""

from __future__ import annotations

from collections.abc import Iterable

from sms_tui.models.fields import Level, Priority
from sms_tui.models.people import PriorityRule


class PriorityMatrixError(ValueError):
    """The matrix has no cell, or two disagreeing cells, for an impact and urgency."""


def priority_for(matrix: Iterable[PriorityRule], impact: Level, urgency: Level) -> Priority:
    """The priority the matrix gives an impact and an urgency."""
    found = {rule.priority for rule in matrix if (rule.impact, rule.urgency) == (impact, urgency)}
    if not found:
        raise PriorityMatrixError(
            f"the priority matrix has no cell for impact {impact.value} and urgency {urgency.value}"
        )
    if len(found) > 1:
        raise PriorityMatrixError(
            f"the priority matrix gives impact {impact.value} and urgency {urgency.value}"
            f" more than one priority: {', '.join(sorted(found))}"
        )
    return found.pop()


def missing_cells(matrix: Iterable[PriorityRule]) -> list[tuple[Level, Level]]:
    """The (impact, urgency) pairs the matrix lacks, high to low; empty for a complete matrix."""
    present = {(rule.impact, rule.urgency) for rule in matrix}
    return [(i, u) for i in Level for u in Level if (i, u) not in present]
