"""Topics of analyst questions, and of a whole call.

Reads: question texts (one string per question), optionally prepared-remark texts, and the topic
taxonomy ``models/topic_taxonomy.json`` (16 labels, each with English and Chinese seed questions
and keyword lists). Adds: per question a tuple of taxonomy labels followed by the specific subjects
it names ("Q4 revenue", "Tencent Cloud", "Thailand"); per call a weighted list of labels for the
Q&A and for the prepared remarks.

Methods:
- ``"embedding"`` (English): every content sentence of every question is encoded in one MiniLM
  call; a label's score is the best sentence similarity to its seed questions, plus a share of
  the probability a small trained head gives it (one-vs-rest logistic regression over the
  question's mean sentence vector, ``models/topic_head.npz``, applied with numpy), plus a bonus
  for keyword hits. Needs the ``callnlp[hf]`` extra.
- ``"keyword"``: counts of keyword hits; the baseline, and the fallback without the extra.
- Chinese (``lang`` zh-*): jieba words of the question against the Chinese keywords and seed
  questions (bag-of-words overlap). MiniLM is English-only, so Chinese never goes to it; in a
  bilingual call pass the English side.

Greetings, thanks, congratulations and "a couple of questions" sentences are left out before
any of this (``_content_sentences``), unless they name a taxonomy keyword.

It does not guess: a question that matches nothing gets no label (only its subjects), and
subjects are phrases found in the text (quarter names are written the one way "Q4").
The rule's threshold, margin and label cap were chosen across the four labelled sets
(``benchmarks/bench_topics.py``, which reports them cross-validated: chosen on three, scored on
the fourth); the head was trained on analyst turns the authors wrote
(``models/topic_training_turns.jsonl``), never on a labelled set. Figures:
``benchmarks/results/topics.txt``.
"""
from __future__ import annotations

import json
import re
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .._optional import import_optional
from ..errors import MissingDependencyError
from ..resources import model_path

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = [
    "EmbeddingParams",
    "Taxonomy",
    "TopicHead",
    "TopicLabel",
    "assign_topics",
    "call_topics",
    "default_subjects",
    "keyword_scores",
    "load_head",
    "load_taxonomy",
    "question_features",
    "split_sentences",
]

TAXONOMY_FILE = "topic_taxonomy.json"


# --------------------------------------------------------------------------- taxonomy


@dataclass(frozen=True, slots=True)
class TopicLabel:
    id: str
    display: str
    display_zh: str
    description: str
    seeds_en: tuple[str, ...]
    seeds_zh: tuple[str, ...]
    keywords_en: tuple[str, ...]
    keywords_zh: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    labels: tuple[TopicLabel, ...]
    metrics_en: tuple[str, ...] = ()
    markets_en: tuple[str, ...] = ()
    stop_caps: frozenset[str] = frozenset()
    stop_acronyms: frozenset[str] = frozenset()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(lab.id for lab in self.labels)

    def name(self, label_id: str, form: str = "id") -> str:
        """The label as ``form``: "id" (snake_case), "display" or "display_zh"."""
        lab = self.labels[self.ids.index(label_id)]
        return lab.id if form == "id" else getattr(lab, form)

    def lookup(self, name: str) -> str | None:
        """The label id for an id or display name, or None for a subject."""
        key = name.strip().lower()
        for lab in self.labels:
            if key in (lab.id, lab.display.lower(), lab.display_zh):
                return lab.id
        return None


