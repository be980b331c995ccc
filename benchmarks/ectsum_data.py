"""Where the unpacked ECTSum train calls live: ../shared/corpus/ectsum_train.tar.xz unpacked once
into $CALLNLP_BENCH_DATA (default ~/.cache/callnlp/bench), never into the repository."""
from __future__ import annotations

import json
import os
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "corpus"


def ectsum_train_dir() -> Path:
    base = Path(os.environ.get("CALLNLP_BENCH_DATA", Path.home() / ".cache" / "callnlp" / "bench"))
    root = base / "ectsum_train"
    if not (root / "calls").is_dir():
        base.mkdir(parents=True, exist_ok=True)
        with tarfile.open(SHARED / "ectsum_train.tar.xz") as tar:
            tar.extractall(base, filter="data")
    return root


def split() -> dict[str, list[str]]:
    return json.loads((HERE / "splits" / "ectsum_split.json").read_text(encoding="utf-8"))


def call_dirs(part: str) -> tuple[Path, Path]:
    """(calls folder, gt_summaries folder) of a split part: train, test, or dev."""
    if part == "dev":
        return SHARED / "ectsum_val" / "calls", SHARED / "ectsum_val" / "gt_summaries"
    root = ectsum_train_dir()
    return root / "calls", root / "gt_summaries"
