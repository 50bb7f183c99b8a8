"""The corpus validator catches each kind of annotation error; the real corpus passes it."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from sohr_nlp.corpus.markup import read_markup
from sohr_nlp.corpus.store import assign_splits, read_jsonl
from sohr_nlp.corpus.validate import validate_doc

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SOURCE = """\
=== doc: t-0001
date: 2023-03-05
دير الزور.. اعتقال 4 من عناصر التنظيم

وفي [[3 آذار|DATE|d1]]، {{داهمت|raid|t1}} [[قوات سوريا الديمقراطية|ACTOR=SDF|a1]] بمساندة [[التحالف الدولي|ACTOR=COALITION|a2]] منزلاً في بلدة [[الطيبة|LOCATION=Deir ez-Zor|l1]] ب[[ريف دير الزور الشرقي|LOCATION=Deir ez-Zor|l2]]، و{{اعتقلت|raid|t2}} [[4|COUNT|c1]] من عناصر [[التنظيم|ACTOR=ISIS|a3]] بينهم قيادي [[عراقي|NATIONALITY=Iraqi|n1]] الجنسية.
@t1+t2 perp=a1,a2 target=a3 loc=l1,l2 date=d1 arrested=c1 nat=n1
"""


@pytest.fixture()
def good(tmp_path):
    path = tmp_path / "t.sohr"
    path.write_text(SOURCE, encoding="utf-8")
    docs, problems = read_markup(path)
    assert problems == []
    return docs[0]


def test_markup_builds_the_guideline_example(good):
    assert validate_doc(good) == []
    event = good["events"][0]
    assert {k: event[k] for k in ("type", "date", "location", "governorate", "perpetrators",
                                  "targets", "arrested", "victim_nationalities")} == {
        "type": "raid", "date": "2023-03-03", "location": "الطيبة", "governorate": "Deir ez-Zor",
        "perpetrators": ["SDF", "COALITION"], "targets": ["ISIS"], "arrested": 4,
        "victim_nationalities": ["Iraqi"]}
    text = good["text"]
    assert all(text[e["start"]:e["end"]] == e["text"] for e in good["entities"])
    assert text[event["start"]:event["end"]].startswith("وفي 3 آذار")


def _entity(doc, ident):
    return next(e for e in doc["entities"] if e["id"] == ident)


def _broken(doc, change):
    doc = copy.deepcopy(doc)
    change(doc)
    return validate_doc(doc)


@pytest.mark.parametrize("name,change,message", [
    ("offsets", lambda d: _entity(d, "a1").update(start=_entity(d, "a1")["start"] + 1), "offsets slice"),
    ("label", lambda d: _entity(d, "a1").update(label="PERSON"), "unknown label 'PERSON'"),
    ("overlap", lambda d: d["entities"].append(dict(_entity(d, "a1"), id="zz")), "overlapping spans"),
    ("proclitic", lambda d: _entity(d, "l2").update(start=_entity(d, "l2")["start"] - 1,
                                                    text="بريف دير الزور الشرقي"), "proclitic"),
    ("punctuation", lambda d: _entity(d, "l2").update(end=_entity(d, "l2")["end"] + 1,
                                                      text="ريف دير الزور الشرقي،"), "punctuation"),
    ("missing id", lambda d: d["relations"].append({"head": "t1", "tail": "q9", "role": "target"}),
     "not an entity id"),
    ("role label", lambda d: d["relations"].append({"head": "t1", "tail": "c1", "role": "perpetrator"}),
     "needs a ACTOR"),
    ("slot", lambda d: d["events"][0].update(arrested=5), "slot arrested is 5"),
    ("actor id", lambda d: _entity(d, "a1").update(canonical="SDFF"), "unknown actor id 'SDFF'"),
    ("governorate", lambda d: d["events"][0].update(governorate="Dayr"), "unknown governorate 'Dayr'"),
    ("trigger type", lambda d: d["triggers"][0].update(type="bombing"), "unknown type 'bombing'"),
])
def test_validator_catches(good, name, change, message):
    problems = _broken(good, change)
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("bad_line,message", [
    ("@t1 perp=a9", "not an entity id"),
    ("@t1 perp=SDFF", "valid actor literal"),
    ("@t1 killed=many", "valid int literal"),
    ("@t1 ops=c1", "for aggregates"),
    ("@t7 perp=a1", "not a trigger"),
])
def test_markup_reports_bad_event_lines(tmp_path, bad_line, message):
    path = tmp_path / "bad.sohr"
    path.write_text(SOURCE.replace("@t1+t2 perp=a1,a2 target=a3 loc=l1,l2 date=d1 arrested=c1 nat=n1",
                                   bad_line), encoding="utf-8")
    _, problems = read_markup(path)
    assert any(message in str(p) and ":6:" in str(p) for p in problems), [str(p) for p in problems]


def test_markup_requires_every_trigger_in_an_event(tmp_path):
    path = tmp_path / "t.sohr"
    path.write_text(SOURCE.replace("@t1+t2", "@t1"), encoding="utf-8")
    _, problems = read_markup(path)
    assert any("'t2'" in str(p) and "no @ line" in str(p) for p in problems)


def test_splits_are_stratified_and_kept():
    docs = [{"id": f"d{i}", "events": [{"type": "raid" if i % 2 else "airstrike"}]} for i in range(40)]
    splits = assign_splits(docs, {})
    for kind in ("raid", "airstrike"):
        mine = [splits[d["id"]] for d in docs if d["events"][0]["type"] == kind]
        assert mine.count("train") == 14 and mine.count("dev") == 3 and mine.count("test") == 3
    again = assign_splits(docs + [{"id": "new", "events": [{"type": "raid"}]}], splits)
    assert {k: again[k] for k in splits} == splits


@pytest.mark.skipif(not (CORPUS / "corpus.jsonl").exists(), reason="corpus not built")
def test_whole_corpus_is_valid():
    docs = list(read_jsonl(CORPUS / "corpus.jsonl"))
    assert len(docs) >= 500
    problems = [f"{d['id']}: {p}" for d in docs for p in validate_doc(d)]
    assert problems == []


@pytest.mark.skipif(not (CORPUS / "corpus.jsonl").exists(), reason="corpus not built")
def test_every_label_type_and_actor_in_train_and_test():
    from sohr_nlp.schema import ACTOR_IDS, EVENT_TYPES, LABELS

    docs = list(read_jsonl(CORPUS / "corpus.jsonl"))
    assert sum(len(d["entities"]) for d in docs) >= 12_000
    assert sum(len(d["events"]) for d in docs) >= 1_500
    for split in ("train", "test"):
        part = [d for d in docs if d["split"] == split]
        assert {e["label"] for d in part for e in d["entities"]} == set(LABELS)
        assert {e["type"] for d in part for e in d["events"]} == set(EVENT_TYPES)
        assert {e["canonical"] for d in part for e in d["entities"] if e["label"] == "ACTOR"} >= set(ACTOR_IDS)


def test_corpus_jsonl_is_built_from_the_sources(tmp_path):
    """corpus.jsonl must be what `sohr-nlp corpus build` makes of src/ (no stale build)."""
    import shutil

    from sohr_nlp.corpus.store import build_corpus

    shutil.copytree(CORPUS / "src", tmp_path / "src")
    shutil.copy(CORPUS / "splits.tsv", tmp_path / "splits.tsv")
    docs, problems = build_corpus(tmp_path)
    assert problems == []
    stored = {d["id"]: d for d in read_jsonl(CORPUS / "corpus.jsonl")}
    assert {d["id"]: d for d in docs} == stored
