"""Many calls at once: a folder of transcripts -> one JSON file per call, tables, and a list of errors.

Reads: transcript files (a folder, a glob, optionally recursive). Adds, in the output folder:
  * ``<stem>.json`` per transcript, the contract (``json.dumps(d, ensure_ascii=False)``); a second
    file with the same stem (another folder) becomes ``<stem>__<8 hex>.json``, the hex being the
    sha1 of its path relative to the input folder (``callnlp.frame.call_ids``), so names are
    stable from run to run;
  * ``errors.jsonl``: one ``{"path", "code", "message"}`` per file that failed, sorted by path
    (``CallNLPError`` gives the code; any other exception is ``E999`` with its type; a worker
    process that died on a file twice, e.g. out of memory, is ``E998``);
  * ``tables/<table>.parquet`` and ``.csv`` (see ``callnlp.frame``), rebuilt at the end of every
    complete run from the JSON outputs of the input set, in path order, so a resumed run ends
    with the same tables as an uninterrupted one.
Every file is written atomically (temp file in the same folder, then ``os.replace``); only the
parent process writes. ``resume=True`` skips a transcript whose JSON output already records the
same content sha256 (``source.sha256``).

Nothing here prints: progress goes through an optional ``progress`` object and a run returns a
``BatchResult``. Workers are ``fork``ed processes (``ProcessPoolExecutor``) whose initializer
builds one ``Analyzer`` and runs a tiny warm-up call so each worker loads its models once.

Refuses to guess: an unreadable file is an error, never an empty summary; a stopped run (signal)
writes no tables, since they would describe only part of the input.
"""
from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing as mp
import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .errors import CallNLPError, FileTimeoutError
from .io.atomic import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    from .summary.schema import CallSummary

__all__ = ["BatchResult", "FileError", "discover", "run_batch", "summarize_many", "write_atomic", "TABLE_NAMES"]

TABLE_NAMES = ("calls", "participants", "guidance", "metrics", "segment_claims", "qa", "topics", "entities",
               "checks", "guidance_tracking", "question_clusters")
E_OTHER = "E999"
E_WORKER_DIED = "E998"
_TMP = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")
# A short made-up bilingual call: summarising it once makes a worker load the models it will need.
_WARMUP = (
    "Operator: Good day and welcome to the Example Corp third quarter 2025 earnings call.\n\n"
    "Jane Roe -- Chief Financial Officer: Revenue was $10.5 million, up 12% year over year. "
    "For the fourth quarter, we expect revenue between $11 million and $12 million.\n"
    "第三季度营收为人民币1.2亿元，同比增长12%。\n\n"
    "Operator: Our first question comes from John Doe with Example Securities.\n\n"
    "John Doe -- Example Securities -- Analyst: How do you think about margins next year?\n\n"
    "Jane Roe -- Chief Financial Officer: We expect gross margin to stay stable.\n"
)


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass
class BatchResult:
    """What a run did. ``outputs`` maps each input path to its JSON file (done now or earlier)."""

    total: int = 0
    done: int = 0
    skipped: int = 0
    errors: list[FileError] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    tables: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.interrupted


# Files --------------------------------------------------------------------------------------

def _remove_stale_temps(*folders: Path) -> None:
    """Temp files a killed run (SIGKILL) may have left: ``.<name>.<random>.tmp``."""
    for sub in dict.fromkeys(folders):
        if sub.is_dir():
            for p in sub.iterdir():
                if _TMP.match(p.name) and p.is_file():
                    p.unlink(missing_ok=True)


