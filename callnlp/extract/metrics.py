"""Headline metrics and segment claims: reported figures for the call's own period.

Reads: ``Sentence`` views, the call's period, the learned segment regex.
Adds: ``MetricClaim`` items. Without a segment they are headline metrics (revenue, gross margin,
net loss, ...); with one they are segment claims ("CC business generated RMB130.4 million in
revenues, a 125.4% year-over-year increase", "gross margin for CPaaS was 28%", "7moor grew
around 35%").

Rules for each figure in a company-side sentence that is not an outlook:
- its metric is the vocabulary mention right after it ("RMB12 million revenue", "6,000 active
  customers") or the nearest one before it; a segment claim may have no metric word and then
  counts as revenue ("RongCC increased by over 400%");
- its segment is the nearest learned segment name before it in the sentence (after the previous
  figure's), or one right after its metric ("revenue growth in CC business"); in a sentence with
  no learned segment that opens on a region ("International net sales declined 10% to $114
  million", "In Canada, revenues ..."), the region;
- a % after "by", "up", "increase of" or before "increase", "year-over-year" is the change; a
  figure after "from", "compared with", "versus" or tied to a past period is the prior value;
  else it is the value when its unit fits the metric (money, %, count).
- the period is the call's period (or a longer one ending with it, or TTM) when the sentence
  names one, else the call's period; a sentence tied only to other periods gives nothing.

Refuses to guess: forward-looking sentences (expect, will, guidance) are left to guidance.py;
"about"/"over" stay in ``approx``; a percentage-point change is not a ``change_pct``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..numbers.parse import RESPECTIVELY, parse_quantities
from .guidance import eligible
from .periods import is_current, months, sentence_periods
from .records import MetricClaim
from .segments import named_in_sentence
from .sentences import Sentence
from .vocab import declines, find_metrics, per_share_name, qualified, unit_fits, with_basis

FORWARD = re.compile(
    r"\b(?:expect(?:s|ed|ing)?|anticipat\w+|will|should|would|could|might|guidance|outlook|forecast\w*|project(?:s|ed|ing)|"
    r"plan\s+to|target\w*|aim\w*|aspir\w+|going\s+to|path\s+to|goals?)\b|预计|預計|预期|預期|将|將|指引|展望|目标|目標",
    re.I,
)
PAST_VERB = re.compile(r"\b(?:was|were|had|grew|increased|decreased|declined|rose|fell|delivered|generated|recorded|"
                       r"reached|totaled|came\s+in|contributed|improved)\b|为|為|实现|實現|录得|錄得", re.I)
CHANGE_BEFORE = re.compile(
    r"(?:\bby\s+|\bup\s+|\bdown\s+|\bincrease\s+of\s+|\bdecrease\s+of\s+|\bgrowth\s+of\s+|\bdecline\s+of\s+|\bgrew\s+|"
    r"\bincreased\s+|\bdecreased\s+|\brose\s+|\bfell\s+|\bdeclined\s+|\bgrowing\s+|\bnarrowed\s+by\s+|\bimproved\s+|\bworsened\s+|"
    r"\badded\s+(?:(?:a\s+)?(?:net|record|another|over|more\s+than|nearly|almost)\s+)?|"
    r"同比增长|同比增長|同比下降|同比减少|同比減少|年增|年减|年減|增长|增長|成长|成長|增加|下降|减少|減少|较上年同期增长)"
    r"(?:\s*(?:about|approximately|around|roughly|over|more\s+than|nearly|almost|约|約|超过|超過)\s*)?\Z",
    re.I,
)
CHANGE_AFTER = re.compile(
    r"\s*(?:year[\s-]+over[\s-]+year|yoy|y/y|sequential\w*|quarter[\s-]+over[\s-]+quarter)?\s*(?:increase|growth|decrease|"
    r"decline|higher|lower|improvement|jump|rise|drop|up|down)\b|\s*(?:year[\s-]+over[\s-]+year|yoy)\b",
    re.I,
)
DOWN = re.compile(r"\b(?:down|decrease\w*|decline\w*|fell|drop\w*|lower|narrow\w*)\b|下降|减少|減少|年减|年減", re.I)
PRIOR_BEFORE = re.compile(
    r"(?:\bfrom|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bas\s+against|上年同期[为為]?|去年同期[为為]?|较上年同期的|較去年同期的|"
    r"较上年同期|較去年同期|[由从從])\s*(?:the\s+|a\s+)?\Z",
    re.I,
)
YOY = re.compile(r"year[\s-]+over[\s-]+year|\byoy\b|y/y|year[\s-]+on[\s-]+year|same\s+(?:quarter|period)\s+(?:of\s+)?last\s+year|"
                 r"compared\s+to\s+(?:the\s+)?\w+\s+quarter\s+of\s+last\s+year|同比|年增|年减|年減|上年同期|去年同期", re.I)
QOQ = re.compile(r"sequential\w*|quarter[\s-]+over[\s-]+quarter|\bqoq\b|环比|環比|季增", re.I)
RIGHT_GAP = re.compile(r"\s*(?:in|of|from|worth\s+of)?\s*(?:total\s+|our\s+)?\Z", re.I)
SEG_AFTER_GAP = re.compile(r"\s*(?:growth\s+)?(?:in|from|of|for|at)\s+(?:our\s+|the\s+)?\Z", re.I)
GROWTH_WORD = re.compile(r"\b(?:increase[sd]?|growth|grew|grow|up|decline[sd]?|decrease[sd]?|down)\b|增长|增長|成长|成長|增幅|增速", re.I)
SCALE = re.compile(r"thousand|million|billion|[万萬亿億]", re.I)


@dataclass
class _Claim:
    metric: str
    segment: str | None
    value: Decimal | None = None
    unit: str | None = None
    per_share: bool = False
    approx: str | None = None
    change: Decimal | None = None
    basis: str | None = None
    prior: Decimal | None = None
    period: str | None = None
    at: int = 0  # where the value's figure starts


def _year_ago(periods, call_period: str | None) -> bool:
    """The sentence names the same period a year earlier ("... from RMB118.4 million in the third quarter of 2020")."""
    c = months(call_period)
    return c is not None and any(months(p) == (c[0] - 12, c[1] - 12) for _, p in periods)


def _money(unit: str | None) -> bool:
    return unit not in (None, "%", "pp", "bp", "count")


def _segments_in(text: str, rx: re.Pattern | None) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), re.sub(r"\s+", " ", m.group(0))) for m in rx.finditer(text)] if rx else []


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+(?:the\s+|for\s+the\s+|in\s+the\s+)?|&\s*)", re.I)
_YEAR_TO_DATE = re.compile(r"\byear[\s-]+to[\s-]+date\b|\bYTD\b|\b(?:first|past)\s+nine\s+months\b|\bnine[\s-]+months?\s+(?:ended|period)\b|前三季|前三季度|年初至今", re.I)
_CHANGE_IN_OF = re.compile(r"\b(?:increase|decrease|decline|reduction|rise|drop|growth|improvement)s?\s+in\s+(?:the\s+|our\s+)?"
                           r"(?:[\w&-]+\s+){0,5}(?:of|by)\s+(?:about\s+|approximately\s+)?\Z", re.I)
_QA_LOOSE = re.compile(r"\b(?:last|past|over\s+the|in\s+the\s+last)\s+(?:(?:two|three|four|five|ten|several|few|\d+)\s+)(?:years|decades?|months|quarters)\b|"
                       r"\bover\s+the\s+(?:last|past)\s+decade\b|\b(?:days|weeks|months|\w+\s+years)\s+ago\b|\bguid\w*|\bequates?\b|\bwould\b|\bcould\b|\bif\b|\bmidpoint\b|\bin\s+terms\s+of\b", re.I)
_CHANGE_WORD_AFTER = re.compile(r"[\s-]+(?:(?:year[\s-]+over[\s-]+year|sequential|y/y)\s+)?"
                                r"(?:higher|lower|above|below|more|less|increase|decrease|improvement|decline|reduction)\b"
                                r"|\s+(?:per\s+(?:diluted\s+)?share\s+)?(?:(?:negative|positive|unfavorable|favorable|adverse)\s+)?"
                                r"(?:impact|benefit|headwind|tailwind|charge|contribution)s?\b", re.I)
_PER_UNIT = re.compile(r"\s+per\s+(?!(?:diluted\s+|basic\s+|common\s+)?share)(?:[\w-]+\s+){0,3}?(?:customer|user|store|unit|employee|member|"
                       r"ton|barrel|room|key|file|subscriber|account|square|vehicle|day|hour|head|client|location)", re.I)
_REVENUE_VERB = re.compile(r"\b(?:generated|contributed|delivered|brought\s+in|accounted\s+for|recorded|reported|posted|"
                           r"grew|increased|rose|declined|decreased|reached|totaled|was|were)\b|贡献|貢獻|实现|實現|录得|錄得|为|為|达到|達到", re.I)
_NOT_REVENUE_AFTER = re.compile(r"\s+(?:of\s+|in\s+)?(?:[\w-]+\s+){0,3}?(?:costs?|expenses?|inventory|debt|financing|capex|"
                                r"capital|investments?|charges?|losses|impairments?|savings|cash)\b", re.I)
_FOR_SEGMENT = re.compile(r"\s*(?:for|in|at|from)\s+(?:the\s+|our\s+)?", re.I)
_OR_GAP = re.compile(r"\s*,?\s*(?:or|and)\s+")
_HYPOTHETICAL = re.compile(r"^\W*(?:assuming|if|at\s+the\s+time|hypothetically|say)\b", re.I)
# "This segment recorded ...", "The segment's operating margin ...", "Backlog in this segment ...": near the start
_THIS_SEGMENT = re.compile(r"^\W*(?:[\w,'-]+\s+){0,3}?(?:this|the)\s+(?:segment|division)(?:'s)?\b(?!s)|^\W*(?:segment|division)'s\b"
                           r"|^\W*(?:The|This)\s+business\s+(?:recorded|reported|delivered|generated|grew|posted)\b|^(?:该业务|該業務|该板块|該板塊)", re.I)
_COMPANY_LEVEL = ("eps", "dividend", "share_count", "buyback")
# "Revenue in our home warranty business ...": the sentence names a unit of its own
_OTHER_UNIT = re.compile(r"\b(?:our|the|its)\s+(?:[\w&-]+\s+){1,3}(?:business|segment|division)\b", re.I)
# The words that open a walk-through: "Turning to CooperVision,", "starting with Annuities.", "Now to Concentrix;"
_TURN_TO = r"(?:turning|moving|switching|going)\s+(?:now\s+|on\s+|over\s+)?to"
_START_WITH = r"(?:starting|beginning|begin|start)\s+with"
_WALK_CUE = re.compile(rf"(?:\b{_TURN_TO}|\b{_START_WITH}|^\W*(?:and\s+)?(?:now|next|then),?\s+(?:on\s+|over\s+)?to"
                       r"|^\W*(?:(?:now|so|and|next),?\s+)?(?:in|at|for|within))\s+(?:our\s+|the\s+)?\Z", re.I)
# A sentence whose subject is a region: "International net sales declined 10% to $114 million",
# "In Canada, revenues nearly tripled", "North America Q1 revenue was $1.2 billion". Its figures are
# that region's, unless the metric says total/consolidated.
_REGIONS = (r"(?P<region>International|Domestic|North\s+America|Latin\s+America|South\s+America|Europe|EMEA|APAC|"
            r"Asia[\s-]Pac(?:ific)?|Asia|Americas|U\.S\.|US|United\s+States|Greater\s+China|China|Japan|Canada|Mexico|"
            r"Brazil|Australia|India|Germany|UK|United\s+Kingdom|France|Middle\s+East|Africa)(?![\w-]|\.\w)")
_REGION_OPENER = re.compile(r"^\W*(?:(?:In|Within|For|And|Now,?)\s+)?(?:[Tt]he\s+|our\s+)?" + _REGIONS
                            + r"(?!\s+(?:dollars?|GAAP|tax|based|listed)\b)")
# "Turning to Asia.", "Moving on to Europe,": a walk-through of regions
_REGION_WALK = re.compile(rf"\b(?i:{_TURN_TO})\s+(?:the\s+|our\s+)?" + _REGIONS + r"\s*(?:[.,:]|$)")
_TOTAL = re.compile(r"\b(?:total|consolidated|overall|company|group|enterprise|worldwide|global)\b", re.I)
_OWNS_NEXT = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:[$€£¥]|RMB|US\$)?\d")  # "last year's 31.5%", "Q2's $11.2 million"
_COMPARISON = re.compile(r"\b(?:from|compared|versus|vs\.?|than|against)\b", re.I)
_COMPARED = re.compile(r"\b(?:compared|versus|vs\.?|up\s+from|down\s+from)\b|相比|对比|對比", re.I)


def _listed(spans: list[tuple[int, int]], text: str, end: int) -> list[int]:
    """Indexes of the last run of spans joined by "and" / "," that ends before ``end`` (two or more)."""
    run: list[int] = []
    for k, (st, en) in enumerate(spans):
        if en > end:
            break
        if run and _LIST_JOIN.fullmatch(text, spans[run[-1]][1], st):
            run.append(k)
        else:
            run = [k]
    return run if len(run) >= 2 else []


def _respectively(text: str, qs, ms, periods) -> tuple[dict, dict]:
    """"Net income and adjusted EBITDA were $10.2 million and $25.3 million, respectively": figure k
    takes listed metric k; "revenue in Q3 and Q2 was A and B, respectively": figure k, listed period k."""
    r = RESPECTIVELY.search(text)
    if not r or not qs:
        return {}, {}
    first = qs[0].char_span[0]
    figures = [k for k, q in enumerate(qs) if q.char_span[1] <= r.start()]
    metric_run = _listed([(m.start, m.end) for m in ms], text, first)
    period_run = _listed([sp for sp, _ in periods], text, first)
    by_metric = {figures[k]: ms[j] for k, j in enumerate(metric_run)} if metric_run and len(metric_run) == len(figures) else {}
    later = [k for k, q in enumerate(qs) if q.char_span[0] >= r.end()]
    if by_metric and len(later) == len(figures) and all(qs[k].unit == qs[f].unit for k, f in zip(later, figures)):
        by_metric.update({later[k]: ms[j] for k, j in enumerate(metric_run)})  # "..., compared with C and D a year ago"
    by_period = ({figures[k]: periods[j][1] for k, j in enumerate(period_run)}
                 if period_run and len(period_run) == len(figures) else {})
    return by_metric, by_period


def _region_name(m: re.Match) -> str:
    return re.sub(r"\s+", " ", m.group("region"))


_OPENING = re.compile(rf"^\W*(?:(?:and|so|now|next|also),?\s+)?(?:(?:in|at|within|for|{_START_WITH}|{_TURN_TO})\s+)?"
                      r"(?:our\s+|the\s+)?\Z", re.I)


def _opening_segment(text: str, segs: list[tuple[int, int, str]]) -> str | None:
    """The segment a sentence opens on ("Our Owned Sports Properties segment continued ...", "In our
    drilling and evaluation division, ..."): the subject of its figures."""
    first = segs[0] if segs else None
    if first is not None and _OPENING.match(text[:first[0]]) and not find_metrics(text[:first[0]]):
        return first[2]
    return None


def sentence_claims(s: Sentence, *, call_period: str | None, segments_rx: re.Pattern | None) -> list[MetricClaim]:
    """Reported figures in one sentence (see the module docstring)."""
    text = s.text
    if FORWARD.search(text) and not PAST_VERB.search(text):
        return []
    if _HYPOTHETICAL.search(text):
        return []  # "Assuming we repurchased $3 billion ...", "At the time, ... were up 34%"
    qs = [q for q in parse_quantities(text) if q.qualitative is None and not (q.is_range and q.low != q.high) and (
        q.unit is not None or (q.low == q.high and q.low == q.low.to_integral_value() and not (1900 <= q.low <= 2100)))]
    if not qs:
        return []
    ms = find_metrics(text)
    segs = _segments_in(text, segments_rx)
    segs += [x for x in named_in_sentence(text) if s.lang == "en" and not any(x[0] < b and a < x[1] for a, b, _ in segs)]
    segs.sort()
    if not ms and not segs:
        return []
    periods = sentence_periods(text, call_period)
    if s.section == "qa" and _QA_LOOSE.search(text) and not (call_period and any(is_current(p, call_period) for _, p in periods)):
        return []  # answers quote figures loosely: past spans, hypotheticals, guides
    ytd = _YEAR_TO_DATE.search(text)
    if ytd and ytd.start() < qs[0].char_span[0] and not (call_period and re.search(r"Q4|H2|^FY\d{4}$", call_period)):
        return []  # year-to-date or nine-month figures: not the call's own period
    if periods and call_period and not any(is_current(p, call_period) for _, p in periods) \
            and periods[0][0][0] < qs[0].char_span[0]:
        return []  # about another period
    listed_metric, listed_period = _respectively(text, qs, ms, periods)
    region = _REGION_OPENER.match(text) if s.lang == "en" else None
    opener = _opening_segment(text, segs)
    claims: list[_Claim] = []
    cur: _Claim | None = None
    cur_mention = None
    boundary = 0
    last_prior = False
    for i, q in enumerate(qs):
        a, b = q.char_span
        near = text[max(boundary, a - 40):a]
        # metric: right after the figure, else nearest before it (since the previous figure's metric)
        m = listed_metric.get(i) or next((mm for mm in ms if a < mm.start < b and mm.end <= b), None)  # "6,000 active customers" (a count)
        if m is None:
            m = next((mm for mm in ms if b <= mm.start <= b + 12 and RIGHT_GAP.match(text[b:mm.start])), None)
        if m is None:
            before = [mm for mm in ms if mm.end <= a]
            m = before[-1] if before else None
        if m is not None and _PER_UNIT.match(text, m.end):
            boundary = b  # "average revenue per large enterprise customer": an intensity, not the line
            continue
        if m is not None and m.end <= a:
            m = with_basis(m, text, m.end, a)  # "Net income on a non-GAAP basis was ..."
        # segment: nearest before the figure and after the metric's own clause start, or right after the metric
        seg = None
        lo = boundary if (m is None or m.start >= a) else max(0, m.start - 60)
        sb = [x for x in segs if x[1] <= a and x[0] >= lo]
        right = [x for x in segs if b <= x[0] <= b + 14 and _FOR_SEGMENT.fullmatch(text, b, x[0])]
        if right:
            seg = right[0][2]  # "gross margin was 61% for Service Cloud, 47% for Marketing Cloud"
        elif sb:
            seg = sb[-1][2]
        elif m is not None:
            sa = [x for x in segs if m.end <= x[0] <= m.end + 25 and SEG_AFTER_GAP.match(text[m.end:x[0]])]
            if sa:
                seg = sa[0][2]
        if seg is None and cur is not None and cur.segment and m is not None and cur.metric == m.name \
                and not _segments_in(text[boundary:a], segments_rx) and not [x for x in ms if boundary <= x.start < a and x is not m]:
            seg = cur.segment  # "CC business generated RMB130.4 million in revenues, a 125.4% increase"
        if seg is None and m is not None and m.name not in _COMPANY_LEVEL and not _TOTAL.search(text, max(0, m.start - 25), m.end):
            # the sentence is about one segment, or opens on a region, and the metric does not say total
            if opener is not None and len({x[2] for x in segs}) == 1:
                seg = opener
            elif region is not None and not [x for x in segs if x[0] < a]:
                seg = _region_name(region)
        if m is None and seg is None:
            boundary = b
            continue
        if m is None and q.unit != "%" and (not _REVENUE_VERB.search(text, max(boundary, a - 60), a)
                                            or _NOT_REVENUE_AFTER.match(text, b)):
            boundary = b  # "Topgolf added $14 million of inventory": a segment's amount is revenue only when it reads so
            continue
        chained = last_prior and _OR_GAP.fullmatch(text, boundary, a) is not None
        prior_hint = chained or PRIOR_BEFORE.search(near) is not None
        if m is not None and seg is None and m.end <= a and a - m.end > 90 and not (
                prior_hint and any(c.metric in (m.name, per_share_name(m)) for c in claims)):
            boundary = b  # too far from its metric, unless it is the prior of a figure already read
            continue
        metric = m.name if m is not None else "revenue"
        kind = m.kind if m is not None else "money"
        if m is not None and q.per_share:
            metric, kind = per_share_name(m), "per_share"
        nxt = qs[i + 1].char_span[0] if i + 1 < len(qs) else len(text)
        # a period named after the figure is its period, unless it owns the next one ("28.1%, lower than last year's 31.5%")
        post_period = next((p for sp, p in periods if b <= sp[0] <= b + 30 and sp[0] < nxt
                            and not _OWNS_NEXT.match(text, sp[1])), None)
        if q.unit == "count" and re.search(r"\b[Tt]op\s*$", text[max(0, a - 6):a]):
            boundary = b  # "our top 10 customers": a rank, not a count
            continue
        if (_money(q.unit) or q.unit == "count") and (CHANGE_BEFORE.search(near) or _CHANGE_WORD_AFTER.match(text, b)):
            boundary = b  # "revenues increased $40 million or 59%": an amount of change
            continue
        chg = _CHANGE_IN_OF.search(text, max(boundary, a - 80), a) if _money(q.unit) else None
        if chg and not re.search(r"%\s*\Z", text[max(0, chg.start() - 12):chg.start()]):  # not "an 80% increase in X of $Y"
            boundary = b  # "an increase in the R&D staff expenses of RMB18.5 million": an amount of change
            continue
        is_change = q.unit == "%" and kind != "ratio" and (
            CHANGE_BEFORE.search(near) is not None or CHANGE_AFTER.match(text, b) is not None
            or (m is not None and m.end <= a and GROWTH_WORD.search(text, m.end, a) is not None))
        if kind == "ratio" and q.unit == "%" and CHANGE_BEFORE.search(near) and re.search(r"\bby\s*\Z", near):
            is_change = True  # "gross margin improved by 2%": not a value
        pre = [p for sp, p in periods if boundary <= sp[1] <= a and a - sp[1] <= 16] if s.lang == "zh" else []
        if s.lang == "en" and call_period and (cur is None or (m is not None and cur.metric == m.name)):
            # "... improved from our 2020 adjusted tax rate of 22.7%", "lower than last year's 31.5%": the figure
            # of an older period named, after a comparison word, right before it in the same clause
            pre = [p for sp, p in periods if boundary <= sp[1] <= a and a - sp[1] <= 40
                   and is_current(p, call_period) is False and _COMPARISON.search(text, boundary, sp[0])
                   and not re.search(r"[,;]|\bto\s*(?:an?\s+)?(?:record\s+)?\Z", text[sp[1]:a])]
        is_prior = (is_current(pre[-1], call_period) is False) if pre and call_period else PRIOR_BEFORE.search(near) is not None or (
            post_period is not None and call_period is not None and is_current(post_period, call_period) is False)
        if i in listed_metric and RESPECTIVELY.search(text, 0, a) and _COMPARED.search(text, 0, a):
            is_prior = True  # "..., respectively, compared with C and D"
        if i in listed_period:
            is_prior = call_period is not None and is_current(listed_period[i], call_period) is False
        if chained:
            is_prior = True  # "compared to $12.8 million or $0.28 per diluted share"
        last_prior = is_prior
        # the same metric named again after a stated figure is a new claim ("Q4 revenue was X ... full year revenue was Y")
        restated = (m is not None and cur_mention is not None and m is not cur_mention and cur is not None
                    and cur.value is not None and not is_prior and not is_change)
        listed = next((c for c in claims if c.metric == metric and c.segment == seg), None) if (
            i in listed_metric or (is_prior and (cur is None or cur.metric != metric))) else None
        if listed is not None:
            cur = listed  # the second list of a "respectively" sentence ("compared with C and D")
        elif cur is None or cur.metric != metric or cur.segment != seg or restated:
            cur = _Claim(metric, seg)
            claims.append(cur)
        cur_mention = m if m is not None else cur_mention
        if is_change:
            if cur.change is None:
                v = q.low
                lead = text[max(0, a - 60) if m is None or m.end > a else max(m.end, a - 80):a]
                if v > 0 and (DOWN.search(near + text[b:b + 30]) or declines(lead)):
                    v = -v  # "were down $21 million or 18%"
                cur.change = v
                cur.approx = cur.approx or q.approx
                win = text[max(0, a - 60):b + 60]
                cur.basis = "qoq" if QOQ.search(win) else ("yoy" if YOY.search(text) or _year_ago(periods, call_period) else None)
        elif q.unit in ("pp", "bp"):
            pass
        elif q.unit is None and kind != "count":
            pass
        elif unit_fits(kind, q.unit, q.per_share):
            if kind == "money" and not SCALE.search(q.text) and q.low < 1000 and not q.per_share:
                boundary = b
                continue  # "$5" next to a money metric without a scale: not a headline amount
            if is_prior and cur.value is not None and cur.prior is None:
                cur.prior = q.low
            elif is_prior and cur.value is None:
                cur.prior = q.low
            elif cur.value is None:
                cur.value, cur.unit, cur.per_share = q.low, q.unit or "count", q.per_share
                cur.approx = q.approx or cur.approx
                # "For the full year, revenue reached ...": a longer period ending with the call's own
                cur.at = a
                named = [p for sp, p in periods if sp[1] <= a]
                if named and call_period and named[-1] != call_period and is_current(named[-1], call_period) \
                        and months(named[-1]) != months(call_period):  # "Q3 2021" in an "FY2021 Q3" call is the same
                    cur.period = named[-1]
                elif (not named and post_period and call_period and months(post_period) != months(call_period)
                      and not re.search(r"\b(?:end|as)\s+of\b", text[b:b + 40], re.I)
                      and not post_period.startswith("TTM") and is_current(post_period, call_period)):
                    cur.period = post_period  # "we paid out $1.3 billion of dividends in 2021" (a Q4 call)
            elif cur.prior is None and (is_prior or re.search(r"\bcompared|\bversus|\bvs\b|从|從|由", text[boundary:a])):
                cur.prior = q.low
        boundary = b
    out = []
    for c in claims:
        if c.value is None and c.change is None:
            continue
        if c.segment is None and c.value is None:
            continue  # a headline metric needs its figure
        if c.value is None and c.prior is not None:
            continue
        unit = c.unit if c.value is not None else None
        period = c.period or call_period
        for sp, p in periods:  # "as of the last twelve months, customers reached ..." (named before the figure)
            if c.period is None and is_current(p, call_period) and p.startswith("TTM") and sp[0] < c.at:
                period = p
        out.append(MetricClaim(
            metric=c.metric, segment=c.segment, period=period, value=c.value, unit=unit, per_share=c.per_share,
            approx=c.approx, change_pct=c.change, basis=c.basis if c.change is not None else None,
            prior_value=c.prior, speaker=s.speaker, turn=s.turn, evidence=text, char_span=(s.start, s.end),
            languages=(s.lang,),
        ))
    return out


_PER_SHARE_AFTER = re.compile(r"\s*(?:of\s+)?(?:[\w-]+\s+){0,2}?per\s+(?:diluted\s+|basic\s+|common\s+)?share\b", re.I)
_LOSS_BEFORE = re.compile(r"\bloss(?:es)?\b[^.;$\d]{0,40}\Z", re.I)
_A_LOSS_OF = re.compile(r"\ba\s+loss\s+of\s+\Z", re.I)
_PER_SHARE_BEFORE = re.compile(r"\bper\s+(?:diluted\s+|basic\s+|common\s+)?share\b[^$\d.;]{0,30}\Z", re.I)
_EARNED = re.compile(r"\b(?:earn(?:ed|ing|ings)?|income|profit)\b", re.I)
_EARNINGS = ("net_income", "operating_income", "ffo", "affo", "nfe", "net_loss", "operating_loss")


def admitted_claims(s: Sentence, have: list[MetricClaim], *, call_period: str | None,
                    segments_rx: re.Pattern | None, referred: str | None = None) -> list[MetricClaim]:
    """Single figures the role model (callnlp.extract.roles) calls reported that the rules gave no item.

    The metric is the vocabulary mention right after the figure or the nearest before it, else the
    speaker's own phrase (callnlp.extract.phrases); a per-share amount of earnings or a loss is the
    per-share metric; a % of a money metric is its change. The period is the call's."""
    from . import roles
    from .phrases import open_mention

    text = s.text
    if s.lang != "en" or s.translated or not roles.available() or not any(ch.isdigit() for ch in text):
        return []
    taken = {abs(v) for c in have for v in (c.value, c.change_pct) if v is not None}
    ms = find_metrics(text)
    segs = _segments_in(text, segments_rx)
    out = []
    for q in parse_quantities(text):
        if not roles.is_candidate(q) or q.low != q.high or abs(q.low) in taken:
            continue
        if roles.role_of(text, q, s.section, call_period) != "reported":
            continue
        a, b = q.char_span
        per_share = _money(q.unit) and not SCALE.search(q.text) and bool(
            q.per_share or _PER_SHARE_AFTER.match(text, b) or _PER_SHARE_BEFORE.search(text, max(0, a - 60), a))
        m = next((m for m in ms if b <= m.start <= b + 2), None) or next(
            (m for m in reversed(ms) if m.end <= a and (not per_share or m.kind == "per_share" or m.base in _EARNINGS)), None)
        if not per_share and (m is None or m.kind == "money") and _money(q.unit) and not SCALE.search(q.text) and abs(q.low) < 1000:
            # a bare small amount is no money total: "EPS, excluding ... sales, increased 78% to $4.14"
            alt = next((m for m in reversed(ms) if m.end <= a and m.kind == "per_share"), None)
            if alt is not None:
                m, per_share = alt, True
        loss = _LOSS_BEFORE.search(text, max(0, a - 40), a) is not None
        if per_share:
            if m is not None:
                metric = per_share_name(m) if m.kind != "per_share" else m.name
            elif loss or _EARNED.search(text, 0, a):
                metric = "loss_per_share" if loss else "eps"  # "earned $101.7 million or $1.60 per share"
            else:
                continue
            kind = "per_share"
            if loss and not metric.endswith("loss_per_share") and q.low > 0 and _A_LOSS_OF.search(text, max(0, a - 20), a):
                q = replace(q, low=-q.low, high=-q.high)  # "FFO per share was a loss of $0.01"
        else:
            if m is None:
                m = open_mention(text, max(0, a - 120), a, b, q.unit, q.per_share)
            if m is None:
                continue
            metric, kind = m.name, m.kind
        value, change = q.low, None
        if q.unit == "%" and kind in ("money", "count", "any", "per_share"):
            value, change = None, q.low  # "used vehicle revenue increased 55%": the change of a money metric
            if DOWN.search(text, max(0, a - 30), a) and change > 0:
                change = -change
        elif not unit_fits(kind, q.unit, per_share) or (
                kind == "money" and not per_share and not SCALE.search(q.text) and abs(q.low) < 1000):
            continue
        seg = next((name for st, en, name in reversed(segs) if en <= a), None) or (
            referred if not per_share and not any(w in metric for w in _COMPANY_LEVEL) else None)
        out.append(MetricClaim(
            metric=metric, segment=seg, period=call_period, value=value, unit=q.unit if value is not None else None,
            per_share=per_share, approx=q.approx, change_pct=change, basis="yoy" if change is not None else None,
            speaker=s.speaker, turn=s.turn, evidence=text, char_span=(s.start, s.end), languages=(s.lang,)))
        taken.add(abs(q.low))
    return out


def _merge(a: MetricClaim, b: MetricClaim) -> MetricClaim:
    """Fill a's missing fields from b (the same fact said twice)."""
    upd = {}
    for f in ("change_pct", "basis", "prior_value", "approx"):
        if getattr(a, f) is None and getattr(b, f) is not None:
            upd[f] = getattr(b, f)
    return replace(a, **upd) if upd else a


def find_metrics_and_segments(sentences: list[Sentence], *, call_period: str | None,
                              segments_rx: re.Pattern | None) -> tuple[tuple[MetricClaim, ...], tuple[MetricClaim, ...]]:
    """(headline metrics, segment claims) of a call; translations confirm their originals."""
    originals: list[MetricClaim] = []
    by_para: dict[int, list[int]] = {}
    trans: list[tuple[int, MetricClaim]] = []
    has_original: set[int] = set()
    last_segment: dict[tuple[int, bool], str] = {}  # per turn and side: the segment named last
    walking: dict[tuple[int, bool], tuple[int, str] | None] = {}  # per turn and side: (paragraph, segment) a walk-through opened
    for s in sentences:
        if not s.translated:
            has_original.add(s.para)
        if not eligible(s) or s.section in ("safe_harbor", "opening"):
            continue
        key = (s.turn, s.translated)
        named = _segments_in(s.text, segments_rx)
        referred = last_segment.get(key) if not named and _THIS_SEGMENT.search(s.text) else None
        region_walk = _REGION_WALK.search(s.text) if s.lang == "en" else None
        if named:
            last_segment[key] = named[-1][2]
            a = named[-1][0]
            if _WALK_CUE.search(s.text, 0, a):
                walking[key] = (s.para, named[-1][2])
            elif not (walking.get(key) and walking[key][1] == named[-1][2]):
                walking[key] = None  # another segment named: the walk-through has moved on
        elif region_walk:
            walking[key] = (s.para, _region_name(region_walk))
        elif s.lang == "en" and (local := _opening_segment(s.text, named_in_sentence(s.text))):
            walking[key] = (s.para, local)  # "In our drilling and evaluation division, revenue was ..."
            referred = None
        elif referred is None and walking.get(key) and walking[key][0] == s.para and not _TOTAL.search(s.text) \
                and not _OTHER_UNIT.search(s.text):
            referred = walking[key][1]  # "... starting with Annuities. Operating income for the quarter was $338 million"
        found = sentence_claims(s, call_period=call_period, segments_rx=segments_rx)
        extra = admitted_claims(s, found, call_period=call_period, segments_rx=segments_rx, referred=referred)
        if extra:  # a figure the model reads as reported is no rule item's prior
            values = {c.value for c in extra}
            found = [replace(c, prior_value=None) if c.prior_value in values else c for c in found] + extra
        for c in found:
            if referred and c.segment is None and not any(w in c.metric for w in _COMPANY_LEVEL):
                c = replace(c, segment=referred)  # "This segment recorded revenue of ...": the one just named
            if s.translated:
                trans.append((s.para, c))
            else:
                by_para.setdefault(s.para, []).append(len(originals))
                originals.append(c)
    for para, c in trans:
        hit = next((i for i in by_para.get(para, []) if originals[i].value == c.value and originals[i].unit == c.unit
                    and (c.value is not None or originals[i].change_pct == c.change_pct)), None)
        if hit is not None:
            o = originals[hit]
            originals[hit] = replace(o, languages=tuple(sorted(set(o.languages) | set(c.languages))))
        elif para not in has_original:
            originals.append(c)
    kept: dict[tuple, int] = {}
    out: list[MetricClaim] = []
    for c in originals:
        k = (c.metric, c.segment, c.period, c.value, c.unit if c.value is not None else c.change_pct)
        if k in kept:
            out[kept[k]] = _merge(out[kept[k]], c)
            continue
        kept[k] = len(out)
        out.append(c)
    metrics = tuple(c for c in out if c.segment is None)
    claims = tuple(c for c in out if c.segment is not None)
    return metrics, claims
