"""Paragraph language for the structure stages (en, zh-Hans, zh-Hant).

The rule lives in ``callnlp.tokenize.script.detect_language`` (CJK share of CJK + Latin letters,
Traditional vs Simplified by script-only characters); this module re-exports it for the segmenter.
"""
from __future__ import annotations

from ..records import Lang
from ..tokenize.script import detect_language

__all__ = ["detect_language", "is_chinese"]


def is_chinese(lang: Lang) -> bool:
    return lang in (Lang.ZH_HANS, Lang.ZH_HANT)
