"""Find and normalise fiscal periods ("Q3 2021", "H1 2021", "FY2021", "FY2022 Q1", "TTM to ...").

Reads: any string, and optionally the call's own period (``call_period``) to resolve relative
mentions ("next quarter", "the fourth quarter", "上半年", "明年").
Adds: contract period strings (see /CONTRACT conventions) with their spans.

Rules and refusals:
- a quarter or half tied to "fiscal"/"FY"/"财年" is written "FY2026 Q1" (a fiscal calendar that
  may differ from the calendar year); otherwise "Q1 2026". A call period written "FY2026 Q1"
  makes relative quarters fiscal too.
- a quarter named without a year ("the fourth quarter") is the next such quarter counting from
  the call's quarter (the call's own quarter included): in a Q3 2021 call, "fourth quarter" is
  Q4 2021 and "first quarter" Q1 2022. "this quarter"/"the quarter" is the call's quarter,
  "next/current/coming quarter" the one after, "last/previous/prior quarter" the one before,
  "same quarter last year"/"去年同期" the call's quarter a year earlier.
- "first half"/"上半年" without a year take the call's year; "全年"/"the full year"/"this year"
  are FY + call year; "next year"/"明年" +1; "last year"/"去年" -1.
- a relative mention with no ``call_period`` is dropped (None), never guessed from today.
- two-digit years are 20xx below 70 and 19xx from 70.
- calendar dates ("July 31, 2025") are not periods; "trailing 12 months ended <date>" is
  "TTM to <ISO date>".
"""
from __future__ import annotations

import re

from ..records import Span

__all__ = ["parse_period", "parse_periods", "find_periods", "detect_call_period"]

_QW = r"first|second|third|fourth|1st|2nd|3rd|4th"
_QWORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
          "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HWORD = {"first": 1, "second": 2, "1st": 1, "2nd": 2, "front": 1, "back": 2, "上": 1, "下": 2,
          "1": 1, "2": 2}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
def _date(p: str) -> str:
    """A calendar date with group names prefixed by ``p`` (several dates live in one regex)."""
    return (
        rf"(?P<{p}mon>{_MONTH})\s+(?P<{p}day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<{p}yr>(?:19|20)\d{{2}})"
        rf"|(?P<{p}iso>(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}})"
        rf"|(?P<{p}zy>(?:19|20)\d{{2}})\s*年\s*(?P<{p}zm>\d{{1,2}})\s*月\s*(?P<{p}zd>\d{{1,2}})\s*日"
    )


_FISC = r"(?:fiscal(?:\s+year)?|FY|financial\s+year)"
_Y4 = r"(?:19|20)\d{2}"
_YR = rf"(?:'\s?\d{{2}}|{_Y4})"  # a plain year: 4 digits or '21

