"""The shipped topic taxonomy is complete and bilingual."""
from __future__ import annotations

import re

from callnlp.qa import load_taxonomy

EXPECTED = {
    "guidance", "revenue_growth", "margins", "segment_performance", "competition", "customers",
    "pricing", "costs", "capital_allocation", "m_and_a_partnerships", "international_expansion",
    "regulation", "macro_demand", "technology_ai", "supply_chain", "balance_sheet_cash",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_all_labels_present_once():
    tax = load_taxonomy()
    assert sorted(tax.ids) == sorted(EXPECTED)
    assert len({lab.display for lab in tax.labels}) == len(tax.labels)


def test_every_label_has_english_and_chinese_seeds_and_keywords():
    for lab in load_taxonomy().labels:
        assert 6 <= len(lab.seeds_en) <= 15, lab.id
        assert 6 <= len(lab.seeds_zh) <= 15, lab.id
        assert all(not CJK.search(s) for s in lab.seeds_en), lab.id
        assert all(CJK.search(s) for s in lab.seeds_zh), lab.id
        assert lab.keywords_en and lab.keywords_zh, lab.id
        assert lab.description and CJK.search(lab.display_zh), lab.id


def test_lookup_accepts_id_and_display_names():
    tax = load_taxonomy()
    assert tax.lookup("m_and_a_partnerships") == "m_and_a_partnerships"
    assert tax.lookup("M&A and partnerships") == "m_and_a_partnerships"
    assert tax.lookup("Tencent Cloud") is None
    assert tax.name("international_expansion", "display") == "international and overseas expansion"
