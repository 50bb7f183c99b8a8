"""The stored corpus (`corpus.jsonl`): build it from `src/*.sohr`, fix splits, read it, count it."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sohr_nlp.corpus.markup import Problem, read_markup
from sohr_nlp.corpus.validate import validate_doc

SPLITS = ("train", "dev", "test")
# Out of every 20 documents of one event type: 14 train, 3 dev, 3 test (about 70/15/15).
_PATTERN = ("train",) * 14 + ("dev",) * 3 + ("test",) * 3


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Documents of a JSONL file; raises ValueError naming the line of a broken record."""
    with Path(path).open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"(sohr_nlp) [E020] {path}:{number}: not JSON: {err}") from err


def write_jsonl_atomic(path: str | Path, docs: Iterable[dict[str, Any]]) -> int:
    """Write documents to `path` through a temporary file, so no half-written file is left."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
                n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def dominant_type(doc: dict[str, Any]) -> str:
    """The event type a document is stratified by (most frequent; `none` without events)."""
    types = Counter(e["type"] for e in doc.get("events", []))
    if not types:
        return "aggregate" if doc.get("aggregates") else "none"
    return sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def assign_splits(docs: list[dict[str, Any]], fixed: dict[str, str]) -> dict[str, str]:
    """Splits for all documents: fixed ones keep theirs, new ones are stratified by type."""
    out = dict((d["id"], fixed[d["id"]]) for d in docs if d["id"] in fixed)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        if doc["id"] not in out:
            by_type.setdefault(dominant_type(doc), []).append(doc)
    for kind, members in sorted(by_type.items()):
        done = Counter(s for i, s in out.items())
        members.sort(key=lambda d: hashlib.sha1(d["id"].encode()).hexdigest())
        offset = done["train"] + done["dev"] + done["test"]
        for n, doc in enumerate(members):
            out[doc["id"]] = _PATTERN[(n + offset) % len(_PATTERN)]
    return out


def build_corpus(folder: str | Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Documents of `folder/src/*.sohr` with their fixed splits, and every problem found."""
    folder = Path(folder)
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    for path in sorted((folder / "src").glob("*.sohr")):
        found, errs = read_markup(path)
        problems.extend(str(p) for p in errs)
        for doc in found:
            problems.extend(f"{path}: [{doc['id']}] {p}" for p in validate_doc(doc))
        docs.extend(found)
    seen: set[str] = set()
    for doc in docs:
        if doc["id"] in seen:
            problems.append(str(Problem("corpus", 0, f"document id {doc['id']!r} used twice")))
        seen.add(doc["id"])
    splits_file = folder / "splits.tsv"
    fixed = {}
    if splits_file.exists():
        for line in splits_file.read_text(encoding="utf-8").splitlines()[1:]:
            doc_id, _, split = line.partition("\t")
            fixed[doc_id] = split
    splits = assign_splits(docs, fixed)
    for doc in docs:
        doc["split"] = splits[doc["id"]]
    splits_file.write_text("id\tsplit\n" + "".join(f"{d['id']}\t{d['split']}\n" for d in docs),
                           encoding="utf-8")
    return docs, problems


def load_corpus(paths: Iterable[str | Path], *, split: str | None = None) -> list[dict[str, Any]]:
    """Documents of one or more corpora (a folder with corpus.jsonl, or a JSONL file)."""
    docs = []
    for path in paths:
        path = Path(path)
        files = [path / "corpus.jsonl", path / "synthetic.jsonl"] if path.is_dir() else [path]
        for file in files:
            if file.exists():
                docs.extend(d for d in read_jsonl(file) if split is None or d.get("split", "train") == split)
    return docs


def corpus_stats(docs: list[dict[str, Any]], *, count_tokens: Any = None) -> dict[str, Any]:
    """Counts for the corpus README: documents, tokens, spans, triggers, events, …"""
    stats: dict[str, Any] = {
        "documents": Counter(d.get("split", "train") for d in docs),
        "labels": Counter(e["label"] for d in docs for e in d["entities"]),
        "triggers": Counter(t["type"] for d in docs for t in d.get("triggers", [])),
        "events": Counter(e["type"] for d in docs for e in d.get("events", [])),
        "aggregates": sum(len(d.get("aggregates", [])) for d in docs),
        "actors": Counter(a for d in docs for e in d.get("events", []) + d.get("aggregates", [])
                          for a in e["perpetrators"] + e["targets"]),
        "governorates": Counter(e["governorate"] for d in docs for e in d.get("events", [])
                                if e.get("governorate")),
        "years": Counter((e.get("date") or "")[:4] for d in docs for e in d.get("events", [])
                         if (e.get("date") or "")[:1].isdigit()),
        "report_years": Counter((d.get("date") or "")[:4] for d in docs if d.get("date")),
    }
    if count_tokens is not None:
        stats["tokens"] = sum(count_tokens(d["text"]) for d in docs)
    return stats
