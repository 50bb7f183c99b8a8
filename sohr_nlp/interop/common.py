"""What the annotation-tool modules share: labels, drafts, document building, predictions.

Each tool module turns one exported record into a `Draft` (text, labelled spans, labelled
links between them); `build_doc` turns a draft into a corpus document (`corpus/README.md`),
rebuilding events and aggregates from the relations with `sohr_nlp.slots.fill_record`, and
`validate_doc` decides whether it is fit for training. In the other direction,
`predictions` reads what the model found in a parsed report, for the tools' pre-annotations.

Labels in the tools: entity labels as in ANNOTATION.md (`ACTOR`, `LOCATION`, …), triggers as
`TRIGGER:<type>` (a bare `raid` or `aggregate` is read too), relations named by their role
(`perpetrator`, `location`, …) from the trigger to the entity, and `same_event` between two
triggers that describe one incident.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sohr_nlp.corpus.markup import ROLE_KEYS
from sohr_nlp.corpus.validate import validate_doc
from sohr_nlp.pipeline.events import TYPE_PRIORITY
from sohr_nlp.schema import AGGREGATE, LABELS, ROLE_LABELS, ROLES, TRIGGER_TYPES
from sohr_nlp.sentences import covering_span, sentence_spans
from sohr_nlp.slots import fill_record

TRIGGER_PREFIX = "TRIGGER:"
SAME_EVENT = "same_event"
TRIGGER_LABELS = tuple(f"{TRIGGER_PREFIX}{kind}" for kind in TRIGGER_TYPES)
SPAN_LABELS = LABELS + TRIGGER_LABELS
RELATION_LABELS = ROLES + (SAME_EVENT,)
# Colours of the labels in the tools' interfaces (entity colours as in `Report._repr_html_`).
COLOURS = {"ACTOR": "#f4a261", "LOCATION": "#8ecae6", "NATIONALITY": "#b5e48c",
           "COUNT": "#ffd166", "DATE": "#cdb4db"}
TRIGGER_COLOUR = "#e76f51"
AGGREGATE_COLOUR = "#2a9d8f"
RELATION_COLOUR = "#6c757d"


@dataclass
class RecordProblem:
    """Why one exported record was not imported; `index` counts records from 1."""

    index: int
    message: str
    record_id: str | None = None

    def __str__(self) -> str:
        named = f" ({self.record_id})" if self.record_id else ""
        return f"record {self.index}{named}: {self.message}"


@dataclass
class DraftSpan:
    """A labelled span of a tool's record; `key` is the tool's own id for it."""

    key: Any
    start: Any
    end: Any
    label: Any
    text: str | None = None
    canonical: Any = None


@dataclass
class DraftLink:
    """A labelled link between two spans of a record, by their keys."""

    source: Any
    target: Any
    label: Any


@dataclass
class Draft:
    """One record of a tool's export, read but not yet checked."""

    text: Any
    doc_id: str | None = None
    date: str | None = None
    spans: list[DraftSpan] = field(default_factory=list)
    links: list[DraftLink] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class InvalidLine:
    """A line of a JSONL export that is not JSON; reported as a problem of its record."""

    text: str
    error: str


def read_export(path: str | Path) -> list[Any]:
    """Records of a tool's export file: a JSON array (or one object), or JSON lines.

    A JSONL line that is not JSON is kept as an `InvalidLine`, so that the importer reports
    it with its record number and imports the other records.
    """
    raw = Path(path).read_text(encoding="utf-8-sig")
    stripped = raw.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as err:
            raise ValueError(f"(sohr_nlp) [E060] {path} starts like a JSON array but is not JSON: {err}. "
                             "Export the tasks again, as JSON or JSONL.") from err
        return data if isinstance(data, list) else [data]
    records: list[Any] = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as err:
            records.append(InvalidLine(line[:60], str(err)))
    if len(records) == 1 and stripped.startswith("{") and isinstance(records[0], InvalidLine):
        try:  # one pretty-printed JSON object
            return [json.loads(raw)]
        except json.JSONDecodeError:
            pass
    return records


def record_problem(record: Any) -> str | None:
    """Why `record` is not a JSON object at all, or None when it is one."""
    if isinstance(record, InvalidLine):
        return f"not JSON ({record.error}): {record.text!r}"
    if not isinstance(record, dict):
        return f"not a JSON object but {type(record).__name__}: {str(record)[:60]!r}"
    return None


