"""Train every component of the pipeline from annotated corpora, end to end.

`train()` builds the pipeline from a config (`training/config.cfg` by default), teaches the
tokenizer the corpus's span words, trains the spaCy NER (keeping the epoch that scores best on
the dev split), then fits the trigger, relation and same-incident classifiers on the gold
annotations, evaluates on dev and test, and saves the model with `meta.json`.
"""
from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import compounding, filter_spans, load_config, load_model_from_config, minibatch

import sohr_nlp
import sohr_nlp.pipeline  # noqa: F401  (registers the components)
from sohr_nlp.corpus.store import load_corpus
from sohr_nlp.pipeline.triggers import TRIGGERS_KEY
from sohr_nlp.schema import LABELS
from sohr_nlp.scoring import score

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "training" / "config.cfg"
TRAINED = ("sohr_triggers", "sohr_relations", "sohr_events")
Log = Callable[[str], None]


def default_config_path() -> Path:
    """training/config.cfg in a source checkout; else the config of the installed model."""
    if DEFAULT_CONFIG.exists():
        return DEFAULT_CONFIG
    from sohr_nlp.api import find_model

    return find_model() / "config.cfg"


def build_nlp(config_path: Path | None = None, *, seed: int = 0) -> tuple[Any, dict[str, Any]]:
    """The untrained pipeline and the [sohr_training] settings of a config file."""
    config = load_config(config_path or default_config_path())
    settings = dict(config.get("sohr_training", {}))
    nlp_config = config.copy()
    nlp_config.pop("sohr_training", None)
    spacy.util.fix_random_seed(seed)
    nlp = load_model_from_config(nlp_config, auto_fill=True, validate=True)
    return nlp, settings


def teach_tokenizer(nlp: Any, docs: list[dict[str, Any]]) -> None:
    """Add the corpus's span words to the tokenizer's lexical evidence."""
    from sohr_nlp.arabic import PROCLITICS, normalize

    stems, protected = set(), set()
    for doc in docs:
        for item in doc["entities"] + doc.get("triggers", []):
            first = normalize(item["text"]).split()
            if not first:
                continue
            word = first[0]
            if doc["text"][item["start"] - 1:item["start"]] in PROCLITICS and item["start"] > 0:
                stems.add(word)  # a proclitic sat right before it: the word is a stem
            elif word[:1] in PROCLITICS:
                protected.add(word)
            else:
                stems.add(word)
    protected -= stems
    if hasattr(nlp.tokenizer, "add_words"):
        nlp.tokenizer.add_words(stems=stems, protected=protected)


def gold_doc(nlp: Any, record: dict[str, Any]) -> tuple[Doc, dict[str, int], list[str]]:
    """A tokenised doc with the gold entities and triggers set; entity id → ents index."""
    doc = nlp.make_doc(record["text"])
    doc._.sohr_date = record.get("date")
    spans, ids = [], []
    for ent in sorted(record["entities"], key=lambda e: e["start"]):
        span = doc.char_span(ent["start"], ent["end"], label=ent["label"], alignment_mode="expand")
        if span is not None:
            spans.append(span)
            ids.append(ent["id"])
    kept = filter_spans(spans)
    doc.ents = kept
    index = {ids[spans.index(s)]: i for i, s in enumerate(kept)}
    triggers, trig_ids = [], []
    for trig in sorted(record.get("triggers", []), key=lambda t: t["start"]):
        span = doc.char_span(trig["start"], trig["end"], label=trig["type"], alignment_mode="expand")
        if span is not None:
            head = Span(doc, span.start, span.start + 1, label=trig["type"])
            triggers.append(head)
            trig_ids.append(trig["id"])
    doc.spans[TRIGGERS_KEY] = triggers
    return doc, index, trig_ids


def ner_examples(nlp: Any, records: list[dict[str, Any]]) -> list[Example]:
    examples = []
    for record in records:
        doc = nlp.make_doc(record["text"])
        ents = [(e["start"], e["end"], e["label"]) for e in record["entities"] if e["label"] in LABELS]
        examples.append(Example.from_dict(doc, {"entities": ents}))
    return examples


