"""The arithmetic of Appendix 12 and §5.6, by hand-computed numbers and by properties."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audits import scoring

CRITERIA = [("1.1", 1), ("1.2", 1), ("1.3", 1), ("2.1", 2), ("2.7", 2), ("3.1", 3)]


def test_criterion_value_is_the_arithmetic_mean_of_the_auditors_scores():
    assert scoring.mean([4, 4, 5]) == Fraction(13, 3)
    assert scoring.display(scoring.mean([4, 4, 5])) == Decimal("4.33")
    assert scoring.display(scoring.mean([4, 5, 5])) == Decimal("4.67")


def test_display_rounds_half_up_to_two_places():
    assert scoring.display(Fraction(33, 8)) == Decimal("4.13")  # 4.125
    assert scoring.display(Fraction(867, 200)) == Decimal("4.34")  # 4.335
    assert scoring.display_str(Fraction(41, 10)) == "4.10"
    assert scoring.display(None) is None


def test_a_mean_of_repeating_means_is_kept_exact_until_display():
    # (13/3 + 23/6) / 2 = 49/12 = 4.08333…; ((4+4+5)/3 + (3+4+4+4+4+4)/6)/2
    step = scoring.mean([Fraction(13, 3), Fraction(23, 6)])
    assert step == Fraction(49, 12)
    # 4.125 exactly from repeating parts: (25/6 + 49/12) / 2 = 99/24 = 4.125 → 4.13
    assert scoring.display(scoring.mean([Fraction(25, 6), Fraction(49, 12)])) == Decimal("4.13")


def test_divergence_is_more_than_one_point():
    assert not scoring.is_divergent([3, 4, 4])
    assert not scoring.is_divergent([5, 5, 4])
    assert scoring.is_divergent([3, 4, 5])
    assert scoring.is_divergent([2, 4])


def test_majority_decides_the_collegial_score():
    assert scoring.collegial_decision({1: 4, 2: 4, 3: 2}, head=9) == 4


def test_on_a_tie_the_heads_vote_decides():
    assert scoring.collegial_decision({1: 3, 2: 5, 9: 5, 4: 3}, head=9) == 5


def test_a_tie_the_head_did_not_vote_in_is_not_broken():
    with pytest.raises(scoring.TieNotBroken):
        scoring.collegial_decision({1: 3, 2: 5}, head=9)
    with pytest.raises(scoring.TieNotBroken):
        scoring.collegial_decision({1: 3, 2: 5, 9: 4, 4: 4, 5: 3, 6: 5}, head=None)


def test_final_sheet_means_steps_and_overall_by_hand():
    numbers = scoring.final_sheet(
        criteria=CRITERIA,
        applicable={"1.1", "1.2", "1.3", "2.1", "3.1"},  # 2.7: no common areas
        scores={
            "1.1": {"a": 4, "b": 4, "c": 5},  # 13/3
            "1.2": {"a": 3, "b": 3, "c": 3},  # 3
            "1.3": {"a": 5, "b": 4, "c": 5},  # 14/3
            "2.1": {"a": 2, "b": 3, "c": 3},  # 8/3
            "2.7": {"a": 1},  # left out: inapplicable
            "3.1": {"a": 5, "b": 5, "c": 5},  # step 3 not completed
        },
        steps=[1, 2],
    )
    assert numbers.criteria["1.1"].value == Fraction(13, 3)
    assert numbers.steps[1] == Fraction(13 + 9 + 14, 9)  # 4
    assert numbers.steps[2] == Fraction(8, 3)
    assert numbers.steps[3] is None
    assert numbers.criteria["2.7"].value is None
    assert numbers.overall == Fraction(4 + Fraction(8, 3), 2)  # 10/3
    assert scoring.display(numbers.overall) == Decimal("3.33")


def test_a_decision_replaces_the_mean_of_a_divergent_criterion():
    scores = {"1.1": {"a": 2, "b": 4, "c": 5}, "1.2": {"a": 4}, "1.3": {"a": 4}}
    undecided = scoring.final_sheet(
        criteria=CRITERIA[:3], applicable={"1.1", "1.2", "1.3"}, scores=scores, steps=[1]
    )
    assert undecided.criteria["1.1"].divergent
    assert undecided.undecided == ["1.1"]
    decided = scoring.final_sheet(
        criteria=CRITERIA[:3],
        applicable={"1.1", "1.2", "1.3"},
        scores=scores,
        decisions={"1.1": 5},
        steps=[1],
    )
    assert decided.undecided == []
    assert decided.criteria["1.1"].value == 5
    assert decided.steps[1] == Fraction(13, 3)


def test_external_data_stands_for_the_criterion():
    numbers = scoring.final_sheet(
        criteria=[("4.3", 4)], applicable={"4.3"}, scores={}, external={"4.3": 3}, steps=[4]
    )
    assert numbers.criteria["4.3"].value == 3 and not numbers.criteria["4.3"].divergent


scores_strategy = st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=7)


@given(scores_strategy)
def test_the_mean_lies_between_the_lowest_and_highest_score(scores):
    value = scoring.mean(scores)
    assert min(scores) <= value <= max(scores)
    assert Decimal(min(scores)) <= scoring.display(value) <= Decimal(max(scores))


@given(st.dictionaries(st.integers(1, 12), st.integers(1, 5), min_size=1), st.integers(1, 12))
def test_the_decision_is_always_one_of_the_most_voted_scores(votes, head):
    try:
        decided = scoring.collegial_decision(votes, head=head)
    except scoring.TieNotBroken:
        counts = [list(votes.values()).count(s) for s in set(votes.values())]
        assert counts.count(max(counts)) > 1
        return
    top = max(list(votes.values()).count(s) for s in set(votes.values()))
    assert list(votes.values()).count(decided) == top


@given(st.lists(scores_strategy, min_size=1, max_size=8))
def test_overall_of_one_step_equals_that_steps_value(per_criterion):
    criteria = [(f"1.{i}", 1) for i in range(1, len(per_criterion) + 1)]
    numbers = scoring.final_sheet(
        criteria=criteria,
        applicable={code for code, _step in criteria},
        scores={
            code: dict(enumerate(s))
            for (code, _step), s in zip(criteria, per_criterion, strict=True)
        },
        decisions={code: 3 for code, _step in criteria},
        steps=[1],
    )
    assert numbers.overall == numbers.steps[1]
    assert 1 <= numbers.overall <= 5
