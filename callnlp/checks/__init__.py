"""Check the numbers: translations that disagree with the original, and figures that do not add up.

Reads: the ``Structure`` (paragraphs and their translations) and, when an earlier stage produced
them, ``fields["metrics"]``/``fields["guidance"]``. Adds: ``{"checks": tuple[Check, ...]}``.
Each check carries the verbatim sentence it is about. Tolerances: models/check_tolerances.md.

>>> from callnlp.checks import run_checks
"""
from __future__ import annotations

from ..records import Structure
from .arithmetic import check_arithmetic
from .base import Check
from .bilingual import check_bilingual

__all__ = ["Check", "check_arithmetic", "check_bilingual", "checks_stage", "run_checks"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def run_checks(structure: Structure, fields: dict | None = None) -> tuple[Check, ...]:
    """Every check of the call, in text order (duplicates removed)."""
    found = check_bilingual(structure) + check_arithmetic(structure, fields or {})
    seen = set()
    out = []
    for c in sorted(found, key=lambda c: (c.char_span, _SEVERITY_ORDER.get(c.severity, 3))):
        key = (c.kind, c.char_span, c.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return tuple(out)


def checks_stage(structure: Structure, analyzer, fields: dict) -> tuple[Structure, dict]:
    """Pipeline stage (see callnlp/stages.py): adds ``checks``."""
    return structure, {"checks": run_checks(structure, fields)}
