"""The relation classifier: which role each entity plays for each event trigger near it.

Candidate pairs come from a registered, configurable function (`sohr.entity_pairs.v1`); a
linear classifier (scikit-learn fit, NumPy predict) labels each pair with a role of
`sohr_nlp.schema.ROLES` or `none`. Results go to `doc._.sohr_relations`: dicts with the
trigger's index in `doc.spans["sohr_triggers"]`, the entity's index in `doc.ents`, the role
and its probability.
"""
from __future__ import annotations


from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from sohr_nlp.arabic import normalize
from sohr_nlp.pipeline.context import bucket, clause_breaks, sentence_of_token, word
from sohr_nlp.pipeline.linear import LinearComponent, LinearModel
from sohr_nlp.pipeline.triggers import TRIGGERS_KEY
from sohr_nlp.schema import NO_ROLE, ROLE_LABELS

PairFinder = Callable[[Doc, list[Span]], list[tuple[int, int]]]
if not Doc.has_extension("sohr_relations"):
    Doc.set_extension("sohr_relations", default=None)

# Folded words that say what a following count counts.
ROLE_CUES = {
    "killed": {"مقتل", "قتل", "مصرع", "قتلي", "مقتلهم", "استشهاد", "وفاه", "قضي", "لقي",
               "قتلوا", "تصفيه", "اعدام", "جثث", "جثه", "مقتله"},
    "injured": {"اصابه", "جرح", "جرحي", "مصابين", "اصابات", "اصيب", "اصيبوا", "اصابتهم"},
    "arrested": {"اعتقال", "اعتقل", "اعتقلت", "احتجاز", "القبض", "توقيف", "اسر", "اعتقلوا",
                 "معتقلين", "خطف", "اختطاف"},
    "operations": {"عمليه", "عمليات", "مداهمات", "مداهمه", "غارات", "هجمات", "عمليات"},
}
_CUE_OF = {w: role for role, words in ROLE_CUES.items() for w in words}
# Folded words before an ACTOR that say whether it acts or is acted upon.
ACTOR_CUES = {
    "agent": {"برصاص", "رصاص", "نفذها", "نفذته", "نفذتها", "شنها", "شنته", "قبل", "يد", "بقصف",
              "نفذت", "شنت", "قصفت", "استهدفت", "هاجمت", "اعتقلت", "داهمت", "اقدمت", "اقدم",
              "بمساندة", "بدعم", "بمشاركة", "بغطاء", "طائرات", "طائره", "مسيره", "قوات", "تمكنت"},
    "patient": {"ضد", "علي", "عناصر", "عنصر", "مواقع", "موقع", "نقاط", "نقطه", "حواجز", "حاجز",
                "صفوف", "مقاتلي", "مقاتلين", "قيادي", "خلايا", "مقرات", "مقر", "تجمعات", "دوريه",
                "رتل", "سياره", "منتسبي", "اعضاء", "عضو"},
}
_ACTOR_CUE_OF = {w: side for side, words in ACTOR_CUES.items() for w in words}


@registry.misc("sohr.entity_pairs.v1")
def entity_pairs(max_tokens: int = 80, header_tokens: int = 8) -> PairFinder:
    """Pairs (trigger index, entity index) in the same sentence within `max_tokens`.

    Entities of a short sentence right before the trigger's one (a header such as
    `كانون الثاني:`, at most `header_tokens` tokens) are candidates too.
    """

    def find(doc: Doc, triggers: list[Span]) -> list[tuple[int, int]]:
        sent = sentence_of_token(doc)
        sizes: dict[int, int] = {}
        for s in sent:
            sizes[s] = sizes.get(s, 0) + 1
        pairs = []
        for ti, trig in enumerate(triggers):
            ts = sent[trig.start]
            for ei, ent in enumerate(doc.ents):
                es = sent[ent.start]
                near = abs(ent.start - trig.start) <= max_tokens
                if near and (es == ts or (es == ts - 1 and sizes[es] <= header_tokens)):
                    pairs.append((ti, ei))
        return pairs

    return find


