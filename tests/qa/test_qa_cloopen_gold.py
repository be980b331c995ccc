"""Question topics on the Cloopen Q3 2021 call against the hand-annotated gold (reads ../shared)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

SHARED = Path(os.environ.get("CALLNLP_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
CALL = SHARED / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"
GOLD = SHARED / "gold" / "cloopen_2021q3.json"
ANALYST_LINES = {"Tina Hou - Equity Analyst", "Unidentified Analyst"}
ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|last)\s+(?:question|one|is)\b", re.I)


def _analyst_paragraphs(text: str) -> list[str]:
    """The English paragraph after each (doubled) analyst speaker line."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip() in ANALYST_LINES:
            j = i + 1
            while j < len(lines) and lines[j].strip() in ANALYST_LINES:
                j += 1
            out.append(lines[j].strip())
            i = j
        i += 1
    return out


def _split_questions(turn: str) -> list[str]:
    """Cut a turn at "first/second/third question|one|is"; a repeated ordinal continues the question."""
    cuts, prev = [], None
    for m in ORDINAL.finditer(turn):
        if m.group(1).lower() != prev:
            cuts.append(m.start())
            prev = m.group(1).lower()
    return [turn[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(turn)])]


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


@pytest.fixture(scope="module")
def questions_and_gold():
    if not CALL.is_file() or not GOLD.is_file():
        pytest.skip("../shared not present")
    text = CALL.read_text(encoding="utf-8")
    questions = [q for turn in _analyst_paragraphs(text) for q in _split_questions(turn)]
    gold = [t for ex in json.loads(GOLD.read_text(encoding="utf-8"))["qa"] for t in ex["question_topics"]]
    return questions, gold


def test_eight_questions_found(questions_and_gold):
    questions, gold = questions_and_gold
    assert len(questions) == len(gold) == 8


def test_half_of_gold_subjects_per_question(questions_and_gold):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from callnlp.qa import assign_topics

    questions, gold = questions_and_gold
    topics = assign_topics(questions, label_form="display", method="embedding")
    misses = []
    for q, got, want in zip(questions, topics, gold):
        joined = _norm(" ".join(got))
        hit = [g for g in want if _norm(g) in joined]
        if 2 * len(hit) < len(want):
            misses.append((q[:60], got, want))
    assert not misses, misses
