"""Group similar analyst questions across calls ("who asked about pricing this season?").

Reads: question items (dicts with at least ``text``, ``analyst``, ``firm``, ``call``, ``topics``).
Adds: clusters of questions whose MiniLM vectors are close (cosine >= ``threshold``), each named
by the taxonomy label most common among its members.
Method: leader clustering with centroids (one pass in input order, then one pass that moves each
question to its nearest centroid if still above the threshold), numpy only. Without the
``callnlp[hf]`` extra it falls back, with a warning, to bag-of-words vectors, which only group
near-identical wording. It does not guess a label: a cluster whose members carry no taxonomy
label gets ``label`` None.
"""
from __future__ import annotations

import re
import warnings
from collections import Counter
from typing import TYPE_CHECKING, Any, Sequence

from ..errors import MissingDependencyError
from .topics import Taxonomy, load_taxonomy

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["group_questions"]

REQUIRED = ("text", "analyst", "firm", "call", "topics")


def group_questions(
    items: Sequence[dict[str, Any]],
    *,
    threshold: float = 0.6,
    embedder: Any = None,
    taxonomy: Taxonomy | None = None,
) -> list[dict[str, Any]]:
    """Cluster questions by meaning.

    Returns ``[{"cluster": int, "label": str | None, "size": int, "members": [item, ...]}]``,
    largest cluster first; ``members`` are the input dicts (same objects), in input order.
    ``label`` is the most common taxonomy label (as written in the items' ``topics``) among the
    members, ties broken by first appearance.
    """
    import numpy as np

    items = list(items)
    for i, it in enumerate(items):
        missing = [k for k in REQUIRED if k not in it]
        if missing:
            raise ValueError(f"item {i} lacks {', '.join(missing)}")
    if not items:
        return []
    vecs = _vectors([str(it["text"]) for it in items], embedder)
    assign = _leader_cluster(vecs, threshold)

    tax = taxonomy or load_taxonomy()
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(assign):
        groups.setdefault(int(c), []).append(i)
    ordered = sorted(groups.values(), key=lambda m: (-len(m), m[0]))
    out = []
    for cid, members in enumerate(ordered):
        out.append(
            {
                "cluster": cid,
                "label": _common_label([items[i]["topics"] for i in members], tax),
                "size": len(members),
                "members": [items[i] for i in members],
            }
        )
    return out


def _vectors(texts: list[str], embedder: Any) -> "np.ndarray":
    if embedder is None:
        try:
            from .embed import get_embedder

            embedder = get_embedder()
        except MissingDependencyError:
            warnings.warn(
                "MiniLM is not available (install callnlp[hf]); grouping questions by shared words only",
                RuntimeWarning,
                stacklevel=3,
            )
            return _bow_vectors(texts)
    return embedder.encode(texts)


def _bow_vectors(texts: list[str], dim: int = 2048) -> "np.ndarray":
    """Hashed bag of lower-cased words (and CJK characters), L2-normalised."""
    import zlib

    import numpy as np

    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in re.findall(r"[a-z0-9]{3,}|[\u4e00-\u9fff]", t.lower()):
            out[i, zlib.crc32(w.encode()) % dim] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def _leader_cluster(vecs: "np.ndarray", threshold: float) -> "np.ndarray":
    import numpy as np

    n = len(vecs)
    assign = np.zeros(n, dtype=int)
    sums: list[np.ndarray] = []
    for i in range(n):
        if sums:
            cents = np.stack(sums)
            cents = cents / np.linalg.norm(cents, axis=1, keepdims=True)
            sims = cents @ vecs[i]
            best = int(np.argmax(sims))
            if sims[best] >= threshold:
                assign[i] = best
                sums[best] = sums[best] + vecs[i]
                continue
        assign[i] = len(sums)
        sums.append(vecs[i].copy())
    # One refinement pass: move each question to its nearest centroid when that is closer.
    cents = np.stack(sums)
    cents = cents / np.linalg.norm(cents, axis=1, keepdims=True)
    sims = vecs @ cents.T
    nearest = sims.argmax(axis=1)
    for i in range(n):
        j = int(nearest[i])
        if j != assign[i] and sims[i, j] >= threshold and sims[i, j] > sims[i, assign[i]]:
            assign[i] = j
    return assign


def _common_label(topic_lists: list[Sequence[str]], tax: Taxonomy) -> str | None:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for topics in topic_lists:
        for t in dict.fromkeys(topics):
            if tax.lookup(t):
                counts[t] += 1
                first.setdefault(t, len(first))
    if not counts:
        return None
    return min(counts, key=lambda t: (-counts[t], first[t]))
