"""Period normalisation, relative periods, year lists and the call's own period."""
from __future__ import annotations

import pytest

from callnlp.numbers import detect_call_period, find_periods, parse_period, parse_periods


@pytest.mark.parametrize(
    "text, call, expected",
    [
        ("third quarter of 2021", None, "Q3 2021"),
        ("the third-quarter 2020", None, "Q3 2020"),
        ("Q3 2021", None, "Q3 2021"),
        ("Q3'21", None, "Q3 2021"),
        ("3Q21", None, "Q3 2021"),
        ("4Q '21", None, "Q4 2021"),
        ("21Q3", None, "Q3 2021"),
        ("Q4 FY24", None, "FY2024 Q4"),
        ("first quarter of fiscal year 2026", None, "FY2026 Q1"),
        ("fiscal 2021 second quarter", None, "FY2021 Q2"),
        ("2021 third quarter", None, "Q3 2021"),
        ("fiscal 2022", None, "FY2022"),
        ("fiscal year 2022", None, "FY2022"),
        ("FY22", None, "FY2022"),
        ("full year 2021", None, "FY2021"),
        ("full-year 2021", None, "FY2021"),
        ("fiscal year 2025 ending February 28, 2025", None, "FY2025"),
        ("first half of 2022", None, "H1 2022"),
        ("H1 2021", None, "H1 2021"),
        ("1H21", None, "H1 2021"),
        ("first half", "Q3 2021", "H1 2021"),
        ("second half", "Q3 2021", "H2 2021"),
        ("next quarter", "Q3 2021", "Q4 2021"),
        ("this quarter", "Q3 2021", "Q3 2021"),
        ("last quarter", "Q1 2021", "Q4 2020"),
        ("the fourth quarter", "Q3 2021", "Q4 2021"),
        ("first quarter", "Q4 2021", "Q1 2022"),
        ("next quarter", "FY2026 Q4", "FY2027 Q1"),
        ("same quarter last year", "Q3 2021", "Q3 2020"),
        ("next year", "Q3 2021", "FY2022"),
        ("trailing 12-month period ended September 30, 2021", None, "TTM to 2021-09-30"),
        ("TTM", "Q3 2021", "TTM to 2021-09-30"),
        ("2021年第三季度", None, "Q3 2021"),
        ("2021 年第 3 季", None, "Q3 2021"),
        ("21 年第 4 季", None, "Q4 2021"),
        ("2026财年第一季度", None, "FY2026 Q1"),
        ("第四季", "Q3 2021", "Q4 2021"),
        ("四季度", "Q3 2021", "Q4 2021"),
        ("一季度", "Q4 2021", "Q1 2022"),
        ("上半年", "Q3 2021", "H1 2021"),
        ("下半年", "Q3 2021", "H2 2021"),
        ("2021年上半年", None, "H1 2021"),
        ("全年", "Q3 2021", "FY2021"),
        ("全年度", "Q3 2021", "FY2021"),
        ("明年", "Q3 2021", "FY2022"),
        ("去年同期", "Q3 2021", "Q3 2020"),
        ("下季度", "Q3 2021", "Q4 2021"),
        ("in 2021", None, "FY2021"),
    ],
)
def test_parse_period_forms(text, call, expected):
    assert parse_period(text, call_period=call) == expected


@pytest.mark.parametrize("text", ["next quarter", "第四季", "上半年", "明年", "July 31, 2025", "revenue grew", ""])
def test_parse_period_refuses_without_anchor(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2018-20 年", ["FY2018", "FY2019", "FY2020"]),
        ("18-20 年", ["FY2018", "FY2019", "FY2020"]),
        ("2018 年、2019 年和 2020 年", ["FY2018", "FY2019", "FY2020"]),
        ("2019-2021年", ["FY2019", "FY2020", "FY2021"]),
    ],
)
def test_parse_periods_year_lists(text, expected):
    assert parse_periods(text) == expected


def test_find_periods_spans():
    text = "Revenue in the third quarter of 2021 rose; for the fourth quarter we expect more."
    found = find_periods(text, call_period="Q3 2021")
    assert [p for _, p in found] == ["Q3 2021", "Q4 2021"]
    for (a, b), _ in found:
        assert "quarter" in text[a:b]


