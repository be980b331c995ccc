"""Fixtures for the number tests: the shared corpus folder (tests skip when it is absent)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


def _shared() -> Path:
    env = os.environ.get("CALLNLP_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared()
    if not (path / "corpus").is_dir():
        pytest.skip("../shared not present")
    return path
