"""Read the hand-written authoring format (`corpus/src/*.sohr`) into corpus documents.

See `corpus/README.md` for the format. `read_markup` returns the documents and a list of
problems, each tied to a file line, so an author can fix them one by one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sohr_nlp.schema import ACTOR_IDS, GOVERNORATES, LABELS, TRIGGER_TYPES, AGGREGATE
from sohr_nlp.sentences import covering_span, sentence_spans
from sohr_nlp.slots import fill_record

_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")
_ID = re.compile(r"^[a-z]+\d+$")
_FIELD = re.compile(r"(\w+)=(.*?)(?=\s+\w+=|\s*$)")
_ISO_DATE = re.compile(r"^(\d{4}|-)-\d\d-\d\d$")
_PERIOD = re.compile(r"^(\d{4}(-\d\d)?|--\d\d)$")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*$")

# role keyword on an @ line → (relation role, entity label, literal kind)
ROLE_KEYS = {
    "perp": ("perpetrator", "ACTOR", "actor"),
    "target": ("target", "ACTOR", "actor"),
    "loc": ("location", "LOCATION", None),
    "gov": ("governorate", None, "governorate"),
    "date": ("date", "DATE", "date"),
    "killed": ("killed", "COUNT", "int"),
    "injured": ("injured", "COUNT", "int"),
    "arrested": ("arrested", "COUNT", "int"),
    "nat": ("victim_nationality", "NATIONALITY", "demonym"),
    "ops": ("operations", "COUNT", "int"),
    "period": ("period", "DATE", "period"),
}
EVENT_ONLY = {"loc", "gov", "date", "nat"}
AGGREGATE_ONLY = {"ops", "period"}


@dataclass
class Problem:
    """One thing wrong in a source file, at a line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class _Draft:
    doc_id: str
    line: int
    date: str | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)
    events: list[tuple[int, str]] = field(default_factory=list)


