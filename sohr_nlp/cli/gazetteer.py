"""`sohr-nlp gazetteer import FILE`: merge an authoritative place list into the gazetteer."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(help="Extend the gazetteer with GeoNames or OCHA place lists.", no_args_is_help=True)


@app.command("import")
def import_places(
    file: Annotated[Path, typer.Argument(help="A GeoNames dump (e.g. SY.txt) or an OCHA admin CSV.")],
    output: Annotated[Optional[Path], typer.Option(help="Gazetteer TSV to write (default: the user gazetteer that sohr_nlp loads).")] = None,
    source: Annotated[Optional[str], typer.Option("--from", help="geonames or ocha (default: from the file).")] = None,
) -> None:
    """Convert FILE to the gazetteer format and add it to the places sohr_nlp loads."""
    from sohr_nlp.lexicon.importer import import_file, user_gazetteer

    if not file.exists():
        typer.echo(f"{file} does not exist.", err=True)
        raise typer.Exit(1)
    target = output or user_gazetteer()
    try:
        added, skipped = import_file(file, target, source=source)
    except ValueError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1)
    typer.echo(f"added {added} places to {target} ({skipped} rows skipped: outside Syria or unnamed)")
