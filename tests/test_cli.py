"""CLI: exit codes, exact error lines, formats, atomic output, help with examples."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from callnlp import __version__
from callnlp.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "transcripts" / "brightwave_2024q4_fool.txt"


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_summarize_json_follows_contract(runner):
    result = runner.invoke(main, ["summarize", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    for key in ("schema_version", "source", "call", "participants", "sections", "turns", "metrics", "segment_claims",
                "guidance", "qa", "topics", "entities", "checks"):
        assert key in d
    assert d["schema_version"] == 1 and d["source"]["format"] == "motley-fool"


def test_cli_summarize_markdown(runner):
    result = runner.invoke(main, ["summarize", str(SAMPLE), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Brightwave") and "## Guidance" in result.stdout and "## Q&A" in result.stdout


def test_cli_output_file_is_written_whole(runner, tmp_path):
    out = tmp_path / "sub" / "call.json"
    result = runner.invoke(main, ["summarize", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    assert not list(out.parent.glob("*.tmp"))
    assert result.stdout == ""  # data went to the file, the message to stderr


def test_cli_bad_input_exit_1_with_coded_message(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["summarize", str(empty)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: [E002] {empty}: file is empty; nothing to summarise"
    result = runner.invoke(main, ["summarize", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "[E001]" in result.stderr and "Traceback" not in result.stderr


def test_cli_bad_input_keeps_existing_output(runner, tmp_path):
    out = tmp_path / "call.json"
    out.write_text("previous", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 100)
    result = runner.invoke(main, ["summarize", str(bad), "-o", str(out)])
    assert result.exit_code == 1 and out.read_text(encoding="utf-8") == "previous"


def test_cli_usage_errors_exit_2(runner):
    assert runner.invoke(main, ["summarize"]).exit_code == 2
    assert runner.invoke(main, ["summarize", str(SAMPLE), "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["nonsense"]).exit_code == 2


def test_cli_version_and_help_have_examples(runner):
    assert __version__ in runner.invoke(main, ["--version"]).output
    for args in ([], ["summarize"]):
        out = runner.invoke(main, [*args, "--help"]).output
        assert "Example" in out and "callnlp summarize" in out
