"""The figure role model: shipped weights load, probabilities behave, and it only adds items."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import callnlp
from callnlp.extract import roles
from callnlp.extract.guidance import find_guidance, sentence_guidance
from callnlp.extract.metrics import find_metrics_and_segments, sentence_claims
from callnlp.extract.phrases import open_mention
from callnlp.extract.sentences import Sentence

INITIAL_TARGETS = ("Last month we provided our fiscal 2026 targets, including net sales of $2.40 billion "
                   "to $2.46 billion and capital spending of $80 million to $95 million.")


def _sentence(text: str, section: str = "prepared_remarks", kind: str = "executive") -> Sentence:
    return Sentence(text=text, start=0, end=len(text), turn=3, speaker="Dana Roe", kind=kind, section=section,
                    lang="en", para=1)


def _q(text: str, start: str):
    return next(q for q in callnlp.parse_quantities(text) if q.text.startswith(start))


def test_shipped_model_loads_with_sane_thresholds():
    assert roles.available()
    m = roles._model()
    assert len(m["weights"]) > 1000 and len(m["bias"]) == len(roles.ROLES)
    assert all(0.0 < roles.threshold(r) < 1.0 for r in ("guidance", "reported"))


def test_roles_follow_tense_and_period():
    fwd = "For fiscal 2026, we now anticipate net sales in the range of $1.2 billion to $1.3 billion."
    past = "Our annual sales grew from $1.0 billion to $1.1 billion over the last two years."
    eps = "For the second quarter, adjusted earnings per share were $1.38, up 12% from last year."
    p_fwd = roles.probabilities(fwd, _q(fwd, "$1.2"), "prepared_remarks", "Q4 2025")
    p_past = roles.probabilities(past, _q(past, "$1.0"), "prepared_remarks", "Q4 2025")
    p_eps = roles.probabilities(eps, _q(eps, "$1.38"), "prepared_remarks", "Q2 2025")
    assert p_fwd["guidance"] > roles.threshold("guidance") > p_past["guidance"]
    assert p_eps["reported"] > roles.threshold("reported") and p_eps["reported"] > p_eps["guidance"]


def test_guidance_admits_a_range_the_sentence_gates_turn_away():
    s = _sentence(INITIAL_TARGETS)
    rules = {(g.metric, g.low, g.high) for g in sentence_guidance(s, call_period="Q4 2025")}
    sales = ("revenue", Decimal("2400000000"), Decimal("2460000000"))
    assert sales not in rules  # the rules alone lose the net sales range of "we provided ... targets"
    got = {(g.metric, g.low, g.high) for g in find_guidance([s], call_period="Q4 2025")}
    assert rules <= got and sales in got
    assert {g.period for g in find_guidance([s], call_period="Q4 2025")} == {"FY2026"}


def test_an_unnamed_outlook_gets_the_speakers_phrase():
    s = _sentence("Last month we provided our fiscal 2026 targets, including merchandise margin expansion of 1% to 2%.")
    assert sentence_guidance(s, call_period="Q4 2025") == []
    got = find_guidance([s], call_period="Q4 2025")
    assert [(g.metric, g.low, g.high, g.unit, g.period) for g in got] == [
        ("merchandise_margin_expansion", Decimal("1"), Decimal("2"), "%", "FY2026")]


def test_the_model_never_speaks_for_analysts():
    assert find_guidance([_sentence(INITIAL_TARGETS, section="qa", kind="analyst")], call_period="Q4 2025") == ()
    s = _sentence("So the loss per share of $0.39 this quarter was a surprise?", section="qa", kind="analyst")
    assert find_metrics_and_segments([s], call_period="Q2 2025", segments_rx=None) == ((), ())


def test_metrics_admit_per_share_results_the_rules_miss():
    s = _sentence("Yesterday, we reported a second quarter net loss of $55 million and a loss per share of $0.39.")
    before = {(c.metric, c.value) for c in sentence_claims(s, call_period="Q2 2025", segments_rx=None)}
    assert ("loss_per_share", Decimal("0.39")) not in before
    metrics, _ = find_metrics_and_segments([s], call_period="Q2 2025", segments_rx=None)
    got = {(c.metric, c.value, c.per_share, c.period) for c in metrics}
    assert ("loss_per_share", Decimal("0.39"), True, "Q2 2025") in got
    assert {(m, v) for m, v, _, _ in got} >= before


def test_a_figure_read_as_reported_is_no_prior():
    s = _sentence("Our GAAP net loss was $2.4 million, or $0.02 per share, in the second quarter of 2025.")
    metrics, _ = find_metrics_and_segments([s], call_period="Q2 2025", segments_rx=None)
    assert all(c.prior_value != Decimal("0.02") for c in metrics)
    assert ("loss_per_share", Decimal("0.02")) in {(c.metric, c.value) for c in metrics}


def test_open_names_are_the_speakers_noun_phrase():
    def name(text, start):
        q = _q(text, start)
        m = open_mention(text, 0, *q.char_span, q.unit, q.per_share)
        return m and m.name
    assert name("we expect capex for the China facility of $20 million to $25 million", "$20") == "capex_for_china_facility"
    assert name("we expect total company sales to be in the range of $4.2 billion to $4.3 billion", "$4.2") == "revenue"
    assert name("we expect our Q1 load factor to be 75% to 80%", "75%") == "load_factor"
    assert name("we expect to be in the range of $4.2 billion to $4.3 billion", "$4.2") is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghij $%.,0123456789", min_size=0, max_size=80),
       st.integers(min_value=1, max_value=900), st.integers(min_value=0, max_value=90))
def test_probabilities_are_deterministic_and_sum_to_one(words, low, width):
    text = f"{words} we expect revenue of ${low} million to ${low + width} million"
    q = _q(text, f"${low} million")
    p = roles.probabilities(text, q, "qa", "Q3 2025")
    assert abs(sum(p.values()) - 1.0) < 1e-9 and all(0.0 <= v <= 1.0 for v in p.values())
    assert p == roles.probabilities(text, q, "qa", "Q3 2025")


def test_a_replaced_range_stays_the_prior_of_the_new_one():
    s = _sentence("We are narrowing our full-year EPS guidance from a range of $4.10 to $4.30 to $4.15 to $4.25.")
    got = find_guidance([s], call_period="Q3 2025")
    assert [(g.low, g.high, g.prior_low, g.prior_high, g.status) for g in got] == [
        (Decimal("4.15"), Decimal("4.25"), Decimal("4.10"), Decimal("4.30"), "narrowed")]
