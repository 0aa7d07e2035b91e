"""Top-1 and top-3 accuracy over the labelled evaluation set (tests/matching_eval)."""

from __future__ import annotations

from tests.matching_eval.evaluate import evaluate
from tests.matching_eval.fixture import fixture


def test_evaluation_set_is_big_enough() -> None:
    data = fixture()
    assert len(data.cases) >= 100
    assert len(data.cis) >= 200
    assert 40 <= len(data.known_errors) <= 60


def test_matcher_accuracy_on_evaluation_set() -> None:
    accuracy = evaluate()
    print("\n" + accuracy.lines())
    # Floors a little under the figures measured when the set was written.
    assert accuracy.ci_top1 >= 0.75
    assert accuracy.ci_top3 >= 0.85
    assert accuracy.ke_top1 >= 0.85
    assert accuracy.ke_top3 >= 0.9
