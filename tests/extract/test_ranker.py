"""The learned guidance ranker: shipped weights load, features are stable, and it only adds items."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import callnlp
from callnlp.extract import ranker
from callnlp.extract.guidance import find_guidance, sentence_guidance
from callnlp.extract.sentences import Sentence

INITIAL_TARGETS = ("Last month we provided our fiscal 2026 targets, including net sales of $2.40 billion "
                   "to $2.46 billion and capital spending of $80 million to $95 million.")


def _sentence(text: str, section: str = "prepared_remarks", kind: str = "executive") -> Sentence:
    return Sentence(text=text, start=0, end=len(text), turn=3, speaker="Dana Roe", kind=kind, section=section,
                    lang="en", para=1)


def _range(text: str, start: str):
    return next(q for q in callnlp.parse_quantities(text) if q.text.startswith(start))


def test_shipped_model_loads_with_a_sane_threshold():
    assert ranker.available()
    bias, weights, threshold = ranker._model()
    assert len(weights) > 1000 and 0.05 <= threshold <= 0.95


def test_forward_range_scores_above_a_reported_one():
    fwd = "For fiscal 2026, we now anticipate net sales in the range of $1.2 billion to $1.3 billion."
    past = "Our annual sales grew from $1.0 billion to $1.1 billion over the last two years."
    p_fwd = ranker.probability(fwd, _range(fwd, "$1.2"), "prepared_remarks")
    p_past = ranker.probability(past, _range(past, "$1.0"), "prepared_remarks")
    assert p_fwd > ranker._model()[2] > p_past


def test_ranker_admits_a_range_the_sentence_gates_turn_away():
    s = _sentence(INITIAL_TARGETS)
    rules = {(g.metric, g.low, g.high) for g in sentence_guidance(s, call_period="Q4 2025")}
    sales = ("revenue", Decimal("2400000000"), Decimal("2460000000"))
    assert sales not in rules  # the rules alone lose the net sales range of "we provided ... targets"
    got = {(g.metric, g.low, g.high) for g in find_guidance([s], call_period="Q4 2025")}
    assert got == rules | {sales}
    assert {g.period for g in find_guidance([s], call_period="Q4 2025")} == {"FY2026"}


def test_ranker_never_speaks_for_analysts():
    assert find_guidance([_sentence(INITIAL_TARGETS, section="qa", kind="analyst")], call_period="Q4 2025") == ()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghij $%.,0123456789", min_size=0, max_size=80),
       st.integers(min_value=1, max_value=900), st.integers(min_value=1, max_value=90))
def test_probability_is_a_deterministic_probability(words, low, width):
    text = f"{words} we expect revenue of ${low} million to ${low + width} million"
    q = _range(text, f"${low} million")
    p = ranker.probability(text, q, "qa")
    assert 0.0 <= p <= 1.0
    assert p == ranker.probability(text, q, "qa")
    assert ranker.features(text, q, "qa") == ranker.features(text, q, "qa")


def test_a_replaced_range_stays_the_prior_of_the_new_one():
    s = _sentence("We are narrowing our full-year EPS guidance from a range of $4.10 to $4.30 to $4.15 to $4.25.")
    got = find_guidance([s], call_period="Q3 2025")
    assert [(g.low, g.high, g.prior_low, g.prior_high, g.status) for g in got] == [
        (Decimal("4.15"), Decimal("4.25"), Decimal("4.10"), Decimal("4.30"), "narrowed")]
