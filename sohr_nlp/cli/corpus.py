"""`sohr-nlp corpus build | validate | stats`: the annotated corpus."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sohr_nlp.corpus.store import build_corpus, corpus_stats, load_corpus, read_jsonl, write_jsonl_atomic
from sohr_nlp.corpus.validate import validate_doc

app = typer.Typer(help="Build, validate and count the annotated corpus.", no_args_is_help=True)
CorpusDir = Annotated[Path, typer.Option("--corpus", help="Corpus folder (src/*.sohr → corpus.jsonl).")]


@app.command("build")
def build(corpus: CorpusDir = Path("corpus")) -> None:
    """Convert corpus/src/*.sohr to corpus/corpus.jsonl, keeping the fixed splits."""
    docs, problems = build_corpus(corpus)
    for line in problems:
        typer.echo(line, err=True)
    if problems:
        typer.echo(f"{len(problems)} problems; corpus.jsonl not written.", err=True)
        raise typer.Exit(1)
    n = write_jsonl_atomic(corpus / "corpus.jsonl", docs)
    typer.echo(f"wrote {n} documents to {corpus / 'corpus.jsonl'}")


@app.command("validate")
def validate(
    files: Annotated[list[Path], typer.Argument(help="corpus.jsonl files (default: the corpus's).")] = None,
    corpus: CorpusDir = Path("corpus"),
) -> None:
    """Check stored documents against the annotation guidelines; exit 1 on any problem."""
    paths = files or [corpus / "corpus.jsonl"]
    bad = 0
    total = 0
    for path in paths:
        if not path.exists():
            typer.echo(f"{path}: no such file", err=True)
            raise typer.Exit(1)
        try:
            for doc in read_jsonl(path):
                total += 1
                for problem in validate_doc(doc):
                    bad += 1
                    typer.echo(f"{path}: [{doc.get('id')}] {problem}")
        except ValueError as err:
            typer.echo(str(err), err=True)
            raise typer.Exit(1)
    typer.echo(f"{total} documents, {bad} problems")
    if bad:
        raise typer.Exit(1)


@app.command("stats")
def stats(corpus: CorpusDir = Path("corpus")) -> None:
    """Print corpus statistics as a Markdown section (for corpus/README.md)."""
    from sohr_nlp.tokenizer import blank

    nlp = blank()
    docs = load_corpus([corpus / "corpus.jsonl"])
    typer.echo(format_stats(corpus_stats(docs, count_tokens=lambda t: sum(1 for tok in nlp(t) if not tok.is_space))))


def format_stats(s: dict) -> str:
    lines = ["## Statistics", "", "Produced by `sohr-nlp corpus stats` (hand-written documents).", ""]
    lines.append(f"- documents: {sum(s['documents'].values())} "
                 f"({', '.join(f'{k} {v}' for k, v in sorted(s['documents'].items()))})")
    lines.append(f"- tokens: {s.get('tokens', 0):,}")
    lines.append(f"- entity spans: {sum(s['labels'].values()):,} "
                 f"({', '.join(f'{k} {v}' for k, v in s['labels'].most_common())})")
    lines.append(f"- triggers: {sum(s['triggers'].values()):,} "
                 f"({', '.join(f'{k} {v}' for k, v in s['triggers'].most_common())})")
    lines.append(f"- events: {sum(s['events'].values()):,} "
                 f"({', '.join(f'{k} {v}' for k, v in s['events'].most_common())})")
    lines.append(f"- aggregates: {s['aggregates']:,}")
    lines.append(f"- actors in events: {', '.join(f'{k} {v}' for k, v in s['actors'].most_common())}")
    lines.append(f"- governorates of events: {', '.join(f'{k} {v}' for k, v in s['governorates'].most_common())}")
    lines.append(f"- years of dated events: {', '.join(f'{k} {v}' for k, v in sorted(s['years'].items()))}")
    return "\n".join(lines)
from sohr_nlp.cli.tasks import export_tasks_command, import_command  # noqa: E402
app.command("import")(import_command)
app.command("export-tasks")(export_tasks_command)