_PATTERNS = [
    # calendar dates are consumed and dropped (so their year is not read as a period)
    ("date", rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_Y4}|\d{{1,2}}\s+{_MONTH}\s+{_Y4}"),
    ("ttm", rf"(?:trailing|last|past)\s+(?:12|twelve)[\s-]+months?(?:\s+period)?"
            rf"(?:\s+(?:ended|ending)\s+(?:{_date('t')}))?|\bTTM\b"),
    ("q_fy_ended", rf"quarter\s+and\s+(?:the\s+)?(?:full\s+)?fiscal\s+year\s+(?:ended|ending)\s+(?:{_date('e')})"),
    ("fy_ended", rf"(?:fiscal|financial)\s+year\s+(?:ended|ending)\s+(?:{_date('g')})"),
    ("q_and_fy", rf"(?P<qa>{_QW})[\s-]+quarter\s+and\s+(?:the\s+)?(?P<fa>(?:full|fiscal)[\s-]+year|year[\s-]+end"
                 rf"|interim|half[\s-]+year|annual)\s+(?:results\s+)?(?:of\s+)?(?P<ya>{_Y4})"),
    ("fy_and_q", rf"(?:full|fiscal)[\s-]+year\s+and\s+(?:the\s+)?(?P<qz>{_QW})[\s-]+quarter\s+(?:of\s+)?(?P<yz>{_Y4})"),
    ("fy_q", rf"(?:fiscal(?:\s+year)?|FY)\s*'?(?P<yb>{_Y4}|\d{{2}})\s+(?P<qb>{_QW})[\s-]+quarter"),
    ("y_q", rf"(?P<yc>{_Y4})\s+(?P<qc>{_QW})[\s-]+quarter"),
    ("q_of", rf"(?P<qd>{_QW})[\s-]+quarter(?:\s+(?:of\s+)?(?:the\s+)?(?:(?P<fd>{_FISC})\s*'?(?P<yd1>{_Y4}|\d{{2}})"
             rf"|(?P<yd2>{_YR})(?!\d)))?"),
    ("qn", rf"\bQ(?P<qe>[1-4])(?:\s*(?P<fe>FY|fiscal(?:\s+year)?)\s*'?(?P<ye1>{_Y4}|\d{{2}})"
           rf"|\s?(?P<ye2>'\s?\d{{2}}|{_Y4})|(?P<ye3>\d{{2}}))?(?![\d])"),
    ("nq", rf"(?<![\d.])(?P<qf>[1-4])Q(?:\s*(?P<yf1>'\s?\d{{2}}|{_Y4})|(?P<yf2>\d{{2}}))?(?![\w])"),
    ("yq", rf"(?<![\d.])(?P<yg>{_Y4}|\d{{2}})\s?Q(?P<qg>[1-4])(?![\w])"),
    ("hn", rf"(?:\bH(?P<hh>[12])|(?<![\d.])(?P<hh2>[12])H)(?:\s*(?P<fh>FY)\s*(?P<yh1>\d{{2}}|{_Y4})"
           rf"|\s?(?P<yh2>'\s?\d{{2}}|{_Y4})|(?P<yh3>\d{{2}}))?(?![\w])"),
    ("yh", rf"(?<![\d.])(?P<yi>{_Y4}|\d{{2}})\s?H(?P<hi>[12])(?![\w])"),
    ("half", rf"(?P<hj>first|second|1st|2nd|back|front)[\s-]+half(?:\s+(?:of\s+)?(?:the\s+)?"
             rf"(?:(?P<fj>{_FISC})\s*'?(?P<yj1>{_Y4}|\d{{2}})|(?P<yj2>{_YR})(?!\d)))?"),
    ("y_half", rf"(?P<yk>{_Y4})\s+(?P<hk>first|second)[\s-]+half"),
    ("fy", rf"(?:\bFY\s?'?(?P<yl1>{_Y4}|\d{{2}})(?![\d])|(?:fiscal(?:\s+year)?|full[\s-]+year|financial\s+year"
           rf"|calendar\s+year|year)\s+(?:of\s+)?'?(?P<yl2>{_Y4})(?!\d)|\bfiscal(?:\s+year)?\s+'(?P<yl3>\d{{2}}))"
           rf"(?:,?\s+(?:ending|ended)\s+(?:{_date('f')}))?"),
    ("y_fy", rf"(?P<ym>{_Y4})\s+(?:full[\s-]+year|fiscal\s+year)"),
    ("same_q", r"(?:same|year[\s-]+ago|prior[\s-]+year)\s+(?:quarter|period)(?:\s+(?:of\s+)?(?:last|the\s+prior|the\s+previous)\s+year)?"),
    ("rel_q", r"(?P<rq>this\s+past|the\s+past|this|current|next|coming|upcoming|following|last|previous|prior|the)"
              r"\s+quarter(?!s|ly)"),
    ("rel_y", r"(?P<ry>this|next|last|prior|previous|the\s+full|(?:for\s+)?the\s+current|current|the\s+coming|coming"
              r"|(?<![\w-])full|for\s+the(?:\s+fiscal)?(?=\s+year))"
              r"[\s-]+(?:fiscal\s+)?year(?!s|[\s-]+(?:ago|over|on|end|to[\s-]date)|\s+(?:of\s+)?'?\s?\d{2})"),
    # Chinese
    ("zh_range", r"(?<!\d)(?P<za>\d{4}|\d{2})\s*[-–~至到]\s*(?P<zb>\d{4}|\d{2})\s*年(?!\s*\d{1,2}\s*月)"),
    ("zh_fyq", r"(?P<zc>\d{4})\s*(?:财年|財年|财政年度|財政年度|会计年度|會計年度)\s*(?:第\s*)?(?P<zq>[一二三四1-4])\s*季度?"),
    ("zh_yq", r"(?P<zd>\d{4}|\d{2})\s*年\s*(?:第\s*)?(?P<zq2>[一二三四1-4])\s*(?:季度?|财季|財季)"),
    ("zh_yQ", r"(?P<ze>\d{4}|\d{2})\s*年\s*Q(?P<zq3>[1-4])"),
    ("zh_yh", r"(?P<zf>\d{4}|\d{2})\s*年\s*(?:的)?(?P<zh>[上下])半年度?"),
    ("zh_fy", r"(?P<zg>\d{4})\s*(?:财年|財年|财政年度|財政年度|会计年度|會計年度)"),
    ("zh_y", r"(?<![\d.])(?P<zy>(?:19|20)\d{2})\s*年(?:度|全年)?(?!\s*\d{1,2}\s*月)(?!\s*[-–~至到]\s*\d)"),
    ("zh_q", r"(?:第\s*)?(?P<zq4>[一二三四1-4])\s*季度|第\s*(?P<zq5>[一二三四1-4])\s*季"),
    ("zh_h", r"(?P<zh2>[上下])半年度?"),
    ("zh_rel", r"(?P<zr>全年度?|明年|今年|去年同期|去年|本季度|本季|当季|當季|下一?个?季度|下一?個?季度|下季|上一?个?季度|上一?個?季度|上季)"),
    ("year", rf"(?<![\d$.,'’/-])(?P<yn>{_Y4})(?![\d%]|,\d|\.\d|\s*年|\s*[-–]\s*\d)"),
]
# A mention starts at a word start (not inside "payback", "RISE2020", "B2H"), before Chinese text,
# or at a year run glued to a Latin name ("CC2019 年"); the guard makes the scan ~4x faster.
_START = r"(?:(?<![A-Za-z0-9])|(?=[^\x00-\x7f])|(?<=[A-Za-z])(?=\d[\d\-–~ ]*年)|(?<=up)(?=coming))"
_MASTER = re.compile(_START + "(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS) + ")", re.I)

