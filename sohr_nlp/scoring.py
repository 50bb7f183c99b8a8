"""Scores of predicted documents against gold ones, with the definitions of SCHEMA.md's scorer.

Entities: exact (same offsets and label) and overlapping spans, P/R/F per label.
Events and aggregates: predicted and gold records of a document are paired greedily by
agreement (overlapping evidence weighs 3, each agreeing slot 1, a pair needs 2); every slot of
an unpaired record counts as a false positive or negative. Places match after folding when
one contains the other; dates match in full, or by month and day when one side has no year.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sohr_nlp.arabic import PROCLITICS, normalize
from sohr_nlp.schema import LABELS

EVENT_SLOTS = ("type", "date", "location", "governorate", "perpetrators", "targets",
               "killed", "injured", "arrested", "victim_nationalities")
AGG_SLOTS = ("period", "operations", "killed", "injured", "arrested", "perpetrators", "targets")
LIST_SLOTS = {"perpetrators", "targets", "victim_nationalities"}
_EDGE = "\"'“”«»‘’()[]{}.,،:;؛!?-–— \t\n"


@dataclass
class PRF:
    """True positives, false positives and false negatives, with P/R/F."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self) -> dict[str, float]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def fold_place(text: str | None) -> str:
    """A place name folded for comparison (diacritics, hamza, ta marbuta, proclitic before ال)."""
    if not text:
        return ""
    words = []
    for w in normalize(text).strip(_EDGE).split():
        if len(w) > 3 and w[0] in PROCLITICS and w[1:3] == "ال":
            w = w[1:]
        words.append(w)
    return " ".join(words)


def same_place(a: str | None, b: str | None) -> bool:
    a, b = fold_place(a), fold_place(b)
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a)))


def same_date(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    pattern = re.compile(r"(\d{4}|-)-\d\d-\d\d")
    if pattern.fullmatch(a) and pattern.fullmatch(b):
        return a[-5:] == b[-5:] and (a.startswith("--") or b.startswith("--"))
    return False


def _present(v: Any) -> bool:
    return v is not None and v != [] and v != ""


def _slot_equal(slot: str, g: Any, p: Any) -> bool:
    if slot == "location":
        return same_place(g, p)
    if slot in ("date", "period"):
        return same_date(g, p) or (g is not None and g == p)
    if isinstance(g, str) and isinstance(p, str):
        return g.strip().lower() == p.strip().lower()
    return g == p


def _agreement(g: dict, p: dict, slots: tuple[str, ...]) -> float:
    score = 0.0
    if g.get("start") is not None and p.get("start") is not None and \
            p["start"] < g["end"] and g["start"] < p["end"]:
        score += 3.0
    for slot in slots:
        gv, pv = g.get(slot), p.get(slot)
        if _present(gv) and _present(pv):
            if slot in LIST_SLOTS:
                score += 1.0 if set(gv) & set(pv) else 0.0
            elif _slot_equal(slot, gv, pv):
                score += 1.0
    return score


def _score_records(golds: list[dict], preds: list[dict], slots: tuple[str, ...],
                   per_slot: dict[str, PRF], detect: PRF) -> None:
    cands = sorted(((_agreement(g, p, slots), gi, pi) for gi, g in enumerate(golds)
                    for pi, p in enumerate(preds)), reverse=True)
    used_g, used_p, pairs = set(), set(), {}
    for score, gi, pi in cands:
        if score >= 2.0 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs[gi] = pi
    detect.add(len(pairs), len(preds) - len(pairs), len(golds) - len(pairs))
    for gi, g in enumerate(golds):
        p = preds[pairs[gi]] if gi in pairs else {}
        for slot in slots:
            gv, pv = g.get(slot), p.get(slot)
            if slot in LIST_SLOTS:
                gs, ps = set(gv or []), set(pv or [])
                per_slot[slot].add(len(gs & ps), len(ps - gs), len(gs - ps))
            else:
                ok = _present(gv) and _present(pv) and _slot_equal(slot, gv, pv)
                per_slot[slot].add(int(ok), int(_present(pv) and not ok), int(_present(gv) and not ok))
    for pi, p in enumerate(preds):
        if pi not in used_p:
            for slot in slots:
                pv = p.get(slot)
                if slot in LIST_SLOTS:
                    per_slot[slot].add(fp=len(set(pv or [])))
                elif _present(pv):
                    per_slot[slot].add(fp=1)


def _micro(table: dict[str, PRF]) -> PRF:
    out = PRF()
    for v in table.values():
        out.add(v.tp, v.fp, v.fn)
    return out


def score(golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores of predicted documents (matched to gold ones by `id`)."""
    by_id = {str(p.get("id")): p for p in preds}
    exact, overlap = defaultdict(PRF), defaultdict(PRF)
    ev_slots, ag_slots = defaultdict(PRF), defaultdict(PRF)
    ev_detect, ag_detect = PRF(), PRF()
    for gold in golds:
        pred = by_id.get(str(gold.get("id")), {})
        g = [(e["start"], e["end"], e["label"]) for e in gold.get("entities", []) if e["label"] in LABELS]
        p = [(e["start"], e["end"], e["label"]) for e in pred.get("entities", []) if e["label"] in LABELS]
        for label in LABELS:
            gl = [x for x in g if x[2] == label]
            pl = [x for x in p if x[2] == label]
            tp = len(set(gl) & set(pl))
            exact[label].add(tp, len(pl) - tp, len(gl) - tp)
            used, hits = set(), 0
            for s, e, _ in gl:
                for k, (ps, pe, _) in enumerate(pl):
                    if k not in used and ps < e and s < pe:
                        used.add(k)
                        hits += 1
                        break
            overlap[label].add(hits, len(pl) - hits, len(gl) - hits)
        _score_records(gold.get("events", []), pred.get("events", []), EVENT_SLOTS, ev_slots, ev_detect)
        _score_records(gold.get("aggregates", []), pred.get("aggregates", []), AGG_SLOTS, ag_slots, ag_detect)
    return {
        "documents": len(golds),
        "entities_exact": {k: exact[k].row() for k in LABELS} | {"micro": _micro(exact).row()},
        "entities_overlap": {k: overlap[k].row() for k in LABELS} | {"micro": _micro(overlap).row()},
        "event_detection": ev_detect.row(),
        "event_slots": {k: ev_slots[k].row() for k in EVENT_SLOTS} | {"micro": _micro(ev_slots).row()},
        "aggregate_detection": ag_detect.row(),
        "aggregate_slots": {"micro": _micro(ag_slots).row()},
    }
