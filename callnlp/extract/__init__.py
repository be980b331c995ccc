"""Extract stage: guidance ranges, headline metrics and segment claims, with evidence.

Reads: the ``Structure`` (turns, paragraphs and translations, participants, the call's period).
Adds: ``{"metrics": tuple, "segment_claims": tuple, "guidance": tuple}`` of the frozen records in
callnlp.extract.records (field names are the contract keys). No model is needed: ``analyzer``
may be None. See guidance.py, metrics.py and segments.py for the rules and what they refuse.
"""
from __future__ import annotations

import re

from ..records import Structure
from .records import Guidance, MetricClaim

__all__ = ["extract_stage", "extract", "Guidance", "MetricClaim"]


_QWORD = re.compile(r"\b(first|second|third|fourth)[\s-]+quarter\b", re.I)
_QN = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def call_period(structure: Structure) -> str | None:
    """The call's period; a bare "FY2021" or None is completed from the opening's quarter mentions.

    (A work-around: numbers.periods.detect_call_period reads "Third Quarter Earnings Call" with
    "fiscal 2021" further on as "FY2021", and gives None when the welcome names no period.)
    """
    from ..numbers.periods import find_periods

    period = structure.call.fiscal_period
    head = structure.transcript.text[:6000]
    if period and re.fullmatch(r"FY\d{4}", period):
        m = _QWORD.search(head[:2500])
        if m:
            return f"{period} Q{_QN[m.group(1).lower()]}"
        return period
    if period:
        return period
    counts: dict[str, int] = {}
    for _, p in find_periods(head):
        if re.fullmatch(r"(?:FY\d{4} )?Q[1-4](?: \d{4})?", p):
            counts[p] = counts.get(p, 0) + 1
    return max(counts, key=counts.get) if counts else None


_CURRENCY_CUES = (("CNY", re.compile(r"RMB|人民[币幣]|[0-9]元|[万萬亿億]元")), ("TWD", re.compile(r"NT\$|新台[币幣]")),
                  ("HKD", re.compile(r"HK\$|港[元币幣]")), ("EUR", re.compile(r"€|\bEUR\b")),
                  ("GBP", re.compile(r"£")), ("USD", re.compile(r"(?<![A-Z])\$|US\$|美元")))


def main_currency(text: str) -> str | None:
    """The currency the call counts in most (for amounts written without one)."""
    best, n = None, 0
    for code, rx in _CURRENCY_CUES:
        k = len(rx.findall(text))
        if k > n:
            best, n = code, k
    return best


def extract(structure: Structure) -> dict:
    """Guidance, headline metrics and segment claims of one call (tuples of records)."""
    from .guidance import find_guidance
    from .metrics import find_metrics_and_segments
    from .segments import learn_segments, segment_pattern
    from .sentences import call_sentences

    period = call_period(structure)
    currency = main_currency(structure.transcript.text)
    sentences = call_sentences(structure)
    segs = learn_segments(structure, sentences)
    rx = segment_pattern(segs)
    guidance = find_guidance(sentences, call_period=period, segments_rx=rx, currency=currency)
    metrics, claims = find_metrics_and_segments(sentences, call_period=period, segments_rx=rx)
    # "_segments": the learned names, for later stages (private: not in the summary)
    return {"metrics": metrics, "segment_claims": claims, "guidance": guidance, "_segments": segs}


def extract_stage(structure: Structure, analyzer, fields: dict) -> tuple[Structure, dict]:
    """Pipeline stage (see callnlp.stages): the structure unchanged plus the three fields."""
    return structure, extract(structure)
