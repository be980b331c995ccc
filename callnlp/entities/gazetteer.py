"""Call-specific gazetteer: names learned from the call itself, plus the generic lexicon.

Reads: the company name, the participants (name, affiliation) and the call's paragraph texts.
Adds: a ``Gazetteer`` of surface forms per label (both languages) and aliases that tie Chinese
forms to an English canonical name (from the generic lexicon, e.g. 腾讯 -> Tencent).
Learns business segments/brands/products from how the call talks about them: distinctive tokens
(acronyms "UC&C", CamelCase "RongCC", letter-digit mixes "7moor") right before a segment word
("business", "brand", "segment", 业务, 品牌, 板块) or after "revenue(s) from/of", scored up when
"our"/我们的 owns them and down when "their"/"its" does. Tokens named after "acquired" or
收购 are firms, not segments.
Refuses to guess: plain capitalised words ("Cloud") are never learned as segments; nothing is
learned from a single weak mention; no company-specific list is shipped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .rules import Lexicon, load_lexicon

LABELS = ("ORG", "PERSON", "GPE", "MONEY", "PERCENT", "PERIOD", "METRIC", "SEGMENT")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Known surface forms per label (any language). ``aliases`` maps a form to its canonical name."""

    orgs: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    segments: frozenset[str] = frozenset()
    metrics: frozenset[str] = frozenset()
    aliases: tuple[tuple[str, str], ...] = field(default=())

    def entries(self) -> list[tuple[str, str]]:
        """(surface form, label); a form listed under two labels keeps the more specific one."""
        out: dict[str, str] = {}
        # Later groups win: a learned segment or firm beats a generic metric word.
        for label, forms in (("METRIC", self.metrics), ("GPE", self.places), ("SEGMENT", self.segments),
                             ("ORG", self.orgs), ("PERSON", self.persons)):
            for f in forms:
                if f.strip():
                    out[f.strip()] = label
        return sorted(out.items())

    def canonical(self, form: str) -> str:
        return dict(self.aliases).get(form, form)

    def merge(self, other: "Gazetteer") -> "Gazetteer":
        return Gazetteer(
            self.orgs | other.orgs, self.persons | other.persons, self.places | other.places,
            self.segments | other.segments, self.metrics | other.metrics,
            tuple(sorted(set(self.aliases) | set(other.aliases))),
        )


def lexicon_gazetteer(lexicon: Lexicon | None = None) -> Gazetteer:
    """The generic lexicon (metric words, segment words, big firms) as a Gazetteer."""
    lex = lexicon or load_lexicon()
    aliases: set[tuple[str, str]] = set()

    def forms(group: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
        out: set[str] = set()
        for en, zhs in group:
            out.add(en)
            for zh in zhs:
                out.add(zh)
                aliases.add((zh, en))
        return frozenset(out)

    metrics = forms(lex.metrics)
    segments = forms(lex.segments)
    orgs = forms(lex.orgs)
    return Gazetteer(orgs=orgs, segments=segments, metrics=metrics, aliases=tuple(sorted(aliases)))


# --- learning ---------------------------------------------------------------------------------

_CAND = r"[A-Za-z0-9]+(?:[&+\-][A-Za-z0-9]+)*"
_CONN_EN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*)"
_CUES_EN = r"(?:business(?:es)?|segments?|brands?|business\s+lines?|product\s+lines?|units?)"
_EN_LIST_CUE_RE = re.compile(
    rf"(?<![\w&])((?:{_CAND}{_CONN_EN})*{_CAND})\s+(?:cloud-based\s+)?{_CUES_EN}\b"
)
_EN_REVENUE_RE = re.compile(rf"\brevenues?\s+(?:from|of|for)\s+(?:the\s+|our\s+)?({_CAND})(?![\w&]|\.\d)", re.I)
_CONN_ZH = r"\s*(?:、|,|，|和|及|与|與|/)\s*"
_CUES_ZH = r"(?:业务|業務|板块|板塊|品牌|产品线|產品線|事业部|事業部)"
_ZH_LIST_CUE_RE = re.compile(rf"((?:{_CAND}{_CONN_ZH})*{_CAND})\s*{_CUES_ZH}")
_ACQUIRED_RE = re.compile(
    rf"\b(?:acquired|acquiring|acquisition\s+of|merger\s+with|merged\s+with)\s+(?:the\s+)?({_CAND})(?![\w&])"
    rf"|(?:收购|收購|并购|併購)了?\s*({_CAND})"
)
_SPLIT_CONN_RE = re.compile(rf"{_CONN_EN}|{_CONN_ZH}")
_OWN_POS_RE = re.compile(r"\b(?:our|company's)\b|我们的|我們的|本公司|公司的", re.I)
_OWN_NEG_RE = re.compile(r"\b(?:their|its|his|her)\b|他们|他們|其", re.I)
_NOT_SEGMENTS = frozenset(
    "CEO CFO COO CTO CIO IR IPO RMB USD HKD CNY GAAP IFRS YOY QOQ AI API APIS US PRC ESG SEC OK TV PC "
    "IT Q1 Q2 Q3 Q4 H1 H2 FY KPI KPIS ROI ROE EPS M&A R&D B2B B2C".split()
)
_COMPANY_SUFFIX_RE = re.compile(
    r"[\s,]+(?:group|holdings?|holding|limited|ltd\.?|inc\.?|corp\.?|corporation|co\.?|plc|llc|technology|"
    r"technologies|international)\b.*$",
    re.I,
)
_NOT_PEOPLE_RE = re.compile(r"^(?:unidentified|unknown|operator|moderator|analyst|interpreter|participant)", re.I)


