"""Structure stages: layout -> turns -> participants -> sections -> Q&A exchanges."""
from __future__ import annotations

from .language import detect_language
from .layouts import detect_layout, parse_layout, split_lines
from .sections import find_exchanges, label_sections, split_questions
from .speakers import parse_label
from .turns import build_turns

__all__ = [
    "build_turns",
    "detect_language",
    "detect_layout",
    "find_exchanges",
    "label_sections",
    "parse_label",
    "parse_layout",
    "split_lines",
    "split_questions",
]