def train_ner(nlp: Any, train: list[Example], dev: list[Example], settings: dict[str, Any], *,
              seed: int, log: Log) -> dict[str, Any]:
    """Train tok2vec + ner; keep the weights of the best dev epoch."""
    random.seed(seed)
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        optimizer = nlp.initialize(lambda: train)
        optimizer.learn_rate = float(settings.get("learn_rate", 0.001))
        best, best_bytes, waited = -1.0, None, 0
        for epoch in range(int(settings.get("max_epochs", 20))):
            random.shuffle(train)
            losses: dict[str, float] = {}
            sizes = compounding(float(settings.get("batch_start", 4)), float(settings.get("batch_stop", 32)), 1.001)
            for batch in minibatch(train, size=sizes):
                nlp.update(batch, drop=float(settings.get("dropout", 0.2)), sgd=optimizer, losses=losses)
            if not dev:  # nothing to select on: keep the last epoch
                log(f"  epoch {epoch + 1:>2}  loss {losses.get('ner', 0):9.1f}")
                continue
            with nlp.use_params(optimizer.averages):
                f = nlp.evaluate(dev).get("ents_f") or 0.0
                if f > best:
                    best, waited = f, 0
                    best_bytes = {name: nlp.get_pipe(name).to_bytes() for name in ("tok2vec", "ner")}
                else:
                    waited += 1
            log(f"  epoch {epoch + 1:>2}  loss {losses.get('ner', 0):9.1f}  dev entity F {f:.3f}")
            if waited >= int(settings.get("patience", 5)):
                break
        if best_bytes:
            for name, data in best_bytes.items():
                nlp.get_pipe(name).from_bytes(data)
    return {"best_dev_ents_f": round(best, 4)}


def fit_linear_components(nlp: Any, records: list[dict[str, Any]], settings: dict[str, Any], *,
                          seed: int) -> dict[str, Any]:
    """Fit triggers, then relations and the same-incident model, on gold annotations.

    Relations and merging learn from the triggers the trained tagger finds (at the setting
    `probe_threshold`) as well as the gold ones, as they will meet them at run time: a found
    trigger inside a gold incident's sentences belongs to that incident; one outside every
    incident belongs to none.
    """
    c = float(settings.get("linear_c", 1.0))
    canon = nlp.get_pipe("sohr_canonical")
    tagger = nlp.get_pipe("sohr_triggers")
    golds = [gold_doc(nlp, record) for record in records]
    for doc, _, _ in golds:
        canon(doc)
    stats = {"sohr_triggers": tagger.fit([g[0] for g in golds], [r.get("triggers", []) for r in records],
                                         seed=seed, c=c)}
    docs, rel_golds, group_golds = [], [], []
    tuned_threshold = tagger.threshold
    tagger.threshold = float(settings.get("probe_threshold", tagger.threshold))
    for record, (doc, ent_index, trig_ids) in zip(records, golds):
        gold_spans = list(doc.spans[TRIGGERS_KEY])
        probe = tagger(doc.copy())
        found = [Span(doc, t.start, t.end, label=t.label_) for t in probe.spans[TRIGGERS_KEY]]
        records_ = record.get("events", []) + record.get("aggregates", [])
        group_of_id = {t: g for g, r in enumerate(records_) for t in r["triggers"]}
        merged: dict[int, tuple[Span, int | None]] = {}
        for span, tid in zip(gold_spans, trig_ids):
            merged[span.start] = (span, group_of_id.get(tid))
        for span in found:
            if span.start not in merged:
                merged[span.start] = (span, _incident_of(span, records_, gold_spans, trig_ids, group_of_id))
        ordered = sorted(merged.values(), key=lambda pair: pair[0].start)
        doc.spans[TRIGGERS_KEY] = [span for span, _ in ordered]
        groups: dict[int, list[int]] = {}
        for i, (_, group) in enumerate(ordered):
            if group is not None:
                groups.setdefault(group, []).append(i)
        roles_of_group: dict[int, dict[int, str]] = {}
        tid_group = {tid: group_of_id.get(tid) for tid in trig_ids}
        for r in record.get("relations", []):
            group = tid_group.get(r["head"])
            if group is not None and r["tail"] in ent_index:
                roles_of_group.setdefault(group, {})[ent_index[r["tail"]]] = r["role"]
        rel = {}
        for i, (_, group) in enumerate(ordered):
            for ei, role in roles_of_group.get(group, {}).items() if group is not None else ():
                rel[(i, ei)] = role
        docs.append(doc)
        rel_golds.append(rel)
        group_golds.append(list(groups.values()))
    tagger.threshold = tuned_threshold
    stats["sohr_relations"] = nlp.get_pipe("sohr_relations").fit(docs, rel_golds, seed=seed, c=c)
    stats["sohr_events"] = nlp.get_pipe("sohr_events").fit(docs, group_golds, seed=seed, c=c)
    return stats


