"""Event triggers: the words that name an act, with their event type.

Candidates are the tokens whose folded form is a known cue (the lexicon's `triggers.tsv` plus
the trigger words of the training corpus); a linear classifier decides from the context
whether each candidate is a trigger and of which type. Results go to
`doc.spans["sohr_triggers"]`, one span a trigger, its label the event type.
"""
from __future__ import annotations


from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span


from sohr_nlp.arabic import normalize
from sohr_nlp.lexicon import HERE as LEXICON_DIR, _rows
from sohr_nlp.pipeline.context import is_clause_break, sentence_of_token, word
from sohr_nlp.pipeline.linear import LinearComponent, LinearModel
from sohr_nlp.schema import NO_ROLE

TRIGGERS_KEY = "sohr_triggers"
# Words in a trigger's sentence that tell event types apart (قصف جوي vs قصف مدفعي …), folded.
# Words of sentences that sum up, recall or generalise rather than tell one incident.
TALLY_HINTS = frozenset({
    "يرتفع", "ارتفع", "ليرتفع", "بذلك", "منذ", "مطلع", "حصيله", "تعداد", "اجمالي", "مجموع",
    "خلال", "شهر", "عام", "الماضي", "المنصرم", "مستمره", "تواصل", "يواصل", "تستمر", "استمرار",
    "يشار", "يذكر", "سبق", "وكان", "كان", "عمليات", "حملتها", "عموما", "متفرقه", "يوميا",
})
TYPE_HINTS = frozenset({
    "جوي", "جويه", "طيران", "طائرات", "طائره", "حربيه", "حربي", "مسيره", "مسيرات", "مروحي",
    "براميل", "مدفعي", "صاروخي", "قذائف", "هاون", "مدفعيه", "صواريخ", "عبوه", "لغم", "ناسفه",
    "مفخخه", "انفجار", "رصاص", "اشتباكات", "مداهمه", "انزال", "اعدام", "خطف", "اختطاف",
    "اعتقال", "كمين", "هجوم", "اغتيال", "قناص", "دراجه", "سياره",
})
NONE = NO_ROLE


def _cue(token_norm: str) -> str:
    return token_norm[2:] if token_norm.startswith("ال") and len(token_norm) > 4 else token_norm


def default_cues() -> dict[str, str]:
    """Folded cue word → prior event type, from `lexicon/triggers.tsv`."""
    return {_cue(normalize(r["form"])): r["type"] for r in _rows(LEXICON_DIR / "triggers.tsv")}


