"""The typer application; each command lives in its own module."""
from __future__ import annotations

import typer

from sohr_nlp.cli import corpus, gazetteer
from sohr_nlp.cli.annotate import annotate
from sohr_nlp.cli.evaluate import evaluate
from sohr_nlp.cli.parse import parse
from sohr_nlp.cli.train import train

app = typer.Typer(help="Structured conflict events from Arabic SOHR reports.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
app.command()(train)
app.command()(evaluate)
app.command()(annotate)
app.command()(parse)
app.add_typer(corpus.app, name="corpus")
app.add_typer(gazetteer.app, name="gazetteer")
