"""Sentences of a call, turn by turn, with who said them and where they sit in the source.

Reads: ``Structure`` (turns, paragraphs and their translations, participants).
Adds: ``Sentence`` views: the verbatim sentence, its [start, end) span into the transcript text,
its turn, speaker, speaker kind, section, language ("en"/"zh") and whether it belongs to a
translation of an English paragraph (``translated``), with the paragraph it belongs to (``para``).
Uses the rule splitter in callnlp.tokenize.sentences (fast, no model).

Refuses to guess: a speaker not among the participants has kind None (treated as company-side
only by callers that allow it); "(foreign language)" placeholders give no sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Lang, ParticipantKind, Structure
from ..tokenize.sentences import split_sentences

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_PLACEHOLDER = re.compile(r"^\s*[(（\[]?(?:foreign\s+language|外語|外语|inaudible)[)）\]]?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    turn: int
    speaker: str
    kind: str | None  # participant kind value, None when unknown
    section: str | None
    lang: str  # "en" | "zh"
    para: int  # running paragraph number in the call
    translated: bool = False
    index: int = 0  # position among the sentences of the same paragraph


_WRAP = re.compile(r"(?<![.!?。！？；;:：\n])\n(?!\n|\s*(?:[-*•]|\d+[.)]))")


def _unwrap(text: str) -> str:
    """Hard-wrapped lines joined (same length, so spans stay valid): a newline not after a sentence end."""
    return _WRAP.sub(" ", text) if "\n" in text else text


def sentence_lang(text: str) -> str:
    cjk = len(_CJK.findall(text))
    return "zh" if cjk and cjk * 3 >= len(_LATIN.findall(text)) else "en"


def speaker_kinds(structure: Structure) -> dict[str, str]:
    """Participant name (and alias) -> kind value; an executive wins over an analyst namesake."""
    out: dict[str, str] = {}
    rank = {ParticipantKind.EXECUTIVE: 3, ParticipantKind.INVESTOR_RELATIONS: 2}
    for p in sorted(structure.participants, key=lambda p: rank.get(p.kind, 0)):
        for n in (p.name, *p.aliases):
            out[n] = p.kind.value
    return out


def call_sentences(structure: Structure) -> list[Sentence]:
    """Every sentence of every turn, original paragraphs first then their translations."""
    kinds = speaker_kinds(structure)
    out: list[Sentence] = []
    para = 0
    for turn in structure.turns:
        kind = kinds.get(turn.speaker)
        section = turn.section.value if turn.section else None
        for p in turn.paragraphs:
            para += 1
            for unit, translated in ((p, False), (p.translation, True)):
                if unit is None or _PLACEHOLDER.match(unit.text):
                    continue
                for i, (a, b) in enumerate(split_sentences(_unwrap(unit.text), lang=unit.language)):
                    text = unit.text[a:b]
                    if _PLACEHOLDER.match(text):
                        continue
                    lang = "zh" if unit.language in (Lang.ZH_HANS, Lang.ZH_HANT) else sentence_lang(text)
                    if lang == "zh" and not _CJK.search(text):
                        lang = "en"  # an untranslated English sentence inside a Chinese paragraph
                    out.append(Sentence(text, unit.span[0] + a, unit.span[0] + b, turn.index, turn.speaker,
                                        kind, section, lang, para, translated, i))
    return out
