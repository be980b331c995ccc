"""Reader: encodings, line ends, control characters, and coded errors for bad input."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callnlp.errors import TranscriptReadError
from callnlp.io.reader import normalise_text, read_transcript

SAMPLE = "Operator: 歡迎參加第三季財報電話會議。\nJane Roe: 營收年增44.3%，達到2.761億元。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"])
def test_reader_detects_encoding(tmp_path, encoding):
    text = SAMPLE if encoding != "gb18030" else SAMPLE.replace("歡迎參加", "欢迎参加").replace("億", "亿")
    path = tmp_path / "call.txt"
    path.write_bytes(text.encode(encoding))
    got = read_transcript(path)
    assert got.text == normalise_text(text)
    assert got.path == str(path)
    assert len(got.sha256) == 64


def test_reader_crlf_and_control_characters(tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes(b"Operator: Hello\x07 there.\r\nJane Roe: Revenue grew\x0b 5%.\r\n")
    assert read_transcript(path).text == "Operator: Hello there.\nJane Roe: Revenue grew 5%.\n"


def test_reader_accepts_text_and_bytes():
    assert read_transcript("Operator: Hi.\nJane Roe: Hello.").text.startswith("Operator")
    assert read_transcript(SAMPLE.encode("utf-8")).text == SAMPLE


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "E002"), (b"  \n\t \r\n", "E002"), (b"\x00\x01\x02binary\x00" * 50, "E003"),
     (bytes(range(128, 256)) * 3 + b"\xff\xfe\xfd", "E004")],
    ids=["empty", "whitespace", "binary", "undecodable"])
def test_reader_bad_files_get_coded_errors(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(TranscriptReadError) as info:
        read_transcript(path)
    assert info.value.code == code
    assert str(path) in str(info.value)
    assert str(info.value).startswith(f"[{code}]")


def test_reader_missing_file_and_folder(tmp_path):
    with pytest.raises(TranscriptReadError, match=r"\[E001\].*no such file"):
        read_transcript(tmp_path / "nope.txt")
    with pytest.raises(TranscriptReadError, match=r"\[E006\]"):
        read_transcript(tmp_path)


def test_reader_size_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Operator: hello.\n" * 100, encoding="utf-8")
    with pytest.raises(TranscriptReadError, match=r"\[E005\].*limit"):
        read_transcript(path, max_bytes=500)
    assert read_transcript(path, max_bytes=10_000).text.count("\n") == 100


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalise_is_idempotent_and_clean(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once and "\x00" not in once
