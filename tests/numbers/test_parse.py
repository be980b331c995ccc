"""Tables of English and Chinese amounts, ranges, hedges, units and non-quantities."""
from __future__ import annotations

import time
from decimal import Decimal as D
import random

import pytest

from callnlp.errors import NumberParseError
from callnlp.numbers import parse_amount, parse_quantities


def one(text, **kw):
    found = parse_quantities(text, **kw)
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("RMB276.1 million", "276100000", "276100000", "CNY"),
        ("Rmb 5.5 million", "5500000", "5500000", "CNY"),
        ("US$1.2 billion", "1200000000", "1200000000", "USD"),
        ("USD 200 million", "200000000", "200000000", "USD"),
        ("HK$3.4bn", "3400000000", "3400000000", "HKD"),
        ("NT$12.5 billion", "12500000000", "12500000000", "TWD"),
        ("¥800", "800", "800", "CNY"),
        ("€5 million", "5000000", "5000000", "EUR"),
        ("£3bn", "3000000000", "3000000000", "GBP"),
        ("$45k", "45000", "45000", "USD"),
        ("5,480.4 million RMB", "5480400000", "5480400000", "CNY"),
        ("2.761 億元", "276100000", "276100000", "CNY"),
        ("人民币1,200万元", "12000000", "12000000", "CNY"),
        ("人民幣1,200萬元", "12000000", "12000000", "CNY"),
        ("4,530萬元", "45300000", "45300000", "CNY"),
        ("三千二百万元", "32000000", "32000000", "CNY"),
        ("三千二百萬元", "32000000", "32000000", "CNY"),
        ("1.465亿", "146500000", "146500000", None),
        ("16.4亿", "1640000000", "1640000000", None),
        ("498億元人民幣", "49800000000", "49800000000", "CNY"),
        ("5.75亿美元", "575000000", "575000000", "USD"),
        ("2510万美元", "25100000", "25100000", "USD"),
        ("1.2万亿元", "1200000000000", "1200000000000", "CNY"),
        ("3千万元", "30000000", "30000000", "CNY"),
        ("百分之二十六点八", "26.8", "26.8", "%"),
        ("百分之26.8", "26.8", "26.8", "%"),
        ("44.3%", "44.3", "44.3", "%"),
        ("44.3％", "44.3", "44.3", "%"),
        ("44.3 percent", "44.3", "44.3", "%"),
        ("44.3 per cent", "44.3", "44.3", "%"),
        ("200 basis points", "200", "200", "bp"),
        ("50bps", "50", "50", "bp"),
        ("3 percentage points", "3", "3", "pp"),
        ("3 个百分点", "3", "3", "pp"),
        ("1.5 個百分點", "1.5", "1.5", "pp"),
        ("219 customers", "219", "219", "count"),
        ("6,000 active customers", "6000", "6000", "count"),
        ("219 large enterprise customers", "219", "219", "count"),
        ("219 个", "219", "219", "count"),
        ("13,000 家", "13000", "13000", "count"),
        ("1.9 million shares", "1900000", "1900000", "count"),
        ("950 per week", "950", "950", None),
        ("2.5x", "2.5", "2.5", None),
        ("one million", "1000000", "1000000", None),
        ("two billion dollars", "2000000000", "2000000000", "USD"),
        ("half a billion", "500000000", "500000000", None),
        ("ten percent", "10", "10", "%"),
        ("-2.1 亿元", "-210000000", "-210000000", "CNY"),
        ("净亏损为-0.9 亿元", "-90000000", "-90000000", "CNY"),
    ],
)
def test_parse_quantities_point_values(text, low, high, unit):
    q = one(text)
    assert (q.low, q.high, q.unit) == (D(low), D(high), unit)
    assert text[q.char_span[0]:q.char_span[1]] == q.text


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("26.8% to 28.7%", "26.8", "28.7", "%"),
        ("26.8%至28.7%", "26.8", "28.7", "%"),
        ("15%-20%", "15", "20", "%"),
        ("15%–20%", "15", "20", "%"),
        ("18 to 25 percent", "18", "25", "%"),
        ("5% - 6%", "5", "6", "%"),
        ("between RMB328 million and RMB333 million", "328000000", "333000000", "CNY"),
        ("介于3.28億元至3.33億元之间", "328000000", "333000000", "CNY"),
        ("在3.28亿元至3.33亿元之间", "328000000", "333000000", "CNY"),
        ("3.28至3.33亿元", "328000000", "333000000", "CNY"),
        ("$1.25 to $1.33 billion", "1250000000", "1330000000", "USD"),
        ("$1.82 billion to $1.83 billion", "1820000000", "1830000000", "USD"),
        ("$900 million to $1.1 billion", "900000000", "1100000000", "USD"),
        ("range from $23.45 billion to $23.87 billion", "23450000000", "23870000000", "USD"),
        ("$5-$6 per share", "5", "6", "USD"),
        ("-5% to -3%", "-5", "-3", "%"),
    ],
)
def test_parse_quantities_ranges(text, low, high, unit):
    q = one(text)
    assert (q.low, q.high, q.unit) == (D(low), D(high), unit)
    assert q.is_range and q.low <= q.high