_CALL_RE = re.compile(r"^(?:FY(?P<fy>\d{4})\s+)?(?:Q(?P<q>[1-4])|H(?P<h>[12]))\s*(?P<y>\d{4})?$|^FY(?P<y2>\d{4})$")


def _year(s: str | None) -> int | None:
    if not s:
        return None
    s = s.strip().lstrip("'’").strip()
    if not s.isdigit():
        return None
    y = int(s)
    if len(s) == 2:
        y += 2000 if y < 70 else 1900
    return y


class _Call:
    """The call's own period, parsed: year, quarter (or None), fiscal flag."""

    def __init__(self, period: str | None):
        self.year = self.q = self.h = None
        self.fiscal = False
        if not period:
            return
        m = _CALL_RE.match(period.strip())
        if not m:
            return
        if m.group("y2"):
            self.year = int(m.group("y2"))
            self.fiscal = True
            return
        if m.group("fy"):
            self.year, self.fiscal = int(m.group("fy")), True
        else:
            self.year = int(m.group("y")) if m.group("y") else None
        self.q = int(m.group("q")) if m.group("q") else None
        self.h = int(m.group("h")) if m.group("h") else None

    def quarter(self, q: int, year: int | None = None) -> str:
        return _fmt_q(q, year, self.fiscal)

    def shift(self, n: int) -> str | None:
        if self.year is None or self.q is None:
            return None
        idx = self.year * 4 + (self.q - 1) + n
        return _fmt_q(idx % 4 + 1, idx // 4, self.fiscal)


def _fmt_q(q: int, year: int | None, fiscal: bool) -> str | None:
    if year is None:
        return None
    return f"FY{year} Q{q}" if fiscal else f"Q{q} {year}"


def _fmt_h(h: int, year: int | None, fiscal: bool) -> str | None:
    if year is None:
        return None
    return f"FY{year} H{h}" if fiscal else f"H{h} {year}"


def _fmt_date(m: re.Match, p: str) -> str | None:
    g = m.groupdict()
    if g.get(p + "iso"):
        y, mo, d = g[p + "iso"].split("-")
        return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if g.get(p + "mon"):
        mo = _MONTHS.get(g[p + "mon"][:3].lower())
        return f"{int(g[p + 'yr']):04d}-{mo:02d}-{int(g[p + 'day']):02d}"
    if g.get(p + "zy"):
        return f"{int(g[p + 'zy']):04d}-{int(g[p + 'zm']):02d}-{int(g[p + 'zd']):02d}"
    return None


_QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}


