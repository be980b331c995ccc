"""Arithmetic checks on single invented sentences (fictional companies, our own text)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from callnlp.checks.arithmetic import check_sentence


def kinds(sent, lang="en"):
    return [c.kind for c in check_sentence(sent, lang=lang)]


@pytest.mark.parametrize("sent", [
    "Cost of revenues increased by 21.5% to RMB156 million from RMB128.4 million in the same period of 2020.",
    "Revenues were RMB231.5 million, an increase of 29.9% from RMB178.2 million in the third quarter of 2020.",
    "Operating expenses were $237.8 million, representing a 51.5% increase from $157 million.",
    "R&D expenses increased by 66.9% to $75.5 million in the quarter, compared with $45.3 million a year ago.",
    "Sales fell 26% year-over-year from $553 million to $410 million.",
    "Revenue was $1.9 billion, up $312 million or 20% versus the prior year.",
    "Expenses were down $106 million or 10% from last year to $961 million.",
    "Gross margin expanded 540 basis points to 43.5% from 38.1%.",
    "Gross margin improved by 5.4 percentage points to 43.5% from 38.1%.",
    "Revenue was $276.1 million, up $39.7 million from $236.4 million.",
    "We expect revenues between RMB328 million and RMB333 million, representing an increase of 26.8% to 28.7% "
    "year-over-year.",
    "The market is expected to grow from RMB49.8 billion in 2020 to RMB147.8 billion in 2025, a CAGR of 24.3%.",
    "營業成本由2020年同期的人民幣1.284億元增加21.5%至人民幣1.56億元。",
])
def test_consistent_claims_give_nothing(sent):
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in sent) else "en"
    ok: list = []
    assert check_sentence(sent, lang=lang, passed=ok) == []
    assert len(ok) == 1, "the claim should have been recognised and checked"


def test_wrong_growth_rate():
    out = check_sentence("Cost of revenues increased by 31.8% to RMB156 million from RMB128.4 million.", turn=4,
                         span=(10, 90))
    assert [c.kind for c in out] == ["arithmetic_mismatch"]
    c = out[0]
    assert c.expected == Decimal("21.5") and c.found == Decimal("31.8")
    assert "31.8%" in c.message and "21.5" in c.message
    assert c.turn == 4 and c.char_span == (10, 90) and c.severity == "warning"


@pytest.mark.parametrize("sent, kind", [
    ("Revenue was $420 million, up $45 million or 15% compared to last year.", "arithmetic_mismatch"),
    ("Revenue was $276.1 million, up $49.7 million from $236.4 million.", "arithmetic_mismatch"),
    ("Gross margin expanded 240 basis points to 43.5% from 38.1%.", "arithmetic_mismatch"),
    ("We expect revenues between $328 million and $333 million, up 26.8% to 30.7% year-over-year.",
     "arithmetic_mismatch"),
    ("Revenue grew 10% to $5.2 billion from $4.7 million.", "implausible_figure"),
    ("2021年第三季營收為人民幣2.315億元,較2020年第三季的人民幣1.782億元增加39.9%。", "arithmetic_mismatch"),
])
def test_planted_errors(sent, kind):
    lang = "zh" if "營收" in sent else "en"
    assert kinds(sent, lang) == [kind]


def test_market_forecast_off_by_a_thousand():
    sent = ("The market is expected to grow from RMB49.8 billion in 2020 to RMB146.5 million in 2025 "
            "at a CAGR of 24.3%.")
    out = check_sentence(sent)
    assert [c.kind for c in out] == ["implausible_figure"]
    assert "146.5" in out[0].message and "147.8 billion" in out[0].message
    assert out[0].found == Decimal("146500000")
    assert abs(out[0].expected - Decimal("147.77e9")) < Decimal("0.05e9")


def test_cagr_with_wrong_rate():
    assert kinds("Sales should rise from $10 billion in 2020 to $20 billion in 2025, a 25% CAGR.") == [
        "arithmetic_mismatch"]


@pytest.mark.parametrize("sent", [
    # different bases, qualifiers and one-sided rates: not checked
    "Revenue was $5.2 billion, up 30% in constant currency, compared with $4.7 billion.",
    "Revenue rose 30% organically to $5.2 billion from $4.7 billion.",
    "Revenue was $5.2 billion, up 30% year-over-year, compared with $4.7 billion last quarter.",
    "Our RongCC business increased by over 400% to $5.2 million from $3 million.",
    "Revenue grew 3 times to $5.2 million from $1.1 million.",
    "Revenue was $5.2 billion, up 10%, while costs grew to $2 billion from $1 billion.",
    "Core earnings were $51 million compared with $33 million, reflecting average AUM increasing 36%.",
    "Other expenses increased $1.6 million or 2% for the quarter, primarily due to $2.1 million in depreciation.",
    "Revenue was $5.2 billion and $4.1 billion in 2021 and 2020, up 10% and 8%, respectively.",
])
def test_ambiguous_claims_are_left_alone(sent):
    assert kinds(sent) == []


def test_decline_compares_magnitudes():
    assert kinds("Net loss narrowed 10.7% to $112.2 million from $125.6 million.") == []
    assert kinds("Net loss narrowed 20.7% to $112.2 million from $125.6 million.") == ["arithmetic_mismatch"]


def _round(d: Decimal, places: int) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@settings(max_examples=150, deadline=None)
@given(prior=st.integers(min_value=100, max_value=99999), change=st.integers(min_value=-900, max_value=3000))
def test_correctly_rounded_claims_never_warn(prior, change):
    """Any claim whose rate is computed from the printed (rounded) figures passes."""
    p = _round(Decimal(prior) / 10, 1)  # e.g. 118.4 (million), always printed with one decimal
    c = _round(p * (1 + Decimal(change) / 1000), 1)
    if c <= 0 or c == p:
        return
    rate = _round((c / p - 1) * 100, 1)
    word = "increased" if rate > 0 else "decreased"
    sent = f"Revenue {word} by {abs(rate)}% to ${c} million from ${p} million."
    assert kinds(sent) == []


@settings(max_examples=100, deadline=None)
@given(prior=st.integers(min_value=100, max_value=99999), change=st.integers(min_value=0, max_value=3000),
       error=st.integers(min_value=5, max_value=50))
@example(prior=100, change=975, error=12)  # 99.7% stated for 10.0 -> 19.8: also read as a power-of-ten slip
def test_rates_off_by_half_a_point_or_more_warn(prior, change, error):
    p = _round(Decimal(prior) / 10, 1)
    c = _round(p * (1 + Decimal(change) / 1000), 1)
    rate = _round((c / p - 1) * 100, 1) + Decimal(error) / 10 + Decimal("0.5")
    sent = f"Revenue increased by {rate}% to ${c} million from ${p} million."
    # a 0.05 rounding of a small prior can move the rate by more than a point: require a clear gap
    lo = (c - Decimal("0.05")) / (p + Decimal("0.05"))
    hi = (c + Decimal("0.05")) / (p - Decimal("0.05"))
    if (rate - Decimal("0.05")) / 100 + 1 <= hi + Decimal("0.0015"):
        return
    assert lo > 0
    assert kinds(sent) in (["arithmetic_mismatch"], ["implausible_figure"])


def test_margin_check_from_extracted_metrics():
    from dataclasses import dataclass

    from callnlp.checks.arithmetic import _margin_checks

    @dataclass(frozen=True)
    class M:  # the contract keys the extraction stage fills
        metric: str
        value: Decimal
        evidence: str
        period: str = "Q3 2021"
        segment: str | None = None
        approx: str | None = None
        turn: int = 4
        char_span: tuple = (0, 0)

    rev = M("revenue", Decimal("276100000"), "Revenue was RMB276.1 million.")
    gp = M("gross_profit", Decimal("120100000"), "Gross profit was RMB120.1 million.")
    good = M("gross_margin", Decimal("43.5"), "Gross margin was 43.5%.")
    bad = M("gross_margin", Decimal("45.3"), "Gross margin was 45.3%.")
    assert _margin_checks({"metrics": (rev, gp, good)}) == []
    out = _margin_checks({"metrics": (rev, gp, bad)})
    assert [c.kind for c in out] == ["arithmetic_mismatch"] and out[0].expected == Decimal("43.5")
    other_period = M("gross_margin", Decimal("45.3"), "Gross margin was 45.3%.", period="Q3 2020")
    assert _margin_checks({"metrics": (rev, gp, other_period)}) == []


def test_extracted_change_is_rechecked_when_its_sentence_was_not_recognised():
    from dataclasses import dataclass

    from callnlp.checks.arithmetic import _field_checks

    @dataclass(frozen=True)
    class M:
        value: Decimal
        prior_value: Decimal
        change_pct: Decimal
        evidence: str
        turn: int = 2
        char_span: tuple = (5, 50)
        approx: str | None = None

    sent = "Subscription revenue, at $58.0 million, rose by 31.8% against $52.0 million."
    bad = M(Decimal("58000000"), Decimal("52000000"), Decimal("31.8"), sent)
    out = _field_checks({"metrics": (bad,)}, set())
    assert [c.kind for c in out] == ["arithmetic_mismatch"] and out[0].expected == Decimal("11.5")
    assert _field_checks({"metrics": (bad,)}, {(5, 50)}) == []  # already checked from the text
    good = M(Decimal("58000000"), Decimal("52000000"), Decimal("11.5"), sent.replace("31.8", "11.5"))
    assert _field_checks({"metrics": (good,)}, set()) == []
