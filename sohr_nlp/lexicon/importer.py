"""Import authoritative place lists (GeoNames dumps, OCHA admin CSVs) into a gazetteer TSV.

The output has the columns of the shipped `places_*.tsv` files and is loaded after them (the
shipped entries win for names they share). GeoNames rows carry no governorate name that maps
reliably, so an imported place takes the governorate of the nearest shipped place that has
coordinates; OCHA rows name their governorate (admin1) and keep it.
"""
from __future__ import annotations

import csv
import math
import os
import re
import sys
from pathlib import Path

from sohr_nlp.arabic import is_arabic
from sohr_nlp.schema import GOVERNORATES

COLUMNS = ("name", "variants", "name_en", "type", "governorate", "district", "lat", "lon")
# OCHA and other English spellings of the governorates.
GOVERNORATE_ALIASES = {
    "aleppo": "Aleppo", "halab": "Aleppo", "idleb": "Idlib", "idlib": "Idlib", "hama": "Hama",
    "homs": "Homs", "lattakia": "Latakia", "latakia": "Latakia", "tartous": "Tartus",
    "tartus": "Tartus", "deir-ez-zor": "Deir ez-Zor", "deir ez-zor": "Deir ez-Zor",
    "dayr az zawr": "Deir ez-Zor", "ar-raqqa": "Raqqa", "raqqa": "Raqqa", "ar raqqah": "Raqqa",
    "al-hasakeh": "Hasakah", "hasakah": "Hasakah", "al hasakah": "Hasakah", "dar'a": "Daraa",
    "daraa": "Daraa", "as-sweida": "Suwayda", "as-sweida'": "Suwayda", "suwayda": "Suwayda",
    "quneitra": "Quneitra", "rural damascus": "Rif Dimashq", "rif dimashq": "Rif Dimashq",
    "damascus": "Damascus",
}
# GeoNames feature codes → gazetteer types.
_GEONAMES_TYPES = {
    "PPLC": "city", "PPLA": "city", "PPLA2": "town", "PPLA3": "town", "PPL": "village",
    "PPLX": "neighbourhood", "PPLL": "village", "PPLQ": "village", "AIRP": "airport",
    "AIRB": "airport", "MT": "mountain", "MTS": "mountain", "DAM": "dam", "CMP": "camp",
    "CMPRF": "camp", "OILF": "field", "GASF": "field", "PRN": "prison", "BDG": "bridge",
    "RD": "road", "PLN": "plain", "DSRT": "desert", "FRM": "farm", "MILB": "base",
}


def user_gazetteer() -> Path:
    """Where imported places go by default (SOHR_NLP_GAZETTEER, else the user data folder)."""
    if os.environ.get("SOHR_NLP_GAZETTEER"):
        return Path(os.environ["SOHR_NLP_GAZETTEER"])
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "sohr_nlp" / "places_user.tsv"


def governorate_name(value: str) -> str | None:
    value = (value or "").strip()
    if value in GOVERNORATES:
        return value
    return GOVERNORATE_ALIASES.get(value.lower())


def _seats() -> list[tuple[float, float, str]]:
    from sohr_nlp.lexicon import default_lexicon

    seen = {}
    for place in default_lexicon().places.values():
        if place.lat is not None and place.lon is not None and place.governorate:
            seen[(place.lat, place.lon)] = place.governorate
    return [(lat, lon, gov) for (lat, lon), gov in seen.items()]


def nearest_governorate(lat: float, lon: float, seats: list[tuple[float, float, str]]) -> str | None:
    if not seats:
        return None
    return min(seats, key=lambda s: math.hypot(s[0] - lat, (s[1] - lon) * math.cos(math.radians(lat))))[2]


