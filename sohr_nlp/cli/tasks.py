"""`sohr-nlp corpus import | export-tasks`: annotations in and out of Label Studio, doccano, Prodigy.

`export-tasks` pre-annotates reports with the model in a tool's import format and writes the
tool's labelling configuration next to it; `import` turns the tool's export into validated
corpus documents for `sohr-nlp train --corpus corpus --corpus corpus_user.jsonl`.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from sohr_nlp.cli.annotate import fail


class Tool(str, Enum):
    """The annotation tools, by their CLI names."""

    label_studio = "label-studio"
    doccano = "doccano"
    prodigy = "prodigy"


def import_annotations(path: Path, *, tool: str) -> tuple[list[dict[str, Any]], list[Any]]:
    """Validated corpus documents of a tool's export file, and the rejected records."""
    from sohr_nlp.interop import read_export, tool_module

    return tool_module(tool).import_records(read_export(path))


def read_reports(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(text, {"id", "date"}) of each line of a JSONL file of reports; ValueError names a bad line."""
    from sohr_nlp.sources import read_items

    reports = []
    for item in read_items(path, fmt="jsonl"):
        if item.error:
            raise ValueError(f"{path}:{item.position}: {item.error}")
        reports.append((item.text, {"id": item.id, "date": item.date}))
    return reports


def export_annotation_tasks(reports: list[tuple[str, dict[str, Any]]], *, tool: str, nlp: Any,
                            show_progress: bool = False) -> list[Any]:
    """The tool's import records for `reports`, with the model's predictions as pre-annotations."""
    from rich.console import Console
    from rich.progress import track

    from sohr_nlp.api import parse_many
    from sohr_nlp.interop import tool_module

    parsed = track(parse_many(reports, nlp=nlp), total=len(reports), description="pre-annotating",
                   console=Console(stderr=True), transient=True, disable=not show_progress)
    return tool_module(tool).export_tasks(list(parsed), nlp=nlp)


def write_tasks(tasks: list[Any], output: Path, *, tool: str) -> list[Path]:
    """Write the tasks (a JSON array for Label Studio, JSON lines otherwise) and the config files."""
    from sohr_nlp.corpus.store import write_jsonl_atomic
    from sohr_nlp.interop import tool_module

    output.parent.mkdir(parents=True, exist_ok=True)
    if tool == Tool.label_studio.value:
        output.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        write_jsonl_atomic(output, tasks)
    written = [output]
    for suffix, content in tool_module(tool).config_files().items():
        path = config_path(output, suffix)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def config_path(output: Path, suffix: str) -> Path:
    """Where a config file goes: next to the tasks, `tasks.label_config.xml` for `tasks.json`."""
    return output.with_name(f"{output.stem}.{suffix}")


def import_command(
    file: Annotated[Path, typer.Argument(help="The tool's export: Label Studio JSON, doccano JSONL, or Prodigy JSONL (db-out).")],
    tool: Annotated[Tool, typer.Option("--from", help="The tool that wrote FILE.")],
    output: Annotated[Path, typer.Option("--output", help="Where to write the validated corpus documents (JSONL).")] = Path("corpus_user.jsonl"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Import annotations from Label Studio, doccano or Prodigy as corpus documents."""
    from sohr_nlp.corpus.store import write_jsonl_atomic

    _check_paths(file, output, force)
    try:
        docs, problems = import_annotations(file, tool=tool.value)
    except (ValueError, UnicodeDecodeError) as err:
        fail(f"{file}: {err}")
    for problem in problems:
        typer.echo(f"{file}: {problem}", err=True)
    rejected = len({p.index for p in problems})
    if not docs:
        fail(f"no valid document in {file} ({rejected} records rejected); nothing written.")
    write_jsonl_atomic(output, docs)
    typer.echo(f"{'documents':<12}{len(docs):>6}\n"
               f"{'entities':<12}{sum(len(d['entities']) for d in docs):>6}\n"
               f"{'triggers':<12}{sum(len(d['triggers']) for d in docs):>6}\n"
               f"{'relations':<12}{sum(len(d['relations']) for d in docs):>6}\n"
               f"{'events':<12}{sum(len(d['events']) for d in docs):>6}\n"
               f"{'aggregates':<12}{sum(len(d['aggregates']) for d in docs):>6}\n"
               f"{'rejected':<12}{rejected:>6}")
    typer.echo(f"wrote {len(docs)} documents to {output}")


def export_tasks_command(
    input: Annotated[Path, typer.Argument(help="JSONL of reports: id, text and (optional) date, ISO.")],
    output: Annotated[Path, typer.Argument(help="The tasks file to write (Label Studio: a JSON array; doccano, Prodigy: JSONL).")],
    tool: Annotated[Tool, typer.Option("--to", help="The tool to annotate in.")],
    model: Annotated[Optional[Path], typer.Option(help="Model folder (default: the shipped model).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Pre-annotate reports with the model as tasks for Label Studio, doccano or Prodigy."""
    from sohr_nlp.api import load

    _check_paths(input, output, force)
    try:
        reports = read_reports(input)
    except ValueError as err:
        fail(str(err))
    if not reports:
        fail(f"{input} holds no report; each line needs an object with a 'text'.")
    try:
        nlp = load(model)
    except FileNotFoundError as err:
        fail(str(err))
    try:
        tasks = export_annotation_tasks(reports, tool=tool.value, nlp=nlp,
                                        show_progress=sys.stderr.isatty())
    except (ValueError, TypeError) as err:
        fail(str(err))
    written = write_tasks(tasks, output, tool=tool.value)
    typer.echo(f"wrote {len(tasks)} tasks to {output}")
    for path in written[1:]:
        typer.echo(f"labelling config: {path}")


def _check_paths(source: Path, output: Path, force: bool) -> None:
    """Fail unless `source` exists and `output` may be written."""
    if not source.exists():
        fail(f"{source}: no such file.")
    if output.exists() and not force:
        fail(f"{output} exists; pass --force to overwrite it.")
