"""The real Cloopen call (../shared): exactly the two hand-annotated problems warn, nothing else."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def cloopen_checks(shared):
    from callnlp.checks import run_checks
    from callnlp.io.reader import read_transcript
    from callnlp.pipeline import read_structure

    path = shared / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"
    if not path.exists():
        pytest.skip(f"{path} not present")
    structure = read_structure(read_transcript(path))
    return structure, run_checks(structure, {})


def test_cloopen_flags_the_market_forecast(cloopen_checks):
    _, checks = cloopen_checks
    hits = [c for c in checks if c.kind == "implausible_figure"]
    assert len(hits) == 1
    assert "146.5" in hits[0].message and "CAGR" in hits[0].evidence


def test_cloopen_flags_the_untranslated_sentence(cloopen_checks):
    structure, checks = cloopen_checks
    hits = [c for c in checks if c.kind == "untranslated_text"]
    assert len(hits) == 1
    assert hits[0].evidence.startswith("Our RongCC business actually increased by over 400%")
    a, b = hits[0].char_span
    assert structure.transcript.text[a:b] == hits[0].evidence


def test_cloopen_every_other_figure_reconciles(cloopen_checks):
    _, checks = cloopen_checks
    warnings = [c for c in checks if c.severity != "info"]
    assert sorted(c.kind for c in warnings) == ["implausible_figure", "untranslated_text"], \
        [(c.kind, c.message) for c in warnings]


def test_cloopen_arithmetic_claims_are_checked(shared):
    """The six 'increased by X% to A from B' statements are recognised and all add up."""
    from callnlp.checks.arithmetic import check_arithmetic
    from callnlp.io.reader import read_transcript
    from callnlp.pipeline import read_structure

    structure = read_structure(read_transcript(shared / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"))
    passed: list = []
    check_arithmetic(structure, {}, passed=passed)
    assert len(passed) >= 7  # six cost/profit/expense lines and the Q4 guidance range
