"""The project's sample transcripts were written with consistent figures: no check may warn on them."""
from __future__ import annotations

from pathlib import Path

import pytest

import callnlp

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "transcripts").glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_no_warning_on_consistent_samples(path):
    s = callnlp.summarize_file(path, profile="fast")
    assert [(c.kind, c.message) for c in s.checks if c.severity != "info"] == []