@lru_cache(maxsize=4)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Read the taxonomy JSON (default: the shipped ``models/topic_taxonomy.json``)."""
    data = json.loads(Path(path or model_path(TAXONOMY_FILE)).read_text(encoding="utf-8"))
    labels = tuple(
        TopicLabel(
            id=d["id"],
            display=d["display"],
            display_zh=d.get("display_zh", d["display"]),
            description=d.get("description", ""),
            seeds_en=tuple(d["seeds"]["en"]),
            seeds_zh=tuple(d["seeds"]["zh"]),
            keywords_en=tuple(k.lower() for k in d["keywords"]["en"]),
            keywords_zh=tuple(d["keywords"]["zh"]),
        )
        for d in data["labels"]
    )
    subj = data.get("subjects", {})
    return Taxonomy(
        labels=labels,
        metrics_en=tuple(subj.get("metrics_en", ())),
        markets_en=tuple(subj.get("markets_en", ())),
        stop_caps=frozenset(subj.get("stop_caps", ())),
        stop_acronyms=frozenset(subj.get("stop_acronyms", ())),
    )


# --------------------------------------------------------------------------- text helpers

# Sentences that carry no topic. Thanks, congratulations and praise are always left out (what
# they name is said on the way: "congratulations on the first profitable year"). Greetings,
# apologies, "this is X on for Y", announcements of how many questions follow and "I'll start
# there" are left out unless they name a taxonomy keyword ("Hi, I wanted to follow up on freight.").
_PREFIX = r"^(?:(?:and|so|but|well|also|then|okay|ok)[,\s]+)*"
_THANKS = re.compile(
    _PREFIX + r"(?:thanks?|thank you|congrat\w*|kudos|nice (?:job|quarter|results)|really impressive|welcome)\b"
    r"[^?]{0,80}[.!]?$",
    re.I,
)
_NO_TOPIC = re.compile(
    _PREFIX + r"(?:"
    r"(?:hi|hey|hello|good (?:morning|afternoon|evening|day)|okay|ok|great|got it|that's helpful|sure|yes|yeah|"
    r"sorry|apologies|(?:i )?appreciate)\b[^?]{0,80}"
    r"|good|perfect|this is \w+(?: \w+)? (?:on|in) for \w+(?: \w+)?"
    r"|(?:i (?:just )?(?:have|had|got) |i've got )?(?:just )?(?:a couple|a few|two|three|one quick one)(?: of)?"
    r"(?: quick| more| short)? (?:questions?|things|follow-?ups?)\b[^?]{0,25}"
    r"|(?:i have|just) a (?:quick )?follow-?up|i'll start there[^?]*|that's (?:my|the) (?:first |last )?question"
    r")[.!]?$",
    re.I,
)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (English or Chinese), without empty pieces (callnlp's rule splitter)."""
    from ..tokenize.sentences import split_sentences as spans

    text = re.sub(r"(?<=\S)[ \t]*\n[ \t]*(?=\S)", " ", text.strip())  # hard-wrapped lines are one paragraph
    return [text[a:b].strip() for a, b in spans(text) if text[a:b].strip()]


