"""Throughput of the tokenizers and the full pipeline; prints a Markdown table.

    .venv/bin/python benchmarks/throughput.py [--docs 2000] [--model DIR] [--dask]

Each row runs in a fresh process so its peak memory (max RSS) is its own. Words are white
space separated words of the input. Texts are the corpus reports, repeated to --docs.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def texts(n: int) -> list[str]:
    lines = (ROOT / "corpus" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    base = [json.loads(line)["text"] for line in lines]
    return [base[i % len(base)] for i in range(n)]


def peak_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def run_part(part: str, n: int, model: str | None) -> dict:
    docs = texts(n)
    words = sum(len(t.split()) for t in docs)
    if part == "load":
        started = time.perf_counter()
        import sohr_nlp

        sohr_nlp.load(model)
        return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}
    if part in ("blank", "tokenizer"):
        import spacy

        if part == "blank":
            tokenize = spacy.blank("ar").tokenizer
        else:
            from sohr_nlp.tokenizer import blank

            tokenize = blank().tokenizer
        started = time.perf_counter()
        for text in docs:
            tokenize(text)
    elif part in ("pipeline", "pipeline2"):
        import sohr_nlp

        nlp = sohr_nlp.load(model)
        started = time.perf_counter()
        for _ in sohr_nlp.parse_many(docs, nlp=nlp, n_process=2 if part == "pipeline2" else 1):
            pass
    elif part == "dask":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from dask_row import measure  # noqa: E402

        return measure(docs, model=model)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "docs_per_s": n / seconds, "words_per_s": words / seconds,
            "peak_mb": max(peak_mb(), peak_mb(children=True))}


ROWS = (("blank", "(a) spaCy blank Arabic tokenizer"), ("tokenizer", "(b) sohr_nlp tokenizer"),
        ("pipeline", "(c) full pipeline, 1 process"), ("pipeline2", "(d) full pipeline, 2 processes"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--model", default=None)
    parser.add_argument("--dask", action="store_true", help="add a row for a Dask local cluster (2 workers)")
    parser.add_argument("--part", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        print(json.dumps(run_part(args.part, args.docs, args.model)))
        return
    rows = list(ROWS) + ([("dask", "(e) full pipeline, Dask local cluster, 2 workers")] if args.dask else [])
    results = {}
    for part, _ in rows + [("load", "")]:
        cmd = [sys.executable, __file__, "--part", part, "--docs", str(args.docs)]
        if args.model:
            cmd += ["--model", args.model]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        results[part] = json.loads(out)
    words = sum(len(t.split()) for t in texts(args.docs))
    print(f"{args.docs} documents, {words:,} words; {platform.processor() or platform.machine()}, "
          f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| run | words/s | docs/s | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: |")
    for part, title in rows:
        r = results[part]
        print(f"| {title} | {r['words_per_s']:,.0f} | {r['docs_per_s']:,.1f} | {r['peak_mb']:,.0f} |")
    one, two = results["pipeline"], results["pipeline2"]
    print()
    print(f"two processes / one: {two['words_per_s'] / one['words_per_s']:.2f}x")
    if "dask" in results:
        print(f"Dask (2 workers) / one process: {results['dask']['words_per_s'] / one['words_per_s']:.2f}x")
    print(f"model load: {results['load']['seconds']:.2f} s (peak {results['load']['peak_mb']:,.0f} MB)")


if __name__ == "__main__":
    main()