def span_kind(label: Any) -> tuple[str, str] | None:
    """('entity', LABEL) or ('trigger', type) for a tool label; None when it is neither."""
    if not isinstance(label, str):
        return None
    name = label.strip()
    if name.upper() in LABELS:
        return "entity", name.upper()
    if name.upper().startswith(TRIGGER_PREFIX):
        name = name[len(TRIGGER_PREFIX):]
    kind = name.strip().lower().replace("-", "_").replace(" ", "_")
    return ("trigger", kind) if kind in TRIGGER_TYPES else None


def relation_role(label: Any) -> str | None:
    """The role (or `same_event`) a tool's relation label names; None when it names none."""
    if not isinstance(label, str):
        return None
    name = label.strip().lower().replace("-", "_").replace(" ", "_")
    if name in RELATION_LABELS:
        return name
    if name in ROLE_KEYS and ROLE_KEYS[name][1] is not None:  # the @-line keys: perp, loc, nat…
        return ROLE_KEYS[name][0]
    return None


def canonical_key(start: int, end: int) -> str:
    """The key of a span in a record's `canonical` map: `start:end`."""
    return f"{start}:{end}"


def canonical_value(label: str, value: Any) -> Any:
    """A canonical as the corpus stores it: an int for COUNT, a stripped string otherwise."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    if label == "COUNT":
        if isinstance(value, int):
            return value
        text = str(value).strip()
        return int(text) if text.isdigit() else (text or None)
    text = str(value).strip()
    return text or None


def build_doc(draft: Draft, *, source: str) -> tuple[dict[str, Any] | None, list[str]]:
    """A corpus document from a draft, and every problem that keeps it out of the corpus."""
    problems = list(draft.problems)
    text = draft.text
    if text is None and problems:  # the reader said why already
        return None, problems
    if not isinstance(text, str) or not text.strip():
        return None, problems + ["the record has no text"]
    entities, triggers, by_key = _items(draft, text, problems)
    relations, joins = _relations(draft.links, by_key, problems)
    doc = {"id": draft.doc_id, "text": text, "date": draft.date, "split": "train",
           "source": source, "entities": entities, "triggers": triggers,
           "relations": relations, "events": [], "aggregates": []}
    if problems:
        return doc, problems
    doc["relations"] = one_link_per_incident(relations, triggers, entities, joins)
    _records(doc, joins, problems)
    problems.extend(validate_doc(doc))
    return doc, problems


def _items(draft: Draft, text: str, problems: list[str]
           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[Any, dict[str, Any]]]:
    entities: list[dict[str, Any]] = []
    triggers: list[dict[str, Any]] = []
    keyed: list[tuple[Any, dict[str, Any]]] = []
    for span in draft.spans:
        inside = isinstance(span.start, int) and isinstance(span.end, int) \
            and 0 <= span.start < span.end <= len(text)
        shown = span.text if span.text is not None else text[span.start:span.end] if inside else ""
        where = f"span {span.key!r} {shown!r} [{span.start}:{span.end}]" if shown \
            else f"span {span.key!r} [{span.start}:{span.end}]"
        kind = span_kind(span.label)
        if kind is None:
            problems.append(f"{where}: unknown label {span.label!r}; labels: {', '.join(LABELS)}, "
                            f"TRIGGER:<type> with a type of {', '.join(TRIGGER_TYPES)}")
            continue
        if not inside:
            problems.append(f"{where}: offsets outside the text (0–{len(text)})")
            continue
        surface = text[span.start:span.end]
        if span.text is not None and span.text != surface:
            problems.append(f"{where}: the offsets slice {surface!r}, not the span's text")
            continue
        if kind[0] == "entity":
            item = {"id": None, "start": span.start, "end": span.end, "label": kind[1],
                    "text": surface, "canonical": canonical_value(kind[1], span.canonical)}
            entities.append(item)
        else:
            item = {"id": None, "start": span.start, "end": span.end, "type": kind[1], "text": surface}
            triggers.append(item)
        keyed.append((span.key, item))
    for prefix, items in (("e", entities), ("t", triggers)):
        items.sort(key=lambda i: (i["start"], i["end"]))
        for n, item in enumerate(items, 1):
            item["id"] = f"{prefix}{n}"
    by_key: dict[Any, dict[str, Any]] = {}
    for key, item in keyed:
        if key in by_key:
            problems.append(f"span id {key!r} is used by two spans")
        by_key[key] = item
    return entities, triggers, by_key


def _relations(links: Iterable[DraftLink], by_key: dict[Any, dict[str, Any]], problems: list[str]
               ) -> tuple[list[dict[str, str]], list[tuple[str, str]]]:
    """Trigger → entity relations, and the trigger pairs `same_event` joins."""
    relations: list[dict[str, str]] = []
    joins: list[tuple[str, str]] = []
    for link in links:
        where = f"relation {link.label!r} from {link.source!r} to {link.target!r}"
        role = relation_role(link.label)
        if role is None:
            problems.append(f"{where}: unknown relation label; labels: {', '.join(RELATION_LABELS)}")
            continue
        ends = [by_key.get(link.source), by_key.get(link.target)]
        missing = [k for k, item in zip((link.source, link.target), ends) if item is None]
        if missing:
            problems.append(f"{where}: {', '.join(repr(k) for k in missing)} is no span of the record")
            continue
        is_trigger = ["type" in item for item in ends]
        if role == SAME_EVENT:
            if not all(is_trigger):
                problems.append(f"{where}: same_event joins two triggers, not an entity")
                continue
            joins.append((ends[0]["id"], ends[1]["id"]))
            continue
        if is_trigger == [False, True]:  # drawn from the entity to the trigger: same meaning
            ends.reverse()
        elif is_trigger != [True, False]:
            problems.append(f"{where}: a role links a trigger to an entity, not two "
                            f"{'triggers' if is_trigger[0] else 'entities'}")
            continue
        trigger, entity = ends
        if entity["label"] != ROLE_LABELS[role]:
            problems.append(f"{where}: role {role} needs an entity labelled {ROLE_LABELS[role]}, "
                            f"{entity['text']!r} is labelled {entity['label']}")
            continue
        relation = {"head": trigger["id"], "tail": entity["id"], "role": role}
        if relation not in relations:
            relations.append(relation)
    return relations, joins


def trigger_groups(trigger_ids: Sequence[str], joins: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Triggers grouped transitively by `same_event` joins, each group in text order."""
    parent = {t: t for t in trigger_ids}

    def find(t: str) -> str:
        while parent[t] != t:
            parent[t] = parent[parent[t]]
            t = parent[t]
        return t

    for a, b in joins:
        parent[find(b)] = find(a)
    groups: dict[str, list[str]] = {}
    for t in trigger_ids:
        groups.setdefault(find(t), []).append(t)
    return list(groups.values())


