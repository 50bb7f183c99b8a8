"""Actors, nationalities and places of Syria: data files in this folder and their resolvers.

Every lookup is a dictionary hit on the folded form (`sohr_nlp.arabic.normalize`, proclitics
stripped), never a scan. The files are read once, on first use.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sohr_nlp.arabic import normalize, strip_proclitics
from sohr_nlp.schema import ACTOR_IDS, GOVERNORATES

HERE = Path(__file__).parent
# Words before a group's name that say "members of" and are not part of its identity.
MEMBER_WORDS = ("عناصر", "عنصر", "خلايا", "خليه", "مقاتلي", "مقاتلو", "مقاتلين", "مسلحي", "مسلحو",
                "افراد", "قياديين", "قيادي", "قاده", "امير", "جنود", "ضباط", "من")
# Generic nouns before a place's name (ANNOTATION.md leaves them outside LOCATION spans).
PLACE_NOUNS = ("قريه", "قري", "بلده", "بلدات", "مدينه", "حي", "احياء", "محافظه", "منطقه",
               "ناحيه", "مناطق", "مزرعه", "مزارع")
DIRECTIONS = ("شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "وسط",
              "شمال شرق", "شمال غرب", "جنوب شرق", "جنوب غرب", "شمال شرقي", "شمال غربي",
              "جنوب شرقي", "جنوب غربي")
_BRACKETS = re.compile(r"[()\[\]{}]")
# A state's adjective alone names that state acting (الجانب التركي، طائرتان روسيتان).
STATE_ADJECTIVES = {
    "RUSSIA": ("روسي", "روسيه", "روسيتان", "روسيتين", "روسيين", "روس"),
    "TURKEY": ("تركي", "تركيه", "تركيتان", "تركيتين", "تركيين", "اتراك"),
    "US": ("امريكي", "امريكيه", "اميركي", "اميركيه", "امريكيتان", "امريكيين", "اميركيين"),
    "ISRAEL": ("اسرائيلي", "اسرائيليه", "اسرائيليتان", "اسرائيليين"),
}
_ADJECTIVE_OF = {form: actor for actor, forms in STATE_ADJECTIVES.items() for f in forms
                 for form in (f, "ال" + f)}
_NAT_PHRASES = re.compile(r"^(?:من |يحمل |تحمل |يحملون )?(?:ال)?جنسيه\s+|\s+(?:ال)?جنسيه$")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _key(text: str) -> str:
    """Lookup key: folded, proclitic-free, quote-free."""
    return strip_proclitics(normalize(text))


def _keys(text: str) -> list[str]:
    """Lookup keys of a phrase, most literal first: as written, without one or two leading
    proclitics (بقسد → قسد), and with ال restored after the ل of للـ (لتحالف → التحالف)."""
    norm = normalize(text.replace("ـ ـ", ""))  # a tatweel-broken name (الـ ـتـ ـنـ ـظـ ـيـ ـم)
    norm = _BRACKETS.sub(" ", norm).strip().replace("ديرالزور", "دير الزور")
    norm = " ".join(norm.split())
    keys = [norm, strip_proclitics(norm)]
    for size in (1, 2):
        if len(norm) > size + 2 and all(ch in "وفبلك" for ch in norm[:size]):
            keys.append(norm[size:])
    keys += ["ا" + k for k in keys if k.startswith("ل")]
    return list(dict.fromkeys(k for k in keys if k))


def _definite(words: list[str]) -> list[str]:
    """The phrase with its indefinite words made definite (فصائل إسلامية → الفصائل الإسلامية).

    SOHR writes group names indefinitely as often as definitely; the lexicon lists one form.
    Short words, words with ال or the preposition ل (لتركيا) stay as they are.
    """
    out = []
    for w in words:
        if len(w) < 4 or w.startswith(("ال", "ل")) or w in ("التابعه", "الموالي"):
            out.append(w)
        elif w.startswith("و") and not w.startswith("وال"):
            out.append("وال" + w[1:])
        else:
            out.append("ال" + w)
    return out


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    name_en: str
    type: str
    governorate: str | None
    district: str | None = None
    lat: float | None = None
    lon: float | None = None
    governorates: tuple[str, ...] = field(default=())


class Lexicon:
    """Resolvers for actor names, demonyms and place names."""

    def __init__(self, folder: Path = HERE, *, extra_places: list[Path] | None = None) -> None:
        self.actors: dict[str, str] = {}
        for row in _rows(folder / "actors.tsv"):
            if row.get("id") in ACTOR_IDS and row.get("form"):
                self.actors.setdefault(_key(row["form"]), row["id"])
        self.unowned: set[str] = set()
        path = folder / "actors_unowned.txt"
        if path.exists():
            self.unowned = {_key(line) for line in path.read_text(encoding="utf-8").splitlines()
                            if line.strip() and not line.startswith("#")}
        self.nationalities: dict[str, str] = {}
        for row in _rows(folder / "nationalities.tsv"):
            if row.get("demonym") and row.get("form"):
                self.nationalities.setdefault(_key(row["form"]), row["demonym"])
        self.places: dict[str, Place] = {}
        self.ambiguous: set[str] = set()  # names of villages in more than one governorate
        for path in sorted(folder.glob("places_*.tsv")) + list(extra_places or []):
            for row in _rows(path):
                self._add_place(row)
        for row in _rows(folder / "regions.tsv"):
            govs = tuple(g for g in (row.get("governorates") or "").split("|") if g in GOVERNORATES)
            place = Place(row["form"], "", row.get("type") or "region",
                          govs[0] if len(govs) == 1 else None, governorates=govs)
            if len(govs) > 1:  # a region over several governorates beats a one-governorate entry
                self.places[_key(row["form"])] = place
            else:
                self.places.setdefault(_key(row["form"]), place)

    def _add_place(self, row: dict[str, str]) -> None:
        gov = row.get("governorate") or None
        if not row.get("name") or (gov is not None and gov not in GOVERNORATES):
            return
        place = Place(
            name=row["name"], name_en=row.get("name_en") or "", type=row.get("type") or "",
            governorate=gov, district=row.get("district") or None,
            lat=_float(row.get("lat")), lon=_float(row.get("lon")),
            governorates=(gov,) if gov else (),
        )
        for form in [row["name"]] + [v for v in (row.get("variants") or "").split("|") if v]:
            key = _key(form)
            if not key:
                continue
            # earlier files win; an admin unit (governorate) beats a homonymous village
            old = self.places.get(key)
            if old is None or _rank(place) < _rank(old):
                self.places[key] = place
                self.ambiguous.discard(key)
            elif _rank(place) == _rank(old) and old.governorate != place.governorate:
                self.ambiguous.add(key)
            if key.startswith("ال") and len(key) > 4:
                self.places.setdefault(key[2:], place)

    # --- actors ------------------------------------------------------------------------
    def actor_id(self, surface: str) -> str | None:
        """The actor id of a surface form, or None when the form is not known."""
        keys = _keys(surface)
        for key in keys:
            if key in self.actors:
                return self.actors[key]
        words = _key(surface).split()
        while words and words[0] in MEMBER_WORDS:
            words = words[1:]
            candidate = " ".join(words)
            if candidate in self.actors:
                return self.actors[candidate]
        definite = _definite(words)
        if definite != words and " ".join(definite) in self.actors:
            return self.actors[" ".join(definite)]
        # the longest known name inside the phrase ("قوات التدخل السريع التابعة لقسد" → SDF)
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                candidate = strip_proclitics(" ".join(words[i:i + size]))
                for form in (candidate, " ".join(_definite(candidate.split()))):
                    if form in self.actors and len(form) > 2:
                        return self.actors[form]
        return None

    def resolve_actor(self, surface: str) -> str | None:
        """The actor id of an ACTOR span; an unknown armed group is `OTHER`.

        Forces named without an owner (`الطائرات الحربية`) have no id: None.
        """
        known = self.actor_id(surface)
        if known is None and any(k in self.unowned for k in _keys(surface)):
            return None
        if known is None:
            known = next((_ADJECTIVE_OF[w] for w in reversed(_key(surface).split()) if w in _ADJECTIVE_OF), None)
        return known or "OTHER"

    # --- nationalities -----------------------------------------------------------------
    def demonym(self, surface: str) -> str | None:
        """English demonym of a nationality phrase (`عراقي الجنسية` → `Iraqi`), or None."""
        key = _key(surface)
        if key in self.nationalities:
            return self.nationalities[key]
        key = _NAT_PHRASES.sub("", key).strip()
        found = self.nationalities.get(key) or self.nationalities.get(strip_proclitics(key))
        if found is None and key.endswith("يا") and len(key) > 4:  # accusative: سعوديا الجنسية
            found = self.nationalities.get(key[:-1])
        return found

    # --- places ------------------------------------------------------------------------
    def place(self, surface: str) -> Place | None:
        """The gazetteer entry of a place name, trying spelling variants and generic nouns."""
        key = self.place_key(surface)
        return self.places[key] if key is not None else None

    def place_key(self, surface: str) -> str | None:
        """The gazetteer key a place name resolves to (see `place`), or None."""
        keys = _keys(surface)
        for key in keys:
            if key in self.places:
                return key
        for key in keys:
            words = key.split()
            while len(words) > 1 and (words[0] in PLACE_NOUNS or words[0] in DIRECTIONS):
                words = words[1:]
                for candidate in _keys(" ".join(words)):
                    if candidate in self.places:
                        return candidate
            if len(words) > 1 and words[0] == "ريف" and " ".join(words[1:]) in self.places:
                return " ".join(words[1:])
        return None

    def governorate(self, surface: str) -> str | None:
        """The one governorate a place name lies in, or None when unknown or ambiguous."""
        key = self.place_key(surface)
        if key is None or key in self.ambiguous:
            return None
        return self.places[key].governorate


def _rank(place: Place) -> int:
    order = ("governorate", "district", "subdistrict", "city")
    return order.index(place.type) if place.type in order else len(order)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon plus the user's imported places, if any (read once)."""
    from sohr_nlp.lexicon.importer import user_gazetteer

    extra = user_gazetteer()
    return Lexicon(extra_places=[extra] if extra.exists() else None)


@lru_cache(maxsize=1)
def lexicon_words() -> tuple[frozenset[str], frozenset[str]]:
    """(first words, all words) of every lexicon form, folded: evidence for the tokenizer."""
    lex = default_lexicon()
    firsts: set[str] = set()
    words: set[str] = set()
    for key in list(lex.actors) + list(lex.nationalities) + list(lex.places):
        parts = [w for w in key.split() if len(w) > 2 and not w.isdigit()]
        words.update(parts)
        if parts and parts[0] == key.split()[0]:
            firsts.add(parts[0])
    return frozenset(firsts), frozenset(words)