def _resolve(m: re.Match, call: _Call) -> list[str]:
    kind = m.lastgroup
    g = m.group
    if kind == "date":
        return []
    if kind == "ttm":
        d = _fmt_date(m, "t")
        if d:
            return [f"TTM to {d}"]
        if call.q and call.year and not call.fiscal:
            return [f"TTM to {call.year}-{_QUARTER_END[call.q]}"]
        return []
    if kind == "q_fy_ended":
        d = _fmt_date(m, "e")
        return [f"FY{d[:4]} Q4", f"FY{d[:4]}"] if d else []
    if kind == "fy_ended":
        d = _fmt_date(m, "g")
        return [f"FY{d[:4]}"] if d else []
    if kind == "q_and_fy":
        y = int(g("ya"))
        q = _fmt_q(_QWORD[g("qa").lower()], y, False)
        fa = g("fa").lower()
        return [q, f"FY{y}"] if ("full" in fa or "fiscal" in fa or "end" in fa or "annual" in fa) else [q]
    if kind == "fy_and_q":
        y = int(g("yz"))
        return [_fmt_q(_QWORD[g("qz").lower()], y, False), f"FY{y}"]
    if kind == "fy_q":
        return [_fmt_q(_QWORD[g("qb").lower()], _year(g("yb")), True)]
    if kind == "y_q":
        return [_fmt_q(_QWORD[g("qc").lower()], int(g("yc")), False)]
    if kind == "q_of":
        q = _QWORD[g("qd").lower()]
        if g("yd1"):
            return [_fmt_q(q, _year(g("yd1")), True)]
        if g("yd2"):
            return [_fmt_q(q, _year(g("yd2")), False)]
        return _next_quarter(q, call)
    if kind == "qn":
        q = int(g("qe"))
        if g("ye1"):
            return [_fmt_q(q, _year(g("ye1")), True)]
        y = _year(g("ye2") or g("ye3"))
        return [_fmt_q(q, y, False)] if y else _next_quarter(q, call)
    if kind == "nq":
        q = int(g("qf"))
        y = _year(g("yf1") or g("yf2"))
        return [_fmt_q(q, y, False)] if y else _next_quarter(q, call)
    if kind == "yq":
        return [_fmt_q(int(g("qg")), _year(g("yg")), False)]
    if kind == "hn":
        h = int(g("hh") or g("hh2"))
        if g("yh1"):
            return [_fmt_h(h, _year(g("yh1")), True)]
        y = _year(g("yh2") or g("yh3"))
        return [_fmt_h(h, y if y else call.year, call.fiscal if not y else False)] if (y or call.year) else []
    if kind == "yh":
        return [_fmt_h(int(g("hi")), _year(g("yi")), False)]
    if kind == "half":
        h = _HWORD[g("hj").lower()]
        if g("yj1"):
            return [_fmt_h(h, _year(g("yj1")), True)]
        if g("yj2"):
            return [_fmt_h(h, _year(g("yj2")), False)]
        return [_fmt_h(h, call.year, call.fiscal)] if call.year else []
    if kind == "y_half":
        return [_fmt_h(_HWORD[g("hk").lower()], int(g("yk")), False)]
    if kind == "fy":
        y = _year(g("yl1") or g("yl2") or g("yl3"))
        return [f"FY{y}"] if y else []
    if kind == "y_fy":
        return [f"FY{g('ym')}"]
    if kind == "same_q":
        p = call.shift(-4)
        return [p] if p else []
    if kind == "rel_q":
        w = re.sub(r"\s+", " ", g("rq").lower())
        n = {"this": 0, "the": 0, "this past": 0, "the past": 0, "current": 1, "next": 1, "coming": 1,
             "upcoming": 1, "following": 1, "last": -1, "previous": -1, "prior": -1}[w]
        p = call.shift(n)
        return [p] if p else []
    if kind == "rel_y":
        w = re.sub(r"\s+", " ", g("ry").lower())
        if call.year is None:
            return []
        if w.startswith("for the") or w == "full":
            w = "this"
        n = {"this": 0, "the full": 0, "the current": 0, "for the current": 0, "current": 0, "next": 1,
             "the coming": 1, "coming": 1, "last": -1, "prior": -1, "previous": -1}[w]
        return [f"FY{call.year + n}"]
    if kind == "zh_range":
        a, b = _year(g("za")), _year(g("zb"))
        if a is None or b is None or not (0 <= b - a <= 20):
            return []
        return [f"FY{y}" for y in range(a, b + 1)]
    if kind == "zh_fyq":
        return [_fmt_q(_QWORD[g("zq")], int(g("zc")), True)]
    if kind == "zh_yq":
        return [_fmt_q(_QWORD[g("zq2")], _year(g("zd")), False)]
    if kind == "zh_yQ":
        return [_fmt_q(int(g("zq3")), _year(g("ze")), False)]
    if kind == "zh_yh":
        return [_fmt_h(_HWORD[g("zh")], _year(g("zf")), False)]
    if kind == "zh_fy":
        return [f"FY{g('zg')}"]
    if kind == "zh_y":
        return [f"FY{g('zy')}"]
    if kind == "zh_q":
        return _next_quarter(_QWORD[g("zq4") or g("zq5")], call)
    if kind == "zh_h":
        return [_fmt_h(_HWORD[g("zh2")], call.year, call.fiscal)] if call.year else []
    if kind == "zh_rel":
        w = g("zr")
        if w.startswith("全年") or w == "今年":
            return [f"FY{call.year}"] if call.year else []
        if w == "明年":
            return [f"FY{call.year + 1}"] if call.year else []
        if w == "去年同期":
            p = call.shift(-4)
            return [p] if p else []
        if w == "去年":
            return [f"FY{call.year - 1}"] if call.year else []
        if w in ("本季度", "本季", "当季", "當季"):
            p = call.shift(0)
        elif w.startswith("下"):
            p = call.shift(1)
        else:
            p = call.shift(-1)
        return [p] if p else []
    if kind == "year":
        return [f"FY{g('yn')}"]
    return []


