"""Guidance rules on invented sentences (fictional companies)."""
from decimal import Decimal

import pytest

from callnlp.extract.guidance import sentence_guidance
from callnlp.extract.sentences import Sentence


def items(text, call="Q3 2021", kind="executive", lang="en", section="prepared_remarks", carry=None):
    s = Sentence(text, 100, 100 + len(text), 5, "Jane Roe", kind, section, lang, 1)
    return sentence_guidance(s, call_period=call, carry=carry, currency="USD")


def test_two_metrics_in_one_sentence():
    got = items("For the fourth quarter, we expect sales of $1.25 to $1.33 billion and adjusted EPS of $0.54 to $0.60.")
    assert [(g.metric, g.period, g.low, g.high, g.per_share) for g in got] == [
        ("revenue", "Q4 2021", Decimal("1250000000"), Decimal("1330000000"), False),
        ("adjusted_eps", "Q4 2021", Decimal("0.54"), Decimal("0.60"), True),
    ]


def test_implied_growth_is_not_an_item():
    (g,) = items("For the fourth quarter of 2021, Acme expects revenues to be between RMB328 million and RMB333 million, "
                 "representing an increase of 26.8% to 28.7% year-over-year.")
    assert (g.low, g.high, g.unit) == (Decimal("328000000"), Decimal("333000000"), "CNY")
    assert (g.growth_low_pct, g.growth_high_pct, g.basis) == (Decimal("26.8"), Decimal("28.7"), "yoy")
    assert g.evidence.startswith("For the fourth") and g.char_span == (100, 100 + len(g.evidence))


def test_raised_with_prior_range():
    (g,) = items("On earnings, we now expect full-year adjusted EPS of $2.10 to $2.20, up from our prior range of $2.00 to $2.15.")
    assert (g.metric, g.period, g.status) == ("adjusted_eps", "FY2021", "raised")
    assert (g.prior_low, g.prior_high) == (Decimal("2.00"), Decimal("2.15"))


def test_lowered_and_reaffirmed():
    (g,) = items("We now expect full-year 2021 revenue of $850 million to $865 million, compared with $880 million to $900 million previously.")
    assert g.status == "lowered" and g.prior_high == Decimal("900000000")
    (g,) = items("We continue to expect sales of $2.35 billion to $2.45 billion for fiscal 2021.")
    assert g.status == "reaffirmed"


def test_plus_or_minus():
    (g,) = items("Gross margin for the fourth quarter is expected to be 45.5%, plus or minus 1.5 percentage points.")
    assert (g.metric, g.low, g.high, g.unit) == ("gross_margin", Decimal("44.0"), Decimal("47.0"), "%")


@pytest.mark.parametrize("text,kind", [
    ("According to the consultancy, the market is expected to grow from $4 billion in 2020 to $9 billion in 2025 at a CAGR of 17%.", "executive"),
    ("If we take your fourth-quarter guidance, revenue would be about $54 million higher, right?", "analyst"),
    ("Revenue for the third quarter was $120 million, up 20% year-over-year.", "executive"),
    ("Our long-term target is operating margin of 20% to 25%.", "executive"),
    ("We expect revenue of $10 million to $12 million for the fourth quarter.", "operator"),
])
def test_not_guidance(text, kind):
    assert items(text, kind=kind) == []


def test_past_quarter_is_not_guidance():
    assert items("In the second quarter we expected revenue of $40 million to $42 million and delivered $43 million.") == []


def test_carried_period():
    (g,) = items("We expect adjusted EBITDA of $880 million to $920 million.", carry=lambda: "FY2022")
    assert g.period == "FY2022"


def test_not_provided():
    (g,) = items("Given the uncertainty, we are not providing guidance for the fourth quarter.")
    assert (g.status, g.low, g.period) == ("not_provided", None, "Q4 2021")


def test_chinese_range_and_growth():
    text = "预计2021年第四季度营收将在3.28亿元至3.33亿元之间，同比增长26.8%至28.7%。"
    (g,) = items(text, lang="zh")
    assert (g.metric, g.period, g.low, g.high, g.unit) == ("revenue", "Q4 2021", Decimal("328000000"), Decimal("333000000"), "CNY")
    assert (g.growth_low_pct, g.growth_high_pct, g.languages) == (Decimal("26.8"), Decimal("28.7"), ("zh",))


def test_chinese_at_least_and_third_party():
    (g,) = items("我们维持年初的判断，预计2021年全年营收增速不低于20%。", lang="zh")
    assert (g.metric, g.period, g.low, g.high, g.approx, g.status) == ("revenue_growth", "FY2021", Decimal("20"), None, "at_least", "reaffirmed")
    assert items("根据某研究院的报告，中国市场规模预计将由2020年的500亿元增长至2025年的900亿元。", lang="zh") == []
