"""Typed records shared by every stage. Frozen, slotted; evidence fields do not take part in equality.

Offsets (``span``/``char_span``) are [start, end) character offsets into ``Transcript.text``, the
decoded and normalised source (CRLF -> LF, control characters removed, BOM dropped).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

Span = tuple[int, int]


class Lang(str, Enum):
    EN = "en"
    ZH_HANS = "zh-Hans"
    ZH_HANT = "zh-Hant"
    OTHER = "other"

    @property
    def is_zh(self) -> bool:
        return self in (Lang.ZH_HANS, Lang.ZH_HANT)


class ParticipantKind(str, Enum):
    OPERATOR = "operator"
    EXECUTIVE = "executive"
    INVESTOR_RELATIONS = "investor_relations"
    ANALYST = "analyst"
    INTERPRETER = "interpreter"
    OTHER = "other"


class SectionKind(str, Enum):
    OPENING = "opening"
    SAFE_HARBOR = "safe_harbor"
    PREPARED_REMARKS = "prepared_remarks"
    QA = "qa"
    CLOSING = "closing"


@dataclass(frozen=True, slots=True)
class Transcript:
    """A decoded transcript. ``text`` is what every span points into."""

    text: str
    path: str | None = None
    sha256: str = ""
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of speech. ``translation`` is the paragraph that translates it, if any."""

    text: str
    span: Span
    language: Lang
    translation: "Paragraph | None" = None


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn. ``speaker`` is the resolved participant name, ``label`` the printed one."""

    index: int
    speaker: str
    label: str
    paragraphs: tuple[Paragraph, ...]
    span: Span = field(default=(0, 0), compare=False)
    interpreted: bool = False
    section: SectionKind | None = None
    language: Lang = Lang.EN

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def translation_text(self) -> str:
        return "\n".join(p.translation.text for p in self.paragraphs if p.translation)


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    kind: ParticipantKind
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    first_turn: int
    last_turn: int


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    span: Span = field(default=(0, 0), compare=False)
    turn: int = 0
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QAExchange:
    index: int
    analyst: str
    firm: str | None
    question_turns: tuple[int, ...]
    answer_turns: tuple[int, ...]
    answered_by: tuple[str, ...]
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount, percentage, count or range found in text. ``low == high`` for a point value.

    unit: ISO 4217 code ("CNY", "USD", ...), "%", "pp", "bp", "count" or None (a bare number).
    Money is in base units (RMB 276.1 million -> 276100000). ``qualitative`` holds a verbal
    range kept as such ("mid-single digits"), with low/high its conventional bounds.
    ``period`` is set when the text ties this value to a period (the 分别 lists).
    """

    low: Decimal
    high: Decimal
    unit: str | None = None
    per_share: bool = False
    approx: str | None = None
    char_span: Span = field(default=(0, 0), compare=False)
    text: str = field(default="", compare=False)
    qualitative: str | None = None
    period: str | None = None

    @property
    def is_range(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True, slots=True)
class CallInfo:
    company: str | None = None
    ticker: str | None = None
    fiscal_period: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Structure:
    """What the segmentation stages produce: the call read into turns, people, sections and Q&A."""

    transcript: Transcript
    format: str
    languages: tuple[str, ...]
    call: CallInfo
    participants: tuple[Participant, ...]
    turns: tuple[Turn, ...]
    sections: tuple[Section, ...]
    qa: tuple[QAExchange, ...]
    warnings: tuple[str, ...] = ()
