"""Batch annotation with resume and error isolation (the engine behind `sohr-nlp annotate`).

Records go to a journal, `OUTPUT.part` (JSON lines, flushed after every chunk); only when the
whole input is done is the journal turned into OUTPUT in one atomic rename, so OUTPUT is never
half-written. A re-run after an interruption (Ctrl-C, kill -9) repairs a torn last journal
line, skips the positions already done and goes on: no record is lost or written twice.
Bad records go to `OUTPUT.errors.jsonl` with their position and reason; the run goes on.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import time
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sohr_nlp.api import MAX_PARSE_CHARS, make_doc
from sohr_nlp.arabic import arabic_ratio
from sohr_nlp.records import Report
from sohr_nlp.sources import Item

POSITION = "_position"
DEFAULT_BATCH = 16  # documents a spaCy batch: larger batches cost memory, not speed  # journal-only field, removed from the final output


@dataclass
class Summary:
    """What a batch run did."""

    documents: int = 0
    events: int = 0
    aggregates: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    output: str = ""
    errors_file: str = ""
    by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def journal_path(output: Path) -> Path:
    return output.with_name(output.name + ".part")


def errors_path(output: Path) -> Path:
    stem = output.name[: -len(output.suffix)] if output.suffix else output.name
    return output.with_name(stem + ".errors.jsonl")


def _repair(path: Path) -> set[int]:
    """Positions recorded in a journal, after cutting a torn (unterminated) last line."""
    done: set[int] = set()
    if not path.exists():
        return done
    with path.open("rb+") as f:
        data = f.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            f.truncate(end)
        for line in data[:end].splitlines():
            try:
                done.add(int(json.loads(line)[POSITION]))
            except (ValueError, KeyError, TypeError):
                continue
    return done


def check_item(item: Item) -> str | None:
    """Why a record cannot be annotated, or None when it can."""
    if item.error:
        return item.error
    if len(item.text or "") > MAX_PARSE_CHARS:
        return f"text of {len(item.text):,} characters is longer than the limit of {MAX_PARSE_CHARS:,}"
    return None


def annotate_items(nlp: Any, items: Iterable[Item], *, batch_size: int = DEFAULT_BATCH, n_process: int = 1,
                   on_error: Callable[[Item, str], None]) -> Iterator[tuple[Item, dict[str, Any]]]:
    """(item, SCHEMA.md document) for every good item; bad ones go to `on_error`.

    With `n_process` > 1 the documents are shared out to forked worker processes that
    inherit the loaded pipeline; only texts go out and plain records come back.
    """
    size = max(1, batch_size) * max(1, n_process) * 8
    with _workers(nlp, n_process) as pool:
        chunk: list[Item] = []
        for item in items:
            reason = check_item(item)
            if reason:
                on_error(item, reason)
                continue
            chunk.append(item)
            if len(chunk) >= size:
                yield from _annotate_chunk(nlp, pool, chunk, batch_size, on_error)
                chunk = []
        if chunk:
            yield from _annotate_chunk(nlp, pool, chunk, batch_size, on_error)


@contextmanager
def _workers(nlp: Any, n_process: int) -> Iterator[Any]:
    """A pool of forked processes holding `nlp` (None for one process)."""
    if n_process <= 1:
        yield None
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process, initializer=_set_worker_nlp, initargs=(nlp,)) as pool:
        yield pool


_WORKER_NLP: Any = None


def _set_worker_nlp(nlp: Any) -> None:
    global _WORKER_NLP
    _WORKER_NLP = nlp


def _worker_records(payload: list[tuple[str, str | None, str | None]]) -> list[dict[str, Any]]:
    return records_of(_WORKER_NLP, payload)


def reports_of(nlp: Any, payload: list[tuple[str, str | None, str | None]], *,
               batch_size: int = DEFAULT_BATCH) -> list[Report]:
    """Reports for (text, date, id) triples, in one process; empty or non-Arabic texts skip
    the pipeline and give empty reports."""
    items = [Item(0, doc_id, text, date) for text, date, doc_id in payload]
    docs = [_doc(nlp, item) for item in items]
    todo = [(i, d) for i, d in enumerate(docs) if not d.user_data.get("sohr_skip")]
    for (i, _), doc in zip(todo, nlp.pipe((d for _, d in todo), batch_size=batch_size)):
        docs[i] = doc
    return [Report.from_doc(doc, doc_id=item.id) for item, doc in zip(items, docs)]


def records_of(nlp: Any, payload: list[tuple[str, str | None, str | None]], *,
               batch_size: int = DEFAULT_BATCH) -> list[dict[str, Any]]:
    """SCHEMA.md documents for (text, date, id) triples, in one process."""
    return [report.to_dict() for report in reports_of(nlp, payload, batch_size=batch_size)]


def _annotate_chunk(nlp: Any, pool: Any, chunk: list[Item], batch_size: int,
                    on_error: Callable[[Item, str], None]) -> Iterator[tuple[Item, dict[str, Any]]]:
    payload = [(item.text or "", item.date, item.id) for item in chunk]
    try:
        if pool is None:
            results: list[dict[str, Any] | None] = list(records_of(nlp, payload, batch_size=batch_size))
        else:
            parts = [payload[i:i + batch_size] for i in range(0, len(payload), batch_size)]
            results = [r for part in pool.map(_worker_records, parts) for r in part]
    except Exception:  # noqa: BLE001  one bad document must not sink the chunk: redo one by one
        results = []
        for item, one in zip(chunk, payload):
            try:
                results.append(records_of(nlp, [one])[0])
            except Exception as err:  # noqa: BLE001
                on_error(item, f"{type(err).__name__}: {err}")
                results.append(None)
    for item, result in zip(chunk, results):
        if result is not None:
            yield item, result


def _doc(nlp: Any, item: Item) -> Any:
    doc = make_doc(nlp, item.text or "", date=item.date)
    if not (item.text or "").strip() or arabic_ratio(item.text or "") == 0.0:
        doc.user_data["sohr_skip"] = True  # nothing to find: an empty record, not an error
        doc._.sohr_events, doc._.sohr_aggregates = [], []
    return doc


def run(nlp: Any, items: Iterable[Item], output: Path, *, batch_size: int = DEFAULT_BATCH, n_process: int = 1,
        force: bool = False, finish: Callable[[Path, Path], None] | None = None,
        progress: Callable[[int], None] | None = None) -> Summary:
    """Annotate `items` into `output` (JSON lines), resuming an interrupted run.

    `finish(journal, output)` writes the final file from the journal (default: JSON lines
    without the journal field); `progress(n)` is called with the number of new documents.
    """
    started = time.time()
    journal, errors = journal_path(output), errors_path(output)
    summary = Summary(output=str(output), errors_file=str(errors))
    if force:
        for path in (journal, output, errors, journal_path(errors)):
            path.unlink(missing_ok=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    done = _repair(journal) | _repair(journal_path(errors))
    with journal.open("a", encoding="utf-8") as out, \
            journal_path(errors).open("a", encoding="utf-8") as err_out:

        def on_error(item: Item, reason: str) -> None:
            err_out.write(json.dumps({POSITION: item.position, "position": item.position,
                                      "id": item.id, "reason": reason}, ensure_ascii=False) + "\n")
            err_out.flush()
            summary.errors += 1
            key = reason.split(":")[0]
            summary.by_reason[key] = summary.by_reason.get(key, 0) + 1

        def todo() -> Iterator[Item]:
            for item in items:
                if item.position in done:
                    summary.skipped += 1
                else:
                    yield item

        for item, record in annotate_items(nlp, todo(), batch_size=batch_size,
                                           n_process=n_process, on_error=on_error):
            record[POSITION] = item.position
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            summary.documents += 1
            summary.events += len(record["events"])
            summary.aggregates += len(record["aggregates"])
            if summary.documents % 64 == 0:
                out.flush()
            if progress:
                progress(1)
        out.flush()
        os.fsync(out.fileno())
    (finish or write_jsonl)(journal, output)
    write_jsonl(journal_path(errors), errors)
    summary.seconds = time.time() - started
    return summary


def journal_records(journal: Path) -> Iterator[dict[str, Any]]:
    """Records of a journal without the journal field, streamed.

    A journal is in input order even after resumes: a re-run appends only positions after
    the last one done (earlier gaps are the errors, which have a file of their own).
    """
    with journal.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            record.pop(POSITION, None)
            yield record


def write_jsonl(journal: Path, output: Path) -> None:
    """Turn a journal into the final JSONL file atomically, then drop the journal."""
    tmp = output.with_name(output.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for record in journal_records(journal):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(tmp, output)
    journal.unlink(missing_ok=True)
