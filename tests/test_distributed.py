"""The Dask engine gives exactly the records of the local engine, on a real two-process cluster."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask", reason="dask is not installed: pip install 'sohr_nlp[dask]'")
pytest.importorskip("distributed", reason="distributed is not installed: pip install 'sohr_nlp[dask]'")
pd = pytest.importorskip("pandas", reason="pandas is not installed: pip install 'sohr_nlp[dask]'")

from distributed import Client, LocalCluster  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from sohr_nlp import batch  # noqa: E402
from sohr_nlp.api import MAX_PARSE_CHARS, find_model, load  # noqa: E402
from sohr_nlp.distributed import annotate_partition, annotate_with_dask  # noqa: E402
from sohr_nlp.sources import read_items  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "corpus.jsonl"
N_DOCS = 300


@pytest.fixture(scope="module")
def model() -> Path:
    try:
        return find_model()
    except FileNotFoundError as err:
        pytest.skip(f"no shipped model to annotate with (train it first: sohr-nlp train): {err}")


@pytest.fixture(scope="module")
def nlp(model: Path):
    return load(model)


@pytest.fixture(scope="module")
def client():
    with LocalCluster(host="127.0.0.1", processes=True, n_workers=2, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def _documents(n: int) -> list[dict]:
    base = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    for i in range(n):
        src = base[i % len(base)]
        doc = {"id": f"{src['id']}-r{i}", "text": src["text"]}
        if src.get("date"):
            doc["date"] = src["date"]
        docs.append(doc)
    return docs


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _local(nlp, input: Path, output: Path) -> batch.Summary:
    return batch.run(nlp, read_items(input), output)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, nlp) -> tuple[Path, batch.Summary]:
    """The input of N_DOCS documents and the single-process run over it."""
    folder = tmp_path_factory.mktemp("local")
    docs = _documents(N_DOCS)
    input = _write(folder / "in.jsonl", [json.dumps(d, ensure_ascii=False) for d in docs])
    return input, _local(nlp, input, folder / "local.jsonl")


def test_distributed_two_workers_same_records_as_local(tmp_path, local_run, model, client):
    input, local = local_run
    summary = annotate_with_dask(input, tmp_path / "dask.jsonl", model=model,
                                 scheduler=client.scheduler.address, chunk_size=32)
    assert len(client.scheduler_info()["workers"]) == 2
    assert (summary.documents, summary.errors) == (N_DOCS, 0)
    assert (summary.events, summary.aggregates) == (local.events, local.aggregates)
    assert (tmp_path / "dask.jsonl").read_text(encoding="utf-8") == \
        Path(local.output).read_text(encoding="utf-8")
    assert not batch.journal_path(tmp_path / "dask.jsonl").exists()


def test_distributed_bad_records_go_to_errors_file(tmp_path, nlp, model, client):
    docs = [json.dumps(d, ensure_ascii=False) for d in _documents(40)]
    docs[3] = '{"id": "broken", "text": "قصف'  # broken JSON
    docs[10] = json.dumps({"id": "no-text", "body": "قصف مدفعي"})
    docs[20] = json.dumps({"id": "too-long", "text": "ق" * (MAX_PARSE_CHARS + 1)})
    input = _write(tmp_path / "in.jsonl", docs)
    local = _local(nlp, input, tmp_path / "local.jsonl")
    summary = annotate_with_dask(input, tmp_path / "dask.jsonl", model=model,
                                 scheduler=client.scheduler.address, chunk_size=8)
    assert (summary.documents, summary.errors) == (37, 3)
    errors = [json.loads(line) for line in (tmp_path / "dask.errors.jsonl").read_text().splitlines()]
    assert [(e["position"], e["id"]) for e in errors] == [(4, None), (11, "no-text"), (21, "too-long")]
    assert errors[0]["reason"].startswith("broken JSON")
    assert "no 'text' field" in errors[1]["reason"]
    assert "longer than the limit" in errors[2]["reason"]
    assert (tmp_path / "dask.errors.jsonl").read_text() == (tmp_path / "local.errors.jsonl").read_text()
    assert (tmp_path / "dask.jsonl").read_text() == (tmp_path / "local.jsonl").read_text()
    assert local.errors == 3


def test_distributed_resume_skips_done_positions(tmp_path, model, client):
    docs = [json.dumps(d, ensure_ascii=False) for d in _documents(24)]
    input = _write(tmp_path / "in.jsonl", docs)
    full = tmp_path / "full.jsonl"
    annotate_with_dask(input, full, model=model, scheduler=client.scheduler.address, chunk_size=8)
    # an interrupted run: the first 10 records in the journal, the last one torn
    output = tmp_path / "out.jsonl"
    journal = batch.journal_path(output)
    lines = full.read_text(encoding="utf-8").splitlines()
    with journal.open("w", encoding="utf-8") as f:
        for position, line in enumerate(lines[:10], 1):
            record = json.loads(line)
            record[batch.POSITION] = position
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        f.write('{"id": "torn')
    summary = annotate_with_dask(input, output, model=model, scheduler=client.scheduler.address,
                                 chunk_size=8)
    assert (summary.skipped, summary.documents) == (10, 14)
    assert output.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")


def test_annotate_partition_one_row_per_record(model):
    df = pd.DataFrame({"id": ["a", "b", None], "text": [_documents(1)[0]["text"], None, "غارة"]})
    out = annotate_partition(df, model=str(model))
    assert list(out.columns) == ["position", "id", "record", "error"]
    assert list(out["position"]) == [1, 2, 3]
    assert list(out["id"]) == ["a", "b", "3"]
    assert json.loads(out["record"][0])["id"] == "a"
    assert pd.isna(out["record"][1]) and "no 'text' field" in out["error"][1]
    assert pd.isna(out["error"][2]) and json.loads(out["record"][2])["text"] == "غارة"


def test_cli_annotate_engine_dask(tmp_path, model, client):
    from sohr_nlp.cli.app import app

    docs = [json.dumps(d, ensure_ascii=False) for d in _documents(30)]
    input = _write(tmp_path / "in.jsonl", docs)
    output = tmp_path / "out.jsonl"
    # without --scheduler: the command starts and stops its own LocalCluster
    result = CliRunner().invoke(app, ["annotate", str(input), str(output), "--engine", "dask",
                                      "--partitions", "1"])
    assert result.exit_code == 0, result.output
    assert "documents 30" in result.output and "errors 0" in result.output
    assert len(output.read_text(encoding="utf-8").splitlines()) == 30
    args = ["annotate", str(input), str(output), "--engine", "dask", "--model", str(model),
            "--scheduler", client.scheduler.address]
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and "complete already" in again.output
    csv_out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, args[:2] + [str(csv_out)] + args[3:] + ["--format", "csv"])
    assert result.exit_code == 0, result.output
    assert csv_out.read_text(encoding="utf-8").startswith("event_id,event_date")


def test_dataframe_and_bag_api_same_records_as_local(tmp_path, local_run, model, client):
    import dask.bag as db
    import dask.dataframe as dd

    from sohr_nlp.distributed import annotate_bag, annotate_dataframe, to_jsonl, to_parquet

    docs = _documents(16)  # a document's record does not depend on its neighbours
    lines = Path(local_run[1].output).read_text(encoding="utf-8").splitlines()[:16]
    expected = [json.loads(line) for line in lines]

    annotated = annotate_dataframe(dd.from_pandas(pd.DataFrame(docs), npartitions=3), model=model)
    frame = annotated.compute()
    assert list(frame["position"]) == list(range(1, 17))
    assert [json.loads(r) for r in frame["record"]] == expected
    to_parquet(annotated, str(tmp_path / "parquet"))
    stored = pd.read_parquet(tmp_path / "parquet")
    assert [json.loads(r) for r in stored.sort_values("position")["record"]] == expected

    records = annotate_bag(db.from_sequence(docs, npartitions=3), model=model)
    assert records.compute() == expected
    files = to_jsonl(records, str(tmp_path / "bag" / "*.jsonl"))
    written = [line for f in sorted(files) for line in Path(f).read_text().splitlines()]
    assert [json.loads(line) for line in written] == expected


def _crash() -> None:
    raise MemoryError("worker ran out of memory")


def test_failed_task_is_retried_one_by_one(model, client):
    from sohr_nlp.distributed import _frame, _result
    from sohr_nlp.sources import Item

    chunk = [Item(1, "a", _documents(1)[0]["text"]), Item(2, "b", "غارة جوية")]
    rows = _result(client, chunk, client.submit(_crash, pure=False), str(model))
    assert [row["error"] for row in rows] == [None, None]
    assert [json.loads(row["record"])["id"] for row in rows] == ["a", "b"]
    single = _result(client, chunk[:1], client.submit(_crash, pure=False), str(model))
    assert single[0]["record"] is None and "MemoryError" in single[0]["error"]
    assert _frame(chunk)["id"].tolist() == ["a", "b"]
