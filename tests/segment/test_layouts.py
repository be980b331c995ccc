"""Structure on the project's own transcripts and fixtures, against the facts their authors wrote down.

Each sample has a sidecar <stem>.expected.json written by hand with the file (see tests/fixtures/README.md).
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callnlp
from callnlp.records import Lang

from ..conftest import expected_cases

CASES = expected_cases()
IDS = [str(p.relative_to(p.parents[1])) for p, _ in CASES]


def norm(s):
    return re.sub(r"[^a-z0-9\u4e00-\u9fff]+", "", (s or "").lower())


def structure(path):
    return callnlp.read_structure(callnlp.read_transcript(path))


def test_there_are_samples_for_every_layout():
    formats = {exp.get("format") for _, exp in CASES}
    assert {"bilingual-interleaved", "motley-fool", "refinitiv", "chinese-record", "tagged-bilingual", "markdown",
            "inline", "plain"} <= formats


@pytest.mark.parametrize(("path", "exp"), CASES, ids=IDS)
def test_layout_format_detected(path, exp):
    got = structure(path).format
    if exp["format"] == "plain":
        assert got in ("plain", "bilingual-plain")
    else:
        assert got == exp["format"]


@pytest.mark.parametrize(("path", "exp"), CASES, ids=IDS)
def test_layout_participants_and_firms(path, exp):
    s = structure(path)
    for want in exp.get("participants", []):
        if want["kind"] == "operator":
            continue
        got = [p for p in s.participants if norm(p.name) == norm(want["name"])]
        assert any(p.kind.value == want["kind"] for p in got), (want, got)
        if want["kind"] == "analyst" and want.get("affiliation"):
            assert any(norm(want["affiliation"]) in norm(p.affiliation) for p in got), (want, got)


@pytest.mark.parametrize(("path", "exp"), CASES, ids=IDS)
def test_layout_turn_count(path, exp):
    s = structure(path)
    if exp["format"] == "plain":
        assert len(s.turns) == 1 and s.warnings  # no speakers: one turn and a warning, not an error
    else:
        assert len(s.turns) == exp["n_turns"]


@pytest.mark.parametrize(("path", "exp"), CASES, ids=IDS)
def test_layout_qa_exchanges(path, exp):
    s = structure(path)
    want = exp.get("qa", [])
    assert [norm(x.analyst) for x in s.qa] == [norm(w["analyst"]) for w in want]
    for w, x in zip(want, s.qa):
        if w.get("firm"):
            assert norm(w["firm"]) in norm(x.firm)
        assert set(w.get("answered_by", [])) <= set(x.answered_by)


def test_layout_question_counts_mostly_agree():
    """Question splitting is a judgement call; the authors' counts must agree on most exchanges."""
    pairs = [(len(x.questions), w["n_questions"]) for path, exp in CASES
             for w, x in zip(exp.get("qa", []), structure(path).qa) if w.get("n_questions")]
    agree = sum(a == b for a, b in pairs)
    assert len(pairs) >= 20
    assert agree / len(pairs) >= 0.8, pairs


@pytest.mark.parametrize(("path", "exp"), CASES, ids=IDS)
def test_paragraph_spans_point_into_the_source(path, exp):
    s = structure(path)
    text = s.transcript.text
    for t in s.turns:
        for p in t.paragraphs:
            assert text[p.span[0]:p.span[1]] == p.text
            if p.translation:
                assert text[p.translation.span[0]:p.translation.span[1]] == p.translation.text
                assert p.translation.language in (Lang.ZH_HANS, Lang.ZH_HANT)


def test_bilingual_samples_pair_every_chinese_paragraph():
    for path, exp in CASES:
        if exp["format"] not in ("bilingual-interleaved", "tagged-bilingual"):
            continue
        s = structure(path)
        paras = [p for t in s.turns for p in t.paragraphs]
        assert sum(p.translation is not None for p in paras) >= 5, path
        assert not [p.text for p in paras if p.language.is_zh], path  # Chinese only as translations


def test_interpreted_turns_are_credited_to_the_executive():
    path = next(p for p, e in CASES if e["format"] == "bilingual-interleaved" and "transcripts" in str(p))
    s = structure(path)
    interpreted = [t for t in s.turns if t.interpreted]
    assert interpreted
    kinds = {p.name: p.kind.value for p in s.participants}
    for t in interpreted:
        assert t.label != t.speaker and kinds[t.speaker] == "executive"


@pytest.mark.parametrize(("path", "exp"), CASES, ids=IDS)
def test_sections_follow_the_call(path, exp):
    s = structure(path)
    kinds = [sec.kind.value for sec in s.sections]
    if exp.get("qa"):
        assert "qa" in kinds and "prepared_remarks" in kinds
        assert kinds.index("prepared_remarks") < kinds.index("qa")
        for x in s.qa:
            assert all(s.turns[i].section.value == "qa" for i in x.question_turns)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Operator", "Jane Roe -- Chief Executive Officer", "Sam Poe -- Acme Bank -- Analyst", "",
    "Revenue grew 5% to $10 million.", "What is the outlook?", "主持人：欢迎。", "Jane Roe: Thanks.",
    "**Jane Roe - Acme, CEO**", "Questions and Answers:", "[EN] Hello", "[中] 你好", "(foreign language)"]),
    min_size=1, max_size=40))
def test_structure_never_fails_on_shuffled_layout_lines(lines):
    text = "\n".join(lines)
    if not text.strip():
        return
    s = callnlp.read_structure(callnlp.read_transcript(text + "\nend."))
    assert len(s.turns) >= 1
    for x in s.qa:
        assert x.question_turns and x.analyst