def _content_sentences(text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """Sentences that carry a topic: thanks and praise are left out, greetings and the like unless
    they name a taxonomy keyword (see ``_THANKS``, ``_NO_TOPIC``). A text made only of those is kept whole."""
    tax = taxonomy or load_taxonomy()
    sents = [
        s for s in split_sentences(text)
        if not (_THANKS.match(s) or (_NO_TOPIC.match(s) and not keyword_scores(s, taxonomy=tax)))
    ]
    return sents or [text.strip()]


_KW_CACHE: dict[int, dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


def _keyword_patterns(taxonomy: Taxonomy) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Per label: (needle, pattern) for each English keyword, compiled once per taxonomy.

    The needle (the keyword's first word, lower-cased) is a cheap substring test run before the regex.
    """
    key = id(taxonomy)
    if key not in _KW_CACHE:
        out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for lab in taxonomy.labels:
            pats = []
            for kw in lab.keywords_en:
                prefix = kw.endswith("*")
                body = re.escape(kw.rstrip("*")).replace(r"\ ", r"[\s-]+")
                needle = re.split(r"[\s-]+", kw.rstrip("*").lower())[0]
                pats.append((needle, re.compile(rf"(?<![\w&]){body}" + ("" if prefix else r"(?![\w&])"), re.I)))
            out[lab.id] = pats
        _KW_CACHE[key] = out
    return _KW_CACHE[key]


def _hits(text: str, low: str, pats: list[tuple[str, re.Pattern[str]]]) -> int:
    return sum(1 for needle, p in pats if needle in low and p.search(text))


def keyword_scores(text: str, *, lang: str = "en", taxonomy: Taxonomy | None = None) -> dict[str, int]:
    """Number of distinct keywords of each label found in ``text`` (labels with none left out)."""
    tax = taxonomy or load_taxonomy()
    scores: dict[str, int] = {}
    if _is_zh(lang):
        text = _to_simplified(text)
        low = text.lower()
        for lab in tax.labels:
            n = sum(1 for kw in lab.keywords_zh if kw in text)
            # Latin words inside Chinese text (GMV, AI, SaaS) still count.
            n += _hits(text, low, _keyword_patterns(tax)[lab.id])
            if n:
                scores[lab.id] = n
        return scores
    low = text.lower()
    for lab_id, pats in _keyword_patterns(tax).items():
        n = _hits(text, low, pats)
        if n:
            scores[lab_id] = n
    return scores


def _is_zh(lang: str) -> bool:
    return str(getattr(lang, "value", lang)).lower().startswith("zh")


def _to_simplified(text: str) -> str:
    """Traditional -> Simplified with the process's Analyzer (one OpenCC per process)."""
    from ..analyzer import get_analyzer

    try:
        return get_analyzer().opencc_chars.convert(text)
    except MissingDependencyError:  # conversion is a nicety; keep the text
        return text


# --------------------------------------------------------------------------- subjects

_QUARTER = re.compile(
    r"\b(?:(?P<q1>Q[1-4])|(?P<q2>[1-4]Q)|(?P<q3>first|second|third|fourth) quarter)"
    r"(?:\s*(?:'|’)?(?P<yr>\d{2}(?:\d{2})?)\b)?"
    r"(?:\s+(?P<metric>revenues?|sales|guidance|margins?|earnings|results|profit|GMV|EBITDA|growth))?",
    re.I,
)
_ORD = {"first": "Q1", "second": "Q2", "third": "Q3", "fourth": "Q4"}
_HALF = re.compile(r"\b(?:first|second|back) half(?: of (?:the year|20\d\d))?\b|\bfull[- ]year\b|\bFY ?\d{2,4}\b", re.I)
_CAPSEQ = re.compile(r"\b[A-Z][\w&-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&-]*)*")
_ACRO_BUSINESS = re.compile(
    r"\b(?P<name>(?:[A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*|\d+[a-z]{3,}|[A-Z][a-z]+[A-Z]\w*|[A-Z][a-z]{2,}))"
    r"\s+(?P<noun>business(?:es)?|segment|unit|division|platform|solutions?|products?|cloud|services?)\b"
)
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{1,7}(?![\w-])")
_CAMEL = re.compile(r"(?<![\w-])(?:[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|\d+[a-z]{3,}[A-Za-z0-9]*)(?![\w-])")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|s|am|pm|bps?|mm|bn|million|billion|percent|days?|years?|months?|weeks?)$", re.I)


def default_subjects(text: str, *, taxonomy: Taxonomy | None = None) -> list[str]:
    """Specific subjects a question names, in order of first appearance, as written.

    Finds: named businesses ("CC business", "7moor business"), CamelCase and alphanumeric
    brands, acronyms, capitalised names ("Tencent Cloud"), metric phrases from the taxonomy's
    list ("gross margin", "active customers"), quarter phrases (written "Q4 revenue") and market
    names ("Southeast Asia"). A stand-in for the entity layer; English only.
    """
    tax = taxonomy or load_taxonomy()
    found: list[tuple[int, str]] = []

    for m in _ACRO_BUSINESS.finditer(text):
        if m.group("name") not in tax.stop_acronyms and m.group("name") not in tax.stop_caps:
            found.append((m.start(), f"{m.group('name')} {m.group('noun')}"))
    for m in _QUARTER.finditer(text):
        q = m.group("q1") or m.group("q2") or _ORD[m.group("q3").lower()]
        q = f"Q{q[0]}" if q[0].isdigit() else q.upper()
        yr = m.group("yr")
        phrase = q + ((f" '{yr}" if len(yr) == 2 else f" {yr}") if yr else "") + (f" {m.group('metric')}" if m.group("metric") else "")
        found.append((m.start(), phrase))
    for m in _HALF.finditer(text):
        found.append((m.start(), m.group(0)))
    low = text.lower()
    metrics, markets = _phrase_patterns(tax)
    for needle, pat in metrics:
        if needle in low:
            for m in pat.finditer(low):
                found.append((m.start(), text[m.start() : m.end()]))
    for needle, pat in markets:
        if needle in low:
            for m in pat.finditer(text):
                found.append((m.start(), text[m.start() : m.end()]))
    for m in _CAMEL.finditer(text):
        if not _ORDINAL.match(m.group(0)):
            found.append((m.start(), m.group(0)))
    for m in _ACRONYM.finditer(text):
        if m.group(0).rstrip("0123456789") not in tax.stop_acronyms and not re.fullmatch(r"[QH][1-4]|[1-4][QH]|FY\d*", m.group(0)):
            found.append((m.start(), m.group(0)))
    for m in _CAPSEQ.finditer(text):
        words = m.group(0).rstrip(".'’-").split()
        while words and (words[0] in tax.stop_caps or words[0].rstrip(".,") in tax.stop_caps):
            words = words[1:]
        while words and words[-1] in tax.stop_caps:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        start = m.start() + m.group(0).find(words[0])
        if start == _sentence_start(text, start) and len(words) == 1:
            continue  # a capitalised first word of a sentence is not a name
        if _ACRONYM.fullmatch(name) or _QUARTER.fullmatch(name):
            continue  # handled above
        found.append((start, name))

    return _dedupe_subjects(found)


_PHRASE_CACHE: dict[int, tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]] = {}


def _phrase_patterns(tax: Taxonomy) -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]:
    """(needle, pattern) for the taxonomy's metric phrases (matched in lower case) and market names
    (case-sensitive when written capitalised), compiled once per taxonomy."""
    key = id(tax)
    if key not in _PHRASE_CACHE:
        metrics = [(m.lower(), re.compile(rf"(?<![\w-]){re.escape(m)}(?![\w-])")) for m in tax.metrics_en]
        markets = [
            (m.lower(), re.compile(rf"(?<![\w-]){re.escape(m)}(?![\w-])", 0 if m[0].isupper() else re.I))
            for m in tax.markets_en
        ]
        _PHRASE_CACHE[key] = (metrics, markets)
    return _PHRASE_CACHE[key]


