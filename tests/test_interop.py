"""Annotation tools in and out: Label Studio, doccano and Prodigy (`sohr_nlp.interop`)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sohr_nlp.cli.app import app
from sohr_nlp.corpus.store import read_jsonl
from sohr_nlp.corpus.validate import validate_doc
from sohr_nlp.interop import TOOLS, read_export
from sohr_nlp.interop.common import RELATION_LABELS, SPAN_LABELS, predictions, relation_role, span_kind
from sohr_nlp.schema import ROLES, TRIGGER_TYPES

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
EXPORTS = {"label-studio": "label_studio_export.json", "doccano": "doccano_export.jsonl",
           "prodigy": "prodigy_export.jsonl"}
MALFORMED = {"label-studio": "label_studio_malformed.json", "doccano": "doccano_malformed.jsonl",
             "prodigy": "prodigy_malformed.jsonl"}
REPORTS = [
    {"id": "rt-1", "date": "2023-03-05",
     "text": "وفي يوم الأحد، داهمت قوات سوريا الديمقراطية بمساندة التحالف الدولي منزلاً في بلدة الطيبة "
             "بريف دير الزور الشرقي، واعتقلت 4 من عناصر تنظيم الدولة الإسلامية بينهم قيادي عراقي الجنسية."},
    {"id": "rt-2", "date": "2023-06-15",
     "text": "قتل 3 عناصر من قوات النظام جراء هجوم نفذته خلايا تنظيم الدولة الإسلامية في بادية حمص الشرقية."},
    {"id": "rt-3", "date": "2023-05-02",
     "text": "حصيلة شهر نيسان: نفذت قوات سوريا الديمقراطية 12 عملية أمنية في دير الزور، اعتقلت خلالها 30 شخصاً."},
]
# What the three fixture exports hold: (id, trigger types, events, aggregates), events as
# (type, date, location, governorate, perpetrators, targets, killed, injured, arrested).
EXPECTED = [
    ("ui-0001", ["raid", "raid"],
     [("raid", None, "الشحيل", "Deir ez-Zor", ["SDF"], ["ISIS"], None, None, 3)], []),
    ("ui-0002", ["attack"],
     [("attack", "2024-05-11", "بادية حمص الشرقية", "Homs", ["ISIS"], ["REGIME"], 2, 4, None)], []),
    ("ui-0003", ["aggregate"], [],
     [{"period": "2024", "operations": 25, "perpetrators": ["SDF"], "targets": ["ISIS"], "arrested": 60}]),
]
# Record number → a piece of the message that rejects it.
REJECTIONS = {
    "label-studio": {2: "unknown label 'PERSON'", 3: "unknown relation label", 4: "was cancelled",
                     5: "the offsets slice 'القوات التركية'", 6: "role perpetrator needs an entity labelled ACTOR",
                     7: "no 'data' object"},
    "doccano": {2: "not JSON", 3: "offsets outside the text", 4: "42 is no span of the record",
                5: "span starts with a proclitic ('بريف')", 6: "unknown label 'raidd'"},
    "prodigy": {2: "the answer is 'reject'", 3: "its child (token 6) is in no span",
                4: "overlapping spans", 5: "same_event joins two triggers"},
}
runner = CliRunner()


def _event_tuple(event: dict) -> tuple:
    return tuple(event[k] for k in ("type", "date", "location", "governorate", "perpetrators",
                                    "targets", "killed", "injured", "arrested"))


@pytest.mark.parametrize("tool", list(EXPORTS))
def test_import_fixture_gives_valid_documents(tool: str) -> None:
    docs, problems = TOOLS[tool].import_records(read_export(FIXTURES / EXPORTS[tool]))
    assert [str(p) for p in problems] == []
    assert len(docs) == len(EXPECTED)
    for doc, (doc_id, trigger_types, events, aggregates) in zip(docs, EXPECTED):
        assert validate_doc(doc) == []
        assert doc["id"] == doc_id
        assert doc["source"] == tool and doc["split"] == "train"
        assert [t["type"] for t in doc["triggers"]] == trigger_types
        assert [_event_tuple(e) for e in doc["events"]] == events
        for got, want in zip(doc["aggregates"], aggregates):
            assert {k: got[k] for k in want} == want
        assert len(doc["aggregates"]) == len(aggregates)


def test_import_fixture_same_documents_from_every_tool() -> None:
    found = []
    for tool, name in EXPORTS.items():
        docs, _ = TOOLS[tool].import_records(read_export(FIXTURES / name))
        found.append([{k: v for k, v in d.items() if k != "source"} for d in docs])
    assert found[0] == found[1] == found[2]


def test_import_same_event_groups_triggers_and_keeps_canonicals() -> None:
    docs, _ = TOOLS["doccano"].import_records(read_export(FIXTURES / EXPORTS["doccano"]))
    first = docs[0]
    assert first["events"][0]["triggers"] == ["t1", "t2"]
    assert {e["text"]: e["canonical"] for e in first["entities"] if e["label"] == "ACTOR"} == \
        {"قوات سوريا الديمقراطية": "SDF", "تنظيم الدولة الإسلامية": "ISIS"}
    assert {"head": "t2", "tail": "e4", "role": "arrested"} in first["relations"]


@pytest.mark.parametrize("tool", list(MALFORMED))
def test_import_malformed_reports_each_record(tool: str) -> None:
    docs, problems = TOOLS[tool].import_records(read_export(FIXTURES / MALFORMED[tool]))
    assert len(docs) == 1 and validate_doc(docs[0]) == []
    by_record = {}
    for problem in problems:
        by_record.setdefault(problem.index, []).append(str(problem))
    assert sorted(by_record) == sorted(REJECTIONS[tool])
    for index, piece in REJECTIONS[tool].items():
        assert any(piece in message for message in by_record[index]), by_record[index]
        assert all(message.startswith(f"record {index}") for message in by_record[index])


@pytest.mark.parametrize(("label", "kind"), [
    ("ACTOR", ("entity", "ACTOR")), ("location", ("entity", "LOCATION")),
    ("TRIGGER:raid", ("trigger", "raid")), ("raid", ("trigger", "raid")),
    ("Trigger:Drone-Strike", ("trigger", "drone_strike")), ("aggregate", ("trigger", "aggregate")),
    ("PERSON", None), ("TRIGGER:bombing", None), (3, None),
])
def test_span_kind_reads_tool_labels(label: object, kind: tuple | None) -> None:
    assert span_kind(label) == kind


@pytest.mark.parametrize(("label", "role"), [
    ("perpetrator", "perpetrator"), ("perp", "perpetrator"), ("nat", "victim_nationality"),
    ("Same-Event", "same_event"), ("gov", None), ("killer", None),
])
def test_relation_role_reads_tool_labels(label: str, role: str | None) -> None:
    assert relation_role(label) == role


def test_label_studio_config_names_every_label_and_role() -> None:
    root = ET.fromstring(TOOLS["label-studio"].label_config())
    labels = [e.get("value") for e in root.iter("Label")]
    relations = [e.get("value") for e in root.iter("Relation")]
    assert labels == list(SPAN_LABELS) and relations == list(RELATION_LABELS)
    assert {"TRIGGER:raid", "TRIGGER:aggregate", "ACTOR"} <= set(labels)
    assert {"same_event", *ROLES} == set(relations)
    area = next(root.iter("TextArea"))
    assert area.get("perRegion") == "true" and area.get("name") == "canonical"


def test_doccano_and_prodigy_configs_list_every_label() -> None:
    spans = json.loads(TOOLS["doccano"].config_files()["span_types.json"])
    relations = json.loads(TOOLS["doccano"].config_files()["relation_types.json"])
    assert [s["text"] for s in spans] == list(SPAN_LABELS)
    assert [r["text"] for r in relations] == list(RELATION_LABELS)
    assert all(set(s) == {"text", "suffix_key", "background_color", "text_color"} for s in spans)
    files = TOOLS["prodigy"].config_files()
    assert files["span_labels.txt"].split() == list(SPAN_LABELS)
    assert files["relation_labels.txt"].split() == list(RELATION_LABELS)
    assert len(SPAN_LABELS) == 5 + len(TRIGGER_TYPES)


# --- round trip through the shipped model ---------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    from sohr_nlp.api import find_model, load

    try:
        find_model()
    except FileNotFoundError:
        pytest.skip("no trained model (models/sohr_default or SOHR_NLP_MODEL); run `sohr-nlp train` first")
    return load()


@pytest.fixture(scope="module")
def reports(nlp):
    from sohr_nlp.api import parse

    return [parse(r["text"], date=r["date"], doc_id=r["id"], nlp=nlp) for r in REPORTS]


@pytest.mark.parametrize("tool", list(TOOLS))
@pytest.mark.parametrize("with_joins", [False, True])
def test_round_trip_gives_back_the_predictions(tool: str, with_joins: bool, nlp, reports) -> None:
    module = TOOLS[tool]
    tasks = json.loads(json.dumps(module.export_tasks(reports, nlp=nlp if with_joins else None),
                                  ensure_ascii=False))
    docs, problems = module.import_records(tasks)
    assert [str(p) for p in problems] == []
    assert [d["id"] for d in docs] == [r["id"] for r in REPORTS]
    for report, doc in zip(reports, docs):
        pred = predictions(report, nlp=nlp if with_joins else None)
        assert doc["entities"] == pred.entities
        assert doc["triggers"] == pred.triggers
        assert doc["relations"] == pred.relations
        assert doc["date"] == report.date
        grouped = sorted(sorted(e["triggers"]) for e in doc["events"] + doc["aggregates"])
        assert sum(len(g) for g in grouped) == len(pred.triggers)
    if not with_joins:  # without the incident joins, the relations are exactly the model's own
        for report, doc in zip(reports, docs):
            triggers = list(report.doc.spans["sohr_triggers"])
            ents = list(report.doc.ents)
            raw = sorted((triggers[r["trigger"]].start_char, ents[r["entity"]].start_char, r["role"])
                         for r in report.doc._.sohr_relations)
            start = {i["id"]: i["start"] for i in doc["entities"] + doc["triggers"]}
            assert sorted((start[r["head"]], start[r["tail"]], r["role"]) for r in doc["relations"]) == raw


def test_round_trip_predictions_have_something_to_correct(reports) -> None:
    pred = predictions(reports[0])
    assert pred.entities and pred.triggers and pred.relations


# --- the command line ------------------------------------------------------------------------

@pytest.mark.parametrize("tool", list(EXPORTS))
def test_cli_import_writes_validated_documents(tool: str, tmp_path: Path) -> None:
    out = tmp_path / "corpus_user.jsonl"
    result = runner.invoke(app, ["corpus", "import", str(FIXTURES / EXPORTS[tool]), "--from", tool,
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote 3 documents to {out}" in result.output
    docs = list(read_jsonl(out))
    assert [d["id"] for d in docs] == ["ui-0001", "ui-0002", "ui-0003"]
    assert all(validate_doc(d) == [] for d in docs)
    check = runner.invoke(app, ["corpus", "validate", str(out)])
    assert check.exit_code == 0 and "3 documents, 0 problems" in check.output


def test_cli_import_prints_rejected_records(tmp_path: Path) -> None:
    out = tmp_path / "user.jsonl"
    result = runner.invoke(app, ["corpus", "import", str(FIXTURES / MALFORMED["doccano"]),
                                 "--from", "doccano", "--output", str(out)])
    assert result.exit_code == 0
    assert "record 4 (dc-bad-4): relation 'location' from 1 to 42: 42 is no span of the record" in result.stderr
    assert "rejected         5" in result.output
    assert len(list(read_jsonl(out))) == 1


def test_cli_import_exits_1_when_nothing_is_valid(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "قصفت القوات التركية", "answer": "ignore"}\nnot json\n', encoding="utf-8")
    out = tmp_path / "user.jsonl"
    result = runner.invoke(app, ["corpus", "import", str(bad), "--from", "prodigy", "--output", str(out)])
    assert result.exit_code == 1
    assert "record 1" in result.stderr and "record 2: not JSON" in result.stderr
    assert "no valid document" in result.stderr
    assert not out.exists()


def test_cli_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "user.jsonl"
    out.write_text("keep\n", encoding="utf-8")
    args = ["corpus", "import", str(FIXTURES / EXPORTS["prodigy"]), "--from", "prodigy", "--output", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep\n"
    assert runner.invoke(app, args + ["--force"]).exit_code == 0


def test_cli_import_rejects_an_unknown_tool(tmp_path: Path) -> None:
    result = runner.invoke(app, ["corpus", "import", str(FIXTURES / EXPORTS["doccano"]), "--from", "brat"])
    assert result.exit_code == 2


@pytest.mark.parametrize(("tool", "config"), [
    ("label-studio", "tasks.label_config.xml"), ("doccano", "tasks.span_types.json"),
    ("prodigy", "tasks.span_labels.txt"),
])
def test_cli_export_tasks_then_import(tool: str, config: str, tmp_path: Path, nlp) -> None:
    source = tmp_path / "reports.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS), encoding="utf-8")
    tasks = tmp_path / ("tasks.json" if tool == "label-studio" else "tasks.jsonl")
    result = runner.invoke(app, ["corpus", "export-tasks", str(source), str(tasks), "--to", tool])
    assert result.exit_code == 0, result.output
    assert f"wrote 3 tasks to {tasks}" in result.output
    assert (tmp_path / config).exists()
    back = runner.invoke(app, ["corpus", "import", str(tasks), "--from", tool,
                               "--output", str(tmp_path / "user.jsonl")])
    assert back.exit_code == 0, back.output
    assert [d["id"] for d in read_jsonl(tmp_path / "user.jsonl")] == ["rt-1", "rt-2", "rt-3"]


def test_cli_export_tasks_names_a_broken_input_line(tmp_path: Path) -> None:
    source = tmp_path / "reports.jsonl"
    source.write_text('{"id": "a", "text": "قصف"}\n{"id": "b"}\n', encoding="utf-8")
    result = runner.invoke(app, ["corpus", "export-tasks", str(source), str(tmp_path / "t.jsonl"),
                                 "--to", "doccano", "--model", str(tmp_path / "no-model")])
    assert result.exit_code == 1
    assert f"{source}:2: no 'text' field" in result.stderr


def test_cli_export_tasks_needs_a_model(tmp_path: Path) -> None:
    source = tmp_path / "reports.jsonl"
    source.write_text('{"id": "a", "text": "قصف"}\n', encoding="utf-8")
    result = runner.invoke(app, ["corpus", "export-tasks", str(source), str(tmp_path / "t.jsonl"),
                                 "--to", "doccano", "--model", str(tmp_path / "no-model")])
    assert result.exit_code == 1 and "[E030]" in result.stderr


def test_import_corrections_then_retrain_gets_the_corrected_report(records, tiny_config, tmp_path: Path) -> None:
    """The whole loop, small: corrected documents come in, training on both corpora learns them."""
    base = tmp_path / "corpus.jsonl"
    base.write_text("".join(json.dumps(r | {"split": "train"}, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    user = tmp_path / "corpus_user.jsonl"
    result = runner.invoke(app, ["corpus", "import", str(FIXTURES / EXPORTS["doccano"]), "--from", "doccano",
                                 "--output", str(user)])
    assert result.exit_code == 0, result.output
    corrected = list(read_jsonl(user))
    model = tmp_path / "model"
    result = runner.invoke(app, ["train", "--corpus", str(base), "--corpus", str(user), "--output", str(model),
                                 "--config", str(tiny_config)])
    assert result.exit_code == 0, result.output
    import sohr_nlp

    nlp = sohr_nlp.load(model)
    doc = next(d for d in corrected if d["id"] == "ui-0002")
    report = sohr_nlp.parse(doc["text"], date=doc.get("date"), nlp=nlp)
    assert [(e.start, e.end, e.label) for e in report.entities] == \
        [(e["start"], e["end"], e["label"]) for e in doc["entities"]]
    assert [_event_tuple(e.to_dict()) for e in report.events] == [_event_tuple(e) for e in doc["events"]]