def pair_features(doc: Doc, trig: Span, ent: Span, triggers: list[Span],
                  canonical: str | None) -> list[str]:
    """Features of one (trigger, entity) pair."""
    sent = sentence_of_token(doc)
    kind, label = trig.label_, ent.label_
    after = ent.start >= trig.end
    lo, hi = (trig.end, ent.start) if after else (ent.end, trig.start)
    between = [word(doc[i]) for i in range(lo, hi)]
    dist = len(between)
    d = "after" if after else "before"
    f = [f"tl={kind}|{label}", f"tld={kind}|{label}|{d}", f"ld={label}|{d}|{bucket(dist)}",
         f"same_sent={sent[ent.start] == sent[trig.start]}", f"dist={label}|{bucket(dist)}"]
    others = sum(1 for t in triggers if t is not trig and lo <= t.start < hi)
    same = sum(1 for e in doc.ents if e.label_ == label and lo <= e.start and e.end <= hi)
    f += [f"trig_btw={bucket(others)}", f"same_btw={label}|{bucket(same)}",
          f"clauses_btw={label}|{min(clause_breaks(doc, lo, hi), 3)}",
          f"comma_btw={label}|{bucket(between.count('،') + between.count(','))}"]
    # how many entities of the same label lie closer to the trigger on the same side
    closer = sum(1 for e in doc.ents if e.label_ == label and e is not ent and
                 ((e.start >= trig.end and e.start < ent.start) if after else (e.end <= trig.start and e.end > ent.end)))
    f += [f"rank={label}|{d}|{min(closer, 3)}", f"rank_k={kind}|{label}|{d}|{min(closer, 3)}"]
    words = between if dist <= 6 else between[:3] + between[-3:]
    f += [f"btw={label}|{w}" for w in words]
    prev1 = word(doc[ent.start - 1]) if ent.start > 0 else "<s>"
    prev2 = word(doc[ent.start - 2]) if ent.start > 1 else "<s>"
    nxt = word(doc[ent.end]) if ent.end < len(doc) else "</s>"
    f += [f"e_p1={label}|{prev1}", f"e_p2={label}|{prev2}", f"e_n1={label}|{nxt}",
          f"e_p12={label}|{prev2}_{prev1}", f"t_p1={kind}|{word(doc[trig.start - 1]) if trig.start else '<s>'}",
          f"t_w={kind}|{word(doc[trig.start])}"]
    cue = next((_CUE_OF[word(doc[i])] for i in range(ent.start - 1, max(ent.start - 5, -1), -1)
                if word(doc[i]) in _CUE_OF), "none")
    f += [f"cue={label}|{cue}", f"cue_k={kind}|{label}|{cue}", f"cue_d={label}|{cue}|{d}"]
    if label == "ACTOR":
        side = next((_ACTOR_CUE_OF[word(doc[i])] for i in range(ent.start - 1, max(ent.start - 4, -1), -1)
                     if word(doc[i]) in _ACTOR_CUE_OF), "none")
        f += [f"actor_cue={side}", f"actor_cue_k={kind}|{side}|{d}"]
    if canonical:
        f += [f"canon={kind}|{label}|{canonical}|{d}", f"canon0={label}|{canonical}"]
    if label == "ACTOR":
        f.append(f"actor_head={normalize(ent.text).split()[0]}")
    return f


class RelationClassifier(LinearComponent):
    """Labels (trigger, entity) pairs with roles; trainable with `fit`."""

    tuned = ("threshold",)

    def __init__(self, nlp: Language, name: str, *, get_candidates: PairFinder,
                 threshold: float) -> None:
        self.name = name
        self.get_candidates = get_candidates
        self.threshold = threshold
        self.model = LinearModel()

    def _rows(self, doc: Doc) -> tuple[list[tuple[int, int]], list[list[str]]]:
        triggers = list(doc.spans.get(TRIGGERS_KEY, []))
        pairs = self.get_candidates(doc, triggers)
        ents = list(doc.ents)
        rows = [pair_features(doc, triggers[ti], ents[ei], triggers, _canonical(ents[ei]))
                for ti, ei in pairs]
        return pairs, rows

    def __call__(self, doc: Doc) -> Doc:
        relations = []
        pairs, rows = self._rows(doc)
        if pairs and self.model.is_trained:
            ents = list(doc.ents)
            for (ti, ei), (role, prob) in zip(pairs, self.model.predict(rows)):
                if role != NO_ROLE and prob >= self.threshold and ROLE_LABELS.get(role) == ents[ei].label_:
                    relations.append({"trigger": ti, "entity": ei, "role": role, "prob": prob})
        doc._.sohr_relations = relations
        return doc

    def fit(self, docs: list[Doc], golds: list[dict[tuple[int, int], str]], *, seed: int = 0,
            c: float = 1.0) -> dict[str, int]:
        """Train on docs whose triggers and entities are gold, with gold roles per pair."""
        rows, labels = [], []
        for doc, gold in zip(docs, golds):
            pairs, feats = self._rows(doc)
            rows.extend(feats)
            labels.extend(gold.get(pair, NO_ROLE) for pair in pairs)
        if labels:
            self.model.fit(rows, labels, c=c, seed=seed)
        return {"pairs": len(labels), "relations": sum(1 for y in labels if y != NO_ROLE)}



def _canonical(ent: Span) -> str | None:
    value = ent._.get("sohr_canonical") if Span.has_extension("sohr_canonical") else None
    return str(value) if value is not None and ent.label_ == "ACTOR" else None


@Language.factory(
    "sohr_relations",
    assigns=["doc._.sohr_relations"],
    requires=["doc.ents", "doc.spans"],
    default_config={
        "get_candidates": {"@misc": "sohr.entity_pairs.v1", "max_tokens": 80, "header_tokens": 8},
        "threshold": 0.4,
    },
)
def make_relation_classifier(nlp: Language, name: str, get_candidates: PairFinder,
                             threshold: float) -> RelationClassifier:
    """Relation classifier between event triggers and entities (see module docstring)."""
    return RelationClassifier(nlp, name, get_candidates=get_candidates, threshold=threshold)
