"""The planted-error fixtures: every plant is found, and nothing else warns; the clean twin is silent."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from callnlp.checks import run_checks
from callnlp.io.reader import read_transcript
from callnlp.pipeline import read_structure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "checks"
CASES = sorted(FIXTURES.glob("*.expected.json"))


def _load(exp: Path):
    txt = exp.with_name(exp.name.replace(".expected.json", ".txt"))
    return read_structure(read_transcript(txt)), json.loads(exp.read_text(encoding="utf-8"))


def _warnings(structure):
    return [c for c in run_checks(structure, {}) if c.severity != "info"]


@pytest.mark.parametrize("exp", CASES, ids=lambda p: p.name.split(".")[0])
def test_every_plant_is_found_and_nothing_else_warns(exp):
    structure, expected = _load(exp)
    warnings = _warnings(structure)
    unmatched = list(warnings)
    for plant in expected.get("checks", []):
        quote = plant.get("english_quote") or plant.get("chinese_quote")
        hits = [c for c in unmatched if c.kind == plant["kind"] and quote in c.evidence]
        assert hits, f"plant not found: {plant['kind']} {quote!r}; got {[(c.kind, c.message) for c in warnings]}"
        unmatched.remove(hits[0])
    assert unmatched == [], f"unexpected warnings: {[(c.kind, c.message) for c in unmatched]}"


@pytest.mark.parametrize("exp", CASES, ids=lambda p: p.name.split(".")[0])
def test_plant_values(exp):
    structure, expected = _load(exp)
    warnings = _warnings(structure)
    for plant in expected.get("checks", []):
        v = plant.get("value")
        quote = plant.get("english_quote") or plant.get("chinese_quote")
        c = next(c for c in warnings if c.kind == plant["kind"] and quote in c.evidence)
        if plant["kind"] == "bilingual_mismatch":
            assert c.expected == Decimal(str(v["english"])) and c.found == Decimal(str(v["chinese"]))
            assert plant["chinese_quote"] in c.message
        elif plant["kind"] == "arithmetic_mismatch":
            assert c.expected == Decimal(str(v["computed_pct"])) and c.found == Decimal(str(v["stated_pct"]))
        elif plant["kind"] == "implausible_figure":
            assert c.found == Decimal(str(v["end_stated"]))
            assert abs(c.expected / Decimal(str(v["end_implied_by_cagr"])) - 1) < Decimal("0.01")
        elif plant["kind"] == "untranslated_text":
            assert c.evidence == plant["value"]
            start, end = c.char_span
            assert structure.transcript.text[start:end] == c.evidence


def test_evidence_is_verbatim_source_text():
    for exp in CASES:
        structure, _ = _load(exp)
        for c in run_checks(structure, {}):
            a, b = c.char_span
            assert structure.transcript.text[a:b] == c.evidence