def _distinctive(word: str) -> bool:
    """Acronym, CamelCase, letter-digit mix or '&' word, not a generic finance abbreviation."""
    if word.upper() in _NOT_SEGMENTS or word.isdigit() or len(word) > 24 or len(word) < 2:
        return False
    if re.fullmatch(r"\d+[A-Za-z]?|[A-Za-z]?\d+|\d+[QH]\d*|[QH]\d+|(?:RMB|USD|US|HK|NT|CNY|FY)\d+", word):
        return False
    return bool(
        re.search(r"[A-Z].*[A-Z]", word)
        or (re.search(r"\d", word) and re.search(r"[a-z]{2}", word))
        or "&" in word
        or re.fullmatch(r"[A-Z][a-z]+-[A-Z][A-Za-z]*", word)
    )


def _ownership(text: str, start: int) -> int:
    """+1 for "our"/我们的 just before ``start``, -1 for "their"/"its", else 0."""
    window = text[max(0, start - 30):start]
    if _OWN_NEG_RE.search(window):
        return -1
    if _OWN_POS_RE.search(window):
        return 1
    return 0


def company_variants(company: str) -> set[str]:
    """The company name and its short form ("Acme Cloud Holdings Ltd" -> "Acme Cloud")."""
    name = company.strip()
    out = {name} if name else set()
    short = _COMPANY_SUFFIX_RE.sub("", name).strip(" ,.")
    if short:
        out.add(short)
    return out


def learn_segments(texts: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(segments, acquired firms) learned from cue phrases in ``texts``."""
    score: Counter[str] = Counter()
    acquired: set[str] = set()
    for text in texts:
        for rx in (_EN_LIST_CUE_RE, _ZH_LIST_CUE_RE):
            for m in rx.finditer(text):
                own = _ownership(text, m.start(1))
                if own < 0:
                    continue
                for word in _SPLIT_CONN_RE.split(m.group(1)):
                    word = word.strip()
                    if _distinctive(word):
                        score[word] += 2 if own > 0 else 1
        for m in _EN_REVENUE_RE.finditer(text):
            if _distinctive(m.group(1)):
                score[m.group(1)] += 1
        for m in _ACQUIRED_RE.finditer(text):
            word = m.group(1) or m.group(2)
            if word and _distinctive(word) or (word and word[:1].isupper()):
                acquired.add(word)
    segments = frozenset(w for w, s in score.items() if s >= 2 and w not in acquired)
    return segments, frozenset(acquired)


def learn_gazetteer(
    *,
    company: str | None,
    participants: Iterable[tuple[str, str | None]],
    texts: Iterable[str],
    include_lexicon: bool = True,
    lexicon: Lexicon | None = None,
    segments: Iterable[str] = (),
) -> Gazetteer:
    """Learn the call's own names: company, participants and their firms, segments and brands.

    Args:
        company: the company's name as the call prints it (None when unknown).
        participants: (name, affiliation) pairs; placeholder names ("Unidentified Analyst") skipped.
        texts: paragraph texts of the call (speaker lines left out), any language.
        include_lexicon: merge the generic lexicon (metric and segment words, big firms' Chinese names).
        segments: segment names learned elsewhere (the extract stage's ``learn_segments``), added to
            the ones learned here.

    Returns:
        A Gazetteer; segments are learned only from cue phrases (see the module docstring).

    Example:
        >>> g = learn_gazetteer(company="Acme Cloud Inc.", participants=[("Jane Roe", "Zeta Capital")],
        ...     texts=["Our NovaVoice business grew 30%.", "Revenue from NovaVoice rose."], include_lexicon=False)
        >>> sorted(g.segments), sorted(g.orgs), sorted(g.persons)
        (['NovaVoice'], ['Acme Cloud', 'Acme Cloud Inc.', 'Zeta Capital'], ['Jane Roe'])
    """
    orgs: set[str] = set()
    persons: set[str] = set()
    if company:
        orgs |= company_variants(company)
    for name, firm in participants:
        if name and not _NOT_PEOPLE_RE.match(name.strip()):
            persons.add(name.strip())
        if firm and not _NOT_PEOPLE_RE.match(firm.strip()):
            orgs |= company_variants(firm)
    learned, acquired = learn_segments(texts)
    orgs |= acquired
    segments = frozenset(s for s in (*learned, *segments) if s not in orgs)
    gaz = Gazetteer(orgs=frozenset(orgs), persons=frozenset(persons), segments=segments)
    return lexicon_gazetteer(lexicon).merge(gaz) if include_lexicon else gaz
