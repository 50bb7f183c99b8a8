"""Check stored corpus documents against ANNOTATION.md and SCHEMA.md.

`validate_doc` returns human-readable problems for one document; an empty list means the
document is fit for training. The checks are the ones a reviewer would make by hand:
offsets, labels, overlaps, span edges, relations, and events that must follow from them.
"""
from __future__ import annotations

from typing import Any

from sohr_nlp.arabic import PROCLITICS, normalize
from sohr_nlp.schema import (
    ACTOR_IDS, AGGREGATE, GOVERNORATES, LABELS, ROLE_LABELS, TRIGGER_TYPES,
)
from sohr_nlp.slots import fill_record

EDGE_CHARS = set(" \t\n.,،:;؛!?؟-–—()[]{}\"'“”«»‘’„…")
# Words that a proclitic glues to at the start of a span (normalised); بريف is ب + ريف.
HEAD_WORDS = frozenset(normalize(w) for w in (
    "ريف", "قوات", "عناصر", "تنظيم", "مدينة", "بلدة", "قرية", "حي", "مخيم", "حقل", "قاعدة",
    "مطار", "معبر", "فصائل", "هيئة", "ميليشيا", "مليشيا", "خلايا", "مقاتلي", "جيش", "حركة",
    "منطقة", "محافظة", "بادية", "شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي",
    "جنوبي", "طريق", "سجن", "جبل", "سد", "دير", "حزب", "لواء", "وحدات", "قوى", "مسلحين",
    "مسلحون", "مجهولين", "مجهولون", "طائرة", "طائرات", "مسيرة",
))
_ARABIC_LETTERS = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهويى")


def validate_doc(doc: dict[str, Any]) -> list[str]:
    """Problems of one stored document (empty when it is valid)."""
    problems: list[str] = []
    text = doc.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["document has no text"]
    spans = [("entity", e) for e in doc.get("entities", [])] + \
            [("trigger", t) for t in doc.get("triggers", [])]
    for kind, item in spans:
        problems.extend(_span_problems(kind, item, text))
    problems.extend(_overlaps([item for _, item in spans]))
    problems.extend(_relation_problems(doc))
    problems.extend(_record_problems(doc))
    return problems


def _span_problems(kind: str, item: dict[str, Any], text: str) -> list[str]:
    start, end = item.get("start"), item.get("end")
    where = f"{kind} {item.get('id', '?')} {item.get('text')!r} [{start}:{end}]"
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: offsets outside the text"]
    surface = text[start:end]
    out = []
    if item.get("text") is not None and surface != item["text"]:
        out.append(f"{where}: offsets slice {surface!r}, not the span text")
    label = item.get("label") if kind == "entity" else item.get("type")
    valid = LABELS if kind == "entity" else TRIGGER_TYPES
    if label not in valid:
        out.append(f"{where}: unknown {'label' if kind == 'entity' else 'type'} {label!r}; valid: {', '.join(valid)}")
    if surface[0] in EDGE_CHARS or surface[-1] in EDGE_CHARS:
        out.append(f"{where}: span begins or ends with white space, punctuation or a quote mark")
    first = surface.split()[0] if surface.split() else surface
    lam_lam = start > 0 and text[start - 1] == "ل" and surface.startswith("ل")  # للقوات → ل + لقوات
    if _has_proclitic(first) and not lam_lam:
        out.append(f"{where}: span starts with a proclitic ({first!r}); leave و ف ب ل ك outside")
    # digits glued to letters (-3عمليات, السوري509) are separate tokens, so only letters count
    prefix = _glued_prefix(text, start) if surface[0] in _ARABIC_LETTERS else ""
    if prefix and (len(prefix) > 2 or any(ch not in PROCLITICS for ch in prefix)):
        out.append(f"{where}: span starts inside the word {prefix + first!r}")
    if end < len(text) and text[end] in _ARABIC_LETTERS and surface[-1] in _ARABIC_LETTERS:
        out.append(f"{where}: span ends inside a word")
    if kind == "entity":
        out.extend(_canonical_problems(where, item))
    return out


def _glued_prefix(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] in _ARABIC_LETTERS:
        i -= 1
    return text[i:start]


