"""English tokenization with spaCy's rule-based tokenizer (blank pipeline, no model).

Reads: English text. Adds: ``(word, start, end)`` triples. Refuses to guess: nothing is
merged or split beyond spaCy's English tokenizer rules (so "RMB130.4" stays one token and
"$1.2" becomes "$", "1.2").
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analyzer


def segment_en(text: str, analyzer: "Analyzer") -> Iterator[tuple[str, int, int]]:
    """Yield ``(word, start, end)`` for every non-space token of ``text``."""
    for tok in analyzer.tokenizer_en(text):
        if tok.is_space:
            continue
        yield tok.text, tok.idx, tok.idx + len(tok.text)
