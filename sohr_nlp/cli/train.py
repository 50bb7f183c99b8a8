"""`sohr-nlp train`: retrain every component from annotated corpora."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer


def train(
    corpus: Annotated[list[Path], typer.Option("--corpus", help="Corpus folder or JSONL file; repeat to combine corpora.")] = [Path("corpus")],  # noqa: B006
    output: Annotated[Path, typer.Option(help="Folder of the trained model.")] = Path("models/sohr_default"),
    config: Annotated[Optional[Path], typer.Option(help="Pipeline and training config (default training/config.cfg).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    evaluate_on: Annotated[Optional[list[Path]], typer.Option(help="Extra gold JSONL files to score the model on (recorded in meta.json).")] = None,
) -> None:
    """Train the NER, trigger, relation and incident models and save a loadable pipeline."""
    from sohr_nlp.training import train as run_training

    for path in corpus:
        if not path.exists():
            typer.echo(f"Corpus {path} does not exist.", err=True)
            raise typer.Exit(1)
    started = time.time()
    try:
        run_training(corpus, output, config=config, seed=seed, log=typer.echo,
                     evaluate_on=evaluate_on or [])
    except (ValueError, FileNotFoundError) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1)
    typer.echo(f"saved {output} in {time.time() - started:.0f} s")