@pytest.mark.parametrize(
    "opening, expected",
    [
        ("Operator\nLadies and gentlemen, welcome to Zephyrine's Third Quarter 2021 Earnings Conference Call.",
         ("Q3 2021", "Zephyrine")),
        ("Hello, and thank you for standing by for Quillbar's First Quarter 2019 Earnings Conference Call.",
         ("Q1 2019", "Quillbar")),
        ("Greetings. Welcome to Orbel Industries First Quarter 2021 Earnings Call.",
         ("Q1 2021", "Orbel Industries")),
        ("Good day and welcome to the Vantor Learning Group fiscal year 2026 first quarter earnings call.",
         ("FY2026 Q1", "Vantor Learning Group")),
        ("Welcome to the Brindle Corp. 4Q 2019 Earnings Conference Call.", ("Q4 2019", "Brindle Corp.")),
        ("Welcome to Marlo Paper's Fourth Quarter and Full Year 2019 Earnings Conference Call.",
         ("Q4 2019", "Marlo Paper")),
        ("欢迎参加星云科技2021年第三季度业绩电话会。", ("Q3 2021", "星云科技")),
        ("歡迎參加 Zephyrine 的 2021 年第三季財報電話會議。", ("Q3 2021", "Zephyrine")),
        ("Company: Vantor Learning (示例)\nQuarter: Q1 2026\n\nWe discuss the first quarter of fiscal year 2026.",
         ("FY2026 Q1", "Vantor Learning")),
        ("Good morning. Thank you for joining.", (None, None)),
    ],
)
def test_detect_call_period(opening, expected):
    assert detect_call_period(opening) == expected


def test_detect_call_period_on_corpus_openings(shared_dir):
    calls = sorted((shared_dir / "corpus" / "calls").glob("*.txt"))
    assert calls
    found = 0
    for path in calls:
        period, _company = detect_call_period(path.read_text(encoding="utf-8"))
        stem = path.stem  # e.g. Baidu_2021Q3, TAL-Education_FY2026Q1_bilingual
        import re
        m = re.search(r"_(FY)?(\d{4})Q([1-4])", stem)
        if not m or period is None:
            continue
        want = f"FY{m.group(2)} Q{m.group(3)}" if m.group(1) else f"Q{m.group(3)} {m.group(2)}"
        assert period == want, (stem, period)
        found += 1
    assert found >= 20


@pytest.mark.parametrize(
    "text, expected",
    [
        ("For the full year 2025, we expect", "FY2025"),
        ("For 2020, we expect", "FY2020"),
        ("full-year sales", "FY2021"),
        ("for the year we expect", "FY2021"),
        ("for fiscal year '22 we", "FY2022"),
    ],
)
def test_year_forms(text, expected):
    assert parse_period(text, call_period="Q3 2021") == expected


def test_we_had_2020_stores_is_not_a_year():
    assert parse_period("we had 2,020 stores", call_period="Q3 2021") is None


@pytest.mark.parametrize(
    "opening, expected",
    [
        ("Operator: Welcome to the Zephyrine Third Quarter Earnings Call.\n\nJane Roe: Our results for fiscal 2021 "
         "were strong.", "FY2021 Q3"),
        ("Operator: Welcome to the quarterly earnings conference call.\n\nJane Roe: In our first-quarter results, "
         "revenue grew; our full-year 2021 outlook is unchanged versus 2020.", "Q1 2021"),
        ("Operator: Welcome to the Orbel Fourth Quarter Earnings Conference Call.\n\nJane Roe: 2020 was a hard year; "
         "for 2021 we expect growth, and 2021 should be better. In 2021 we will invest.", "Q4 2020"),
        # no quarter in the welcome: "during the second quarter" names it; a deadline year is not the call's
        ("Operator: Thank you for joining the Velmora conference call.\n\nJane Roe: We faced hard months during "
         "the second quarter of the year; sales in 2020 fell. We will finish the integration by the end of 2021, "
         "and savings arrive by 2021, into 2021.", "Q2 2020"),
        ("Operator: Welcome to the Harlan Earnings Call.\n\nJane Roe: During this year's fourth quarter, revenue "
         "rose. For 2020 we expect growth; 2020 will be better than 2019.", "Q4 2019"),
    ],
)
def test_detect_call_period_fallbacks(opening, expected):
    assert detect_call_period(opening)[0] == expected


def test_find_periods_does_not_start_inside_a_word():
    from callnlp.numbers.periods import find_periods

    for text in ("we have to payback half of it", "we launched our RISE2020 program", "the B2H line is on track"):
        assert find_periods(text, call_period="Q3 2021") == [], text
    assert [p for _, p in find_periods("EliteCRM第三季貢獻收入", call_period="Q3 2021")] == ["Q3 2021"]
    assert [p for _, p in find_periods("in the upcoming year", call_period="Q3 2021")] == ["FY2022"]


def test_a_comparison_quarter_is_not_the_calls_quarter():
    from callnlp.numbers.periods import detect_call_period
    text = ("Operator\n\nWelcome to Acme's fourth quarter earnings results conference call.\n\n"
            "Jane Roe -- Chief Executive Officer\n\nWe doubled volume compared to the fourth quarter of 2019. "
            "In 2021 we grew revenue 12%, and for 2022 we expect growth of 5% to 6%. In 2021 margins rose. "
            "Our 2022 outlook reflects 2021 momentum.")
    assert detect_call_period(text)[0] == "Q4 2021"