def _incident_of(span: Span, records: list[dict[str, Any]], gold_spans: list[Span],
                 trig_ids: list[str], group_of_id: dict[str, int]) -> int | None:
    """The gold incident a found trigger belongs to: the one whose sentences hold it."""
    from sohr_nlp.schema import AGGREGATE

    is_agg = span.label_ == AGGREGATE
    holders = [g for g, r in enumerate(records)
               if r["start"] <= span.start_char < r["end"] and ("period" in r) == is_agg]
    if not holders:
        return None
    if len(holders) == 1:
        return holders[0]
    nearest = min((abs(s.start - span.start), group_of_id.get(t)) for s, t in zip(gold_spans, trig_ids)
                  if group_of_id.get(t) in holders)
    return nearest[1]


TUNED = (("sohr_triggers", "threshold", (0.2, 0.3, 0.4, 0.5)),
         ("sohr_relations", "threshold", (0.3, 0.4, 0.5)),
         ("sohr_events", "merge_threshold", (0.3, 0.5, 0.7)),
         ("sohr_events", "extra_actor_threshold", (0.5, 0.7, 0.9)))


def tune_thresholds(nlp: Any, records: list[dict[str, Any]], *, log: Log) -> dict[str, float]:
    """Pick the decision thresholds of the linear components that score best on `records`.

    Entities are predicted once, triggers and relations once per setting of theirs, and the
    assembler's settings are tried on copies. The objective is the event-slot F plus half the
    aggregate-slot F.
    """
    from itertools import product

    from sohr_nlp.api import make_doc
    from sohr_nlp.records import Report

    base = []
    for record in records:
        doc = make_doc(nlp, record["text"], date=record.get("date"))
        for name, proc in nlp.pipeline:
            if name not in TRAINED:
                doc = proc(doc)
        base.append(doc)
    upstream = [t for t in TUNED if t[0] != "sohr_events"]
    assembly = [t for t in TUNED if t[0] == "sohr_events"]
    events = nlp.get_pipe("sohr_events")
    best, best_setting = -1.0, None
    for up in product(*(grid for _, _, grid in upstream)):
        for (name, attr, _), value in zip(upstream, up):
            setattr(nlp.get_pipe(name), attr, value)
        linked = [nlp.get_pipe("sohr_relations")(nlp.get_pipe("sohr_triggers")(doc.copy())) for doc in base]
        for down in product(*(grid for _, _, grid in assembly)):
            for (_, attr, _), value in zip(assembly, down):
                setattr(events, attr, value)
            preds = [Report.from_doc(events(doc), doc_id=record["id"]).to_dict()
                     for record, doc in zip(records, linked)]
            result = score(records, preds)
            objective = result["event_slots"]["micro"]["f"] + 0.5 * result["aggregate_slots"]["micro"]["f"]
            if objective > best:
                best, best_setting = objective, up + down
    chosen = {}
    for (name, attr, _), value in zip(upstream + assembly, best_setting):
        setattr(nlp.get_pipe(name), attr, value)
        chosen[f"{name}.{attr}"] = value
    log(f"thresholds chosen on dev: {chosen} (objective {best:.3f})")
    return chosen