def discover(root: str | os.PathLike, pattern: str = "*.txt", *, recursive: bool = False,
             exclude: str | os.PathLike | None = None) -> list[Path]:
    """Files under ``root`` matching ``pattern``, sorted by their path relative to ``root``.

    ``exclude`` is a folder whose files are left out (the output folder, when it sits inside root).
    """
    root = Path(root)
    found = root.rglob(pattern) if recursive else root.glob(pattern)
    ex = Path(exclude).resolve() if exclude else None
    out = []
    for p in found:
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(root).parts):
            continue
        if ex is not None and (ex == p.resolve().parent or ex in p.resolve().parents):
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def _file_sha256(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _read_output(path: Path) -> dict | None:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return d if isinstance(d, dict) else None


def _output_sha(path: Path) -> str | None:
    d = _read_output(path)
    return ((d or {}).get("source") or {}).get("sha256")


# Workers ------------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _error(path: str, exc: BaseException) -> FileError:
    if isinstance(exc, CallNLPError):
        return FileError(path, exc.code, exc.message)
    return FileError(path, E_OTHER, f"{type(exc).__name__}: {exc}")


def _as_callnlp_error(path: str, exc: BaseException) -> CallNLPError:
    if isinstance(exc, CallNLPError):
        return exc
    err = CallNLPError(f"{type(exc).__name__}: {exc}", path=path, code=E_OTHER)
    err.__cause__ = exc
    return err


def _init_worker(kwargs: dict[str, Any], warm: bool = True) -> None:
    """Pool initializer: ignore Ctrl-C (the parent decides), build the models once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from .analyzer import Analyzer
    from .pipeline import summarize

    analyzer = Analyzer()
    _STATE.update(analyzer=analyzer, kwargs=kwargs)
    if warm:
        try:
            summarize(_WARMUP, analyzer=analyzer)
        except Exception:  # a warm-up failure shows up again, per file, where it is reported
            pass


def _timeout_message(seconds: float) -> str:
    return f"took longer than {seconds:g} s; raise --timeout, or split the file"


@contextmanager
def _deadline(seconds: float | None, path: str) -> Iterator[None]:
    """Raise FileTimeoutError in this (main) thread after ``seconds``; a no-op elsewhere. The parent
    also kills a worker stuck past the limit inside C code, where no signal handler runs."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _alarm(signum, frame):
        raise FileTimeoutError(_timeout_message(seconds), path=path)

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _summarize(path: str) -> "CallSummary":
    from .pipeline import summarize

    kwargs = dict(_STATE.get("kwargs", {}))
    timeout = kwargs.pop("timeout", None)
    with _deadline(timeout, path):
        delay = os.environ.get("_CALLNLP_TEST_DELAY")  # tests only: make a run slow enough to interrupt
        if delay:
            if os.environ.get("_CALLNLP_TEST_STUCK"):  # tests only: as if stuck in C code (no alarm)
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(float(delay))
        return summarize(Path(path), analyzer=_STATE.get("analyzer"), **kwargs)


def _job_json(path: str) -> tuple[str, str | None, FileError | None]:
    """Worker task for ``run_batch``: (path, contract JSON text, None) or (path, None, error)."""
    try:
        d = _summarize(path).to_dict()
        return path, json.dumps(d, ensure_ascii=False), None
    except Exception as exc:  # noqa: BLE001 - any parser failure is recorded, the run goes on
        return path, None, _error(path, exc)


def _job_summary(path: str) -> tuple[str, Any]:
    """Worker task for ``summarize_many``: (path, CallSummary or CallNLPError)."""
    try:
        return path, _summarize(path)
    except Exception as exc:  # noqa: BLE001
        return path, _as_callnlp_error(path, exc)


def _kwargs(max_bytes: int | None, encoding: str | None, profile: str = "standard",
            timeout: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"profile": profile}
    if timeout:
        out["timeout"] = timeout
    if max_bytes:
        out["max_bytes"] = max_bytes
    if encoding:
        out["encoding"] = encoding
    return out


def _pool(jobs: int, kwargs: dict[str, Any]) -> cf.ProcessPoolExecutor:
    # fork: no __main__ guard needed in research scripts, and workers start fast. The pool forks
    # all its workers on the first submit, before any progress thread exists.
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    return cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(kwargs,))


def _default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


_DIED = "a worker process died while summarising this file (out of memory?)"


def _died_json(path: str) -> tuple:
    return path, None, FileError(path, E_WORKER_DIED, _DIED)


def _died_summary(path: str) -> tuple:
    return path, CallNLPError(_DIED, path=path, code=E_WORKER_DIED)


def _timed_out_json(path: str, seconds: float) -> tuple:
    return path, None, FileError(path, FileTimeoutError.code, _timeout_message(seconds))


