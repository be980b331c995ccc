"""Check that stated changes, guidance ranges and market forecasts add up.

Reads: the original paragraphs of each turn (translations are not re-checked: the bilingual check
compares them with the original), sentence by sentence, with callnlp.numbers.parse_quantities;
and, when the extraction stage ran, ``fields["metrics"]``/``fields["segment_claims"]`` items whose
value, prior value and change are all printed in their evidence sentence.
Adds: ``Check`` records of kind
- ``arithmetic_mismatch``: "increased by 31.8% to RMB156 million from RMB128.4 million" (156/128.4
  is +21.5%); "up $39.7 million from $236.4 million" stated with the wrong current value; a
  guidance range whose two ends imply different bases; a CAGR that does not join its two ends;
- ``implausible_figure``: a figure off by a power of ten ("RMB49.8 billion in 2020 ... 24.3% CAGR
  ... RMB146.5 million in 2025", where about RMB147.8 billion is implied).

How a claim is recognised: three neighbouring figures of one sentence, each in a role marked by
the words next to it: the prior value after "from"/"compared with"/"由"/"較", the current value
first in the clause or after "to"/"至", the rate next to a change word ("up", "increased by",
"a 5% decline", "同比增長"), an absolute change ("up RMB39.7 million") likewise; "X or Y%" binds an
absolute and a relative change. Tolerances: models/check_tolerances.md (0.15 pp beyond the
rounding of every printed input).

Refuses to guess (precision over recall; a false alarm on a real call is worse than a miss):
- sentences that mention constant currency, organic, like-for-like, excluding, pro forma,
  comparable/same-store or "respectively" (their rate is not the printed values' rate);
- a rate whose basis (year over year) differs from its prior's (last quarter);
- "over 400%", "more than", "at least": one-sided rates are not compared;
- the sign: "improved"/"narrowed" losses make direction words unreliable, so magnitudes are
  compared ("down 5% to $95 from $100" and "up 5%" both pass);
- "X times", basis-point changes of amounts, and figures split over two sentences.
"""
from __future__ import annotations

import re
from decimal import Decimal, localcontext
from itertools import permutations

from ..numbers import parse_quantities
from ..records import Lang, Quantity, Structure
from ..tokenize.sentences import split_sentences
from .base import Check, fmt_decimal, fmt_money, half_units, interval, is_money

RATE_TOLERANCE_PP = Decimal("0.15")
CAGR_TOLERANCE_PP = Decimal("0.5")
POWER_SLACK = Decimal("0.2")  # a power-of-ten slip: the ratio is 10^k within +-20%
MAX_GAP = 75
HUNDRED = Decimal(100)

_INC = (r"increase[sd]?|increasing|grew|grow(?:s|ing|th)?|up|rose|rise[sn]?|rising|jump(?:ed|s)?"
        r"|climb(?:ed|s)?|gain(?:ed|s)?|expand(?:ed|s)?|higher|widen(?:ed|s)?|improv(?:ed|es|ement|ing)"
        r"|advanc(?:ed|es)|surg(?:ed|es)|soar(?:ed|s)?|accelerat(?:ed|es)")
_DEC = (r"decrease[sd]?|decreasing|declin(?:e[sd]?|ing)|down|fell|fall(?:en|ing|s)?|drop(?:ped|s)?"
        r"|lower|reduc(?:ed|es|tion)|contract(?:ed|ion|s)?|shr[au]nk|narrow(?:ed|s)?|slipped|dipped")
