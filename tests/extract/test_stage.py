"""The extract stage through ``callnlp.summarize`` on invented calls, the sample transcripts and the corpus."""
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from callnlp import summarize

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CALLNLP_SHARED", ROOT.parent / "shared"))
CLOOPEN = SHARED / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"

CALL = """Operator

Welcome to the Zephyr Robotics Third Quarter 2021 Earnings Conference Call.

Mia Chen -- Chief Financial Officer

Revenue for the third quarter was $120.5 million, up 18.2% year-over-year. Gross margin was 41.0% compared with 38.5% in the third quarter of 2020. Our Nimbus business generated $30.2 million in revenue, a 45.0% year-over-year increase. Our Nimbus business now serves over 900 active customers.
For the fourth quarter of 2021, we expect revenue of $126 million to $130 million, representing growth of 10% to 14% year-over-year.

Questions and Answers:

Operator

Our first question comes from Tom Park with Lantern Capital.

Tom Park -- Lantern Capital -- Analyst

If I take your guidance, fourth-quarter revenue would be about $128 million at the midpoint?

Mia Chen -- Chief Financial Officer

That is right.
"""


@pytest.fixture(scope="module")
def zephyr():
    return summarize(CALL).to_dict()


def test_guidance_item(zephyr):
    (g,) = zephyr["guidance"]
    assert (g["metric"], g["period"], g["low"], g["high"], g["unit"]) == ("revenue", "Q4 2021", 126000000, 130000000, "USD")
    assert (g["growth_low_pct"], g["growth_high_pct"], g["basis"], g["status"]) == (10, 14, "yoy", "new")
    assert g["speaker"] == "Mia Chen"
    a, b = g["char_span"]
    assert CALL.replace("\r", "")[a:b] == g["evidence"]


def test_headline_and_segment(zephyr):
    rev = next(m for m in zephyr["metrics"] if m["metric"] == "revenue")
    assert (rev["value"], rev["change_pct"], rev["basis"], rev["period"]) == (120500000, 18.2, "yoy", "Q3 2021")
    gm = next(m for m in zephyr["metrics"] if m["metric"] == "gross_margin")
    assert (gm["value"], gm["prior_value"], gm["unit"]) == (41, 38.5, "%")
    seg = {(c["segment"], c["metric"]): c for c in zephyr["segment_claims"]}
    assert seg[("Nimbus", "revenue")]["value"] == 30200000 and seg[("Nimbus", "revenue")]["change_pct"] == 45
    assert seg[("Nimbus", "active_customers")]["approx"] == "over"


def test_every_item_has_evidence(zephyr):
    for key in ("metrics", "segment_claims", "guidance"):
        for it in zephyr[key]:
            a, b = it["char_span"]
            assert it["evidence"] and CALL[a:b] == it["evidence"] and it["turn"] is not None


SAMPLES = sorted((ROOT / "transcripts").glob("*.expected.json"))


@pytest.mark.parametrize("expected", SAMPLES, ids=lambda p: p.stem)
def test_sample_guidance_ranges(expected):
    """Every expected guidance range with numbers is found with its metric and period (known misses listed)."""
    exp = json.loads(expected.read_text(encoding="utf-8"))
    src = expected.with_name(expected.name.replace(".expected.json", ".txt"))
    got = summarize(src).to_dict()["guidance"]
    known_misses = {("hanxin_2025q1_zh", "gross_margin"), ("kestrel_2023q2_refinitiv", "effective_tax_rate"),
                    ("kestrel_2023q2_refinitiv", "segment_operating_margin")}
    for g in exp.get("guidance", []):
        if g.get("low") is None or (expected.name.split(".")[0], g["metric"]) in known_misses:
            continue
        assert any(it["metric"] == g["metric"] and it["period"] == g["period"] and it["low"] == pytest.approx(g["low"])
                   and (g.get("high") is None or it["high"] == pytest.approx(g["high"])) for it in got), g
    assert len(got) <= len(exp.get("guidance", [])) + 1


def _need_shared():
    if not CLOOPEN.exists():
        pytest.skip("../shared not present")


def test_cloopen_gold_areas():
    _need_shared()
    d = summarize(CLOOPEN).to_dict()
    (g,) = d["guidance"]
    assert (g["period"], g["low"], g["high"], g["growth_low_pct"], g["growth_high_pct"]) == ("Q4 2021", 328000000, 333000000, 26.8, 28.7)
    assert g["languages"] == ["en", "zh"]
    names = {m["metric"] for m in d["metrics"]}
    assert {"revenue", "gross_margin", "cost_of_revenue", "gross_profit", "net_loss", "rd_expenses"} <= names
    segs = {(c["segment"], c["metric"]) for c in d["segment_claims"]}
    assert {("CC", "revenue"), ("RongCC", "revenue"), ("7moor", "revenue"), ("CPaaS", "gross_margin"),
            ("UC&C", "active_customers")} <= segs


def test_cloopen_chinese_lines_only():
    """The call with its English lines stripped (Chinese lines and doubled speaker lines kept)."""
    _need_shared()
    lines = CLOOPEN.read_text(encoding="utf-8").split("\n")
    keep = []
    for i, line in enumerate(lines):
        doubled = line.strip() and ((i + 1 < len(lines) and lines[i + 1].strip() == line.strip())
                                    or (i and lines[i - 1].strip() == line.strip()))
        if not line.strip() or doubled or re.search(r"[\u4e00-\u9fff]", line):
            keep.append(line)
    d = summarize("\n".join(keep)).to_dict()
    (g,) = d["guidance"]
    assert (g["period"], g["low"], g["high"], g["unit"]) == ("Q4 2021", 328000000, 333000000, "CNY")
    assert (g["growth_low_pct"], g["growth_high_pct"], g["languages"]) == (26.8, 28.7, ["zh"])
