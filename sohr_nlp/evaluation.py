"""Evaluate a model on gold documents: SCHEMA.md scores plus relation scores."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sohr_nlp.corpus.store import read_jsonl
from sohr_nlp.pipeline.triggers import TRIGGERS_KEY
from sohr_nlp.schema import ROLES
from sohr_nlp.scoring import PRF, score


def evaluate_model(gold_path: Path, *, model: Path | None = None) -> dict[str, Any]:
    """Scores of `model` (default: the shipped one) on the documents of `gold_path`."""
    from sohr_nlp.api import load, parse

    nlp = load(model)
    golds = list(read_jsonl(gold_path))
    preds = [parse(g["text"], date=g.get("date"), nlp=nlp, doc_id=str(g.get("id"))).to_dict()
             for g in golds]
    metrics = score(golds, preds)
    if any(g.get("relations") for g in golds):
        metrics["relations"] = relation_scores(nlp, golds)
    return metrics


def relation_scores(nlp: Any, golds: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Relation P/R/F per role, on gold entities and triggers (the classifier alone)."""
    from sohr_nlp.training import gold_doc

    per_role = {role: PRF() for role in ROLES}
    for record in golds:
        doc, ent_index, trig_ids = gold_doc(nlp, record)
        triggers = list(doc.spans[TRIGGERS_KEY])
        nlp.get_pipe("sohr_canonical")(doc)
        doc.spans[TRIGGERS_KEY] = triggers
        nlp.get_pipe("sohr_relations")(doc)
        tindex = {t: i for i, t in enumerate(trig_ids)}
        gold = {(tindex[r["head"]], ent_index[r["tail"]], r["role"]) for r in record.get("relations", [])
                if r["head"] in tindex and r["tail"] in ent_index}
        pred = {(r["trigger"], r["entity"], r["role"]) for r in doc._.sohr_relations or []}
        for role in ROLES:
            g = {x for x in gold if x[2] == role}
            p = {x for x in pred if x[2] == role}
            per_role[role].add(len(g & p), len(p - g), len(g - p))
    micro = PRF()
    for v in per_role.values():
        micro.add(v.tp, v.fp, v.fn)
    return {k: v.row() for k, v in per_role.items() if v.tp + v.fp + v.fn} | {"micro": micro.row()}
