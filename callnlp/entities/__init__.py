"""Entity tagger for English and Chinese paragraphs.

Reads: paragraph segments ``(text, offset, lang)`` (speaker lines must be left out by the
caller), an ``Analyzer`` and optionally a ``Gazetteer`` learned from the call.
Adds: ``Entity`` records labelled ORG, PERSON, GPE, MONEY, PERCENT, PERIOD, METRIC or SEGMENT,
with spans into the source (segment offset added). Gazetteer matches win over model labels on
any overlap. ``Entity.norm`` is the canonical form used to merge the English and Chinese names
of one thing in ``count_entities``.
Refuses to guess: no entity crosses a paragraph; Chinese and English forms are merged only when
the gazetteer (or the generic lexicon) lists both.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ..records import Lang, Span
from ..tokenize.script import CJK_CLASS, CJK_RE
from .gazetteer import LABELS, Gazetteer, learn_gazetteer, lexicon_gazetteer

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analyzer

__all__ = ["Entity", "Gazetteer", "LABELS", "count_entities", "learn_gazetteer", "lexicon_gazetteer", "tag_entities"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing in the text. ``norm`` (not part of equality) is its canonical name."""

    text: str
    label: str
    span: Span
    lang: Lang
    norm: str = field(default="", compare=False)


# --- gazetteer matching -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Matcher:
    latin: re.Pattern | None  # case-sensitive forms with a capital or digit
    latin_ci: re.Pattern | None  # all-lowercase forms, matched ignoring case
    cjk: re.Pattern | None  # Chinese forms, Simplified, matched on the Simplified text
    label: dict[str, str]  # key form -> label (latin as is, lowercase forms lowered, cjk simplified)
    norm: dict[str, str]  # key form -> canonical name


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


@lru_cache(maxsize=8)
def _matcher(gaz: Gazetteer, analyzer: "Analyzer") -> _Matcher:
    aliases = dict(gaz.aliases)
    label: dict[str, str] = {}
    norm: dict[str, str] = {}
    latin, latin_ci, cjk = [], [], []
    simplify = None
    for form, lab in gaz.entries():
        canon = aliases.get(form, form)
        if CJK_RE.search(form):
            if simplify is None:
                simplify = analyzer.opencc
            key = simplify.convert(form)
            cjk.append(key)
        elif form.islower():
            key = form.lower()
            latin_ci.append(form)
        else:
            key = form
            latin.append(form)
        label.setdefault(key, lab)
        norm.setdefault(key, canon)
    edge_l, edge_r = r"(?<![A-Za-z0-9&])", r"(?![A-Za-z0-9&])"

    def compile_(forms: list[str], flags: int = 0) -> re.Pattern | None:
        return re.compile(f"{edge_l}(?:{_alternation(forms)}){edge_r}", flags) if forms else None

    return _Matcher(
        compile_(latin),
        compile_(latin_ci, re.IGNORECASE),
        re.compile(_alternation(cjk)) if cjk else None,
        label,
        norm,
    )


def _gazetteer_spans(text: str, simp: str | None, m: _Matcher) -> list[tuple[int, int, str, str]]:
    """(start, end, label, norm) for gazetteer forms in ``text``; longest match wins."""
    found: list[tuple[int, int, str, str]] = []
    if m.latin:
        for x in m.latin.finditer(text):
            found.append((x.start(), x.end(), m.label[x.group()], m.norm[x.group()]))
    if m.latin_ci:
        for x in m.latin_ci.finditer(text):
            k = x.group().lower()
            found.append((x.start(), x.end(), m.label[k], m.norm[k]))
    if m.cjk and simp is not None:
        for x in m.cjk.finditer(simp):
            found.append((x.start(), x.end(), m.label[x.group()], m.norm[x.group()]))
    return _drop_overlaps(found)


def _drop_overlaps(spans: list[tuple]) -> list[tuple]:
    """Keep the longest of overlapping spans (earlier first on ties)."""
    kept: list[tuple] = []
    for s in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(s[1] <= k[0] or k[1] <= s[0] for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s[0])


# --- tagging ----------------------------------------------------------------------------------

_METRIC_PLURAL_RE = re.compile(r"(?<=[a-z])s$")


def _norm_model(text: str, label: str, metric_norms: dict[str, str]) -> str:
    if label == "METRIC":
        low = text.lower()
        return metric_norms.get(low) or metric_norms.get(_METRIC_PLURAL_RE.sub("", low)) or low
    return text


# Generic abbreviations the small English model often labels ORG/GPE: never names.
_NOT_NAMES = frozenset(
    "AI NLP IPO IR Q&A G&A R&D S&M CRM SaaS PaaS IaaS CPaaS API APIs ERP CEO CFO COO CTO ESG KPI KPIs "
    "GAAP IFRS COVID COVID-19 YoY QoQ".split()
)


