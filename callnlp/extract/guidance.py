"""Guidance: numeric outlook the company gives for a future period, in English or Chinese.

Reads: ``Sentence`` views (callnlp.extract.sentences), the call's period, learned segment names.
Adds: ``Guidance`` items: metric (vocabulary name), period, low/high (low == high for a point),
unit, implied growth range and its basis, status (new / raised / lowered / reaffirmed / narrowed
/ withdrawn / not_provided), the replaced range (prior_low/prior_high), evidence.

Rules, in the order they apply to a sentence:
- said by an executive or investor relations (or an unknown company speaker), never by an
  analyst or the operator, and not a question;
- has a forward cue ("expect", "guidance", "outlook", "sees", "reaffirm", 预计, 指引, ...) and no
  third-party cue (market size, CAGR, "according to", consultancies; 市场规模, 复合增长率, 报告);
- each quantity takes the nearest metric mention before it (after the previous quantity), or one
  right after it ("$1.2 billion in revenue"); no vocabulary metric, no item (so FX rates, oil
  prices and other assumptions are dropped);
- a % range after an amount with "representing", "growth of", 同比增长 ... is that amount's implied
  growth, not an item; a range after "prior/previous range of" or before "previously" is the range
  it replaces; an amount after "compared with"/"from" is a past actual and is skipped;
- the period is the nearest future period named in the sentence, else the one carried from the
  preceding sentences of the same turn; a sentence naming only the call's own or past periods
  is about results, not guidance. "Long-term" targets without a period are dropped.

- precision guards: a sentence that reports ("we introduced", "results included") with no outlook
  word, market statistics ("regional production is forecast to ..."), amounts of change ("an
  increase of $10 million", "EPS improvement of"), money per store/ton, figures whose only outlook
  word sits in a later clause, and periods named as a comparison base ("compared to our 2020
  guidance") are not guidance; a raised range "from A to B to now C to D" is C..D with prior A..B;
  a ratio or per-share metric may carry over from the previous sentence of the paragraph.

Verbal ranges ("mid-single digits", "low teens") give an item only in prepared remarks with a
strong cue, with low/high from the parser's bounds and approx null; "double digits" (10-99) is too
vague and gives none. Refuses to guess: a period-less statement needs a strong cue
(expect/guidance/outlook) and no past verb ("sequentially" means the next quarter).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..numbers.parse import parse_quantities
from ..records import Quantity
from .periods import is_future, months, sentence_periods
from .records import Guidance
from .sentences import Sentence
from .phrases import open_mention, phrase_after
from .vocab import MetricMention, declines, find_metrics, per_share_name, unit_fits, with_basis

CUE = re.compile(
    r"\b(?:expect(?:s|ing)?\b|(?:is|are|be|been|now|currently|still|also|were|was)\s+(?:\w+\s+)?(?:expected|anticipated|"
    r"projected|estimated|forecast(?:ed)?|targeted|guided)|anticipat(?:e|es|ing)\b|guid(?:ance|ing|e|es)\b|outlook|"
    r"forecast(?:s|ing)?\b|projecting|(?:we|now|currently|also|still)\s+project\b|projections?|estimat(?:e|es|ing)\b|(?:we|now|also|still|company)\s+see\b|sees\b|target(?:s|ing)?\b|"
    r"reaffirm\w*|reiterat\w*|rais(?:e|es|ing)\b|lower(?:s|ing)\b|narrow(?:s|ing)\b|plan(?:s|ning)?\s+(?:to|for)\b|"
    r"should\s+(?:be|come|range|approximate|grow|increase|decline)|will\s+(?:be|range|come|approximate|grow|increase|"
    r"decline)|to\s+be\s+(?:between|in|approximately|about|around)|in\s+the\s+range|range\s+(?:of|is|for|will)|"
    r"assum(?:e|es|ing|ption|ptions)\b|look(?:ing)?\s+for|on\s+track|"
    r"(?:rais|lower|narrow|updat|increas|tighten|reduc|affirm)\w*\s+(?:[\w'-]+\s+){0,6}(?:range|guidance|outlook|forecast))"
    r"|预计|預計|预期|預期|指引|展望|有望|预测|預測|目标|目標|将在|將在|将达|將達|计划|計劃",
    re.I,
)
STRONG = re.compile(
    r"\b(?:expect\w*|anticipat\w*|guidance|outlook|forecast\w*|sees|reaffirm\w*|reiterat\w*|project(?:s|ed|ing|ions?)?)\b"
    r"|\b(?:rais|lower|narrow|updat|increas|tighten|reduc)\w*\s+(?:\w+\s+){0,3}(?:range|guidance|outlook|forecast)"
    r"|预计|預計|预期|預期|指引|展望",
    re.I,
)
THIRD_PARTY = re.compile(
    r"\bthird[\s-]part(?:y|ies)\b|\bmarket\s+(?:continues|remains|is\s+(?:expected|forecast|projected|likely))\b|(?-i:\b(?!EPS|EBITDA|FFO|AFFO|GAAP|ARR|FCF|GMV|NFE)[A-Z]{2,6}(?:'s)?\s+)(?:forecast|projection|estimate)s?\b|"
    r"\b(?:industry|market)\s+(?:forecast|projection|outlook|estimate)s?\b|"
    r"\b(?:CAGR|compound(?:ed)?\s+annual|market\s+(?:size|is\s+(?:expected|projected|forecast)|will\s+grow|to\s+grow)|"
    r"(?:industry|market|european|global|regional|domestic|north\s+american|chinese)\s+(?:\w+\s+)?(?:sales|production|demand|builds|volumes?)\s+(?:are|is)\s+(?:forecast\w*|expected|projected)|"
    r"addressable\s+market|TAM|according\s+to|supply\s+(?:growth|deliveries)|new\s+supply|consensus|the\s+street|street\s+estimates?|industry\s+(?:is\s+expected|"
    r"forecasts?|analysts?)|IDC|Gartner|Frost|Forrester|CIC)\b"
    r"|复合|複合|市场规模|市場規模|市场预计|市場預計|市场将|市場將|(?:根据|根據).{0,30}(?:报告|報告|数据|數據)|研究院|咨询|諮詢",
    re.I,
)
LONG_TERM = re.compile(
    r"\byear\s+(?:three|four|five|3|4|5)\b|\blong(?:er)?[\s-](?:term|range)\b|\bLRP\b|\bover\s+time\b|\bmid[\s-]term\b|\bmulti[\s-]year\b|\baspiration|\bgoals?\b|"
    r"\bover\s+the\s+(?:next|coming)\s+\w+\s+years\b|\bin\s+the\s+long\s+run\b|长期|長期|中长期|中長期|远期|遠期|"
    r"\b(?:when|once|as)\s+(?:we|the\s+market|demand|volumes?|activity)\s+(?:return|recover|normali[sz]e)\w*|"
    r"\b(?:in|within|over)\s+(?:the\s+next\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b",
    re.I,
)
ABOUT_PRIOR = re.compile(r"^\W*(?:[\w']+\s+){0,3}(?:previous|prior|original|initial|last\s+quarter's)\s+(?:[\w-]+\s+){0,3}(?:guidance|outlook|range)", re.I)
PAST_AFTER = re.compile(r"[^.;]{0,40}?\b(?:was|were|came\s+in|grew|increased|decreased|declined|rose|fell|exceeded|"
                        r"outperformed|improved|resulted|beat|surpassed|compared)\b", re.I)
NOISE_BETWEEN = re.compile(r"\b(?:market\s+cap\w*|valuation|share\s+price|stock\s+price|multiple|imply|implies)\b", re.I)
FUTURE = re.compile(r"\b(?:expect(?:s|ing)?|anticipat\w+|will|should|project\w*|forecast\w*|estimat\w+|plan\w*|guid\w+)\b|预计|預計|预期|預期|将|將", re.I)
NOT_METRIC_AFTER = re.compile(
    r"\s+(?:displacement|impacts?|headwinds?|tailwinds?|benefits?|contributions?|drag|dilution|uplift|effects?|"
    r"synergies|shortfall|opportunit(?:y|ies)|pipeline|mix|dependenc(?:y|ies)|sensitivit(?:y|ies)|accretion|dilution)\b", re.I)
# "EPS improvement of $0.22", "marketing expense increase of $10 million": a change, not a level (amounts only)
CHANGE_NOUN_AFTER = re.compile(r"\s+(?:improvement|increase|decrease|reduction|decline|growth|uplift|step[\s-]up)s?\b", re.I)
EXCLUDED_BEFORE = re.compile(
    r"\b(?:exclud\w+|costs?\s+of|charges?\s+of|impact\s+of|headwinds?\s+of|benefits?\s+of|dilution\s+of|"
    r"includ(?:es|ing)|detract\w*|offset|midpoint\s+of|cost\s+us|impacts?|contribut\w+|net\s+of|charges?\s+in|loss\s+of|upside|downside)\b[^.;]{0,40}\Z", re.I)
MET_TARGET = re.compile(r"\b(?:exceed(?:s|ed|ing)?|beat(?:s|ing)?|met|achieved|surpass(?:es|ed|ing)?|ahead\s+of|above|within)\s+(?:\w+\s+){0,2}"
                        r"(?:target|guidance|expectations?|outlook|forecast)", re.I)
FLAT_TO = re.compile(r"\bflat\s+to\s+(?:(?P<dir>up|down)\s+)?(?:about\s+|approximately\s+)?\Z", re.I)

OF_SALES_AFTER = re.compile(r"\s*(?:of|as\s+a\s+percent(?:age)?\s+of)\s+(?:total\s+|net\s+)?(?:sales|revenues?)\b|\s*(?:的)?(?:营收|營收|收入)占比", re.I)
PAST = re.compile(
    r"\b(?:was|were|came\s+in|grew|rose|fell|increased|decreased|declined|reported|delivered|generated|totaled|"
    r"totalled|ended|achieved|finished|posted|recorded|had)\b|impacted|affected|hurt|helped|实现了?|實現了?|录得|錄得",
    re.I,
)
PRIOR_BEFORE = re.compile(
    r"(?:\b(?:prior|previous(?:ly)?|earlier|original(?:ly)?|initial|last)\b[^.;:]{0,45}|(?:此前|先前|之前|原先|原|上次)[^。；]{0,15})\Z",
    re.I,
)
PRIOR_AFTER = re.compile(r"\s*,?\s*(?:previously|before|prior)\b|\s*(?:此前|之前)", re.I)
FROM_BEFORE = re.compile(r"\b(?:up|down|raised|lowered|increased|decreased|revised|updated)?\s*from\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}\Z|[从從由]\s*\Z", re.I)
BASE_BEFORE = re.compile(
    r"(?:(?:\b(?:compared\s+(?:with|to)|versus|vs\.?|relative\s+to|against)|\b(?:up|down|rose|fell|increased|decreased|"
    r"grew|declined|improved|compares?|comparison)\s+from)\s+(?:the\s+|an?\s+)?(?:[\w$'-]+\s+){0,4}"
    r"|上年同期[为為的]?|去年同期[为為的]?|较上年同期的|較去年同期的)\Z",
    re.I,
)
BY_BEFORE = re.compile(r"\bby\s+(?:about\s+|approximately\s+)?\Z|\bincrease\s+of\s+\Z(?=.)", re.I)
# "an increase of approximately $10 million in marketing expense": an amount of change, not a level
CHANGE_OF_BEFORE = re.compile(r"\b(?:(?:increase|decrease|reduction|improvement|decline|step[\s-]up)\s+of|"
                              r"to\s+(?:increase|decrease|improve|grow|decline|rise|fall)(?:\s+by)?)\s+(?:about\s+|approximately\s+|roughly\s+)?\Z", re.I)
# a period named as the comparison base ("compared to the midpoint of our 2020 guidance", "versus 2019")
COMPARE_BEFORE = re.compile(r"(?:\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\brelative\s+to|\bthan|\bagainst|"
                            r"\b(?:up|down|increase[sd]?|decrease[sd]?|grow(?:th|s|ing)?|declin\w+)\s+(?:\w+\s+){0,2}from)\s+"
                            r"(?:the\s+|our\s+|an?\s+|its\s+)?(?:[\w'-]+\s+){0,4}\Z", re.I)
# money per store/ton/day: an intensity, not a company total
PER_UNIT_AFTER = re.compile(r"\s*(?:per|/|a|an|each)\s+(?!share|diluted|basic|common|ads|year|annum|quarter|month|annually)[a-z]+", re.I)
# after an amount written without a currency: only a preposition, a clause end or nothing (not "megawatt hours")
CURRENCY_OK_AFTER = re.compile(r"\s*(?:[.,;:)]|$|(?:in|of|for|to|and|or|at|with|from|on|by|during|this|next|which|as|compared|versus|vs|per|a|an|the|year|annually|plus)\b)", re.I)
# "In February, we introduced ...", "we delivered ...": the sentence reports, unless it also looks ahead
PAST_MAIN = re.compile(r"^\W*(?:[\w,'-]+\s+){0,6}?(?:we|the\s+company|it|they|this|that)\s+(?:also\s+|then\s+|previously\s+|originally\s+)?"
                       r"(?:introduced|reported|delivered|achieved|generated|posted|recorded|grew|came\s+in|had|finished|ended|closed|"
                       r"exceeded|beat|realized|saw|did|were|was)\b|\bresults\s+(?:included|reflected|were|was)\b", re.I)
NOW_CUE = re.compile(r"\b(?:expect\w*|anticipat\w*|will|now|today|rais\w+|continu\w+|remain\w*|reaffirm\w*|reiterat\w*|maintain\w*|"
                     r"project\w*|forecast\w*|going\s+forward|guid(?:e|ing)|plan\w*|estimat\w+|should|targeting)\b", re.I)
GROWTH = re.compile(
    r"\b(?:represent\w*|or|growth|grow\w*|increas\w*|decreas\w*|declin\w*|up|down|rise|rising|change|improvement|"
    r"above|below|higher|lower|ahead|flat)\b"
    r"|同比|年增|年减|年減|增长|增長|成长|成長|增速|增幅|下降|减少|減少|增加",
    re.I,
)
YOY = re.compile(r"year[\s-]+over[\s-]+year|\byoy\b|year[\s-]+on[\s-]+year|over\s+(?:the\s+)?(?:prior|last)\s+year|"
                 r"(?:from|over|compared\s+(?:with|to))\s+(?:the\s+)?(?:prior|last)[\s-]year|同比|年增|年减|較去年|较去年|上年同期", re.I)
QOQ = re.compile(r"sequential\w*|quarter[\s-]+over[\s-]+quarter|\bqoq\b|compared\s+to\s+(?:the\s+)?(?:prior|last|previous)\s+quarter|环比|環比|季增", re.I)
CHANGE_AFTER = re.compile(r"\s+(?:increase|decrease|improvement|reduction|decline|rise|higher|lower|more|less|headwind|tailwind|benefit|impact)\b"
                          r"|\s+(?:of\s+)?(?:(?!(?:including|excluding|and|with|which|despite|the|our|in|for)\b)[a-z-]+\s+){1,5}"
                          r"(?:contribution|benefit|impact|headwind|tailwind)s?\b", re.I)
ASSUMED = re.compile(r"\bassum(?:e|es|ing)\b[^.;]{0,80}\Z", re.I)
ASSUMPTION_METRICS = ("effective_tax_rate", "interest_expense", "depreciation_amortization", "share_count", "capex",
                      "net_interest_income", "noninterest_expense")
IMPACT_BEFORE = re.compile(r"(?:foreign\s+exchange|currency|FX|acquisitions?|divestitures?)\s+(?:\w+\s+)?\Z", re.I)
NO_GUIDANCE_METRICS = ("cash", "dividend", "customers")
PLUS_MINUS = re.compile(r"\s*,?\s*(?:plus\s+or\s+minus|\+/-|±|上下浮动|上下浮動)\s*", re.I)
RIGHT_METRIC_GAP = re.compile(r"\s*(?:of|in|for|from)?\s*(?:(?:total|our|consolidated|net|company[\s-]wide)\s+){0,2}\Z", re.I)
# "EPS of $1.00 to $1.10 for the fourth quarter and $4.00 to $4.10 for the full year": same metric
_SAME_METRIC_GAP = re.compile(r"[^.;$]{0,40}\b(?:and|while|with)\s+(?:of\s+|at\s+|to\s+)?(?:about\s+|approximately\s+)?\Z", re.I)
QUESTION = re.compile(r"[?？]\s*$")
_DIGIT = re.compile(r"[0-9０-９一二三四五六七八九十百千万萬亿億]|digits?\b|teens\b", re.I)

NOT_PROVIDED = re.compile(
    r"\b(?:not|no\s+longer|won'?t|will\s+not)\s+(?:be\s+)?(?:providing|provide|giving|give|issuing|issue|offering|"
    r"updating|update)\b[^.]{0,40}\b(?:guidance|outlook|forecast|target)|不提供.{0,6}(?:指引|预测|預測)|暂不提供|暫不提供",
    re.I,
)
WITHDRAWN = re.compile(r"\b(?:withdraw\w*|suspend\w*|pull(?:ing|ed)?)\b[^.]{0,30}\b(?:guidance|outlook|forecast)|撤回.{0,4}(?:指引|预测)|暂停.{0,4}指引", re.I)
RAISED = re.compile(
    r"\b(?:rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|lift(?:s|ed|ing)?|boost(?:s|ed|ing)?)\b[^.]{0,40}"
    r"\b(?:guidance|outlook|forecast|range|expectations?|estimates?)\b|\bup\s+from\b|上调|上調|调高|調高|提高.{0,6}(?:指引|预期|預期)",
    re.I,
)
LOWERED = re.compile(
    r"\b(?:lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|cut(?:s|ting)?|trim(?:s|med|ming)?)\b[^.]{0,40}"
    r"\b(?:guidance|outlook|forecast|range|expectations?|estimates?)\b|\bdown\s+from\b|下调|下調|调低|調低",
    re.I,
)
NARROWED = re.compile(r"\bnarrow(?:s|ed|ing)?\b|收窄", re.I)
REAFFIRMED = re.compile(
    r"\b(?:reaffirm\w*|(?<!re)affirm(?:s|ed|ing)?|reiterat\w*|continue\s+to\s+(?:expect|anticipate|see|project|forecast|target)|"
    r"still\s+(?:expect|anticipate|see)\w*|unchanged|confirm(?:s|ed|ing)?|maintain(?:s|ed|ing)?\s+(?:our|the|its)\s+"
    r"(?:\w+\s+){0,3}(?:guidance|outlook|forecast|target|range|expectations?))\b|维持(?!在)|維持(?!在)|重申|不变|不變",
    re.I,
)


def eligible(s: Sentence) -> bool:
    """Company-side speaker, not a question."""
    if s.kind in ("analyst", "operator"):
        return False
    if s.kind is None and re.search(r"operator|analyst|moderator|主持人", s.speaker, re.I):
        return False
    return not QUESTION.search(s.text)


def _status(text: str) -> str:
    if WITHDRAWN.search(text):
        return "withdrawn"
    if NARROWED.search(text):
        return "narrowed"
    if RAISED.search(text):
        return "raised"
    if LOWERED.search(text):
        return "lowered"
    if REAFFIRMED.search(text):
        return "reaffirmed"
    return "new"


def _compare(low: Decimal, high: Decimal, plo: Decimal, phi: Decimal, fallback: str) -> str:
    if low >= plo and high <= phi and (low, high) != (plo, phi):
        return "narrowed" if (low > plo and high < phi) or fallback == "narrowed" else ("raised" if low > plo else "lowered")
    if low + high > plo + phi:
        return "raised"
    if low + high < plo + phi:
        return "lowered"
    return "reaffirmed"


@dataclass
class _Draft:
    metric: str
    q: Quantity
    low: Decimal
    high: Decimal
    unit: str | None
    per_share: bool
    period: str | None
    segment: str | None = None
    growth: tuple[Decimal, Decimal] | None = None
    basis: str | None = None
    prior: tuple[Decimal, Decimal] | None = None
    mention: MetricMention | None = None


def _money(unit: str | None) -> bool:
    return unit not in (None, "%", "pp", "bp", "count")


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)\Z", re.I)


def _metric_for(ms: list[MetricMention], lo: int, a: int, b: int, text: str,
                used: set[int] = frozenset()) -> MetricMention | None:
    for m in ms:
        if b <= m.start <= b + 2 and not text[b:m.start].strip():
            return m  # "2% to 3% volume growth", "$1.2 billion revenue"
    # a mention a previous figure took from after itself ("$4.6 billion in adjusted EBITDA and $1.8
    # billion in ...") is not this figure's
    before = [m for m in ms if lo <= m.start and m.end <= a and ms.index(m) not in used]
    if before:
        k = ms.index(before[-1])
        # "adjusted EBITDA and adjusted EPS guidance of X and Y": the list's first unused member
        while k > 0 and (k - 1) not in used and _LIST_GAP.fullmatch(text, ms[k - 1].end, ms[k].start) \
                and ms[k - 1].start >= lo:
            k -= 1
        return ms[k]
    for m in ms:
        if b <= m.start <= b + 25 and RIGHT_METRIC_GAP.match(text[b:m.start]):
            return m
    return None


def _pick_period(periods, a: int, b: int, slot_start: int, slot_end: int, carry, call_period: str | None,
                 text: str) -> tuple[str | None, bool]:
    """(period, blocked) for the figure at [a, b).

    The nearest mention before it decides: a future one is the period; a past or current one
    inside the figure's own slot (since the previous figure) ties it to results (blocked). With
    none before, a mention right after it (before the next figure) does the same; else the
    period carried from earlier sentences.
    """
    periods = [(sp, _bump(p, sp, text, call_period)) for sp, p in periods]
    if call_period is None and periods:
        return _latest(periods), False
    for sp, p in periods:
        if b <= sp[0] <= b + 45 and sp[0] < slot_end and re.search(r"\d|year", text[sp[0]:sp[1]], re.I) \
                and re.fullmatch(r"\s*(?:[\w-]+\s+){0,4}?(?:in|for|during|by)\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?)?",
                                 text[b:sp[0]], re.I):
            return (p, False) if is_future(p, call_period) is not False else (None, True)
    before = [(sp, p) for sp, p in periods if sp[1] <= a]
    for sp, p in reversed(before):
        fut = is_future(p, call_period)
        if fut is not False:
            return p, False
        if sp[0] >= slot_start:
            return None, True
        break
    after = [(sp, p) for sp, p in periods if b <= sp[0] < min(slot_end, b + 30)]
    if after:
        sp, p = after[0]
        if is_future(p, call_period) is not False:
            return p, False
        if not BASE_BEFORE.search(text[b:sp[0]]) and not _BASE_GAP.search(text[b:sp[0]]) and not before:
            return None, True
    if before:
        fut = [(sp, p) for sp, p in before if is_future(p, call_period) is not False]
        if fut:
            return fut[-1][1], False
    else:
        # "guidance of $880 million to $920 million and $3.20 to $3.40 for fiscal 2022": the one
        # future period the sentence names later covers the list
        later = {p for sp, p in periods if b <= sp[0] <= b + 80 and _FOR_PERIOD.fullmatch(text, b, sp[0])}
        if len(later) == 1 and all(is_future(p, call_period) for p in later):
            return later.pop(), False
    c = carry() if callable(carry) else carry
    return c, False


_BASE_GAP = re.compile(r"\b(?:from|over|versus|vs\.?)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}\Z", re.I)


def _latest(periods) -> str | None:
    best = None
    for _, p in periods:
        if months(p) and (best is None or months(p)[1] > months(best)[1]):
            best = p
    return best


def _default_year(call_period: str | None) -> str | None:
    """An outlook naming no period (nor the two sentences before it): the current fiscal year, the
    next one in a fourth-quarter call."""
    m = re.search(r"(\d{4})", call_period or "")
    if not m:
        return None
    y = int(m.group(1))
    return f"FY{y + 1}" if _Q4.search(call_period) else f"FY{y}"


def _next_quarter(call_period: str | None) -> str | None:
    from ..numbers.periods import find_periods  # "next quarter" resolved the one way the parser does
    found = find_periods("next quarter", call_period=call_period)
    return found[0][1] if found else _default_year(call_period)


def _too_far(period: str, call_period: str | None) -> bool:
    """More than two years past the call's year: a long-term aspiration, not guidance."""
    p, c = months(period), months(call_period)
    return p is not None and c is not None and p[1] - c[1] > 27


