"""doccano: import its JSONL export of a sequence-labelling project with relations, export tasks.

A record is `{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
"relations": [{"id", "from_id", "to_id", "type"}]}`; the older span-only form
`"label": [[start, end, "LABEL"], …]` is read too. doccano keeps any other key of an
imported line as metadata and writes it back on export: the report's `doc_id` and `date`,
and `canonical`, the SCHEMA.md canonical value of each entity keyed by `start:end`
(doccano has no per-span attributes).

The labels are imported into the project from two JSON lists (span types, relation types),
each item `{"text", "suffix_key", "background_color", "text_color"}`.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sohr_nlp.interop.common import (
    RELATION_COLOUR, RELATION_LABELS, SAME_EVENT, SPAN_LABELS, Draft, DraftLink, DraftSpan,
    Prediction, RecordProblem, canonical_key, import_drafts, label_colour, predictions,
    trigger_label,
)

SOURCE = "doccano"
# Keyboard shortcuts of the entity labels; triggers and relations are picked from the list.
SHORTCUTS = {"ACTOR": "a", "LOCATION": "l", "NATIONALITY": "n", "COUNT": "c", "DATE": "d"}


def import_records(data: Sequence[Any]) -> tuple[list[dict[str, Any]], list[RecordProblem]]:
    """Corpus documents of a doccano JSONL export (its lines, parsed), and rejected lines."""
    return import_drafts(data, read_record, source=SOURCE)


def read_record(record: dict[str, Any]) -> Draft:
    """The draft of one exported line."""
    doc_id = record.get("doc_id")
    if doc_id is None and record.get("id") is not None:
        doc_id = f"{SOURCE}-{record['id']}"
    draft = Draft(text=record.get("text"), doc_id=None if doc_id is None else str(doc_id),
                  date=record.get("date"))
    canonical = record.get("canonical") or {}
    if not isinstance(canonical, dict):
        draft.problems.append(f"'canonical' must map 'start:end' to a value, got {canonical!r}")
        canonical = {}
    entities = record.get("entities")
    if entities is None:
        entities = [_from_triple(n, item, draft) for n, item in
                    enumerate(record.get("label") or record.get("labels") or [], 1)]
    if not isinstance(entities, list):
        draft.problems.append(f"'entities' must be a list, got {type(entities).__name__}")
        entities = []
    for n, ent in enumerate(entities, 1):
        if ent is None:
            continue
        if not isinstance(ent, dict):
            draft.problems.append(f"entity {n} is not an object: {ent!r}")
            continue
        start, end = ent.get("start_offset"), ent.get("end_offset")
        key = ent.get("id", f"#{n}")
        draft.spans.append(DraftSpan(key, start, end, ent.get("label"),
                                     canonical=canonical.get(canonical_key(start, end))))
    for n, rel in enumerate(record.get("relations") or [], 1):
        if not isinstance(rel, dict):
            draft.problems.append(f"relation {n} is not an object: {rel!r}")
            continue
        draft.links.append(DraftLink(rel.get("from_id"), rel.get("to_id"), rel.get("type")))
    return draft


def _from_triple(n: int, item: Any, draft: Draft) -> dict[str, Any] | None:
    if isinstance(item, list) and len(item) == 3:
        return {"id": f"#{n}", "start_offset": item[0], "end_offset": item[1], "label": item[2]}
    draft.problems.append(f"label {n} {item!r} is not [start, end, label]")
    return None


def export_tasks(reports: Iterable[Any], *, nlp: Any = None) -> list[dict[str, Any]]:
    """doccano JSONL lines with the model's predictions as pre-annotated spans and relations."""
    return [line(predictions(report, nlp=nlp)) for report in reports]


def line(pred: Prediction) -> dict[str, Any]:
    """One line of the import file."""
    numbers: dict[str, int] = {}
    entities = []
    for item in sorted(pred.entities + pred.triggers, key=lambda i: (i["start"], i["end"])):
        numbers[item["id"]] = len(numbers) + 1
        label = item["label"] if "label" in item else trigger_label(item["type"])
        entities.append({"id": numbers[item["id"]], "label": label,
                         "start_offset": item["start"], "end_offset": item["end"]})
    links = [(r["head"], r["tail"], r["role"]) for r in pred.relations]
    links += [(a, b, SAME_EVENT) for a, b in pred.joins]
    relations = [{"id": n, "from_id": numbers[a], "to_id": numbers[b], "type": label}
                 for n, (a, b, label) in enumerate(links, 1)]
    out: dict[str, Any] = {"text": pred.text, "entities": entities, "relations": relations}
    if pred.doc_id is not None:
        out["doc_id"] = pred.doc_id
    if pred.date is not None:
        out["date"] = pred.date
    canonical = {canonical_key(e["start"], e["end"]): e["canonical"]
                 for e in pred.entities if e["canonical"] is not None}
    if canonical:
        out["canonical"] = canonical
    return out


def span_types() -> list[dict[str, Any]]:
    """The span labels, as doccano's label import reads them."""
    return [{"text": label, "suffix_key": SHORTCUTS.get(label),
             "background_color": label_colour(label), "text_color": "#ffffff"}
            for label in SPAN_LABELS]


def relation_types() -> list[dict[str, Any]]:
    """The relation labels, as doccano's label import reads them."""
    return [{"text": label, "suffix_key": None, "background_color": RELATION_COLOUR,
             "text_color": "#ffffff"} for label in RELATION_LABELS]


def config_files() -> dict[str, str]:
    """File name suffix → content of the labelling configuration."""
    return {"span_types.json": json.dumps(span_types(), ensure_ascii=False, indent=2) + "\n",
            "relation_types.json": json.dumps(relation_types(), ensure_ascii=False, indent=2) + "\n"}