def _timed_out_summary(path: str, seconds: float) -> tuple:
    return path, FileTimeoutError(_timeout_message(seconds), path=path)


def _run(paths: Sequence[str], task: Callable, jobs: int, kwargs: dict[str, Any], *, ordered: bool,
         stop: threading.Event | None = None, died: Callable[[str], tuple] = _died_json,
         late: Callable[[str, float], tuple] = _timed_out_json) -> Iterator[tuple]:
    """Run ``task`` over ``paths``; yields task results (in input order if ``ordered``).

    In-process when ``jobs == 1``. A dead worker breaks the pool: the pool is rebuilt, the files
    that were in flight are retried one at a time, and a file on which a worker dies again yields
    (path, None, E998 error) / (path, CallNLPError E998).
    """
    if jobs <= 1:
        if "analyzer" not in _STATE:
            from .analyzer import get_analyzer

            _STATE["analyzer"] = get_analyzer()
        saved = _STATE.get("kwargs")
        _STATE["kwargs"] = kwargs
        try:
            for p in paths:
                if stop is not None and stop.is_set():
                    return
                yield task(p)
        finally:
            _STATE["kwargs"] = saved if saved is not None else {}
        return

    timeout = kwargs.get("timeout")
    hard_limit = timeout + min(30.0, max(5.0, timeout)) if timeout else None  # a worker's start-up counts too
    started: dict[cf.Future, float] = {}
    queue = list(range(len(paths) - 1, -1, -1))  # indices; pop() from the end = input order
    suspects: list[int] = []  # in flight when a worker died: retried alone
    strikes: dict[int, int] = {}
    pending: dict[cf.Future, int] = {}
    results: dict[int, tuple] = {}
    next_out = 0
    window = jobs  # a deeper queue would only delay a graceful stop
    pool = _pool(jobs, kwargs)
    try:
        while queue or suspects or pending:
            if stop is not None and stop.is_set():
                break
            limit = 1 if suspects else window
            while len(pending) < limit and (suspects or queue):
                i = suspects.pop(0) if suspects else queue.pop()
                fut = pool.submit(task, paths[i])
                pending[fut] = i
                started[fut] = time.monotonic()
            done, _ = cf.wait(pending, timeout=0.2, return_when=cf.FIRST_COMPLETED)
            if hard_limit and not done:
                overdue = [f for f in pending if time.monotonic() - started[f] > hard_limit]
                if overdue:  # stuck where the worker's own alarm cannot fire: kill the pool, keep the others
                    for f in overdue:
                        i = pending.pop(f)
                        results[i] = late(paths[i], timeout)
                    for i in pending.values():
                        suspects.append(i)
                    pending.clear()
                    _shutdown(pool, hard=True)
                    pool = _pool(jobs, kwargs)
                    done = set()
            broken = False
            for fut in done:
                i = pending.pop(fut)
                try:
                    res = fut.result()
                except cf.process.BrokenProcessPool:
                    broken = True
                    strikes[i] = strikes.get(i, 0) + 1
                    if strikes[i] < 2:
                        suspects.append(i)
                        continue
                    res = died(paths[i])
                results[i] = res
            if broken:
                for i in pending.values():  # every other in-flight file is suspect too
                    strikes[i] = strikes.get(i, 0) + 1
                    suspects.append(i)
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(jobs, kwargs)
            if ordered:
                while next_out in results:
                    yield results.pop(next_out)
                    next_out += 1
            else:
                for i in list(results):
                    yield results.pop(i)
        if stop is not None and stop.is_set():
            # Graceful stop: nothing new starts; what is running finishes (calls take seconds) and
            # is still handed back so its output is kept.
            for fut in pending:
                fut.cancel()
            for fut in cf.as_completed(pending):
                if not fut.cancelled() and fut.exception() is None:
                    yield fut.result()
            pending.clear()
    finally:
        # Reached on normal end, on stop, and when the consumer abandons the iterator (GeneratorExit)
        # or a second Ctrl-C raises KeyboardInterrupt: never leave worker processes behind.
        _shutdown(pool, hard=bool(pending))


