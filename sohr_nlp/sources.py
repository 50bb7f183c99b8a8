"""Streaming readers of input documents for batch annotation.

Every reader yields `Item`s in input order: a document to annotate, or a record that cannot be
one (broken JSON, missing text, undecodable bytes) with its position and reason, so a batch
run can write it to the errors file and go on. Nothing reads a whole input into memory.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMATS = ("jsonl", "txt", "folder", "csv", "parquet", "hf")


@dataclass
class Item:
    """One input record: `position` (1-based line, row or file number) identifies it."""

    position: int
    id: str | None
    text: str | None = None
    date: str | None = None
    error: str | None = None


@dataclass
class Keys:
    """Names of the id, text and date fields of tabular and JSON inputs."""

    id: str = "id"
    text: str = "text"
    date: str = "date"


def detect_format(path: Path) -> str:
    """The input format of `path` from its kind and suffix; raises ValueError for others."""
    if path.is_dir():
        if (path / "dataset_info.json").exists() or (path / "state.json").exists() or \
                (path / "dataset_dict.json").exists():
            return "hf"
        return "folder"
    suffix = path.suffix.lower()
    for fmt, suffixes in (("jsonl", (".jsonl", ".json", ".ndjson")), ("txt", (".txt",)),
                          ("csv", (".csv", ".tsv")), ("parquet", (".parquet", ".pq"))):
        if suffix in suffixes:
            return fmt
    raise ValueError(
        f"(sohr_nlp) [E050] Cannot tell the format of {path}. Give a .jsonl, .txt, .csv or "
        ".parquet file, a folder of .txt files, or a folder saved by datasets' save_to_disk."
    )


def read_items(path: Path, *, keys: Keys = Keys(), fmt: str | None = None) -> Iterator[Item]:
    """The input records of `path`, streamed."""
    fmt = fmt or detect_format(path)
    readers = {"jsonl": _jsonl, "txt": _txt, "folder": _folder, "csv": _csv,
               "parquet": _parquet, "hf": _hf}
    if fmt not in readers:
        raise ValueError(f"(sohr_nlp) [E051] Unknown input format {fmt!r}; formats: {', '.join(FORMATS)}.")
    return readers[fmt](path, keys)


def _record(position: int, data: Any, keys: Keys) -> Item:
    if not isinstance(data, dict):
        return Item(position, None, error=f"not a JSON object but {type(data).__name__}")
    doc_id = data.get(keys.id)
    doc_id = str(doc_id) if doc_id is not None else str(position)
    text = data.get(keys.text)
    if text is None:
        return Item(position, doc_id, error=f"no {keys.text!r} field")
    if not isinstance(text, str):
        return Item(position, doc_id, error=f"{keys.text!r} is {type(text).__name__}, not text")
    date = data.get(keys.date)
    return Item(position, doc_id, text, str(date) if date not in (None, "") else None)


def _jsonl(path: Path, keys: Keys) -> Iterator[Item]:
    with path.open("rb") as f:
        for position, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield Item(position, None, error=f"undecodable bytes (not UTF-8): {err.reason} at byte {err.start}")
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                yield Item(position, None, error=f"broken JSON: {err.msg} at column {err.colno}")
                continue
            yield _record(position, data, keys)


def _read_text_file(position: int, path: Path) -> Item:
    try:
        return Item(position, path.stem, path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return Item(position, path.stem, error=f"undecodable bytes (not UTF-8): {err.reason} at byte {err.start}")


def _txt(path: Path, keys: Keys) -> Iterator[Item]:
    yield _read_text_file(1, path)


def _folder(path: Path, keys: Keys) -> Iterator[Item]:
    for position, file in enumerate(sorted(path.glob("*.txt")), 1):
        yield _read_text_file(position, file)


def _csv(path: Path, keys: Keys) -> Iterator[Item]:
    csv.field_size_limit(sys.maxsize)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8", errors="strict", newline="") as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        position = 1
        while True:
            position += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except (UnicodeDecodeError, csv.Error) as err:
                yield Item(position, None, error=f"unreadable row: {err}")
                return
            yield _record(position, row, keys)


def _parquet(path: Path, keys: Keys) -> Iterator[Item]:
    import pyarrow.parquet as pq

    position = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
        for row in batch.to_pylist():
            position += 1
            yield _record(position, row, keys)


def _hf(path: Path, keys: Keys) -> Iterator[Item]:
    from datasets import DatasetDict, load_from_disk

    data = load_from_disk(str(path))
    parts = list(data.values()) if isinstance(data, DatasetDict) else [data]
    position = 0
    for part in parts:
        for row in part:
            position += 1
            yield _record(position, row, keys)
