"""Hugging Face `datasets` helper: annotate a dataset with `dataset.map(annotate_batch, batched=True)`."""
from __future__ import annotations

import json
from typing import Any

from sohr_nlp.api import parse_many


def annotate_batch(batch: dict[str, list[Any]], *, text_key: str = "text", date_key: str = "date",
                   nlp: Any = None) -> dict[str, list[Any]]:
    """Columns `events`, `aggregates` and `entities` (JSON strings per SCHEMA.md) for a batch.

    JSON strings keep the Arrow schema stable whatever a batch contains; read them back with
    `json.loads`. Rows whose text is not a string get empty lists and an `error` message.
    """
    texts = batch[text_key]
    dates = batch.get(date_key) or [None] * len(texts)
    out: dict[str, list[Any]] = {"events": [], "aggregates": [], "entities": [], "error": []}
    good = [(i, t, d) for i, (t, d) in enumerate(zip(texts, dates)) if isinstance(t, str)]
    reports = dict(zip((i for i, _, _ in good),
                       parse_many(((t, {"date": str(d)[:10] if d else None}) for _, t, d in good), nlp=nlp)))
    for i, text in enumerate(texts):
        report = reports.get(i)
        doc = report.to_dict() if report is not None else {"events": [], "aggregates": [], "entities": []}
        for key in ("events", "aggregates", "entities"):
            out[key].append(json.dumps(doc[key], ensure_ascii=False))
        out["error"].append(None if report is not None else f"text is {type(text).__name__}, not str")
    return out
