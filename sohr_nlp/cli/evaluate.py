"""`sohr-nlp evaluate [MODEL] GOLD.jsonl`: entity, relation, event and aggregate scores."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer


def evaluate(
    paths: Annotated[list[Path], typer.Argument(help="[MODEL] GOLD.jsonl: the model folder is optional.")],
    output: Annotated[Optional[Path], typer.Option(help="Write the metrics as JSON here.")] = None,
) -> None:
    """Score a model on gold documents (same definitions as the shared scorer)."""
    from sohr_nlp.evaluation import evaluate_model

    if len(paths) not in (1, 2):
        typer.echo("Give GOLD.jsonl, or MODEL GOLD.jsonl.", err=True)
        raise typer.Exit(1)
    model, gold = (None, paths[0]) if len(paths) == 1 else (paths[0], paths[1])
    if not gold.exists():
        typer.echo(f"Gold file {gold} does not exist.", err=True)
        raise typer.Exit(1)
    try:
        metrics = evaluate_model(gold, model=model)
    except (ValueError, FileNotFoundError) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1)
    typer.echo(format_tables(metrics))
    if output:
        output.write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")


def format_tables(m: dict[str, Any]) -> str:
    lines = [f"documents: {m['documents']}", f"{'':26}{'P':>7}{'R':>7}{'F':>7}"]
    for title, key in (("entities (exact)", "entities_exact"), ("entities (overlap)", "entities_overlap"),
                       ("event slots", "event_slots")):
        lines.append(title)
        for k, r in m[key].items():
            lines.append(f"  {k:24}{r['p']:7.3f}{r['r']:7.3f}{r['f']:7.3f}")
    if "relations" in m:
        lines.append("relations (gold entities and triggers)")
        for k, r in m["relations"].items():
            lines.append(f"  {k:24}{r['p']:7.3f}{r['r']:7.3f}{r['f']:7.3f}")
    for title, key in (("event detection", "event_detection"), ("aggregate detection", "aggregate_detection")):
        r = m[key]
        lines.append(f"{title:26}{r['p']:7.3f}{r['r']:7.3f}{r['f']:7.3f}")
    r = m["aggregate_slots"]["micro"]
    lines.append(f"{'aggregate slots':26}{r['p']:7.3f}{r['r']:7.3f}{r['f']:7.3f}")
    return "\n".join(lines)
