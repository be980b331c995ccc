"""A learned check of whether a range a company speaker states is forward guidance.

Reads: ``Sentence`` views and the ranges the number parser finds in them; the weights in
models/guidance_ranker.json (a logistic regression over hashed word features, trained by
benchmarks/train_guidance_ranker.py on the train part of the frozen ECTSum split, never on its test
calls). Adds: a probability per range. ``find_guidance`` uses it to admit a range the sentence rules
turned away (no outlook word the rules know, a past-tense opening); it never removes a rule's item.

Features are plain strings hashed with crc32, so training and inference agree without pickles;
inference is a dot product in pure Python (about 40 features per range).
"""
from __future__ import annotations

import json
import math
import re
import zlib
from functools import lru_cache

from ..records import Quantity
from ..resources import model_path

MODEL_FILE = "guidance_ranker.json"
N_FEATURES = 2 ** 18
_WORD = re.compile(r"[a-z]+|\d{4}|[$%]")


def features(text: str, q: Quantity, section: str | None) -> list[str]:
    """The sentence's words and word pairs, the words just before and after the range, its kind."""
    a, b = q.char_span
    words = _WORD.findall(text.lower())
    left = _WORD.findall(text[max(0, a - 80):a].lower())[-6:]
    right = _WORD.findall(text[b:b + 40].lower())[:3]
    f = [f"s:{w}" for w in words] + [f"s2:{x}_{y}" for x, y in zip(words, words[1:])]
    f += [f"l:{w}" for w in left] + [f"r:{w}" for w in right]
    f += [f"u:{q.unit}", f"ps:{q.per_share}", f"sec:{section or ''}", f"ap:{q.approx}"]
    return f


def feature_index(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


def is_candidate(q: Quantity) -> bool:
    """A stated range with both ends (the only kind the model was trained on)."""
    return q.low is not None and q.high is not None and q.low != q.high and q.qualitative is None


@lru_cache(maxsize=1)
def _model() -> tuple[float, dict[int, float], float] | None:
    path = model_path(MODEL_FILE)
    if not path.is_file():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    if d.get("n_features") != N_FEATURES or d.get("hash") != "crc32":
        return None
    return float(d["bias"]), {int(k): float(v) for k, v in d["weights"].items()}, float(d["threshold"])


def available() -> bool:
    return _model() is not None


def probability(text: str, q: Quantity, section: str | None) -> float:
    model = _model()
    if model is None:
        return 0.0
    bias, weights, _ = model
    z = bias + sum(weights.get(feature_index(f), 0.0) for f in features(text, q, section))
    return 1.0 / (1.0 + math.exp(-z))


def accepts(text: str, q: Quantity, section: str | None) -> bool:
    model = _model()
    return model is not None and is_candidate(q) and probability(text, q, section) >= model[2]
