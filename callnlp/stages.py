"""Extraction stages run after the structure, in order.

Each stage is ``fn(structure, analyzer, fields_so_far) -> (structure, new_fields)``; new_fields are
keys of ``CallSummary`` (metrics, segment_claims, guidance, topics, entities, checks). A stage whose
module is not part of this installation is skipped. Nothing else composes them.
"""
from __future__ import annotations

import importlib

_SPECS = [
    ("extract", "callnlp.extract", "extract_stage"),
    ("topics", "callnlp.qa.stage", "topics_stage"),
    ("entities", "callnlp.entities.stage", "entities_stage"),
    ("checks", "callnlp.checks", "checks_stage"),
]


def _load():
    out = []
    for name, module, attr in _SPECS:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("callnlp"):
                continue
            raise
        fn = getattr(mod, attr, None)
        if fn is not None:
            out.append((name, fn))
    return out


STAGES = _load()
