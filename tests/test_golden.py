"""Golden snapshots: the full summary of each sample transcript, compared with tests/golden/<stem>.summary.json.

Regenerate after an intended change with `pytest tests/test_golden.py --update-golden`, then review the diff.
Paths are left out (they depend on the checkout); keys are sorted and non-ASCII kept.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import callnlp

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
CASES = sorted((ROOT / "transcripts").glob("*.txt"))


def snapshot(path: Path) -> str:
    d = callnlp.summarize_file(path).to_dict()
    d["source"].pop("path", None)
    return json.dumps(d, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_summary(path, request):
    golden = GOLDEN / f"{path.stem}.summary.json"
    got = snapshot(path)
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        return
    assert golden.exists(), f"no golden file for {path.name}; run pytest --update-golden and review it"
    want = golden.read_text(encoding="utf-8")
    if got != want:
        gd, wd = json.loads(got), json.loads(want)
        changed = [k for k in sorted(set(gd) | set(wd)) if gd.get(k) != wd.get(k)]
        pytest.fail(f"{path.name}: summary differs from {golden.name} in {changed}; "
                    f"if intended, run pytest --update-golden and review the diff")