def one_link_per_incident(relations: list[dict[str, str]], triggers: list[dict[str, Any]],
                          entities: list[dict[str, Any]], joins: Iterable[tuple[str, str]]
                          ) -> list[dict[str, str]]:
    """The relations without repeats: an entity has a role in an incident once.

    When several triggers of one incident link the same entity with the same role, only the
    link from the trigger nearest the entity is kept (as `corpus build` does for @ lines);
    otherwise its count would be added up once a link.
    """
    start = {item["id"]: item["start"] for item in triggers + entities}
    group_of = {t: n for n, group in enumerate(trigger_groups([t["id"] for t in triggers], joins))
                for t in group}
    best: dict[tuple[int, str, str], dict[str, str]] = {}
    for rel in relations:
        key = (group_of[rel["head"]], rel["tail"], rel["role"])
        distance = abs(start[rel["head"]] - start[rel["tail"]])
        if key not in best or distance < abs(start[best[key]["head"]] - start[rel["tail"]]):
            best[key] = rel
    kept = {id(rel) for rel in best.values()}
    return [rel for rel in relations if id(rel) in kept]


def _records(doc: dict[str, Any], joins: list[tuple[str, str]], problems: list[str]) -> None:
    """Events and aggregates of the document: one a group of triggers."""
    triggers = {t["id"]: t for t in doc["triggers"]}
    entities = {e["id"]: e for e in doc["entities"]}
    spans = sentence_spans(doc["text"])
    for group in trigger_groups(list(triggers), joins):
        kinds = [triggers[t]["type"] for t in group]
        if AGGREGATE in kinds and len(set(kinds)) > 1:
            problems.append(f"same_event joins the aggregate trigger and event triggers "
                            f"{', '.join(repr(triggers[t]['text']) for t in group)}")
            continue
        # the first trigger gives the record's type: the most specific one, as the model does
        group = sorted(group, key=lambda t: TYPE_PRIORITY.index(triggers[t]["type"])
                       if triggers[t]["type"] in TYPE_PRIORITY else 0)
        roles: dict[str, list[dict[str, Any]]] = {}
        members = [triggers[t] for t in group]
        for rel in doc["relations"]:
            if rel["head"] in group:
                entity = entities[rel["tail"]]
                if entity not in roles.setdefault(rel["role"], []):
                    roles[rel["role"]].append(entity)
                if rel["role"] not in ("date", "period"):
                    members.append(entity)
        for items in roles.values():
            items.sort(key=lambda e: e["start"])
        span = covering_span(spans, min(m["start"] for m in members), max(m["end"] for m in members))
        kind = triggers[group[0]]["type"]
        record = fill_record(kind, roles, literals={}, report_date=doc["date"], span=span)
        record["triggers"] = group
        record["literals"] = {}
        doc["aggregates" if kind == AGGREGATE else "events"].append(record)


