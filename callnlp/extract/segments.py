"""Business segments, product lines and brands, learned from the call itself.

Reads: the ``Structure`` (company, participants) and the call's sentences.
Adds: a tuple of segment names and a regex that finds them (``segment_pattern``).

How: a name is a distinctive token (acronym "CPaaS", CamelCase "RongCC", letter-digit "7moor",
"&" word "UC&C") or a run of 1-3 capitalised words ("Access Networks") right before a segment
word (business, segment, brand, division, product line; 业务/業務, 板块, 品牌, 事业部), or a
distinctive token after "revenue(s) from" / before "contributed". A name needs two cue hits, or
one owned by "our"/我们的, or one sentence opening on it and its revenue ("In Steel Processing net
sales of ..."). Plain words opening revenue sentences ("Datacom revenue was ...") are lines when a
call walks through two or more of them.
Refuses to guess: no list of company names is shipped; the company's own name, participants,
vocabulary metric words and generic words ("Total", "Chinese", "Internet") are never segments.
"""
from __future__ import annotations

import re
from collections import Counter

from ..records import Structure
from .sentences import Sentence
from .vocab import find_metrics

_SEG_WORD_EN = r"(?:business(?:es)?|segments?|brands?|divisions?|product\s+lines?|business\s+lines?|units?)"
_TOKEN = r"(?:[A-Z][A-Za-z0-9&+-]*|[0-9][A-Za-z][A-Za-z0-9]*)"
_EN_CUE = re.compile(rf"(?P<own>\b(?i:our)\s+|\b(?i:the)\s+)?(?P<name>{_TOKEN}(?:\s+(?:and\s+|&\s+)?{_TOKEN}){{0,2}})\s+(?P<word>{_SEG_WORD_EN})\b")
_EN_REV = re.compile(rf"(?<![A-Za-z] )(?<![,;] )\b(?P<name>{_TOKEN}(?:\s+(?:and\s+)?{_TOKEN}){{0,2}})\s+(?:segment\s+)?(?:revenues?|sales|net\s+sales)\s+(?:guidance\s+)?(?:was|were|is|are|increased|decreased|grew|declined|rose|fell|of)\b")
# "At CFT, we expect ...", "In Environmental Services, revenue grew ...": a sentence opening on a name
_EN_AT = re.compile(rf"^(?:At|Within|In)\s+(?:our\s+)?(?P<name>{_TOKEN}(?:\s+(?:and\s+|&\s+)?{_TOKEN}){{0,2}})\s*,"
                    rf"|\b(?:[Tt]urning|[Mm]oving|[Ll]ooking)\s+(?:now\s+)?(?:to|at)\s+(?:our\s+)?(?P<name2>{_TOKEN}(?:\s+(?:and\s+|&\s+)?{_TOKEN}){{0,2}})\b(?!\s+\d)"
                    rf"|\b(?P<name3>{_TOKEN})\s+(?:grew|posted|growth\s+of)\b")
_EN_FROM = re.compile(rf"\brevenues?\s+(?:from|of)\s+(?:our\s+|the\s+)?(?P<name>{_TOKEN})|(?<![.!?]\s)(?<!^)(?P<name2>{_TOKEN})\s+(?:contributed|will\s+contribute)\b"
                      rf"|^\W*(?P<name3>{_TOKEN})\s+(?:contributed|will\s+contribute)\b")
# A walk-through: "Datacom revenue was ...", "Automotive revenue was ...": sentences opening on a plain
# word and its revenue. One such word alone is no name; two or more different ones in a call are lines.
_EN_WALK = re.compile(r"^(?:And\s+|Now,?\s+)?(?P<name>[A-Z][a-z][A-Za-z-]+)\s+(?:segment\s+)?(?:revenues?|sales|net\s+sales)\s+"
                      r"(?:was|were|increased|decreased|grew|declined|rose|fell|totaled|represented|came\s+in)\b")
