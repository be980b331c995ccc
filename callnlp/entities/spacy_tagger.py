"""English entities: spaCy entity_ruler + NER, run lean.

Reads: English paragraph texts. Adds: (start, end, label) spans with our labels.
Speed: the statistical NER only sees sentences that could hold a name it does not already know
(a capitalised word that is neither a gazetteer entry nor an ordinary sentence-initial word);
every sentence goes through the tokenizer and the entity_ruler (money, periods, metrics).
Refuses to guess: spaCy's CARDINAL/ORDINAL/QUANTITY/NORP/... are dropped; DATE is kept only
when it names a period (quarter, year, half, month).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from ..tokenize.sentences import split_sentences
from .rules import map_spacy_label

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analyzer

_CAP_RE = re.compile(r"(?<![\w&'])([A-Z][\w&'.\-]*)")
_LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'\-]+\b")
_ALWAYS_COMMON = frozenset("I I'm I'd I'll I've OK Okay Yes No Thank Thanks Hello Hi".split())


def _needs_ner(sentence: str, known: frozenset[str], common: set[str]) -> bool:
    """Whether ``sentence`` holds a capitalised word the gazetteer and rules do not explain."""
    for i, m in enumerate(_CAP_RE.finditer(sentence)):
        word = m.group(1).rstrip(".'-")
        if word.endswith("'s"):
            word = word[:-2]
        if not word or word in _ALWAYS_COMMON or word in known:
            continue
        at_start = m.start() == 0 or not sentence[: m.start()].strip(" \"'([")
        if at_start and word.lower() in common:
            continue
        if re.fullmatch(r"(?:RMB|US\$|HK\$|NT\$|USD|CNY|FY|Q[1-4]|H[12])[\d.,]*", word):
            continue  # handled by the ruler
        return True
    return False


def english_spans(
    texts: Sequence[str],
    analyzer: "Analyzer",
    *,
    known: frozenset[str] = frozenset(),
    batch_size: int = 64,
    ner_all: bool = False,
    ner: bool = True,
) -> list[list[tuple[int, int, str]]]:
    """Entity spans (start, end, label) per text, offsets relative to each text.

    Args:
        texts: English paragraphs (no speaker lines).
        known: single words the gazetteer already labels (they do not trigger NER).
        ner_all: run the statistical NER on every sentence (slower; for comparison).
        ner: False runs no statistical NER at all (rules and gazetteer only; the fast and standard profiles).
    """
    if not ner:
        return [rule_spans(t) for t in texts]
    nlp = analyzer.nlp_en
    from spacy.lang.en.stop_words import STOP_WORDS

    common = set(STOP_WORDS)
    for t in texts:
        common.update(_LOWER_WORD_RE.findall(t))

    ner_jobs: list[tuple[int, int, str]] = []  # (text index, sentence start, sentence)
    rule_jobs: list[tuple[int, int, str]] = []
    for i, text in enumerate(texts):
        for a, b in split_sentences(text):
            s = text[a:b]
            (ner_jobs if ner and (ner_all or _needs_ner(s, known, common)) else rule_jobs).append((i, a, s))

    out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    docs = nlp.pipe((s for _, _, s in ner_jobs), batch_size=batch_size)
    for (i, base, _), doc in zip(ner_jobs, docs):
        out[i].extend(_doc_spans(doc, base))
    if rule_jobs and "entity_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("entity_ruler")
        for (i, base, _), doc in zip(rule_jobs, nlp.tokenizer.pipe(s for _, _, s in rule_jobs)):
            out[i].extend(_doc_spans(ruler(doc), base))
    return out


def _doc_spans(doc, base: int) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = map_spacy_label(ent.label_, ent.text)
        if label is None:
            continue
        a, b = ent.start_char, ent.end_char
        text = ent.text
        if label in ("ORG", "GPE", "PERSON"):
            m = re.match(r"(?i)the\s+", text)
            if m:
                a += m.end()
            if "\n" in text or not re.search(r"[A-Za-z]", doc.text[a:b]):
                continue
        spans.append((base + a, base + b, label))
    return spans


_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def rule_spans(text: str) -> list[tuple[int, int, str]]:
    """MONEY, PERCENT and PERIOD spans from callnlp's own number and period parsers (no spaCy)."""
    from ..numbers.parse import parse_quantities
    from ..numbers.periods import find_periods

    out: list[tuple[int, int, str]] = []
    for q in parse_quantities(text):
        if q.unit and _CURRENCY_CODE.match(q.unit):
            out.append((q.char_span[0], q.char_span[1], "MONEY"))
        elif q.unit in ("%", "pp", "bp"):
            out.append((q.char_span[0], q.char_span[1], "PERCENT"))
    taken = [(a, b) for a, b, _ in out]
    seen = set()
    for (a, b), _ in find_periods(text):
        if (a, b) not in seen and not any(a < y and x < b for x, y in taken):
            seen.add((a, b))
            out.append((a, b, "PERIOD"))
    return sorted(out)