@pytest.mark.parametrize(
    "text, values",
    [
        ("RMB 328 million and RMB333 million", ["328000000", "333000000"]),
        ("grew 31.8% to RMB156 million", ["31.8", "156000000"]),
        ("rose from 38.1% to 43.5%", ["38.1", "43.5"]),
        ("从38.1%提升至43.5%", ["38.1", "43.5"]),
        ("raising our dividend by $0.01 to $0.38 per quarter", ["0.01", "0.38"]),
    ],
)
def test_parse_quantities_not_ranges(text, values):
    found = parse_quantities(text)
    assert [str(q.low) for q in found] == values
    assert not any(q.is_range for q in found)


@pytest.mark.parametrize(
    "text, approx",
    [
        ("over 400%", "over"), ("more than 10%", "over"), ("超过10亿美元", "over"),
        ("逾5000万元", "over"), ("400%以上", "over"), ("一千多万元", "over"), ("1000多万元", "over"),
        ("about RMB54 million", "about"), ("approximately $1.5 billion", "about"),
        ("around 35%", "about"), ("roughly $75 million", "about"), ("约2.761亿元", "about"),
        ("35%左右", "about"), ("近5000万元", "about"), ("nearly 20%", "about"),
        ("under 5%", "under"), ("less than 10 percent", "under"), ("不到10%", "under"),
        ("at least $2 billion", "at_least"), ("至少5亿元", "at_least"),
        ("up to 5%", "at_most"), ("at most $3 million", "at_most"), ("最多3亿元", "at_most"),
        ("44.3%", None),
    ],
)
def test_parse_quantities_hedges(text, approx):
    assert one(text).approx == approx


def test_parse_quantities_approx_over_keeps_floor():
    q = one("一千多万元")
    assert q.low == q.high == D(10_000_000) and q.approx == "over" and q.unit == "CNY"


@pytest.mark.parametrize(
    "text",
    ["$0.42 per share", "$0.42 per diluted share", "$1.10 a share", "$0.50 per ADS",
     "每股0.5元", "0.5元/股", "diluted EPS of $1.01", "$0.87 per basic and diluted share"],
)
def test_parse_quantities_per_share(text):
    q = one(text)
    assert q.per_share and q.unit in ("USD", "CNY")


