"""The summary record, its JSON/Markdown rendering."""
from .schema import SCHEMA_VERSION, CallSummary

__all__ = ["SCHEMA_VERSION", "CallSummary"]
