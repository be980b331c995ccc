"""Call summaries as flat tables (pandas), the same tables ``callnlp batch`` writes.

Reads: ``CallSummary`` objects or contract dicts (``to_dict()`` / the batch JSON files).
Adds: one row per item of the chosen table, with ``call_id, company, fiscal_period, source_path``
first and then the item's keys in the fixed order of ``TABLES`` below; keys a future stage adds
that are not listed come last, sorted by name, as JSON text. Lists and objects are JSON text
(``ensure_ascii=False``) so that CSV and Parquet hold the same values.

Tables: calls (one row per call), participants, guidance, metrics, segment_claims, qa (one row per
question, with its exchange's fields; an exchange without questions gives one row with empty
question fields), topics, entities, checks, guidance_tracking (see ``callnlp.tracking``) and
question_clusters (see ``callnlp.qa.cluster``; empty with a warning when that module or its
model is missing).

``call_id`` is the file stem; when two calls share a stem (same name in different folders) the
later one in path order gets ``<stem>__<8 hex of sha1 of its path relative to root>``, the name
``callnlp batch`` gives its JSON file. Calls read from text (no path) get ``call<n>``.

Refuses to guess: a value whose type does not fit its column (say, text where a number belongs)
becomes null with a warning, never a made-up number.
"""
from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["PREFIX", "TABLES", "call_ids", "table_rows", "to_frame"]

PREFIX = ("call_id", "company", "fiscal_period", "source_path")

# Column -> type: "str", "int", "float", "bool" or "json" (list/object stored as JSON text).
_FIGURE = (("metric", "str"), ("segment", "str"), ("period", "str"), ("value", "float"), ("unit", "str"),
           ("per_share", "bool"), ("approx", "str"), ("change_pct", "float"), ("basis", "str"),
           ("prior_value", "float"), ("speaker", "str"), ("turn", "int"), ("evidence", "str"),
           ("char_span", "json"), ("languages", "json"))

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "calls": (("ticker", "str"), ("date", "str"), ("sha256", "str"), ("format", "str"), ("languages", "json"),
              ("encoding", "str"), ("schema_version", "int"), ("n_turns", "int"), ("n_participants", "int"),
              ("n_qa", "int"), ("n_questions", "int"), ("n_metrics", "int"), ("n_segment_claims", "int"),
              ("n_guidance", "int"), ("n_topics", "int"), ("n_entities", "int"), ("n_checks", "int"),
              ("warnings", "json")),
    "participants": (("name", "str"), ("kind", "str"), ("role", "str"), ("affiliation", "str"), ("aliases", "json")),
    "guidance": (("metric", "str"), ("segment", "str"), ("period", "str"), ("low", "float"), ("high", "float"),
                 ("unit", "str"), ("per_share", "bool"), ("approx", "str"), ("growth_low_pct", "float"),
                 ("growth_high_pct", "float"), ("basis", "str"), ("status", "str"), ("prior_low", "float"),
                 ("prior_high", "float"), ("speaker", "str"), ("turn", "int"), ("evidence", "str"),
                 ("char_span", "json"), ("languages", "json")),
    "metrics": _FIGURE,
    "segment_claims": _FIGURE,
    "qa": (("index", "int"), ("analyst", "str"), ("firm", "str"), ("question_turns", "json"),
           ("answer_turns", "json"), ("answered_by", "json"), ("question", "int"), ("text", "str"), ("turn", "int"),
           ("char_span", "json"), ("topics", "json")),
    "topics": (("label", "str"), ("turns", "json"), ("weight", "float")),
    "entities": (("text", "str"), ("label", "str"), ("count", "int")),
    "checks": (("kind", "str"), ("severity", "str"), ("turn", "int"), ("message", "str"), ("evidence", "str")),
    "guidance_tracking": (("metric", "str"), ("segment", "str"), ("period", "str"), ("unit", "str"),
                          ("per_share", "bool"), ("low", "float"), ("high", "float"), ("midpoint", "float"),
                          ("status", "str"), ("revision", "str"), ("prior_call_id", "str"),
                          ("prior_fiscal_period", "str"), ("prior_low", "float"), ("prior_high", "float"),
                          ("verdict", "str"), ("reported_value", "float"), ("reported_call_id", "str"),
                          ("reported_fiscal_period", "str"), ("diff_vs_midpoint", "float"),
                          ("pct_vs_midpoint", "float"), ("diff_vs_range", "float"), ("pct_vs_range", "float"),
                          ("speaker", "str"), ("turn", "int"), ("evidence", "str")),
    "question_clusters": (("cluster", "int"), ("label", "str"), ("size", "int"), ("qa_index", "int"),
                          ("question", "int"), ("analyst", "str"), ("firm", "str"), ("text", "str"),
                          ("topics", "json")),
}
_ITEM_LISTS = {"participants": "participants", "guidance": "guidance", "metrics": "metrics",
               "segment_claims": "segment_claims", "topics": "topics", "entities": "entities", "checks": "checks"}