def _next_quarter(q: int, call: _Call) -> list[str]:
    if call.year is None or call.q is None:
        return []
    year = call.year if q >= call.q else call.year + 1
    return [_fmt_q(q, year, call.fiscal)]


def find_periods(text: str, *, call_period: str | None = None) -> list[tuple[Span, str]]:
    """Every period mention in ``text`` with its [start, end) span, in order.

    A year range ("2018-20 年") gives one entry per year, all with the same span. Mentions that
    need the call's period and do not have it are left out.

    >>> find_periods("revenue for the third quarter of 2021")
    [((16, 37), 'Q3 2021')]
    """
    call = _Call(call_period)
    out: list[tuple[Span, str]] = []
    for m in _MASTER.finditer(text):
        for p in _resolve(m, call):
            if p:
                out.append((m.span(), p))
    return out


def parse_period(text: str, *, call_period: str | None = None) -> str | None:
    """Normalise one period expression; the first period found in ``text``, or None.

    >>> parse_period("4Q '21")
    'Q4 2021'
    >>> parse_period("next quarter", call_period="Q3 2021")
    'Q4 2021'
    """
    found = find_periods(text, call_period=call_period)
    return found[0][1] if found else None


def parse_periods(text: str, *, call_period: str | None = None) -> list[str]:
    """All periods in ``text`` as strings, duplicates removed, order kept.

    >>> parse_periods("2018-20 年")
    ['FY2018', 'FY2019', 'FY2020']
    """
    seen: dict[str, None] = {}
    for _, p in find_periods(text, call_period=call_period):
        seen.setdefault(p, None)
    return list(seen)