# "the towable segment", "our golf equipment business": lower-case names need three hits in the call
_EN_LOWER = re.compile(r"\b(?i:our|the|its)\s+(?P<name>[a-z][a-z&-]+(?:\s+[a-z][a-z&-]+)?)\s+(?:segment|business|division)\b(?!\s+(?:model|day|days|plan|update|units?)\b)")
_LOWER_GENERIC = frozenset(
    "core new underlying overall base small proven mix book traditional total entire existing whole legacy same "
    "broader other remaining combined organic acquired global group good strong great healthy profitable growing "
    "largest biggest smaller larger current future old whole-sale high low very more most less least last next "
    "first second third fourth fiscal annual quarterly recurring ongoing own".split()
)
# words that qualify a revenue line rather than name one ("Net revenue was", "Product revenue was")
_REVENUE_QUALIFIERS = _LOWER_GENERIC | frozenset(
    "net consolidated adjusted reported gross comparable product products service services subscription license "
    "licensing hardware software domestic international foreign sequential operating segment company same-store "
    "comparable-store store online digital retail wholesale our their its this that these those record".split()
)
_ZH_CUE = re.compile(r"(?P<name>[\u4e00-\u9fffA-Za-z0-9&]{2,10}?)(?:业务|業務|板块|板塊|事业部|事業部|品牌|事业群|事業群)")
_ZH_STRIP = re.compile(r"^(?:.*?(?:我们的|我們的|公司的|其中|以及|的|和|及|与|與|、|，|,|在|对|對|从|從|由|是|为|為|其|各|该|該|本|将|將|了))+")
_GENERIC = frozenset(
    "the our this that these total core new other overall chinese china internet company group global international "
    "first second third fourth quarter year fiscal covid ipo ceo cfo q1 q2 q3 q4 h1 h2 fy us u.s. gaap non-gaap "
    "ebitda eps r&d g&a s&m sg&a usd rmb hkd cny and in on for with as at by of".split()
)
_PLACE_OR_TIME = re.compile(r"\b(?:(?:First|Second|Third|Fourth|Full)[- ](?:[Qq]uarter|[Hh]alf|[Yy]ear)|January|February|March|April|May|June|July|August|September|October|November|December|"
                            r"Q[1-4]|Fiscal|Addition|Summary|Turning|Closing|Conclusion|Short|Total|Slides?|Pages?|Q&A|Questions?)\b")
_ZH_GENERIC = frozenset("主营 核心 整体 整個 整个 新 其他 各项 各項 相关 相關 现有 現有 传统 傳統 海外业务 国内 國內".split())


def _split(name: str, plural: bool, keep_capitalised: bool = False) -> list[str]:
    """Leading generic words dropped; "CC and UC&C" (two distinctive names) or "A and B segments" split.

    keep_capitalised: the name follows "our"/"the", so a capitalised "New" or "First" opening it is
    part of it ("our New Zealand Timber segment", "our First Aid segment")."""
    words = name.split()
    while words and words[0].lower() in _GENERIC and not (keep_capitalised and name.startswith(_NAME_OPENERS)):
        words = words[1:]
    name = " ".join(words)
    if not name:
        return []
    parts = re.split(r"\s+(?:and|&)\s+", name)
    if len(parts) > 1 and (plural or all(_distinctive(p) for p in parts)):
        return parts
    return [name]


_NAME_OPENERS = ("New ", "First ")  # generic words that also open names: New Zealand, First Aid


def _distinctive(word: str) -> bool:
    return bool(re.search(r"[A-Z].*[A-Z]|\d.*[a-z]|[a-z].*\d|&", word))


def _bad(name: str, blocked: set[str]) -> bool:
    low = name.lower()
    if re.match(r"(?:RMB|USD|US|HK|NT|HKD|CNY|FY|Q)\d", name) or low in _GENERIC or name in blocked or len(name) < 2:
        return True
    first = low.split()[0]
    if first in _GENERIC and not name.startswith(_NAME_OPENERS):
        return True
    return bool(find_metrics(name))


