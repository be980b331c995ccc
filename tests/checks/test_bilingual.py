"""Bilingual reconciliation on small invented paragraphs (fictional company, our own text)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from callnlp.checks.bilingual import find_untranslated, power_of_ten_slip, reconcile_paragraph, same_figure
from callnlp.numbers import parse_amount
from callnlp.records import Lang, Paragraph


def para(text: str, lang: Lang, start: int = 0) -> Paragraph:
    return Paragraph(text, (start, start + len(text)), lang)


def kinds(checks, severity=None):
    return [c.kind for c in checks if severity is None or c.severity == severity]


@pytest.mark.parametrize("en, zh", [
    ("RMB276.1 million", "2.761 億元"),
    ("RMB45.3 million", "人民幣4,530萬元"),
    ("RMB1.2 billion", "人民幣12億元"),
    ("44.3%", "44.3%"),
    ("5 percentage points", "5個百分點"),
    ("about RMB12 million", "約人民幣1,200萬元"),
    ("RMB328 million to RMB333 million", "3.28億元至3.33億元"),
])
def test_same_figure_across_languages(en, zh):
    assert same_figure(parse_amount(en), parse_amount(zh))


@pytest.mark.parametrize("en, zh, k", [
    ("RMB45.3 million", "人民幣45.3億元", 2),
    ("RMB1.2 billion", "人民幣1.2百萬元", -3),
    ("RMB8.6 thousand", "人民幣8.6億元", 5),
    ("RMB276.1 million", "2.761 億元", None),
])
def test_power_of_ten_slip(en, zh, k):
    a, b = parse_amount(en), parse_amount(zh)
    assert power_of_ten_slip(a, b) == k


def test_consistent_paragraph_gives_nothing():
    en = para("Revenue was RMB276.1 million, up 44.3%, and we served 219 large customers.", Lang.EN)
    zh = para("營收為人民幣2.761億元，年增44.3%，我們服務了219個大型客戶。", Lang.ZH_HANT, 200)
    assert reconcile_paragraph(en, zh, 3) == []


def test_wan_yi_slip_is_reported_with_both_values():
    en = para("Other income was RMB3.2 million in the quarter.", Lang.EN)
    zh = para("本季其他收入為人民幣320億元。", Lang.ZH_HANT, 100)
    out = reconcile_paragraph(en, zh, 5)
    assert kinds(out) == ["bilingual_mismatch"]
    c = out[0]
    assert c.severity == "warning" and c.turn == 5
    assert "RMB3.2 million" in c.message and "人民幣320億元" in c.message and "10,000x" in c.message
    assert c.expected == Decimal("3200000") and c.found == Decimal("32000000000")
    assert c.evidence == en.text and c.char_span == (0, len(en.text))
    assert c.other_evidence == zh.text


def test_changed_percentage_is_a_mismatch():
    en = para("Gross margin was 38.1% this quarter.", Lang.EN)
    zh = para("本季毛利率為31.8%。", Lang.ZH_HANT)
    assert kinds(reconcile_paragraph(en, zh, 1)) == ["bilingual_mismatch"]


def test_dropped_money_is_a_warning_and_small_counts_are_ignored():
    en = para("We added 2 products; revenue was RMB50.5 million and costs were RMB20.1 million.", Lang.EN)
    zh = para("我們新增了產品；營收為人民幣5,050萬元。", Lang.ZH_HANT)
    out = reconcile_paragraph(en, zh, 1)
    assert kinds(out) == ["missing_in_translation"]
    assert out[0].severity == "warning" and "RMB20.1 million" in out[0].message


def test_extra_figure_in_translation_is_info():
    en = para("Revenue was RMB50.5 million.", Lang.EN)
    zh = para("營收為人民幣5,050萬元，客戶數為1,200家。", Lang.ZH_HANT)
    out = reconcile_paragraph(en, zh, 1)
    assert kinds(out) == ["missing_in_translation"] and out[0].severity == "info"


def test_no_figures_on_one_side_says_nothing():
    en = para("(foreign language)", Lang.EN)
    zh = para("營收為人民幣5,050萬元。", Lang.ZH_HANT)
    assert reconcile_paragraph(en, zh, 1) == []


def test_untranslated_sentence_is_found_with_its_span():
    text = "謝謝。Our subscription revenue grew by over 60% this quarter thanks to new bank customers. 至於毛利率，我們預計持平。"
    zh = para(text, Lang.ZH_HANT, 1000)
    out = find_untranslated(zh, 7)
    assert kinds(out) == ["untranslated_text"]
    c = out[0]
    assert c.evidence.startswith("Our subscription revenue") and c.evidence.endswith("customers.")
    a, b = c.char_span
    assert text[a - 1000:b - 1000] == c.evidence


@pytest.mark.parametrize("text", [
    "我們的CC業務和SaaS產品表現良好，EliteCRM貢獻了收入。",
    "問題來自 Morgan Lynch Securities 的 Grace Tan。",
    "我們的合作夥伴包括 Alpha Cloud, Beta Systems, Gamma Data, Delta Soft, Epsilon Labs and Zeta Works。",
])
def test_brand_names_and_name_lists_are_not_untranslated(text):
    assert find_untranslated(para(text, Lang.ZH_HANT), 0) == []


def test_verbal_range_matches_figures_in_the_translation():
    from callnlp.checks.bilingual import reconcile_paragraph
    from callnlp.records import Lang, Paragraph

    en = Paragraph("We expect CPaaS gross margin to stay in the low-to-mid twenties.", (0, 64), Lang.EN)
    zh = Paragraph("我們預計CPaaS毛利率將維持在20%出頭至25%左右。", (65, 93), Lang.ZH_HANT)
    assert reconcile_paragraph(en, zh, 3) == []