_BASIS = r"(?:year[- ]over[- ]year|yoy|y/y|year[- ]on[- ]year|sequential(?:ly)?|quarter[- ]over[- ]quarter|q/q)"
_HEDGE = r"(?:approximately|about|roughly|nearly|almost|around|some|just\s+over|over|more\s+than)"
_DIR_BEFORE = {
    "en": re.compile(
        rf"\b(?:{_INC}|{_DEC})(?:\s+{_BASIS})?(?:\s+(?:by|of))?(?:\s+{_HEDGE})?(?:\s+an?)?\s*$", re.I),
    "zh": re.compile(
        r"(?:同比|年增|年減|年减|環比|环比|年比|按年|按季)?\s*(?:增長|增长|增加|上升|提升|成長|成长|上漲|上涨|提高"
        r"|下降|減少|减少|下滑|下跌|降低|年增|年減|年减)了?\s*(?:約|约|近|達|达)?\s*$"),
}
_DIR_AFTER = {
    "en": re.compile(
        rf"^\s*(?:{_BASIS}\s+)?(?:increase|growth|rise|gain|improvement|jump|decrease|decline|drop"
        r"|reduction|higher|lower|up|down)\b", re.I),
    "zh": re.compile(r"^\s*的?(?:增長|增长|增幅|成長|成长|下降|降幅|減少|减少)"),
}
_PRIOR_MARK = {
    "en": re.compile(
        r"\b(?:from|compared\s+(?:with|to)|versus|vs\.?|over|relative\s+to|against)"
        r"(?:\s+(?:the\s+)?(?:prior|previous|last|year[- ]ago)[- ]?(?:year|quarter|period)?(?:'s|’s)?)?\s*$",
        re.I),
    "zh": re.compile(r"(?:由|从|從|較|较|相比|相較|相较)[^,，。；;%]{0,20}?\s*$"),
}
_CUR_MARK = {
    "en": re.compile(r"(?<!due\s)(?<!related\s)(?<!attributable\s)(?<!compared\s)(?<!up\s)(?<!led\s)"
                     r"(?<!contributed\s)(?<!according\s)(?<!relative\s)(?<!equal\s)(?<!close\s)(?<!prior\s)"
                     r"(?<!addition\s)(?<!respect\s)(?<!similar\s)(?<!compare\s)\bto(?:\s+(?:a\s+record(?:\s+high)?(?:\s+of)?|reach))?\s*$", re.I),
    "zh": re.compile(r"(?:至|到|達到|达到)\s*$"),
}
# What may stand between the previous figure (after its last comma) and a rate that follows it.
_LATE_RATE = {
    "en": re.compile(
        rf"^\s*(?:(?:or|representing|marking|which\s+(?:is|was|represents))\s+)?(?:an?\s+)?(?:{_BASIS}\s+)?"
        rf"(?:(?:{_INC}|{_DEC})(?:\s+{_BASIS})?(?:\s+(?:by|of))?)?(?:\s+{_HEDGE})?(?:\s+an?)?\s*$", re.I),
    "zh": re.compile(
        r"^\s*(?:同比|年增|年減|年减|環比|环比|年比|按年|按季)?\s*(?:增長|增长|增加|上升|提升|成長|成长|上漲|上涨|提高"
        r"|下降|減少|减少|下滑|下跌|降低)?了?\s*(?:約|约|近|達|达)?\s*$"),
}
_OR = re.compile(r"^\s*,?\s*(?:or|及|或)\s*,?\s*$", re.I)
_GAP_STOP = {
    "en": re.compile(r";|\band\b|\bwhile\b|\bwhereas\b|\bbut\b|\bexcept\b|\b(?:was|were|is|are|has|had|have)\b"
                     r"|\bas\b(?!\s+of)|\bdue\s+to|\bprimarily|\bmainly|\bdriven\s+by|\boffset|\bbecause|\[", re.I),
    "zh": re.compile(r"[；;。]|而|但"),
}
_SKIP_SENTENCE = re.compile(
    r"constant[- ]currency|organic|like[- ]for[- ]like|local[- ]currency|currency[- ]neutral|fx[- ]neutral"
    r"|exclud(?:e|es|ed|ing)|exclusive\s+of|\bex[- ]|pro[- ]forma|comparable|same[- ]store|respectively|normali[sz]ed"
    r"|per\s+day|annuali[sz]ed|run[- ]rate|分別|分别|不計|不计|剔除|撇除",
    re.I,
)
_YOY = re.compile(r"year[- ]over[- ]year|yoy|y/y|year[- ]on[- ]year|a\s+year\s+ago|last\s+year|prior[- ]year"
                  r"|same\s+(?:period|quarter)|同比|年增|去年", re.I)
_QOQ = re.compile(r"sequential|quarter[- ]over[- ]quarter|q/q|last\s+quarter|prior\s+quarter|previous\s+quarter"
                  r"|preceding\s+quarter|環比|环比|上季|上一季", re.I)
