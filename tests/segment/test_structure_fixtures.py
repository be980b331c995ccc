"""Hand-written calls in the less common layouts: participants and Q&A exchanges exactly as their gold.

Each tests/fixtures/structure/<stem>.txt was written for callnlp together with <stem>.gold.json by an
author who did not run the parser: every speaker with kind and affiliation, and every exchange with
its analyst, firm, who answered and how many questions were asked. Participants and exchanges must
match exactly; question counts are a judgement call (two careful readers differ on ", and how ..."),
so they must agree on most exchanges, as for the other fixtures.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import callnlp

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "structure"
GOLD = sorted(FIXTURES.glob("*.gold.json"))
IDS = [p.name.removesuffix(".gold.json") for p in GOLD]


def norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9\u3400-\u9fff]+", "", (s or "").lower())


def _load(gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    s = callnlp.read_structure(callnlp.read_transcript(FIXTURES / gold["file"]))
    return gold, s


def test_there_are_a_dozen_fixtures_over_the_five_layouts():
    formats = [json.loads(p.read_text(encoding="utf-8"))["format"] for p in GOLD]
    assert len(GOLD) >= 12
    assert {"chinese-record", "refinitiv", "inline", "tagged-bilingual", "bilingual-interleaved"} <= set(formats)


@pytest.mark.parametrize("gold_path", GOLD, ids=IDS)
def test_format(gold_path):
    gold, s = _load(gold_path)
    assert s.format == gold["format"]


@pytest.mark.parametrize("gold_path", GOLD, ids=IDS)
def test_participants_exactly(gold_path):
    gold, s = _load(gold_path)
    def key(name, kind):  # the operator is "Operator" whatever the printed label (主持人, 接线员)
        return ("operator" if kind == "operator" else norm(name), kind)

    got = sorted(key(p.name, p.kind.value) for p in s.participants)
    want = sorted(key(p["name"], p["kind"]) for p in gold["participants"])
    assert got == want
    by_name = {norm(p.name): p for p in s.participants}
    for w in gold["participants"]:
        if w["kind"] == "analyst" and w.get("affiliation"):
            assert norm(w["affiliation"]) == norm(by_name[norm(w["name"])].affiliation), w


@pytest.mark.parametrize("gold_path", GOLD, ids=IDS)
def test_exchanges_exactly(gold_path):
    gold, s = _load(gold_path)
    got = [(norm(x.analyst), norm(x.firm), [norm(a) for a in x.answered_by]) for x in s.qa]
    want = [(norm(w["analyst"]), norm(w["firm"]), [norm(a) for a in w["answered_by"]]) for w in gold["qa"]]
    assert got == want


def test_question_counts_mostly_agree():
    pairs = []
    for gold_path in GOLD:
        gold, s = _load(gold_path)
        pairs += [(gold_path.name, len(x.questions), w["n_questions"]) for w, x in zip(gold["qa"], s.qa)]
    agree = sum(a == b for _, a, b in pairs)
    assert len(pairs) >= 25
    assert agree / len(pairs) >= 0.8, [p for p in pairs if p[1] != p[2]]
