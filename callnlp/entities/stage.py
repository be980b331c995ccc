"""Pipeline stage: learn the call's own gazetteer (company, people, firms, segments) and count entities.

Reads turns (paragraphs and their translations), participants and the segment names the extract
stage learned (``fields["_segments"]``); adds ``entities``:
[{"text", "label", "count"}] with English and Chinese forms of one thing merged.
Speaker lines never reach the tagger: only paragraph text is passed.
"""
from __future__ import annotations

from ..records import ParticipantKind, Structure


_LAST: list = []  # one entry: (key, gazetteer); stages of one summary share it


def named_segments(fields: dict) -> tuple[str, ...]:
    """The extract stage's learned segments that are names: English, not all lower case ("towable"
    is matched only before "segment" there; as an entity it would tag every use of the word)."""
    return tuple(n for n in fields.get("_segments", ()) if n.isascii() and not n.islower())


def call_gazetteer(structure: Structure, segments: tuple[str, ...] = ()):
    """The gazetteer learned from this call, plus ``segments`` (the names the extract stage learned);
    the last one is kept, as the topics and entities stages both ask."""
    key = (structure.transcript.sha256, structure.transcript.text[:200], len(structure.turns), structure.participants,
           tuple(segments))
    if _LAST and _LAST[0][0] == key:
        return _LAST[0][1]
    gaz = _learn(structure, segments)
    _LAST[:] = [(key, gaz)]
    return gaz


def _learn(structure: Structure, segments: tuple[str, ...] = ()):
    from . import learn_gazetteer

    people = [(p.name, p.affiliation) for p in structure.participants if p.kind is not ParticipantKind.OPERATOR]
    texts = [p.text for t in structure.turns for p in t.paragraphs]
    texts += [p.translation.text for t in structure.turns for p in t.paragraphs if p.translation]
    return learn_gazetteer(company=structure.call.company, participants=people, texts=texts, segments=segments)


def entities_stage(structure: Structure, analyzer, fields: dict):
    from ..analyzer import get_analyzer
    from . import count_entities, tag_entities

    analyzer = analyzer or get_analyzer()
    segments = []
    for t in structure.turns:
        for p in t.paragraphs:
            segments.append((p.text, p.span[0], p.language))
            if p.translation:
                segments.append((p.translation.text, p.translation.span[0], p.translation.language))
    opts = fields.get("_options")
    ents = tag_entities(segments, analyzer=analyzer, gazetteer=call_gazetteer(structure, named_segments(fields)),
                        ner=bool(opts and opts.ner))
    return structure, {"entities": tuple(count_entities(ents))}
