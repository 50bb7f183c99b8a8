"""Annotation on a Dask cluster: the same per-document code path as `sohr_nlp.batch`, many machines.

Three layers, each usable on its own:

- `annotate_partition(df, model=…)`: the per-partition function. A pandas DataFrame of input
  records in, one row per record out (`position`, `id`, `record`, `error`). Each worker
  process loads the model once (a module-level cache keyed by model path) and annotates
  through `sohr_nlp.batch.annotate_items`, exactly as the local engine does. It is what
  `dask.dataframe.map_partitions`, `dask.bag.map_partitions` and Spark's `mapInPandas`
  (through `annotate_partitions`) call.
- `annotate_dataframe(ddf)` / `annotate_bag(bag)` and the writers `to_jsonl` / `to_parquet`:
  a Python API over lazy Dask collections.
- `annotate_with_dask(input, output, …)`: the engine behind `sohr-nlp annotate --engine dask`.
  It streams the input through `sohr_nlp.sources.read_items` in chunks, keeps a bounded number
  of chunks in flight on the cluster, and writes results in input order to the same journal
  (`OUTPUT.part`), errors file and final atomic rename as `sohr_nlp.batch.run`; so resume
  and error rules are those of the local engine, and a run may be resumed by either engine.

Dask, distributed and pyarrow come with the `dask` extra: `pip install "sohr_nlp[dask]"`.
"""
from __future__ import annotations

import json
import os
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sohr_nlp import batch
from sohr_nlp.sources import Item, Keys, read_items

if TYPE_CHECKING:  # dask and pandas are optional: imported where used
    import dask.bag
    import dask.dataframe
    import pandas

OUTPUT_COLUMNS = ("position", "id", "record", "error")
# The schema to give Spark's mapInPandas for the frames `annotate_partitions` yields.
SPARK_SCHEMA = "position long, id string, record string, error string"
DEFAULT_CHUNK = 128  # documents a task: large enough to amortise scheduling, small enough to stream

_MODELS: dict[str, Any] = {}
_MODELS_LOCK = threading.Lock()


def worker_model(model: str | Path | None = None) -> Any:
    """The pipeline at `model` (default: the shipped one), loaded once per process.

    Tasks carry only the model path, never the pipeline: every worker process loads it from
    its own disk on first use and keeps it for all later partitions.
    """
    from sohr_nlp.api import find_model, load

    key = str(find_model(model).resolve())
    with _MODELS_LOCK:
        if key not in _MODELS:
            _MODELS[key] = load(key)
        return _MODELS[key]


def _warm(model: str | None) -> int:
    worker_model(model)
    return os.getpid()


def annotate_partition(df: pandas.DataFrame, *, model: str | Path | None = None,
                       keys: Keys = Keys()) -> pandas.DataFrame:
    """One output row per input row: `position`, `id`, `record` (SCHEMA.md JSON) or `error`.

    `id`, `record` and `error` are pandas "string" columns; a missing value is `pd.NA`.

    Input columns: the text field (`keys.text`, required), the id and date fields (optional),
    `position` (optional; else 1, 2, … within the partition) and `error` (optional: a reason
    the reader already found, as `sohr_nlp.sources` gives). Exactly one of `record` and
    `error` is set in each row; rows keep the input order.
    """
    import pandas as pd

    items = list(_items(df, keys))
    # keyed by the item object, not its position: a caller's positions need not be unique
    errors: dict[int, str] = {}
    records: dict[int, str] = {}
    if items:
        nlp = worker_model(model)

        def on_error(item: Item, reason: str) -> None:
            errors[id(item)] = reason

        for item, record in batch.annotate_items(nlp, items, on_error=on_error):
            records[id(item)] = json.dumps(record, ensure_ascii=False)
    rows = {
        "position": [item.position for item in items],
        "id": [item.id for item in items],
        "record": [records.get(id(item)) for item in items],
        "error": [None if id(item) in records else errors.get(id(item), "no record") for item in items],
    }
    return pd.DataFrame({name: pd.Series(values, dtype="int64" if name == "position" else "string")
                         for name, values in rows.items()})


def annotate_partitions(frames: Iterable[pandas.DataFrame], *, model: str | Path | None = None,
                        keys: Keys = Keys()) -> Iterator[pandas.DataFrame]:
    """`annotate_partition` over an iterator of frames: the function Spark's `mapInPandas` takes.

        sdf.mapInPandas(partial(annotate_partitions, model="/shared/sohr_default"),
                        schema=SPARK_SCHEMA)
    """
    for df in frames:
        yield annotate_partition(df, model=model, keys=keys)