_CAGR = re.compile(r"\bCAGR\b|compound(?:ed)?\s+annual(?:\s+growth)?(?:\s+rate)?|複合年|复合年|年複合|年复合",
                   re.I)
_SCALE_WORD = re.compile(r"thousand|million|billion|trillion|\d\s?[kmb]n?\b|[万萬亿億千]", re.I)
_YEAR = re.compile(r"(?<![0-9.,])(?:19|20)[0-9]{2}(?![0-9])")


# ---- entry point -------------------------------------------------------------------------------


def check_arithmetic(structure: Structure, fields: dict | None = None, *, passed: list | None = None) -> list[Check]:
    """Every arithmetic finding of the call, in text order.

    ``passed``, when given, receives one (turn, sentence) entry per claim that was checked and
    found consistent (for benchmarks: how much the checker covers).
    """
    out: list[Check] = []
    ok: list = [] if passed is None else passed
    recognised: set = set()  # sentences where a claim was recognised (consistent or not)
    for turn in structure.turns:
        for p in turn.paragraphs:
            if p.language is Lang.OTHER or not re.search(r"[0-9]", p.text):
                continue
            lang = "zh" if p.language.is_zh else "en"
            for a, b in split_sentences(p.text, lang=p.language):
                sent = p.text[a:b]
                if not re.search(r"[0-9]", sent):
                    continue
                span = (p.span[0] + a, p.span[0] + b)
                before = len(ok)
                found = check_sentence(sent, turn=turn.index, span=span, lang=lang, passed=ok)
                if found or len(ok) > before:
                    recognised.add(span)
                    recognised.add(sent)
                out.extend(found)
    out.extend(_field_checks(fields or {}, recognised))
    out.extend(_margin_checks(fields or {}))
    return out


def check_sentence(sent: str, *, turn: int = 0, span: tuple[int, int] = (0, 0), lang: str = "en",
                   passed: list | None = None) -> list[Check]:
    """All arithmetic checks of one sentence (offsets of ``span`` locate it in the source)."""
    qs = [q for q in parse_quantities(sent) if not q.qualitative]
    if len(qs) < 2:
        return []
    out = []
    ctx = _Ctx(sent, qs, turn, span, lang)
    ok: list = [] if passed is None else passed
    if _CAGR.search(sent):
        out.extend(_check_cagr(ctx, ok))
        return out  # a market forecast sentence: its figures are not a period-on-period change
    if _SKIP_SENTENCE.search(sent):
        return out
    out.extend(_check_changes(ctx, ok))
    out.extend(_check_guidance_growth(ctx, ok))
    return out


class _Ctx:
    __slots__ = ("sent", "qs", "turn", "span", "lang")

    def __init__(self, sent, qs, turn, span, lang):
        self.sent, self.qs, self.turn, self.span, self.lang = sent, qs, turn, span, lang

    def before(self, i: int, lo: int | None = None) -> str:
        """Text between figure i-1 (or ``lo``) and figure i."""
        start = self.qs[i - 1].char_span[1] if i > 0 else 0
        if lo is not None:
            start = max(start, lo)
        return self.sent[start:self.qs[i].char_span[0]]

    def after(self, i: int) -> str:
        end = self.qs[i + 1].char_span[0] if i + 1 < len(self.qs) else len(self.sent)
        return self.sent[self.qs[i].char_span[1]:end]

    def check(self, kind: str, message: str, expected=None, found=None) -> Check:
        return Check(kind, "warning", self.turn, message, self.sent, self.span, expected=expected, found=found)


# ---- roles -------------------------------------------------------------------------------------


def _is_rate(q: Quantity) -> bool:
    return q.unit in ("%", "pp", "bp") and not q.is_range and q.approx not in ("over", "under", "at_least", "at_most")


def _is_level(q: Quantity) -> bool:
    """A value a change can be computed from: money, a count, a percentage (for pp changes)."""
    if q.is_range or q.approx in ("over", "under", "at_least", "at_most") or q.low <= 0:
        return False
    return is_money(q) or q.unit in ("count", "%")


