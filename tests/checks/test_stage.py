"""The checks stage inside the pipeline: JSON shape of ``checks`` in the summary."""
from __future__ import annotations

from pathlib import Path

import pytest

from callnlp.checks import checks_stage
from callnlp.io.reader import read_transcript
from callnlp.pipeline import read_structure

PLANTED = Path(__file__).resolve().parents[1] / "fixtures" / "checks" / "planted_bilingual.txt"


def test_stage_returns_checks_and_the_same_structure():
    structure = read_structure(read_transcript(PLANTED))
    out_structure, fields = checks_stage(structure, None, {})
    assert out_structure is structure
    assert set(fields) == {"checks"} and isinstance(fields["checks"], tuple)
    assert {c.kind for c in fields["checks"]} >= {"bilingual_mismatch", "arithmetic_mismatch",
                                                   "implausible_figure", "untranslated_text"}


@pytest.mark.slow
def test_summary_json_carries_checks():
    from callnlp import summarize

    d = summarize(PLANTED).to_dict()
    checks = d["checks"]
    assert checks, "the pipeline did not run the checks stage"
    for c in checks:
        assert {"kind", "severity", "turn", "message", "evidence", "char_span", "expected", "found"} <= set(c)
        assert c["severity"] in ("info", "warning", "error")
        assert isinstance(c["char_span"], list)
    implausible = [c for c in checks if c["kind"] == "implausible_figure"]
    assert implausible and "147.8" in implausible[0]["message"]
    assert implausible[0]["found"] == 147800000