class TriggerTagger(LinearComponent):
    """Finds event triggers; trainable with `fit`, serialisable with the pipeline."""

    tuned = ("threshold",)

    def __init__(self, nlp: Language, name: str, *, threshold: float) -> None:
        self.name = name
        self.threshold = threshold
        self.cues: dict[str, str] = default_cues()
        self.model = LinearModel()

    def cue_of(self, norm: str) -> str | None:
        """The cue word a token's folded form is, also behind a و/ف the tokenizer kept (واعتقلت)."""
        cue = _cue(norm)
        if cue in self.cues:
            return cue
        if len(norm) > 3 and norm[0] in "وف" and _cue(norm[1:]) in self.cues:
            return _cue(norm[1:])
        return None

    def candidates(self, doc: Doc) -> list[int]:
        """Token indices whose folded form is a cue word (outside entities)."""
        in_ent = set()
        for ent in doc.ents:
            in_ent.update(range(ent.start, ent.end))
        return [t.i for t in doc if t.i not in in_ent and self.cue_of(word(t)) is not None]

    def features(self, doc: Doc, i: int) -> list[str]:
        sent = sentence_of_token(doc)
        w = self.cue_of(word(doc[i])) or _cue(word(doc[i]))

        def at(j: int) -> str:
            if 0 <= j < len(doc) and sent[j] == sent[i]:
                return _cue(word(doc[j]))
            return "<s>"

        feats = [f"w={w}", f"prior={self.cues.get(w, '?')}", f"p1={at(i - 1)}", f"n1={at(i + 1)}",
                 f"p2={at(i - 2)}", f"n2={at(i + 2)}", f"wn={w}_{at(i + 1)}", f"pw={at(i - 1)}_{w}",
                 f"def={word(doc[i]).startswith('ال')}", f"raw_end={doc[i].text[-2:]}"]
        same = [j for j in range(max(0, i - 25), min(len(doc), i + 25)) if sent[j] == sent[i]]
        words = {_cue(word(doc[j])) for j in same}
        feats.extend(f"sent_has={w}" for w in words & TYPE_HINTS)
        feats.extend(f"tally={w}" for w in words & TALLY_HINTS)
        first = min(same) if same else i
        while first > 0 and sent[first - 1] == sent[i]:
            first -= 1
        feats.append(f"s_first={_cue(word(doc[first]))}")
        opener = next((_cue(word(doc[j])) for j in range(i - 1, first - 1, -1)
                       if is_clause_break(word(doc[j]))), "none")
        feats.append(f"clause={opener}")
        near = {e.label_ for e in doc.ents if abs(e.start - i) <= 6 and sent[e.start] == sent[i]}
        feats.extend(f"near={label}" for label in near)
        feats.extend(f"near_actor={e.label_}:{normalize(e.text)[:12]}" for e in doc.ents
                     if e.label_ == "ACTOR" and 0 < e.start - i <= 4)
        return feats

    def __call__(self, doc: Doc) -> Doc:
        cands = self.candidates(doc)
        spans, probs = [], []
        if cands and self.model.is_trained and len(self.model.classes) > 1:
            # a candidate is a trigger when "not none" is likely enough; its type is the best other class
            scores = self.model.scores([self.features(doc, i) for i in cands])
            classes = self.model.classes
            none = classes.index(NONE) if NONE in classes else None
            for i, row in zip(cands, scores):
                p_trigger = 1.0 - (row[none] if none is not None else 0.0)
                if p_trigger >= self.threshold:
                    best = max((k for k in range(len(classes)) if k != none), key=lambda k: row[k])
                    spans.append(Span(doc, i, i + 1, label=classes[best]))
                    probs.append(float(p_trigger))
        doc.spans[TRIGGERS_KEY] = spans
        doc.spans[TRIGGERS_KEY].attrs["probs"] = probs
        return doc

    def save_more(self, path: Path) -> None:
        (path / "cues.tsv").write_text(
            "form\ttype\n" + "".join(f"{k}\t{v}\n" for k, v in sorted(self.cues.items())),
            encoding="utf-8")

    def load_more(self, path: Path) -> None:
        lines = (path / "cues.tsv").read_text(encoding="utf-8").splitlines()[1:]
        self.cues = dict(line.split("\t", 1) for line in lines if "\t" in line)

    def fit(self, docs: list[Doc], golds: list[list[dict[str, Any]]], *, seed: int = 0,
            c: float = 1.0) -> dict[str, float]:
        """Train on docs with their gold triggers (char offsets and `type`); returns counts."""
        for triggers in golds:
            for trig in triggers:
                self.cues.setdefault(_cue(normalize(trig["text"].split()[0])), trig["type"])
        rows, labels = [], []
        for doc, triggers in zip(docs, golds):
            gold = {}
            for trig in triggers:
                span = doc.char_span(trig["start"], trig["end"], alignment_mode="expand")
                if span is not None:
                    gold[span.start] = trig["type"]
            cands = set(self.candidates(doc)) | set(gold)
            for i in sorted(cands):
                rows.append(self.features(doc, i))
                labels.append(gold.get(i, NONE))
        if labels:
            self.model.fit(rows, labels, c=c, seed=seed)
        return {"examples": len(labels), "triggers": sum(1 for y in labels if y != NONE)}



@Language.factory(
    "sohr_triggers",
    assigns=["doc.spans"],
    requires=["doc.ents"],
    default_config={"threshold": 0.5},
)
def make_trigger_tagger(nlp: Language, name: str, threshold: float) -> TriggerTagger:
    """Event trigger tagger (see module docstring)."""
    return TriggerTagger(nlp, name, threshold=threshold)
