"""Bilingual tokenizer: English through spaCy's blank tokenizer, Chinese through OpenCC + jieba.

Reads: text (a paragraph or more) and optionally its language. Adds: ``Token`` records whose
spans point into the ORIGINAL text (plus ``offset``), and sentence-start flags from the
rule-based ``split_sentences``. Mixed text is split into runs by script: stretches holding CJK
characters go to the Chinese segmenter, the rest to the English tokenizer.
Refuses to guess: languages other than English and Chinese are tokenized with the English rules.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Lang, Span
from .script import CJK_CLASS, cjk_share, detect_language, is_cjk, zh_script
from .sentences import split_sentences

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analyzer

__all__ = ["Token", "detect_language", "split_sentences", "tokenize", "zh_script", "cjk_share", "is_cjk"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token. ``span`` is [start, end) in the source (text offsets + ``offset``)."""

    text: str
    span: Span
    lang: Lang
    is_sent_start: bool = False


# A Chinese stretch: from one CJK character to the last CJK character before the next stretch of
# plain English words (two or more Latin words in a row end it), plus trailing CJK punctuation.
_ZH_STRETCH_RE = re.compile(
    rf"[{CJK_CLASS}](?:[^\n{CJK_CLASS}]{{0,24}}?[{CJK_CLASS}]|[{CJK_CLASS}])*[，。！？；：、）」』》”]*"
)
_LATIN_WORD_RE = re.compile(r"[A-Za-z]")


def _runs(text: str, lang: Lang) -> list[tuple[int, int, Lang]]:
    """Split ``text`` into (start, end, lang) runs by script."""
    if lang.is_zh:
        return [(0, len(text), lang)]
    if not re.search(f"[{CJK_CLASS}]", text):
        return [(0, len(text), lang)]
    runs: list[tuple[int, int, Lang]] = []
    pos = 0
    for m in _ZH_STRETCH_RE.finditer(text):
        if m.start() > pos:
            runs.append((pos, m.start(), lang))
        runs.append((m.start(), m.end(), zh_script(m.group())))
        pos = m.end()
    if pos < len(text):
        runs.append((pos, len(text), lang))
    return runs


def tokenize(
    text: str,
    *,
    lang: Lang | None = None,
    analyzer: "Analyzer | None" = None,
    offset: int = 0,
) -> tuple[Token, ...]:
    """Tokenize ``text``; spans are offsets into ``text`` shifted by ``offset``.

    Args:
        text: the text to split (a paragraph, a turn).
        lang: its language; detected with ``detect_language`` when None. With EN, any CJK stretch
            inside is still segmented as Chinese; with ZH, Latin words stay whole tokens.
        analyzer: the model cache (default: ``get_analyzer()``).
        offset: where ``text`` starts in the transcript.

    Returns:
        Tokens in order. Latin-script tokens inside Chinese text get ``Lang.EN``.

    Example:
        >>> [t.text for t in tokenize("我們的CC業務收入2.761億元")]  # doctest: +SKIP
        ['我們', '的', 'CC', '業務', '收入', '2.761億元']
    """
    if not text:
        return ()
    if analyzer is None:
        from ..analyzer import get_analyzer

        analyzer = get_analyzer()
    if lang is None or lang is Lang.OTHER:
        lang = detect_language(text)
        if lang is Lang.OTHER:
            lang = Lang.EN
    from .en import segment_en
    from .zh import segment_zh

    raw: list[tuple[str, int, int, Lang]] = []
    for a, b, run_lang in _runs(text, lang):
        piece = text[a:b]
        if run_lang.is_zh:
            for w, s, e in segment_zh(piece, analyzer):
                raw.append((w, a + s, a + e, Lang.EN if _LATIN_WORD_RE.search(w) else run_lang))
        else:
            for w, s, e in segment_en(piece, analyzer):
                raw.append((w, a + s, a + e, run_lang))

    starts = [s for s, _ in split_sentences(text, lang=lang)]
    tokens: list[Token] = []
    seen_sent = -1
    for w, s, e, tl in raw:
        k = bisect_right(starts, s) - 1  # the sentence this token falls in
        first = k > seen_sent
        if first:
            seen_sent = k
        tokens.append(Token(w, (s + offset, e + offset), tl, first))
    return tuple(tokens)