def _has_proclitic(word: str) -> bool:
    norm = normalize(word)
    if len(norm) < 4 or norm[0] not in PROCLITICS:
        return False
    rest = norm[1:]
    if norm.startswith("لل"):
        return True
    if rest.startswith("ال") and len(rest) >= 4 and not norm.startswith("ال"):
        return True
    if rest[0] in PROCLITICS and rest[1:].startswith("ال") and len(rest) >= 5:
        return True
    return rest in HEAD_WORDS and norm not in HEAD_WORDS


def _canonical_problems(where: str, item: dict[str, Any]) -> list[str]:
    label, canonical = item.get("label"), item.get("canonical")
    if label == "ACTOR" and canonical is not None and canonical not in ACTOR_IDS:
        return [f"{where}: unknown actor id {canonical!r}; known ids: {', '.join(ACTOR_IDS)}"]
    if label == "LOCATION" and canonical is not None and canonical not in GOVERNORATES:
        return [f"{where}: unknown governorate {canonical!r}; known: {', '.join(GOVERNORATES)}"]
    return []


def _overlaps(items: list[dict[str, Any]]) -> list[str]:
    out = []
    ordered = sorted((i for i in items if isinstance(i.get("start"), int)), key=lambda i: (i["start"], i["end"]))
    for left, right in zip(ordered, ordered[1:]):
        if right["start"] < left["end"]:
            out.append(f"overlapping spans {left.get('text')!r} [{left['start']}:{left['end']}] "
                       f"and {right.get('text')!r} [{right['start']}:{right['end']}]")
    return out


def _relation_problems(doc: dict[str, Any]) -> list[str]:
    entities = {e.get("id"): e for e in doc.get("entities", [])}
    triggers = {t.get("id"): t for t in doc.get("triggers", [])}
    out = []
    if len(entities) != len(doc.get("entities", [])) or None in entities:
        out.append("entity ids are missing or repeated")
    for rel in doc.get("relations", []):
        head, tail, role = rel.get("head"), rel.get("tail"), rel.get("role")
        if head not in triggers:
            out.append(f"relation {rel}: head {head!r} is not a trigger id")
        if tail not in entities:
            out.append(f"relation {rel}: tail {tail!r} is not an entity id")
        elif role not in ROLE_LABELS:
            out.append(f"relation {rel}: unknown role {role!r}; roles: {', '.join(ROLE_LABELS)}")
        elif entities[tail].get("label") != ROLE_LABELS[role]:
            out.append(f"relation {rel}: role {role} needs a {ROLE_LABELS[role]}, "
                       f"{tail} is a {entities[tail].get('label')}")
    return out


def _record_problems(doc: dict[str, Any]) -> list[str]:
    """Every event and aggregate must be what its triggers' relations and literals give."""
    entities = {e.get("id"): e for e in doc.get("entities", [])}
    triggers = {t.get("id"): t for t in doc.get("triggers", [])}
    out = []
    for field, records in (("events", doc.get("events", [])), ("aggregates", doc.get("aggregates", []))):
        for n, record in enumerate(records):
            tids = record.get("triggers") or []
            if not tids or any(t not in triggers for t in tids):
                out.append(f"{field}[{n}]: triggers {tids} are not trigger ids of the document")
                continue
            kind = triggers[tids[0]]["type"]
            if (kind == AGGREGATE) != (field == "aggregates"):
                out.append(f"{field}[{n}]: its first trigger has type {kind!r}")
                continue
            roles: dict[str, list[dict[str, Any]]] = {}
            for rel in doc.get("relations", []):
                if rel.get("head") in tids and rel.get("tail") in entities:
                    roles.setdefault(rel["role"], []).append(entities[rel["tail"]])
            rebuilt = fill_record(kind, roles, literals=record.get("literals") or {},
                                  report_date=doc.get("date"),
                                  span=(record.get("start"), record.get("end")))
            for key, value in rebuilt.items():
                if key in ("start", "end"):
                    continue
                if record.get(key) != value:
                    out.append(f"{field}[{n}]: slot {key} is {record.get(key)!r} but its relations give {value!r}")
            for actor in record.get("perpetrators", []) + record.get("targets", []):
                if actor not in ACTOR_IDS:
                    out.append(f"{field}[{n}]: unknown actor id {actor!r}")
            gov = record.get("governorate")
            if gov is not None and gov not in GOVERNORATES:
                out.append(f"{field}[{n}]: unknown governorate {gov!r}")
    return out