def _sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding ``pos`` starts (after ., ?, !, newline or a dash)."""
    i = pos
    while i > 0 and text[i - 1] in " \t\"“(":
        i -= 1
    if i == 0 or text[i - 1] in ".?!\n:;-—":
        return pos
    return -1


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]", "", s.lower())


def _dedupe_subjects(found: list[tuple[int, str]]) -> list[str]:
    """Keep one of each subject; drop a subject contained in a longer one found with it."""
    found.sort(key=lambda p: (p[0], -len(p[1])))
    out: list[str] = []
    for _, s in found:
        n = _norm(s)
        if not n or any(n == _norm(o) or n in _norm(o) for o in out):
            continue
        out = [o for o in out if _norm(o) not in n]
        out.append(s)
    return out


# --------------------------------------------------------------------------- embedding method


@dataclass(frozen=True, slots=True)
class EmbeddingParams:
    """Decision rule of the embedding method.

    score(label) = sim + head_weight * head + keyword_weight * min(hits, 2), where sim is the best
    over the question's sentences of the mean of the top ``top_seeds`` cosines to the label's
    seeds, and head is the probability the trained head (``models/topic_head.npz``) gives the label
    for the question's vector (the unit mean of its sentence vectors). A label is kept when
    score >= threshold and score >= best - margin, at most ``max_labels``; the best label is kept
    alone when only it clears ``floor``.

    The defaults: threshold, margin and max_labels chosen on the four labelled sets
    (``benchmarks/bench_topics.py --choose``; cross-set figures in ``benchmarks/results/topics.txt``),
    the weights kept from the earlier dev-half choice.
    """

    top_seeds: int = 1
    keyword_weight: float = 0.15
    threshold: float = 0.65
    margin: float = 0.3
    max_labels: int = 3
    floor: float = 0.35
    keyword_alone: int = 99
    head_weight: float = 0.3


DEFAULT_PARAMS = EmbeddingParams()
# The rule without a head (seeds and keywords only), for a taxonomy the shipped head does not fit.
SEED_ONLY_PARAMS = EmbeddingParams(1, 0.12, 0.48, 0.18, 2, 0.3, 99, 0.0)
_SEED_CACHE: dict[tuple[int, int], tuple[Any, list[int]]] = {}


SEED_VECTORS = "topic_seed_vectors.npz"
HEAD_FILE = "topic_head.npz"


def _seed_texts(taxonomy: Taxonomy) -> tuple[list[str], list[int]]:
    texts, owner = [], []
    for i, lab in enumerate(taxonomy.labels):
        texts += list(lab.seeds_en)
        owner += [i] * len(lab.seeds_en)
    return texts, owner


def seeds_digest(texts: Sequence[str]) -> str:
    import hashlib

    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def _shipped_seed_vectors(texts: list[str], backend: str | None) -> "np.ndarray | None":
    """Seed vectors shipped in models/ for this exact seed list and backend, else None."""
    import numpy as np

    path = model_path(SEED_VECTORS)
    if backend is None or not path.exists():
        return None
    with np.load(path) as data:
        if str(data["digest"]) != seeds_digest(texts) or str(data["backend"]) != backend:
            return None
        return data["vectors"].astype(np.float32)


def write_seed_vectors(path: str | None = None, *, embedder: Any = None, taxonomy: Taxonomy | None = None) -> str:
    """Embed the taxonomy's English seeds and save them for ``_seed_matrix`` (run after editing seeds)."""
    import numpy as np

    from .embed import get_embedder

    tax = taxonomy or load_taxonomy()
    emb = embedder or get_embedder()
    texts, _ = _seed_texts(tax)
    out = path or str(model_path(SEED_VECTORS))
    np.savez_compressed(out, vectors=emb.encode(texts).astype(np.float32), digest=np.array(seeds_digest(texts)),
                        backend=np.array(getattr(emb, "backend", "unknown")))
    return out