@pytest.mark.parametrize(
    "text, label, low, high",
    [
        ("mid-single digits", "mid-single digits", 4, 6),
        ("low single digits", "low-single digits", 1, 3),
        ("high single-digit growth", "high-single digits", 7, 9),
        ("mid-to-high single digits", "mid-to-high single digits", 4, 9),
        ("low- to mid-single digit", "low-to-mid single digits", 1, 6),
        ("low double digits", "low-double digits", 10, 13),
        ("double-digit growth", "double digits", 10, 99),
        ("high teens", "high-teens", 17, 19),
        ("mid-teens", "mid-teens", 14, 16),
        ("mid-20%", "mid-twenties", 24, 26),
        ("高个位数增长", "high-single digits", 7, 9),
        ("两位数增长", "double digits", 10, 99),
    ],
)
def test_parse_quantities_qualitative(text, label, low, high):
    q = one(text)
    assert (q.qualitative, q.low, q.high, q.unit) == (label, D(low), D(high), "%")


@pytest.mark.parametrize(
    "text",
    ["in 2021", "FY2022", "2021年", "21年", "Q3", "3Q21", "4Q '21", "第三季度", "三季度", "1) first",
     "(2) second", "2nd", "July 31, 2025", "2021-09-30", "9/30/2021", "8 a.m.", "8:30", "(00:00:13)",
     "+1 (412) 317-6671", "400-888-1234", "COVID-19", "Form 20-F", "10-K", "0700.HK", "5G", "GB10",
     "slide 5", "page 12", "2021年9月30日", "3个月", "进一步", "一个问题", "十分重要", "千万不要",
     "数十亿", "[ 6] [EN]", "18-20 年", "2018-20", "fiscal '22"],
)
def test_parse_quantities_not_quantities(text):
    assert parse_quantities(text) == []


def test_parse_quantities_context_resolves_symbols():
    assert one("¥500 million").unit == "CNY"
    assert one("¥500 million", context="JPY").unit == "JPY"
    assert one("营收30亿元", context="TWD").unit == "TWD"
    assert one("$5 million", context="HKD").unit == "HKD"


def test_parse_quantities_slash_list_with_periods():
    text = "公司 18-20 年总营收分别为 2.55/3.45/4.00 亿元，19-20 年分别同比增长 35.29%/15.88%。"
    found = parse_quantities(text)
    got = [(q.period, q.low, q.unit) for q in found]
    assert got == [
        ("FY2018", D(255000000), "CNY"), ("FY2019", D(345000000), "CNY"),
        ("FY2020", D(400000000), "CNY"), ("FY2019", D("35.29"), "%"), ("FY2020", D("15.88"), "%"),
    ]


def test_parse_quantities_respectively_list_with_enumerated_years():
    text = "在 2019 年、2020 年和 2021 年的收入分别为人民币 1.5 亿元、2.25 亿元和 3 亿元。"
    found = parse_quantities(text)
    assert [(q.period, q.low) for q in found] == [
        ("FY2019", D(150000000)), ("FY2020", D(225000000)), ("FY2021", D(300000000))]
    assert {q.unit for q in found} == {"CNY"}


def test_parse_quantities_spans_point_into_original_text():
    text = "Revenue was RMB276.1 million, up 44.3% year-over-year; 大客户数 219 个。"
    for q in parse_quantities(text):
        assert text[q.char_span[0]:q.char_span[1]] == q.text
    assert [q.unit for q in parse_quantities(text)] == ["CNY", "%", "count"]


def test_parse_quantities_no_float_drift():
    for s, v in [("16.4亿", 1640000000), ("0.1亿", 10000000), ("1.1 million", 1100000),
                 ("0.07 billion", 70000000), ("2.3 万", 23000)]:
        assert one(s).low == D(v)


def test_parse_amount_one_or_error():
    assert parse_amount("约2.761亿元").approx == "about"
    assert parse_amount("26.8% to 28.7%").high == D("28.7")
    for bad in ["", "no numbers here", "RMB1 million and RMB2 million", "2021"]:
        with pytest.raises(NumberParseError):
            parse_amount(bad)


