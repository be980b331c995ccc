"""Paragraph language (en, zh-Hans, zh-Hant) and English/Chinese translation pairing.

Reads paragraphs; adds a ``Lang`` per paragraph and attaches a Chinese paragraph to the English
one it follows as its ``translation``. It refuses to pair across speakers or to pair two paragraphs
of the same language.
"""
from __future__ import annotations

import re

from ..records import Lang

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Characters that exist only in one script (frequent in business text).
_HANT_ONLY = set(
    "們這個來時為們說對會經發後過還與麼當樣點開學問關間將號業務營收億萬財長產實現場應該從員現進運"
    "際區資變們總數據報體價協議網絡調華費電話議顧執處雲聯絡戶導權記錄態傳統識試齊爭準廣續預測購"
    "門類單視設計團隊臺灣億歲優質環請謝謂預計歸屬淨虧損額較毛利率達億與"
)
_HANS_ONLY = set(
    "们这个来时为们说对会经发后过还与么当样点开学问关间将号业务营收亿万财长产实现场应该从员现进运"
    "际区资变们总数据报体价协议网络调华费电话议顾执处云联络户导权记录态传统识试齐争准广续预测购"
    "门类单视设计团队台湾岁优质环请谢谓预计归属净亏损额较毛率达"
)
_HANT_ONLY -= _HANS_ONLY
_HANS_ONLY -= _HANT_ONLY


def detect_language(text: str) -> Lang:
    """Language of one paragraph by script share; ties of Traditional/Simplified go to Simplified.

    Example:
        >>> detect_language("營收年增44.3%").value
        'zh-Hant'
    """
    sample = text[:4000]
    cjk = len(_CJK.findall(sample))
    latin_words = len(re.findall(r"[A-Za-z]{2,}", sample))
    if cjk == 0 and latin_words == 0:
        return Lang.OTHER
    # A Chinese paragraph with English brand names still reads as Chinese.
    if cjk >= 4 and cjk >= latin_words * 1.5:
        hant = sum(1 for c in sample if c in _HANT_ONLY)
        hans = sum(1 for c in sample if c in _HANS_ONLY)
        return Lang.ZH_HANT if hant > hans else Lang.ZH_HANS
    if latin_words:
        return Lang.EN
    return Lang.ZH_HANS


def is_chinese(lang: Lang) -> bool:
    return lang in (Lang.ZH_HANS, Lang.ZH_HANT)
