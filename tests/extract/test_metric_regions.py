"""Whose figure it is: a region or segment the sentence names, a walk-through's segment, or the company."""
from decimal import Decimal

import pytest

from callnlp.extract.metrics import sentence_claims
from callnlp.extract.sentences import Sentence


def claims(text, call="Q3 2025"):
    s = Sentence(text, 0, len(text), 3, "Jane Roe", "executive", "prepared_remarks", "en", 1, False, 0)
    return [(c.metric, c.segment, c.value) for c in sentence_claims(s, call_period=call, segments_rx=None)]


@pytest.mark.parametrize("text, region, metric, value", [
    ("International net sales declined 10% to $114 million.", "International", "revenue", "114000000"),
    ("In Canada, revenues nearly tripled sequentially to $14 million.", "Canada", "revenue", "14000000"),
    ("North America Q3 revenue was $1.2 billion, up 6%.", "North America", "revenue", "1200000000"),
    ("The Americas delivered revenues of $312.5 million in the quarter.", "Americas", "revenue", "312500000"),
    ("In the U.S., our plants delivered $82 million of EBITDA.", "U.S.", "ebitda", "82000000"),
])
def test_region_opening_a_sentence_is_the_figures_segment(text, region, metric, value):
    assert (metric, region, Decimal(value)) in claims(text)


@pytest.mark.parametrize("text", [
    "Total revenue was $900 million, with Europe up 4%.",
    "Revenue was $900 million, driven by strength in Europe.",
    "US GAAP net income was $40 million.",
    "Consolidated revenue was $2.1 billion.",
])
def test_company_figures_keep_no_region(text):
    assert all(seg is None for _, seg, _ in claims(text)), claims(text)


def test_europe_total_keeps_no_region_and_eps_is_company_level():
    assert claims("Europe aside, total revenue was $900 million.") == [("revenue", None, Decimal("900000000"))]
    assert all(seg is None for m, seg, _ in claims("International investors aside, EPS was $1.10.") if m == "eps")


def test_improved_by_an_amount_is_a_change_not_a_level():
    assert claims("Adjusted EBITDA improved $41 million or 35% over the prior year.") == []


@pytest.mark.parametrize("text, segment, metric, value", [
    ("Marrow segment revenues for the third quarter were $560 million, up 35%.", "Marrow", "revenue", "560000000"),
    ("Our Owned Trail Properties segment did well, with revenues of $258.9 million.", "Owned Trail Properties",
     "revenue", "258900000"),
    ("In our drilling and survey division, revenue was $1.7 billion.", "drilling and survey", "revenue", "1700000000"),
])
def test_a_segment_the_sentence_names_is_the_figures_segment(text, segment, metric, value):
    assert (metric, segment, Decimal(value)) in claims(text)


@pytest.mark.parametrize("text", [
    "Adjusted segment operating profit was $1 billion.",
    "Total segment revenue was $1 billion.",
    "Our largest segment had revenue of $1 billion.",
    "Each reportable segment grew; revenue was $1 billion.",
])
def test_generic_words_before_segment_are_no_name(text):
    assert all(seg is None for _, seg, _ in claims(text)), claims(text)


def test_a_rank_and_customers_added_are_not_customer_counts():
    assert not [c for c in claims("Our top 10 customers represented 78% of revenue.") if c[0] == "customers"]
    assert not [c for c in claims("We added over 1,900 new customers in the quarter.") if c[0] == "customers"]
    assert ("customers", None, Decimal("52000")) in claims("We ended the quarter with 52,000 customers.")


def _para(*texts, para=1):
    return [Sentence(t, 0, len(t), 3, "Jane Roe", "executive", "prepared_remarks", "en", para, False, i)
            for i, t in enumerate(texts)]