def _seed_matrix(embedder: Any, taxonomy: Taxonomy) -> tuple["np.ndarray", list[int]]:
    """All English seeds embedded once per (embedder, taxonomy); row -> label index.

    Uses the vectors shipped in models/topic_seed_vectors.npz when they were made from the same
    seeds with the same backend (saves ~0.9 s per process); otherwise embeds them here.
    """
    key = (id(embedder), id(taxonomy))
    if key not in _SEED_CACHE:
        texts, owner = _seed_texts(taxonomy)
        vecs = _shipped_seed_vectors(texts, getattr(embedder, "backend", None))
        _SEED_CACHE[key] = (vecs if vecs is not None else embedder.encode(texts), owner)
    return _SEED_CACHE[key]


@dataclass(frozen=True, slots=True)
class TopicHead:
    """One-vs-rest logistic regression over question vectors: p(label) = sigmoid(W @ v + b).

    Trained by ``benchmarks/train_topic_head.py`` on ``models/topic_training_turns.jsonl``
    plus the taxonomy's English seeds; see ``models/topic_head.md``.
    """

    labels: tuple[str, ...]
    weights: Any  # (n_labels, dim) float32
    bias: Any  # (n_labels,) float32
    digest: str = ""  # sha256 of the training questions and seeds it was trained on

    def probabilities(self, vectors: "np.ndarray") -> "np.ndarray":
        """(n, n_labels) probabilities for (n, dim) unit vectors."""
        import numpy as np

        logits = np.einsum("ij,kj->ik", np.asarray(vectors, dtype=np.float32), self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-logits))


_HEAD_CACHE: dict[str, "TopicHead | None"] = {}
TRAINING_FILE = "topic_training_turns.jsonl"


def head_training_digest(taxonomy: Taxonomy | None = None, path: str | None = None) -> str:
    """sha256 over the training questions file, the taxonomy's English seeds and the sentence
    filter (``_THANKS``, ``_NO_TOPIC``) that shapes the question vectors: what a head trained on
    them records (a test compares it with the shipped head's)."""
    import hashlib

    seeds, _ = _seed_texts(taxonomy or load_taxonomy())
    data = Path(path or model_path(TRAINING_FILE)).read_bytes()
    flt = f"{_THANKS.pattern}\n{_NO_TOPIC.pattern}".encode("utf-8")
    return hashlib.sha256(data + b"\n--seeds--\n" + "\n".join(seeds).encode("utf-8") + b"\n--filter--\n" + flt).hexdigest()


def load_head(path: str | None = None) -> TopicHead | None:
    """The trained head (default the shipped ``models/topic_head.npz``), or None when absent.

    Loaded once per process and path (a few KB of numpy arrays)."""
    import numpy as np

    key = str(path or model_path(HEAD_FILE))
    if key not in _HEAD_CACHE:
        head = None
        if Path(key).is_file():
            with np.load(key) as data:
                head = TopicHead(
                    labels=tuple(str(x) for x in data["labels"]),
                    weights=data["W"].astype(np.float32),
                    bias=data["b"].astype(np.float32),
                    digest=str(data["digest"]) if "digest" in data.files else "",
                )
        _HEAD_CACHE[key] = head
    return _HEAD_CACHE[key]