# ---- the call's own period ---------------------------------------------------------------------

_HEADER_PERIOD = re.compile(r"^[ \t]*(?:quarter|period|fiscal\s+period)\s*[:：]\s*(?P<p>.+?)\s*$", re.I | re.M)
_HEADER_COMPANY = re.compile(r"^[ \t]*(?:company|公司)\s*[:：]\s*(?P<c>.+?)\s*$", re.I | re.M)
_INTRO = re.compile(
    r"(?:welcome\s+(?:you\s+|everyone\s+|all\s+)?to|standing\s+by\s+for|joining(?:\s+us)?(?:\s+(?:for|on|at|in))?"
    r"|participating\s+in|thank\s+you\s+for\s+attending|欢迎参加|歡迎參加|欢迎各位参加|歡迎各位參加|欢迎来到|歡迎來到|参加|參加)\s*",
    re.I,
)
_CALL_WORDS = re.compile(
    r"earnings|results|conference\s+call|earnings\s+call|investor\s+call|业绩|業績|财报|財報|电话会|電話會|说明会|說明會", re.I
)
_ACT_OF = re.compile(r"\bAct\s+of\s+\d{4}")
_SENT_SPLIT = re.compile(
    r"(?<!\bInc\.)(?<!\bCorp\.)(?<!\bCo\.)(?<!\bLtd\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bNo\.)"
    r"(?<!\bS\.A\.)(?<!\bN\.V\.)(?<!\bU\.S\.)(?<=[.!?。！？])\s+|\n"
)
_CO_AFTER = re.compile(
    r"^\s*(?P<co>[A-Z][\w&.,'’ -]{1,60}?)\s+(?:earnings|results|financial|conference|call)\b"
)
_CO_FOR = re.compile(r"(?:call|conference)\s+(?:for|of)\s+(?P<co>[A-Z][\w&.,'’ -]{1,50}?)\s*(?:[.;]|$|\s+(?:for|on)\b)")
_CO_STRIP = re.compile(r"(?:'s|’s|\s+的)\s*$|^\s*(?:the|our|today's|today’s)\s+", re.I)
_ORDINAL_TOKEN = re.compile(r"\s+\d+(?:st|nd|rd|th)\s*$|\s+\d+\s*$")


def _clean_company(raw: str) -> str | None:
    co = re.split(r"(?:'s|’s)\s", raw, maxsplit=1)[0]
    co = co.strip(" ,:;-—'’")
    if co.lower() in ("your", "our", "the", "today's", "this", "you"):
        return None
    for _ in range(3):
        co = _CO_STRIP.sub("", co).strip()
        co = _ORDINAL_TOKEN.sub("", co).strip()
    if not co or len(co) > 60 or not (co[0].isupper() or not co[0].isascii()):
        return None
    if re.search(r"[.!?]\s", co):
        return None
    return co