def test_a_walk_through_carries_its_segment_to_the_end_of_the_paragraph():
    from callnlp.extract.metrics import find_metrics_and_segments
    from callnlp.extract.segments import segment_pattern

    rx = segment_pattern(("Marine Coatings", "Harbor Tools"))
    sents = _para("Turning to our segment results, beginning with Marine Coatings.",
                  "First quarter sales were $220 million, up 10% from a year ago.",
                  "Total company operating profit was $90 million.") + _para(
                  "Operating margin was 13.6% for the quarter.", para=2)
    metrics, claims = find_metrics_and_segments(sents, call_period="Q1 2025", segments_rx=rx)
    assert ("revenue", "Marine Coatings", Decimal("220000000")) in [(c.metric, c.segment, c.value) for c in claims]
    assert {(c.metric, c.value) for c in metrics} >= {("operating_income", Decimal("90000000")),
                                                      ("operating_margin", Decimal("13.6"))}


def test_a_business_the_sentence_names_stops_the_carry_and_is_its_own_segment():
    assert ("revenue", "home repair", Decimal("108000000")) in claims(
        "Revenue in our home repair business totaled $108 million, up 7%.")
    assert all(seg is None for _, seg, _ in claims(
        "After the sale of our boat rental business, revenue was $500 million."))


def test_goals_are_not_results():
    assert claims("We continue our progress toward the 2030 goals of $8 billion in revenues.") == []


@pytest.mark.parametrize("text, metric, value, prior", [
    ("Our full-year tax rate of 19.4% improved 330 basis points from our 2024 tax rate of 22.7%.", "effective_tax_rate",
     "19.4", "22.7"),
    ("For the quarter, our effective tax rate was 28.1%, lower than last year's 31.5% tax rate.", "effective_tax_rate",
     "28.1", "31.5"),
    ("Share count declined by 9% from the prior year to 115.5 million shares.", "share_count", "115500000", None),
])
def test_the_older_periods_figure_after_a_comparison_is_the_prior(text, metric, value, prior):
    s = Sentence(text, 0, len(text), 3, "Jane Roe", "executive", "prepared_remarks", "en", 1, False, 0)
    got = [(c.metric, c.value, c.prior_value) for c in sentence_claims(s, call_period="Q4 2025", segments_rx=None)]
    assert (metric, Decimal(value), Decimal(prior) if prior else None) in got, got


def test_a_new_metric_after_last_year_is_not_a_prior():
    text = "The segment reported revenue of $249.2 million, up 6.5% versus last year with an operating profit of $26.9 million."
    s = Sentence(text, 0, len(text), 3, "Jane Roe", "executive", "prepared_remarks", "en", 1, False, 0)
    got = [(c.metric, c.value) for c in sentence_claims(s, call_period="Q4 2025", segments_rx=None)]
    assert ("operating_income", Decimal("26900000")) in got, got


def test_a_bridge_amount_is_a_change():
    assert claims("Volume, price and mix combined were a $0.04 year-over-year decrease.", call="Q4 2025") == []


def test_a_walk_through_of_regions_carries_the_region():
    from callnlp.extract.metrics import find_metrics_and_segments

    sents = _para("We estimate about 1% underlying growth for the region.", "Turning to Asia.",
                  "Revenues totaled $67.1 million in the quarter, a decline of 7.8%.")
    metrics, claims = find_metrics_and_segments(sents, call_period="Q2 2025", segments_rx=None)
    assert [(c.metric, c.segment, c.value) for c in claims] == [("revenue", "Asia", Decimal("67100000"))]
    assert not metrics


def test_a_sentence_opening_on_a_segment_gives_it_every_figure():
    got = claims("In our drilling and survey division, revenue was $1.7 billion, up 4%, while operating income was "
                 "$186 million, up 6%.")
    assert ("operating_income", "drilling and survey", Decimal("186000000")) in got, got


def test_naming_the_same_segment_again_keeps_the_walk_through():
    from callnlp.extract.metrics import find_metrics_and_segments
    from callnlp.extract.segments import segment_pattern

    sents = _para("Now to Harborline;", "Harborline revenue was $1.2 billion, up 3%.",
                  "Non-GAAP operating income in the quarter was $118 million.")
    metrics, claims = find_metrics_and_segments(sents, call_period="Q3 2025",
                                                segments_rx=segment_pattern(("Harborline",)))
    assert ("non_gaap_operating_income", "Harborline", Decimal("118000000")) in [
        (c.metric, c.segment, c.value) for c in claims]