def _name_parts(gaz: Gazetteer) -> dict[str, str]:
    """Single words of known multi-word person names -> the full name (when unambiguous)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for person in gaz.persons:
        words = person.split()
        if len(words) >= 2:
            for w in words:
                if len(w) >= 3:
                    seen[w].add(person)
    return {w: next(iter(p)) for w, p in seen.items() if len(p) == 1}


def tag_entities(
    segments: Iterable[tuple[str, int, Lang]],
    *,
    analyzer: "Analyzer",
    gazetteer: Gazetteer | None = None,
    batch_size: int = 64,
    ner: bool = True,
) -> tuple[Entity, ...]:
    """Tag entities in paragraph segments.

    Args:
        segments: (text, char offset of ``text`` in the source, language) per paragraph.
        analyzer: the model cache.
        gazetteer: names learned with ``learn_gazetteer``; default: the generic lexicon only.
        batch_size: spaCy ``nlp.pipe`` batch size (English).
        ner: False skips the statistical English NER (ruler and gazetteer only).

    Returns:
        Entities in source order (by span), English and Chinese together.

    Example:
        >>> ents = tag_entities([("Revenue was RMB12.5 million.", 0, Lang.EN)], analyzer=get_analyzer())  # doctest: +SKIP
        >>> [(e.text, e.label) for e in ents]  # doctest: +SKIP
        [('Revenue', 'METRIC'), ('RMB12.5 million', 'MONEY')]
    """
    from ..tokenize.zh import to_simplified
    from .spacy_tagger import english_spans
    from .zh_tagger import chinese_spans

    gaz = gazetteer if gazetteer is not None else lexicon_gazetteer()
    matcher = _matcher(gaz, analyzer)
    metric_norms = {k.lower(): v for k, v in matcher.norm.items() if matcher.label.get(k) == "METRIC"}
    segs = [(t, off, lang) for t, off, lang in segments if t and t.strip()]
    name_parts = _name_parts(gaz)

    en_idx = [i for i, (t, _, lang) in enumerate(segs) if not lang.is_zh]
    known = frozenset(w for w in matcher.label if " " not in w and not CJK_RE.search(w))
    en_out = english_spans([segs[i][0] for i in en_idx], analyzer, known=known, batch_size=batch_size, ner=ner)
    model_spans: dict[int, list[tuple[int, int, str]]] = dict(zip(en_idx, en_out))

    entities: list[Entity] = []
    for i, (text, off, lang) in enumerate(segs):
        simp = None
        if lang.is_zh or CJK_RE.search(text):
            simp = to_simplified(text, analyzer)
        if lang.is_zh:
            model = chinese_spans(text, analyzer, simplified=simp)
        else:
            model = model_spans.get(i, [])
        gaz_spans = _gazetteer_spans(text, simp, matcher)
        merged: list[tuple[int, int, str, str]] = list(gaz_spans)
        for a, b, label in model:
            if any(a < y and x < b for x, y, _, _ in gaz_spans):
                continue  # the gazetteer wins on any overlap
            surface = simp[a:b] if (simp is not None and lang.is_zh) else text[a:b]
            if label in ("ORG", "GPE", "PERSON") and not lang.is_zh:
                if surface in _NOT_NAMES:
                    continue
                if surface in name_parts:  # "Changxun" of a known "Changxun Sun"
                    label, surface = "PERSON", name_parts[surface]
            canon = matcher.norm.get(surface) or (
                surface if lang.is_zh else _norm_model(surface, label, metric_norms))
            merged.append((a, b, label, canon))
        for a, b, label, canon in _drop_overlaps(merged):
            entities.append(Entity(text[a:b], label, (a + off, b + off), lang, canon))
    entities.sort(key=lambda e: e.span)
    return tuple(entities)


def count_entities(entities: Iterable[Entity], *, labels: Iterable[str] | None = None) -> list[dict]:
    """Counts per distinct entity: [{"text", "label", "count"}], most frequent first.

    Entities with the same label and canonical name (``norm``) count together, so 騰訊 and
    Tencent are one row when the gazetteer ties them; ``text`` is the canonical name.
    """
    keep = set(labels) if labels is not None else None
    counts: Counter[tuple[str, str]] = Counter()
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in entities:
        if keep is not None and e.label not in keep:
            continue
        key = (e.label, e.norm or e.text)
        counts[key] += 1
        forms[key][e.text] += 1
    rows = [{"text": norm, "label": label, "count": n} for (label, norm), n in counts.items()]
    rows.sort(key=lambda r: (-r["count"], r["label"], r["text"]))
    return rows
