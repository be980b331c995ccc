"""callnlp: structured, evidence-backed summaries of earnings-call transcripts (English and Chinese).

    >>> import callnlp
    >>> s = callnlp.summarize_file("transcripts/lumora_2025q3_bilingual.txt")  # doctest: +SKIP
    >>> s.to_dict()["guidance"]                                               # doctest: +SKIP

Heavy libraries (spaCy, jieba, transformers, pandas) load only when a function needs them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = sorted([
    "Analyzer",
    "CallNLPError",
    "CallSummary",
    "Quantity",
    "Transcript",
    "Turn",
    "Participant",
    "QAExchange",
    "Structure",
    "__version__",
    "parse_period",
    "parse_quantities",
    "read_structure",
    "read_transcript",
    "summarize",
    "summarize_file",
    "summarize_many",
    "to_frame",
])

_LAZY = {
    "Analyzer": ("analyzer", "Analyzer"),
    "CallNLPError": ("errors", "CallNLPError"),
    "CallSummary": ("summary.schema", "CallSummary"),
    "Quantity": ("records", "Quantity"),
    "Transcript": ("records", "Transcript"),
    "Turn": ("records", "Turn"),
    "Participant": ("records", "Participant"),
    "QAExchange": ("records", "QAExchange"),
    "Structure": ("records", "Structure"),
    "parse_period": ("numbers", "parse_period"),
    "parse_quantities": ("numbers", "parse_quantities"),
    "read_structure": ("pipeline", "read_structure"),
    "read_transcript": ("io.reader", "read_transcript"),
    "summarize": ("pipeline", "summarize"),
    "summarize_file": ("pipeline", "summarize_file"),
    "summarize_many": ("batch", "summarize_many"),
    "to_frame": ("frame", "to_frame"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        mod, attr = _LAZY[name]
        value = getattr(importlib.import_module(f"callnlp.{mod}"), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'callnlp' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from .analyzer import Analyzer
    from .errors import CallNLPError
    from .pipeline import read_structure, summarize, summarize_file
    from .records import Participant, QAExchange, Quantity, Structure, Transcript, Turn
    from .summary.schema import CallSummary
