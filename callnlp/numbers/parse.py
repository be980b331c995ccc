"""Find amounts, percentages, counts and ranges in English or Chinese text, exactly.

Reads: any string (a sentence, a paragraph, a whole transcript).
Adds: ``Quantity`` records (callnlp.records) with exact ``Decimal`` bounds, ISO currency in base
units, the hedge ("about", "over", ...), ``char_span`` into the given text and the raw ``text``.

How it works: one pass of a digit/Chinese-numeral finder; each hit is extended to the right
(scale, currency word, unit, Chinese hedge) with one anchored regex, and to the left (currency,
sign, hedge, 百分之) with one anchored regex run on the reversed preceding 40 characters. Every
regex is compiled once and has bounded repetition, so the scan is linear in the text length.
Neighbouring hits are then joined into ranges ("26.8% to 28.7%", "3.28億元至3.33億元") and lists
("2.55/3.45/4.00 亿元", "分别为 X、Y 和 Z"); list items get the period named before them.

Refuses to guess:
- years, quarter numbers (Q3, 3Q21, 第三季度), list/ordinal numbers ("1)", "2nd", "slide 3"),
  dates, clock times, phone numbers, numeric tickers ("0700.HK") and numbers glued to letters
  ("5G", "COVID-19", "10-K") are not quantities;
- "(5.2)" is not read as negative (transcripts use parentheses for asides, not accounting
  negatives); only a minus sign makes a value negative;
- "from X to Y" is two values (a change), not a range; "X to Y" with different units is too;
- bare Chinese numerals need a unit, scale, currency or 百分之 ("一个", "进一步" are words);
- "数十亿"/"上千万" (vague magnitudes) are skipped.

Hedge table: see ``scales.HEDGE_BEFORE``/``HEDGE_AFTER`` ("nearly", "近", "接近" read as
"about"). "一千多万" is 10,000,000 with approx "over" (low == high, the hedge says it is more).
Verbal ranges ("mid-single digits") use ``scales.QUALITATIVE_BOUNDS``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..errors import NumberParseError
from ..records import Quantity
from . import scales as S

__all__ = ["parse_quantities", "parse_amount"]

# Full-width digits and signs map one-to-one, so offsets into the translated text are offsets
# into the original.
_HAS_FULLWIDTH = re.compile("[０-９．％＄－～]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％＄－～", "0123456789.%$-~")


def _alt(words, *, reverse: bool = False) -> str:
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        w = w[::-1] if reverse else w
        out.append(re.escape(w).replace(r"\ ", r"\s+"))
    return "|".join(out)


_CN_CLASS = "".join(sorted(set(S.CN_NUMERAL_CHARS)))
_CORE = re.compile(
    r"(?P<ar>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    rf"|(?P<cn>[{_CN_CLASS}]+)"
)

_CUR_PREFIXES = [k for k in S.CURRENCY_PREFIX] + ["$", "¥", "￥"]
_LEFT_REV = re.compile(
    rf"""
    (?P<pct>之分百)?
    (?P<sign2>[-−](?![0-9a-z%)\]\-−]))?
    (?:\s?(?P<cur>{_alt(_CUR_PREFIXES, reverse=True)})(?![a-z]))?
    (?P<sign1>\s?[-−](?![0-9a-z%)\]\-−]))?
    (?:\s*(?P<hedge>{_alt(S.HEDGE_BEFORE, reverse=True)})(?![a-z])(?<!近最)(?<!近附))?
    """,
    re.I | re.X,
)

_CN_SCALE = r"[十百千拾佰仟]?(?:[万萬][亿億]?|[亿億])|[千仟](?![克米瓦])"
_RIGHT = re.compile(
    rf"""
    (?P<more1>[多余餘](?=\s?[十百千万萬亿億元美港个個名家位户戶人]))?
    (?:
        \s?(?P<cnscale>{_CN_SCALE})
      | (?:\s?\[(?:phonetic|ph|indiscernible|inaudible)\])?\s?(?P<enscale>thousand|million|billion|trillion|mln|mn|mm|bln|bn|tn)(?![a-z])
      | (?P<letter>[kmbt])(?![a-z0-9])
    )?
    (?P<more2>[多余餘](?=[元美港]))?
    (?:\s?(?P<cursuf>{_alt(S.CURRENCY_SUFFIX)}|元)(?![a-z]))?
    (?:\s?(?:
        (?P<pp>percentage\s+points?|percent(?:age)?\s+pts?|ppts?(?![a-z])|pps?(?![a-z])
            |[个個]?百分[点點])
      | (?P<bp>basis\s+points?|bps?(?![a-z])|[个個]?基[点點])
      | (?P<pct>%|percent(?![a-z])|per\s?cent(?![a-z])|pct(?![a-z]))
    ))?
    (?P<hedge>\s?(?:以上|以下|左右|上下|以内|以內|之多))?
    """,
    re.I | re.X,
)

_COUNT_NOUNS = (
    "customers clients users subscribers members merchants sellers buyers shoppers stores shops "
    "restaurants locations sites branches outlets employees staff people persons individuals "
    "workers students learners enrollments patients accounts households homes units vehicles "
    "cars trucks rigs wells properties buildings hotels rooms beds countries cities markets "
    "partners developers products skus apps games titles deals contracts orders transactions "
    "downloads visits devices servers facilities plants warehouses centers centres offices "
    "schools hospitals clinics doctors physicians agents advisors advisers dealers franchisees "
    "teachers tutors courses classes programs projects drivers riders viewers followers "
    "companies enterprises businesses institutions banks brands suppliers vendors distributors "
    "hires jobs positions shares ships aircraft planes miles tons tonnes barrels acres "
    "installations subscriptions licenses licences seats patents trials sessions calls "
    "messages meetings events campaigns listings providers carriers routes flights "
    "customer user client store employee member account unit"
).split()
_COUNT_EN = re.compile(
    rf"(?:\s+[a-z][a-z-]{{1,20}}){{0,2}}?\s+(?:{_alt(_COUNT_NOUNS)})(?![a-z])", re.I
)
_COUNT_ZH = re.compile(
    r"\s?(?:[个個](?![月季星小工交])|名|家(?![族庭居电電])|位(?![于於置])|户|戶|款|项|項"
    r"|台(?![币幣湾灣])|辆|輛|所|座|笔|筆|人(?![民次])|张|張|套)"
)
_DURATION_ZH = re.compile(r"\s?[个個]\s?(?:月|季|星期|小时|小時|工作日|交易日)")
_PER_SHARE_RIGHT = re.compile(
    r"\s*(?:per|a|an|/|each)\s*(?:(?:basic|diluted|fully|adjusted|non-gaap|gaap|common|ordinary"
    r"|class\s+[ab]|and|weighted|average)\s+){0,4}"
    r"(?:shares?|ads|adss|adr|adrs|american\s+depositary\s+(?:shares?|receipts?))(?![a-z])"
    r"|\s?(?:/股|每股|每份\s?ADS|每\s?ADS)",
    re.I,
)
_PER_SHARE_LEFT = re.compile(
    r"(?:\bEPS\b|\bearnings\s+per\s+(?:diluted\s+)?share\b|每股(?:收益|盈利|净利润|淨利潤)?"
    r"|每股美[国國]存[托託]股|每\s?ADS)[^0-9%$¥€£。.;；\n]{0,15}\Z",
    re.I,
)
_BETWEEN_LEFT = re.compile(r"(?:\bbetween|介[于於]|在)\s*\Z", re.I)
_FROM_LEFT = re.compile(r"(?:\bfrom|\bby|[从從由])\s*\Z", re.I)
_RANGE_FROM_LEFT = re.compile(r"\b(?:rang(?:e|es|ed|ing)|anywhere)\s+(?:of\s+)?from\s*\Z", re.I)
# "range from $0.71 to $0.86 on a GAAP basis and from $0.98 to $1.13": the second "from" continues the range
_AND_FROM_LEFT = re.compile(r"\band\s+from\s*\Z", re.I)
_GAP_NOTE = re.compile(r"^\[[^\]]*\]\s*|^and\s+(?=to$)")
_REF_LEFT = re.compile(
    r"(?:\b(?:slides?|pages?|p|pp|notes?|sections?|items?|chapters?|phases?|forms?|rules?|steps?"
    r"|tables?|exhibits?|figures?|fig|appendix|articles?|parts?|tiers?|levels?|no|nos|number"
    r"|version|v|gen|generation|series|model|route|floor|room|lot|act|paragraph|line|question)"
    r"\.?\s*|#\s*|第\s*)\Z",
    re.I,
)
_MONTH_LEFT = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\Z", re.I
)
_MONTH_RIGHT = re.compile(
    r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I
)
_YEAR_RANGE_TAIL_LEFT = re.compile(r"(?:19|20)[0-9]{2}\s*[-–/]\s*\Z")
_YEAR_RANGE_RIGHT = re.compile(r"\s*[-–~至到]\s*[0-9]{2,4}\s*年")
_LIST_LEFT = re.compile(r"(?:\A|\n)[ \t>*•·-]*[(（]?\Z")
_DATE_SUFFIX = re.compile(r"\s?(?:年|月|日|号|號|时|時|季|财年|財年|周|週|点(?![0-9])|點(?![0-9]))")
_ORDINAL_RIGHT = re.compile(r"(?:st|nd|rd|th)(?![a-z])", re.I)
_TIMES_RIGHT = re.compile(r"\s?(?:x(?![a-z])|倍)|\s(?:times)(?![a-z])", re.I)
_NONQTY = re.compile(
    r"""
      (?<![0-9.])[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}(?![0-9])
    | (?<![0-9.])[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}(?![0-9/])
    | (?<![0-9.:])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])
    | (?<![0-9.])[0-9]{1,2}(?:\.[0-9]{2})?\s?(?:a\.m\.|p\.m\.|am|pm)(?![a-z])
    | (?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{2,4}\)|(?<![0-9.,])[0-9]{2,4})[\s.-][0-9]{3,4}[\s.-][0-9]{4}(?![0-9])
    | (?<![0-9.])[0-9]{4,6}\.(?:HK|SH|SZ|SS|TW|TWO|T|KS|KQ)(?![a-z])
    """,
    re.I | re.X,
)
_NONQTY_NEXT = frozenset("-/:.)aApP")
_NONQTY_PREV = frozenset("-/:(+")
_SCALE_WORD = re.compile(
    r"(?:thousand|million|billion|trillion|percent|per\s+cent|percentage\s+points?"
    r"|basis\s+points?)(?![a-z])",
    re.I,
)
_NUMWORD = (
    "|".join(sorted(list(S.EN_ONES) + list(S.EN_TENS), key=len, reverse=True))
)
_WORDS_LEFT = re.compile(
    rf"(?<![a-z-])(?P<w>half\s+an?|a\s+half|(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))?(?:\s+hundred)?)"
    r"\s+\Z",
    re.I,
)
_WORD_CURRENCY = re.compile(
    r"\s+(?:(?:us|u\.s\.|hong\s+kong)\s+)?(dollars|yuan|renminbi|rmb|euros|pounds|yen)(?![a-z])", re.I
)
_QUAL_HEAD = re.compile(
    r"(?:(?P<kind>single|double)[\s-]+digits?|(?P<decade>teens|twenties|thirties"
    r"|forties|fifties|sixties|seventies|eighties|nineties)|(?P<num>[1-9]0)(?:'?s(?![a-z0-9])|(?=%)))"
    r"|(?P<zh>个位数|個位數|单位数|單位數|两位数|兩位數|双位数|雙位數)",
    re.I,
)
_QUAL_MODS = re.compile(
    r"(?<![a-z])(?P<m1>low|lower|mid|middle|high|upper)(?:[\s-]*(?:to|or|and|-)[\s-]*"
    r"(?P<m2>low|lower|mid|middle|high|upper))?[\s-]*\Z",
    re.I,
)
_QUAL_ZH_MODS = re.compile(r"(?P<m1>[低中高])(?:[至到-]?(?P<m2>[低中高]))?\Z")
_QUAL_TAIL = re.compile(r"\s?(?:percent(?:age)?(?![a-z])|%)", re.I)
_DECADES = {"10": "teens", "20": "twenties", "30": "thirties", "40": "forties", "50": "fifties",
            "60": "sixties", "70": "seventies", "80": "eighties", "90": "nineties"}
_MOD_NORM = {"lower": "low", "middle": "mid", "upper": "high"}

# a transcriber's note may sit inside a range ("$4.20 [Phonetic] to $4.325 billion"); "$2.42 and to $2.62"
_RANGE_GAP = re.compile(r"\s*(?:\[[A-Za-z ]{1,16}\]\s*)?(?:-|–|—|~|～|(?:and\s+)?to|through|至|到|and)\s*(?P<dir>(?:up|down|positive|negative|plus|minus)\s+)?\Z", re.I)
# "down 10% to down 4%", "negative 2% to positive 1%": a direction word before each end
_DIR_LEFT = re.compile(r"\b(?P<d>up|down|positive|negative|plus|minus)\s+(?:about\s+|approximately\s+)?\Z", re.I)
_NEG_WORDS = ("down", "negative", "minus")
# "of $3.20 and $3.40", "range from $3.025 billion and $3.055 billion": "and" joins a range here too
_AND_RANGE_LEFT = re.compile(r"\b(?:of|at|be|range|ranges|ranging|from)\s*\Z", re.I)
_SLASH_GAP = re.compile(r"\s*/\s*\Z")
_LIST_GAP = re.compile(r"\s*(?:、|,|，|和|及|与|與|以及|/|and|,\s*and)\s*\Z", re.I)
RESPECTIVELY = re.compile(r"分\s*[别別]|respectively", re.I)
_CLAUSE_END = re.compile(r"[。；;！？!?]")
_SENTENCE_END = re.compile(r"[。！？!?]")


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    value: Decimal  # unscaled, signed
    scale: int = 1
    scale_explicit: bool = False
    unit: str | None = None
    per_share: bool = False
    approx: str | None = None
    qualitative: str | None = None
    low: Decimal | None = None  # set for ranges and verbal ranges
    high: Decimal | None = None
    num_start: int = 0
    hyphen_sign: int = -1  # position of a "-" read as a minus sign
    period: str | None = None


def _scan(norm: str, context: str | None) -> list[_Cand]:
    out: list[_Cand] = []
    blocked_until = -1
    n = len(norm)
    consumed = 0
    for m in _CORE.finditer(norm):
        s, e = m.span()
        if s < consumed or e - s > 40:
            continue  # overlapping, or a digit run no one writes as an amount
        cn = m.group("cn")
        if cn:
            # strip leading/trailing characters that cannot start/end a numeral
            while cn and (cn[0] in "点點万萬亿億百千佰仟"):
                cn, s = cn[1:], s + 1
            while cn and cn[-1] in "点點":
                cn, e = cn[:-1], e - 1
            if not cn:
                continue
            # "唯一一家", "一一对应": a repeated digit word with no place word is not a numeral
            if re.search(r"([一二两三四五六七八九])\1", cn) and not re.search(r"[十百千万萬亿億拾佰仟点點]", cn):
                continue
        if s < blocked_until:
            continue
        nxt = norm[e:e + 2]
        if (nxt[:1] in _NONQTY_NEXT or norm[s - 1:s] in _NONQTY_PREV
                or (nxt[:1] == " " and nxt[1:2] != "" and (nxt[1:2].isdigit() or nxt[1:2] in "apAP"))):
            for bm in _NONQTY.finditer(norm, max(0, s - 20), min(n, e + 25)):
                if bm.start() <= s < bm.end():
                    blocked_until = bm.end()
                    break
        if s < blocked_until:
            continue
        cand = _build(norm, s, e, m, cn, context)
        if cand is not None:
            out.append(cand)
            consumed = cand.end
    out.extend(_scan_words(norm, out))
    out.extend(_scan_qualitative(norm))
    out.sort(key=lambda c: c.start)
    return out


def _build(norm: str, s: int, e: int, m: re.Match, cn: str | None, context: str | None):
    if cn:
        value = S.cn_to_decimal(cn)
        if value is None:
            return None
        core_scaled = any(ch in "万萬亿億" for ch in cn)
    else:
        try:
            value = Decimal(m.group("ar").replace(",", ""))
        except InvalidOperation:  # pragma: no cover
            return None
        core_scaled = False
    raw = norm[s:e]

    # ---- right side
    r = _RIGHT.match(norm, e)
    end = r.end() if r.end() > e else e
    scale = 1
    scale_explicit = core_scaled
    approx = None
    if r.group("cnscale"):
        scale = S.cn_scale_value(r.group("cnscale"))
        scale_explicit = True
    elif r.group("enscale"):
        scale = S.EN_SCALES[r.group("enscale").lower()]
        scale_explicit = True
    letter = r.group("letter")
    if r.group("more1") or r.group("more2"):
        approx = "over"
    if r.group("hedge"):
        approx = S.HEDGE_AFTER[r.group("hedge").strip()]
    unit = None
    if r.group("pp"):
        unit = "pp"
    elif r.group("bp"):
        unit = "bp"
    elif r.group("pct"):
        unit = "%"
    cur = None
    if r.group("cursuf"):
        cur = S.resolve_currency(r.group("cursuf"), context)

    # ---- left side
    rev = norm[max(0, s - 40):s][::-1]
    lm = _LEFT_REV.match(rev)
    start = s - lm.end() if lm.end() else s
    pct_prefix = bool(lm.group("pct"))
    if pct_prefix:
        unit = unit or "%"
    if lm.group("cur"):
        sym = lm.group("cur")[::-1]
        if unit is None:
            cur = S.resolve_currency(_canon_symbol(sym), context)
    sign = lm.group("sign2") or lm.group("sign1")
    hyphen_sign = -1
    if sign:
        value = -value
        hyphen_sign = s - (lm.end("sign2") if lm.group("sign2") else lm.end("sign1"))
    if lm.group("hedge"):
        approx = S.HEDGE_BEFORE.get(_hedge_key(lm.group("hedge")[::-1]), approx)
    if not (lm.group("cur") or lm.group("hedge") or sign or pct_prefix):
        start = s

    if letter:
        if cur is None and letter.lower() != "k":
            return None  # "5m", "2B": only with a currency ("$5m")
        scale = S.EN_SCALES[letter.lower()]
        scale_explicit = True

    if cur is not None and unit is not None:
        cur = None  # "RMB 5%"? keep the unit, drop the currency
    if cur is not None:
        unit = cur

    # ---- counts
    count = False
    if unit is None:
        if True:  # Chinese classifiers first, then English count nouns
            cm = _COUNT_ZH.match(norm, end)
            if cm and not _DURATION_ZH.match(norm, end):
                if cn is None or value >= 10 or core_scaled or scale_explicit:
                    count = True
                    end = cm.end()
                    h = re.match(r"(?:以上|以下|左右|之多)", norm[end:end + 2])
                    if h:
                        approx = S.HEDGE_AFTER[h.group()]
                        end = h.end() + end
            if not count:
                cm = _COUNT_EN.match(norm, end)
                if cm:
                    count = True
                    end = cm.end()
        if count:
            unit = "count"

    bare = unit is None and not scale_explicit
    if cn and not (unit or scale_explicit or approx):
        return None  # "一个", "十分", "进一步": words, not quantities
    if cn and bare:
        return None
    if cn and s > 0 and norm[s - 1] in "数數几幾上好":
        return None  # 数十亿, 上千万: vague magnitudes

    # ---- not-a-quantity checks (for everything, then bare-only)
    before = norm[s - 1] if s > 0 else "\n"
    if not lm.group("cur") and not pct_prefix:
        if before.isascii() and (before.isalpha() or before in "'#_’"):
            return None  # Q3, FY2022, GB10, '21, #1
        if before == "’":
            return None
        if s >= 2 and norm[s - 1] in "-–" and norm[s - 2].isascii() and norm[s - 2].isalpha():
            return None  # COVID-19, Form 20-F-like
    prev = norm[max(0, s - 3):s].rstrip()[-1:]  # the last non-space character before the digits
    if prev and (prev.isalpha() or prev in "#.") and not lm.group("cur") and not pct_prefix:
        ref = _REF_LEFT.search(norm, max(0, s - 14), s)
        if ref and ref.end() == s:
            return None
    if _DATE_SUFFIX.match(norm, e) and not (scale_explicit or unit):
        return None
    if _DURATION_ZH.match(norm, e) and not scale_explicit:
        return None
    if bare:
        after = norm[e:e + 2]
        if _ORDINAL_RIGHT.match(norm, e):
            return None
        if after[:1].isascii() and after[:1].isalpha():
            if not _TIMES_RIGHT.match(norm, e):
                return None
        if after[:1] == "-" and after[1:2].isascii() and after[1:2].isalpha() and after[1:2].isupper():
            return None  # 10-K, 20-F
        if "," not in raw and "." not in raw and len(raw) == 4 and raw[:2] in ("19", "20"):
            return None  # a year
        if _YEAR_RANGE_RIGHT.match(norm, e):
            return None  # 18-20 年
        if len(raw) <= 2 and prev in ("-", "–", "/") and _YEAR_RANGE_TAIL_LEFT.search(norm, max(0, s - 8), s):
            return None  # 2018-20
        if "." not in raw and len(raw) <= 2:
            if (prev.isalpha() or prev == ".") and _MONTH_LEFT.search(norm, max(0, s - 12), s):
                return None  # September 30
            if _MONTH_RIGHT.match(norm, e):
                return None  # September 30
            if norm[e:e + 1] in (".", ")", "）", "、") and _LIST_LEFT.search(norm, max(0, s - 8), s):
                if norm[e + 1:e + 2] in ("", " ", "\t", "\n") or norm[e:e + 1] in ")）、":
                    return None  # "1)" "2." list markers
            if before in "(（[" and norm[e:e + 1] in ")）]":
                return None
            if before in " " and norm[max(0, s - 3):s].strip() == "[" and norm[e:e + 1] == "]":
                return None
            if norm[max(0, s - 4):s].rstrip().endswith("[") and norm[e:].lstrip()[:1] == "]":
                return None  # [  6]
        if _TIMES_RIGHT.match(norm, e):
            end = _TIMES_RIGHT.match(norm, e).end()

    per_share = False
    if unit not in (None, "%", "pp", "bp", "count"):
        ps = _PER_SHARE_RIGHT.match(norm, end)
        if ps:
            per_share = True
            end = ps.end()
        elif _PER_SHARE_LEFT.search(norm, max(0, start - 40), start):
            per_share = True

    return _Cand(
        start=start,
        end=end,
        value=value,
        scale=scale,
        scale_explicit=scale_explicit,
        unit=unit,
        per_share=per_share,
        approx=approx,
        num_start=s,
        hyphen_sign=hyphen_sign,
    )


def _canon_symbol(sym: str) -> str:
    up = sym.upper().replace(" ", "")
    for key in S.CURRENCY_PREFIX:
        if key.upper() == up:
            return key
    return sym


def _hedge_key(h: str) -> str:
    return re.sub(r"\s+", " ", h.lower())


def _scan_words(norm: str, found: list[_Cand]) -> list[_Cand]:
    """"one million", "half a billion", "ten percent" (digits are handled by the main scan)."""
    out = []
    spans = [(c.start, c.end) for c in found]
    for m in _SCALE_WORD.finditer(norm):
        s = m.start()
        if s > 0 and norm[s - 1].isascii() and norm[s - 1].isalpha():
            continue
        if any(a <= s < b for a, b in spans[-50:]) or _covered(spans, s):
            continue
        wl = _WORDS_LEFT.search(norm, max(0, s - 40), s)
        if not wl:
            continue
        value = S.en_words_to_decimal(wl.group("w"))
        if value is None or value == 0:
            continue
        word = m.group().lower()
        scale, unit = 1, None
        if word in S.EN_SCALES:
            scale = S.EN_SCALES[word]
        elif word.startswith("percentage"):
            unit = "pp"
        elif word.startswith("basis"):
            unit = "bp"
        else:
            unit = "%"
        if wl.group("w").lower() in ("a", "an") and (word == "thousand" or unit in ("%", "pp", "bp")):
            continue  # "as a percent of", "a percentage point" said of nothing in particular
        start, end = wl.start("w"), m.end()
        cur = None
        if unit is None:
            r = _WORD_CURRENCY.match(norm, end)
            if r:
                cur = S.resolve_currency(r.group(1), None)
                end = r.end()
            else:
                lm = _LEFT_REV.match(norm[max(0, start - 40):start][::-1])
                if lm.group("cur"):
                    cur = S.resolve_currency(_canon_symbol(lm.group("cur")[::-1]), None)
                    start -= lm.end()
            unit = cur
            if unit is None and _COUNT_EN.match(norm, end):
                unit = "count"
                end = _COUNT_EN.match(norm, end).end()
        approx = None
        hm = _LEFT_REV.match(norm[max(0, start - 40):start][::-1])
        if hm.group("hedge") and not hm.group("cur"):
            approx = S.HEDGE_BEFORE.get(_hedge_key(hm.group("hedge")[::-1]))
            start -= hm.end()
        out.append(_Cand(start=start, end=end, value=value, scale=scale,
                         scale_explicit=scale != 1, unit=unit, approx=approx, num_start=start))
    return out


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo > 0 and spans[lo - 1][1] > pos


def _scan_qualitative(norm: str) -> list[_Cand]:
    out = []
    for m in _QUAL_HEAD.finditer(norm):
        s, e = m.span()
        if s > 0 and not m.group("zh") and norm[s - 1].isascii() and norm[s - 1].isalpha():
            continue
        if m.group("zh"):
            head = S.QUALITATIVE_ZH_HEAD[m.group("zh")]
            mm = _QUAL_ZH_MODS.search(norm, max(0, s - 3), s)
            mods = [S.QUALITATIVE_ZH_MOD[x] for x in (mm.group("m1"), mm.group("m2")) if x] if mm else []
            if mm:
                s = mm.start()
            if norm[max(0, s - 3):s].endswith("百分之"):
                s -= 3
        else:
            if m.group("kind"):
                head = m.group("kind").lower()
            elif m.group("decade"):
                head = m.group("decade").lower()
            else:
                head = _DECADES[m.group("num")]
            mm = _QUAL_MODS.search(norm, max(0, s - 30), s)
            mods = []
            if mm:
                mods = [_MOD_NORM.get(x.lower(), x.lower()) for x in (mm.group("m1"), mm.group("m2")) if x]
                s = mm.start()
            if m.group("num") and not mods:
                continue  # "the 20s" alone is too vague to be a figure
        table = S.QUALITATIVE_BOUNDS[head]
        lo = table[mods[0] if mods else ""][0]
        hi = table[mods[-1] if mods else ""][1]
        tail = _QUAL_TAIL.match(norm, e)
        if tail:
            e = tail.end()
        name = f"{head} digits" if head in ("single", "double") else head
        if len(mods) == 1:
            label = f"{mods[0]}-{name}"
        elif len(mods) == 2:
            label = f"{mods[0]}-to-{mods[1]} {name}"
        else:
            label = name
        out.append(_Cand(start=s, end=e, value=Decimal(lo), unit="%", qualitative=label,
                         low=Decimal(lo), high=Decimal(hi), num_start=s))
    return out


# ---- joining neighbours ------------------------------------------------------------------------


def _scaled(c: _Cand) -> Decimal:
    return S.times(c.value, c.scale)


def _compatible(a: _Cand, b: _Cand) -> bool:
    if a.qualitative or b.qualitative:
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    if a.scale_explicit and b.scale_explicit and a.scale != b.scale:
        # "$900 million to $1.1 billion" is fine: both explicit, values carry their scales
        return True
    return True


def _join_ranges(norm: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    from_range_end = -1  # end of the last "range from A to B"
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands) and a.low is None:
            b = cands[i + 1]
            gap_end = b.start
            b_neg_hyphen = False
            if b.hyphen_sign >= 0 and b.hyphen_sign >= a.end and not norm[a.end:b.hyphen_sign].strip():
                gap_end = b.hyphen_sign + 1
                b_neg_hyphen = True
            gap = norm[a.end:gap_end] if gap_end >= a.end else None
            if gap is not None and len(gap) <= 20 and b.low is None and _compatible(a, b):
                g = _RANGE_GAP.match(gap)
                if g and g.end() == len(gap):
                    da = _DIR_LEFT.search(norm, max(0, a.start - 25), a.start)
                    if g.group("dir") and not da and a.value != 0:
                        g = None
                if g and g.end() == len(gap):
                    word = gap[:g.start("dir")].strip().lower() if g.group("dir") else gap.strip().lower()
                    word = _GAP_NOTE.sub("", word)
                    ok = True
                    if word == "and" and not _BETWEEN_LEFT.search(norm, max(0, a.start - 12), a.start) and not (
                            _AND_RANGE_LEFT.search(norm, max(0, a.start - 12), a.start) and a.unit and a.unit == b.unit
                            and 0 < _scaled(a) < _scaled(b) <= _scaled(a) * Decimal("1.5")
                            and not RESPECTIVELY.search(norm, b.end, min(len(norm), b.end + 40))):
                        ok = False
                    if word in ("to", "-", "至", "到", "through", "–", "—", "~", "～") and _FROM_LEFT.search(
                        norm, max(0, a.start - 8), a.start
                    ) and not _RANGE_FROM_LEFT.search(norm, max(0, a.start - 20), a.start) and not (
                        from_range_end >= 0 and a.start - from_range_end <= 60
                        and _AND_FROM_LEFT.search(norm, max(0, a.start - 12), a.start)):
                        ok = False
                    if b.approx and b.approx != a.approx and a.approx is not None:
                        ok = False
                    if ok and not g.group("dir") and da and da.group("d").lower() in ("negative", "minus") and a.value > 0:
                        a.value = -a.value  # "negative 1% to 8%": the sign word is the first figure's
                        a.start = da.start("d")
                    if ok and g.group("dir"):
                        # "down 10% to down 4%" -> -10..-4; "negative 2% to positive 1%" -> -2..1
                        if da and da.group("d").lower() in _NEG_WORDS and a.value > 0:
                            a.value = -a.value
                        if da:
                            a.start = da.start("d")
                        if g.group("dir").strip().lower() in _NEG_WORDS and b.value > 0:
                            b.value = -b.value
                    if ok:
                        if _RANGE_FROM_LEFT.search(norm, max(0, a.start - 20), a.start) or (
                                from_range_end >= 0 and _AND_FROM_LEFT.search(norm, max(0, a.start - 12), a.start)):
                            from_range_end = b.end
                        out.append(_merge_range(a, b, b_neg_hyphen))
                        i += 2
                        continue
        out.append(a)
        i += 1
    return out


def _merge_range(a: _Cand, b: _Cand, b_neg_hyphen: bool) -> _Cand:
    bval = -b.value if b_neg_hyphen else b.value
    a_scale, b_scale = a.scale, b.scale
    if not a.scale_explicit and b.scale_explicit:
        a_scale = b.scale
    elif a.scale_explicit and not b.scale_explicit:
        b_scale = a.scale
    unit = a.unit or b.unit
    lo = S.times(a.value, a_scale)
    hi = S.times(bval, b_scale)
    if hi < lo:
        lo, hi = hi, lo
    return _Cand(
        start=a.start, end=b.end, value=a.value, scale=a_scale,
        scale_explicit=a.scale_explicit or b.scale_explicit, unit=unit,
        per_share=a.per_share or b.per_share, approx=a.approx or b.approx,
        low=lo, high=hi, num_start=a.num_start,
    )


def _join_lists(norm: str, cands: list[_Cand]) -> None:
    """Slash lists and 分别 lists: share the unit/scale of the last item; attach periods."""
    from .periods import find_periods  # local: periods imports nothing from here

    i = 0
    n = len(cands)
    while i < n:
        j = i
        clause = _clause_start(norm, cands[i].start)
        resp = RESPECTIVELY.search(norm, clause, cands[i].start) is not None
        slash_only = True
        while j + 1 < n and cands[j].low is None and cands[j + 1].low is None:
            gap = norm[cands[j].end:cands[j + 1].start]
            if _SLASH_GAP.match(gap) and _SLASH_GAP.match(gap).end() == len(gap):
                j += 1
                continue
            g = _LIST_GAP.match(gap)
            if resp and g and g.end() == len(gap):
                slash_only = False
                j += 1
                continue
            break
        if j > i:
            group = cands[i:j + 1]
            last = group[-1]
            for c in group[:-1]:
                if c.unit is None and last.unit is not None:
                    c.unit = last.unit
                    c.per_share = last.per_share
                if not c.scale_explicit and last.scale_explicit and (c.unit == last.unit):
                    c.scale = last.scale
                    c.scale_explicit = True
            if resp or slash_only:
                periods = _period_group_before(norm, clause, group[0].start, len(group), find_periods)
                if not periods:
                    sent = _clause_start(norm, group[0].start, _SENTENCE_END, 300)
                    if sent < clause:
                        periods = _period_group_before(norm, sent, group[0].start, len(group), find_periods)
                if periods:
                    for c, p in zip(group, periods):
                        c.period = p
        i = j + 1


def _clause_start(norm: str, pos: int, ends: re.Pattern = _CLAUSE_END, width: int = 200) -> int:
    lo = max(0, pos - width)
    last = lo
    for m in ends.finditer(norm, lo, pos):
        last = m.end()
    return last


_PERIOD_SEP = re.compile(r"\s*(?:、|,|，|和|及|与|與|以及|and|,\s*and)?\s*\Z", re.I)


def _period_group_before(norm: str, lo: int, hi: int, size: int, find_periods) -> list[str] | None:
    mentions = find_periods(norm[lo:hi])
    if not mentions:
        return None
    groups: list[list[tuple[tuple[int, int], str]]] = []
    for span, p in mentions:
        if groups:
            prev_span = groups[-1][-1][0]
            if span == prev_span:
                groups[-1].append((span, p))
                continue
            gap = norm[lo + prev_span[1]:lo + span[0]]
            if _PERIOD_SEP.match(gap):
                groups[-1].append((span, p))
                continue
        groups.append([(span, p)])
    for g in reversed(groups):
        if len(g) == size:
            return [p for _, p in g]
    return None


def _to_quantity(text: str, c: _Cand) -> Quantity:
    if c.low is not None:
        lo, hi = c.low, c.high
    else:
        lo = hi = _scaled(c)
    return Quantity(
        low=lo, high=hi, unit=c.unit, per_share=c.per_share, approx=c.approx,
        char_span=(c.start, c.end), text=text[c.start:c.end], qualitative=c.qualitative,
        period=c.period,
    )


_ZERO_TO = re.compile(r"\b(?i:zero)(?=\s+(?:to|and)\s+(?:positive\s+|up\s+|plus\s+)?[0-9])")
# "flat to 2%", "flat to down 3 percent": flat is the 0 end of a percent range
_FLAT_TO = re.compile(r"\b(?i:flat)(?=\s+to\s+(?i:(?:up|down|positive|negative|plus|minus)\s+)?"
                      r"(?i:(?:about|approximately)\s+)?[0-9][0-9.]*\s?(?:%|(?i:percent)\b))")
# "negative $6.1 million", "negative 2%": the sign word of a single figure
_NEGATIVE_LEFT = re.compile(r"\b(?i:negative)\s+\Z")


def parse_quantities(text: str, *, context: str | None = None) -> list[Quantity]:
    """Every amount, percentage, count and range in ``text`` (English or Chinese), in order.

    Args:
        text: any string; offsets in the result point into it.
        context: optional currency hint (an ISO code such as "JPY", or words such as "yen",
            "Taiwan dollars") that resolves the ambiguous "¥", "$" and "元".

    Returns:
        A list of ``Quantity``; empty when there is none. Never raises on str input.

    >>> [(q.low, q.unit) for q in parse_quantities("revenues of RMB276.1 million, up 44.3%")]
    [(Decimal('276100000'), 'CNY'), (Decimal('44.3'), '%')]
    """
    if not text:
        return []
    norm = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    if _ZERO_TO.search(norm):  # "zero to 3%" is "0 to 3%" (same length, so spans stay true)
        norm = _ZERO_TO.sub(lambda m: "0" + " " * (len(m.group(0)) - 1), norm)
    if _FLAT_TO.search(norm):
        norm = _FLAT_TO.sub("0   ", norm)
    cands = _scan(norm, context)
    # drop overlaps (word numbers / verbal ranges against digit hits): keep the earlier, longer
    kept: list[_Cand] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            if (c.end - c.start) > (kept[-1].end - kept[-1].start) and c.start == kept[-1].start:
                kept[-1] = c
            continue
        kept.append(c)
    kept = _join_ranges(norm, kept)
    for c in kept:
        if c.low is None and c.value > 0 and c.qualitative is None:
            neg = _NEGATIVE_LEFT.search(norm, max(0, c.start - 12), c.start)
            if neg:
                c.value, c.start = -c.value, neg.start()
    _join_lists(norm, kept)
    return [_to_quantity(text, c) for c in kept]


def parse_amount(text: str, *, context: str | None = None) -> Quantity:
    """Parse one amount string ("RMB276.1 million", "约2.761亿元", "26.8% to 28.7%").

    Raises:
        NumberParseError: when the string holds no quantity or more than one.

    >>> parse_amount("US$1.2 billion").low
    Decimal('1200000000')
    """
    if not isinstance(text, str):
        raise NumberParseError(f"expected a string, got {type(text).__name__}; pass the amount as text")
    found = parse_quantities(text, context=context)
    if len(found) != 1:
        what = "no amount" if not found else f"{len(found)} amounts"
        raise NumberParseError(
            f"found {what} in {text[:60]!r}; pass exactly one amount such as 'RMB 276.1 million'",
            code="E020",
        )
    return found[0]
