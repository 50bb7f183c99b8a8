"""Label Studio: import its JSON export, export tasks with pre-annotations, its label config.

A task holds the report in `data` (`text`, and `id` and `date` when known). Its results are
`labels` regions (`value.start/end/text/labels`) on the `text` object, a per-region
`textarea` named `canonical` for the SCHEMA.md canonical value of an entity, and `relation`
results (`from_id` → `to_id`, `labels`) named by a role or `same_event`.

On import, a task's newest annotation that was not cancelled is read; a task nobody
annotated yet gives its first prediction (so that an unmodified task file reads back as the
model's predictions). The pre-annotations are exported as `predictions`, which Label Studio
shows to the annotator for correction.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

from sohr_nlp.interop.common import (
    RELATION_LABELS, SAME_EVENT, SPAN_LABELS, Draft, DraftLink, DraftSpan, Prediction, RecordProblem,
    import_drafts, label_colour, predictions, trigger_label,
)

SOURCE = "label-studio"
FROM_NAME = "label"
TO_NAME = "text"
CANONICAL = "canonical"
MODEL_VERSION = "sohr_nlp"


def import_records(data: Sequence[Any]) -> tuple[list[dict[str, Any]], list[RecordProblem]]:
    """Corpus documents of a Label Studio JSON export (a list of tasks), and rejected tasks."""
    return import_drafts(data, read_task, source=SOURCE)


def read_task(task: dict[str, Any]) -> Draft:
    """The draft of one task: its text, regions, canonical values and relations."""
    fields = task.get("data")
    if not isinstance(fields, dict):
        return Draft(text=None, problems=["the task has no 'data' object with the report's 'text'"])
    doc_id = fields.get("id")
    if doc_id is None and task.get("id") is not None:
        doc_id = f"{SOURCE}-{task['id']}"
    draft = Draft(text=fields.get("text"), doc_id=_str(doc_id), date=fields.get("date"))
    results = _results(task, draft)
    if results is None:
        return draft
    canonical: dict[Any, Any] = {}
    for n, item in enumerate(results, 1):
        if not isinstance(item, dict):
            draft.problems.append(f"result {n} is not an object")
            continue
        kind, value = item.get("type"), item.get("value") or {}
        if kind == "labels":
            labels = value.get("labels") or []
            if len(labels) != 1:
                draft.problems.append(f"region {item.get('id')!r} {value.get('text')!r} has "
                                      f"{len(labels)} labels {labels}; give it exactly one")
                continue
            draft.spans.append(DraftSpan(item.get("id"), value.get("start"), value.get("end"),
                                         labels[0], value.get("text")))
        elif kind == "textarea" and item.get("from_name") == CANONICAL:
            canonical[item.get("id")] = value.get("text")
        elif kind == "relation":
            labels = item.get("labels") or []
            if len(labels) != 1:
                draft.problems.append(f"relation {item.get('from_id')!r} → {item.get('to_id')!r} has "
                                      f"{len(labels)} labels {labels}; give it exactly one of "
                                      f"{', '.join(RELATION_LABELS)}")
                continue
            draft.links.append(DraftLink(item.get("from_id"), item.get("to_id"), labels[0]))
    for span in draft.spans:
        span.canonical = canonical.get(span.key)
    return draft


def _results(task: dict[str, Any], draft: Draft) -> list[Any] | None:
    """The result list to read: the newest kept annotation, else the first prediction."""
    annotations = [a for a in task.get("annotations") or [] if isinstance(a, dict)]
    kept = [a for a in annotations if not a.get("was_cancelled")]
    if annotations and not kept:
        draft.problems.append("every annotation of the task was cancelled (skipped in Label Studio)")
        return None
    if kept:
        chosen = max(kept, key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
    else:
        preds = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
        if not preds:
            draft.problems.append("the task has neither an annotation nor a prediction")
            return None
        chosen = preds[0]
    result = chosen.get("result")
    if not isinstance(result, list):
        draft.problems.append("the annotation's 'result' is not a list")
        return None
    return result


def export_tasks(reports: Iterable[Any], *, nlp: Any = None) -> list[dict[str, Any]]:
    """Label Studio tasks (JSON import format) with the model's predictions as pre-annotations."""
    return [task(predictions(report, nlp=nlp)) for report in reports]


def task(pred: Prediction) -> dict[str, Any]:
    """One task: the report in `data`, the predicted regions and relations in `predictions`."""
    result: list[dict[str, Any]] = []
    for ent in pred.entities:
        result.append(_region(ent, ent["label"]))
        if ent["canonical"] is not None:
            result.append({"id": ent["id"], "from_name": CANONICAL, "to_name": TO_NAME,
                           "type": "textarea",
                           "value": {"start": ent["start"], "end": ent["end"],
                                     "text": [str(ent["canonical"])]}})
    for trig in pred.triggers:
        result.append(_region(trig, trigger_label(trig["type"])))
    links = [(r["head"], r["tail"], r["role"]) for r in pred.relations]
    links += [(a, b, SAME_EVENT) for a, b in pred.joins]
    for source, target, label in links:
        result.append({"from_id": source, "to_id": target, "type": "relation",
                       "direction": "right", "labels": [label]})
    data = {"text": pred.text}
    if pred.doc_id is not None:
        data["id"] = pred.doc_id
    if pred.date is not None:
        data["date"] = pred.date
    return {"data": data, "predictions": [{"model_version": MODEL_VERSION, "result": result}]}


def _region(item: dict[str, Any], label: str) -> dict[str, Any]:
    return {"id": item["id"], "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": item["start"], "end": item["end"], "text": item["text"],
                      "labels": [label]}}


def label_config() -> str:
    """The labeling config (XML) of a Label Studio project for these tasks."""
    labels = "\n".join(f"    <Label value={quoteattr(label)} background={quoteattr(label_colour(label))}/>"
                       for label in SPAN_LABELS)
    relations = "\n".join(f"    <Relation value={quoteattr(label)}/>" for label in RELATION_LABELS)
    return f"""<View>
  <Header value="Entities and event triggers; relations from each trigger to its arguments"/>
  <Labels name="{FROM_NAME}" toName="{TO_NAME}">
{labels}
  </Labels>
  <Relations>
{relations}
  </Relations>
  <View style="direction: rtl; text-align: right; font-size: 1.2em; line-height: 2">
    <Text name="{TO_NAME}" value="$text"/>
  </View>
  <Header value="Canonical value of the selected entity (actor id, governorate, demonym, integer, ISO date)" size="6"/>
  <TextArea name="{CANONICAL}" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>
</View>
"""


def config_files() -> dict[str, str]:
    """File name suffix → content of the labelling configuration."""
    return {"label_config.xml": label_config()}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
