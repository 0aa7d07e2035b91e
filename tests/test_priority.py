"""Priority from impact x urgency through the stored matrix."""

from __future__ import annotations

import pytest

from sms_tui.models import Level, Priority, PriorityRule, default_priority_matrix
from sms_tui.sla import PriorityMatrixError, missing_cells, priority_for

H, M, L = Level.HIGH, Level.MEDIUM, Level.LOW


@pytest.mark.parametrize(
    ("impact", "urgency", "expected"),
    [
        (H, H, Priority.P1),
        (H, M, Priority.P2),
        (M, H, Priority.P2),
        (H, L, Priority.P3),
        (M, M, Priority.P3),
        (L, H, Priority.P3),
        (M, L, Priority.P4),
        (L, M, Priority.P4),
        (L, L, Priority.P5),
    ],
)
def test_default_matrix_gives_the_usual_priorities(
    impact: Level, urgency: Level, expected: Priority
) -> None:
    assert priority_for(default_priority_matrix(), impact, urgency) == expected


def test_raising_urgency_raises_the_priority() -> None:
    matrix = default_priority_matrix()
    assert priority_for(matrix, M, H) < priority_for(matrix, M, M) < priority_for(matrix, M, L)


def test_a_custom_matrix_is_followed() -> None:
    matrix = [PriorityRule(impact=i, urgency=u, priority=Priority.P2) for i in Level for u in Level]
    assert priority_for(matrix, L, L) == Priority.P2


def test_matrix_lacking_the_cell_says_which_cell() -> None:
    matrix = [rule for rule in default_priority_matrix() if (rule.impact, rule.urgency) != (H, L)]
    with pytest.raises(PriorityMatrixError, match="no cell for impact high and urgency low"):
        priority_for(matrix, H, L)


def test_empty_matrix_is_refused() -> None:
    with pytest.raises(PriorityMatrixError):
        priority_for([], M, M)


def test_disagreeing_cells_are_refused() -> None:
    matrix = [*default_priority_matrix(), PriorityRule(impact=M, urgency=M, priority=Priority.P1)]
    with pytest.raises(PriorityMatrixError, match="more than one priority: P1, P3"):
        priority_for(matrix, M, M)


def test_a_repeated_identical_cell_is_harmless() -> None:
    matrix = [*default_priority_matrix(), PriorityRule(impact=M, urgency=M, priority=Priority.P3)]
    assert priority_for(matrix, M, M) == Priority.P3


def test_missing_cells_lists_what_a_matrix_lacks() -> None:
    assert missing_cells(default_priority_matrix()) == []
    partial = [rule for rule in default_priority_matrix() if rule.impact != L]
    assert missing_cells(partial) == [(L, H), (L, M), (L, L)]
