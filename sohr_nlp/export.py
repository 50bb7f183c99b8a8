"""ACLED-style rows from SCHEMA.md documents: one row an event, columns as ACLED coders use."""
from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sohr_nlp.lexicon import default_lexicon
from sohr_nlp.schema import ACLED_SUB_EVENT

ACLED_COLUMNS = (
    "event_id", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source_id", "notes", "fatalities", "injured", "arrested", "victim_nationalities",
)
# ACLED's event type of each sub-event type.
_ACLED_TYPE = {
    "Armed clash": "Battles", "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Attack": "Violence against civilians", "Abduction/forced disappearance": "Violence against civilians",
    "Arrests": "Strategic developments", "Other": "Strategic developments",
}


def acled_row(doc_id: str, n: int, event: dict[str, Any]) -> dict[str, Any]:
    """The ACLED-style row of the n-th event of a document."""
    sub = ACLED_SUB_EVENT.get(event["type"], "Other")
    if event["type"] in ("raid", "airdrop") and event.get("killed"):
        sub = "Armed clash"  # a raid with deaths is a clash in ACLED's terms
    kind = _ACLED_TYPE[sub]
    if sub == "Attack" and event.get("targets"):
        kind, sub = "Battles", "Armed clash" if event["type"] == "attack" else sub
    date = event.get("date") or ""
    place = default_lexicon().place(event["location"]) if event.get("location") else None
    lat = place.lat if place else None
    lon = place.lon if place else None
    if place is not None and lat is not None:
        geo = 1 if place.type not in ("governorate", "district", "region", "countryside", "desert") else 2
    else:
        geo = 3 if event.get("governorate") else ""
    return {
        "event_id": f"{doc_id}-{n + 1}",
        "event_date": date,
        "year": date[:4] if date[:1].isdigit() else "",
        "time_precision": 1 if date else 3,
        "event_type": kind,
        "sub_event_type": sub,
        "actor1": ";".join(event.get("perpetrators") or []),
        "actor2": ";".join(event.get("targets") or []),
        "admin1": event.get("governorate") or "",
        "location": event.get("location") or "",
        "latitude": "" if lat is None else lat,
        "longitude": "" if lon is None else lon,
        "geo_precision": geo,
        "source_id": doc_id,
        "notes": event.get("evidence", ""),
        "fatalities": event.get("killed") if event.get("killed") is not None else 0,
        "injured": "" if event.get("injured") is None else event["injured"],
        "arrested": "" if event.get("arrested") is None else event["arrested"],
        "victim_nationalities": ";".join(event.get("victim_nationalities") or []),
    }


def acled_rows(docs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for doc in docs:
        for n, event in enumerate(doc.get("events", [])):
            yield acled_row(str(doc.get("id")), n, event)


def write_acled_csv(docs: Iterable[dict[str, Any]], output: Path) -> int:
    """Write the rows to `output` atomically; returns the number of rows."""
    tmp = output.with_name(output.name + ".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in acled_rows(docs):
            writer.writerow(row)
            n += 1
    os.replace(tmp, output)
    return n
