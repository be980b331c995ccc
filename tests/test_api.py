"""Public API: small, sorted, lazy (import callnlp loads no heavy library)."""
from __future__ import annotations

import subprocess
import sys

import callnlp


def test_all_is_sorted_and_resolvable():
    assert callnlp.__all__ == sorted(callnlp.__all__)
    for name in callnlp.__all__:
        assert getattr(callnlp, name) is not None, name


def test_import_loads_no_heavy_library():
    code = ("import sys, callnlp, callnlp.cli; heavy = [m for m in ('spacy', 'torch', 'transformers', 'pandas', 'jieba', "
            "'opencc', 'numpy') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_summarize_text_round_trips_to_json():
    s = callnlp.summarize("Operator: Welcome to the Acme Corp third quarter 2024 earnings call.\n"
                          "Jane Roe: Thank you. Revenue grew 5% to $10 million.\nOperator: Thanks.\n"
                          "Jane Roe: Bye.")
    d = s.to_dict()
    assert d["turns"][1]["speaker"] == "Jane Roe"
    assert s.to_json().startswith("{")
    assert "Acme" in repr(s) or d["call"]["company"] is None
