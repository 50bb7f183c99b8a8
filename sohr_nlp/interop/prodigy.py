"""Prodigy: import a `rel.manual` dataset (`prodigy db-out`), export pre-annotated tasks.

A task is `{"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start",
"end", "label", "token_start", "token_end"}], "relations": [{"head", "child", "label",
"head_span", "child_span"}]}`: token offsets inclusive, `head`/`child` the index of the last
token of their span. The report's id and date travel in `meta`, and `canonical` maps each
entity's `start:end` to its SCHEMA.md canonical value (a span's own `canonical` key is read
too). Answers other than `accept` (`reject`, `ignore`) are reported and left out.

The labels are given to the recipe as two files with one label a line:
`prodigy rel.manual DATASET models/sohr_default tasks.jsonl --label relation_labels.txt
--span-label span_labels.txt --wrap`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sohr_nlp.interop.common import (
    RELATION_LABELS, SAME_EVENT, SPAN_LABELS, Draft, DraftLink, DraftSpan, Prediction,
    RecordProblem, canonical_key, import_drafts, predictions, trigger_label,
)

SOURCE = "prodigy"


def import_records(data: Sequence[Any]) -> tuple[list[dict[str, Any]], list[RecordProblem]]:
    """Corpus documents of a Prodigy JSONL export (its lines, parsed), and rejected lines."""
    return import_drafts(data, read_task, source=SOURCE)


def read_task(task: dict[str, Any]) -> Draft:
    """The draft of one annotated task."""
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    doc_id = meta.get("id", task.get("id"))
    draft = Draft(text=task.get("text"), doc_id=None if doc_id is None else str(doc_id),
                  date=meta.get("date", task.get("date")))
    answer = task.get("answer", "accept")
    if answer != "accept":
        draft.problems.append(f"the answer is {answer!r}, not 'accept'")
        return draft
    canonical = task.get("canonical") or {}
    if not isinstance(canonical, dict):
        draft.problems.append(f"'canonical' must map 'start:end' to a value, got {canonical!r}")
        canonical = {}
    spans = task.get("spans") or []
    if not isinstance(spans, list):
        draft.problems.append(f"'spans' must be a list, got {type(spans).__name__}")
        spans = []
    for n, span in enumerate(spans):
        if not isinstance(span, dict):
            draft.problems.append(f"span {n + 1} is not an object: {span!r}")
            continue
        start, end = span.get("start"), span.get("end")
        value = span.get("canonical", canonical.get(canonical_key(start, end)))
        draft.spans.append(DraftSpan(n, start, end, span.get("label"), span.get("text"), value))
    for n, rel in enumerate(task.get("relations") or [], 1):
        if not isinstance(rel, dict):
            draft.problems.append(f"relation {n} is not an object: {rel!r}")
            continue
        head = _span_of(spans, rel.get("head_span"), rel.get("head"))
        child = _span_of(spans, rel.get("child_span"), rel.get("child"))
        if head is None or child is None:
            end = "head" if head is None else "child"
            draft.problems.append(f"relation {n} {rel.get('label')!r}: its {end} (token "
                                  f"{rel.get(end)!r}) is in no span of the task; relations link spans")
            continue
        draft.links.append(DraftLink(head, child, rel.get("label")))
    return draft


def _span_of(spans: list[Any], span: Any, token: Any) -> int | None:
    """Index of the task span a relation end names: by its span offsets, else by its token."""
    for n, item in enumerate(spans):
        if not isinstance(item, dict):
            continue
        if isinstance(span, dict) and (item.get("start"), item.get("end")) == (span.get("start"), span.get("end")):
            return n
    if isinstance(span, dict):
        return None
    for n, item in enumerate(spans):
        if isinstance(item, dict) and isinstance(token, int) and \
                isinstance(item.get("token_start"), int) and isinstance(item.get("token_end"), int) and \
                item["token_start"] <= token <= item["token_end"]:
            return n
    return None


def export_tasks(reports: Iterable[Any], *, nlp: Any = None) -> list[dict[str, Any]]:
    """Prodigy tasks (`rel.manual` input) with the model's predictions as pre-annotations."""
    return [task(predictions(report, nlp=nlp)) for report in reports]


def task(pred: Prediction) -> dict[str, Any]:
    """One task with tokens, spans and relations."""
    first = {t["start"]: t["id"] for t in pred.tokens}
    last = {t["end"]: t["id"] for t in pred.tokens}
    spans: dict[str, dict[str, Any]] = {}
    for item in sorted(pred.entities + pred.triggers, key=lambda i: (i["start"], i["end"])):
        label = item["label"] if "label" in item else trigger_label(item["type"])
        spans[item["id"]] = {"start": item["start"], "end": item["end"], "text": item["text"],
                             "token_start": first[item["start"]], "token_end": last[item["end"]],
                             "label": label}
    links = [(r["head"], r["tail"], r["role"]) for r in pred.relations]
    links += [(a, b, SAME_EVENT) for a, b in pred.joins]
    relations = [{"head": spans[a]["token_end"], "child": spans[b]["token_end"], "label": label,
                  "head_span": _ref(spans[a]), "child_span": _ref(spans[b])}
                 for a, b, label in links]
    out: dict[str, Any] = {"text": pred.text, "tokens": pred.tokens, "spans": list(spans.values()),
                           "relations": relations}
    meta = {k: v for k, v in (("id", pred.doc_id), ("date", pred.date)) if v is not None}
    if meta:
        out["meta"] = meta
    canonical = {canonical_key(e["start"], e["end"]): e["canonical"]
                 for e in pred.entities if e["canonical"] is not None}
    if canonical:
        out["canonical"] = canonical
    return out


def _ref(span: dict[str, Any]) -> dict[str, Any]:
    return {k: span[k] for k in ("start", "end", "token_start", "token_end", "label")}


def span_labels() -> list[str]:
    """The labels of `--span-label`."""
    return list(SPAN_LABELS)


def relation_labels() -> list[str]:
    """The labels of `--label`."""
    return list(RELATION_LABELS)


def config_files() -> dict[str, str]:
    """File name suffix → content of the labelling configuration."""
    return {"span_labels.txt": "\n".join(span_labels()) + "\n",
            "relation_labels.txt": "\n".join(relation_labels()) + "\n"}
