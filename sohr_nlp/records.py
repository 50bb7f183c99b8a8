"""Entity, Event, Aggregate and Report records; `Report.to_dict()` is exactly SCHEMA.md."""
from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc

from sohr_nlp.schema import AGGREGATE_FIELDS, EVENT_FIELDS


@dataclass
class Entity:
    """A span of the input text with its label and normalised value."""

    start: int
    end: int
    label: str
    text: str
    canonical: Any = None


@dataclass
class Event:
    """One incident (SCHEMA.md), with the sentence(s) that state it as `evidence`."""

    type: str
    date: str | None = None
    location: str | None = None
    governorate: str | None = None
    perpetrators: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    victim_nationalities: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in EVENT_FIELDS} | {"evidence": self.evidence}


@dataclass
class Aggregate:
    """A count over a period (SCHEMA.md), not an incident."""

    period: str | None = None
    operations: int | None = None
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    perpetrators: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in AGGREGATE_FIELDS}


@dataclass
class Report:
    """What `sohr_nlp.parse` returns for one report."""

    text: str
    entities: list[Entity]
    events: list[Event]
    aggregates: list[Aggregate]
    id: str | None = None
    date: str | None = None
    doc: Doc | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_doc(cls, doc: Doc, *, doc_id: str | None = None) -> "Report":
        entities = [Entity(e.start_char, e.end_char, e.label_, e.text, e._.sohr_canonical)
                    for e in doc.ents]
        events = [Event(**{k: v for k, v in r.items() if k in Event.__dataclass_fields__})
                  for r in doc._.sohr_events or []]
        aggregates = [Aggregate(**{k: v for k, v in r.items() if k in Aggregate.__dataclass_fields__})
                      for r in doc._.sohr_aggregates or []]
        return cls(doc.text, entities, events, aggregates, id=doc_id, date=doc._.sohr_date, doc=doc)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        """A report from its SCHEMA.md document (as `to_dict` writes it), without a Doc."""
        return cls(
            data["text"], [Entity(**e) for e in data.get("entities", [])],
            [Event(**{k: v for k, v in e.items() if k in Event.__dataclass_fields__}) for e in data.get("events", [])],
            [Aggregate(**{k: v for k, v in a.items() if k in Aggregate.__dataclass_fields__})
             for a in data.get("aggregates", [])],
            id=data.get("id"))

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA.md document: id, text, entities, events, aggregates."""
        return {
            "id": self.id,
            "text": self.text,
            "entities": [asdict(e) for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "aggregates": [a.to_dict() for a in self.aggregates],
        }

    def __repr__(self) -> str:
        lines = [f"Report({len(self.text):,} chars, {len(self.entities)} entities, "
                 f"{len(self.events)} events, {len(self.aggregates)} aggregates)"]
        for e in self.events:
            who = ",".join(e.perpetrators) or "?"
            whom = ",".join(e.targets) or "-"
            counts = " ".join(f"{k}={v}" for k, v in (("killed", e.killed), ("injured", e.injured),
                                                     ("arrested", e.arrested)) if v is not None)
            lines.append(f"  {e.type:<13} {e.date or '----------'} {e.location or '?'} "
                         f"({e.governorate or '?'}) {who} → {whom} {counts}".rstrip())
        for a in self.aggregates:
            lines.append(f"  aggregate     {a.period or '?'} ops={a.operations} killed={a.killed} "
                         f"arrested={a.arrested} {','.join(a.perpetrators)} → {','.join(a.targets)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from spacy import displacy

        ents = [{"start": e.start, "end": e.end, "label": e.label} for e in self.entities]
        marked = displacy.render({"text": self.text, "ents": ents, "title": None}, style="ent",
                                 manual=True, jupyter=False,
                                 options={"colors": {"ACTOR": "#f4a261", "LOCATION": "#8ecae6",
                                                     "NATIONALITY": "#b5e48c", "COUNT": "#ffd166",
                                                     "DATE": "#cdb4db"}})
        head = "".join(f"<th>{h}</th>" for h in ("type", "date", "location", "governorate",
                                                 "perpetrators", "targets", "killed", "injured",
                                                 "arrested", "nationalities", "evidence"))
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v if v is not None else ''))}</td>" for v in (
                e.type, e.date, e.location, e.governorate, ", ".join(e.perpetrators),
                ", ".join(e.targets), e.killed, e.injured, e.arrested,
                ", ".join(e.victim_nationalities))) +
            f"<td dir='rtl'>{html.escape(e.evidence[:200])}</td></tr>" for e in self.events)
        return (f"<div dir='rtl' style='text-align:right'>{marked}</div>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
