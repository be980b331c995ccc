"""callnlp batch: outputs, errors.jsonl, exit codes, atomic writes, SIGTERM + --resume, summarize_many.

Runs the real pipeline over a few of our own transcripts (copied to a temp folder), so it is slow-marked.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

pd = pytest.importorskip("pandas")

from callnlp.batch import TABLE_NAMES, summarize_many, write_atomic  # noqa: E402
from callnlp.cli import main  # noqa: E402
from callnlp.errors import CallNLPError  # noqa: E402
from callnlp.frame import to_frame  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ["brightwave_2024q4_fool", "hanxin_2025q1_zh", "kestrel_2023q2_refinitiv", "orchid_2025q2_markdown",
           "pellucid_2024q3_inline"]

pytestmark = pytest.mark.slow


def _run(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)], catch_exceptions=False)


def _tables(out: Path) -> dict[str, "pd.DataFrame"]:
    return {t: pd.read_parquet(out / "tables" / f"{t}.parquet") for t in TABLE_NAMES}


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def src(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "src"
    folder.mkdir()
    for name in SAMPLES:
        shutil.copy(ROOT / "transcripts" / f"{name}.txt", folder)
    return folder


@pytest.fixture(scope="module")
def clean(src) -> Path:
    out = src.parent / "clean"
    res = _run(src, "-o", out, "--jobs", "1")
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    assert "5 calls, 0 failed" in res.stderr
    return out


def test_batch_clean_run_writes_everything(clean):
    for name in SAMPLES:
        d = json.loads((clean / f"{name}.json").read_text(encoding="utf-8"))
        assert d["schema_version"] == 1 and d["turns"]
        assert d["source"]["path"].endswith(f"{name}.txt")
    assert (clean / "errors.jsonl").read_text() == ""
    for t in TABLE_NAMES:
        assert (clean / "tables" / f"{t}.csv").is_file() and (clean / "tables" / f"{t}.parquet").is_file()
    calls = pd.read_parquet(clean / "tables" / "calls.parquet")
    assert calls["call_id"].tolist() == SAMPLES  # sorted by source path
    assert not _temps(clean)


def test_batch_to_frame_equals_cli_tables(src, clean):
    paths = sorted(str(p) for p in src.glob("*.txt"))
    pairs = list(summarize_many(paths, jobs=1))
    assert [p for p, _ in pairs] == paths  # input order
    summaries = [s for _, s in pairs]
    assert not any(isinstance(s, CallNLPError) for s in summaries)
    cli = _tables(clean)
    for table in TABLE_NAMES:
        if table == "question_clusters":
            continue  # batch leaves it empty unless --clusters
        pd.testing.assert_frame_equal(to_frame(summaries, table, root=src), cli[table], obj=table)
    # dicts and summarize_many's (path, result) pairs work as well as CallSummary objects
    pd.testing.assert_frame_equal(to_frame([s.to_dict() for s in summaries], "qa"), cli["qa"])
    pd.testing.assert_frame_equal(to_frame(pairs, "participants"), cli["participants"])


def _cli(*args, env=None, timeout=300):
    """``python -m callnlp batch ...`` in a subprocess: the real CLI, signals and all."""
    return subprocess.run([sys.executable, "-m", "callnlp", "batch", *map(str, args)], env=env or os.environ,
                          capture_output=True, timeout=timeout)


def _sorted_rows(frame: "pd.DataFrame") -> "pd.DataFrame":
    return frame.astype(str).sort_values(list(frame.columns)).reset_index(drop=True)


def test_batch_sigterm_then_resume_gives_the_same_tables(src, clean, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "_CALLNLP_TEST_DELAY": "1.5"}
    proc = subprocess.Popen([sys.executable, "-m", "callnlp", "batch", str(src), "-o", str(out), "--jobs", "2"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 45
    while not list(out.glob("*.json")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM, stderr.decode()
    assert stdout == b""
    done = sorted(p.stem for p in out.glob("*.json"))
    assert 0 < len(done) < len(SAMPLES), (done, stderr.decode())
    assert not (out / "tables").exists() and not _temps(out)
    for p in out.glob("*.json"):
        json.loads(p.read_text(encoding="utf-8"))  # every output is whole

    res = _cli(src, "-o", out, "--jobs", "2", "--resume")
    assert res.returncode == 0, res.stderr.decode()
    assert res.stdout == b""
    assert f"{len(done)} skipped" in res.stderr.decode()
    resumed, reference = _tables(out), _tables(clean)
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(_sorted_rows(resumed[table]), _sorted_rows(reference[table]), obj=table)
        got = pd.read_csv(out / "tables" / f"{table}.csv", dtype=str, keep_default_na=False)
        want = pd.read_csv(clean / "tables" / f"{table}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(_sorted_rows(got), _sorted_rows(want), obj=f"{table}.csv")
    assert not _temps(out)


def test_batch_tables_dir_gives_the_flat_layout_and_stale_tables_warn(src, clean, tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(src / "pellucid_2024q3_inline.txt", one)
    out = tmp_path / "out"
    res = _run(one, "-o", out, "--jobs", "1", "--tables-dir", out, "--tables", "parquet")
    assert res.exit_code == 0, res.stderr
    assert not (out / "tables").exists()
    flat = pd.read_parquet(out / "guidance.parquet")
    assert set(flat["call_id"]) <= {"pellucid_2024q3_inline"} and (out / "calls.parquet").is_file()
    # the next run writes the default place and says the flat tables it finds are stale
    res = _run(one, "-o", out, "--jobs", "1", "--tables", "parquet")
    assert res.exit_code == 0, res.stderr
    assert (out / "tables" / "guidance.parquet").is_file()
    assert "older callnlp" in res.stderr and "--tables-dir" in res.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(out / "tables" / "guidance.parquet"), flat)


def test_readme_and_help_agree_where_tables_land():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(main, ["batch", "--help"], terminal_width=200).output
    assert "OUT/tables/<table>.parquet" in " ".join(help_text.split())
    assert "out/tables/<table>.parquet" in readme and "OUT/tables/<table>.parquet" in readme
    assert "--tables-dir" in readme and "--tables-dir" in help_text


def test_batch_bad_files_same_stems_and_exit_code(src, tmp_path):
    folder = tmp_path / "in"
    (folder / "more").mkdir(parents=True)
    shutil.copy(src / "pellucid_2024q3_inline.txt", folder)
    shutil.copy(src / "pellucid_2024q3_inline.txt", folder / "more")
    (folder / "more" / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    res = _run(folder, "-o", out, "--jobs", "1", "--recursive", "--tables", "parquet")
    assert res.exit_code == 1
    assert "4 calls, 2 failed" in res.stderr
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [(Path(e["path"]).name, e["code"]) for e in errors] == [("empty.txt", "E002"), ("noise.txt", "E003")]
    assert all(e["message"] for e in errors)
    names = sorted(p.name for p in out.glob("*.json"))
    assert names[0] == "pellucid_2024q3_inline.json"
    assert names[1].startswith("pellucid_2024q3_inline__") and len(names) == 2
    calls = pd.read_parquet(out / "tables" / "calls.parquet")
    assert calls["call_id"].tolist() == [Path(n).stem for n in names]
    assert not list((out / "tables").glob("*.csv"))
    # the same run again names the files the same way (deterministic)
    again = _run(folder, "-o", tmp_path / "out2", "--jobs", "1", "--recursive", "--tables", "none")
    assert sorted(p.name for p in (tmp_path / "out2").glob("*.json")) == names
    assert again.exit_code == 1


def test_batch_any_exception_is_recorded_as_e999(src, tmp_path, monkeypatch):
    import callnlp.pipeline as pipeline

    real = pipeline.read_structure

    def flaky(transcript):
        if "Kestrel" in transcript.text[:3000]:
            raise RuntimeError("boom")
        return real(transcript)

    monkeypatch.setattr(pipeline, "read_structure", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SAMPLES[:3]:
        shutil.copy(src / f"{name}.txt", folder)
    res = _run(folder, "-o", tmp_path / "out", "--jobs", "1", "--tables", "none")
    assert res.exit_code == 1
    (err,) = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert err["code"] == "E999" and err["message"] == "RuntimeError: boom"
    assert err["path"].endswith("kestrel_2023q2_refinitiv.txt")
    assert len(list((tmp_path / "out").glob("*.json"))) == 2


def test_batch_clusters_without_model_warns_and_writes_empty_table(src, tmp_path, monkeypatch):
    import callnlp.qa.embed as embed
    from callnlp.errors import MissingDependencyError

    def missing():
        raise MissingDependencyError("MiniLM is not installed", code="E030")

    monkeypatch.setattr(embed, "model_dir", missing)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(src / "orchid_2025q2_markdown.txt", folder)
    res = _run(folder, "-o", tmp_path / "out", "--jobs", "1", "--clusters", "--tables", "parquet")
    assert res.exit_code == 0
    assert "warning: question_clusters: question_clusters left empty" in res.stderr
    df = pd.read_parquet(tmp_path / "out" / "tables" / "question_clusters.parquet")
    assert df.empty and "cluster" in df.columns


@pytest.mark.parametrize("args,code,message", [
    (["--glob", "*.nothing"], 1, "Error: no files matching '*.nothing'"),
    (["--tables", "xlsx"], 2, "unknown table format xlsx"),
    (["--jobs", "0"], 2, "Invalid value for '-j' / '--jobs'"),
])
def test_batch_usage_errors(src, tmp_path, args, code, message):
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "o"), *args])
    assert res.exit_code == code
    assert message in res.stderr


def test_batch_summarize_many_yields_errors_not_raises(src, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [str(src / "orchid_2025q2_markdown.txt"), str(empty)]
    out = dict(summarize_many(paths, jobs=1))
    assert out[paths[0]].to_dict()["source"]["path"] == paths[0]
    assert isinstance(out[paths[1]], CallNLPError) and out[paths[1]].code == "E002"


def _crashy_task(path):
    """Kills its worker process on files named crash*, like the kernel's OOM killer would."""
    if Path(path).name.startswith("crash"):
        os._exit(9)
    return path, "{}", None