def question_features(
    questions: Sequence[str],
    embedder: Any,
    *,
    taxonomy: Taxonomy | None = None,
    top_seeds: int = 1,
) -> tuple["np.ndarray", "np.ndarray"]:
    """Seed similarities and question vectors, from one encoder call over all questions.

    Every content sentence of every question (greetings and thanks left out) is encoded once, in
    a single ``embedder.encode`` call. Returns ``(sims, vectors)``: sims (n_questions, n_labels),
    for each label the best over the question's sentences of the mean of its top ``top_seeds``
    seed cosines; vectors (n_questions, dim), the unit mean of the question's sentence vectors
    (the input of the trained head).
    """
    import numpy as np

    tax = taxonomy or load_taxonomy()
    seeds, owner = _seed_matrix(embedder, tax)
    units: list[str] = []
    starts: list[int] = []
    for q in questions:
        starts.append(len(units))
        units += _content_sentences(q, tax)
    n_lab = len(tax.labels)
    if not units:
        return np.zeros((0, n_lab), dtype=np.float32), np.zeros((0, int(seeds.shape[1])), dtype=np.float32)
    vecs = embedder.encode(units)
    # einsum, not BLAS: this product is small, and a multi-threaded BLAS call waits for a second
    # core (measured 3-20 ms instead of 0.1-0.5 ms when another process holds it).
    sims = np.einsum("ij,kj->ik", vecs, seeds)  # (units, seeds)
    owner_arr = np.asarray(owner)
    if top_seeds == 1 and np.all(np.diff(owner_arr) >= 0) and len(set(owner)) == n_lab:
        per_label = np.maximum.reduceat(sims, np.searchsorted(owner_arr, np.arange(n_lab)), axis=1)
    else:
        per_label = np.empty((len(units), n_lab), dtype=np.float32)
        for li in range(n_lab):
            cols = sims[:, owner_arr == li]
            per_label[:, li] = np.sort(cols, axis=1)[:, ::-1][:, :top_seeds].mean(axis=1) if cols.shape[1] else -1.0
    out = np.maximum.reduceat(per_label, starts, axis=0).astype(np.float32)
    mean = np.add.reduceat(vecs, starts, axis=0)
    mean /= np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)
    return out, mean.astype(np.float32)


def embedding_scores(questions: Sequence[str], embedder: Any, *, taxonomy: Taxonomy | None = None,
                     top_seeds: int = 1) -> "np.ndarray":
    """(n_questions, n_labels) seed similarity (see ``question_features``)."""
    return question_features(questions, embedder, taxonomy=taxonomy, top_seeds=top_seeds)[0]


def combined_scores(
    sims: "np.ndarray",
    head_probs: "np.ndarray | None",
    keyword_hits: Sequence[dict[str, int]],
    taxonomy: Taxonomy,
    params: EmbeddingParams,
) -> list[dict[str, float]]:
    """Per question {label: sim + head_weight * head + keyword_weight * min(hits, 2)}."""
    out = []
    for qi, kw in enumerate(keyword_hits):
        row = {}
        for li, lab in enumerate(taxonomy.labels):
            s = float(sims[qi, li]) + params.keyword_weight * min(kw.get(lab.id, 0), 2)
            if head_probs is not None:
                s += params.head_weight * float(head_probs[qi, li])
            row[lab.id] = s
        out.append(row)
    return out


def _head_for(taxonomy: Taxonomy) -> TopicHead | None:
    head = load_head()
    return head if head is not None and head.labels == taxonomy.ids else None


def _pick(scores: dict[str, float], p: EmbeddingParams, kw: dict[str, int] | None = None) -> list[str]:
    if not scores:
        return []
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best = ranked[0][1]
    keep = [k for k, v in ranked if v >= p.threshold and v >= best - p.margin][: p.max_labels]
    if not keep and best >= p.floor:
        keep = [ranked[0][0]]
    for k, n in sorted((kw or {}).items(), key=lambda kv: -kv[1]):
        if n >= p.keyword_alone and k not in keep:
            keep.append(k)
    return keep


# --------------------------------------------------------------------------- keyword / Chinese methods


def _keyword_labels(text: str, lang: str, tax: Taxonomy, max_labels: int = 3) -> list[str]:
    """Labels with the most keyword hits (ties by taxonomy order), at most ``max_labels``."""
    scores = keyword_scores(text, lang=lang, taxonomy=tax)
    order = {k: i for i, k in enumerate(tax.ids)}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
    return [k for k, _ in ranked][:max_labels]


_ZH_STOP = set("的了吗呢吧啊是在和与及或也都就对于有我们你们他们公司请问一下一个这个那个怎么如何什么哪些多少是否能否会否可以")


def _zh_words(text: str) -> Counter[str]:
    jieba = import_optional("jieba")
    jieba.setLogLevel(30)  # its start-up banner goes to stderr otherwise
    words = [w for w in jieba.lcut(text) if w.strip() and not re.fullmatch(r"[\W_]+", w) and w not in _ZH_STOP]
    return Counter(words)


