"""'zero to 3%' is a range from 0."""
from decimal import Decimal

from callnlp.numbers.parse import parse_quantities


def test_zero_word_starts_a_range_and_spans_stay_true():
    text = "revenue will increase zero to 3% next year"
    (q,) = parse_quantities(text)
    assert (q.low, q.high, q.unit) == (Decimal("0"), Decimal("3"), "%")
    assert text[q.char_span[0]:q.char_span[1]] == q.text == "zero to 3%"
    assert parse_quantities("zero defects") == []
