"""The ``Check`` record and the small number helpers every check shares.

Reads: ``Quantity`` records from callnlp.numbers. Adds: nothing by itself.
The rounding rule lives here: a printed number stands for every value that rounds to it, so
"RMB156 million" is 155.5-156.5 million and "2.761億元" is 276.05-276.15 million. Checks compare
intervals, never points, so a figure rounded the way the speaker rounded it is never flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..records import Quantity, Span

SEVERITIES = ("info", "warning", "error")

# Money codes the parser emits; anything else that is not %/pp/bp/count/None is a currency too.
_NON_MONEY = {"%", "pp", "bp", "count", None}
_PRINTED = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
# A hedge such as "about"/"around" means the speaker rounded loosely: 2.5% either way.
APPROX_RELATIVE = Decimal("0.025")
# Numbers written in Chinese numerals carry no visible precision: 0.5% either way.
UNKNOWN_RELATIVE = Decimal("0.005")


@dataclass(frozen=True, slots=True)
class Check:
    """One inconsistency found in the text.

    kind: "bilingual_mismatch", "missing_in_translation", "untranslated_text",
    "arithmetic_mismatch" or "implausible_figure". ``evidence`` is the verbatim source sentence
    (``char_span`` into ``Transcript.text``); ``other_evidence`` the counterpart sentence in the
    other language, when there is one. ``expected`` is what the rest of the text implies,
    ``found`` what is printed.
    """

    kind: str
    severity: str
    turn: int
    message: str
    evidence: str = field(default="", compare=False)
    char_span: Span = field(default=(0, 0), compare=False)
    expected: Decimal | None = None
    found: Decimal | None = None
    other_evidence: str | None = field(default=None, compare=False)


def is_money(q: Quantity) -> bool:
    return q.unit not in _NON_MONEY


def half_units(q: Quantity) -> tuple[Decimal, Decimal]:
    """Half a unit of the last printed digit of ``q.low`` and ``q.high``, in base units.

    "RMB156 million" -> 500000; "2.761億元" -> 50000; "44.3%" -> 0.05. A hedged value
    ("about RMB12 million") gets at least 2.5% of itself.
    """
    printed = _PRINTED.findall(q.text)
    lo = _half_unit(q.low, printed[0] if printed else None)
    hi = _half_unit(q.high, printed[-1] if printed else None)
    if q.approx == "about":
        lo = max(lo, abs(q.low) * APPROX_RELATIVE)
        hi = max(hi, abs(q.high) * APPROX_RELATIVE)
    return lo, hi


def _half_unit(value: Decimal, printed: str | None) -> Decimal:
    if printed is None:
        return abs(value) * UNKNOWN_RELATIVE
    digits = Decimal(printed.replace(",", ""))
    if digits == 0:
        return Decimal("0.5")
    scale = abs(value) / digits
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return Decimal(5) * Decimal(10) ** (-(decimals + 1)) * scale


def interval(q: Quantity, end: str = "low") -> tuple[Decimal, Decimal]:
    """The values a printed bound stands for, as [lo, hi]."""
    hl, hh = half_units(q)
    v, h = (q.low, hl) if end == "low" else (q.high, hh)
    return v - h, v + h


def fmt_decimal(d: Decimal, places: int = 1) -> str:
    """A readable fixed-point string ("21.5", "147,790,000,000")."""
    q = d.quantize(Decimal(1).scaleb(-places)) if places else d.quantize(Decimal(1))
    s = f"{q:,f}"
    return s


def fmt_money(value: Decimal, unit: str | None) -> str:
    """"RMB147.8 billion"-style text for messages."""
    prefix = {"CNY": "RMB", "USD": "$", "HKD": "HK$", "TWD": "NT$", "EUR": "€", "GBP": "£",
              "JPY": "¥"}.get(unit or "", f"{unit} " if unit else "")
    a = abs(value)
    for word, size in (("trillion", Decimal(10) ** 12), ("billion", Decimal(10) ** 9),
                       ("million", Decimal(10) ** 6)):
        if a >= size:
            num = (value / size).quantize(Decimal("0.1"))
            return f"{prefix}{num:f} {word}"
    if a >= 1000:
        return f"{prefix}{value.quantize(Decimal(1)):,f}"
    return f"{prefix}{value.quantize(Decimal('0.01')):f}"


def sentence_at(text: str, spans: list[Span], pos: int) -> Span | None:
    """The sentence span (from ``split_sentences``) that contains offset ``pos``."""
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return None