def read_geonames(path: Path) -> tuple[list[dict[str, str]], int]:
    """Rows of a GeoNames dump that are in Syria and have an Arabic name."""
    seats = _seats()
    rows, skipped = [], 0
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        for cols in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 9 or not cols[4]:
                skipped += 1
                continue
            if cols[8] != "SY":
                skipped += 1
                continue
            arabic = [n.strip() for n in cols[3].split(",") if n.strip() and is_arabic(n)]
            if not arabic:
                skipped += 1
                continue
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError:
                skipped += 1
                continue
            rows.append({
                "name": arabic[0], "variants": "|".join(dict.fromkeys(arabic[1:])),
                "name_en": cols[1], "type": _GEONAMES_TYPES.get(cols[7], "area" if cols[6] in "LTSH" else "village"),
                "governorate": nearest_governorate(lat, lon, seats) or "", "district": "",
                "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
            })
    return rows, skipped


def read_ocha(path: Path) -> tuple[list[dict[str, str]], int]:
    """Rows of an OCHA admin or populated-places CSV (columns admN_ar/admN_en, ADMN_AR, …)."""
    rows, skipped = [], 0
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields = {re.sub(r"[^a-z0-9]", "", k.lower()): k for k in reader.fieldnames or []}

        def col(level: int, lang: str) -> str | None:
            for pattern in (f"adm{level}{lang}", f"admin{level}name{lang}", f"adm{level}name{lang}"):
                if pattern in fields:
                    return fields[pattern]
            return None

        levels = [n for n in range(5, 0, -1) if col(n, "ar")]
        if not levels:
            raise ValueError(f"(sohr_nlp) [E060] {path} has no admN_ar / ADMN_AR column; is it an OCHA admin CSV?")
        deepest = levels[0]
        lat_col = next((fields[k] for k in ("latitude", "lat", "laty", "y") if k in fields), None)
        lon_col = next((fields[k] for k in ("longitude", "long", "lon", "lonx", "x") if k in fields), None)
        kinds = {1: "governorate", 2: "district", 3: "subdistrict"}
        for row in reader:
            name = (row.get(col(deepest, "ar")) or "").strip()
            gov = governorate_name(row.get(col(1, "en") or "", "") or "")
            if not name or gov is None:
                skipped += 1
                continue
            rows.append({
                "name": name, "variants": "", "name_en": (row.get(col(deepest, "en") or "", "") or "").strip(),
                "type": kinds.get(deepest, "village"), "governorate": gov,
                "district": (row.get(col(2, "en") or "", "") or "").strip() if deepest > 2 else "",
                "lat": (row.get(lat_col) or "").strip() if lat_col else "",
                "lon": (row.get(lon_col) or "").strip() if lon_col else "",
            })
    return rows, skipped


def import_file(path: Path, output: Path, *, source: str | None = None) -> tuple[int, int]:
    """Append the places of `path` to the gazetteer TSV `output`; (added, skipped)."""
    if source is None:
        with path.open(encoding="utf-8-sig") as f:
            first = f.readline()
        source = "geonames" if first.count("\t") >= 14 else "ocha"
    if source not in ("geonames", "ocha"):
        raise ValueError(f"(sohr_nlp) [E061] Unknown place list {source!r}; use geonames or ocha.")
    rows, skipped = (read_geonames if source == "geonames" else read_ocha)(path)
    existing: set[tuple[str, str]] = set()
    if output.exists():
        with output.open(encoding="utf-8") as f:
            for line in f.readlines()[1:]:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == len(COLUMNS):
                    existing.add((cols[0], cols[4]))
    output.parent.mkdir(parents=True, exist_ok=True)
    new = [r for r in rows if (r["name"], r["governorate"]) not in existing]
    header = not output.exists()
    with output.open("a", encoding="utf-8") as f:
        if header:
            f.write("\t".join(COLUMNS) + "\n")
        for row in new:
            f.write("\t".join(row[c].replace("\t", " ") for c in COLUMNS) + "\n")
    from sohr_nlp.lexicon import default_lexicon

    default_lexicon.cache_clear()
    return len(new), skipped + len(rows) - len(new)
