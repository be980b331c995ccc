"""Read a transcript from a path, bytes or a string into a normalised ``Transcript``.

Detects UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), GB18030/GBK and Big5; turns
CRLF/CR into LF; removes control characters other than newline and tab. Refuses empty, binary,
undecodable and oversized input with a coded ``TranscriptReadError`` naming the file.
It does not guess an encoding from fewer than a handful of non-ASCII bytes: short non-UTF-8 input
with no CJK reading is reported as undecodable rather than mis-read.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..errors import E_BINARY, E_DECODE, E_EMPTY, E_NOT_A_FILE, E_NOT_FOUND, E_TOO_LARGE, TranscriptReadError
from ..records import Transcript

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\u2028\u2029]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MOJIBAKE = re.compile(r"[\u0080-\u00ff]{3,}|[\ue000-\uf8ff]")


def read_transcript(
    source: str | os.PathLike | bytes,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Transcript:
    """Read a transcript.

    Args:
        source: a path (``Path`` or a string naming an existing file), raw bytes, or the text itself.
        encoding: force an encoding instead of detecting it.
        max_bytes: refuse larger input (default 20 MB).

    Returns:
        A ``Transcript`` whose ``text`` every span in the summary points into.

    Example:
        >>> read_transcript("Operator: Welcome.\\nJane Doe: Thanks.").text
        'Operator: Welcome.\\nJane Doe: Thanks.'
    """
    path: str | None = None
    if isinstance(source, bytes):
        raw = source
    elif isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 4096 and _looks_like_path(source)
    ):
        path = os.fspath(source)
        raw = _read_bytes(path, max_bytes)
    else:
        text = str(source)
        if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            raise TranscriptReadError(f"text is larger than the {max_bytes:,}-byte limit; raise max_bytes", code=E_TOO_LARGE)
        return _finish(text, None, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), "str")

    if len(raw) > max_bytes:
        raise TranscriptReadError(
            f"file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit; pass --max-bytes to raise it",
            path=path, code=E_TOO_LARGE)
    text, enc = decode_bytes(raw, path=path, encoding=encoding)
    return _finish(text, path, hashlib.sha256(raw).hexdigest(), enc)


def _looks_like_path(s: str) -> bool:
    if os.path.exists(s):
        return True
    # A short single line ending in a transcript-like suffix is meant as a path.
    return bool(re.search(r"\.(txt|md|text|json|html?)$", s, re.I)) and " " not in s.strip()


def _read_bytes(path: str, max_bytes: int) -> bytes:
    p = Path(path)
    if not p.exists():
        raise TranscriptReadError("no such file; check the path", path=path, code=E_NOT_FOUND)
    if not p.is_file():
        raise TranscriptReadError("not a regular file (a folder?); pass a transcript file", path=path, code=E_NOT_A_FILE)
    size = p.stat().st_size
    if size > max_bytes:
        raise TranscriptReadError(
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; pass --max-bytes to raise it",
            path=path, code=E_TOO_LARGE)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise TranscriptReadError(f"cannot read the file: {exc.strerror or exc}", path=path, code=E_NOT_FOUND) from exc


def decode_bytes(raw: bytes, *, path: str | None = None, encoding: str | None = None) -> tuple[str, str]:
    """Decode transcript bytes, detecting the encoding. Returns (text, encoding name)."""
    if not raw.strip():
        raise TranscriptReadError("file is empty; nothing to summarise", path=path, code=E_EMPTY)
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise TranscriptReadError(f"cannot decode as {encoding}: {exc}", path=path, code=E_DECODE) from exc

    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", path), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", path), "utf-16"
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _strict(raw, utf16, path), utf16
    if _is_binary(raw):
        raise TranscriptReadError(
            "file looks binary (NUL bytes or many control bytes), not a text transcript", path=path, code=E_BINARY)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in _cjk_candidates(raw):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, enc
    raise TranscriptReadError(
        "cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5); pass --encoding NAME",
        path=path, code=E_DECODE)


def _strict(raw: bytes, enc: str, path: str | None) -> str:
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as exc:
        raise TranscriptReadError(f"invalid {enc} at byte {exc.start}; pass --encoding NAME", path=path, code=E_DECODE) from exc


def _utf16_without_bom(raw: bytes) -> str | None:
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _is_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return ctrl > 0.1 * len(sample)


def _cjk_candidates(raw: bytes) -> list[str]:
    """Order GB18030 / Big5 by which reads more common characters."""
    scores = []
    for enc in ("gb18030", "big5"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        scores.append((_commonness(text), enc))
    scores.sort(reverse=True)
    ordered = [enc for _, enc in scores]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200_000]).best()
        if best and best.encoding not in ordered and best.encoding not in ("ascii",):
            ordered.append(best.encoding)
    except Exception:  # pragma: no cover - charset_normalizer is optional help only
        pass
    return ordered


# The most frequent characters of Chinese business text: a decode that yields many is right.
_COMMON = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞营收入利润同比增长季度公司亿万元億萬營業務們")


def _commonness(text: str) -> float:
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in _COMMON) / len(cjk)


def _plausible(text: str) -> bool:
    return _commonness(text) > 0.2 and not _MOJIBAKE.search(text[:20000])


def normalise_text(text: str) -> str:
    """LF line ends, no control characters, no BOM. Idempotent."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    return _CONTROL.sub("", text)


def _finish(text: str, path: str | None, sha: str, enc: str) -> Transcript:
    text = normalise_text(text)
    if not text.strip():
        raise TranscriptReadError("file is empty (only white space); nothing to summarise", path=path, code=E_EMPTY)
    return Transcript(text=text, path=path, sha256=sha, encoding=enc)