def _same_kind(a: Quantity, b: Quantity) -> bool:
    """Same unit, both per share or neither, and both printed with a scale word or neither
    ("$205.7 [Phonetic] million" next to "$45.6 million" is not compared)."""
    if a.unit != b.unit or a.per_share != b.per_share:
        return False
    if is_money(a) and bool(_SCALE_WORD.search(a.text)) != bool(_SCALE_WORD.search(b.text)):
        return False
    return True


def _rate_bound(ctx: _Ctx, rate: int, first: int) -> bool:
    """A rate that follows another figure of the claim is introduced by change words only
    ("..., an increase of 29.9%", "..., up 10%"), not by a new subject ("reflecting AUM up 36%")."""
    if rate == first:
        return True
    gap = ctx.before(rate)
    tail = re.split(r"[,，]", gap)[-1]
    return bool(_LATE_RATE[ctx.lang].match(tail))


def _has_direction(ctx: _Ctx, i: int) -> bool:
    return bool(_DIR_BEFORE[ctx.lang].search(ctx.before(i)[-60:]) or _DIR_AFTER[ctx.lang].match(ctx.after(i)))


def _gaps_ok(ctx: _Ctx, idx: tuple[int, ...]) -> bool:
    lo, hi = min(idx), max(idx)
    for j in range(lo + 1, hi + 1):
        gap = ctx.before(j)
        if len(gap) > MAX_GAP or _GAP_STOP[ctx.lang].search(gap):
            return False
    return True


def _prior_marked(ctx: _Ctx, i: int) -> bool:
    return bool(_PRIOR_MARK[ctx.lang].search(ctx.before(i)[-60:]))


def _cur_marked(ctx: _Ctx, i: int, first: int) -> bool:
    """The current value opens the clause, or follows "to"/"至" when something precedes it."""
    tail = ctx.before(i)[-60:]
    if _PRIOR_MARK[ctx.lang].search(tail):
        return False
    if i == first:
        return True
    return bool(_CUR_MARK[ctx.lang].search(tail))


def _basis_conflict(ctx: _Ctx, rate: int, prior: int) -> bool:
    """The rate is year over year but the prior is last quarter's (or the other way round)."""
    around_rate = ctx.before(rate)[-25:] + ctx.sent[ctx.qs[rate].char_span[0]:ctx.qs[rate].char_span[1] + 30]
    end = ctx.qs[prior].char_span[1]
    around_prior = ctx.sent[end:end + 40]
    r_yoy, r_qoq = bool(_YOY.search(around_rate)), bool(_QOQ.search(around_rate))
    p_yoy, p_qoq = bool(_YOY.search(around_prior)), bool(_QOQ.search(around_prior))
    return (r_yoy and p_qoq and not r_qoq) or (r_qoq and p_yoy and not r_yoy)


# ---- period-on-period changes ------------------------------------------------------------------


def _check_changes(ctx: _Ctx, ok: list) -> list[Check]:
    out = []
    used: set[int] = set()
    n = len(ctx.qs)
    for w in range(n - 2):
        idx = (w, w + 1, w + 2)
        if set(idx) <= used or not _gaps_ok(ctx, idx):  # windows may share figures, not repeat
            continue
        found = [r for r in _assignments(ctx, idx) if r is not None]
        if len(found) != 1:
            continue  # nothing, or ambiguous: say nothing
        check = found[0]
        used.update(idx)
        if check is True:
            ok.append((ctx.turn, ctx.sent))
        else:
            out.append(check)
    return out


