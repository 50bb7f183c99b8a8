"""The `sohr-nlp` command line."""
from __future__ import annotations

from sohr_nlp.cli.app import app


def main() -> None:
    app()
