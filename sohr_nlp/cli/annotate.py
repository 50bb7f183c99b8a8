"""`sohr-nlp annotate INPUT OUTPUT`: annotate a corpus of reports, resumably."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sohr_nlp.sources import FORMATS, Keys, detect_format, read_items


def annotate(
    input: Annotated[Path, typer.Argument(help="A .jsonl, .txt, .csv or .parquet file, a folder of .txt files, or a saved Hugging Face dataset.")],
    output: Annotated[Path, typer.Argument(help="Where to write: JSON lines per SCHEMA.md, or ACLED-style CSV with --format csv.")],
    model: Annotated[Optional[Path], typer.Option(help="Model folder (default: the shipped model).")] = None,
    format: Annotated[str, typer.Option("--format", help="Output format: jsonl or csv.")] = "jsonl",
    input_format: Annotated[Optional[str], typer.Option(help=f"Input format if the suffix does not tell: {', '.join(FORMATS)}.")] = None,
    id_key: Annotated[str, typer.Option(help="Field of the document id.")] = "id",
    text_key: Annotated[str, typer.Option(help="Field of the report text.")] = "text",
    date_key: Annotated[str, typer.Option(help="Field of the report date (ISO).")] = "date",
    n_process: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Documents per batch.")] = 16,
    force: Annotated[bool, typer.Option("--force", help="Start over instead of resuming.")] = False,
    engine: Annotated[str, typer.Option(help="local, or dask to run on a Dask cluster.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Address of a running Dask scheduler (with --engine dask).")] = None,
    partitions: Annotated[Optional[int], typer.Option(help="Dask partitions (with --engine dask).")] = None,
) -> None:
    """Annotate reports into event records; re-run to resume after an interruption."""
    from sohr_nlp import batch

    if format not in ("jsonl", "csv"):
        fail(f"Unknown --format {format!r}; use jsonl or csv.")
    if not input.exists():
        fail(f"Input {input} does not exist.")
    try:
        fmt = input_format or detect_format(input)
    except ValueError as err:
        fail(str(err))
    if output.exists() and not force and not batch.journal_path(output).exists():
        typer.echo(f"{output} is complete already; use --force to annotate again.")
        return
    keys = Keys(id=id_key, text=text_key, date=date_key)
    if engine == "dask":
        try:
            from sohr_nlp.distributed import annotate_with_dask

            summary = annotate_with_dask(input, output, fmt=fmt, keys=keys, model=model,
                                         scheduler=scheduler, partitions=partitions, force=force,
                                         output_format=format)
        except ImportError as err:
            fail(f"--engine dask needs the dask extra: pip install \"sohr_nlp[dask]\" ({err})")
        except (FileNotFoundError, RuntimeError, OSError) as err:
            fail(str(err))
        except KeyboardInterrupt:
            typer.echo(f"\ninterrupted: what is done is kept in {batch.journal_path(output)}; "
                       "run the same command again to resume.", err=True)
            raise typer.Exit(130)
        _report(summary)
        return
    if engine != "local":
        fail(f"Unknown --engine {engine!r}; use local or dask.")
    from sohr_nlp.api import load

    try:
        nlp = load(model)
    except FileNotFoundError as err:
        fail(str(err))
    finish = _write_acled if format == "csv" else None
    items = read_items(input, keys=keys, fmt=fmt)
    try:
        with _progress() as advance:
            summary = batch.run(nlp, items, output, batch_size=batch_size, n_process=n_process,
                                force=force, finish=finish, progress=advance)
    except KeyboardInterrupt:
        typer.echo(f"\ninterrupted: what is done is kept in {batch.journal_path(output)}; "
                   "run the same command again to resume.", err=True)
        raise typer.Exit(130)
    _report(summary)


def _write_acled(journal: Path, out: Path) -> None:
    """Finish a run with the ACLED-style CSV made from its journal."""
    from sohr_nlp.batch import journal_records
    from sohr_nlp.export import write_acled_csv

    write_acled_csv(journal_records(journal), out)
    journal.unlink()


def _report(summary) -> None:
    typer.echo(f"documents {summary.documents}  events {summary.events}  aggregates {summary.aggregates}  "
               f"errors {summary.errors}  skipped (done before) {summary.skipped}  "
               f"time {summary.seconds:.1f} s  ({summary.docs_per_second:.1f} docs/s)")
    typer.echo(f"output: {summary.output}")
    if summary.errors:
        typer.echo(f"errors: {summary.errors_file} ({', '.join(f'{k}: {v}' for k, v in summary.by_reason.items())})")


class _progress:
    """A progress bar with documents per second on a terminal; nothing otherwise."""

    def __enter__(self):
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task) -> Text:
                    return Text(f"{task.speed or 0:.1f} docs/s")

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), Rate(),
                                TimeElapsedColumn(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("annotate", total=None)
        return self.advance

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def fail(message: str) -> None:
    """Print a clear error and end the command with exit status 1."""
    typer.echo(message, err=True)
    raise typer.Exit(1)