_CROSS_CALL = ("guidance_tracking", "question_clusters")


def _as_dict(summary: Any) -> dict:
    return summary if isinstance(summary, dict) else summary.to_dict()


def _dicts(summaries: Iterable[Any]) -> list[dict]:
    """Contract dicts; ``(path, result)`` pairs from ``summarize_many`` are unpacked, errors left out."""
    out = []
    for s in summaries:
        if isinstance(s, tuple) and len(s) == 2:
            s = s[1]
            if isinstance(s, BaseException):
                continue
        out.append(_as_dict(s))
    return out


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def call_ids(paths: Sequence[str | None], *, root: str | os.PathLike | None = None) -> list[str]:
    """Stable names for calls, in the given order (see the module docstring).

    ``root`` is the folder relative paths are taken from (default: the common folder of ``paths``).
    """
    real = [p for p in paths if p]
    if root is None:
        parents = [os.path.dirname(os.path.abspath(p)) for p in real]
        root = os.path.commonpath(parents) if parents else "."
    order = sorted(range(len(paths)), key=lambda i: (paths[i] is None, paths[i] or ""))
    out: list[str] = [""] * len(paths)
    used: set[str] = set()
    for n, i in enumerate(order):
        p = paths[i]
        if not p:
            name = f"call{n}"
        else:
            name = PurePath(p).stem
            if name.casefold() in used:  # same stem seen: disambiguate by relative path
                rel = PurePath(os.path.relpath(os.path.abspath(p), os.path.abspath(root))).as_posix()
                name = f"{name}__{short_hash(rel)}"
        while name.casefold() in used:  # pathological: a file literally named like a disambiguated one
            name = f"{name}_"
        used.add(name.casefold())
        out[i] = name
    return out


def _prefix(call_id: str, d: dict) -> dict[str, Any]:
    call = d.get("call") or {}
    return {"call_id": call_id, "company": call.get("company"), "fiscal_period": call.get("fiscal_period"),
            "source_path": (d.get("source") or {}).get("path")}


def _call_row(d: dict) -> dict[str, Any]:
    src, call = d.get("source") or {}, d.get("call") or {}
    qa = d.get("qa") or ()
    row = {
        "ticker": call.get("ticker"), "date": call.get("date"), "sha256": src.get("sha256"),
        "format": src.get("format"), "languages": src.get("languages"), "encoding": src.get("encoding"),
        "schema_version": d.get("schema_version"), "n_turns": len(d.get("turns") or ()),
        "n_questions": sum(len(x.get("questions") or ()) for x in qa), "n_qa": len(qa),
        "warnings": d.get("warnings") or [],
    }
    for key in ("participants", "metrics", "segment_claims", "guidance", "topics", "entities", "checks"):
        row[f"n_{key}"] = len(d.get(key) or ())
    return row


def _qa_rows(d: dict) -> list[dict[str, Any]]:
    rows = []
    for x in d.get("qa") or ():
        base = {k: v for k, v in x.items() if k != "questions"}
        qs = x.get("questions") or ()
        if not qs:
            rows.append(dict(base))
        for n, q in enumerate(qs, 1):
            rows.append({**base, "question": n, **q})
    return rows


def _cluster_rows(dicts: list[dict], ids: list[str], embedder: Any = None) -> list[dict[str, Any]]:
    try:
        from .qa.cluster import group_questions

        if embedder is None:
            from .qa.embed import model_dir

            model_dir()  # raises MissingDependencyError without the callnlp[hf] extra
    except ImportError as exc:  # MissingDependencyError is an ImportError too
        warnings.warn(f"question_clusters left empty: {exc}", RuntimeWarning, stacklevel=3)
        return []
    items = []
    for cid, d in zip(ids, dicts):
        for x in d.get("qa") or ():
            for n, q in enumerate(x.get("questions") or (), 1):
                if q.get("text"):
                    items.append({"text": q["text"], "analyst": x.get("analyst"), "firm": x.get("firm"),
                                  "call": cid, "topics": list(q.get("topics") or ()),
                                  "_d": d, "qa_index": x.get("index"), "question": n})
    if not items:
        return []
    try:
        groups = group_questions(items, embedder=embedder)
    except ImportError as exc:  # MissingDependencyError: no numpy / model
        warnings.warn(f"question_clusters left empty: {exc}", RuntimeWarning, stacklevel=3)
        return []
    rows = []
    for g in groups:
        for it in g["members"]:
            rows.append({**_prefix(it["call"], it["_d"]), "cluster": g["cluster"], "label": g.get("label"),
                         "size": g.get("size"), "qa_index": it["qa_index"], "question": it["question"],
                         "analyst": it["analyst"], "firm": it["firm"], "text": it["text"], "topics": it["topics"]})
    return rows


