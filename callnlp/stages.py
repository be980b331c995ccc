"""Extraction stages run after the structure, in order. Each takes (structure, analyzer, fields so far)
and returns (structure, new fields). Stages are added here as they land; nothing else composes them.
"""
from __future__ import annotations

STAGES: list = []
