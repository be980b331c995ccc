"""``CallSummary``: the contract in shared/CONTRACT.md as a typed record, with ``to_dict``/``to_json``.

Values: Decimal -> int when integral else float; enums -> their string value; spans -> [start, end].
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from ..records import Structure

SCHEMA_VERSION = 1


def jsonable(value: Any) -> Any:
    """Turn records, Decimals, enums and tuples into JSON primitives."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class CallSummary:
    """Everything callnlp extracts from one call. ``to_dict()`` gives the JSON contract."""

    structure: Structure
    metrics: tuple = ()
    segment_claims: tuple = ()
    guidance: tuple = ()
    topics: tuple = ()
    entities: tuple = ()
    checks: tuple = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    schema_version: int = SCHEMA_VERSION

    @property
    def participants(self):
        return self.structure.participants

    @property
    def turns(self):
        return self.structure.turns

    @property
    def qa(self):
        return self.structure.qa

    def to_dict(self) -> dict[str, Any]:
        s = self.structure
        tr = s.transcript
        turns = []
        for t in s.turns:
            d = {
                "index": t.index, "speaker": t.speaker, "label": t.label, "interpreted": t.interpreted,
                "section": t.section.value if t.section else None, "language": t.language.value,
                "text": t.text, "char_span": list(t.span),
            }
            tr_text = t.translation_text
            if tr_text:
                lang = next(p.translation.language.value for p in t.paragraphs if p.translation)
                d["translation"] = {"language": lang, "text": tr_text}
            else:
                d["translation"] = None
            turns.append(d)
        qa = []
        for x in s.qa:
            qa.append({
                "index": x.index, "analyst": x.analyst, "firm": x.firm,
                "question_turns": list(x.question_turns), "answer_turns": list(x.answer_turns),
                "answered_by": list(x.answered_by),
                "questions": [{"text": q.text, "turn": q.turn, "char_span": list(q.span), "topics": list(q.topics)}
                              for q in x.questions],
            })
        return {
            "schema_version": self.schema_version,
            "source": {"path": tr.path, "sha256": tr.sha256, "format": s.format, "languages": list(s.languages),
                       "encoding": tr.encoding},
            "call": jsonable(s.call),
            "participants": [
                {"name": p.name, "kind": p.kind.value, "role": p.role, "affiliation": p.affiliation,
                 "aliases": list(p.aliases)} for p in s.participants],
            "sections": [{"kind": x.kind.value, "first_turn": x.first_turn, "last_turn": x.last_turn} for x in s.sections],
            "turns": turns,
            "metrics": jsonable(self.metrics),
            "segment_claims": jsonable(self.segment_claims),
            "guidance": jsonable(self.guidance),
            "qa": qa,
            "topics": jsonable(self.topics),
            "entities": jsonable(self.entities),
            "checks": jsonable(self.checks),
            "warnings": list(self.warnings) + list(s.warnings),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def _repr_html_(self) -> str:
        from .render import to_html

        return to_html(self.to_dict())

    def __repr__(self) -> str:
        c = self.structure.call
        return (f"CallSummary(company={c.company!r}, period={c.fiscal_period!r}, turns={len(self.structure.turns)}, "
                f"qa={len(self.structure.qa)}, guidance={len(self.guidance)}, metrics={len(self.metrics)})")
