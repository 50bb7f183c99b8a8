"""The event assembler: triggers + relations → SCHEMA.md events and aggregates.

1. Triggers of one incident are merged by a trained pairwise classifier (same incident or
   not), then grouped transitively.
2. Each group's slots come from the relations of its triggers (`sohr_nlp.slots.fill_record`,
   the function that also builds the corpus's gold records).
3. What no span states is filled by SCHEMA.md's conventions: implied counts (`قيادي` → 1,
   `برفقة عنصر آخر` → 2), actors named by an adjective (`القصف الروسي` → RUSSIA), relative
   days against the report date, the governorate from the gazetteer or the dateline, and
   the place named in the trigger's clause when no place was linked to it.
4. Incidents told only in the title line, groups with nothing but a type, and the acts a
   summary sentence counts (`وبذلك يرتفع …`، `-4 عمليات …`, beside its aggregate) are dropped.
Incidents keep their likeliest perpetrator and target (others only above
`extra_actor_threshold`). Results: `doc._.sohr_events` and `doc._.sohr_aggregates`.
"""
from __future__ import annotations


import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span


from sohr_nlp.arabic import normalize
from sohr_nlp.dates import shift_days
from sohr_nlp.lexicon import default_lexicon
from sohr_nlp.pipeline.context import (bucket, clause_breaks, is_clause_break, sentence_bounds,
                                       sentence_of_token, word)
from sohr_nlp.pipeline.linear import LinearComponent, LinearModel
from sohr_nlp.pipeline.triggers import TRIGGERS_KEY
from sohr_nlp.schema import AGGREGATE
from sohr_nlp.sentences import covering_span
from sohr_nlp.slots import fill_record