def predict_records(nlp: Any, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """SCHEMA.md documents predicted for corpus records (their text and report date)."""
    from sohr_nlp.api import parse

    return [parse(r["text"], date=r.get("date"), nlp=nlp, doc_id=r["id"]).to_dict() for r in records]


def train(corpora: list[Path], output: Path, *, config: Path | None = None, seed: int = 0,
          log: Log = print, evaluate_on: list[Path] | None = None) -> dict[str, Any]:
    """Train the whole pipeline and save it to `output`; returns the meta data written."""
    started = time.time()
    records = load_corpus(corpora)
    if not records:
        raise ValueError(f"(sohr_nlp) [E040] No documents in {', '.join(map(str, corpora))}. "
                         "Give a corpus folder with corpus.jsonl or a JSONL file of documents.")
    train_set = [r for r in records if r.get("split", "train") == "train"]
    dev_set = [r for r in records if r.get("split") == "dev"]
    test_set = [r for r in records if r.get("split") == "test"]
    log(f"corpus: {len(train_set)} train, {len(dev_set)} dev, {len(test_set)} test documents")
    nlp, settings = build_nlp(config, seed=seed)
    teach_tokenizer(nlp, train_set)
    log("training the entity recogniser (tok2vec + ner)")
    ner_stats = train_ner(nlp, ner_examples(nlp, train_set), ner_examples(nlp, dev_set),
                          settings, seed=seed, log=log)
    log("fitting triggers, relations and incident merging")
    linear_stats = fit_linear_components(nlp, train_set, settings, seed=seed)
    if dev_set:
        linear_stats["thresholds"] = tune_thresholds(nlp, dev_set, log=log)
    meta: dict[str, Any] = {
        "name": output.name, "sohr_nlp_version": sohr_nlp.__version__,
        "spacy_version": spacy.__version__, "seed": seed,
        "corpus": {"documents": len(records), "train": len(train_set), "dev": len(dev_set),
                   "test": len(test_set), "sources": [str(c) for c in corpora]},
        "training": {"ner": ner_stats, **linear_stats},
        "scores": {},
    }
    for name, part in (("dev", dev_set), ("test", test_set)):
        if part:
            result = score(part, predict_records(nlp, part))
            meta["scores"][f"corpus_{name}"] = result
            log(summary_line(f"corpus {name}", result))
    for path in evaluate_on or []:
        from sohr_nlp.corpus.store import read_jsonl

        gold = list(read_jsonl(path))
        result = score(gold, predict_records(nlp, gold))
        meta["scores"][f"external:{Path(path).name}"] = result
        log(summary_line(str(path), result))
    meta["training_seconds"] = round(time.time() - started, 1)
    save(nlp, output, meta)
    return meta


def summary_line(name: str, result: dict[str, Any]) -> str:
    ents = result["entities_exact"]
    per_label = "  ".join(f"{k} {ents[k]['f']:.3f}" for k in LABELS)
    return (f"{name}: entity F {ents['micro']['f']:.3f} ({per_label})  "
            f"event-slot F {result['event_slots']['micro']['f']:.3f}  "
            f"aggregate-slot F {result['aggregate_slots']['micro']['f']:.3f}")


def save(nlp: Any, output: Path, meta: dict[str, Any]) -> None:
    output.mkdir(parents=True, exist_ok=True)
    nlp.meta["sohr_nlp"] = {k: meta[k] for k in ("sohr_nlp_version", "corpus", "seed")}
    nlp.to_disk(output)
    spacy_meta = json.loads((output / "meta.json").read_text(encoding="utf-8"))
    spacy_meta.update({k: v for k, v in meta.items() if k not in ("name", "spacy_version")})
    spacy_meta["name"] = "sohr_default" if output.name == "sohr_default" else spacy_meta.get("name")
    (output / "meta.json").write_text(json.dumps(spacy_meta, ensure_ascii=False, indent=2),
                                      encoding="utf-8")