def test_parse_quantities_linear_time_on_random_megabyte():
    rng = random.Random(7)
    prose = "abcdefghijklmnopqrstuvwxyz     ,.0123456789%$-/亿万元约多"
    text = "".join(rng.choice(prose) for _ in range(1_000_000))
    t0 = time.perf_counter()
    found = parse_quantities(text)
    assert time.perf_counter() - t0 < 15
    assert all(q.low <= q.high for q in found)
    # digit-dense text is the worst case: still linear
    dense = "0123456789.,%$ -–/亿万元百千多约超过RMBmillion to and between 年季Q\n"
    small = "".join(rng.choice(dense) for _ in range(100_000))
    t0 = time.perf_counter()
    parse_quantities(small)
    per_char_small = (time.perf_counter() - t0) / len(small)
    t0 = time.perf_counter()
    parse_quantities(small * 3)
    per_char_big = (time.perf_counter() - t0) / (3 * len(small))
    assert per_char_big < 3 * per_char_small + 1e-6


def test_parse_quantities_pathological_repetitions_are_fast():
    for chunk in ["1,", "1.", "- ", "百", "一", "a ", "$", "RMB ", "1/", "分别"]:
        t0 = time.perf_counter()
        parse_quantities(chunk * 20_000)
        assert time.perf_counter() - t0 < 5, chunk


@pytest.mark.parametrize(("text", "want"), [
    ("我们是唯一一家提供该服务的公司", []),
    ("SG&A as a percent of sales was 12%", [("12", "12", "%")]),
    ("margins of 27% -- 23.7% this year", [("27", "27", "%"), ("23.7", "23.7", "%")]),
    ("revenue of $205.7 [Phonetic] million", [("205700000", "205700000", "USD")]),
])
def test_parse_regressions_found_by_the_checks(text, want):
    got = [(str(q.low), str(q.high), q.unit) for q in parse_quantities(text)]
    assert got == want


def test_ranges_written_with_and_direction_words_and_times():
    q = parse_quantities("adjusted EPS of $3.20 and $3.40 or 12% growth")
    assert (q[0].low, q[0].high, q[0].per_share) == (D("3.20"), D("3.40"), True)
    (q,) = parse_quantities("we expect revenue to range from $3.025 billion and $3.055 billion.")
    assert (q.low, q.high) == (D("3025000000"), D("3055000000"))
    (q,) = parse_quantities("net sales to decline in the range of down 10% to down 4%.")
    assert (q.low, q.high, q.text) == (D("-10"), D("-4"), "down 10% to down 4%")
    (q,) = parse_quantities("a negative 2% to positive 1% change")
    assert (q.low, q.high) == (D("-2"), D("1"))
    (q,) = parse_quantities("to end the year at 3.9 times to 4.0 times")
    assert (q.low, q.high) == (D("3.9"), D("4.0"))
    a, b = parse_quantities("sales of $5 million and $6 million, respectively")
    assert a.low == a.high and b.low == b.high


@pytest.mark.parametrize("text,want", [
    ("a consolidated range of $2.42 and to $2.62 per diluted share", [("2.42", "2.62")]),
    ("revenue will be in the $4.20 [Phonetic] to $4.325 billion", [("4200000000", "4325000000")]),
    ("EPS could range from $0.71 to $0.86 on a GAAP basis and from $0.98 to $1.13 on a non-GAAP basis",
     [("0.71", "0.86"), ("0.98", "1.13")]),
    ("comparable sales growth of flat to 2%", [("0", "2")]),
    ("revenue flat to down 3 percent", [("-3", "0")]),
    ("free cash flow was negative $6.1 million", [("-6100000", "-6100000")]),
    # still two values: a change, not a range; "flat to" a year is no figure
    ("margin improved from 48.6% to 50.2% and from 14.5% to 15%",
     [("48.6", "48.6"), ("50.2", "50.2"), ("14.5", "14.5"), ("15", "15")]),
    ("sales were flat to 2019 at 5%", [("5", "5")]),
])
def test_range_connectors_flat_and_negative_words(text, want):
    assert [(str(q.low), str(q.high)) for q in parse_quantities(text)] == want
