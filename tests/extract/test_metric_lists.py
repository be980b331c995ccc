"""Headline metrics stated as lists ("A and B were X and Y, respectively") and year-to-date figures."""
from decimal import Decimal

from callnlp.extract.metrics import sentence_claims
from callnlp.extract.sentences import Sentence


def claims(text, call="Q3 2025"):
    s = Sentence(text, 0, len(text), 3, "Jane Roe", "executive", "prepared_remarks", "en", 1, False, 0)
    return [(c.metric, c.value, c.prior_value) for c in sentence_claims(s, call_period=call, segments_rx=None)]


def test_respectively_pairs_metrics_with_figures_in_order():
    assert claims("Net income and adjusted EBITDA were $10.2 million and $25.3 million, respectively.") == [
        ("net_income", Decimal("10200000"), None), ("adjusted_ebitda", Decimal("25300000"), None)]
    assert claims("For the quarter, net revenues, net income, and EPS were $824 million, $160 million, and $3.74, "
                  "respectively.") == [("revenue", Decimal("824000000"), None), ("net_income", Decimal("160000000"), None),
                                       ("eps", Decimal("3.74"), None)]


def test_respectively_with_a_compared_list_gives_priors():
    assert claims("Gross margin and operating margin were 45.1% and 12.0%, respectively, compared with 43.0% and "
                  "10.5% a year ago.") == [("gross_margin", Decimal("45.1"), Decimal("43.0")),
                                           ("operating_margin", Decimal("12.0"), Decimal("10.5"))]


def test_respectively_over_periods_gives_the_prior_period():
    assert claims("Revenue in the third quarter and second quarter was $120.5 million and $110.0 million, "
                  "respectively.") == [("revenue", Decimal("120500000"), Decimal("110000000"))]


def test_year_to_date_figures_are_not_the_quarter():
    assert claims("Year-to-date, net revenues and net income were $2.17 billion and $444 million, respectively.") == []
    assert claims("Year-to-date, net revenues were $2.17 billion.", call="Q4 2025") != []


def test_an_increase_in_a_line_item_of_an_amount_is_a_change():
    got = claims("R&D expenses increased by 66.9% to RMB75.5 million, primarily due to an increase in the R&D staff "
                 "expenses of RMB18.5 million.")
    assert [(m, v) for m, v, _ in got] == [("rd_expenses", Decimal("75500000"))]
    got = claims("This led to an 80% increase in adjusted operating income of $647 million.")
    assert [(m, v) for m, v, _ in got] == [("adjusted_operating_income", Decimal("647000000"))]


def test_amounts_of_change_are_not_levels():
    assert [(m, v) for m, v, _ in claims("On a year-over-year basis, our revenues increased $40 million or 59%.")] == []
    assert claims("Adjusted EBITDA was $36.8 million, up $79.5 million compared to the prior year.") == [
        ("adjusted_ebitda", Decimal("36800000"), None)]
    assert claims("Coal shipments are up 16 million tons.") == []


def test_loose_answers_in_qa_are_not_headline_metrics():
    from callnlp.extract.metrics import sentence_claims

    def qa(text):
        s = Sentence(text, 0, len(text), 9, "Jane Roe", "executive", "qa", "en", 1, False, 0)
        return [(c.metric, c.value) for c in sentence_claims(s, call_period="Q3 2025", segments_rx=None)]

    assert qa("Over the last decade, we've put about $1 billion of capex into that business.") == []
    assert qa("Their margin equates to an EBITDA of about $17 million.") == []
    assert qa("Third quarter EBITDA was $4 million.") == [("ebitda", Decimal("4000000"))]


def test_per_share_figure_after_a_compared_amount_is_the_prior():
    assert claims("Net income was $19.4 million or $0.38 per diluted share, compared to $29.7 million or $0.58 per "
                  "diluted share a year ago.") == [("net_income", Decimal("19400000"), Decimal("29700000")),
                                                   ("eps", Decimal("0.38"), Decimal("0.58"))]
    assert claims("Adjusted EBITDA in the third quarter of $24 million was $2 million below the prior year quarter.",
                  call="Q3 2025") == [("adjusted_ebitda", Decimal("24000000"), None)]


def test_this_segment_refers_to_the_segment_just_named():
    import re

    from callnlp.extract.metrics import find_metrics_and_segments

    def s(text, i, turn=3):
        return Sentence(text, 0, len(text), turn, "Jane Roe", "executive", "prepared_remarks", "en", i, False, i)

    metrics, claims_ = find_metrics_and_segments(
        [s("Turning to Event Services.", 0), s("This segment recorded revenue of $528.7 million.", 1),
         s("Total revenue was $900 million.", 2), s("This segment grew revenue to $5.1 million.", 3, turn=4)],
        call_period="Q2 2021", segments_rx=re.compile(r"Event Services"))
    assert [(c.segment, c.value) for c in claims_] == [("Event Services", Decimal("528700000"))]
    # another speaker's turn does not inherit it
    assert [(c.segment, c.value) for c in metrics] == [(None, Decimal("900000000")), (None, Decimal("5100000"))]


def test_change_signs_impacts_ranges_and_hypotheticals():
    from callnlp.extract.metrics import sentence_claims

    def full(text):
        s = Sentence(text, 0, len(text), 3, "Jane Roe", "executive", "prepared_remarks", "en", 1, False, 0)
        return [(c.metric, c.value, c.change_pct) for c in sentence_claims(s, call_period="Q3 2025", segments_rx=None)]

    assert full("Adjusted operating expenses of $93 million were down $21 million or 18% year-over-year.") == [
        ("adjusted_operating_expenses", Decimal("93000000"), Decimal("-18"))]
    assert full("Net income also included a $0.10 per share negative impact of the storm.") == []
    assert full("The new consolidated revenue range is $3.261 billion to $3.329 billion.") == []
    assert full("Assuming we repurchased $3 billion of shares, dividends of $0.52 would not reach the trigger.") == []
    assert full("Deferred revenue at the end of the quarter was $41.9 million.") == []


def test_basis_named_after_the_metric_and_far_priors():
    assert claims("Net income on a non-GAAP basis in the third quarter was $87.5 million or $0.86 per diluted share, "
                  "compared to $79.3 million, or $0.76 per diluted share in Q3 of last year.") == [
        ("non_gaap_net_income", Decimal("87500000"), Decimal("79300000")),
        ("non_gaap_eps", Decimal("0.86"), Decimal("0.76"))]


def test_revenue_per_customer_is_not_revenue():
    assert claims("Our average revenue per large enterprise customer was about RMB1.0 million, up from RMB0.9 million.") == []


def test_conditional_and_aspirational_figures_are_not_results():
    assert claims("You can see our path to $10 billion of revenues in our deck.") == []
    assert claims("The refinancing would also result in interest expense savings of approximately $1.5 million.") == []
    assert claims("Revenue was $120 million, which would have been higher without the storm.") == [
        ("revenue", Decimal("120000000"), None)]
