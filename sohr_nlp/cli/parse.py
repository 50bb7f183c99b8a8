"""`sohr-nlp parse TEXT`: entities and events of one report, readable or as JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer


def parse(
    text: Annotated[str, typer.Argument(help="The report text, or - to read it from standard input.")],
    date: Annotated[Optional[str], typer.Option(help="The report's publication date (ISO).")] = None,
    model: Annotated[Optional[Path], typer.Option(help="Model folder (default: the shipped model).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the SCHEMA.md document as JSON.")] = False,
) -> None:
    """Print the entities and events of one report."""
    from sohr_nlp.api import load, parse as parse_text

    if text == "-":
        text = sys.stdin.read()
    try:
        nlp = load(model)
        report = parse_text(text, date=date, nlp=nlp)
    except (FileNotFoundError, ValueError, TypeError) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo("entities:")
    for e in report.entities:
        typer.echo(f"  {e.label:<12} {e.text}  → {e.canonical}")
    typer.echo(repr(report))
