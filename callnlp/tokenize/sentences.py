"""Rule-based sentence boundaries for English and Chinese text.

Reads: text. Adds: ``[start, end)`` spans of sentences, trimmed of surrounding whitespace.
Chinese ends a sentence on 。！？； (full and half width) and on a newline; English on . ! ?
followed by space and a capital, digit, quote or CJK character, except after abbreviations
("Mr.", "Inc.", "No. 3", "U.S."), initials ("J. Smith") and inside numbers ("$1.2").
Refuses to guess: no statistical model is used, so a sentence that ends in an abbreviation and
is followed by a capitalised name ("... in the U.S. Tencent said") is not split.
"""
from __future__ import annotations

import re

from ..records import Lang, Span
from .script import CJK_CLASS

# Titles and words that are followed by a name or a number: never a sentence end.
_NEVER_END = frozenset(
    "mr mrs ms dr prof sr jr st mt messrs no nos vs v fig figs approx dept est vol op pp e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Corporate and geographic abbreviations: a sentence end only when a typical sentence opener
# follows ("... Holdings Inc. We expect ..." splits, "Acme Inc. Chairman" does not).
_MAYBE_END = frozenset("inc co corp ltd llc plc bhd ag sa nv etc al u.s u.k u.s.a p.r.c h.k".split())
_OPENERS = frozenset(
    "the we our i in this that these those it its as for and but so on at with a an my let "
    "now thank thanks turning moving next first second third finally also however our".split()
)

_ZH_END = "。！？；!?;"
_CLOSERS = "\"'”’)]）】」』"
# A candidate end: terminator run, optional closers, then whitespace or end / CJK / newline.
_EN_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$|[" + CJK_CLASS + "])")
_ZH_END_RE = re.compile("[" + re.escape(_ZH_END) + "]+[" + re.escape(_CLOSERS) + "]*")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.&]*)\.$")
_NEXT_WORD_RE = re.compile(r"\s*[\"'“‘(\[]*(\S+?)[\s,]")


def _is_english_end(text: str, end: int) -> bool:
    """Whether the terminator run ending at ``end`` (exclusive) closes an English sentence."""
    stop = text[end - 1]
    rest = text[end:end + 40]
    after = rest.lstrip()
    if not after:
        return True
    first = after[0]
    if rest[:1] == "\n":
        return True
    if re.match("[" + CJK_CLASS + "]", first):
        return True
    if not (first.isupper() or first.isdigit() or first in "\"'“‘([$£€¥"):
        return False  # "e.g. the ...", "etc. and"
    # Strip closers back to the terminator run.
    head = text[:end].rstrip(_CLOSERS)
    if not head.endswith("."):
        return stop in "!?" or head[-1:] in "!?"
    m = _WORD_BEFORE_RE.search(head[-20:])
    if not m:
        return True  # "... 12.5%." or "...)."
    word = m.group(1).lower()
    if word in _NEVER_END:
        return False
    nxt = _NEXT_WORD_RE.match(after + " ")
    next_word = nxt.group(1).lower().strip(".,") if nxt else ""
    if word in _MAYBE_END or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return next_word in _OPENERS
    if len(word) == 1 and m.group(1).isupper():
        return next_word in _OPENERS  # initials: "Changxun S. Sun"
    return True


def split_sentences(text: str, *, lang: Lang | None = None) -> list[Span]:
    """Split ``text`` into sentence spans ``[start, end)`` (whitespace trimmed).

    Both rule sets always apply: Chinese terminators split in English text too, and English ones
    in Chinese text (machine translations mix them). ``lang`` is accepted for symmetry with
    ``tokenize`` and currently only skips the English rules for Chinese text without Latin letters.

    >>> t = "Mr. Li said revenue was $1.2 billion. 营收增长。Next"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Li said revenue was $1.2 billion.', '营收增长。', 'Next']
    """
    cuts: set[int] = set()
    for m in _ZH_END_RE.finditer(text):
        cuts.add(m.end())
    if not (lang is not None and lang.is_zh and not re.search("[A-Za-z]", text)):
        for m in _EN_END_RE.finditer(text):
            if _is_english_end(text, m.end()):
                cuts.add(m.end())
    for m in re.finditer(r"\n", text):
        cuts.add(m.start())
    spans: list[Span] = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        if cut <= start:
            continue
        seg = text[start:cut]
        a = start + (len(seg) - len(seg.lstrip()))
        b = cut - (len(seg) - len(seg.rstrip()))
        if b > a:
            spans.append((a, b))
        start = cut
    return spans