def _shutdown(pool: cf.ProcessPoolExecutor, *, hard: bool) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=not hard, cancel_futures=True)
    if hard:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=5)


# Research API -------------------------------------------------------------------------------

def summarize_many(paths: Iterable[str | os.PathLike], *, jobs: int = 1, ordered: bool = True,
                   max_bytes: int | None = None, encoding: str | None = None, profile: str = "fast",
                   timeout: float | None = None) -> Iterator[tuple[str, "CallSummary | CallNLPError"]]:
    """Summarise many transcripts, yielding ``(path, CallSummary)`` or ``(path, CallNLPError)``.

    Args:
        paths: transcript files.
        jobs: worker processes; 1 (the default) runs in this process with the shared ``Analyzer``.
        ordered: True yields in input order (a slow file holds back later ones); False yields as
            files complete.
        timeout: seconds one file may take; a slower file yields a ``FileTimeoutError`` (E008) and
            the run goes on. None (the default) sets no limit.
        max_bytes / encoding / profile: passed to ``summarize``; many-call runs default to the fast
            profile (keyword question topics), like ``callnlp batch``.

    A failure never stops the iteration: any exception becomes a ``CallNLPError`` (``E999`` with the
    original type in the message when it was not one already) and is yielded, not raised.

    Example:
        >>> import callnlp
        >>> for path, s in callnlp.summarize_many(["a.txt", "b.txt"], jobs=2):  # doctest: +SKIP
        ...     print(path, s if isinstance(s, callnlp.CallNLPError) else len(s.guidance))
    """
    items = [os.fspath(p) for p in paths]
    kwargs = _kwargs(max_bytes, encoding, profile, timeout)
    yield from _run(items, _job_summary, max(1, jobs), kwargs, ordered=ordered, died=_died_summary,
                    late=_timed_out_summary)


# Batch run ----------------------------------------------------------------------------------

class Progress:
    """What ``run_batch`` reports to; the CLI draws a bar from it. All methods are optional no-ops."""

    def start(self, total: int) -> None: ...

    def advance(self, path: str, failed: bool) -> None: ...

    def stop(self) -> None: ...


def run_batch(inputs: Sequence[str | os.PathLike], out: str | os.PathLike, *,
              root: str | os.PathLike | None = None, jobs: int | None = None,
              tables: Sequence[str] = ("parquet", "csv"), resume: bool = False,
              max_bytes: int | None = None, encoding: str | None = None,
              clusters: bool = False, progress: Progress | None = None,
              stop: threading.Event | None = None, profile: str = "fast",
              timeout: float | None = None, tables_dir: str | os.PathLike | None = None) -> BatchResult:
    """Summarise ``inputs`` into ``out`` (see the module docstring). Prints nothing.

    Args:
        inputs: transcript paths (as ``discover`` returns them); ``root`` is their folder, used to
            name same-stem files (default: their common folder).
        jobs: worker processes (default ``os.cpu_count()``; 1 runs in this process).
        tables: formats to write, any of "parquet", "csv"; empty for none.
        tables_dir: where the tables go (default ``out/tables``; ``out`` itself gives the flat layout
            of callnlp before 0.1, ``out/<table>.parquet``).
        clusters: fill the question_clusters table (MiniLM over every question, in this process,
            after the calls: about 3 minutes for 4,000 questions on 2 CPUs); False (the default)
            writes it empty, with its columns.
        resume: skip inputs whose output JSON already has the same content sha256.
        timeout: seconds one file may take; a slower file is listed in errors.jsonl with E008.
        stop: set it (e.g. from a SIGTERM handler) to stop gracefully: running files finish and are
            written, nothing new starts, no tables are written and ``interrupted`` is True.
    """
    from .frame import call_ids

    t0 = time.monotonic()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables_dir = Path(tables_dir) if tables_dir is not None else out / "tables"
    _remove_stale_temps(out, tables_dir)
    paths = list(dict.fromkeys(os.fspath(p) for p in inputs))
    names = dict(zip(paths, call_ids(paths, root=root)))
    res = BatchResult(total=len(paths))
    shas = {p: _file_sha256(p) for p in paths}
    todo = []
    for p in paths:
        target = out / f"{names[p]}.json"
        if resume and shas[p] and target.is_file() and _output_sha(target) == shas[p]:
            res.skipped += 1
            res.outputs[p] = target
        else:
            todo.append(p)
    progress = progress or Progress()
    jobs = jobs or _default_jobs()
    stop = stop or threading.Event()
    progress.start(len(todo))
    try:
        for path, text, err in _run(todo, _job_json, min(jobs, max(1, len(todo))),
                                    _kwargs(max_bytes, encoding, profile, timeout), ordered=False, stop=stop):
            if err is None:
                target = out / f"{names[path]}.json"
                write_atomic(target, text)
                res.outputs[path] = target
                res.done += 1
            else:
                res.errors.append(err)
            progress.advance(path, err is not None)
    except KeyboardInterrupt:  # a second signal: abandon what is in flight
        stop.set()
    finally:
        progress.stop()
    res.interrupted = stop.is_set() and res.done + len(res.errors) + res.skipped < len(paths)
    res.errors.sort(key=lambda e: e.path)
    write_atomic(out / "errors.jsonl", "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n"
                                               for e in res.errors))
    if not res.interrupted and tables:
        failed = {e.path for e in res.errors}
        done = [p for p in paths if p in res.outputs and p not in failed]
        res.tables, res.warnings = write_tables(out, [(p, names[p], shas[p]) for p in done], tables,
                                                clusters=clusters, folder=tables_dir)
        res.warnings += _stale_flat_tables(out, tables_dir)
    res.seconds = time.monotonic() - t0
    return res


