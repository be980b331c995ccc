"""Lazy import of heavy optional dependencies, with an error naming what to install."""
from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingDependencyError

_EXTRA = {
    "spacy": "callnlp (core)",
    "jieba": "callnlp (core)",
    "opencc": "callnlp (core)",
    "cn2an": "callnlp (core)",
    "pandas": "callnlp (core)",
    "pyarrow": "callnlp (core)",
    "transformers": "callnlp[hf]",
    "torch": "callnlp[hf]",
}


def import_optional(name: str) -> ModuleType:
    """Import ``name`` or raise MissingDependencyError saying which extra provides it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        extra = _EXTRA.get(name.split(".")[0], name)
        raise MissingDependencyError(
            f"'{name}' is not installed ({exc}); install it with `pip install \"{extra}\"`",
            code="E030",
        ) from exc
