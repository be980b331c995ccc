"""Freeze the train / test split of ECTSum train (issue 13), once, before any extractor work.

A call goes to the test split when sha1("callnlp-frozen-split-2026-12-04:" + stem) falls in the
lowest 20% of the hash range, so the split depends on nothing but the file names. The development
calls of ../shared/corpus/ectsum_val (tuned on in earlier sessions) are listed as their own part of
the frozen test set. Writes benchmarks/splits/ectsum_split.json (stems only, no text).

usage: python benchmarks/split_ectsum.py [ECTSUM_TRAIN_DIR]
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "corpus"
SALT = "callnlp-frozen-split-2026-12-04:"


def is_test(stem: str) -> bool:
    h = int(hashlib.sha1((SALT + stem).encode()).hexdigest()[:8], 16)
    return h < 0.2 * 16 ** 8


def main() -> None:
    from ectsum_data import ectsum_train_dir
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ectsum_train_dir()
    stems = sorted(p.stem for p in (root / "calls").glob("*.txt"))
    split = {
        "how": f"sha1('{SALT}' + stem) < 20% of the range; made before any issue-13 extractor change",
        "train": [s for s in stems if not is_test(s)],
        "test": [s for s in stems if is_test(s)],
        "dev": sorted(p.stem for p in (SHARED / "ectsum_val" / "calls").glob("*.txt")),
    }
    out = HERE / "splits" / "ectsum_split.json"
    out.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"train {len(split['train'])}, test {len(split['test'])}, dev {len(split['dev'])} -> {out}")


if __name__ == "__main__":
    main()