_BUMP_CUE = re.compile(r"\b(?:expect(?:s|ing)?|anticipat(?:e|es|ing)|will|should|project(?:s|ing)|forecast(?:s|ing)?|guid(?:e|ing|ance)|outlook|plan(?:s|ning)?)\b", re.I)
_Q4 = re.compile(r"(?:Q4|H2)\s+\d{4}$|^FY\d{4}(?:\s+(?:Q4|H2))?$")


def _bump(period: str, span, text: str, call_period: str | None) -> str:
    """A bare "full year" in a fourth-quarter call's outlook is the next fiscal year."""
    if (call_period and _Q4.search(call_period) and period.startswith("FY") and " " not in period
            and _BUMP_CUE.search(text)
            and not re.search(r"\d", text[span[0]:span[1]])):
        cy = months(call_period)
        pm = months(period)
        if cy and pm and pm[1] == cy[1]:
            return f"FY{int(period[2:]) + 1}"
    return period


def _segment_near(text: str, lo: int, a: int, segments_rx: re.Pattern | None) -> str | None:
    if segments_rx is None:
        return None
    found = None
    for m in segments_rx.finditer(text, max(0, lo), a):
        found = m.group(0)
    return found


_IN_OUR = re.compile(r"\s+(?:\w+\s+){0,3}?(?:in|for|at|from)\s+(?:our|the)\s+")