for _name in ("sohr_events", "sohr_aggregates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# When merged triggers disagree on the type, the most specific one names the incident.
TYPE_PRIORITY = ("airdrop", "raid", "drone_strike", "airstrike", "execution", "assassination",
                 "kidnapping", "explosion", "shelling", "armed_clash", "attack", "arrest", "other")
_KILL = {"مقتل", "قتل", "مصرع", "استشهاد", "استشهد", "اغتيال", "اعدام", "قضي", "لقي", "تصفيه",
         "جثه", "قتلت", "اعدم", "اعدمت"}
_INJURE = {"اصابه", "جرح", "اصيب", "اصيبت"}
_ARREST = {"اعتقال", "اعتقل", "اعتقلت", "احتجاز", "توقيف", "خطف", "اختطاف", "القبض", "اختطف"}
# A cue with a singular pronoun is one victim: ادى لمقتله، تصفيته، اصابتها، اعتقاله.
_ONE_PRONOUN = {
    "killed": {"مقتله", "مقتلها", "مصرعه", "مصرعها", "تصفيته", "تصفيتها", "اعدامه", "اعدامها",
               "اغتياله", "اغتيالها", "استشهاده", "استشهادها", "وفاته", "وفاتها", "قتله", "قتلها"},
    "injured": {"اصابته", "اصابتها", "جرحه"},
    "arrested": {"اعتقاله", "اعتقالها", "اختطافه", "اختطافها", "احتجازه", "احتجازها", "توقيفه"},
}
_ONE = {"احد", "اخر", "فتي", "قيادي", "عنصر", "شاب", "مواطن", "رجل", "طفل", "طفله", "سيده", "امراه", "فتاه", "مدني",
        "مسؤول", "امير", "جندي", "ضابط", "مقاتل", "متطوع", "مسلح", "شخص", "عامل", "راع", "مزارع",
        "قائد", "والي", "مختار", "طبيب", "معلم", "سائق"}
_TWO = {"شخصان", "عنصران", "شابان", "مواطنان", "طفلان", "رجلان", "جنديان", "ضابطان", "قياديان",
        "مدنيان", "سيدتان", "امراتان", "مسؤولان", "اميران", "شقيقان", "اخوان", "مقاتلان",
        "شخصين", "عنصرين", "شابين", "مواطنين", "قياديين", "طفلين", "رجلين", "جنديين", "ضابطين",
        "مقاتلين", "مدنيين", "سيدتين", "امراتين", "مسؤولين", "اميرين", "شقيقين", "اخوين"}
_PLURAL_ONLY = {"مواطنين", "مقاتلين", "مدنيين", "مسؤولين"}  # dual and plural look alike
_ADJECTIVE_ACTORS = {
    "الروسي": "RUSSIA", "الروسيه": "RUSSIA", "التركي": "TURKEY", "التركيه": "TURKEY",
    "الامريكي": "US", "الامريكيه": "US", "الاميركي": "US", "الاميركيه": "US",
    "الاسرائيلي": "ISRAEL", "الاسرائيليه": "ISRAEL", "المروحي": "REGIME", "المروحيه": "REGIME",
    "النظامي": "REGIME", "البراميل": "REGIME", "برميل": "REGIME", "براميل": "REGIME",
}
_RELATIVE_DAYS = {"امس": -1, "البارحه": -1, "اليوم": 0}


def merge_features(doc: Doc, a: Span, b: Span, triggers: list[Span]) -> list[str]:
    """Features of a pair of triggers (a before b) for the same-incident classifier."""
    sent = sentence_of_token(doc)
    between = [word(doc[i]) for i in range(a.end, b.start)]
    labels = [e.label_ for e in doc.ents if a.end <= e.start and e.end <= b.start]
    others = sum(1 for t in triggers if a.end <= t.start < b.start)
    f = [f"types={a.label_}|{b.label_}", f"dist={bucket(len(between))}",
         f"same_sent={sent[a.start] == sent[b.start]}", f"others={bucket(others)}",
         f"same_type={a.label_ == b.label_}", f"wa={word(doc[a.start])}", f"wb={word(doc[b.start])}",
         f"clauses={min(clause_breaks(doc, a.end, b.start), 3)}",
         f"pair={word(doc[a.start])}|{word(doc[b.start])}"]
    f += [f"ent_btw={lab}" for lab in set(labels)]
    f += [f"n_{lab}={bucket(labels.count(lab))}" for lab in set(labels)]
    words = between if len(between) <= 6 else between[:3] + between[-3:]
    f += [f"btw={w}" for w in words]
    return f


def merge_candidates(doc: Doc, triggers: list[Span]) -> list[tuple[int, int]]:
    """Trigger pairs that may describe one incident: same kind, at most one sentence apart."""
    sent = sentence_of_token(doc)
    out = []
    for i, a in enumerate(triggers):
        for j in range(i + 1, len(triggers)):
            b = triggers[j]
            if abs(sent[b.start] - sent[a.start]) <= 1 and \
                    (a.label_ == AGGREGATE) == (b.label_ == AGGREGATE):
                out.append((i, j))
    return out


class EventAssembler(LinearComponent):
    """Builds event and aggregate records; its same-incident model is trainable with `fit`."""

    tuned = ("merge_threshold", "extra_actor_threshold")

    def __init__(self, nlp: Language, name: str, *, merge_threshold: float,
                 extra_actor_threshold: float, drop_title_events: bool) -> None:
        self.name = name
        self.merge_threshold = merge_threshold
        self.extra_actor_threshold = extra_actor_threshold
        self.drop_title_events = drop_title_events
        self.model = LinearModel()

    # --- grouping ----------------------------------------------------------------------
    def groups(self, doc: Doc, triggers: list[Span], relations: list[dict[str, Any]] | None = None
               ) -> list[list[int]]:
        """Triggers grouped into incidents.

        Two triggers that each have their own place (or their own date) are two incidents,
        whatever the merge model says: one event is one action at one time and place.
        """
        own = _own_slots(doc, relations or [])
        parent = list(range(len(triggers)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        pairs = merge_candidates(doc, triggers)
        if pairs and self.model.is_trained:
            rows = [merge_features(doc, triggers[i], triggers[j], triggers) for i, j in pairs]
            for (i, j), (label, prob) in zip(pairs, self.model.predict(rows)):
                if label == "same" and prob >= self.merge_threshold and not _apart(own.get(i), own.get(j)):
                    parent[find(j)] = find(i)
        out: dict[int, list[int]] = {}
        for i in range(len(triggers)):
            out.setdefault(find(i), []).append(i)
        return list(out.values())

    # --- assembly ----------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        triggers = list(doc.spans.get(TRIGGERS_KEY, []))
        relations = doc._.sohr_relations or []
        ents = list(doc.ents)
        spans = sentence_bounds(doc)
        # the title is the first line when a body follows it
        first_break = doc.text.find("\n")
        title_end = first_break if 0 < first_break < len(doc.text.rstrip()) else -1
        dateline_gov = _dateline_governorate(doc, ents, spans)
        events, aggregates = [], []
        for group in self.groups(doc, triggers, relations):
            best: dict[int, tuple[str, float]] = {}
            for rel in relations:
                if rel["trigger"] in group:
                    ei = rel["entity"]
                    if ei not in best or rel["prob"] > best[ei][1]:
                        best[ei] = (rel["role"], rel["prob"])
            roles: dict[str, list[dict[str, Any]]] = {}
            for ei in sorted(best, key=lambda k: ents[k].start):
                roles.setdefault(best[ei][0], []).append(_entity_dict(ents[ei]) | {"prob": best[ei][1]})
            kinds = {triggers[i].label_ for i in group}
            kind = AGGREGATE if AGGREGATE in kinds else min(kinds, key=TYPE_PRIORITY.index)
            members = [triggers[i] for i in group]
            if "location" in roles:
                roles["location"].sort(key=_specificity)
                _prefer_named_place(doc, ents, roles["location"])
            elif kind != AGGREGATE:
                nearest = _place_in_clause(doc, ents, members)
                if nearest is not None:
                    roles["location"] = [nearest]
            if kind != AGGREGATE:
                _prune_actors(roles, self.extra_actor_threshold)
                _add_partners(doc, ents, roles)
            literals = self._literals(doc, kind, members, roles)
            first = min(m.start_char for m in members)
            last = max(m.end_char for m in members)
            for role, items in roles.items():
                if role not in ("date", "period"):
                    first = min([first] + [e["start"] for e in items])
                    last = max([last] + [e["end"] for e in items])
            span = covering_span(spans, first, last)
            if self.drop_title_events and span[1] <= title_end:
                continue
            record = fill_record(kind, roles, literals=literals, report_date=doc._.sohr_date,
                                 governorate_of=_governorate_of, span=span)
            if kind == AGGREGATE:
                aggregates.append(record)
                continue
            if record["location"] is not None:
                place = roles["location"][0]
                record["governorate"] = (_stated_governorate(ents, span, place["start"])
                                         or record["governorate"]
                                         or _sentence_governorate(ents, span) or dateline_gov)
            if any(record[k] for k in ("perpetrators", "targets", "location")) or \
                    any(record[k] is not None for k in ("killed", "injured", "arrested")):
                record["evidence"] = doc.text[span[0]:span[1]]
                events.append(record)
        events = [e for e in events if not _summed_up(doc.text, e, aggregates)]
        doc._.sohr_events = sorted(_absorb_echoes(events), key=lambda r: r["start"])
        doc._.sohr_aggregates = sorted(aggregates, key=lambda r: r["start"])
        return doc

    def _literals(self, doc: Doc, kind: str, members: list[Span],
                  roles: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        """Values SCHEMA.md asks for that no entity states (see module docstring)."""
        literals: dict[str, Any] = {}
        words = [word(t) for t in _clause_tokens(doc, members)]
        if kind != AGGREGATE:
            for role, cues in (("killed", _KILL), ("injured", _INJURE), ("arrested", _ARREST)):
                if role not in roles:
                    implied = _implied_count(words, cues, _ONE_PRONOUN[role])
                    if implied:
                        literals[role] = implied
            if "date" not in roles and doc._.sohr_date:
                for w in words:
                    if w in _RELATIVE_DAYS:
                        literals["date"] = shift_days(doc._.sohr_date, _RELATIVE_DAYS[w])
                        break
        if "perpetrator" not in roles:
            for m in members:
                window = [word(doc[i]) for i in range(m.end, min(m.end + 3, len(doc)))] + [word(doc[m.start])]
                found = [_ADJECTIVE_ACTORS[w] for w in window if w in _ADJECTIVE_ACTORS]
                if found:
                    literals["perpetrator"] = found[:1]
                    break
        return literals

    def fit(self, docs: list[Doc], golds: list[list[list[int]]], *, seed: int = 0,
            c: float = 1.0) -> dict[str, int]:
        """Train the same-incident model; `golds` gives each doc's trigger groups (indices)."""
        rows, labels = [], []
        for doc, groups in zip(docs, golds):
            triggers = list(doc.spans.get(TRIGGERS_KEY, []))
            group_of = {i: g for g, members in enumerate(groups) for i in members}
            for i, j in merge_candidates(doc, triggers):
                rows.append(merge_features(doc, triggers[i], triggers[j], triggers))
                same = i in group_of and group_of.get(i) == group_of.get(j)
                labels.append("same" if same else "different")
        if len(set(labels)) > 1:
            self.model.fit(rows, labels, c=c, seed=seed)
        return {"pairs": len(labels), "same": labels.count("same")}



_SLOTS = ("date", "location", "governorate", "perpetrators", "targets", "killed", "injured",
          "arrested", "victim_nationalities")


def _filled(record: dict[str, Any]) -> int:
    return sum(1 for k in _SLOTS if record.get(k) not in (None, []))


def _within(small: dict[str, Any], big: dict[str, Any]) -> bool:
    """Every slot `small` fills, `big` fills with the same value (lists: a subset)."""
    for key in _SLOTS:
        value = small.get(key)
        if value in (None, []):
            continue
        other = big.get(key)
        if isinstance(value, list):
            if not set(value) <= set(other or []):
                return False
        elif key == "location":
            if not other or (value not in other and other not in value):
                return False
        elif value != other:
            return False
    return True


def _absorb_echoes(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop an event that only repeats part of another one stated in the same sentences."""
    kept: list[dict[str, Any]] = []
    for record in sorted(events, key=_filled, reverse=True):
        if any(r["start"] < record["end"] and record["start"] < r["end"] and _within(record, r)
               for r in kept):
            continue
        kept.append(record)
    return kept


def _own_slots(doc: Doc, relations: list[dict[str, Any]]) -> dict[int, dict[str, str]]:
    """Each trigger's likeliest place and date (folded text), from its relations."""
    best: dict[tuple[int, str], tuple[float, str]] = {}
    ents = list(doc.ents)
    for rel in relations:
        if rel["role"] in ("location", "date"):
            key = (rel["trigger"], rel["role"])
            if key not in best or rel["prob"] > best[key][0]:
                best[key] = (rel["prob"], normalize(ents[rel["entity"]].text))
    out: dict[int, dict[str, str]] = {}
    for (trigger, role), (_, text) in best.items():
        if role == "location" and _specificity({"text": text}) > 0:
            continue  # a countryside or region holds many villages: it sets no incident apart
        out.setdefault(trigger, {})[role] = text
    return out


def _apart(a: dict[str, str] | None, b: dict[str, str] | None) -> bool:
    """Whether two triggers name different places (neither inside the other) or dates."""
    if not a or not b:
        return False
    for role in ("location", "date"):
        x, y = a.get(role), b.get(role)
        if x and y and x not in y and y not in x:
            return True
    return False


def _prune_actors(roles: dict[str, list[dict[str, Any]]], extra: float) -> None:
    """Keep an incident's most likely perpetrator and target, and others only when sure.

    Most incidents have one perpetrator and at most one target; a further actor is kept
    when its relation is at least `extra` likely. An actor id on both sides stays on the
    side of its likelier relation.
    """
    for role in ("perpetrator", "target"):
        items = sorted(roles.get(role, []), key=lambda e: -e["prob"])
        if items:
            roles[role] = sorted([items[0]] + [e for e in items[1:] if e["prob"] >= extra],
                                 key=lambda e: e["start"])
    perps, targets = roles.get("perpetrator", []), roles.get("target", [])
    for actor in {e["canonical"] for e in perps} & {e["canonical"] for e in targets} - {None}:
        p = max(e["prob"] for e in perps if e["canonical"] == actor)
        t = max(e["prob"] for e in targets if e["canonical"] == actor)
        loser = "target" if p >= t else "perpetrator"
        roles[loser] = [e for e in roles[loser] if e["canonical"] != actor]


# Folded words that join two actors acting together: و, and the supporting-force phrases.
_PARTNER_LINKS = (("و",), ("بمساندة",), ("بدعم",), ("بدعم", "من"), ("بمشاركة",), ("بمؤازرة",),
                  ("بالاشتراك", "مع"), ("برفقة",), ("مدعومة", "ب"), ("مدعومه", "ب"))


def _add_partners(doc: Doc, ents: list[Span], roles: dict[str, list[dict[str, Any]]]) -> None:
    """An actor joined to a kept perpetrator or target by و or بمساندة shares its role
    (قوات النظام والمسلحين الموالين لها; قسد بمساندة التحالف الدولي), unless it is on the
    other side already."""
    index = {e.start_char: i for i, e in enumerate(ents)}
    for role, other in (("perpetrator", "target"), ("target", "perpetrator")):
        kept = roles.get(role, [])
        if not kept:
            continue
        have = {e["start"] for e in kept}
        banned = {e["canonical"] for e in roles.get(other, [])}
        queue = [index[e["start"]] for e in kept if e["start"] in index]
        while queue:
            i = queue.pop()
            for j in (i - 1, i + 1):
                if not 0 <= j < len(ents) or ents[j].label_ != "ACTOR":
                    continue
                a, b = sorted((ents[i], ents[j]), key=lambda e: e.start)
                gap = tuple(word(doc[k]) for k in range(a.end, b.start))
                partner = _entity_dict(ents[j])
                if gap not in _PARTNER_LINKS or partner["start"] in have or \
                        partner["canonical"] is None or partner["canonical"] in banned:
                    continue
                kept.append(partner | {"prob": 0.0})
                have.add(partner["start"])
                queue.append(j)
        roles[role] = sorted(kept, key=lambda e: e["start"])


def _entity_dict(ent: Span) -> dict[str, Any]:
    canonical = ent._.sohr_canonical
    if ent.label_ == "LOCATION":  # fill_record reads a LOCATION's canonical as its governorate
        canonical = canonical if isinstance(canonical, str) else None
    return {"text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char,
            "canonical": canonical}


def _specificity(place: dict[str, Any]) -> int:
    """Sort key: named places in text order first, then countryside, regions and governorates.

    A place the gazetteer does not know is most often a village, so it ranks with villages.
    """
    found = default_lexicon().place(place["text"])
    if found is None:
        return 0
    return {"governorate": 4, "countryside": 3, "region": 3, "country": 5}.get(found.type, 0)


# Folded words that may stand between a village and the area it lies in (قرية X الواقعة في ريف Y).
_PLACE_LINKS = frozenset({"ب", "في", "من", "الواقعه", "الواقع", "ضمن", "قرب", "بالقرب", "عند", "،", ","})


def _prefer_named_place(doc: Doc, ents: list[Span], places: list[dict[str, Any]]) -> None:
    """Put first the village that the chosen countryside or region follows in the text.

    `قرية X بريف Y` names X as the place and Y as where it lies; when only Y was linked to
    the act, X is still the most specific place the text gives for it.
    """
    if not places or _specificity(places[0]) == 0:
        return
    index = next((i for i, e in enumerate(ents) if e.start_char == places[0]["start"]), 0)
    if index == 0:  # not an entity, or nothing before it
        return
    before, region = ents[index - 1], ents[index]
    gap = [word(doc[i]) for i in range(before.end, region.start)]
    if before.label_ != "LOCATION" or len(gap) > 3 or not all(w in _PLACE_LINKS for w in gap):
        return
    candidate = _entity_dict(before) | {"prob": places[0].get("prob", 0.0)}
    if _specificity(candidate) == 0 and all(p["start"] != candidate["start"] for p in places):
        places.insert(0, candidate)


# A sentence that opens like this sums up: a running tally (وبذلك يرتفع …) or a bulleted
# count of operations (-4 عمليات مشتركة …).
_SUMMARY_OPENING = re.compile(r"^\s*(?:(?:و|ف)?بذلك|لي?رتفع|لترتفع|[-–—•*]\s*[0-9٠-٩]+)")


def _summed_up(text: str, event: dict[str, Any], aggregates: list[dict[str, Any]]) -> bool:
    """Whether an event comes from a summary sentence that also gave an aggregate: the acts
    such a sentence names are the ones it counts, not one incident."""
    if not _SUMMARY_OPENING.match(text[event["start"]:event["end"]]):
        return False
    return any(a["start"] < event["end"] and event["start"] < a["end"] for a in aggregates)


def _place_in_clause(doc: Doc, ents: list[Span], members: list[Span]) -> dict[str, Any] | None:
    """The most specific place named in the triggers' clause, nearest first, when no place
    was linked to them."""
    tokens = _clause_tokens(doc, members)
    lo, hi = tokens[0].i, tokens[-1].i + 1
    anchor = members[0].start
    places = [e for e in ents if e.label_ == "LOCATION" and lo <= e.start and e.end <= hi]
    if not places:
        return None
    best = min(places, key=lambda e: (_specificity({"text": e.text}), abs(e.start - anchor)))
    return _entity_dict(best) | {"prob": 0.0}


def _governorate_of(place: dict[str, Any]) -> str | None:
    return default_lexicon().governorate(place["text"])


_REGION_TYPES = ("governorate", "countryside", "region", "desert", "district")


def _stated_governorate(ents: list[Span], span: tuple[int, int], start: int) -> str | None:
    """The governorate the text itself gives for a place: the first countryside, desert or
    governorate named after it in its sentence (`قرية شنان بريف دير الزور الشرقي`)."""
    lexicon = default_lexicon()
    for ent in ents:
        if ent.label_ != "LOCATION" or not (start < ent.start_char < span[1]):
            continue
        found = lexicon.place(ent.text)
        if found is not None and found.type in _REGION_TYPES and ent._.sohr_canonical:
            return ent._.sohr_canonical
        if ent.start_char - start > 80:
            break
    return None


def _sentence_governorate(ents: list[Span], span: tuple[int, int]) -> str | None:
    for ent in ents:
        if ent.label_ == "LOCATION" and span[0] <= ent.start_char < span[1]:
            gov = ent._.sohr_canonical
            if gov:
                return gov
    return None


def _dateline_governorate(doc: Doc, ents: list[Span], spans: list[tuple[int, int]]) -> str | None:
    """The governorate named at the start of the body (`محافظة دير الزور – المرصد السوري::`)."""
    limit = spans[1][1] if len(spans) > 1 else len(doc.text)
    govs = {e._.sohr_canonical for e in ents
            if e.label_ == "LOCATION" and e.start_char < limit and e._.sohr_canonical}
    return govs.pop() if len(govs) == 1 else None


# Folded words that start another incident's clause inside a long sentence.
_INCIDENT_BREAKS = frozenset({"كما", "بينما", "حين", "كذلك", "فيما", "بالتزامن", "وسط", "تزامنا"})


def _clause_tokens(doc: Doc, members: list[Span]) -> list[Any]:
    """The tokens of the clauses that hold the triggers: their sentences, cut at the words
    that open another incident's clause (`، كما …`، `، في حين …`) before and after them."""
    sent = sentence_of_token(doc)
    first, last = min(m.start for m in members), max(m.end for m in members)
    lo, hi = first, last
    while lo > 0 and sent[lo - 1] == sent[first] and not is_clause_break(word(doc[lo]), _INCIDENT_BREAKS):
        lo -= 1
    while hi < len(doc) and sent[hi] == sent[last - 1] and \
            not is_clause_break(word(doc[hi]), _INCIDENT_BREAKS):
        hi += 1
    return [doc[i] for i in range(lo, hi)]


def _implied_count(words: list[str], cues: set[str], pronouns: set[str] = frozenset()) -> int | None:
    """1 or 2 for `مقتل قيادي` / `مقتل شخصين` / `أدى لمقتله`, +1 for `برفقة عنصر آخر`; else None."""
    for i, raw in enumerate(words):
        w = raw[1:] if raw[:1] in "وفلب" and raw[1:] in cues | pronouns else raw
        if w in pronouns:
            return 1
        if w not in cues:
            continue
        for nxt in words[i + 1:i + 4]:
            if nxt in _TWO and nxt not in _PLURAL_ONLY:
                return 2
            if nxt in _ONE:
                rest = " ".join(words[i + 1:i + 12])
                return 2 if ("اخر" in rest.split()[1:] and ("برفقه" in rest or "مع" in rest.split())) else 1
            if nxt.isdigit():
                return None
    return None


@Language.factory(
    "sohr_events",
    assigns=["doc._.sohr_events", "doc._.sohr_aggregates"],
    requires=["doc._.sohr_relations"],
    default_config={"merge_threshold": 0.5, "extra_actor_threshold": 0.7, "drop_title_events": True},
)
def make_event_assembler(nlp: Language, name: str, merge_threshold: float,
                         extra_actor_threshold: float, drop_title_events: bool) -> EventAssembler:
    """Event and aggregate records (see module docstring)."""
    return EventAssembler(nlp, name, merge_threshold=merge_threshold,
                          extra_actor_threshold=extra_actor_threshold,
                          drop_title_events=drop_title_events)
