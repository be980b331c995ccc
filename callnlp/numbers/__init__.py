"""Exact bilingual number, range and period parsing (pure Python: re + decimal only).

>>> from callnlp.numbers import parse_amount, parse_period
>>> parse_amount("RMB276.1 million").low
Decimal('276100000')
>>> parse_period("3Q21")
'Q3 2021'
"""
from __future__ import annotations

from .parse import parse_amount, parse_quantities
from .periods import detect_call_period, find_periods, parse_period, parse_periods

__all__ = [
    "detect_call_period",
    "find_periods",
    "parse_amount",
    "parse_period",
    "parse_periods",
    "parse_quantities",
]
