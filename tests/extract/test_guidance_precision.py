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


def test_declines_are_negative_growth():
    (g,) = items("We expect noninterest expense to be down between 2% and 4% for the full year.")
    assert (g.metric, g.low, g.high) == ("noninterest_expense_growth", Decimal("-4"), Decimal("-2"))
    (g,) = items("In the fourth quarter we expect adjusted EBITDA to decline in the mid-single digits.")
    assert (g.low, g.high) == (Decimal("-6"), Decimal("-4"))
    (g,) = items("We expect average selling price for the fourth quarter to be flat to down 2%.")
    assert (g.low, g.high) == (Decimal("-2"), Decimal("0"))
    (g,) = items("We expect average selling price for the fourth quarter to be flat to up 2%.")
    assert (g.low, g.high) == (Decimal("0"), Decimal("2"))
    (g,) = items("For 2022 we expect revenue of $1.0 billion to $1.1 billion, a decrease of 3% to 5% year over year.")
    assert (g.growth_low_pct, g.growth_high_pct) == (Decimal("-5"), Decimal("-3"))
    (g,) = items("For 2022 we expect sales growth of 3% to 5%, despite the decline in the legacy business.")
    assert (g.low, g.high) == (Decimal("3"), Decimal("5"))


def test_listed_metrics_pair_with_listed_ranges_in_order():
    got = items("We have initiated adjusted EBITDA and adjusted EPS guidance of between $880 million and $920 million "
                "and between $3.20 and $3.40 for fiscal 2022.")
    assert [(g.metric, g.period, g.low, g.high) for g in got] == [
        ("adjusted_ebitda", "FY2022", Decimal("880000000"), Decimal("920000000")),
        ("adjusted_eps", "FY2022", Decimal("3.20"), Decimal("3.40"))]


def test_metric_named_after_its_range_is_not_reused():
    got = items("Our revised guidance ranges are $4.6 billion to $4.9 billion in consolidated adjusted EBITDA and "
                "$1.8 billion to $2.1 billion in distributable cash flow.")
    assert [(g.metric, g.low) for g in got] == [("adjusted_ebitda", Decimal("4600000000"))]


def test_one_metric_for_two_periods():
    got = items("We expect EPS of $1.00 to $1.10 for the fourth quarter and $4.00 to $4.10 for the full year.")
    assert [(g.metric, g.period, g.low) for g in got] == [("eps", "Q4 2021", Decimal("1.00")), ("eps", "FY2021", Decimal("4.00"))]
    # a figure of another scale is not the same metric
    got = items("We expect revenue of $1.0 billion to $1.1 billion for the fourth quarter and $4.00 to $4.10 for the full year.")
    assert [g.metric for g in got] == ["revenue"]


def test_range_stated_as_replaced_later_in_the_clause_is_the_prior():
    (g,) = items("For the full year we now expect our tax rate to be in the range of 21% to 22%, down slightly from the "
                 "21% to 23% that we previously estimated.")
    assert (g.low, g.high, g.prior_low, g.prior_high, g.status) == (
        Decimal("21"), Decimal("22"), Decimal("21"), Decimal("23"), "lowered")
    (g,) = items("We now expect sales to increase 18% to 21% for the year, up from the 13% to 16% we guided in January.")
    assert (g.prior_low, g.prior_high, g.status) == (Decimal("13"), Decimal("16"), "raised")


def test_benefit_amounts_are_not_guidance_and_guidance_by_is_a_range():
    got = items("We initiated FFO per share guidance by $1.07 to $1.11, despite the realization of $0.04 of non-cash "
                "rent acceleration benefits in 2021, which we do not expect to reoccur in 2022.", call="Q4 2021")
    assert [(g.metric, g.low, g.high) for g in got] == [("ffo_per_share", Decimal("1.07"), Decimal("1.11"))]


