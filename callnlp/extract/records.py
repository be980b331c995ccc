"""Records the extract stage produces. Field names are exactly the contract keys (shared CONTRACT.md).

``jsonable`` in callnlp.summary.schema serialises them field by field: Decimal -> int/float,
tuples -> lists. Evidence fields (speaker, turn, evidence, char_span, languages) do not take part
in equality, so two items with the same facts compare equal wherever they were said.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Span = tuple[int, int]

STATUSES = ("new", "raised", "lowered", "reaffirmed", "narrowed", "withdrawn", "not_provided")
BASES = ("yoy", "qoq", "vs_prior_guidance", "sequential")
APPROX = ("about", "over", "under", "at_least", "at_most")


@dataclass(frozen=True, slots=True)
class Guidance:
    """A numeric outlook the company gives for a future period. ``low == high`` for a point."""

    metric: str
    segment: str | None
    period: str | None
    low: Decimal | None
    high: Decimal | None
    unit: str | None
    per_share: bool = False
    approx: str | None = None
    growth_low_pct: Decimal | None = None
    growth_high_pct: Decimal | None = None
    basis: str | None = None
    status: str = "new"
    prior_low: Decimal | None = None
    prior_high: Decimal | None = None
    speaker: str | None = field(default=None, compare=False)
    turn: int | None = field(default=None, compare=False)
    evidence: str = field(default="", compare=False)
    char_span: Span = field(default=(0, 0), compare=False)
    languages: tuple[str, ...] = field(default=("en",), compare=False)


@dataclass(frozen=True, slots=True)
class MetricClaim:
    """A reported figure for the call's own period: a headline metric (segment None) or a segment claim."""

    metric: str
    segment: str | None
    period: str | None
    value: Decimal | None
    unit: str | None
    per_share: bool = False
    approx: str | None = None
    change_pct: Decimal | None = None
    basis: str | None = None
    prior_value: Decimal | None = None
    speaker: str | None = field(default=None, compare=False)
    turn: int | None = field(default=None, compare=False)
    evidence: str = field(default="", compare=False)
    char_span: Span = field(default=(0, 0), compare=False)
    languages: tuple[str, ...] = field(default=("en",), compare=False)