def _assignments(ctx: _Ctx, idx):
    """Try every role assignment of three neighbouring figures; yield a Check, True (consistent)."""
    qs = ctx.qs
    first = idx[0]
    for cur, prior, rate in permutations(idx):
        c, p, r = qs[cur], qs[prior], qs[rate]
        if _is_rate(r) and _is_level(c) and _is_level(p) and _same_kind(c, p):
            if r.unit in ("pp", "bp") and c.unit != "%":
                continue
            if (_prior_marked(ctx, prior) and _cur_marked(ctx, cur, first) and _has_direction(ctx, rate)
                    and _rate_bound(ctx, rate, first) and not _basis_conflict(ctx, rate, prior)):
                yield _rate_check(ctx, c, p, r)
    # absolute changes: current/prior/delta, and "delta or rate" with one level
    for a, b, d in permutations(idx):
        qa, qb, qd = qs[a], qs[b], qs[d]
        if not (is_money(qd) or qd.unit == "count") or qd.is_range or qd.low <= 0 or not _is_level(qd):
            continue
        if not _DIR_BEFORE[ctx.lang].search(ctx.before(d)[-60:]) or not _rate_bound(ctx, d, first):
            continue
        # (cur, prior, delta)
        if (_is_level(qa) and _is_level(qb) and _same_kind(qa, qb) and _same_kind(qa, qd)
                and _prior_marked(ctx, b) and _cur_marked(ctx, a, first)):
            yield _delta_check(ctx, qa, qb, qd)
        # (level, rate) joined to the delta by "or": "increased $45 million, or 12%, to $420 million"
        if _is_rate(qb) and qb.unit == "%" and b == d + 1 and _OR.match(ctx.before(b)) and _is_level(qa) \
                and _same_kind(qa, qd):
            if _prior_marked(ctx, a):
                yield _delta_rate_check(ctx, qd, qb, prior=qa)
            elif _cur_marked(ctx, a, first):
                yield _delta_rate_check(ctx, qd, qb, cur=qa)


def _rate_range(c: Quantity, p: Quantity, pct_points: bool) -> tuple[Decimal, Decimal]:
    c1, c2 = interval(c)
    p1, p2 = interval(p)
    if pct_points:
        return c1 - p2, c2 - p1
    if p1 <= 0:
        return Decimal("-Infinity"), Decimal("Infinity")
    return (c1 / p2 - 1) * HUNDRED, (c2 / p1 - 1) * HUNDRED


def _magnitude(lo: Decimal, hi: Decimal) -> tuple[Decimal, Decimal]:
    if lo <= 0 <= hi:
        return Decimal(0), max(-lo, hi)
    return min(abs(lo), abs(hi)), max(abs(lo), abs(hi))


def _rate_matches(stated: Quantity, lo: Decimal, hi: Decimal) -> bool:
    s = abs(stated.low) / (100 if stated.unit == "bp" else 1)
    hs = half_units(stated)[0] / (100 if stated.unit == "bp" else 1)
    mlo, mhi = _magnitude(lo, hi)
    return s + hs >= mlo - RATE_TOLERANCE_PP and s - hs <= mhi + RATE_TOLERANCE_PP


def _rate_check(ctx: _Ctx, c: Quantity, p: Quantity, r: Quantity):
    if r.unit in ("pp", "bp"):
        lo, hi = _rate_range(c, p, True)
        if _rate_matches(r, lo, hi):
            return True
        pts = c.low - p.low
        return ctx.check("arithmetic_mismatch",
                         f"stated change {r.text}, but {c.text} vs {p.text} is {pts:+f} percentage points",
                         expected=pts, found=r.low / (100 if r.unit == "bp" else 1))
    lo, hi = _rate_range(c, p, False)
    if _rate_matches(r, lo, hi):
        return True
    if c.unit == "%":  # "margin up 2% to 45% from 43%" may mean points
        plo, phi = _rate_range(c, p, True)
        if _rate_matches(r, plo, phi):
            return True
    computed = (c.low / p.low - 1) * HUNDRED
    slip = _power_slip_rate(c, p, r)
    if slip is not None:
        return ctx.check(
            "implausible_figure",
            f"stated change {r.text} from {p.text} to {c.text} is {fmt_decimal(computed)}%; one amount looks "
            f"{slip} (the stated rate fits if it were)", expected=computed.quantize(Decimal("0.1")), found=r.low)
    return ctx.check(
        "arithmetic_mismatch",
        f"stated change {r.text}, but {c.text} vs {p.text} is {fmt_decimal(computed)}% "
        f"({_plain(c.low)}/{_plain(p.low)} - 1)", expected=computed.quantize(Decimal("0.1")), found=r.low)


