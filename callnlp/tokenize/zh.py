"""Chinese word segmentation with offsets into the original (possibly Traditional) text.

Reads: Chinese text. Adds: ``(word, start, end)`` triples, where ``word`` is the original text
of the span. Traditional text is converted to Simplified with OpenCC ``tw2sp`` for jieba (its
dictionary is Simplified); when ``tw2sp`` changes the length of a stretch (a Taiwanese phrase
mapped to a shorter mainland word) that stretch is converted character by character with ``t2s``
so every Simplified character still sits at the offset of its original.
Latin words and numbers inside Chinese ("CC業務", "UC&C", "7moor", "2.761億元") are kept whole
and never reach jieba. Refuses to guess: no word is re-joined across punctuation or spaces.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .script import CJK_CLASS

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analyzer

# A number with its Chinese scale and currency ("2.761億元", "1,200萬", "44.3%"), or a Latin
# word with inner & + - . ' ("UC&C", "Rong-C", "7moor", "U.S.").
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_LATIN_RUN_RE = re.compile(
    rf"(?:{_NUM})(?:\s?[%％]|(?:[十百千万萬亿億]+)?(?:美元|港元|港币|港幣|元)?)(?![A-Za-z])"
    r"|[A-Za-z0-9]+(?:[&+\-.'’][A-Za-z0-9]+)*\+?"
)
_CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")
# Chunks converted separately, so a length change stays local.
_CHUNK_RE = re.compile(f"[{CJK_CLASS}]+|[^{CJK_CLASS}]+")


def to_simplified(text: str, analyzer: "Analyzer") -> str:
    """Simplified form of ``text`` with exactly ``len(text)`` characters."""
    conv = analyzer.opencc.convert(text)
    if len(conv) == len(text):
        return conv
    out: list[str] = []
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        c = analyzer.opencc.convert(chunk)
        if len(c) != len(chunk):
            c = analyzer.opencc_chars.convert(chunk)
            if len(c) != len(chunk):
                c = "".join(
                    cc if len(cc := analyzer.opencc_chars.convert(ch)) == 1 else ch for ch in chunk
                )
        out.append(c)
    return "".join(out)


def segment_zh(text: str, analyzer: "Analyzer", *, simplified: str | None = None) -> Iterator[tuple[str, int, int]]:
    """Yield ``(original_word, start, end)`` for every non-space token of Chinese text.

    ``simplified`` may pass a precomputed ``to_simplified(text)``.
    """
    simp = simplified if simplified is not None else to_simplified(text, analyzer)
    jb = analyzer.jieba
    pos = 0
    n = len(text)
    for m in _LATIN_RUN_RE.finditer(text):
        if m.start() > pos:
            yield from _segment_cjk(text, simp, pos, m.start(), jb)
        yield m.group(), m.start(), m.end()
        pos = m.end()
    if pos < n:
        yield from _segment_cjk(text, simp, pos, n, jb)


def _segment_cjk(text: str, simp: str, start: int, end: int, jb) -> Iterator[tuple[str, int, int]]:
    i = start
    for word in jb.cut(simp[start:end], HMM=True):
        j = i + len(word)
        if not word.isspace():
            yield text[i:j], i, j
        i = j


def simplified_words(text: str, analyzer: "Analyzer") -> list[tuple[str, str, int, int]]:
    """Like ``segment_zh`` but also gives each word's Simplified form: (orig, simp, start, end)."""
    simp = to_simplified(text, analyzer)
    return [(w, simp[a:b], a, b) for w, a, b in segment_zh(text, analyzer, simplified=simp)]