_FISCAL_WORD = re.compile(r"fiscal|\bFY|財年|财年|財政年度|财政年度", re.I)


_WELCOME_Q = re.compile(rf"\b(?P<q>{_QW})[\s-]+quarter\b(?![\s-]+(?:and\s+)?(?:of\s+)?(?:the\s+)?(?:fiscal|full|FY|'|\d))", re.I)
_RESULTS_Q = re.compile(rf"\b(?P<q>{_QW})[\s-]+quarter\s+(?:\w+\s+)?(?:results|earnings)\b", re.I)
# "we faced challenges during the second quarter", "during this year's fourth quarter": the call's own quarter
_DURING_Q = re.compile(rf"\b(?:during|in)\s+(?:the|this\s+year's)\s+(?P<q>{_QW})[\s-]+quarter\b(?![\s,]+(?:of\s+)?(?:fiscal\s+)?(?:19|20)\d\d)", re.I)
_BARE_YEAR = re.compile(r"(?<![\d$.,'’/-])((?:19|20)\d\d)(?![\d%]|,\d|\.\d)")
# "by the end of 2021", "into 2021": a deadline ahead, not the year the call reports on
_DEADLINE_BEFORE = re.compile(r"\b(?:by|into|through|until|till|beyond)\s+(?:the\s+end\s+of\s+)?\Z", re.I)
_QUARTERLY = re.compile(r"^(?:FY\d{4} Q[1-4]|Q[1-4] \d{4})$")


_VERSUS_BEFORE = re.compile(r"\b(?:compared\s+(?:to|with)|versus|vs\.?|relative\s+to|than|over|from)\s+(?:the\s+|our\s+|a\s+)?"
                            r"(?:same\s+|prior[\s-]+year\s+|year[\s-]+ago\s+)?\Z", re.I)


def _complete_period(text: str, period: str | None) -> str | None:
    """A welcome naming a quarter without its year ("Third Quarter Earnings Call"), or no period.

    The quarter word of the welcome takes its year from "fiscal YYYY" (-> "FY2021 Q3") or from the
    first mention of that quarter with a year in the opening; with no quarter in the welcome, the
    first "<quarter> YYYY" mention of the opening remarks (first 8,000 characters) is the call's.
    """
    head = text[:3000]
    q = None
    for sent in _SENT_SPLIT.split(head):
        if _CALL_WORDS.search(sent) or _INTRO.search(sent):
            m = _WELCOME_Q.search(sent)
            if m:
                q = _QWORD[m.group("q").lower()]
                break
    if q is None:
        m = _RESULTS_Q.search(head) or _DURING_Q.search(text, 0, 8000)
        q = _QWORD[m.group("q").lower()] if m else None
    if period and q:
        return f"{period} Q{q}" if _FISCAL_WORD.search(text[:20000]) else f"Q{q} {period[2:]}"
    early = text[:8000]
    # "compared to the fourth quarter of 2019": a comparison base, not the call's quarter
    mentions = [(sp, p) for sp, p in find_periods(early)
                if not _VERSUS_BEFORE.search(early, max(0, sp[0] - 30), sp[0])]
    found = [p for _, p in mentions if _QUARTERLY.match(p)]
    if q:
        same = [p for p in found if p.endswith(f"Q{q}") or p.startswith(f"Q{q} ")]
        years: dict[int, int] = {}
        for ym in _BARE_YEAR.finditer(text, 0, 20000):
            if q == 4 or not _DEADLINE_BEFORE.search(text, max(0, ym.start() - 20), ym.start()):
                years[int(ym.group(1))] = years.get(int(ym.group(1)), 0) + 1
        fiscal = [p for _, p in find_periods(text[:20000]) if re.fullmatch(r"FY\d{4}", p)]
        if same and (q == 4 or not years):
            return max(same, key=lambda p: re.search(r"\d{4}", p).group())
        if not years:
            return f"{fiscal[0]} Q{q}" if fiscal else period
        # the latest year the opening names (not one far above the most named: a first-to-third
        # quarter call talks about its own year and the past); a fourth-quarter call already
        # looks at the next year, so its own year is the one before when a later one is named
        mode = max(sorted(years), key=lambda k: years[k])
        latest = max(y for y in years if y <= mode + 1)
        if q == 4:
            # the most named year is the outlook's when the opening looks ahead to it
            ahead = re.search(rf"\b(?:for|in|into)\s+(?:fiscal\s+)?{mode}\b[^.]{{0,60}}\b(?:expect|anticipate|guid|outlook|will|plan)"
                              rf"|\b{mode}\s+(?:guidance|outlook)", text[:20000], re.I)
            y = mode - 1 if (latest > mode or ahead) and (mode - 1) in years else mode
        else:
            y = latest
        if f"FY{y}" in fiscal and _FISCAL_WORD.search(text[:20000]):
            return f"FY{y} Q{q}"
        return f"Q{q} {y}"
    if period is None and found:
        return found[0]
    return period


