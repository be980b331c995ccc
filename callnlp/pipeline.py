"""The one place where stages are composed: read -> structure -> language layers -> extractors -> summary.

Each stage is a pure function over records; models come in through an ``Analyzer`` built once.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .io.reader import read_transcript
from .records import CallInfo, Lang, Structure, Transcript
from .segment.layouts import parse_layout
from .segment.sections import find_exchanges, label_sections
from .segment.turns import build_turns
from .summary.schema import CallSummary

if TYPE_CHECKING:
    from .analyzer import Analyzer


def read_structure(transcript: Transcript) -> Structure:
    """Speakers, sections and Q&A exchanges of a transcript (no models needed)."""
    text = transcript.text
    doc = parse_layout(text)
    turns, participants, company = build_turns(doc, text)
    qa_header_turn = _qa_header_turn(doc, turns)
    turns, sections = label_sections(turns, participants, qa_header_turn=qa_header_turn)
    qa = find_exchanges(turns, participants)
    languages = _languages(turns)
    fmt = doc.format
    if fmt in ("inline", "plain", "markdown") and sum(1 for t in turns for p in t.paragraphs if p.translation) >= 3:
        fmt = f"bilingual-{fmt}"
    call = _call_info(text, company, doc)
    return Structure(transcript, fmt, languages, call, participants, turns, sections, qa, tuple(doc.warnings))


def _qa_header_turn(doc, turns) -> int | None:
    starts = {t.span[0]: t.index for t in turns}
    for rt in doc.turns:
        if rt.qa_header_before and rt.label_span[0] in starts:
            return starts[rt.label_span[0]]
    return None


def _languages(turns) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for t in turns:
        for p in t.paragraphs:
            if p.language is not Lang.OTHER:
                seen[p.language.value] = None
            if p.translation and p.translation.language is not Lang.OTHER:
                seen[p.translation.language.value] = None
    return tuple(seen)


def _call_info(text: str, company: str | None, doc) -> CallInfo:
    from .numbers.periods import detect_call_period, parse_period

    period, found_company = detect_call_period(text)
    if doc.period and not period:
        period = parse_period(doc.period)
    company = doc.company or found_company or company
    ticker = None
    m = re.search(r"\((?:NYSE|NASDAQ|Nasdaq|HKEX|SEHK|TWSE|NYSE American)\s*:\s*([A-Z0-9.]{1,8})\)", text[:5000])
    if m:
        ticker = m.group(1)
    return CallInfo(company=company, ticker=ticker, fiscal_period=period)


PROFILES = ("fast", "standard", "full")


@dataclass(frozen=True, slots=True)
class Options:
    """How much model work a summary does; only entities and topics depend on it.

    - ``fast``: question topics by keywords; entities from rules and the call's own gazetteer.
    - ``standard`` (default): question topics by MiniLM embeddings; entities as in fast.
    - ``full``: as standard, plus spaCy's statistical English NER for entities.
    Structure, guidance, metrics, segment claims and checks are the same in every profile.
    """

    profile: str = "standard"

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"profile must be one of {PROFILES}, not {self.profile!r}")

    @property
    def embeddings(self) -> bool:
        return self.profile != "fast"

    @property
    def ner(self) -> bool:
        return self.profile == "full"


def summarize(source: str | os.PathLike | bytes | Transcript, *, analyzer: "Analyzer | None" = None,
              max_bytes: int | None = None, encoding: str | None = None, profile: str = "standard") -> CallSummary:
    """Summarise one call.

    Args:
        source: transcript text, bytes, a path, or a ``Transcript``.
        analyzer: the model cache; a process-wide default is used when omitted.
        profile: "fast", "standard" (default) or "full" (see ``Options``).

    Returns:
        A ``CallSummary``; ``.to_dict()`` is the JSON contract.

    Example:
        >>> s = summarize("Operator: Welcome to Acme's call.\\nJane Roe -- CEO: Revenue grew 5%.")
        >>> s.to_dict()["schema_version"]
        1
    """
    options = Options(profile)
    transcript = source if isinstance(source, Transcript) else read_transcript(
        source, **({"max_bytes": max_bytes} if max_bytes else {}), encoding=encoding)
    structure = read_structure(transcript)
    return _enrich(structure, analyzer, options)


def summarize_file(path: str | os.PathLike, **kwargs) -> CallSummary:
    """Summarise the transcript at ``path`` (see ``summarize``)."""
    return summarize(os.fspath(path) if not isinstance(path, os.PathLike) else path, **kwargs)


def _enrich(structure: Structure, analyzer, options: Options) -> CallSummary:
    """Run the extraction stages that exist over the structure."""
    stages = _stages()
    fields: dict = {"_options": options}
    warnings: list[str] = []
    for name, fn in stages:
        try:
            structure, produced = fn(structure, analyzer, fields)
        except ImportError as exc:  # an optional extra is missing: keep going without that stage
            warnings.append(f"{name} skipped: {exc}")
            continue
        fields.update(produced)
    fields = {k: v for k, v in fields.items() if not k.startswith("_")}
    return CallSummary(structure=structure, warnings=tuple(warnings), **fields)


def _stages():
    """Extraction stages in order; each is (name, fn(structure, analyzer, so_far) -> (structure, fields))."""
    from . import stages

    return stages.STAGES