def _power_slip_rate(c: Quantity, p: Quantity, r: Quantity) -> str | None:
    for k in (3, -3, 4, -4, 6, -6, 1, -1, 2, -2):
        f = Decimal(10) ** k
        lo, hi = _rate_range(c, _scaled(p, f), False)
        if _rate_matches(r, lo, hi):
            return f"{'10^' + str(k)} too {'small' if k > 0 else 'large'}: the prior {p.text}"
    return None


def _scaled(q: Quantity, f: Decimal) -> Quantity:
    return Quantity(q.low * f, q.high * f, q.unit, q.per_share, q.approx, q.char_span, "", q.qualitative, q.period)


def _delta_check(ctx: _Ctx, c: Quantity, p: Quantity, d: Quantity):
    c1, c2 = interval(c)
    p1, p2 = interval(p)
    d1, d2 = interval(d)
    lo, hi = _magnitude(c1 - p2, c2 - p1)
    if d2 >= lo and d1 <= hi:
        return True
    diff = c.low - p.low
    return ctx.check("arithmetic_mismatch",
                     f"stated change {d.text}, but {c.text} vs {p.text} differ by {fmt_money(abs(diff), c.unit)}",
                     expected=abs(diff), found=d.low)


def _delta_rate_check(ctx: _Ctx, d: Quantity, r: Quantity, *, cur: Quantity | None = None,
                      prior: Quantity | None = None):
    d1, d2 = interval(d)
    if prior is not None:
        bases = [interval(prior)]
    else:
        c1, c2 = interval(cur)
        bases = [(c1 - d2, c2 - d1), (c1 + d1, c2 + d2)]  # it rose by d, or it fell by d
    best = None
    for b1, b2 in bases:
        if b1 <= 0:
            continue
        lo, hi = d1 / b2 * HUNDRED, d2 / b1 * HUNDRED
        if _rate_matches(r, lo, hi):
            return True
        mid = d.low / ((b1 + b2) / 2) * HUNDRED
        best = mid if best is None or abs(mid - r.low) < abs(best - r.low) else best
    if best is None:
        return None
    ref = prior.text if prior is not None else f"a current value of {cur.text}"
    return ctx.check("arithmetic_mismatch",
                     f"stated {d.text} or {r.text}, but {d.text} on {ref} is {fmt_decimal(best)}%",
                     expected=best.quantize(Decimal("0.1")), found=r.low)


# ---- guidance: a money range and a growth range ------------------------------------------------


def _check_guidance_growth(ctx: _Ctx, ok: list) -> list[Check]:
    out = []
    qs = ctx.qs
    for i in range(len(qs) - 1):
        g, r = qs[i], qs[i + 1]
        if not (g.is_range and is_money(g) and r.is_range and r.unit == "%"):
            continue
        if r.approx in ("over", "under", "at_least", "at_most") or g.approx in ("over", "under"):
            continue
        if not _gaps_ok(ctx, (i, i + 1)) or not _has_direction(ctx, i + 1):
            continue
        dec = re.search(_DEC if ctx.lang == "en" else r"下降|減少|减少|下滑|下跌|降低|年減|年减",
                        ctx.before(i + 1)[-60:] + ctx.after(i + 1)[:30], re.I)
        sign = -1 if dec and r.low >= 0 else 1
        rates = sorted([sign * r.low, sign * r.high])
        hl, hh = half_units(r)
        lo_base = _base(interval(g, "low"), rates[0], hl)
        hi_base = _base(interval(g, "high"), rates[1], hh)
        if lo_base is None or hi_base is None:
            continue
        if lo_base[1] >= hi_base[0] and hi_base[1] >= lo_base[0]:
            ok.append((ctx.turn, ctx.sent))
            continue
        b_lo = g.low / (1 + rates[0] / HUNDRED)
        b_hi = g.high / (1 + rates[1] / HUNDRED)
        kind = "arithmetic_mismatch"
        if b_lo > 0 and b_hi > 0:
            ratio = b_hi / b_lo
            k = int(ratio.log10().to_integral_value())
            if k != 0 and abs(ratio / Decimal(10) ** k - 1) <= POWER_SLACK:
                kind = "implausible_figure"  # "$0.03 to $3.06": one end is off by a power of ten
        out.append(ctx.check(
            kind,
            f"guidance {g.text} with growth {r.text}: the low end implies a base of {fmt_money(b_lo, g.unit)}, "
            f"the high end {fmt_money(b_hi, g.unit)}", expected=b_lo.quantize(Decimal(1)), found=b_hi.quantize(Decimal(1))))
    return out


