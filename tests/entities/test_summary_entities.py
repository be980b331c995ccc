"""The summary's entity list (default profile) on the Cloopen call names its companies, people and segments."""
from __future__ import annotations

from pathlib import Path

import pytest

import callnlp

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared not present")
def test_cloopen_summary_entities():
    s = callnlp.summarize_file(SHARED / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt", profile="fast")
    by: dict[str, set[str]] = {}
    for e in s.entities:
        by.setdefault(e["label"], set()).add(e["text"])
    assert {"Cloopen", "Tencent", "EliteCRM", "Goldman Sachs", "Bernstein", "CICC"} <= by["ORG"]
    assert {"Changxun Sun", "Yipeng Li", "Tina Hou"} <= by["PERSON"]
    assert not {"CICC", "Bernstein", "Goldman Sachs"} & by["PERSON"]  # firms are not people
    assert {"CC", "UC&C", "CPaaS", "RongCC", "7moor"} <= by["SEGMENT"]