def _segment_after(text: str, b: int, end: int, segments_rx: re.Pattern | None) -> str | None:
    """"$118 million to $120 million in our Southern Timber segment"."""
    if segments_rx is None:
        return None
    m = _IN_OUR.match(text, b, end)
    hit = segments_rx.match(text, m.end(), end) if m else None
    return hit.group(0) if hit else None


def _leading_segment(text: str, segments_rx: re.Pattern | None) -> str | None:
    """A segment the sentence opens on ("At CFT, we expect ...", "Our Japan business ...")."""
    if segments_rx is None:
        return None
    m = _LEAD.match(text)
    hit = segments_rx.match(text, m.end()) if m else None
    return hit.group(0) if hit else None


_LEAD = re.compile(r"\W*(?:(?:and|so|now|also|then)\s+)?(?:(?:at|in|within|for)\s+)?(?:(?:our|the)\s+)?", re.I)
_AND_PAIR = re.compile(r"\s*(?:,\s*)?(?:and|or|to|-|–)\s+\Z")
_FROM_TO = re.compile(r"\b(?:range|ranging|be|between|anywhere|guidance|expect\w*)\b[^.;$]{0,25}\bfrom\s+(?:about\s+|approximately\s+)?\Z", re.I)
_GUIDANCE_BY = re.compile(r"\b(?:guidance|outlook)\s+by\s+\Z", re.I)  # "guidance by $1.07 to $1.11" (transcribed "of")
# "down slightly from the 21 to 23% that we previously estimated", "up from the 13% to 16% we guided in January"
_FROM_THE = re.compile(r"\bfrom\s+(?:the\s+|our\s+|its\s+)?\Z", re.I)
_GUIDED_AFTER = re.compile(r"\s+(?:that\s+)?(?:we\s+)?(?:had\s+)?(?:previously|originally|initially|earlier)\b"
                           r"|\s+(?:that\s+)?we\s+(?:had\s+)?(?:guided|provided|gave|issued|estimated|expected)\b", re.I)
