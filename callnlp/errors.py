"""Errors raised by callnlp. Every message has a stable code and says how to fix the problem."""
from __future__ import annotations


class CallNLPError(Exception):
    """Base class. ``code`` is stable (E001...); ``path`` names the file when there is one."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None, code: str | None = None):
        self.path = path
        if code:
            self.code = code
        self.message = message
        where = f"{path}: " if path else ""
        super().__init__(f"[{self.code}] {where}{message}")


class TranscriptReadError(CallNLPError):
    """The file could not be read as a transcript (missing, empty, binary, undecodable, too large)."""

    code = "E001"


class FileTimeoutError(CallNLPError):
    """A file took longer than the batch's per-file time limit."""

    code = "E008"


class SegmentationError(CallNLPError):
    code = "E010"


class NumberParseError(CallNLPError, ValueError):
    code = "E020"


class MissingDependencyError(CallNLPError, ImportError):
    code = "E030"


# Codes used by the reader (kept here so the README can list them in one place).
E_NOT_FOUND = "E001"
E_EMPTY = "E002"
E_BINARY = "E003"
E_DECODE = "E004"
E_TOO_LARGE = "E005"
E_NOT_A_FILE = "E006"
E_TIMEOUT = "E008"
