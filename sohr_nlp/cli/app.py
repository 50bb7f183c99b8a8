"""The typer application; each command lives in its own module."""
from __future__ import annotations

import typer

app = typer.Typer(help="Structured conflict events from Arabic SOHR reports.", no_args_is_help=True)