def _items(df: pandas.DataFrame, keys: Keys) -> Iterator[Item]:
    import pandas as pd

    if keys.text not in df.columns and "error" not in df.columns:
        raise ValueError(f"(sohr_nlp) [E060] No text column {keys.text!r} in the partition; "
                         f"columns: {', '.join(map(str, df.columns))}. Pass keys=Keys(text=…).")

    def value(row: dict[str, Any], name: str) -> Any:
        got = row.get(name)
        return None if got is None or (pd.api.types.is_scalar(got) and pd.isna(got)) else got

    for n, row in enumerate(df.to_dict("records"), 1):
        given = value(row, "position")
        position = int(given) if given is not None else n
        doc_id = value(row, keys.id)
        doc_id = str(doc_id) if doc_id is not None else str(position)
        error = value(row, "error")
        text = value(row, keys.text)
        if error is None and text is None:
            error = f"no {keys.text!r} field"
        elif error is None and not isinstance(text, str):
            error = f"{keys.text!r} is {type(text).__name__}, not text"
        yield Item(position, doc_id, None if error else text, _date(value(row, keys.date)), error)


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat") and hasattr(value, "year"):  # datetime, date, Timestamp
        return value.isoformat()[:10]
    return str(value)


def _meta() -> pandas.DataFrame:
    import pandas as pd

    return pd.DataFrame({"position": pd.Series([], dtype="int64"),
                         **{name: pd.Series([], dtype="string") for name in OUTPUT_COLUMNS[1:]}})


def annotate_dataframe(ddf: dask.dataframe.DataFrame, *, model: str | Path | None = None,
                       keys: Keys = Keys()) -> dask.dataframe.DataFrame:
    """A lazy frame of `position`, `id`, `record` (SCHEMA.md JSON string or null), `error`.

    Without a `position` column, rows are numbered 1, 2, … across partitions. Pass a model
    path that exists on every worker, or None for the model installed with the package.
    """
    if "position" not in ddf.columns:
        ddf = ddf.assign(position=1)
        ddf = ddf.assign(position=ddf["position"].cumsum())
    model = _model_arg(model)
    return ddf.map_partitions(annotate_partition, model=model, keys=keys, meta=_meta())


