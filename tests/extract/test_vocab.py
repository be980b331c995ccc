"""The metric vocabulary: English and Chinese surface forms, qualifiers."""
import pytest

from callnlp.extract.vocab import VOCABULARY, find_metrics, unit_fits


@pytest.mark.parametrize("text,names", [
    ("adjusted EPS of $1.01 and gross margin of 40%", ["adjusted_eps", "gross_margin"]),
    ("Cost of revenues increased by 31.8%", ["cost_of_revenue"]),
    ("Sales and marketing expenses rose; G&A expenses fell", ["sales_marketing_expenses", "ga_expenses"]),
    ("non-GAAP net income per diluted share", ["non_gaap_eps"]),
    ("organic sales grew", ["organic_revenue"]),
    ("營收成長，毛利率提升", ["revenue", "gross_margin"]),
    ("净亏损收窄，研发费用增加", ["net_loss", "rd_expenses"]),
    ("淨虧損", ["net_loss"]),
    ("经调整净利润", ["adjusted_net_income"]),
    ("全年研发费用率", ["rd_expense_ratio"]),
    ("the earnings call", []),
])
def test_find_metrics(text, names):
    assert [m.name for m in find_metrics(text)] == names


def test_spans_point_at_the_words():
    text = "We expect net revenues of $5 million."
    (m,) = find_metrics(text)
    assert text[m.start:m.end] == "net revenues"


def test_names_are_snake_case_and_unique():
    names = [n for n, *_ in VOCABULARY]
    assert len(names) == len(set(names))
    assert all(n == n.lower() and " " not in n for n in names)


def test_unit_fits():
    assert unit_fits("money", "CNY", False) and not unit_fits("money", "%", False)
    assert unit_fits("ratio", "%", False) and not unit_fits("ratio", "USD", False)
