"""``callnlp batch DIR -o OUT``: the click command over ``callnlp.batch.run_batch``.

stdout stays empty; a progress bar (rich, only when stderr is a terminal), warnings and the final
line "N calls, K failed, T s" go to stderr. Exit codes: 0 every file succeeded, 1 at least one file
failed, 2 usage error, 128 + signal number when stopped by SIGINT/SIGTERM (rerun with --resume).
"""
from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import click

_FORMATS = ("parquet", "csv")


def _parse_tables(value: str) -> tuple[str, ...]:
    parts = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    if parts in ((), ("none",)):
        return ()
    bad = [p for p in parts if p not in _FORMATS]
    if bad:
        raise click.BadParameter(f"unknown table format {', '.join(bad)}; use parquet, csv or none")
    return parts


class _Bar:
    """A rich progress bar on stderr: calls done, rate, ETA, failures. Silent when not a terminal."""

    def __init__(self) -> None:
        self._progress = None
        self._task = None
        self._failed = 0

    def start(self, total: int) -> None:
        if not sys.stderr.isatty() or total == 0:
            return
        try:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)
        except ImportError:  # rich comes with spaCy; without it there is simply no bar
            return
        self._progress = Progress(
            TextColumn("summarising"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            TextColumn("{task.fields[failed]}"), console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task("batch", total=total, rate="", failed="")
        self._progress.start()

    def advance(self, path: str, failed: bool) -> None:
        if self._progress is None:
            return
        self._failed += failed
        task = self._progress.tasks[0]
        speed = task.speed
        self._progress.update(self._task, advance=1, rate=f"{speed:.1f} calls/s" if speed else "",
                              failed=f"[red]{self._failed} failed" if self._failed else "")

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _install_signals(stop: threading.Event) -> dict:
    """First SIGINT/SIGTERM: stop gracefully (running files finish). Second: abandon them."""
    previous = {}
    received: list[int] = []

    def handler(signum, frame):
        received.append(signum)
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        click.echo(f"\nstopping ({signal.Signals(signum).name}): finishing the calls in progress; "
                   "rerun with --resume to continue", err=True)

    if threading.current_thread() is threading.main_thread():  # signal handlers live in the main thread
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, handler)
    previous["received"] = received
    return previous


@click.command()
@click.argument("dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: OUT/<stem>.json per call, OUT/errors.jsonl, OUT/tables/<table>.parquet|csv.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of CPUs]; 1 runs in this process.")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Which files in DIR to read.")
@click.option("-r", "--recursive", is_flag=True, help="Also read matching files in sub-folders.")
@click.option("--tables", "tables", default="parquet,csv", show_default=True,
              help="Table formats to write: parquet, csv, both (comma-separated) or none.")
@click.option("--tables-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the tables [default: OUT/tables]. '--tables-dir OUT' puts them beside the JSON "
                   "files (OUT/<table>.parquet), where callnlp before 0.1 wrote them.")
@click.option("--resume", is_flag=True, help="Skip files whose JSON output already matches their content (sha256).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20 * 1024 * 1024, show_default=True,
              help="Refuse larger input files.")
@click.option("--encoding", help="Force the input encoding (default: detect per file).")
@click.option("--clusters/--no-clusters", default=False, show_default=True,
              help="Fill the question_clusters table: MiniLM over every analyst question, after the calls, in "
                   "one process (needs callnlp[hf]; minutes for a few thousand questions). Off: the table is empty.")
@click.option("--profile", type=click.Choice(["fast", "standard", "full"]), default="fast", show_default=True,
              help="Model work: fast = keyword question topics; standard = MiniLM question topics (the default of "
                   "'summarize'); full = also spaCy NER for entities. Guidance, metrics and checks are the same in all.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=900, show_default=True,
              help="Seconds one file may take; a slower file is listed in errors.jsonl (E008) and the run goes on.")
@click.pass_context
def batch(ctx: click.Context, dir: Path, out: Path, jobs: int | None, pattern: str, recursive: bool, tables: str,
          resume: bool, max_bytes: int, encoding: str | None, clusters: bool, profile: str, timeout: float,
          tables_dir: Path | None) -> None:
    """Summarise every transcript in DIR into OUT: one JSON per call, tables, errors.jsonl.

    A file that cannot be read or parsed is listed in OUT/errors.jsonl and the run goes on; the exit
    code is 1 if any file failed. Files with the same name in different sub-folders get
    <stem>__<8 hex>.json. The tables (OUT/tables/<table>.parquet and .csv: calls, participants,
    guidance, metrics, segment_claims, qa, topics, entities, checks, guidance_tracking,
    question_clusters) are rebuilt from all JSON outputs at the end of a complete run. Ctrl-C or
    SIGTERM stops cleanly (no tables written); rerun with --resume to continue where it stopped.

    \b
    Example:
      callnlp batch calls/ -o out/ --jobs 2
      callnlp batch calls/ -o out/ --recursive --glob '*.md' --tables csv
      callnlp batch calls/ -o out/ --resume          # after an interrupted run
      callnlp batch calls/ -o out/ --clusters        # also group similar analyst questions
    """
    from .batch import discover, run_batch
    from .cli import keep_torch_out

    keep_torch_out(profile)

    formats = _parse_tables(tables)
    paths = discover(dir, pattern, recursive=recursive, exclude=out)
    if not paths:
        raise click.ClickException(f"no files matching {pattern!r} in {dir}"
                                   + ("" if recursive else " (add --recursive for sub-folders)"))
    stop = threading.Event()
    previous = _install_signals(stop)
    try:
        result = run_batch(paths, out, root=dir, jobs=jobs, tables=formats, resume=resume, max_bytes=max_bytes,
                           encoding=encoding, clusters=clusters, progress=_Bar(), stop=stop, profile=profile,
                           timeout=timeout, tables_dir=tables_dir)
    finally:
        received = previous.pop("received")
        for sig, old in previous.items():
            signal.signal(sig, old)
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    for e in result.errors[:20]:
        click.echo(f"failed: {e.path}: [{e.code}] {e.message}", err=True)
    if len(result.errors) > 20:
        click.echo(f"... and {len(result.errors) - 20} more in {out / 'errors.jsonl'}", err=True)
    skipped = f", {result.skipped} skipped (resume)" if result.skipped else ""
    click.echo(f"{result.total} calls, {len(result.errors)} failed{skipped}, {result.seconds:.1f} s", err=True)
    if result.interrupted:
        signum = received[0] if received else signal.SIGINT
        click.echo(f"interrupted: {result.done + result.skipped + len(result.errors)} of {result.total} handled; "
                   f"no tables written; rerun with --resume", err=True)
        ctx.exit(128 + int(signum))
    if result.errors:
        ctx.exit(1)
