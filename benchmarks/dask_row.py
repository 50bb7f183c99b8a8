"""Throughput of the Dask engine (a local cluster of two worker processes) next to the local engine.

    python benchmarks/dask_row.py --docs 2000

`dask_row(n)` returns one row for the throughput table; `local_row(n)` the single-process
row on the same documents (the corpus texts repeated with distinct ids). `measure(texts)` is
what `benchmarks/throughput.py --dask` calls.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "corpus.jsonl"


def documents(n: int, corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """`n` input records: the corpus texts repeated, each with its own id."""
    base = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    for i in range(n):
        src = base[i % len(base)]
        docs.append({"id": f"{src['id']}-r{i}", "text": src["text"], "date": src.get("date")})
    return docs


def _write(path: Path, docs: list[dict[str, Any]]) -> tuple[Path, int]:
    with path.open("w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path, sum(len(d["text"].split()) for d in docs)


def _row(n: int, words: int, seconds: float, **extra: Any) -> dict[str, Any]:
    return {"documents": n, "words": words, "seconds": round(seconds, 2),
            "docs_per_s": round(n / seconds, 1), "words_per_s": round(words / seconds),
            "cpus": os.cpu_count(), **extra}


def dask_row(n: int = 2000, *, workers: int = 2, model: str | Path | None = None,
             chunk_size: int = 128) -> dict[str, Any]:
    """Documents/s and words/s of `annotate_with_dask` on a local cluster of `workers` processes.

    `seconds` is the annotation alone (cluster up, model loaded on every worker by a first run
    on a few documents); `seconds_end_to_end` adds starting the cluster and loading the model.
    """
    row = measure(documents(n), workers=workers, model=model, chunk_size=chunk_size)
    return {"engine": f"dask LocalCluster {workers}x1", **row}


def measure(docs: list[dict[str, Any]] | list[str], *, workers: int = 2, model: str | Path | None = None,
            chunk_size: int = 128) -> dict[str, Any]:
    """The Dask row for `docs` (input records, or bare texts): the keys benchmarks/throughput.py prints.

    `peak_mb` is the sum of the peak resident memory of the workers and of this process.
    """
    from distributed import Client, LocalCluster

    from sohr_nlp.api import find_model
    from sohr_nlp.distributed import annotate_with_dask

    docs = [d if isinstance(d, dict) else {"id": f"doc-{i + 1}", "text": d} for i, d in enumerate(docs)]
    model = find_model(model)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, words = _write(folder / "in.jsonl", docs)
        warm, _ = _write(folder / "warm.jsonl", docs[: workers * 2])
        started = time.perf_counter()
        with LocalCluster(host="127.0.0.1", processes=True, n_workers=workers, threads_per_worker=1,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            annotate_with_dask(warm, folder / "warm_out.jsonl", model=model, client=client)
            ready = time.perf_counter()
            summary = annotate_with_dask(path, folder / "out.jsonl", model=model, client=client,
                                         chunk_size=chunk_size)
            done = time.perf_counter()
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    assert summary.documents == len(docs), summary
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return _row(len(docs), words, done - ready, seconds_end_to_end=round(done - started, 2),
                startup_s=round(ready - started, 2), events=summary.events,
                peak_mb=round(own + sum(peaks.values())))


def local_row(n: int = 2000, *, model: str | Path | None = None, n_process: int = 1) -> dict[str, Any]:
    """The same measure for `sohr_nlp.batch.run` in one process (model load not counted)."""
    from sohr_nlp import batch
    from sohr_nlp.api import load
    from sohr_nlp.sources import read_items

    with tempfile.TemporaryDirectory() as tmp:
        path, words = _write(Path(tmp) / "in.jsonl", documents(n))
        started = time.perf_counter()
        nlp = load(model)
        ready = time.perf_counter()
        summary = batch.run(nlp, read_items(path), Path(tmp) / "out.jsonl", n_process=n_process)
        done = time.perf_counter()
    assert summary.documents == n, summary
    row = _row(n, words, done - ready, seconds_end_to_end=round(done - started, 2),
               startup_s=round(ready - started, 2), events=summary.events,
               peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    return {"engine": f"local n_process={n_process}", **row}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default=None)
    parser.add_argument("--skip-local", action="store_true")
    args = parser.parse_args()
    rows = [] if args.skip_local else [local_row(args.docs, model=args.model)]
    rows.append(dask_row(args.docs, workers=args.workers, model=args.model))
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
