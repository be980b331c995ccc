"""Where the shipped data files in ``models/`` live (source checkout or installed wheel)."""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """The folder holding callnlp's lexicons, patterns and taxonomies.

    Order: $CALLNLP_MODELS, the checkout's ``models/`` beside the package, the wheel's
    ``<prefix>/share/callnlp/models``.
    """
    env = os.environ.get("CALLNLP_MODELS")
    candidates = [Path(env)] if env else []
    candidates += [
        Path(__file__).resolve().parent.parent / "models",
        Path(sys.prefix) / "share" / "callnlp" / "models",
    ]
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def model_path(name: str) -> Path:
    return models_dir() / name
