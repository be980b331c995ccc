"""A learned role for every figure a company speaker states: guidance, reported or other.

Reads: one English ``Sentence`` text, the ``Quantity`` the number parser found in it, the section,
the call's period; the weights in models/figure_roles.json (a multinomial logistic regression over
hashed features, trained by benchmarks/train_role_model.py on the train part of the frozen ECTSum
split, never on its test calls). Adds: a probability per role.

``find_guidance`` admits a range whose guidance probability passes the model's threshold when the
sentence rules turned it away; ``find_metrics_and_segments`` admits a single figure whose reported
probability passes its threshold when the rules gave it no item. Rules never lose an item to the
model, and a figure the model calls guidance is not also kept as a reported metric.

Features are plain strings hashed with crc32 (no pickles; training and inference agree): the
sentence's words and word pairs, the words either side of the figure, its unit and shape, the
nearest vocabulary metric before and after it, and how the periods the sentence names stand to the
call's period (future, the call's own, past). Inference is a dot product per role in pure Python.
"""
from __future__ import annotations

import json
import math
import re
import zlib
from functools import lru_cache

from ..records import Quantity
from ..resources import model_path
from .periods import is_current, is_future, sentence_periods
from .vocab import find_metrics

MODEL_FILE = "figure_roles.json"
N_FEATURES = 2 ** 18
ROLES = ("guidance", "reported", "other")
_WORD = re.compile(r"[a-z]+|\d{4}|[$%]")


@lru_cache(maxsize=4096)
def _sentence_facts(text: str, call_period: str | None) -> tuple[tuple, tuple, tuple]:
    """(words, period relations with their spans, metric mentions) of a sentence, computed once."""
    words = tuple(_WORD.findall(text.lower()))
    rel = []
    for sp, p in sentence_periods(text, call_period):
        fut = is_future(p, call_period)
        rel.append((sp, "future" if fut else "current" if is_current(p, call_period) else
                    "past" if fut is False else "unknown"))
    ms = tuple((m.start, m.end, m.base, m.kind) for m in find_metrics(text))
    return words, tuple(rel), ms


def features(text: str, q: Quantity, section: str | None, call_period: str | None) -> list[str]:
    a, b = q.char_span
    words, rel, ms = _sentence_facts(text, call_period)
    left = _WORD.findall(text[max(0, a - 80):a].lower())[-6:]
    right = _WORD.findall(text[b:b + 40].lower())[:3]
    f = [f"s:{w}" for w in words] + [f"s2:{x}_{y}" for x, y in zip(words, words[1:])]
    f += [f"l:{w}" for w in left] + [f"r:{w}" for w in right] + [f"l2:{x}_{y}" for x, y in zip(left, left[1:])]
    is_range = q.low is not None and q.high is not None and q.low != q.high
    f += [f"u:{q.unit}", f"ps:{q.per_share}", f"sec:{section or ''}", f"ap:{q.approx}", f"rg:{is_range}",
          f"neg:{q.low is not None and q.low < 0}"]
    f += [f"per:{r}" for _, r in rel]
    near = min(rel, key=lambda x: abs(x[0][0] - a), default=None)
    f.append(f"np:{near[1] if near else 'none'}")
    before = [m for m in ms if m[1] <= a]
    after = [m for m in ms if m[0] >= b]
    f.append(f"mb:{before[-1][2] if before else ''}")
    f.append(f"ma:{after[0][2] if after and after[0][0] - b < 30 else ''}")
    f.append(f"mk:{before[-1][3] if before else ''}_{q.unit}")
    return f


def feature_index(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


def is_candidate(q: Quantity) -> bool:
    """A stated figure (a range or a single value), not a verbal range."""
    return q.low is not None and q.high is not None and q.qualitative is None


@lru_cache(maxsize=1)
def _model() -> dict | None:
    path = model_path(MODEL_FILE)
    if not path.is_file():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    if d.get("n_features") != N_FEATURES or d.get("hash") != "crc32" or tuple(d.get("roles", ())) != ROLES:
        return None
    return {"bias": [float(x) for x in d["bias"]],
            "weights": {int(k): [float(x) for x in v] for k, v in d["weights"].items()},
            "threshold": {k: float(v) for k, v in d["threshold"].items()}}


def available() -> bool:
    return _model() is not None


def probabilities(text: str, q: Quantity, section: str | None, call_period: str | None) -> dict[str, float]:
    """P(role) for each of ROLES (all 0 when the model file is missing)."""
    model = _model()
    if model is None:
        return dict.fromkeys(ROLES, 0.0)
    z = list(model["bias"])
    w = model["weights"]
    for idx in {feature_index(f) for f in features(text, q, section, call_period)}:
        row = w.get(idx)
        if row:
            z = [a + b for a, b in zip(z, row)]
    top = max(z)
    e = [math.exp(x - top) for x in z]
    total = sum(e)
    return {r: x / total for r, x in zip(ROLES, e)}


def threshold(role: str) -> float:
    model = _model()
    return model["threshold"][role] if model else 1.1


def role_of(text: str, q: Quantity, section: str | None, call_period: str | None) -> str | None:
    """The role whose probability passes its threshold (guidance first), or None."""
    if not is_candidate(q) or _model() is None:
        return None
    p = probabilities(text, q, section, call_period)
    if q.low != q.high and p["guidance"] >= threshold("guidance"):
        return "guidance"
    if q.low == q.high and p["reported"] >= threshold("reported"):
        return "reported"
    return None
