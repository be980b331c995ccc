"""Shared fixtures: project transcripts with their hand-written expected facts, and ../shared."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CALLNLP_SHARED", ROOT.parent / "shared"))


def expected_cases() -> list[tuple[Path, dict]]:
    """Every project transcript or fixture that has a sidecar <stem>.expected.json."""
    out = []
    for folder in (ROOT / "transcripts", ROOT / "tests" / "fixtures"):
        for exp in sorted(folder.rglob("*.expected.json")):
            txt = exp.with_name(exp.name.replace(".expected.json", ".txt"))
            if txt.exists():
                out.append((txt, json.loads(exp.read_text(encoding="utf-8"))))
    return out


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present (the shared corpus is only on development and CI machines)")
    return SHARED


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.summary.json")


@pytest.fixture(autouse=True)
def _undo_cli_torch_guard():
    """The CLI blocks `import torch` in its own process (sys.modules["torch"] = None); CliRunner tests
    and fixtures run it in pytest's process, so the block is lifted around every test."""
    if "torch" in sys.modules and sys.modules["torch"] is None:
        del sys.modules["torch"]
    yield
    if "torch" in sys.modules and sys.modules["torch"] is None:
        del sys.modules["torch"]
