"""Checks against the shared corpus (skipped when ../shared is absent)."""
from __future__ import annotations

from decimal import Decimal

from callnlp.numbers import parse_quantities


def _mostly_ascii(line: str) -> bool:
    return bool(line) and sum(c.isascii() for c in line) / len(line) >= 0.9


def test_bilingual_rmb_amounts_match_their_translation(shared_dir):
    path = shared_dir / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    checked, differ = 0, []
    for en, zh in zip(lines, lines[1:]):
        if not _mostly_ascii(en) or sum(not c.isascii() for c in zh) < 5:
            continue
        zh_values = {v for q in parse_quantities(zh) if q.unit == "CNY" for v in (q.low, q.high)}
        for q in parse_quantities(en):
            if q.unit != "CNY":
                continue
            for v in {q.low, q.high}:
                checked += 1
                if v not in zh_values:
                    differ.append((q.text, v))
    assert checked >= 25
    # a translation may itself be wrong; allow very few, and list them when it fails
    assert len(differ) <= 2, differ


def test_research_report_respectively_lists(shared_dir):
    path = shared_dir / "corpus" / "seeds" / "cloopen_research_report_zh.txt"
    found = parse_quantities(path.read_text(encoding="utf-8"))
    with_period = [q for q in found if q.period]
    money = [q for q in with_period if q.unit == "CNY"]
    assert len(money) >= 30
    # every period-tagged list is a run of consecutive years
    years = [q.period for q in money]
    assert set(years) >= {"FY2018", "FY2019", "FY2020"}
    # the total-revenue list: three values, one per year, in 亿元 (1e8) units
    for q in money:
        assert q.low == q.high and abs(q.low) > Decimal(10**6)
    runs, run = [], [money[0]]
    for q in money[1:]:
        if q.char_span[0] - run[-1].char_span[1] <= 3:
            run.append(q)
        else:
            runs.append(run)
            run = [q]
    runs.append(run)
    assert sum(1 for r in runs if [q.period for q in r] == ["FY2018", "FY2019", "FY2020"]) >= 8
    text = path.read_text(encoding="utf-8")
    anchor = text.index("18-20 年总营收分别为") + len("18-20 年总营收分别为")
    first = [q for q in found if anchor <= q.char_span[0] < anchor + 40][:3]
    assert [q.period for q in first] == ["FY2018", "FY2019", "FY2020"]
    assert {q.unit for q in first} == {"CNY"}
    assert all(Decimal(10**8) <= q.low < Decimal(10**9) for q in first)


def test_corpus_files_parse_without_error(shared_dir):
    files = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        for q in parse_quantities(text):
            assert q.low <= q.high
            assert text[q.char_span[0]:q.char_span[1]] == q.text
