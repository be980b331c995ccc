"""Open metric names: the noun phrase a speaker put next to a figure, when no vocabulary word fits.

Reads: an English sentence and the span of one figure in it. Adds: a ``MetricMention`` whose name
is the vocabulary name when the phrase holds one ("total company sales" -> ``revenue``), otherwise
a readable slug of the phrase ("net new restaurants" -> ``net_new_restaurants``).

How it works (grammar, no transcript phrases): the phrase is the run of content words that ends
where the figure's frame starts ("X of <figure>", "X to be in the range of <figure>", "X of about
<figure>"), read right to left and stopped by a function word, a pronoun or a verb of saying or
expecting. With nothing there, the content words right after a count ("35 to 40 net new
restaurants"). Period words ("full-year", "2021", "fourth quarter") are not part of a name.
"""
from __future__ import annotations

import re

from .vocab import MetricMention, find_metrics

# what may sit between a metric's name and its figure
_FRAME = re.compile(
    r"(?:\s|,|\b(?:of|at|to|be|being|is|are|was|were|will|would|should|could|may|might|in|within|the|a|an|"
    r"range|ranges|between|from|approximately|approx|about|around|roughly|somewhere|nearly|close|now|"
    r"expected|anticipated|projected|forecasted|estimated|targeted|planned|guided|likely|up|down|flat|"
    r"by|for|on|and|or|that|this|which|still|also|again|currently|coming|come|in|total|totals|totaling|"
    r"run|running|stand|standing|land|landing|remain|remaining|fall|falling|reach|reaching)\b)+\Z",
    re.I,
)
# words that end a name when read right to left (they are not part of it)
_STOP = frozenset("""
a an the our its their his her my your this that these those we us you they it i he she
of to at in on by for from with as and or but than then so if while when which who whom whose what
is are was were be been being will would should could may might can shall do does did have has had
expect expects expecting expected anticipate anticipates anticipating see sees seeing project projects
projecting forecast forecasts guide guides guiding estimate estimates plan plans planning target targets
targeting believe believes think thinks assume assumes assuming include includes including includes
reaffirm reaffirms reaffirming reiterate reiterates reiterating raise raises raising lower lowers lowering
increase increases increasing decrease decreases maintain maintains maintaining update updates updating
provide provides providing narrow narrows narrowing introduce introduces introducing give gives giving
now also still again just only about approximately around roughly some any each all both other another
said says say saying call calls calling look looks looking continue continues continuing remain remains
guidance outlook range ranges view forecast expectations expectation
thousand million billion trillion mm bn percent prior previous initial original earlier midpoint
""".split())
_PERIOD_WORD = re.compile(
    r"^(?:(?:19|20)\d{2}|fy\d{2,4}|q[1-4]|[1-4]q|full|year|years|yearly|annual|fiscal|quarter|quarterly|"
    r"first|second|third|fourth|next|current|half|full-year|fiscal-year|year-end|'\d{2})$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'/-]*|\d{4}")
_LINK = frozenset(("of", "for"))  # "capex for the China facility": one name across the preposition
_ARTICLE = frozenset(("the", "a", "an", "our", "its"))
_AFTER_COUNT = re.compile(r"\s+((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)", re.I)
MAX_WORDS = 5


def _slug(words: list[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "_", " ".join(words).lower()).strip("_")[:48]


def _name_of(words: list[str], kind: str) -> MetricMention | None:
    words = [w for w in words if not _PERIOD_WORD.match(w)]
    while words and words[0].lower() in _STOP:
        words = words[1:]
    if not words:
        return None
    phrase = " ".join(words)
    growth = len(words) > 1 and words[-1].lower() in ("growth", "increase", "decline")
    if growth:  # "sales growth" -> revenue_growth
        known = find_metrics(" ".join(words[:-1]))
        if known and known[-1].end == len(" ".join(words[:-1])):
            m = known[-1]
            return MetricMention(0, 0, f"{m.name}_growth", m.base, "ratio", m.qualifier)
    known = find_metrics(phrase)
    if known and known[-1].end == len(phrase):
        m = known[-1]  # the phrase's head is a vocabulary metric
        return MetricMention(0, 0, m.name, m.base, m.kind, m.qualifier)
    slug = _slug(words)
    return MetricMention(0, 0, slug, slug, kind, None) if slug else None


def _kind(unit: str | None, per_share: bool) -> str:
    if per_share:
        return "per_share"
    if unit == "%":
        return "ratio"
    if unit in (None, "count"):
        return "count" if unit == "count" else "any"
    return "money"


_RIGHT_PHRASE = re.compile(r"[ ]((?:(?:[A-Za-z][A-Za-z&'-]*|(?:19|20)\d{2})[ ]){0,5}[A-Za-z][A-Za-z&'-]*)")


def phrase_after(text: str, b: int, unit: str | None, per_share: bool) -> MetricMention | None:
    """The noun phrase right after a figure ("12% to 15% recurring revenue growth", "9% to 10% full
    year 2020 sales growth"): content words up to a function word or punctuation; period words skipped."""
    m = _RIGHT_PHRASE.match(text, b)
    if m is None:
        return None
    words = []
    for w in m.group(1).split():
        if w.lower() in _STOP:
            break
        words.append(w)
    rest = [w for w in words if not _PERIOD_WORD.match(w)]
    if not rest or (len(rest) == 1 and len(words) == 1 and not find_metrics(rest[0])):
        return None  # one plain word after a figure ("5% increase") is no name
    return _name_of(words, _kind(unit, per_share))


def open_mention(text: str, lo: int, a: int, b: int, unit: str | None, per_share: bool) -> MetricMention | None:
    """The metric a figure at ``text[a:b]`` names, read from ``text[lo:a]`` or the words after a count.

    >>> open_mention("we expect capital spending of $50 million to $60 million", 0, 30, 57, "USD", False).name
    'capital_spending'
    >>> open_mention("we see 35 to 40 net new restaurants", 0, 7, 15, "count", False).name
    'net_new_restaurants'
    """
    kind = _kind(unit, per_share)
    left = text[lo:a]
    frame = _FRAME.search(left)
    head = left[:frame.start()] if frame else left
    if not re.search(r"[A-Za-z]\Z", head.rstrip()) and head.strip():
        head = ""  # the figure follows a number or a bracket: no name on its left
    words = _WORD.findall(head)
    taken: list[str] = []
    k = len(words) - 1
    while k >= 0 and len(taken) < MAX_WORDS:
        w = words[k].lower()
        if w in _STOP:
            # "X for the Y": go on across one preposition (and its article) to a content word
            j = k - 1 if w in _ARTICLE else k
            if taken and j >= 1 and words[j].lower() in _LINK and words[j - 1].lower() not in _STOP \
                    and not any(t.lower() in _LINK for t in taken):
                taken = [words[j]] + taken
                k = j - 1
                continue
            break
        taken.insert(0, words[k])
        k -= 1
    m = _name_of(taken, kind) if taken else None
    if m is None and unit == "count":
        inside = re.search(r"\d[\d,.]*\s+([A-Za-z][A-Za-z\s-]*)\Z", text[a:b])  # "35 to 40 net new restaurants"
        if inside:
            m = _name_of(inside.group(1).split(), kind)
    if m is None and unit in (None, "count"):
        after = _AFTER_COUNT.match(text, b)
        if after:
            ws = []
            for w in after.group(1).split():
                if w.lower() in _STOP:
                    break
                ws.append(w)
            m = _name_of(ws, kind) if ws else None
    return m
