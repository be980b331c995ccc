"""Pipeline stage: topics per question and per call.

Reads the Q&A exchanges (questions already split) and prepared-remarks turns; adds
``questions[].topics`` (taxonomy labels, display form, then the subjects named: segments, products,
partners, markets, metrics, periods) and the call-level ``topics``. A question naming one of the
segments the extract stage learned (``fields["_segments"]``) is also about segment performance. Questions use MiniLM embeddings
(seed similarity, the trained topic head and keywords) when the [hf] extra is installed (keywords
otherwise); prepared remarks are tagged with keywords,
which keeps a call's cost to its questions.
"""
from __future__ import annotations

import dataclasses
import re

from ..records import SectionKind, Structure


def _subjects_fn(structure: Structure, segments: tuple[str, ...] = ()):
    from ..entities.stage import call_gazetteer
    from .topics import default_subjects

    gaz = call_gazetteer(structure, segments)
    names = sorted({*gaz.segments, *gaz.orgs} - {structure.call.company or ""}, key=len, reverse=True)
    names = [n for n in names if len(n) >= 2 and not re.search(r"[\u4e00-\u9fff]", n)]
    pattern = re.compile(r"(?<![A-Za-z0-9&])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9&])") if names else None

    def subjects(text: str) -> list[str]:
        found = list(default_subjects(text))
        seen = {s.lower() for s in found}
        if pattern:
            for m in pattern.finditer(text):
                if m.group(1).lower() not in seen and not any(m.group(1).lower() in s for s in seen):
                    seen.add(m.group(1).lower())
                    found.append(m.group(1))
        return found

    return subjects


def topics_stage(structure: Structure, analyzer, fields: dict):
    from ..entities.stage import named_segments
    from .topics import assign_topics, call_topics

    if not structure.qa and not structure.turns:
        return structure, {"topics": ()}
    lang = structure.turns[0].language.value if structure.turns else "en"
    main_lang = "en" if "en" in structure.languages else lang
    subjects = _subjects_fn(structure, named_segments(fields)) if main_lang == "en" else None
    questions = [(x, q) for x in structure.qa for q in x.questions]
    opts = fields.get("_options")
    method = "auto" if opts is None or opts.embeddings else "keyword"
    labelled = assign_topics([q.text for _, q in questions], lang=main_lang, subjects_for=subjects,
                             label_form="display", method=method,
                             segments=fields.get("_segments", ())) if questions else []
    by_exchange: dict[int, list] = {}
    for (x, q), topics in zip(questions, labelled):
        by_exchange.setdefault(x.index, []).append(dataclasses.replace(q, topics=tuple(topics)))
    qa = tuple(dataclasses.replace(x, questions=tuple(by_exchange.get(x.index, x.questions))) for x in structure.qa)
    per_turn: dict[int, list] = {}
    for x in qa:
        for q in x.questions:
            per_turn.setdefault(q.turn, []).append(q.topics)
    prepared = [(t.index, t.text) for t in structure.turns if t.section is SectionKind.PREPARED_REMARKS]
    rows = call_topics(sorted(per_turn.items()), prepared, lang=main_lang, method="keyword", label_form="display")
    return dataclasses.replace(structure, qa=qa), {"topics": tuple(rows)}
