"""Guidance tracking across calls: did the company deliver what it guided, and how did guidance move?

Reads: several call summaries (``CallSummary`` objects or contract dicts) of one or more companies.
Adds: one row per guidance item, linked to
  * the *reported* figure: the first ``metrics`` item, in the earliest later call, with the same
    metric, segment, period, unit and per-share flag -> ``verdict`` beat (above high) / in_range /
    miss (below low), the difference from the midpoint (absolute and %) and from the range bound
    it crossed (absolute and %, 0 when in range);
  * the *prior* guidance: the latest guidance for the same metric, segment, period, unit and
    per-share flag in an earlier call -> ``revision`` new / reaffirmed / narrowed / widened /
    raised / lowered (by midpoint); None for guidance without a figure (withdrawn, not provided).
Calls are grouped by company name normalised (case, punctuation and legal suffixes such as
"Inc.", "Ltd.", "Holdings" dropped) and ordered by fiscal period ("Q3 2025" < "FY2025" <
"Q1 2026"; a full year sorts after its Q4), then by source path.

Refuses to guess: calls with no company or no fiscal period are left out of the ordering (their
guidance gets no links), names in different languages ("Aurex" vs "奥瑞克斯") are not matched,
guidance with neither low nor high gets no verdict, and values in different units are never
compared (no currency conversion). Arithmetic is ``Decimal``; output numbers follow the contract
(int when integral, else float; percentages rounded to 2 places).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

__all__ = ["TRACKING_COLUMNS", "guidance_tracking", "normalise_company", "period_key"]

# Columns of a tracking row, in this order (the frame layer puts call_id... in front).
TRACKING_COLUMNS = (
    "metric", "segment", "period", "unit", "per_share",
    "low", "high", "midpoint", "status",
    "revision", "prior_source_path", "prior_fiscal_period", "prior_low", "prior_high",
    "verdict", "reported_value", "reported_source_path", "reported_fiscal_period",
    "diff_vs_midpoint", "pct_vs_midpoint", "diff_vs_range", "pct_vs_range",
    "speaker", "turn", "evidence",
)

_SUFFIXES = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc",
    "group", "holdings", "holding", "sa", "ag", "nv", "se", "the", "adr", "ads",
}
_TWO = Decimal("0.01")


def normalise_company(name: str | None) -> str | None:
    """``"Aurex Smart Home, Inc."`` -> ``"aurex smart home"``; None when nothing is left."""
    if not name:
        return None
    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.findall(r"[^\W_]+", text)
    while words and words[-1] in _SUFFIXES:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words) or None


def period_key(period: str | None) -> tuple[int, int, int] | None:
    """A sortable key for a normalised period: (year, end month, span rank); None if unknown.

    A quarter ends in month 3/6/9/12, a half in 6/12, a full year in 12; at the same end month
    the shorter period sorts first (Q4 2025 < H2 2025 < FY2025). "FY2022 Q1" counts as 2022 Q1.
    """
    if not period:
        return None
    p = period.strip().upper()
    m = re.fullmatch(r"(?:FY\s?(\d{4})\s+)?Q([1-4])(?:\s+(\d{4}))?", p)
    if m and (m.group(1) or m.group(3)):
        return int(m.group(1) or m.group(3)), 3 * int(m.group(2)), 0
    m = re.fullmatch(r"(?:FY\s?(\d{4})\s+)?H([12])(?:\s+(\d{4}))?", p)
    if m and (m.group(1) or m.group(3)):
        return int(m.group(1) or m.group(3)), 6 * int(m.group(2)), 1
    m = re.fullmatch(r"FY\s?(\d{4})", p)
    if m:
        return int(m.group(1)), 12, 2
    return None


def _as_dict(summary: Any) -> dict:
    return summary if isinstance(summary, dict) else summary.to_dict()


def _dec(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _out(value: Decimal | None, *, pct: bool = False) -> int | float | None:
    if value is None:
        return None
    if pct:
        value = value.quantize(_TWO)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _key(item: dict) -> tuple:
    return (item.get("metric"), item.get("segment"), item.get("period"), item.get("unit"),
            bool(item.get("per_share")))


def _ordered_calls(summaries: Iterable[Any]) -> dict[str, list[dict]]:
    """company (normalised) -> its calls in time order; calls lacking company or period are dropped."""
    groups: dict[str, list[tuple]] = {}
    for d in map(_as_dict, summaries):
        call = d.get("call") or {}
        company = normalise_company(call.get("company"))
        key = period_key(call.get("fiscal_period"))
        if company is None or key is None:
            continue
        path = (d.get("source") or {}).get("path") or ""
        groups.setdefault(company, []).append((key, path, d))
    return {c: [d for _, _, d in sorted(rows, key=lambda r: (r[0], r[1]))] for c, rows in groups.items()}


def _verdict(value: Decimal, low: Decimal | None, high: Decimal | None) -> tuple[str, Decimal, Decimal | None]:
    """(verdict, difference beyond the crossed bound, that bound)."""
    if high is not None and value > high:
        return "beat", value - high, high
    if low is not None and value < low:
        return "miss", value - low, low
    return "in_range", Decimal(0), None


def _revision(low, high, plow, phigh) -> str:
    if low == plow and high == phigh:
        return "reaffirmed"
    if None in (low, high, plow, phigh):
        mid, pmid = low if low is not None else high, plow if plow is not None else phigh
    else:
        if low >= plow and high <= phigh:
            return "narrowed"
        mid, pmid = (low + high) / 2, (plow + phigh) / 2
        if mid == pmid:
            return "widened"
    if mid is None or pmid is None or mid == pmid:
        return "reaffirmed"
    return "raised" if mid > pmid else "lowered"


def _pct(diff: Decimal, base: Decimal | None) -> Decimal | None:
    if base is None or base == 0:
        return None
    return diff / abs(base) * 100


def guidance_tracking(summaries: Iterable[Any]) -> list[dict[str, Any]]:
    """Link every guidance item to the later reported figure and the earlier guidance.

    Args:
        summaries: ``CallSummary`` objects or contract dicts, any order, any companies.

    Returns:
        One dict per guidance item (calls in time order, items in call order) with ``company``
        (as written in the guiding call), ``source_path`` and ``fiscal_period`` of the guiding
        call, then ``TRACKING_COLUMNS``. Unlinked fields are None; ``verdict`` is None until a
        later call reports the figure.

    Example:
        >>> q3 = {"source": {"path": "q3.txt"}, "call": {"company": "Acme Inc.", "fiscal_period": "Q3 2025"},
        ...       "guidance": [{"metric": "revenue", "segment": None, "period": "Q4 2025", "low": 100,
        ...                     "high": 110, "unit": "USD", "per_share": False}], "metrics": []}
        >>> q4 = {"source": {"path": "q4.txt"}, "call": {"company": "Acme", "fiscal_period": "Q4 2025"},
        ...       "guidance": [], "metrics": [{"metric": "revenue", "segment": None, "period": "Q4 2025",
        ...                                    "value": 112, "unit": "USD", "per_share": False}]}
        >>> row = guidance_tracking([q4, q3])[0]
        >>> row["verdict"], row["diff_vs_range"], row["pct_vs_midpoint"]
        ('beat', 2, 6.67)
    """
    rows: list[dict[str, Any]] = []
    for calls in _ordered_calls(summaries).values():
        for i, d in enumerate(calls):
            call = d.get("call") or {}
            for g in d.get("guidance") or ():
                rows.append(_track_one(g, d, call, calls[:i], calls[i + 1:]))
    rows.sort(key=lambda r: (normalise_company(r["company"]) or "", period_key(r["fiscal_period"]),
                             r["source_path"] or ""))  # stable: item order within a call is kept
    return rows


def _track_one(g: dict, d: dict, call: dict, earlier: list[dict], later: list[dict]) -> dict[str, Any]:
    key = _key(g)
    low, high = _dec(g.get("low")), _dec(g.get("high"))
    mid = (low + high) / 2 if low is not None and high is not None else (low if high is None else high)
    row: dict[str, Any] = {
        "company": call.get("company"),
        "fiscal_period": call.get("fiscal_period"),
        "source_path": (d.get("source") or {}).get("path"),
    }
    row.update({c: None for c in TRACKING_COLUMNS})
    row.update({
        "metric": g.get("metric"), "segment": g.get("segment"), "period": g.get("period"),
        "unit": g.get("unit"), "per_share": bool(g.get("per_share")),
        "low": _out(low), "high": _out(high), "midpoint": _out(mid), "status": g.get("status"),
        "speaker": g.get("speaker"), "turn": g.get("turn"), "evidence": g.get("evidence"),
        "revision": "new" if mid is not None else None,
    })
    if mid is None:  # withdrawn / not provided / growth-only: nothing to compare
        return row
    # Prior guidance: the latest earlier call that guided the same thing with a figure (its last such item).
    for prev in reversed(earlier):
        match = [p for p in prev.get("guidance") or ()
                 if _key(p) == key and (_dec(p.get("low")) is not None or _dec(p.get("high")) is not None)]
        if match:
            p = match[-1]
            plow, phigh = _dec(p.get("low")), _dec(p.get("high"))
            row.update({
                "revision": _revision(low, high, plow, phigh),
                "prior_source_path": (prev.get("source") or {}).get("path"),
                "prior_fiscal_period": (prev.get("call") or {}).get("fiscal_period"),
                "prior_low": _out(plow), "prior_high": _out(phigh),
            })
            break
    # Reported figure: the first matching metric in the earliest later call.
    for nxt in later:
        match = [m for m in nxt.get("metrics") or () if _key(m) == key and _dec(m.get("value")) is not None]
        if not match:
            continue
        value = _dec(match[0]["value"])
        verdict, beyond, bound = _verdict(value, low, high)
        row.update({
            "verdict": verdict, "reported_value": _out(value),
            "reported_source_path": (nxt.get("source") or {}).get("path"),
            "reported_fiscal_period": (nxt.get("call") or {}).get("fiscal_period"),
            "diff_vs_midpoint": _out(value - mid),
            "pct_vs_midpoint": _out(_pct(value - mid, mid), pct=True),
            "diff_vs_range": _out(beyond),
            "pct_vs_range": _out(_pct(beyond, bound), pct=True) if bound is not None else 0,
        })
        break
    return row