def test_batch_dead_worker_is_retried_then_reported(monkeypatch):
    import callnlp.batch as batch

    monkeypatch.setattr(batch, "_init_worker", lambda kwargs: None)  # no models: the pool logic only
    paths = ["a.txt", "b.txt", "crash.txt", "c.txt", "d.txt"]
    out = list(batch._run(paths, _crashy_task, 2, {}, ordered=True))
    assert [r[0] for r in out] == paths
    (err,) = [r[2] for r in out if r[2] is not None]
    assert err.path == "crash.txt" and err.code == "E998"
    assert [r[1] for r in out if r[0] != "crash.txt"] == ["{}"] * 4


def test_batch_write_atomic_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "x.json"
    write_atomic(target, "old")

    def fail(tmp):
        tmp.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomic(target, fail)
    assert target.read_text() == "old"
    assert not _temps(tmp_path)


@pytest.mark.parametrize("jobs, stuck", [(1, False), (2, False), (2, True)])
def test_batch_timeout_records_e008_and_goes_on(src, tmp_path, jobs, stuck):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(src / "pellucid_2024q3_inline.txt", folder / "a.txt")
    shutil.copy(src / "orchid_2025q2_markdown.txt", folder / "b.txt")
    out = tmp_path / "out"
    env = {**os.environ, "_CALLNLP_TEST_DELAY": "30", **({"_CALLNLP_TEST_STUCK": "1"} if stuck else {})}
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "callnlp", "batch", str(folder), "-o", str(out), "--jobs", str(jobs),
                           "--timeout", "1", "--tables", "none"], env=env, capture_output=True, timeout=120)
    assert time.monotonic() - t0 < 25  # neither file waited its 30 s
    assert proc.returncode == 1, proc.stderr.decode()
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(Path(e["path"]).name for e in errors) == ["a.txt", "b.txt"]
    assert {e["code"] for e in errors} == {"E008"}
    assert "--timeout" in errors[0]["message"]
    assert not list(out.glob("*.json")) and not _temps(out)


def test_summarize_many_timeout_yields_an_error_per_file(src, monkeypatch):
    monkeypatch.setenv("_CALLNLP_TEST_DELAY", "5")
    got = list(summarize_many([src / "pellucid_2024q3_inline.txt"], timeout=0.5))
    (path, err), = got
    assert isinstance(err, CallNLPError) and err.code == "E008" and path.endswith("pellucid_2024q3_inline.txt")