def annotate_bag(bag: dask.bag.Bag, *, model: str | Path | None = None,
                 keys: Keys = Keys()) -> dask.bag.Bag:
    """A lazy bag of SCHEMA.md records from a bag of input dicts (`id`, `text`, `date`).

    Records that cannot be annotated are left out; `annotate_dataframe` shows their reasons.
    """
    model = _model_arg(model)

    def partition(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        import pandas as pd

        frame = pd.DataFrame(list(rows))
        if frame.empty:
            return []
        out = annotate_partition(frame, model=model, keys=keys)
        return [json.loads(r) for r in out["record"] if isinstance(r, str)]

    return bag.map_partitions(partition)


def to_jsonl(records: dask.bag.Bag, path: str, **kwargs: Any) -> list[str]:
    """Write a bag of records as JSON lines, one file a partition (`path` like 'out/*.jsonl')."""
    return records.map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles(path, **kwargs)


def to_parquet(annotated: dask.dataframe.DataFrame, path: str, **kwargs: Any) -> Any:
    """Write the frame of `annotate_dataframe` as Parquet (one file a partition)."""
    return annotated.to_parquet(path, **kwargs)


def _model_arg(model: str | Path | None) -> str | None:
    # an absolute path the workers can open, or None: each worker finds its installed model
    return str(Path(model).resolve()) if model is not None else None


def annotate_with_dask(input: Path, output: Path, *, fmt: str | None = None, keys: Keys = Keys(),
                       model: str | Path | None = None, scheduler: str | None = None,
                       partitions: int | None = None, force: bool = False,
                       output_format: str = "jsonl", chunk_size: int = DEFAULT_CHUNK,
                       client: Any = None) -> batch.Summary:
    """Annotate `input` into `output` on a Dask cluster, resumably; the local engine's rules.

    Without `scheduler`, a `LocalCluster` of `partitions` (default 2) worker processes of one
    thread each runs on 127.0.0.1 and stops with the call; with it, the call connects to that
    scheduler (`tcp://host:8786`) and uses whatever workers it has (`partitions` is then
    unused). `client` (an open `distributed.Client`) overrides both. `model` must be a path
    every worker can open; None lets each worker load the model installed with its package.
    The input is read in chunks of `chunk_size` documents; at most two chunks a worker
    thread are in flight, so memory stays flat however large the input.
    """
    from distributed import Client, LocalCluster

    if output_format not in ("jsonl", "csv"):
        raise ValueError(f"(sohr_nlp) [E061] Unknown output format {output_format!r}; use jsonl or csv.")
    if client is not None:
        return _run(client, input, output, fmt=fmt, keys=keys, model=model, force=force,
                    output_format=output_format, chunk_size=chunk_size)
    if scheduler is None:
        from sohr_nlp.api import find_model

        find_model(model)  # a missing model fails here, not in every worker
        with warnings.catch_warnings():
            # the scheduler's HTTP server moves off a busy default port: no dashboard was asked for
            warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
            cluster = LocalCluster(n_workers=partitions or 2, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
        with cluster, Client(cluster) as local:
            return _run(local, input, output, fmt=fmt, keys=keys, model=model, force=force,
                        output_format=output_format, chunk_size=chunk_size)
    with Client(scheduler) as remote:
        return _run(remote, input, output, fmt=fmt, keys=keys, model=model, force=force,
                    output_format=output_format, chunk_size=chunk_size)


def _run(client: Any, input: Path, output: Path, *, fmt: str | None, keys: Keys,
         model: str | Path | None, force: bool, output_format: str, chunk_size: int) -> batch.Summary:
    started = time.time()
    model_arg = _model_arg(model)
    journal, errors = batch.journal_path(output), batch.errors_path(output)
    errors_journal = batch.journal_path(errors)
    summary = batch.Summary(output=str(output), errors_file=str(errors))
    if force:
        for path in (journal, output, errors, errors_journal):
            path.unlink(missing_ok=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    done = batch._repair(journal) | batch._repair(errors_journal)
    workers = _workers(client)
    # load the model on every worker at once, and fail early if a worker cannot find it
    client.gather([client.submit(_warm, model_arg, workers=[w], allow_other_workers=False, pure=False)
                   for w in workers])
    threads = sum(client.nthreads().values()) or 1
    in_flight: deque[tuple[list[Item], Any]] = deque()

    with journal.open("a", encoding="utf-8") as out, errors_journal.open("a", encoding="utf-8") as err_out:

        def on_error(item: Item, reason: str) -> None:
            err_out.write(json.dumps({batch.POSITION: item.position, "position": item.position,
                                      "id": item.id, "reason": reason}, ensure_ascii=False) + "\n")
            summary.errors += 1
            key = reason.split(":")[0]
            summary.by_reason[key] = summary.by_reason.get(key, 0) + 1

        def collect() -> None:
            chunk, future = in_flight.popleft()
            for item, row in zip(chunk, _result(client, chunk, future, model_arg)):
                if row["error"] is not None:
                    on_error(item, row["error"])
                    continue
                record = json.loads(row["record"])
                record[batch.POSITION] = item.position
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                summary.documents += 1
                summary.events += len(record["events"])
                summary.aggregates += len(record["aggregates"])
            out.flush()
            err_out.flush()

        for chunk in _chunks(read_items(input, keys=keys, fmt=fmt), done, summary, chunk_size):
            good = [item for item in chunk if not _precheck(item, on_error)]
            if not good:
                continue
            in_flight.append((good, client.submit(annotate_partition, _frame(good), model=model_arg,
                                                  pure=False)))
            if len(in_flight) >= 2 * threads:
                collect()
        while in_flight:
            collect()
        out.flush()
        os.fsync(out.fileno())
    if output_format == "csv":
        from sohr_nlp.export import write_acled_csv

        write_acled_csv(batch.journal_records(journal), output)
        journal.unlink()
    else:
        batch.write_jsonl(journal, output)
    batch.write_jsonl(errors_journal, errors)
    summary.seconds = time.time() - started
    return summary


def _workers(client: Any, timeout: float = 60.0) -> list[str]:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise RuntimeError(
            f"(sohr_nlp) [E062] No Dask worker joined the scheduler at {client.scheduler.address} "
            f"within {timeout:.0f} s. Start workers with `dask worker {client.scheduler.address}`, "
            "or leave out --scheduler to run a local cluster."
        ) from None
    return list(client.nthreads())


def _chunks(items: Iterable[Item], done: set[int], summary: batch.Summary,
            size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        if item.position in done:
            summary.skipped += 1
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _precheck(item: Item, on_error: Any) -> bool:
    # records the reader or the length check rejects never travel to a worker
    reason = batch.check_item(item)
    if reason:
        on_error(item, reason)
    return reason is not None


def _frame(items: list[Item]) -> pandas.DataFrame:
    import pandas as pd

    return pd.DataFrame({"position": pd.Series([i.position for i in items], dtype="int64"),
                         "id": pd.Series([i.id for i in items], dtype=object),
                         "text": pd.Series([i.text for i in items], dtype=object),
                         "date": pd.Series([i.date for i in items], dtype=object)})


def _result(client: Any, chunk: list[Item], future: Any, model: str | None) -> list[dict[str, Any]]:
    """The rows of a chunk; a chunk whose task failed (a worker died) is retried one by one."""
    try:
        return _rows(future.result())
    except Exception as err:  # noqa: BLE001  one poisonous document must not sink the run
        if len(chunk) == 1:
            return [{"record": None, "error": f"worker failure: {type(err).__name__}: {err}"}]
        rows = []
        for item in chunk:
            single = client.submit(annotate_partition, _frame([item]), model=model, pure=False)
            rows.extend(_result(client, [item], single, model))
        return rows


def _rows(df: pandas.DataFrame) -> list[dict[str, Any]]:
    import pandas as pd

    return [{"record": None if pd.isna(r) else r, "error": None if pd.isna(e) else e}
            for r, e in zip(df["record"], df["error"])]
