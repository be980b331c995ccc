"""Q&A topics: per-question labels and subjects, call-level topic weights, and grouping of
similar questions across calls. MiniLM (``callnlp[hf]``) is loaded only when first needed."""
from __future__ import annotations

from .cluster import group_questions
from .topics import (
    EmbeddingParams,
    Taxonomy,
    TopicHead,
    TopicLabel,
    assign_topics,
    call_topics,
    default_subjects,
    keyword_scores,
    load_head,
    load_taxonomy,
)

__all__ = [
    "EmbeddingParams",
    "Taxonomy",
    "TopicHead",
    "TopicLabel",
    "assign_topics",
    "call_topics",
    "default_subjects",
    "group_questions",
    "keyword_scores",
    "load_head",
    "load_taxonomy",
]
