"""The command line through typer's runner, on temporary folders, with a tiny trained model."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sohr_nlp.batch import errors_path, journal_path, run
from sohr_nlp.cli.app import app
from sohr_nlp.sources import read_items

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def reports(records, tmp_path):
    path = tmp_path / "in.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for n in range(4):
            for record in records:
                f.write(json.dumps({"id": f"{record['id']}-{n}", "text": record["text"]}, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_annotate_jsonl(trained, reports, tmp_path):
    out = tmp_path / "out.jsonl"
    result = invoke("annotate", reports, out, "--model", trained)
    assert result.exit_code == 0, result.output
    docs = read_jsonl(out)
    assert len(docs) == 12 and [d["id"] for d in docs][:3] == ["c-1-0", "c-2-0", "c-3-0"]
    assert docs[1]["events"][0]["perpetrators"] == ["TURKEY"]
    assert set(docs[0]) >= {"id", "text", "entities", "events", "aggregates"}
    assert "_position" not in docs[0]
    assert "documents 12" in result.output and "errors 0" in result.output
    assert not journal_path(out).exists()
    # a second run finds the output complete
    again = invoke("annotate", reports, out, "--model", trained)
    assert again.exit_code == 0 and "complete already" in again.output


def test_annotate_isolates_bad_records(trained, records, tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": records[0]["text"]}, ensure_ascii=False).encode()
    lines = [good, b'{"id": "broken", "text": ', json.dumps({"id": "notext"}).encode(),
             b'{"id": "latin1", "text": "\xe9t\xe9"}',
             json.dumps({"id": "huge", "text": "قصف " * 300_000}).encode(),
             json.dumps({"id": "empty", "text": ""}).encode(), good.replace(b'"ok"', b'"ok2"')]
    path.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    result = invoke("annotate", path, out, "--model", trained)
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in read_jsonl(out)] == ["ok", "empty", "ok2"]
    errors = read_jsonl(errors_path(out))
    assert [(e["position"], e["reason"].split(":")[0]) for e in errors] == [
        (2, "broken JSON"), (3, "no 'text' field"), (4, "undecodable bytes (not UTF-8)"),
        (5, "text of 1,200,000 characters is longer than the limit of 1,000,000")]
    assert "errors 4" in result.output


def test_annotate_resumes_without_duplicates(trained, reports, tmp_path):
    out = tmp_path / "out.jsonl"
    # a first run that dies after 5 documents: its journal ends with a torn line
    from sohr_nlp.api import load

    nlp = load(trained)
    items = list(read_items(reports))
    with pytest.raises(KeyboardInterrupt):
        def stop_after(n=[0]):
            def progress(_):
                n[0] += 1
                if n[0] == 5:
                    raise KeyboardInterrupt
            return progress
        run(nlp, items, out, batch_size=1, progress=stop_after())
    journal = journal_path(out)
    with journal.open("a", encoding="utf-8") as f:
        f.write('{"id": "c-3-1", "text": "torn')
    assert not out.exists()
    result = invoke("annotate", reports, out, "--model", trained, "--batch-size", "2")
    assert result.exit_code == 0, result.output
    docs = read_jsonl(out)
    assert [d["id"] for d in docs] == [json.loads(line)["id"] for line in reports.read_text().splitlines()]
    assert "skipped (done before) 5" in result.output


def test_annotate_survives_kill_9(trained, reports, tmp_path):
    big = tmp_path / "big.jsonl"
    lines = reports.read_text(encoding="utf-8").splitlines()
    big.write_text("\n".join(json.dumps(dict(json.loads(l), id=f"{json.loads(l)['id']}-{k}"), ensure_ascii=False)
                             for k in range(40) for l in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "sohr_nlp.cli", "annotate", str(big), str(out), "--model", str(trained),
           "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = journal_path(out)
    deadline = time.time() + 60
    while time.time() < deadline and (not journal.exists() or journal.stat().st_size < 20_000):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    result = invoke("annotate", big, out, "--model", trained)
    assert result.exit_code == 0, result.output
    ids = [d["id"] for d in read_jsonl(out)]
    assert ids == [json.loads(l)["id"] for l in big.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("kind", ["txt", "folder", "csv", "parquet", "hf"])
def test_annotate_input_formats(trained, records, tmp_path, kind):
    texts = {r["id"]: r["text"] for r in records}
    if kind == "txt":
        path = tmp_path / "c-2.txt"
        path.write_text(texts["c-2"], encoding="utf-8")
        expected = ["c-2"]
    elif kind == "folder":
        path = tmp_path / "reports"
        path.mkdir()
        for doc_id, text in texts.items():
            (path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        expected = sorted(texts)
    elif kind == "csv":
        path = tmp_path / "reports.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["doc", "body"])
            writer.writerows(texts.items())
        expected = list(texts)
    else:
        import datasets

        data = datasets.Dataset.from_dict({"doc": list(texts), "body": list(texts.values())})
        if kind == "parquet":
            path = tmp_path / "reports.parquet"
            data.to_parquet(str(path))
        else:
            path = tmp_path / "hf"
            data.save_to_disk(str(path))
        expected = list(texts)
    out = tmp_path / "out.jsonl"
    extra = [] if kind in ("txt", "folder") else ["--id-key", "doc", "--text-key", "body"]
    result = invoke("annotate", path, out, "--model", trained, *extra)
    assert result.exit_code == 0, result.output
    docs = read_jsonl(out)
    assert [d["id"] for d in docs] == expected
    assert all(d["text"] == texts[d["id"]] for d in docs)


def test_annotate_csv_output_has_acled_columns(trained, reports, tmp_path):
    out = tmp_path / "events.csv"
    result = invoke("annotate", reports, out, "--model", trained, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 12
    first = rows[1]
    assert first["event_id"] == "c-2-0-1" and first["sub_event_type"] == "Shelling/artillery/missile attack"
    assert first["event_type"] == "Explosions/Remote violence" and first["actor1"] == "TURKEY"
    assert first["admin1"] == "Raqqa" and first["injured"] == "3" and first["fatalities"] == "0"
    assert "قصفت" in first["notes"]


def test_annotate_user_errors(trained, tmp_path):
    result = runner.invoke(app, ["annotate", str(tmp_path / "missing.jsonl"), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "does not exist" in result.output
    odd = tmp_path / "x.docx"
    odd.write_text("x")
    result = runner.invoke(app, ["annotate", str(odd), str(tmp_path / "o.jsonl"), "--model", str(trained)])
    assert result.exit_code == 1 and "[E050]" in result.output


def test_parse_command(trained, records):
    result = invoke("parse", records[1]["text"], "--model", trained, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["events"][0]["type"] == "shelling" and doc["events"][0]["injured"] == 3
    readable = runner.invoke(app, ["parse", "-", "--model", str(trained)], input=records[2]["text"])
    assert readable.exit_code == 0
    assert "ACTOR" in readable.output and "attack" in readable.output and "killed=2" in readable.output


def test_evaluate_command(trained, records, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    metrics = tmp_path / "metrics.json"
    result = invoke("evaluate", trained, gold, "--output", metrics)
    assert result.exit_code == 0, result.output
    assert "entities (exact)" in result.output and "relations" in result.output
    data = json.loads(metrics.read_text())
    assert data["entities_exact"]["micro"]["f"] == 1.0
    assert data["event_slots"]["micro"]["f"] == 1.0


def test_train_command(records, tiny_config, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r | {"split": "train"}, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    out = tmp_path / "model"
    result = invoke("train", "--corpus", corpus, "--output", out, "--config", tiny_config, "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "epoch" in result.output and (out / "meta.json").exists() and (out / "config.cfg").exists()
    missing = runner.invoke(app, ["train", "--corpus", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_corpus_commands(records, tmp_path, monkeypatch):
    from conftest import DOCS

    corpus = tmp_path / "corpus"
    (corpus / "src").mkdir(parents=True)
    (corpus / "src" / "a.sohr").write_text(DOCS, encoding="utf-8")
    built = invoke("corpus", "build", "--corpus", corpus)
    assert built.exit_code == 0 and "wrote 3 documents" in built.output
    assert (corpus / "splits.tsv").read_text(encoding="utf-8").startswith("id\tsplit\n")
    valid = invoke("corpus", "validate", "--corpus", corpus)
    assert valid.exit_code == 0 and "3 documents, 0 problems" in valid.output
    stats = invoke("corpus", "stats", "--corpus", corpus)
    assert "- documents: 3" in stats.output and "ACTOR 5" in stats.output
    bad = DOCS.replace("ACTOR=SDF", "ACTOR=SDFF")
    (corpus / "src" / "a.sohr").write_text(bad, encoding="utf-8")
    broken = runner.invoke(app, ["corpus", "build", "--corpus", str(corpus)])
    assert broken.exit_code == 1 and "unknown actor id 'SDFF'" in broken.output


def test_parse_many_and_hf_helper(trained, records):
    import sohr_nlp
    from sohr_nlp.api import load
    from sohr_nlp.hf import annotate_batch

    nlp = load(trained)
    reports = list(sohr_nlp.parse_many([(r["text"], {"id": r["id"]}) for r in records], nlp=nlp))
    assert [r.id for r in reports] == ["c-1", "c-2", "c-3"]
    batch = annotate_batch({"text": [records[1]["text"], None]}, nlp=nlp)
    assert json.loads(batch["events"][0])[0]["perpetrators"] == ["TURKEY"]
    assert batch["error"] == [None, "text is NoneType, not str"]


def test_annotate_two_processes_matches_one(trained, reports, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke("annotate", reports, one, "--model", trained).exit_code == 0
    result = invoke("annotate", reports, two, "--model", trained, "--n-process", "2", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert read_jsonl(two) == read_jsonl(one)
