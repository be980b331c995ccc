"""A reported figure takes the longer period named before it ("full year") rather than the call's quarter."""
from __future__ import annotations

import callnlp

CALL = """Prepared Remarks:

Operator

Welcome to the Acme Widgets fourth quarter 2025 earnings call.

Jane Roe -- Chief Financial Officer

Thank you. Fourth quarter revenue was $1.02 billion, up 8% year-over-year, and full year revenue was $3.85 billion, up 6%. Net income for the quarter was $81.5 million.

Operator

This concludes the call.
"""


def test_metric_period_follows_the_period_named_before_the_figure():
    s = callnlp.summarize(CALL, profile="fast")
    got = {(m.metric, m.period, int(m.value)) for m in s.metrics}
    assert ("revenue", "Q4 2025", 1020000000) in got
    assert ("revenue", "FY2025", 3850000000) in got
    assert ("net_income", "Q4 2025", 81500000) in got


def _period_of(text, call="Q4 2025"):
    from callnlp.extract.metrics import sentence_claims
    from callnlp.extract.sentences import Sentence

    s = Sentence(text, 0, len(text), 3, "Jane Roe", "executive", "prepared_remarks", "en", 1, False, 0)
    return [(c.metric, c.period) for c in sentence_claims(s, call_period=call, segments_rx=None)]


def test_record_annual_results_are_the_year_not_the_quarter():
    got = _period_of("We achieved record annual gross profit of $3.3 billion and record net income of $701.5 million.")
    assert got and all(p == "FY2025" for _, p in got), got


def test_annual_recurring_revenue_is_no_period_word():
    assert _period_of("Annual recurring revenue was $420 million at quarter end.") == [("arr", "Q4 2025")]


def test_the_calls_quarter_named_the_calendar_way_keeps_the_calls_label():
    got = _period_of("For the 2025 third quarter, net sales were $106.0 million.", call="FY2025 Q3")
    assert got == [("revenue", "FY2025 Q3")], got