_FOR_PERIOD = re.compile(r"[^,;]*\b(?:for|in|during)\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?)?\Z", re.I)
_SCALE_WORD = re.compile(r"thousand|million|billion|trillion|[万萬亿億]", re.I)
_NEW_RANGE = re.compile(r"\s*,?\s*to\s+(?:now\s+|a\s+(?:new\s+|revised\s+|range\s+of\s+)+|(?:new\s+)?range\s+of\s+)+(?:between\s+)?", re.I)


_CONVERSION_GAP = re.compile(r"\s*[,(]?\s*(?:or|which\s+is|i\.e\.|equivalent\s+to|approximately)?\s*\Z", re.I)


def _drop_conversions(text: str, qs: list[Quantity]) -> tuple[list[Quantity], str]:
    """"RMB29.7 billion or $4.5 billion": the second amount restates the first in another currency.
    Returns the quantities without such restatements, and the text with them blanked out."""
    keep: list[Quantity] = []
    masked = text
    for q in qs:
        prev = keep[-1] if keep else None
        if (prev is not None and _money(q.unit) and _money(prev.unit) and q.unit != prev.unit
                and _CONVERSION_GAP.fullmatch(text, prev.char_span[1], q.char_span[0])
                and re.match(r"\s*(?:or|which|i\.e|equivalent|\()", text[prev.char_span[1]:q.char_span[0]], re.I)):
            a, b = prev.char_span[1], q.char_span[1]
            if b < len(text) and text[b] == ")":
                b += 1
            masked = masked[:a] + " " * (b - a) + masked[b:]
            continue
        keep.append(q)
    return keep, masked


