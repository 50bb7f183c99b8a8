"""The typer application; each command lives in its own module."""
from __future__ import annotations

import typer

from sohr_nlp.cli import corpus

app = typer.Typer(help="Structured conflict events from Arabic SOHR reports.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
app.add_typer(corpus.app, name="corpus")
