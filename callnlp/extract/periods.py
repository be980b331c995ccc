"""Period helpers for the extractors: periods named in a sentence, resolved against the call's period.

Reads: a sentence and the call's period ("Q3 2021", "FY2022 Q1", "FY2021", or None).
Adds: ``(span, period)`` mentions, with two additions over callnlp.numbers.periods:
"full-year"/"for the year"/"全年" without a year (the call's fiscal year), and a work-around
for "the full year 2025" (read by numbers.periods as the call's year: the explicit year wins).
Compares periods by the months they end in: a period is *future* when it ends after the call's.

Refuses to guess: with no call period nothing is future or current (callers decide).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..numbers.periods import find_periods

_THE_YEAR = re.compile(r"\bthe\s+(?=(?:full|current|coming)[\s-]+(?:fiscal\s+)?year\s+(?:of\s+)?'?(?:19|20)\d\d)", re.I)
# "full year", "for the year", "record annual gross profit" (annual before a results noun, not "annual recurring revenue")
_BARE_FY = re.compile(r"\bfull[\s-]+year\b|\bfor\s+the\s+(?:fiscal\s+)?year\b|全年度?"
                      r"|\bannual(?!\s+recurring)(?=\s+(?:[\w-]+\s+){0,2}?(?:revenues?|sales|profits?|income|earnings|ebitda|"
                      r"margins?|eps|cash\s+flow|results)\b)", re.I)
_P = re.compile(r"^(?:FY(?P<fy>\d{4})(?:\s+(?P<k1>[QH])(?P<n1>[1-4]))?|(?P<k2>[QH])(?P<n2>[1-4])\s+(?P<y2>\d{4}))$")


@lru_cache(maxsize=4096)
def months(period: str | None) -> tuple[int, int] | None:
    """[first, last] month index (year*12 + month0) covered by a contract period string."""
    if not period:
        return None
    m = _P.match(period)
    if not m:
        return None
    if m.group("fy"):
        y = int(m.group("fy"))
        if not m.group("k1"):
            return (y * 12, y * 12 + 11)
        k, n = m.group("k1"), int(m.group("n1"))
    else:
        y, k, n = int(m.group("y2")), m.group("k2"), int(m.group("n2"))
    size = 3 if k == "Q" else 6
    return (y * 12 + (n - 1) * size, y * 12 + n * size - 1)


def is_future(period: str | None, call_period: str | None) -> bool | None:
    """True when ``period`` ends after the call's period; None when either is unknown."""
    p, c = months(period), months(call_period)
    if p is None or c is None:
        return None
    return p[1] > c[1]


def is_current(period: str | None, call_period: str | None) -> bool | None:
    """The call's own period, or a longer period ending with it (FY in a Q4 call, H1 in a Q2 call)."""
    if period and period.startswith("TTM"):
        return True
    p, c = months(period), months(call_period)
    if p is None or c is None:
        return None
    return p[1] == c[1] and p[0] <= c[0]


def call_year(call_period: str | None) -> str | None:
    """The call's fiscal year as a contract string ("Q3 2021" -> "FY2021")."""
    c = months(call_period)
    if c is None or not call_period:
        return None
    m = re.search(r"(\d{4})", call_period)
    return f"FY{m.group(1)}" if m else None


_YEAR_COMMA = re.compile(r"\b(?:for|in|during|of|through)\s+(?:fiscal\s+(?:year\s+)?)?((?:19|20)\d\d),(?!\d)", re.I)


_PAST_VERB = re.compile(r"\b(?:was|were|came\s+in|grew|rose|fell|increased|decreased|declined|reported|delivered|generated|"
                        r"totaled|totalled|ended|achieved|finished|posted|recorded|had|saw|did)\b|实现了|實現了|录得|錄得", re.I)
_AHEAD = re.compile(r"\b(?:expect\w*|anticipat\w*|will|should|project\w*|forecast\w*|guid\w+|outlook|plan\w*|estimat\w*|"
                    r"target\w*|going\s+to|look(?:ing)?\s+(?:ahead|forward))\b|预计|預計|预期|預期|将|將", re.I)


def _past_quarter(period: str, mention: str, call_period: str | None, past: bool = False) -> str:
    """A quarter named without a year three or more quarters ahead is this year's past quarter
    ("the second quarter" in a Q3 2020 call is Q2 2020, not Q2 2021); in a sentence that only
    reports (a past verb, no outlook word) any quarter ahead is the past one ("fourth quarter sales
    were" in a Q1 2021 call is Q4 2020)."""
    if re.search(r"\d{2}", mention) or not re.search(r"Q[1-4]", period) or re.search(r"next|coming|following|upcoming", mention, re.I):
        return period
    p, c = months(period), months(call_period)
    if p is None or c is None or (p[1] - c[1]) < (1 if past else 9):
        return period
    m = re.search(r"(\d{4})", period)
    return period.replace(m.group(1), str(int(m.group(1)) - 1))


_MAYBE = re.compile(r"quarter|year|half|fiscal|month|FY|[QH][1-4]|[1-4][QH]|\d{2}|TTM|季|年|半|今年|去年|明年", re.I)


@lru_cache(maxsize=2048)
def sentence_periods(text: str, call_period: str | None) -> tuple[tuple[tuple[int, int], str], ...]:
    """Period mentions in ``text`` (see module docstring), in order."""
    if not _MAYBE.search(text):
        return ()
    masked = _THE_YEAR.sub(lambda m: " " * len(m.group()), text)
    past = _PAST_VERB.search(text) is not None and _AHEAD.search(text) is None
    found = [(sp, _past_quarter(p, masked[sp[0]:sp[1]], call_period, past))
             for sp, p in find_periods(masked, call_period=call_period)]
    # "For 2020, we expect ...": numbers.periods skips a year followed by a comma
    taken = [sp for sp, _ in found]
    for m in _YEAR_COMMA.finditer(text):
        if not any(a <= m.start(1) < b for a, b in taken):
            found.append((m.span(1), f"FY{m.group(1)}"))
    found.sort()
    fy = call_year(call_period)
    if fy:
        taken = [sp for sp, _ in found]
        for m in _BARE_FY.finditer(text):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
                continue
            # "full year 2025", "2025 全年": the explicit year next to it is already a mention
            if re.match(r"\s*(?:of\s+)?'?(?:19|20)\d\d", text[m.end():m.end() + 10]) or re.search(
                    r"(?:19|20)\d\d\s*年?\s*$", text[max(0, m.start() - 8):m.start()]):
                continue
            found.append(((m.start(), m.end()), fy))
        found.sort()
    return tuple(found)
