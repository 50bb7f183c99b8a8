"""Check hand-written `.sohr` files: `python -m sohr_nlp.corpus.check FILE...`.

Prints one line per problem (file:line: message) and a summary; exits 1 when any file has
problems. Authors run it after every batch of documents.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from sohr_nlp.corpus.markup import read_markup
from sohr_nlp.corpus.validate import validate_doc


def check_files(paths: list[Path]) -> tuple[list[str], Counter]:
    """Problems and counts (documents, spans, events, …) over the given source files."""
    problems: list[str] = []
    counts: Counter = Counter()
    for path in paths:
        docs, found = read_markup(path)
        problems.extend(str(p) for p in found)
        for doc in docs:
            problems.extend(f"{path}: [{doc['id']}] {p}" for p in validate_doc(doc))
            counts["documents"] += 1
            counts["entities"] += len(doc["entities"])
            counts["triggers"] += len(doc["triggers"])
            counts["events"] += len(doc["events"])
            counts["aggregates"] += len(doc["aggregates"])
            for entity in doc["entities"]:
                counts[entity["label"]] += 1
    return problems, counts


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    if not paths:
        print("usage: python -m sohr_nlp.corpus.check FILE.sohr [FILE.sohr ...]")
        return 2
    problems, counts = check_files(paths)
    for line in problems:
        print(line)
    print(f"{len(problems)} problems; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
