"""to_frame: fixed columns, JSON text for lists, stable call ids, Parquet round trip (hand-built dicts)."""
from __future__ import annotations

import json
import warnings

import pytest

pd = pytest.importorskip("pandas")

from callnlp.frame import PREFIX, TABLES, call_ids, to_frame  # noqa: E402


def _d(path, company="Acme", period="Q3 2025", **kw):
    d = {"schema_version": 1, "source": {"path": path, "sha256": "ab" * 32, "format": "plain", "languages": ["en"],
                                         "encoding": "utf-8"},
         "call": {"company": company, "ticker": None, "fiscal_period": period, "date": None},
         "participants": [{"name": "Jane Roe", "kind": "executive", "role": "CFO", "affiliation": company,
                           "aliases": ["Jane"]}],
         "sections": [], "turns": [{}, {}], "metrics": [], "segment_claims": [], "guidance": [], "qa": [],
         "topics": [], "entities": [], "checks": [], "warnings": []}
    d.update(kw)
    return d


GUIDE = {"metric": "revenue", "segment": None, "period": "Q4 2025", "low": 328000000, "high": 333000000.5,
         "unit": "CNY", "per_share": False, "approx": None, "growth_low_pct": 26.8, "growth_high_pct": None,
         "basis": "yoy", "status": "new", "prior_low": None, "prior_high": None, "speaker": "Jane Roe", "turn": 1,
         "evidence": "We expect revenue of RMB328 million to RMB333 million.", "char_span": [10, 60],
         "languages": ["en"], "zeta_new_key": {"a": 1}, "alpha_new_key": "x"}


@pytest.mark.parametrize("table", list(TABLES))
def test_frame_columns_fixed_even_when_empty(table):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        df = to_frame([_d("a.txt")], table, embedder=_FakeEmbedder())
    assert list(df.columns)[:4] == list(PREFIX)
    assert list(df.columns)[4:4 + len(TABLES[table])] == [c for c, _ in TABLES[table]]


def test_frame_guidance_values_and_extra_keys():
    df = to_frame([_d("calls/a.txt", guidance=[GUIDE])], "guidance")
    row = df.iloc[0]
    assert row["call_id"] == "a" and row["source_path"] == "calls/a.txt" and row["company"] == "Acme"
    assert row["low"] == 328000000 and row["high"] == 333000000.5
    assert json.loads(row["char_span"]) == [10, 60] and json.loads(row["languages"]) == ["en"]
    assert pd.isna(row["growth_high_pct"]) and pd.isna(row["approx"])
    assert list(df.columns)[-2:] == ["alpha_new_key", "zeta_new_key"]  # unknown keys last, sorted, JSON
    assert json.loads(row["zeta_new_key"]) == {"a": 1} and json.loads(row["alpha_new_key"]) == "x"
    assert str(df["turn"].dtype) == "Int64" and str(df["per_share"].dtype) == "boolean"


def test_frame_value_of_wrong_type_is_empty_with_warning():
    bad = {**GUIDE, "low": "about three hundred", "turn": 1.5}
    with pytest.warns(RuntimeWarning, match="did not fit"):
        df = to_frame([_d("a.txt", guidance=[bad])], "guidance")
    assert pd.isna(df.loc[0, "low"]) and pd.isna(df.loc[0, "turn"])


def test_frame_qa_one_row_per_question():
    qa = [{"index": 1, "analyst": "Tina Hou", "firm": "Example Securities", "question_turns": [3],
           "answer_turns": [4, 5], "answered_by": ["Jane Roe"],
           "questions": [{"text": "How is pricing?", "turn": 3, "char_span": [0, 15], "topics": ["pricing"]},
                         {"text": "And margins?", "turn": 3, "char_span": [16, 28], "topics": []}]},
          {"index": 2, "analyst": "Li Wei", "firm": None, "question_turns": [6], "answer_turns": [],
           "answered_by": [], "questions": []}]
    df = to_frame([_d("a.txt", qa=qa)], "qa")
    assert df["question"].tolist()[:2] == [1, 2] and pd.isna(df["question"].iloc[2])
    assert df["text"].tolist()[:2] == ["How is pricing?", "And margins?"]
    assert json.loads(df.loc[0, "answer_turns"]) == [4, 5]
    calls = to_frame([_d("a.txt", qa=qa)], "calls")
    assert (calls.loc[0, "n_qa"], calls.loc[0, "n_questions"], calls.loc[0, "n_turns"]) == (2, 2, 2)


