"""`load`, `parse` and `parse_many`: the notebook entry points."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import sohr_nlp.pipeline  # noqa: F401  (registers components and extensions)
from sohr_nlp.dates import as_date
from sohr_nlp.records import Report
from sohr_nlp.tokenizer import check_text

DEFAULT_MODEL = "sohr_default"
MAX_PARSE_CHARS = 1_000_000


def model_dirs() -> list[Path]:
    """Where the shipped model is looked for: installed package data, then the source tree."""
    here = Path(__file__).resolve().parent
    return [here / "models" / DEFAULT_MODEL, here.parent / "models" / DEFAULT_MODEL]


def find_model(path: str | Path | None = None) -> Path:
    """The folder of the model to load; raises a clear error when there is none."""
    if path is None and os.environ.get("SOHR_NLP_MODEL"):
        path = os.environ["SOHR_NLP_MODEL"]
    candidates = [Path(path)] if path is not None else model_dirs()
    for candidate in candidates:
        if (candidate / "config.cfg").exists():
            return candidate
    raise FileNotFoundError(
        f"(sohr_nlp) [E030] No sohr_nlp model at {', '.join(str(c) for c in candidates)}. "
        "Pass the folder that `sohr-nlp train` wrote, e.g. sohr_nlp.load('models/sohr_default')."
    )


def load(path: str | Path | None = None) -> Any:
    """The spaCy pipeline at `path`, or the shipped default model."""
    import spacy

    return spacy.load(find_model(path))


@lru_cache(maxsize=1)
def _default_nlp() -> Any:
    return load()


def check_report(text: Any) -> str:
    """The text if the pipeline can take it; a clear error otherwise."""
    text = check_text(text)
    if len(text) > MAX_PARSE_CHARS:
        raise ValueError(
            f"(sohr_nlp) [E004] Report of {len(text):,} characters is longer than "
            f"{MAX_PARSE_CHARS:,}. SOHR reports are far shorter: split the text into reports."
        )
    return text


def make_doc(nlp: Any, text: str, *, date: str | None = None) -> Any:
    """A tokenised doc carrying the report date (ISO) for the date normaliser."""
    doc = nlp.make_doc(check_report(text))
    if date is not None:
        as_date(date)  # raises a clear error for a malformed date
        doc._.sohr_date = str(date)[:10]
    return doc


def parse(text: str, *, date: str | None = None, nlp: Any = None, doc_id: str | None = None) -> Report:
    """Entities, events and aggregates of one report.

    `date` (ISO, the report's publication date) resolves الجاري/الفائت/أمس and year-less dates.
    Empty or non-Arabic text gives an empty report; non-text input raises TypeError.
    """
    from sohr_nlp.batch import reports_of

    return reports_of(nlp or _default_nlp(), [(check_report(text), date, doc_id)])[0]


def parse_many(texts: Iterable[str | tuple[str, dict[str, Any]]], *, nlp: Any = None,
               batch_size: int = 16, n_process: int = 1) -> Iterator[Report]:
    """Reports for many texts; items may be (text, {"id": …, "date": …}).

    One process runs `nlp.pipe` and keeps each report's Doc (`report.doc`); with
    `n_process` > 1 forked workers share the loaded pipeline and reports come without Doc.
    """
    from sohr_nlp.batch import _workers, reports_of

    nlp = nlp or _default_nlp()

    def triples() -> Iterator[tuple[str, str | None, str | None]]:
        for item in texts:
            text, ctx = item if isinstance(item, tuple) else (item, {})
            yield check_report(text), ctx.get("date"), ctx.get("id")

    if n_process <= 1:
        batch: list[tuple[str, str | None, str | None]] = []
        for triple in triples():
            batch.append(triple)
            if len(batch) >= batch_size:
                yield from reports_of(nlp, batch, batch_size=batch_size)
                batch = []
        if batch:
            yield from reports_of(nlp, batch, batch_size=batch_size)
        return
    with _workers(nlp, n_process) as pool:
        batch = []
        for triple in triples():
            batch.append(triple)
            if len(batch) >= batch_size * n_process * 8:
                yield from _from_pool(pool, batch, batch_size)
                batch = []
        if batch:
            yield from _from_pool(pool, batch, batch_size)


def _from_pool(pool: Any, batch: list[tuple[str, str | None, str | None]], size: int) -> Iterator[Report]:
    from sohr_nlp.batch import _worker_records

    parts = [batch[i:i + size] for i in range(0, len(batch), size)]
    for part in pool.imap(_worker_records, parts):
        for record in part:
            yield Report.from_dict(record)