def _slim(d: dict, path: str) -> dict:
    """What the tables need from one output: turn texts dropped, source path set to the input's."""
    d = dict(d)
    d["turns"] = [None] * len(d.get("turns") or ())
    d["source"] = {**(d.get("source") or {}), "path": path}
    return d


def _stale_flat_tables(out: Path, tables_dir: Path) -> list[str]:
    """A warning for tables an older callnlp left at ``out/<table>.parquet|csv``: they are not updated."""
    if out.resolve() == tables_dir.resolve():
        return []
    stale = [p.name for t in TABLE_NAMES for p in (out / f"{t}.parquet", out / f"{t}.csv") if p.is_file()]
    if not stale:
        return []
    return [f"{out}/ holds tables left by an older callnlp ({', '.join(stale[:3])}"
            f"{', ...' if len(stale) > 3 else ''}); they are not updated: the tables are in {tables_dir}/ "
            f"(pass --tables-dir {out} to write them there instead)"]


def write_tables(out: Path, calls: Sequence[tuple[str, str, str | None]],
                 formats: Sequence[str], *, clusters: bool = False,
                 folder: Path | None = None) -> tuple[list[Path], list[str]]:
    """Rebuild every table from the JSON outputs of ``calls`` ((path, call_id, sha256), path order)
    into ``folder`` (default ``out/tables``).

    Returns the files written and the warnings raised while building the tables."""
    import warnings

    from .frame import to_frame

    dicts, ids = [], []
    for path, cid, sha in calls:
        d = _read_output(out / f"{cid}.json")
        if d is None or (sha and (d.get("source") or {}).get("sha256") != sha):
            continue  # output of an older version of this file: not part of this input set
        dicts.append(_slim(d, path))
        ids.append(cid)
    written: list[Path] = []
    notes: list[str] = []
    folder = folder if folder is not None else out / "tables"
    for table in TABLE_NAMES:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if table == "question_clusters" and not clusters:
                frame = to_frame([], table)
            else:
                frame = to_frame(dicts, table, ids=ids)
        notes.extend(f"{table}: {w.message}" for w in caught if issubclass(w.category, RuntimeWarning))
        if "parquet" in formats:
            target = folder / f"{table}.parquet"
            write_atomic(target, lambda tmp: frame.to_parquet(tmp, index=False))
            written.append(target)
        if "csv" in formats:
            target = folder / f"{table}.csv"
            write_atomic(target, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8"))
            written.append(target)
    return written, list(dict.fromkeys(notes))