def _base(value_iv, rate: Decimal, half: Decimal):
    tol = half + RATE_TOLERANCE_PP
    f_lo, f_hi = 1 + (rate - tol) / HUNDRED, 1 + (rate + tol) / HUNDRED
    if f_lo <= 0:
        return None
    return value_iv[0] / f_hi, value_iv[1] / f_lo


# ---- market forecasts: start, end and CAGR -----------------------------------------------------


def _check_cagr(ctx: _Ctx, ok: list) -> list[Check]:
    money = [q for q in ctx.qs if is_money(q) and not q.is_range and q.low > 0]
    rates = [q for q in ctx.qs if q.unit == "%" and not q.is_range]
    years = [(m.start(), int(m.group())) for m in _YEAR.finditer(ctx.sent)]
    distinct = sorted({y for _, y in years})
    if len(money) != 2 or len(rates) != 1 or len(distinct) != 2 or rates[0].approx in ("over", "under"):
        return []
    if money[0].unit != money[1].unit or money[0].per_share or money[1].per_share:
        return []
    first_pos = {y: pos for pos, y in reversed(years)}
    if first_pos[distinct[0]] > first_pos[distinct[1]]:
        return []  # years named in reverse order: do not guess which amount is which
    start, end, r = money[0], money[1], rates[0]
    n = distinct[1] - distinct[0]
    if not 1 <= n <= 30:
        return []
    hr = half_units(r)[0]
    s1, s2 = interval(start)
    e1, e2 = interval(end)
    rate = r.low / HUNDRED
    expected = start.low * (1 + rate) ** n
    ratio = end.low / expected
    with localcontext() as lc:
        lc.prec = 28
        k = int(ratio.log10().to_integral_value())
    if k != 0 and abs(ratio / Decimal(10) ** k - 1) <= POWER_SLACK:
        word = _scale_word(k)
        return [ctx.check(
            "implausible_figure",
            f"{start.text} in {distinct[0]} growing at a {r.text} CAGR gives about {fmt_money(expected, start.unit)} "
            f"in {distinct[1]}, but the text says {end.text} ({Decimal(10) ** abs(k):,f}x "
            f"{'smaller' if k < 0 else 'larger'}{word})", expected=expected.quantize(Decimal(1)), found=end.low)]
    # same order of magnitude: does the rate join the ends? allow n-1/n+1 year counting
    for m in (n, n - 1, n + 1):
        if m < 1:
            continue
        lo = s1 * (1 + (rate - (hr + CAGR_TOLERANCE_PP) / HUNDRED)) ** m
        hi = s2 * (1 + (rate + (hr + CAGR_TOLERANCE_PP) / HUNDRED)) ** m
        if e2 >= lo and e1 <= hi:
            ok.append((ctx.turn, ctx.sent))
            return []
    with localcontext() as lc:
        lc.prec = 28
        implied = ((end.low / start.low).ln() / n).exp() - 1
    return [ctx.check(
        "arithmetic_mismatch",
        f"{start.text} ({distinct[0]}) to {end.text} ({distinct[1]}) is a {fmt_decimal(implied * HUNDRED)}% CAGR, "
        f"not {r.text}", expected=(implied * HUNDRED).quantize(Decimal("0.1")), found=r.low)]


def _scale_word(k: int) -> str:
    return {-3: ": million written for billion?", 3: ": billion written for million?",
            -4: ": 万 written for 亿?", 4: ": 亿 written for 万?"}.get(k, "")


# ---- extracted fields --------------------------------------------------------------------------


