"""Property tests: round trip through a test-only formatter, totality, invariants."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from callnlp.errors import NumberParseError
from callnlp.numbers import parse_amount, parse_quantities

EN_SCALES = {"": 1, " thousand": 10**3, " million": 10**6, " billion": 10**9}
ZH_SCALES = {"": 1, "万": 10**4, "亿": 10**8, "萬": 10**4, "億": 10**8}
EN_CUR = {"RMB": "CNY", "US$": "USD", "HK$": "HKD", "NT$": "TWD", "€": "EUR", "£": "GBP", "$": "USD"}
ZH_CUR_PREFIX = {"人民币": "CNY", "人民幣": "CNY", "": "CNY"}
ZH_CUR_SUFFIX = {"元": "CNY", "美元": "USD", "港元": "HKD"}


def _fmt(value: Decimal, places: int, commas: bool) -> str:
    s = f"{value:,.{places}f}" if commas else f"{value:.{places}f}"
    return s


amounts = st.tuples(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999"), places=3,
                allow_nan=False, allow_infinity=False),
    st.integers(min_value=1, max_value=3),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from(sorted(EN_SCALES)), st.sampled_from(sorted(EN_CUR)),
       st.sampled_from(["", " "]))
@example((Decimal("16.4"), 1, False), " billion", "RMB", "")
@example((Decimal("276.1"), 1, True), " million", "RMB", "")
def test_roundtrip_english(amount, scale, cur, space):
    value, places, commas = amount
    value = value.quantize(Decimal(1).scaleb(-places))
    if value == 0:
        return
    text = f"revenue was {cur}{space}{_fmt(value, places, commas)}{scale} in the period"
    q = parse_amount(text)
    assert q.low == q.high == value * EN_SCALES[scale]
    assert q.unit == EN_CUR[cur]


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from(sorted(ZH_SCALES)), st.sampled_from(sorted(ZH_CUR_PREFIX)),
       st.sampled_from(sorted(ZH_CUR_SUFFIX)), st.sampled_from(["", " "]))
@example((Decimal("16.4"), 1, False), "亿", "", "元", "")
@example((Decimal("4530"), 1, True), "萬", "人民幣", "元", "")
def test_roundtrip_chinese(amount, scale, prefix, suffix, space):
    value, places, commas = amount
    value = value.quantize(Decimal(1).scaleb(-places))
    if value == 0:
        return
    if prefix and suffix != "元":
        prefix = ""
    text = f"营收为{prefix}{space}{_fmt(value, places, commas)}{space}{scale}{suffix}，同比增长"
    q = parse_amount(text)
    assert q.low == q.high == value * ZH_SCALES[scale]
    assert q.unit == (ZH_CUR_SUFFIX[suffix] if not prefix else "CNY")


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1),
       st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1),
       st.sampled_from(["% to ", "%至", "%-", " to ", "%–"]))
def test_roundtrip_percent_ranges(a, b, sep):
    text = f"growth of {a}{sep}{b}%"
    q = parse_amount(text)
    assert (q.low, q.high) == (min(a, b), max(a, b))
    assert q.unit == "%"


@settings(max_examples=400, deadline=None)
@given(st.text())
@example("1,")
@example("百分之")
@example("万一")
@example("$-")
@example("1/2/3/4/5")
@example("分别为 1、2 和 3 元")
@example("一" * 5000)
def test_parse_quantities_total(text):
    found = parse_quantities(text)
    assert isinstance(found, list)
    for q in found:
        assert q.low <= q.high
        a, b = q.char_span
        assert 0 <= a < b <= len(text)
        assert text[a:b] == q.text
    # parsing is deterministic
    assert parse_quantities(text) == found


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.,%$ -亿万元百千多约RMBmillion to年季Q分别/、和", max_size=60))
def test_parse_amount_returns_or_raises(text):
    try:
        q = parse_amount(text)
    except NumberParseError:
        return
    assert q.low <= q.high