def _tracking_rows(dicts: list[dict], ids: list[str]) -> list[dict[str, Any]]:
    from .tracking import guidance_tracking

    by_path = {(d.get("source") or {}).get("path"): cid for cid, d in zip(ids, dicts)}
    rows = []
    for r in guidance_tracking(dicts):
        r = dict(r)
        r["call_id"] = by_path.get(r["source_path"])
        r["prior_call_id"] = by_path.get(r.pop("prior_source_path"))
        r["reported_call_id"] = by_path.get(r.pop("reported_source_path"))
        rows.append(r)
    return rows


def table_rows(summaries: Iterable[Any], table: str, *, ids: Sequence[str] | None = None,
               root: str | os.PathLike | None = None, embedder: Any = None) -> list[dict[str, Any]]:
    """Rows of ``table`` as plain dicts (values as in the contract, not yet typed)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    dicts = _dicts(summaries)
    if ids is None:
        ids = call_ids([(d.get("source") or {}).get("path") for d in dicts], root=root)
    if table == "guidance_tracking":
        return _tracking_rows(dicts, list(ids))
    if table == "question_clusters":
        return _cluster_rows(dicts, list(ids), embedder)
    rows = []
    for cid, d in zip(ids, dicts):
        pre = _prefix(cid, d)
        if table == "calls":
            items = [_call_row(d)]
        elif table == "qa":
            items = _qa_rows(d)
        else:
            items = [x if isinstance(x, dict) else {"value": x} for x in d.get(_ITEM_LISTS[table]) or ()]
        rows.extend({**pre, **item} for item in items)
    return rows


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _cell(value: Any, kind: str, where: str, bad: list[str]) -> Any:
    if value is None:
        return None
    if kind == "json":
        return _json(value)
    if kind == "str":
        return value if isinstance(value, str) else _json(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
    elif kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
    elif kind == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    bad.append(where)
    return None


def _columns(table: str, rows: list[dict]) -> list[tuple[str, str]]:
    cols = [(c, "str") for c in PREFIX] + list(TABLES[table])
    known = {c for c, _ in cols}
    extra = sorted({k for r in rows for k in r if k not in known and not k.startswith("_")})
    return cols + [(k, "json") for k in extra]


def to_frame(summaries: Iterable[Any], table: str = "calls", *, root: str | os.PathLike | None = None,
             ids: Sequence[str] | None = None, embedder: Any = None) -> "pd.DataFrame":
    """One table of many calls as a pandas DataFrame, as ``callnlp batch`` writes it.

    Args:
        summaries: ``CallSummary`` objects, contract dicts, or the ``(path, result)`` pairs of
            ``summarize_many`` (errors are left out); rows follow this order.
        table: one of ``TABLES`` (calls, participants, guidance, metrics, segment_claims, qa, topics,
            entities, checks, guidance_tracking, question_clusters).
        root: folder that same-stem ``call_id``s are made relative to (``callnlp batch`` uses DIR).
        ids: explicit call ids, one per summary (overrides the derived ones).
        embedder: for question_clusters, an object with ``encode(texts) -> vectors`` (default
            MiniLM from ``callnlp[hf]``; without it the table is empty and a warning is raised).

    Returns:
        A DataFrame with a fixed column order; text columns are pandas strings, integer columns
        nullable ``Int64``, numbers ``float64``, flags nullable ``boolean``; lists are JSON text.

    Example:
        >>> import callnlp
        >>> s = [callnlp.summarize_file(p) for p in ["a.txt", "b.txt"]]   # doctest: +SKIP
        >>> callnlp.to_frame(s, "guidance")[["call_id", "metric", "low", "high"]]  # doctest: +SKIP
    """
    from ._optional import import_optional

    pd = import_optional("pandas")
    rows = table_rows(summaries, table, ids=ids, root=root, embedder=embedder)
    cols = _columns(table, rows)
    bad: list[str] = []
    data = {c: [_cell(r.get(c), kind, f"{table}.{c}", bad) for r in rows] for c, kind in cols}
    if bad:
        warnings.warn(f"{len(bad)} value(s) did not fit their column and were left empty "
                      f"(first: {bad[0]})", RuntimeWarning, stacklevel=2)
    dtypes = {"str": "string", "json": "string", "int": "Int64", "float": "float64", "bool": "boolean"}
    frame = pd.DataFrame({c: pd.array(data[c], dtype=dtypes[kind]) for c, kind in cols},
                         columns=[c for c, _ in cols])
    return frame.reset_index(drop=True)