def _bow_cosine(a: Counter[str], b: Counter[str]) -> float:
    num = sum(a[w] * b[w] for w in a.keys() & b.keys())
    if not num:
        return 0.0
    den = sum(v * v for v in a.values()) ** 0.5 * sum(v * v for v in b.values()) ** 0.5
    return num / den


def _zh_labels(text: str, tax: Taxonomy, max_labels: int = 3) -> list[str]:
    """Chinese: keyword hits (0.5 each, at most 2) plus the best jieba-word overlap with a seed."""
    text = _to_simplified(text)
    words = _zh_words(text)
    kw = keyword_scores(text, lang="zh", taxonomy=tax)
    scores: dict[str, float] = {}
    for lab in tax.labels:
        overlap = max((_bow_cosine(words, _zh_seed_words(s)) for s in lab.seeds_zh), default=0.0)
        score = overlap + 0.5 * min(kw.get(lab.id, 0), 2)
        if score >= 0.45:
            scores[lab.id] = score
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked:
        return []
    best = ranked[0][1]
    return [k for k, v in ranked if v >= best - 0.5][:max_labels]


@lru_cache(maxsize=512)
def _zh_seed_words(seed: str) -> Counter[str]:
    return _zh_words(seed)


# --------------------------------------------------------------------------- public API


def assign_topics(
    questions: Sequence[str],
    *,
    lang: str = "en",
    subjects_for: Callable[[str], list[str]] | None = None,
    embedder: Any = None,
    method: str = "auto",
    label_form: str = "id",
    taxonomy: Taxonomy | None = None,
    params: EmbeddingParams = DEFAULT_PARAMS,
    segments: Sequence[str] = (),
) -> list[tuple[str, ...]]:
    """Topics of each question: taxonomy labels first, then the subjects it names.

    questions: one string per question (split an analyst turn into its questions first).
    lang: "en" or a Chinese code ("zh-Hans", "zh-Hant"); Chinese uses the Chinese seeds and
        jieba keywords. For a bilingual call pass the English side.
    subjects_for: text -> subjects (the entity layer); default ``default_subjects`` for English,
        none for Chinese.
    embedder: an object with ``encode(list[str]) -> unit vectors``; default the process-wide
        MiniLM (``embed.get_embedder()``).
    method: "auto" (embedding when the [hf] extra is installed, else keyword with a warning),
        "embedding" (raise MissingDependencyError if unavailable) or "keyword".
    label_form: "id" (snake_case, e.g. "m_and_a_partnerships"), "display" ("M&A and
        partnerships") or "display_zh".
    params: the embedding method's decision rule. The default uses the shipped head; when no
        head fits ``taxonomy`` (another label set, or the file is missing) the default becomes
        ``SEED_ONLY_PARAMS`` (seeds and keywords only).
    segments: the call's own business segments (the segment layer); a question naming one is
        also about segment performance (any method, any language).
    """
    if method not in ("auto", "embedding", "keyword"):
        raise ValueError(f"method must be 'auto', 'embedding' or 'keyword', not {method!r}")
    tax = taxonomy or load_taxonomy()
    questions = list(questions)
    zh = _is_zh(lang)
    if subjects_for is None:
        subjects_for = (lambda _t: []) if zh else (lambda t: default_subjects(t, taxonomy=tax))

    if zh:
        labels = [_zh_labels(q, tax) for q in questions]
    elif method == "keyword" or not questions:
        labels = [_keyword_labels(q, lang, tax) for q in questions]
    else:
        try:
            if embedder is None:
                from .embed import get_embedder

                embedder = get_embedder()
            sims, vectors = question_features(questions, embedder, taxonomy=tax, top_seeds=params.top_seeds)
        except MissingDependencyError:
            if method == "embedding":
                raise
            warnings.warn(
                "MiniLM is not available (install callnlp[hf]); question topics use keywords only",
                RuntimeWarning,
                stacklevel=2,
            )
            labels = [_keyword_labels(q, lang, tax) for q in questions]
        else:
            head = _head_for(tax) if params.head_weight else None
            if head is None and params is DEFAULT_PARAMS:
                params = SEED_ONLY_PARAMS  # thresholds of the default rule assume the head's share
            kws = [keyword_scores(q, lang=lang, taxonomy=tax) for q in questions]
            probs = head.probabilities(vectors) if head is not None else None
            scores = combined_scores(sims, probs, kws, tax, params)
            labels = [_pick(s, params, kw) for s, kw in zip(scores, kws)]

    seg_rx = _segment_rx(tuple(segments))
    if seg_rx is not None and SEGMENT_LABEL in tax.ids:
        labels = [list(labs) + [SEGMENT_LABEL] if SEGMENT_LABEL not in labs and seg_rx.search(q) else labs
                  for q, labs in zip(questions, labels)]
    out: list[tuple[str, ...]] = []
    for q, labs in zip(questions, labels):
        names = [tax.name(l, label_form) for l in labs]
        seen = {_norm(n) for n in names}
        for s in subjects_for(q):
            if s and _norm(s) not in seen:
                seen.add(_norm(s))
                names.append(s)
        out.append(tuple(names))
    return out