@pytest.mark.parametrize("paths", [
    ["x/2024/acme.txt", "x/2025/acme.txt", "x/beta.txt"],
    ["x/beta.txt", "x/2025/acme.txt", "x/2024/acme.txt"],
])
def test_frame_call_ids_same_stem_deterministic(paths):
    ids = dict(zip(paths, call_ids(paths, root="x")))
    assert ids["x/2024/acme.txt"] == "acme" and ids["x/beta.txt"] == "beta"
    second = ids["x/2025/acme.txt"]
    assert second.startswith("acme__") and len(second) == len("acme__") + 8
    assert call_ids(["x/2024/acme.txt", "x/2025/acme.txt"], root="x")[1] == second


def test_frame_parquet_and_csv_agree(tmp_path):
    df = to_frame([_d("a.txt", guidance=[GUIDE]), _d("b.txt", company="Zenith 中文", guidance=[GUIDE])], "guidance")
    df.to_parquet(tmp_path / "g.parquet", index=False)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "g.parquet"), df)
    df.to_csv(tmp_path / "g.csv", index=False)
    back = pd.read_csv(tmp_path / "g.csv", dtype=str, keep_default_na=False)
    assert back["char_span"].tolist() == df["char_span"].tolist()
    assert back["company"].tolist() == ["Acme", "Zenith 中文"]


class _FakeEmbedder:
    """Bag-of-words vectors: questions sharing their words cluster together."""

    def encode(self, texts):
        from callnlp.qa.cluster import _bow_vectors

        return _bow_vectors(list(texts))


def test_frame_question_clusters_with_embedder():
    pytest.importorskip("numpy")
    q = lambda t: {"text": t, "turn": 3, "char_span": [0, 1], "topics": []}  # noqa: E731
    qa = lambda *qs: [{"index": 1, "analyst": "Tina Hou", "firm": "F", "question_turns": [3],  # noqa: E731
                       "answer_turns": [4], "answered_by": ["Jane Roe"], "questions": [q(t) for t in qs]}]
    calls = [_d("a.txt", qa=qa("What about pricing pressure in cloud?", "Tell us about hiring plans")),
             _d("b.txt", qa=qa("What about pricing pressure in cloud?"))]
    df = to_frame(calls, "question_clusters", embedder=_FakeEmbedder())
    assert len(df) == 3
    pricing = df[df["text"].str.contains("pricing")]
    assert pricing["cluster"].nunique() == 1 and set(pricing["call_id"]) == {"a", "b"}
    assert (pricing["size"] == 2).all()


def test_frame_question_clusters_empty_without_model(monkeypatch):
    import callnlp.qa.embed as embed
    from callnlp.errors import MissingDependencyError

    def missing():
        raise MissingDependencyError("no MiniLM here", code="E030")

    monkeypatch.setattr(embed, "model_dir", missing)
    qa = [{"index": 1, "analyst": "A", "firm": None, "question_turns": [1], "answer_turns": [], "answered_by": [],
           "questions": [{"text": "Why?", "turn": 1, "char_span": [0, 4], "topics": []}]}]
    with pytest.warns(RuntimeWarning, match="question_clusters left empty"):
        df = to_frame([_d("a.txt", qa=qa)], "question_clusters")
    assert df.empty and list(df.columns)[:4] == list(PREFIX)


def test_frame_guidance_tracking_has_call_ids():
    q3 = _d("d/q3.txt", guidance=[GUIDE])
    q4 = _d("d/q4.txt", period="Q4 2025", metrics=[{"metric": "revenue", "segment": None, "period": "Q4 2025",
                                                     "value": 340000000, "unit": "CNY", "per_share": False}])
    df = to_frame([q3, q4], "guidance_tracking")
    assert df.loc[0, "call_id"] == "q3" and df.loc[0, "reported_call_id"] == "q4"
    assert df.loc[0, "verdict"] == "beat"


def test_frame_unknown_table():
    with pytest.raises(ValueError, match="unknown table"):
        to_frame([], "nope")