def import_drafts(records: Sequence[Any], read: Callable[[dict[str, Any]], Draft], *, source: str
                  ) -> tuple[list[dict[str, Any]], list[RecordProblem]]:
    """Documents and problems of a tool's records (one record alone is read as a list of one);
    `read(record)` makes a record's draft."""
    if isinstance(records, dict):
        records = [records]
    docs: list[dict[str, Any]] = []
    problems: list[RecordProblem] = []
    seen: set[str] = set()
    for index, record in enumerate(records, 1):
        not_object = record_problem(record)
        if not_object:
            problems.append(RecordProblem(index, not_object))
            continue
        draft = read(record)
        if draft.doc_id is None:
            draft.doc_id = f"{source}-{index}"
        doc, found = build_doc(draft, source=source)
        if doc is not None and doc["id"] in seen:
            found = found + [f"document id {doc['id']!r} is used by an earlier record"]
        if found:
            problems.extend(RecordProblem(index, message, draft.doc_id) for message in found)
            continue
        seen.add(doc["id"])
        docs.append(doc)
    return docs, problems


# --- the model's predictions, for pre-annotations --------------------------------------------

@dataclass
class Prediction:
    """What the model found in one report, with corpus-style ids (`e1`, `t1` in text order)."""

    doc_id: str | None
    text: str
    date: str | None
    entities: list[dict[str, Any]]
    triggers: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    joins: list[tuple[str, str]]
    tokens: list[dict[str, Any]]


def predictions(report: Any, *, nlp: Any = None) -> Prediction:
    """Entities, triggers, relations and same-incident joins of a parsed `Report`.

    The joins need the pipeline's event assembler (`nlp`); without it none are given. With
    them, an entity linked with one role by several triggers of an incident keeps the link
    from the nearest trigger (`one_link_per_incident`), as an imported document would.
    """
    doc = report.doc
    if doc is None:
        raise ValueError("(sohr_nlp) [E061] The report carries no spaCy Doc; "
                         "parse it with sohr_nlp.parse or parse_many to export it.")
    ents = list(doc.ents)
    trigs = list(doc.spans.get("sohr_triggers", []))
    ent_order = sorted(range(len(ents)), key=lambda i: (ents[i].start_char, ents[i].end_char))
    trig_order = sorted(range(len(trigs)), key=lambda i: (trigs[i].start_char, trigs[i].end_char))
    ent_id = {i: f"e{n}" for n, i in enumerate(ent_order, 1)}
    trig_id = {i: f"t{n}" for n, i in enumerate(trig_order, 1)}
    entities = [{"id": ent_id[i], "start": ents[i].start_char, "end": ents[i].end_char,
                 "label": ents[i].label_, "text": ents[i].text,
                 "canonical": _canonical(ents[i])} for i in ent_order]
    triggers = [{"id": trig_id[i], "start": trigs[i].start_char, "end": trigs[i].end_char,
                 "type": trigs[i].label_, "text": trigs[i].text} for i in trig_order]
    relations = []
    for rel in doc._.sohr_relations or []:
        relation = {"head": trig_id[rel["trigger"]], "tail": ent_id[rel["entity"]], "role": rel["role"]}
        if relation not in relations:
            relations.append(relation)
    joins: list[tuple[str, str]] = []
    if nlp is not None and "sohr_events" in nlp.pipe_names and trigs:
        for group in nlp.get_pipe("sohr_events").groups(doc, trigs):
            ids = sorted((trig_id[i] for i in group), key=lambda t: int(t[1:]))
            joins.extend((ids[0], other) for other in ids[1:])
        relations = one_link_per_incident(relations, triggers, entities, joins)
    tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i,
               "ws": bool(t.whitespace_)} for t in doc]
    return Prediction(report.id, doc.text, report.date, entities, triggers, relations, joins, tokens)


def _canonical(ent: Any) -> Any:
    value = ent._.sohr_canonical
    if ent.label_ == "LOCATION" and not isinstance(value, str):
        return None
    return value


def trigger_label(kind: str) -> str:
    """The tool label of a trigger type: `TRIGGER:raid`."""
    return f"{TRIGGER_PREFIX}{kind}"


def label_colour(label: str) -> str:
    """The colour of a span label in the tools' interfaces."""
    if label == trigger_label(AGGREGATE):
        return AGGREGATE_COLOUR
    return COLOURS.get(label, TRIGGER_COLOUR)
