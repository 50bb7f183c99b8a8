"""Fill the slots of one event or aggregate record from the entities linked to its triggers.

The same function builds the gold records of the corpus (from hand-made relations) and the
predicted records of the pipeline (from the relation classifier), so both sides agree on
what a relation means.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sohr_nlp.dates import parse_date
from sohr_nlp.numbers import parse_count
from sohr_nlp.schema import AGGREGATE

Entity = Mapping[str, Any]


def count_value(entity: Entity) -> int | None:
    """The integer of a COUNT entity: its canonical value, else parsed from its text."""
    canonical = entity.get("canonical")
    if isinstance(canonical, int):
        return canonical
    if isinstance(canonical, str) and canonical.strip().isdigit():
        return int(canonical)
    return parse_count(entity["text"])


def _unique(values: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value is not None and value not in seen:
            seen.append(value)
    return seen


def _sum_counts(entities: list[Entity], literal: Any) -> int | None:
    if literal is not None:
        return int(literal)
    values = [count_value(e) for e in entities]
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def fill_record(
    kind: str,
    roles: Mapping[str, list[Entity]],
    *,
    literals: Mapping[str, Any] | None = None,
    report_date: str | None = None,
    governorate_of: Any = None,
    span: tuple[int, int],
) -> dict[str, Any]:
    """One SCHEMA.md record of type `kind` from role → linked entities (in text order).

    `literals` carries values no span states (implied counts, actor ids of adjectives,
    relative dates); they win over entities. `governorate_of(entity)` resolves a LOCATION's
    governorate when the entity has no canonical one.
    """
    lit = dict(literals or {})
    actors = {
        role: _unique([e.get("canonical") for e in roles.get(role, [])] + list(lit.get(role, [])))
        for role in ("perpetrator", "target")
    }
    record: dict[str, Any]
    if kind == AGGREGATE:
        periods = [parse_date(e["text"], report_date=report_date, period=True)
                   for e in roles.get("period", []) + roles.get("date", [])]
        record = {
            "period": lit.get("period") or next((p for p in periods if p), None),
            "operations": _sum_counts(roles.get("operations", []), lit.get("operations")),
        }
    else:
        dates = [parse_date(e["text"], report_date=report_date) for e in roles.get("date", [])]
        places = roles.get("location", [])
        governorate = lit.get("governorate")
        for place in places:
            if governorate:
                break
            governorate = place.get("canonical") or (governorate_of(place) if governorate_of else None)
        record = {
            "type": kind,
            "date": lit.get("date") or next((d for d in dates if d), None),
            "location": places[0]["text"] if places else None,
            "governorate": governorate,
        }
    record.update({
        "perpetrators": actors["perpetrator"],
        "targets": actors["target"],
        "killed": _sum_counts(roles.get("killed", []), lit.get("killed")),
        "injured": _sum_counts(roles.get("injured", []), lit.get("injured")),
        "arrested": _sum_counts(roles.get("arrested", []), lit.get("arrested")),
    })
    if kind != AGGREGATE:
        record["victim_nationalities"] = _unique(
            [e.get("canonical") for e in roles.get("victim_nationality", [])]
            + list(lit.get("victim_nationality", [])))
    record["start"], record["end"] = span
    return record