def test_carried_metric_takes_the_basis_named_in_the_sentence():
    a = _s("We estimate fourth quarter diluted earnings per share on a GAAP basis could range from $0.05 to $0.20;", index=0)
    b = _s("and then on a non-GAAP basis, we estimate it would range from about $0.22 to $0.37.", index=1)
    got = find_guidance([a, b], call_period="Q3 2021")
    assert [(g.metric, g.low) for g in got] == [("eps", Decimal("0.05")), ("non_gaap_eps", Decimal("0.22"))]


def test_raising_guidance_by_an_amount_is_not_a_level():
    assert items("Demand allows us to raise our annual FFO guidance by $0.28 at the midpoint.") == []
    assert items("We increased our fiscal 2022 NFEPS guidance by $0.15 per share.") == []


def test_a_later_clause_period_or_a_year_to_date_figure_do_not_make_guidance():
    (g,) = items("We are maintaining our expectation for free cash flow in a range of $480 million to $570 million, with "
                 "seasonally strong cash flow in the fourth quarter.")
    assert g.period == "FY2021"
    assert items("Our year-to-date free cash flow of almost $900 million puts us on track to deliver our full-year "
                 "free cash flow objective.") == []


def test_zero_to_range_results_compared_with_guidance_and_conditional_or_far_targets():
    (g,) = items("In Q4, we expect total revenue to increase zero to 3% on a year-over-year basis.")
    assert (g.low, g.high) == (Decimal("0"), Decimal("3"))
    assert items("Lower tax contributed $0.75 of earnings per share, significantly exceeding our guidance of $1.60 to $1.70.") == []
    assert items("We still expect our tax rate to be in the low to mid 20% range when we return to higher profitability.") == []
    assert items("We expect $260 million to $300 million in run rate savings as we exit 2025, with benefits starting this year.") == []


def test_segment_named_after_the_figure():
    import re
    rx = re.compile(r"Southern Timber")
    (g,) = sentence_guidance(_s("We expect full year adjusted EBITDA of $118 million to $120 million in our Southern Timber segment."),
                             call_period="Q3 2021", currency="USD", segments_rx=rx)
    assert g.segment == "Southern Timber"


def test_status_per_item():
    got = items("We are reaffirming our NFE guidance for fiscal 2021 of $1.55 to $1.65 per share and increasing our "
                "fiscal 2022 NFE guidance to $2.20 to $2.30 per share.")
    assert [(g.period, g.status) for g in got] == [("FY2021", "reaffirmed"), ("FY2022", "raised")]


def test_affirming_an_outlook_is_reaffirmed():
    (g,) = items("We're affirming our fiscal year 2021 outlook: deliveries of 17,500 to 19,500 units.")
    assert g.status == "reaffirmed"


def test_currency_restatements_inside_a_range_are_dropped():
    (g,) = items("For the second quarter of 2021, Norbel expects revenue to be between RMB29.7 billion or $4.5 billion "
                 "and RMB32.5 billion or $5 billion, representing a growth rate between 14% and 25% year-over-year.",
                 call="Q1 2021")
    assert (g.low, g.high, g.unit, g.growth_low_pct, g.growth_high_pct) == (
        Decimal("29700000000"), Decimal("32500000000"), "CNY", Decimal("14"), Decimal("25"))
    (g,) = items("For the fourth quarter, Norbel expects revenue between RMB31 billion which is $4.81 billion and "
                 "RMB34 billion which is $5.27 billion.", call="Q3 2021")
    assert (g.low, g.high, g.unit) == (Decimal("31000000000"), Decimal("34000000000"), "CNY")


def test_negative_first_bound_and_multi_year_horizons():
    (g,) = items("We expect total revenue to be between RMB28.6 billion and RMB31.3 billion, representing a growth "
                 "rate of negative 1% to 8% year-over-year.")
    assert (g.growth_low_pct, g.growth_high_pct) == (Decimal("-1"), Decimal("8"))
    assert items("We see potential for agriculture GMV to exceed RMB1 trillion in five years.") == []


def test_period_named_after_the_figure_wins_over_an_earlier_clause():
    (g,) = items("We expect interest expense to step down in Q4, then level off at roughly $1 million of quarterly "
                 "interest expense in 2022.")
    assert g.period == "FY2022"