def read_markup(path: str | Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Documents and problems of one `.sohr` file."""
    path = Path(path)
    problems: list[Problem] = []
    drafts: list[_Draft] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if line.startswith("=== doc:"):
            drafts.append(_Draft(doc_id=line.split(":", 1)[1].strip(), line=number))
        elif not drafts:
            if line.strip() and not line.startswith("#"):
                problems.append(Problem(str(path), number, "text before the first '=== doc:' line"))
        elif line.startswith("#"):
            continue
        elif line.startswith("@"):
            drafts[-1].events.append((number, line))
        elif line.startswith("date:") and not drafts[-1].lines:
            drafts[-1].date = line.split(":", 1)[1].strip() or None
        elif drafts[-1].events and line.strip():
            problems.append(Problem(str(path), number, "text after the '@' lines of a document"))
        else:
            drafts[-1].lines.append((number, line))
    docs = []
    for draft in drafts:
        doc = _build(draft, str(path), problems)
        if doc is not None:
            docs.append(doc)
    return docs, problems


def _build(draft: _Draft, path: str, problems: list[Problem]) -> dict[str, Any] | None:
    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, f"[{draft.doc_id}] {message}"))

    if not draft.doc_id:
        problem(draft.line, "document without an id")
        return None
    if draft.date and not re.fullmatch(r"\d{4}-\d\d-\d\d", draft.date):
        problem(draft.line, f"date header {draft.date!r} is not YYYY-MM-DD")
    lines = draft.lines
    while lines and not lines[0][1].strip():
        lines = lines[1:]
    while lines and not lines[-1][1].strip():
        lines = lines[:-1]
    text_parts: list[str] = []
    entities: list[dict[str, Any]] = []
    triggers: list[dict[str, Any]] = []
    offset = 0
    for number, line in lines:
        pos = 0
        for match in _MARK.finditer(line):
            text_parts.append(line[pos:match.start()])
            offset += match.start() - pos
            body = match.group(1) or match.group(2)
            parts = body.split("|")
            surface = parts[0]
            item = {"start": offset, "end": offset + len(surface), "text": surface, "line": number}
            if match.group(1) is not None:
                _entity(item, parts, problem, number)
                entities.append(item)
            else:
                _trigger(item, parts, problem, number)
                triggers.append(item)
            text_parts.append(surface)
            offset += len(surface)
            pos = match.end()
        rest = line[pos:]
        if any(tok in rest for tok in ("[[", "]]", "{{", "}}")):
            problem(number, "unbalanced markup brackets")
        text_parts.append(rest + "\n")
        offset += len(rest) + 1
    text = "".join(text_parts).rstrip("\n")
    if not text.strip():
        problem(draft.line, "document without text")
        return None
    ids: dict[str, dict[str, Any]] = {}
    for item in entities + triggers:
        if item.get("id"):
            if item["id"] in ids:
                problem(item["line"], f"id {item['id']!r} used twice")
            ids[item["id"]] = item
    doc = {"id": draft.doc_id, "text": text, "date": draft.date, "source": "handwritten",
           "entities": entities, "triggers": triggers, "relations": [], "events": [],
           "aggregates": []}
    _events(doc, draft, ids, problem)
    auto = 0
    for item in entities + triggers:
        item.pop("line", None)
        while not item.get("id"):
            auto += 1
            item["id"] = f"x{auto}" if f"x{auto}" not in ids else None
    return doc


def _entity(item: dict[str, Any], parts: list[str], problem, number: int) -> None:
    label, _, canonical = parts[1].partition("=") if len(parts) > 1 else ("", "", "")
    label, canonical = label.strip(), canonical.strip()
    item["label"] = label
    item["canonical"] = canonical or None
    if len(parts) > 2:
        item["id"] = parts[2].strip()
        if not _ID.match(item["id"]):
            problem(number, f"entity id {item['id']!r} must be letters then digits (a1, l2)")
    if len(parts) > 3:
        problem(number, f"too many '|' in [[{'|'.join(parts)}]]")
    if label not in LABELS:
        problem(number, f"unknown label {label!r} in [[{'|'.join(parts)}]]; labels: {', '.join(LABELS)}")
    elif label == "ACTOR" and canonical and canonical not in ACTOR_IDS:
        problem(number, f"ACTOR {item['text']!r}: unknown actor id {canonical!r}; ids: {', '.join(ACTOR_IDS)} "
                        "(leave it out for a force with no owner, e.g. [[الطيران الحربي|ACTOR]])")
    elif label == "NATIONALITY" and not _DEMONYM.match(canonical):
        problem(number, f"NATIONALITY {item['text']!r} needs an English demonym (=Iraqi), got {canonical!r}")
    elif label == "LOCATION" and canonical and canonical not in GOVERNORATES:
        problem(number, f"LOCATION {item['text']!r}: {canonical!r} is not a governorate; use one of {', '.join(GOVERNORATES)}")
    elif label == "COUNT":
        if canonical and not canonical.isdigit():
            problem(number, f"COUNT {item['text']!r}: canonical {canonical!r} is not an integer")
        item["canonical"] = int(canonical) if canonical.isdigit() else None


def _trigger(item: dict[str, Any], parts: list[str], problem, number: int) -> None:
    if len(parts) != 3:
        problem(number, f"trigger {{{{{'|'.join(parts)}}}}} must be {{{{surface|type|id}}}}")
        item["type"], item["id"] = (parts + ["", ""])[1:3]
        return
    item["type"], item["id"] = parts[1].strip(), parts[2].strip()
    if item["type"] not in TRIGGER_TYPES:
        problem(number, f"unknown trigger type {item['type']!r}; types: {', '.join(TRIGGER_TYPES)}")
    if not _ID.match(item["id"]):
        problem(number, f"trigger id {item['id']!r} must be letters then digits (t1)")


def _literal(kind: str, value: str) -> Any:
    """The literal value of an @-line field, or None when it is not a valid literal."""
    if kind == "actor":
        return value if value in ACTOR_IDS else None
    if kind == "int":
        return int(value) if value.isdigit() else None
    if kind == "date":
        return value if _ISO_DATE.match(value) else None
    if kind == "period":
        return value if _PERIOD.match(value) else None
    if kind == "demonym":
        return value if _DEMONYM.match(value) else None
    if kind == "governorate":
        return value if value in GOVERNORATES else None
    return None


def _events(doc: dict[str, Any], draft: _Draft, ids: dict[str, dict[str, Any]], problem) -> None:
    used: set[str] = set()
    spans = sentence_spans(doc["text"])
    for number, line in draft.events:
        head, _, rest = line[1:].partition(" ")
        trigger_ids = [t for t in head.split("+") if t]
        triggers = []
        for tid in trigger_ids:
            trig = ids.get(tid)
            if trig is None or "type" not in trig:
                problem(number, f"@{head}: {tid!r} is not a trigger of this document")
                continue
            if tid in used:
                problem(number, f"trigger {tid!r} is in two @ lines")
            used.add(tid)
            triggers.append(trig)
        if not triggers:
            continue
        kind = triggers[0]["type"]
        roles: dict[str, list[dict[str, Any]]] = {}
        literals: dict[str, Any] = {}
        relations = []
        for key, value in _FIELD.findall(rest):
            if key not in ROLE_KEYS:
                problem(number, f"unknown field {key!r}; fields: {', '.join(ROLE_KEYS)}")
                continue
            if kind == AGGREGATE and key in EVENT_ONLY - {"date"}:
                problem(number, f"{key}= is for events, not aggregates")
            if kind != AGGREGATE and key in AGGREGATE_ONLY:
                problem(number, f"{key}= is for aggregates, not events")
            role, label, literal_kind = ROLE_KEYS[key]
            if kind == AGGREGATE and key == "date":
                role, literal_kind = "period", "period"
            for value in (v.strip() for v in value.split(",")):
                if not value:
                    continue
                entity = ids.get(value)
                if entity is not None and "label" in entity:
                    if label is None or entity["label"] != label:
                        problem(number, f"{key}={value}: {value} is a {entity['label']}, {key}= needs {label or 'a literal'}")
                        continue
                    roles.setdefault(role, []).append(entity)
                    relations.append((entity, role))
                    continue
                lit = _literal(literal_kind, value) if literal_kind else None
                if lit is None:
                    problem(number, f"{key}={value}: not an entity id of this document nor a valid {literal_kind or 'entity id'} literal")
                    continue
                if role in ("perpetrator", "target", "victim_nationality"):
                    literals.setdefault(role, []).append(lit)
                elif role in literals:
                    problem(number, f"{key}= has two literal values")
                else:
                    literals[role] = lit
        for role in ("killed", "injured", "arrested", "operations"):
            if role in literals and role in roles:
                problem(number, f"@{head}: {role} mixes count ids and a number; the number would "
                                "silently replace the spans. Give the spans, or one number for the total.")
        for entity, role in relations:
            nearest = min(triggers, key=lambda t: abs(t["start"] - entity["start"]))
            doc["relations"].append({"head": nearest["id"], "tail": entity["id"], "role": role})
        members = triggers + [e for e, role in relations if role not in ("date", "period")]
        span = covering_span(spans, min(m["start"] for m in members), max(m["end"] for m in members))
        record = fill_record(kind, roles, literals=literals, report_date=doc["date"], span=span)
        record["triggers"] = [t["id"] for t in triggers]
        record["literals"] = literals
        if kind == AGGREGATE:
            doc["aggregates"].append(record)
        else:
            if record["location"] and not record["governorate"]:
                problem(number, f"@{head}: the event's location {record['location']!r} has no governorate; give gov= or LOCATION=<governorate>")
            doc["events"].append(record)
    for tid, item in ids.items():
        if "type" in item and tid not in used:
            problem(draft.line, f"trigger {tid!r} ({item['text']!r}) is in no @ line")
