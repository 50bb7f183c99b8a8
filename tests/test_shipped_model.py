"""The shipped model: loads, meets its score floor on the corpus test split, handles bad input."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import sohr_nlp
from sohr_nlp.api import find_model
from sohr_nlp.corpus.store import load_corpus
from sohr_nlp.scoring import score

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return sohr_nlp.load()


def test_shipped_model_is_found_and_described():
    folder = find_model()
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "sohr_default"
    assert {"corpus_dev", "corpus_test"} <= set(meta["scores"])
    assert meta["corpus"]["documents"] >= 500


def test_score_floor_on_corpus_test_split(nlp):
    gold = load_corpus([ROOT / "corpus" / "corpus.jsonl"], split="test")
    assert len(gold) >= 100
    preds = [sohr_nlp.parse(d["text"], date=d.get("date"), nlp=nlp, doc_id=d["id"]).to_dict() for d in gold]
    result = score(gold, preds)
    assert result["entities_exact"]["micro"]["f"] >= 0.85
    assert result["event_slots"]["micro"]["f"] >= 0.65
    assert result["event_detection"]["f"] >= 0.75


def test_example_reports(nlp):
    docs = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    first = sohr_nlp.parse(docs[0]["text"], date=docs[0]["date"], nlp=nlp)
    raid = [e for e in first.events if e.type == "raid"]
    assert raid and raid[0].arrested == 3 and "COALITION" in raid[0].perpetrators
    assert any(e.governorate == "Deir ez-Zor" for e in first.events)
    for e in first.entities:
        assert docs[0]["text"][e.start:e.end] == e.text
    assert sohr_nlp.parse(docs[2]["text"], nlp=nlp).events == []  # a statement, no incident


@pytest.mark.parametrize("text", ["", "   \n", "Breaking: no Arabic here at all.", "1234 5678"])
def test_empty_and_non_arabic_text_give_empty_reports(nlp, text):
    report = sohr_nlp.parse(text, nlp=nlp)
    assert report.events == [] and report.aggregates == [] and report.entities == []
    assert report.to_dict()["text"] == text


def test_two_megabyte_report_is_a_clear_error_and_fast(nlp):
    text = "قتل عنصر من قوات النظام بريف حمص. " * 60_000
    started = time.perf_counter()
    with pytest.raises(ValueError, match=r"\[E004\].*split the text"):
        sohr_nlp.parse(text, nlp=nlp)
    assert time.perf_counter() - started < 5


def test_bad_date_is_a_clear_error(nlp):
    with pytest.raises(ValueError, match=r"\[E010\]"):
        sohr_nlp.parse("قتل شاب في درعا", date="yesterday", nlp=nlp)


def test_report_views(nlp):
    text = json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[1])["text"]
    report = sohr_nlp.parse(text, nlp=nlp)
    assert repr(report).startswith("Report(")
    html = report._repr_html_()
    assert "dir='rtl'" in html and "<table>" in html and "airstrike" in html
    assert set(report.to_dict()) == {"id", "text", "entities", "events", "aggregates"}