def _pair_points(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Join "of $3.20 and $3.40" and "range from $0.05 to $0.20" (two points to the parser) into ranges."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        if i + 1 < len(qs) and q.unit == qs[i + 1].unit and q.unit:
            r = qs[i + 1]
            points = not q.is_range and not r.is_range
            gap = text[q.char_span[1]:r.char_span[0]]
            before = text[max(0, q.char_span[0] - 60):q.char_span[0]]
            ok = False
            if not points:
                pass
            elif re.fullmatch(r"\s+and\s+", gap) and re.search(r"\b(?:of|be|at|range|between)\s+\Z", before) and q.low < r.low <= q.low * Decimal("1.5"):
                ok = True
            elif re.fullmatch(r"\s*(?:to|-|–)\s*", gap) and (_FROM_TO.search(before) or _GUIDANCE_BY.search(before)) and q.low < r.low:
                ok = True
            if (not ok and re.fullmatch(r"\s*(?:to|-|–)\s*", gap) and re.search(r"\bfrom\s+(?:a\s+range\s+of\s+)?(?:about\s+|approximately\s+)?\Z", before)
                  and q.low < r.high and i + 2 < len(qs) and qs[i + 2].unit == q.unit
                  and _NEW_RANGE.match(text, r.char_span[1])):
                ok = True
            if ok:
                out.append(Quantity(q.low, r.high, q.unit, q.per_share or r.per_share, q.approx or r.approx,
                                    (q.char_span[0], r.char_span[1]), text[q.char_span[0]:r.char_span[1]]))
                i += 2
                continue
        out.append(q)
        i += 1
    return out


def sentence_guidance(s: Sentence, *, call_period: str | None, carry=None,
                      segments_rx: re.Pattern | None = None, currency: str | None = None,
                      continued: bool = False, carry_metric: MetricMention | None = None,
                      admit: frozenset = frozenset()) -> list[Guidance]:
    """Guidance items stated in one sentence (see the module docstring).

    ``carry``: the period carried from the preceding sentences, or a function giving it (called
    only when needed). ``currency``: the call's main currency, for amounts written without one
    ("between 400 million and 460 million"). ``continued``: the sentence continues the previous
    one after a semicolon (its forward cue counts here). ``carry_metric``: a ratio or per-share
    metric named in the previous sentence of the paragraph, for a figure whose sentence names none
    ("net debt to EBITDA of 3.9 times. We project to end 2021 at 3.9 times to 4.0 times").
    ``admit``: (low, high) of ranges the role model took for guidance: whether they are a change,
    a base or an excluded item ("including ..."), or sit after a past verb, is the model's call; a
    replaced range ("from A to B") stays the prior; metric, unit and period
    are still named here, and a range that gets no metric or period gives no item.
    """
    text = s.text
    if not eligible(s):
        return []
    if not _DIGIT.search(text) and not NOT_PROVIDED.search(text) and not WITHDRAWN.search(text):
        return []
    if (not continued and not CUE.search(text)) or THIRD_PARTY.search(text):
        return []
    if not continued and PAST_MAIN.search(text) and not NOW_CUE.search(text):
        return []  # "In February, we introduced targets of ...": a report about earlier guidance
    # a comparison base ("compared to the midpoint of our 2020 guidance") is not the outlook's period;
    # a past one still ties the figure next to it to results
    periods = tuple((sp, p) for sp, p in sentence_periods(text, call_period)
                    if is_future(p, call_period) is False or not COMPARE_BEFORE.search(text, max(0, sp[0] - 45), sp[0]))
    if any(_too_far(p, call_period) for _, p in periods) and not any(
            is_future(p, call_period) and not _too_far(p, call_period) for _, p in periods):
        return []  # "revenues to $10 billion by 2024": a long-range target
    status = _status(text)
    if NOT_PROVIDED.search(text) or status == "withdrawn":
        if s.section not in (None, "prepared_remarks") or re.match(r"\W*(?:while|although|though)\b", text, re.I):
            return []
        c = carry() if callable(carry) else carry
        return _not_provided(s, text, periods, c, call_period, status)
    strong = continued or STRONG.search(text) is not None
    qs, masked = _drop_conversions(text, [q for q in parse_quantities(text)
                                          if q.qualitative is None or (strong and s.section != "qa" and q.unit == "%"
                                                                       and q.high - q.low <= 10)])
    qs = _pair_points(masked, qs)
    if not qs:
        return []
    ms = find_metrics(text)
    if not ms and carry_metric is not None and strong and s.section != "qa":
        ms = [with_basis(carry_metric, text)]  # "and on a non-GAAP basis, we estimate ..."
    if (not ms and not admit) or (ABOUT_PRIOR.match(text) and not re.search(r"\bnow\b", text, re.I)):
        return []
    if MET_TARGET.search(text) and not re.search(r"\b(?:expect|anticipate|will)\b|预计|預計", text, re.I):
        return []  # "exceeded its target of 20%": a result measured against guidance
    long_term = LONG_TERM.search(text) is not None
    cue_at = [c.start() for c in CUE.finditer(text)]
    drafts: list[_Draft] = []
    used: set[int] = set()
    boundary = 0
    pending_prior: Quantity | None = None
    last_role = None
    skip_next = False
    for i, q in enumerate(qs):
        if skip_next:
            skip_next = False
            continue
        a, b = q.char_span
        near = text[max(boundary, a - 60):a]
        low, high, unit = q.low, q.high, q.unit
        pm = PLUS_MINUS.match(text, b)
        if pm and i + 1 < len(qs) and qs[i + 1].char_span[0] == pm.end():
            d = qs[i + 1]
            if (q.unit == "%" and d.unit in ("%", "pp")) or (d.unit == q.unit and d.unit is not None):
                low, high = q.low - d.low, q.high + d.low
                skip_next = True
                b = d.char_span[1]
        next_start = qs[i + 1].char_span[0] if i + 1 < len(qs) else len(text)
        role = None
        if BY_BEFORE.search(near) and not (q.is_range and _GUIDANCE_BY.search(near)):
            role = "by"
        elif PRIOR_BEFORE.search(near) or PRIOR_AFTER.match(text, b) or (
                _FROM_THE.search(near) and _GUIDED_AFTER.match(text, b)):
            role = "prior"
        elif FROM_BEFORE.search(near) and i + 1 < len(qs) and re.match(r"\s*(?:to|至|到)\s", text[b:next_start] + " "):
            role = "prior_first"  # "from $2.00-$2.15 to $2.10-$2.20"
        elif BASE_BEFORE.search(near) or (last_role in ("base", "excluded", "by") and _AND_PAIR.search(text[boundary:a])):
            role = "base" if last_role == "base" else last_role
        elif EXCLUDED_BEFORE.search(text[max(boundary, a - 50):a]) or CHANGE_AFTER.match(text, b) or (
                _money(unit) and (CHANGE_OF_BEFORE.search(near) or PER_UNIT_AFTER.match(text, b))):
            role = "excluded"
        elif not continued and cue_at and not any(c < b + 35 for c in cue_at):
            role = "excluded"  # the outlook word belongs to a later clause ("we have $1 billion ... and anticipate")
        admitted = (q.low, q.high) in admit
        if admitted and role in ("by", "base", "excluded"):
            role = None  # the model's call; a replaced range ("from a range of A to B") keeps its prior role
        last_role = role
        if role in ("by", "base", "excluded"):
            boundary = b
            continue
        if role == "prior":
            if drafts and drafts[-1].prior is None and drafts[-1].unit == unit and (
                    drafts[-1].per_share == q.per_share or (drafts[-1].per_share and not _SCALE_WORD.search(q.text))):
                drafts[-1].prior = (low, high)
            elif not drafts:
                pending_prior = q
            boundary = b
            continue
        if role == "prior_first":
            pending_prior = q
            boundary = b
            continue
        last = drafts[-1] if drafts else None
        if (unit == "%" and last is not None and last.growth is None and last.unit != "%" and i > 0 and qs[i - 1] is last.q
                and not [m for m in ms if last.q.char_span[1] <= m.start < a]
                and GROWTH.search(text[last.q.char_span[1]:a])):
            last.growth = (-high, -low) if low >= 0 and declines(text[last.q.char_span[1]:a]) else (low, high)
            tail = text[last.q.char_span[1]:min(len(text), b + 60)]
            last.basis = "qoq" if QOQ.search(tail) else "yoy"
            boundary = b
            continue
        m = _metric_for(ms, boundary, a, b, text, used)
        if m is None:
            # "adjusted EBITDA and adjusted EPS guidance of X and Y": the next unused mention
            spare = [k for k, mm in enumerate(ms) if mm.end <= a and k not in used]
            m = (ms[spare[0]] if drafts else ms[spare[-1]]) if spare else None
            last = drafts[-1] if drafts else None
            if (m is None and last is not None and last.mention is not None and last.mention.end <= last.q.char_span[0]
                    and last.unit == unit and bool(_SCALE_WORD.search(last.q.text)) == bool(_SCALE_WORD.search(q.text))
                    and _SAME_METRIC_GAP.fullmatch(text, last.q.char_span[1], a)):
                m = last.mention
        if m is None and admitted:
            # a range the model took for guidance, named by no vocabulary word: the speaker's own phrase
            m = open_mention(text, max(boundary, a - 120), a, b, unit, q.per_share)
            if m is not None:
                m = replace(m, start=a, end=a)
        if (m is None or NOT_METRIC_AFTER.match(text, m.end) or NOISE_BETWEEN.search(text, m.end, a) or m.base in NO_GUIDANCE_METRICS
                or (_money(unit) and m.end <= a and CHANGE_NOUN_AFTER.match(text, m.end))
                or IMPACT_BEFORE.search(text, max(0, m.start - 30), m.start)
                or (ASSUMED.search(text[max(0, a - 120):a]) and m.base not in ASSUMPTION_METRICS)):
            boundary = b
            continue
        if m in ms:
            used.add(ms.index(m))
        if unit is None and m.kind == "money" and currency and _SCALE_WORD.search(q.text) and CURRENCY_OK_AFTER.match(text, b):
            unit = currency
        name, per_share = m.name, q.per_share
        if (q.per_share or (m.base in ("net_income", "ffo", "affo", "nfe") and _money(unit) and high < 100
                            and re.search(r"per\s+(?:diluted\s+)?share|每股", text[m.start:b + 40], re.I))):
            name, per_share = per_share_name(m), True
        kind = "per_share" if per_share else m.kind
        if kind == "per_share":
            if not _money(unit):
                boundary = b
                continue
            per_share = True
            if not q.per_share and (high >= 1000 or _SCALE_WORD.search(q.text)):
                boundary = b
                continue
        elif unit == "%" and m.kind in ("money", "count", "any", "per_share"):
            if OF_SALES_AFTER.match(text, b) and m.base != "revenue":
                name = f"{m.name}_to_revenue"
            elif m.kind != "count" and a - m.end <= (70 if s.lang == "en" else 12) and GROWTH.search(text[m.end:a] + " " + q.text + " " + text[b:b + 25]):
                name = f"{m.name}_growth"
            else:
                boundary = b
                continue
        elif not unit_fits(kind, unit, per_share) or (kind == "count" and unit != "count") or (
                kind == "any" and _money(unit) and high < 1000) or (
                kind == "any" and unit is None and not _SCALE_WORD.search(q.text)) or (
                kind == "multiple" and (_SCALE_WORD.search(q.text) or high > 50)):
            boundary = b
            continue
        if unit is None and kind == "multiple":
            unit = "x"
        lead = text[m.end:a] if m.end <= a else text[max(boundary, a - 60):a]
        if not admitted and ((PAST.search(lead) and not CUE.search(text[min(m.start, max(boundary, a - 60)):a])) or (
                PAST_AFTER.match(text, b) and not FUTURE.search(text[:a]))):
            boundary = b
            continue
        period, blocked = _pick_period(periods, a, b, max(boundary, m.start - 45), next_start, carry, call_period, text)
        if blocked:
            boundary = b
            continue
        if (period is not None and _too_far(period, call_period)) or any(
                b <= sp[0] < min(next_start, b + 80) and _too_far(p, call_period) for sp, p in periods):
            boundary = b  # "... $260 million in run-rate savings as we exit 2024": a long-range target
            continue
        if period is None and not admitted and (long_term or not strong or PAST.search(text[:a]) or s.section == "qa"):
            boundary = b
            continue
        if period is None:
            # "mid-single-digit revenue growth sequentially": the next quarter; else the fiscal year
            period = _next_quarter(call_period) if QOQ.search(text) else _default_year(call_period)
        if long_term and not [p for sp, p in periods if sp[1] <= b + 40]:
            boundary = b
            continue
        flat = FLAT_TO.search(text, max(0, a - 30), a)
        if unit == "%" and name.endswith("_growth") and low >= 0 and declines(text[m.end:a] if m.end <= a else text[max(boundary, a - 40):a]):
            low, high = -high, -low
        if flat and unit == "%" and abs(low) == abs(high):
            low, high = (Decimal(0), high) if high > 0 else (low, Decimal(0))  # "flat to up 2%", "flat to down 2%"
        d = _Draft(name, q, low, high, unit, per_share, period,
                   segment=(_segment_near(text, min(m.start, a) - 60, a, segments_rx)
                            or _segment_after(text, b, next_start, segments_rx) or _leading_segment(text, segments_rx)),
                   mention=m)
        if pending_prior is not None and pending_prior.unit == unit and pending_prior.per_share == q.per_share:
            d.prior = (pending_prior.low, pending_prior.high)
            pending_prior = None
        drafts.append(d)
        boundary = b
    out = []
    clause_start = 0
    for d in drafts:
        # "reaffirming our 2021 guidance of A and raising our 2022 guidance to B": each item's own clause
        local = _status(text[clause_start:d.q.char_span[1]])
        clause_start = d.q.char_span[1]
        st = local if local != "new" else status
        if d.prior is not None:
            st = _compare(d.low, d.high, d.prior[0], d.prior[1], status)
        low, high = d.low, d.high
        if d.q.approx in ("at_least", "over") and low == high:
            high = None  # "不低于20%", "at least $2 billion": open above
        elif d.q.approx in ("at_most", "under") and low == high:
            low = None
        out.append(Guidance(
            metric=d.metric, segment=d.segment, period=d.period, low=low, high=high, unit=d.unit,
            per_share=d.per_share, approx=d.q.approx or None,
            growth_low_pct=d.growth[0] if d.growth else None, growth_high_pct=d.growth[1] if d.growth else None,
            basis=d.basis, status=st, prior_low=d.prior[0] if d.prior else None,
            prior_high=d.prior[1] if d.prior else None, speaker=s.speaker, turn=s.turn, evidence=text,
            char_span=(s.start, s.end), languages=(s.lang,),
        ))
    return out


def _not_provided(s: Sentence, text: str, periods, carry, call_period, status) -> list[Guidance]:
    ms = find_metrics(text)
    fut = [p for _, p in periods if is_future(p, call_period) is not False]
    period = fut[0] if fut else carry
    metric = ms[0].name if ms else "outlook"
    st = "withdrawn" if status == "withdrawn" else "not_provided"
    return [Guidance(metric=metric, segment=None, period=period, low=None, high=None, unit=None, status=st,
                     speaker=s.speaker, turn=s.turn, evidence=text, char_span=(s.start, s.end), languages=(s.lang,))]


def carried_period(s: Sentence, call_period: str | None) -> str | None:
    """The last future period a sentence names (carried to the next sentences of the turn)."""
    fut = [p for sp, p in sentence_periods(s.text, call_period) if is_future(p, call_period)
           and not COMPARE_BEFORE.search(s.text, max(0, sp[0] - 45), sp[0])]
    return fut[-1] if fut else None


_CARRY_KINDS = ("multiple",)
_CARRY_BASES = ("ffo", "affo", "nfe", "eps")


def _carried_metric(prev: Sentence) -> MetricMention | None:
    """The last ratio or per-share metric of the previous sentence, placed at the start of the next."""
    ms = [m for m in find_metrics(prev.text) if m.kind in _CARRY_KINDS or (
        m.base in _CARRY_BASES and (m.kind == "per_share" or re.match(r"\s*(?:per|/)\s*(?:diluted\s+)?share", prev.text[m.end:m.end + 20], re.I)))]
    if not ms:
        return None
    m = ms[-1]
    if m.kind in _CARRY_KINDS:
        return MetricMention(0, 0, m.name, m.base, m.kind, m.qualifier)
    return MetricMention(0, 0, per_share_name(m), m.base, "per_share", m.qualifier)


def _admitted(s: Sentence, items: list[Guidance], **kw) -> list[Guidance]:
    """Ranges the role model (callnlp.extract.roles) calls guidance but the sentence gates turned
    away: the sentence read again as if its outlook cue were known, keeping only those ranges."""
    from . import roles

    if s.lang != "en" or s.translated or not _DIGIT.search(s.text) or not roles.available():
        return []
    have = {pair for g in items for pair in ((g.low, g.high), (g.growth_low_pct, g.growth_high_pct), (g.prior_low, g.prior_high))}
    period = kw.get("call_period")
    wanted = {(q.low, q.high) for q in parse_quantities(s.text)
              if (q.low, q.high) not in have and roles.role_of(s.text, q, s.section, period) == "guidance"}
    if not wanted:
        return []
    got = [g for g in sentence_guidance(s, continued=True, admit=frozenset(wanted), **kw) if (g.low, g.high) in wanted]
    named = {pair for g in got for pair in ((g.low, g.high), (g.growth_low_pct, g.growth_high_pct), (g.prior_low, g.prior_high))}
    named |= {(-h, -lo) for lo, h in named if lo is not None and h is not None}
    for q in parse_quantities(s.text):
        if (q.low, q.high) in wanted and (q.low, q.high) not in named:
            g = _model_item(s, q, **kw)
            if g is not None:
                got.append(g)
                named.add((q.low, q.high))
    return got


_PER_SHARE_BASES = ("net_income", "operating_income", "ffo", "affo", "nfe", "net_loss", "operating_loss", "eps")


def _model_item(s: Sentence, q: Quantity, *, call_period: str | None, carry=None, segments_rx=None,
                currency: str | None = None, carry_metric: MetricMention | None = None) -> Guidance | None:
    """A range the role model calls guidance that the sentence rules could not place: its metric is
    the nearest vocabulary mention before it (or right after it), else the speaker's own phrase; its
    period the nearest future period the sentence names, else the one carried, else the fiscal year."""
    text = s.text
    a, b = q.char_span
    if PRIOR_BEFORE.search(text[max(0, a - 60):a]) or PRIOR_AFTER.match(text, b):
        return None  # "from the prior range of A to B": the replaced range
    ms = find_metrics(text)
    small_dollars = _money(q.unit) and not _SCALE_WORD.search(q.text) and q.high < 100
    m = (next((m for m in ms if b <= m.start <= b + 2), None) or phrase_after(text, b, q.unit, q.per_share)
         or next((m for m in reversed(ms) if m.end <= a and (not small_dollars or m.kind == "per_share"
                                                               or m.base in _PER_SHARE_BASES)), None))
    if m is None and carry_metric is not None:
        m = carry_metric
    if m is None and not small_dollars:
        m = open_mention(text, max(0, a - 120), a, b, q.unit, q.per_share)
    if m is None and small_dollars:
        # a bare dollar amount under $100 an outlook names no metric for: per-share earnings
        m = MetricMention(a, a, "eps", "eps", "per_share", None)
    if m is None:
        return None
    name, unit, low, high = m.name, q.unit, q.low, q.high
    per_share = q.per_share or small_dollars or (_money(unit) and m.kind == "per_share")
    if per_share and m.kind != "per_share":
        name = per_share_name(m)
    if unit is None and m.kind == "money" and currency and _SCALE_WORD.search(q.text):
        unit = currency
    if unit == "%" and m.kind in ("money", "count", "any", "per_share"):
        name = f"{m.name}_growth" if not m.name.endswith("_growth") else m.name
        if low >= 0 and declines(text[max(0, a - 40):a]):
            low, high = -high, -low
    elif not unit_fits("per_share" if per_share else m.kind, unit, per_share) and m.kind != "any":
        return None
    fut = [(sp, p) for sp, p in sentence_periods(text, call_period) if is_future(p, call_period) is not False
           and not COMPARE_BEFORE.search(text, max(0, sp[0] - 45), sp[0])]
    near = min(fut, key=lambda x: abs(x[0][0] - a), default=None)
    period = near[1] if near else (carry() if callable(carry) else carry) or (
        _next_quarter(call_period) if QOQ.search(text) else _default_year(call_period))
    return Guidance(
        metric=name, segment=_segment_near(text, max(0, a - 60), a, segments_rx) or _leading_segment(text, segments_rx),
        period=period, low=low, high=high, unit=unit, per_share=per_share, approx=q.approx or None,
        status=_status(text), speaker=s.speaker, turn=s.turn, evidence=text, char_span=(s.start, s.end),
        languages=(s.lang,))


def _key(g: Guidance) -> tuple:
    return (g.metric, g.period, g.low, g.high, g.unit)


def find_guidance(sentences: list[Sentence], *, call_period: str | None,
                  segments_rx: re.Pattern | None = None, currency: str | None = None) -> tuple[Guidance, ...]:
    """Guidance items of a call, one per fact; bilingual translations merge into their original."""
    originals: list[Guidance] = []
    by_para: dict[int, list[int]] = {}
    translated: list[tuple[int, Guidance]] = []
    has_original: set[int] = set()
    history: dict[tuple[int, bool], list[Sentence]] = {}
    for s in sentences:
        if not s.translated:
            has_original.add(s.para)
        hk = (s.turn, s.translated)
        prev = history.setdefault(hk, [])
        if eligible(s):
            def carry(prev=tuple(prev[-3:])) -> str | None:
                for p in reversed(prev):
                    found = carried_period(p, call_period)
                    if found:
                        return found
                return None

            continued = bool(prev) and prev[-1].para == s.para and prev[-1].text.endswith(";") and s.text[:1].islower() \
                and CUE.search(prev[-1].text) is not None
            cm = _carried_metric(prev[-1]) if prev and prev[-1].para == s.para else None
            items = sentence_guidance(s, call_period=call_period, carry=carry, segments_rx=segments_rx,
                                      currency=currency, continued=continued, carry_metric=cm)
            items += _admitted(s, items, call_period=call_period, carry=carry, segments_rx=segments_rx,
                               currency=currency, carry_metric=cm)
        else:
            items = []
        prev.append(s)
        for g in items:
            if s.translated:
                translated.append((s.para, g))
            else:
                by_para.setdefault(s.para, []).append(len(originals))
                originals.append(g)
    for para, g in translated:
        idxs = by_para.get(para, [])
        match = next((i for i in idxs if (originals[i].low, originals[i].high, originals[i].unit) == (g.low, g.high, g.unit)), None)
        if match is not None:
            o = originals[match]
            langs = tuple(sorted(set(o.languages) | set(g.languages)))
            originals[match] = replace(o, languages=langs)
        elif para not in has_original:
            originals.append(g)
    seen: dict[tuple, int] = {}
    out: list[Guidance] = []
    for g in originals:
        k = _key(g)
        if k in seen:
            j = seen[k]
            if out[j].prior_low is None and g.prior_low is not None:
                out[j] = g  # the restatement that names the replaced range says more
            continue
        seen[k] = len(out)
        out.append(g)
    return tuple(out)