def _field_checks(fields: dict, done_spans: set) -> list[Check]:
    # done_spans: spans and texts of sentences whose claim the text rules already recognised
    """Metrics from the extraction stage, re-checked only when all three figures are printed in
    their evidence sentence (so the rounding is known) and that sentence gave nothing above."""
    out = []
    for item in tuple(fields.get("metrics", ())) + tuple(fields.get("segment_claims", ())):
        value = getattr(item, "value", None)
        prior = getattr(item, "prior_value", None)
        change = getattr(item, "change_pct", None)
        evidence = getattr(item, "evidence", "") or ""
        span = tuple(getattr(item, "char_span", (0, 0)) or (0, 0))
        if value is None or prior is None or change is None or not evidence or evidence in done_spans:
            continue
        if any(isinstance(d, tuple) and d[0] <= span[0] < d[1] for d in done_spans):
            continue
        if getattr(item, "approx", None) in ("over", "under", "at_least", "at_most"):
            continue
        if _SKIP_SENTENCE.search(evidence) or _CAGR.search(evidence):
            continue
        qs = parse_quantities(evidence)
        c = next((q for q in qs if q.low == Decimal(str(value)) and _is_level(q)), None)
        p = next((q for q in qs if q.low == Decimal(str(prior)) and _is_level(q) and q is not c), None)
        r = next((q for q in qs if abs(q.low) == abs(Decimal(str(change))) and _is_rate(q)), None)
        if not (c and p and r and _same_kind(c, p)):
            continue
        ctx = _Ctx(evidence, qs, int(getattr(item, "turn", 0) or 0), span, "en")
        res = _rate_check(ctx, c, p, r)
        if isinstance(res, Check):
            out.append(res)
    return out


def _margin_checks(fields: dict) -> list[Check]:
    """Gross profit / revenue against a stated gross margin, when the extraction stage found all
    three for the same period and turn, with no segment (the margin's evidence is quoted)."""
    by_key: dict = {}
    for m in fields.get("metrics", ()):
        name = getattr(m, "metric", None)
        if name in ("revenue", "gross_profit", "gross_margin") and getattr(m, "segment", None) is None \
                and getattr(m, "value", None) is not None and getattr(m, "approx", None) is None:
            by_key.setdefault((getattr(m, "period", None), getattr(m, "turn", None)), {}).setdefault(name, []).append(m)
    # values per (period, metric) over the whole call: a second, different revenue for the same period
    # (a segment figure read as a headline one) makes the check ambiguous, so it is skipped
    distinct: dict = {}
    for (period, _), found in by_key.items():
        for name, items in found.items():
            distinct.setdefault((period, name), set()).update(getattr(m, "value", None) for m in items)
    out = []
    for (period, turn), found in by_key.items():
        if period is None or len(found) != 3 or any(len(distinct[(period, k)]) != 1 for k in found):
            continue
        ms = {k: v[0] for k, v in found.items()}
        rev, gp, gm = ms["revenue"], ms["gross_profit"], ms["gross_margin"]
        qs = {k: _printed(m) for k, m in ms.items()}
        if None in qs.values() or qs["revenue"].unit != qs["gross_profit"].unit:
            continue
        r1, r2 = interval(qs["revenue"])
        g1, g2 = interval(qs["gross_profit"])
        if r1 <= 0:
            continue
        lo, hi = g1 / r2 * HUNDRED, g2 / r1 * HUNDRED
        if _rate_matches(qs["gross_margin"], lo, hi):
            continue
        computed = Decimal(str(gp.value)) / Decimal(str(rev.value)) * HUNDRED
        span = tuple(getattr(gm, "char_span", (0, 0)) or (0, 0))
        out.append(Check("arithmetic_mismatch", "warning", int(turn or 0),
                         f"gross margin stated {qs['gross_margin'].text}, but gross profit {qs['gross_profit'].text} / "
                         f"revenue {qs['revenue'].text} is {fmt_decimal(computed)}% ({period})",
                         getattr(gm, "evidence", "") or "", span,
                         expected=computed.quantize(Decimal("0.1")), found=qs["gross_margin"].low))
    return out


def _printed(item) -> Quantity | None:
    """The quantity in the item's evidence that prints its value (for its rounding)."""
    value = Decimal(str(item.value))
    for q in parse_quantities(getattr(item, "evidence", "") or ""):
        if q.low == value and not q.is_range:
            return q
    return None


def _plain(d: Decimal) -> str:
    return f"{d.normalize():f}"