def learn_segments(structure: Structure, sentences: list[Sentence]) -> tuple[str, ...]:
    """Segment names used in this call, longest first."""
    blocked: set[str] = set()
    if structure.call.company:
        blocked |= {structure.call.company, *structure.call.company.split()}
    for p in structure.participants:
        blocked |= {p.name, *p.name.split()}
        if p.affiliation:
            blocked |= {p.affiliation, *p.affiliation.split()}
    score: Counter[str] = Counter()
    lower_score: Counter[str] = Counter()
    walk: set[str] = set()
    lower_words: set[str] | None = None

    def written_lower(name: str) -> bool:
        """The call also writes this word in lower case: a capitalised one is then no name."""
        nonlocal lower_words
        if lower_words is None:
            lower_words = set(re.findall(r"\b[a-z][a-z-]+\b", " ".join(x.text for x in sentences)))
        return name.lower() in lower_words

    for s in sentences:
        text = s.text
        if s.lang == "en":
            for m in _EN_CUE.finditer(text):
                own = (m.group("own") or "").strip().lower() == "our"
                plural = m.group("word").lower().endswith("s") and "business" not in m.group("word").lower()
                for name in _split(m.group("name"), plural, keep_capitalised=bool(m.group("own"))):
                    words = name.split()
                    # "Our RongCC business" / "Access Networks segment"; single plain words need to be distinctive
                    # or owned ("our Aviation segment")
                    if len(words) == 1 and not _distinctive(name) and not (own and "business" not in m.group("word").lower()):
                        if not own or written_lower(name):
                            continue
                    if _bad(name, blocked):
                        continue
                    score[name] += 2 if own else 1
            for m in _EN_REV.finditer(text):
                # "In Steel Processing net sales of ...": a sentence opening on a name and its revenue is a full cue
                opening = m.start() == 0 and re.match(r"(?:In|At|Within)\s", m.group("name"))
                for name in _split(m.group("name"), False):
                    if not _bad(name, blocked) and (len(name.split()) > 1 or _distinctive(name)) \
                            and not _PLACE_OR_TIME.search(name):
                        score[name] += 2 if opening else 1
            for m in _EN_WALK.finditer(text):
                name = m.group("name")
                if name.lower() not in _REVENUE_QUALIFIERS and not _bad(name, blocked) and not _PLACE_OR_TIME.search(name):
                    walk.add(name)
            for m in _EN_AT.finditer(text):
                if m.group("name3") and not _distinctive(m.group("name3")):
                    continue
                for name in _split(m.group("name") or m.group("name2") or m.group("name3"), False):
                    if not _bad(name, blocked) and not _PLACE_OR_TIME.search(name):
                        score[name] += 1
            for m in _EN_LOWER.finditer(text):
                name = m.group("name")
                if not set(name.split()) & _LOWER_GENERIC and not find_metrics(name) and name not in blocked:
                    lower_score[name] += 1
            for m in _EN_FROM.finditer(text):
                name = m.group("name") or m.group("name2") or m.group("name3")
                if not name or _bad(name, blocked) or _PLACE_OR_TIME.search(name):
                    continue
                # "Tianqiao contributed ...": a plain word counts if the call never writes it lower-case
                if not _distinctive(name) and (m.group("name") or written_lower(name)):
                    continue
                score[name] += 1
        else:
            for m in _ZH_CUE.finditer(text):
                name = _ZH_STRIP.sub("", m.group("name"))
                if 2 <= len(name) <= 8 and name not in _ZH_GENERIC and not find_metrics(name) \
                        and not re.search(r"\d", name) and not _bad(name, blocked):
                    score[name] += 1
    names = [n for n, k in score.items() if k >= 2]
    if len(walk) >= 2:
        names += [n for n in walk if n not in names]
    # a sibling of a learned multi-word name needs one hit: "Marketing Cloud" beside "Service Cloud"
    heads = {n.split()[-1] for n in names if len(n.split()) > 1}
    names += [n for n, k in score.items() if k == 1 and len(n.split()) > 1 and n.split()[-1] in heads]
    names += [n for n, k in lower_score.items() if k >= 3 and n not in names]
    return tuple(sorted(names, key=len, reverse=True))


# A segment the sentence itself names: "Towable segment revenues were ...", "Our Owned Sports
# Properties segment ...", "In our drilling and evaluation division, revenue was ...".
_LOCAL = re.compile(
    rf"(?:\b(?:[Oo]ur|[Tt]he|[Ii]ts)\s+)?(?P<name>{_TOKEN}(?:\s+(?:and\s+|&\s+)?{_TOKEN}){{0,2}}"
    r"|(?<=\b[Oo]ur\s)[a-z][a-z-]+(?:\s+(?:and\s+)?[a-z][a-z-]+){0,2})\s+(?:segment|division)(?:'s)?\b(?!s)"
    r"|(?<=\b[Oo]ur\s)(?P<biz>[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\s+business\b(?!\s+(?:model|day|days|plan|update|units?|"
    r"trends?|activity|environment|conditions|performance|results|momentum|mix)\b)(?!es\b)")
_DEAL_BEFORE = re.compile(r"\b(?:sale|sold|divest\w*|exit\w*|acqui\w*|spin-?off|spun\s+off|purchase)\s+(?:of\s+)?(?:our\s+|the\s+|its\s+)?\Z", re.I)
_LOCAL_GENERIC = _LOWER_GENERIC | frozenset(
    "reportable operating largest smallest each every this that which adjusted reported consolidated gaap non-gaap "
    "pro-forma underlying entire whole overall existing ongoing day-to-day daily normal base everyday own "
    "commercial business".split())


def named_in_sentence(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of segments a sentence names with the word "segment" or "division" itself,
    for figures whose segment the call-wide names miss. Generic and metric words are not names."""
    out = []
    for m in _LOCAL.finditer(text):
        name = m.group("name") or m.group("biz")
        words = name.lower().split()
        if words[0] in _GENERIC and name[:1].isupper() and m.start("name") == 0:
            words, name = words[1:], " ".join(name.split()[1:])  # "Total segment ...", "In Towable segment"
        if not words or set(words) & _LOCAL_GENERIC or words[0] in _GENERIC or find_metrics(name) \
                or _PLACE_OR_TIME.search(name) or _DEAL_BEFORE.search(text, 0, m.start()):
            continue
        grp = "name" if m.group("name") else "biz"
        out.append((m.end(grp) - len(name), m.end(grp), name))
    return out


def segment_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """A regex finding any of ``names`` as whole words (Chinese names anywhere)."""
    if not names:
        return None
    parts = []
    for n in names:
        e = re.escape(n).replace(r"\ ", r"\s+")
        if n.islower() and not _distinctive(n):  # only as "the towable segment": a bare "data" or "event" is not a name
            e = rf"(?i:{e})(?=\s+(?:segment|business|division)s?\b)"
        parts.append(e if not n.isascii() else rf"(?<![A-Za-z0-9&-]){e}(?![A-Za-z0-9&])")
    return re.compile("|".join(parts))