def detect_call_period(text: str) -> tuple[str | None, str | None]:
    """The call's own (period, company) from its opening lines, headers or operator's welcome.

    Looks at the first 3,000 characters; a quarter first stated as fiscal later in the call's
    opening ("first quarter of fiscal year 2026", first 20,000 characters) upgrades "Q1 2026"
    to "FY2026 Q1".

    >>> detect_call_period("Operator: welcome to Acme's Third Quarter 2021 Earnings Conference Call.")
    ('Q3 2021', 'Acme')
    """
    head = text[:3000]
    period = company = None
    for sent in _SENT_SPLIT.split(head):
        if not _CALL_WORDS.search(sent) or _ACT_OF.search(sent):
            continue
        found = [(sp, p) for sp, p in find_periods(sent) if not p.startswith("TTM")]
        quarterly = [(sp, p) for sp, p in found if "Q" in p or "H" in p]
        pick = quarterly[0] if quarterly else (found[0] if found else None)
        if not pick:
            continue
        span, p = pick
        intro = None
        for im in _INTRO.finditer(sent, 0, span[0]):
            intro = im
        if intro is None and period is not None:
            continue
        if period is None or (intro is not None and company is None):
            period = p
            if intro is not None:
                company = _clean_company(sent[intro.end():span[0]])
                if company is None:
                    am = _CO_AFTER.match(sent, span[1])
                    fm = _CO_FOR.search(sent, span[1])
                    hit = am or fm
                    company = _clean_company(hit.group("co")) if hit else None
        if period and company:
            break
    if period is None:
        hm = _HEADER_PERIOD.search(head)
        if hm:
            period = parse_period(hm.group("p"))
    if period is None or re.fullmatch(r"FY\d{4}", period):
        period = _complete_period(text, period)
    if company is None:
        cm = _HEADER_COMPANY.search(head)
        if cm:
            company = re.sub(r"\s*[（(].*$", "", cm.group("c")).strip() or None
    if period and not period.startswith("FY") and " " in period and period[0] in "QH":
        # the call may state the same quarter as fiscal further on
        qh, year = period.split()
        early = text[:20000]
        windows = (early[max(0, m.start() - 80):m.end() + 80] for m in _FISCAL_WORD.finditer(early))
        if any(p == f"FY{year} {qh}" for w in windows for _, p in find_periods(w)):
            period = f"FY{year} {qh}"
        elif qh[0] == "Q":
            word = ("first", "second", "third", "fourth")[int(qh[1]) - 1]
            if re.search(rf"{word}[\s-]+quarter\s+(?:of\s+)?(?:the\s+)?fiscal\s+year", early, re.I):
                period = f"FY{year} {qh}"
    return period, company
