"""Structure on the real development corpus in ../shared (skipped where it is absent)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import callnlp
from callnlp.summary.schema import CallSummary


def norm(s):
    return re.sub(r"[^a-z0-9&]+", "", (s or "").lower())


def test_cloopen_structure_matches_gold(shared):
    gold = json.loads((shared / "gold" / "cloopen_2021q3.json").read_text(encoding="utf-8"))
    s = callnlp.read_structure(callnlp.read_transcript(shared / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"))
    for g in gold["participants"]:
        assert any(norm(p.name) == norm(g["name"]) and p.kind.value == g["kind"]
                   and (not g.get("affiliation") or norm(g["affiliation"]) in norm(p.affiliation))
                   for p in s.participants), g
    steven = next(p for p in s.participants if p.name == "Yipeng Li")
    assert "Steven" in steven.aliases
    interpreted = [t for t in s.turns if t.interpreted]
    assert interpreted and {t.speaker for t in interpreted} == {gold["interpreted_turns_attributed_to"]}
    assert set(gold["sections"]) <= {sec.kind.value for sec in s.sections}
    assert len(s.qa) == len(gold["qa"])
    for g, x in zip(gold["qa"], s.qa):
        assert norm(x.analyst) == norm(g["analyst"]) and norm(g["firm"]) in norm(x.firm)
        assert len(x.questions) == g["n_questions"]
        assert set(g["answered_by"]) <= set(x.answered_by)
    assert s.call.fiscal_period == "Q3 2021" and s.call.company == "Cloopen"


def test_corpus_analysts_keep_their_firms(shared):
    """Every "Name -- Firm -- Analyst" line in the full calls comes out as an analyst with that firm."""
    root = shared / "corpus" / "calls"
    checked = 0
    for path in sorted(root.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        want = {m.group(1).strip(): m.group(2).strip()
                for m in re.finditer(r"(?m)^(.+?) -- (.+) -- Analyst\s*$", text)}
        s = callnlp.read_structure(callnlp.read_transcript(path))
        by_name = {p.name: p for p in s.participants}
        for name, firm in want.items():
            p = by_name.get(name)
            assert p is not None and p.kind.value == "analyst" and p.affiliation == firm, (path.name, name, firm, p)
            checked += 1
    assert checked >= 100


def test_corpus_bilingual_calls_pair_translations(shared):
    root = shared / "corpus"
    paths = [root / "seeds" / "cloopen_2021q3_bilingual.txt", *sorted((root / "calls").rglob("*bilingual*.txt"))]
    for path in paths:
        s = callnlp.read_structure(callnlp.read_transcript(path))
        paras = [p for t in s.turns for p in t.paragraphs]
        paired = sum(p.translation is not None for p in paras)
        english = sum(p.language.value == "en" for p in paras)
        assert paired >= 0.8 * english, (path.name, paired, english)
        assert "zh-Hans" in s.languages or "zh-Hant" in s.languages


def test_corpus_structure_score(shared, tmp_path):
    """shared/tools/score_structure.py over the 134 ECTSum calls: at least 97%."""
    calls = shared / "corpus" / "ectsum_val" / "calls"
    for path in sorted(calls.glob("*.txt")):
        s = callnlp.read_structure(callnlp.read_transcript(path))
        (tmp_path / f"{path.stem}.json").write_text(json.dumps(CallSummary(structure=s).to_dict()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared / "tools" / "score_structure.py"), str(tmp_path),
                          str(shared / "corpus" / "ectsum_val" / "fullformat")], capture_output=True, text=True, check=True)
    pct = float(re.search(r"= ([\d.]+)%", out.stdout).group(1))
    assert pct >= 97.0, out.stdout