SEGMENT_LABEL = "segment_performance"


@lru_cache(maxsize=64)
def _segment_rx(names: tuple[str, ...]) -> "re.Pattern | None":
    from ..extract.segments import segment_pattern  # the one way segment names are matched

    return segment_pattern(tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True)))


_WEIGHT_Q = Decimal("0.001")


def call_topics(
    exchanges: Sequence[tuple[int, Sequence[Sequence[str]]]],
    prepared: Sequence[tuple[int, str]] = (),
    *,
    lang: str = "en",
    embedder: Any = None,
    method: str = "auto",
    label_form: str = "display",
    taxonomy: Taxonomy | None = None,
) -> list[dict[str, Any]]:
    """Call-level topics, separately for the Q&A and the prepared remarks.

    exchanges: ``(turn_index, topics_of_each_question)`` per analyst question turn, where the
        topics are what ``assign_topics`` returned for that turn's questions (ids or display
        names; subjects are ignored here).
    prepared: ``(turn_index, text)`` per prepared-remarks turn; these are topic-tagged here,
        paragraph by paragraph (paragraphs of a few sentences), without subjects.
    Returns ``[{"label", "weight", "turns", "section"}]``: section "qa" then
    "prepared_remarks", each by weight (desc). In "qa" a question spreads weight 1 over its
    labels and weight = share of the questions; in "prepared_remarks" a paragraph spreads its
    character length, weight = share of the characters. Weights are ``Decimal`` (3 places) and
    sum to about 1 per section; ``turns`` lists the turns that carry the label, ascending.
    """
    tax = taxonomy or load_taxonomy()
    out: list[dict[str, Any]] = []

    weight: dict[str, float] = defaultdict(float)
    turns: dict[str, set[int]] = defaultdict(set)
    n_q = 0
    for turn, per_question in exchanges:
        for topics in per_question:
            n_q += 1
            ids = list(dict.fromkeys(i for i in (tax.lookup(t) for t in topics) if i))
            for i in ids:
                weight[i] += 1.0 / len(ids)
                turns[i].add(turn)
    out += _section_rows(weight, turns, n_q, "qa", tax, label_form)

    chunks: list[tuple[int, str]] = []
    for turn, text in prepared:
        chunks += [(turn, c) for c in _chunks(text)]
    weight, turns = defaultdict(float), defaultdict(set)
    total = 0
    if chunks:
        labels = assign_topics(
            [c for _, c in chunks],
            lang=lang,
            subjects_for=lambda _t: [],
            embedder=embedder,
            method=method,
            taxonomy=tax,
        )
        for (turn, chunk), labs in zip(chunks, labels):
            total += len(chunk)
            for i in labs:
                weight[i] += len(chunk) / len(labs)
                turns[i].add(turn)
    out += _section_rows(weight, turns, total, "prepared_remarks", tax, label_form)
    return out


def _chunks(text: str, size: int = 3) -> list[str]:
    """Paragraphs of ``text`` cut into pieces of at most ``size`` sentences."""
    out = []
    for para in re.split(r"\n\s*\n|\n", text):
        sents = split_sentences(para)
        out += [" ".join(sents[i : i + size]) for i in range(0, len(sents), size)]
    return [c for c in out if len(c) >= 40]


def _section_rows(weight, turns, total, section, tax, label_form) -> list[dict[str, Any]]:
    if not total:
        return []
    rows = [
        {
            "label": tax.name(i, label_form),
            "weight": (Decimal(str(w)) / Decimal(total)).quantize(_WEIGHT_Q, rounding=ROUND_HALF_UP),
            "turns": sorted(turns[i]),
            "section": section,
        }
        for i, w in weight.items()
    ]
    rows.sort(key=lambda r: (-r["weight"], r["label"]))
    return rows
