"""Precision rules of the guidance extractor on invented sentences (fictional companies)."""
from decimal import Decimal

from callnlp.extract.guidance import find_guidance, sentence_guidance
from callnlp.extract.sentences import Sentence


def _s(text, para=1, index=0, section="prepared_remarks"):
    return Sentence(text, 0, len(text), 5, "Jane Roe", "executive", section, "en", para, False, index)


def items(text, call="Q3 2021", section="prepared_remarks"):
    return sentence_guidance(_s(text, section=section), call_period=call, currency="USD")


def test_raised_range_from_a_to_b_to_now_c_to_d():
    (g,) = items("We are raising our 2021 outlook for operating margin from 12% to 13% to now 12.8% to 13.2%.")
    assert (g.metric, g.period, g.low, g.high) == ("operating_margin", "FY2021", Decimal("12.8"), Decimal("13.2"))
    assert (g.prior_low, g.prior_high, g.status) == (Decimal("12"), Decimal("13"), "raised")


def test_company_per_share_acronyms():
    got = items("We are reaffirming our NFE guidance for fiscal 2021 of $2.05 to $2.15 per share.")
    assert [(g.metric, g.period, g.low, g.high, g.per_share) for g in got] == [
        ("nfe_per_share", "FY2021", Decimal("2.05"), Decimal("2.15"), True)]
    (g,) = items("We now expect 2021 AFFO of $1.40 to $1.46 per diluted share.")
    assert g.metric == "affo_per_share"


def test_ratio_metric_carried_from_previous_sentence():
    a = _s("We ended the quarter with net debt to adjusted EBITDA of 4.2 times.", index=0)
    b = _s("And we currently project to end 2021 at 4.0 times to 4.1 times.", index=1)
    (g,) = find_guidance([a, b], call_period="Q2 2021")
    assert (g.metric, g.period, g.low, g.high, g.unit) == ("leverage_ratio", "FY2021", Decimal("4.0"), Decimal("4.1"), "x")


def test_comparison_period_is_not_the_outlook_period():
    a = _s("For the full year 2022, we expect revenue in the range of $5.1 billion to $5.3 billion.", index=0)
    b = _s("We expect adjusted EPS of $3.10 to $3.30, growth of 8% to 12% compared to the midpoint of our 2021 guidance.", index=1)
    got = find_guidance([a, b], call_period="Q3 2021")
    assert [(g.metric, g.period) for g in got] == [("revenue", "FY2022"), ("adjusted_eps", "FY2022")]


def test_full_year_after_the_figure_wins_over_an_earlier_half():
    (g,) = items("We expect growth to return in the second half of 2022, giving net sales growth of 2% to 5% for the full year.",
                 call="Q4 2021")
    assert (g.period, g.low, g.high) == ("FY2022", Decimal("2"), Decimal("5"))


def test_reports_and_market_figures_are_not_guidance():
    assert items("In February, we introduced targets of 20% adjusted EBITDA margins.") == []
    assert items("Our adjusted operating margin of 31.2% exceeds our guidance.") == []
    assert items("Regional vehicle production is forecasted to decline 12% next year, and we expect to gain share.") == []
    assert items("Each new outlet requires capital investment of about $4 million to $5 million per outlet, and we expect to open 20.") == []
    assert items("We have just under $2 billion in backlog left on this contract and anticipate completion by the end of 2024.") == []


def test_change_amounts_are_not_levels():
    assert items("We expect an increase of approximately $12 million in marketing expense next year.") == []
    assert items("The program is expected to deliver an annualized EPS improvement of $0.10 to $0.12 by 2022.") == []


def test_verbal_range_in_prepared_remarks_only():
    (g,) = items("For 2022, we expect organic sales growth in the mid-single digits.", call="Q4 2021")
    assert (g.metric, g.period, g.low, g.high, g.approx) == ("organic_revenue_growth", "FY2022", Decimal("4"), Decimal("6"), None)
    assert items("For 2022, we expect organic sales growth in the mid-single digits.", call="Q4 2021", section="qa") == []
    assert items("We expect revenue growth at a double-digit rate next year.", call="Q4 2021") == []
