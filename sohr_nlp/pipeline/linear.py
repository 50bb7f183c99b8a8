"""A multinomial logistic regression over sparse string features, saved without pickle.

scikit-learn fits it; prediction is a sum of weights in NumPy, so loading needs neither
pickle nor scikit-learn's estimator objects, and a few thousand predictions take milliseconds.
The weights are stored as `.npy` (allow_pickle=False) next to a JSON vocabulary.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

Features = Iterable[str]


class LinearModel:
    """Classes, a feature vocabulary and a weight matrix (features × classes)."""

    def __init__(self) -> None:
        self.classes: list[str] = []
        self.vocab: dict[str, int] = {}
        self.weights = np.zeros((0, 0), dtype=np.float32)
        self.bias = np.zeros(0, dtype=np.float32)

    @property
    def is_trained(self) -> bool:
        return bool(self.classes)

    def fit(self, rows: Sequence[Features], labels: Sequence[str], *, c: float = 1.0,
            seed: int = 0, min_count: int = 1) -> "LinearModel":
        """Fit on feature lists and their labels (needs at least one example)."""
        from sklearn.linear_model import LogisticRegression
        from scipy.sparse import csr_matrix

        counts: dict[str, int] = {}
        rows = [list(dict.fromkeys(r)) for r in rows]
        for row in rows:
            for feat in row:
                counts[feat] = counts.get(feat, 0) + 1
        self.vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
        self.classes = sorted(set(labels))
        if len(self.classes) == 1:  # nothing to separate: always that class
            self.weights = np.zeros((len(self.vocab), 1), dtype=np.float32)
            self.bias = np.zeros(1, dtype=np.float32)
            return self
        indptr, indices = [0], []
        for row in rows:
            indices.extend(self.vocab[f] for f in row if f in self.vocab)
            indptr.append(len(indices))
        matrix = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                            shape=(len(rows), len(self.vocab)))
        clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
        clf.fit(matrix, list(labels))
        self.classes = [str(k) for k in clf.classes_]
        coef, bias = clf.coef_, clf.intercept_
        if len(self.classes) == 2:  # binary: sklearn keeps one row; expand to two columns
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            bias = np.array([-bias[0] / 2, bias[0] / 2])
        self.weights = coef.T.astype(np.float32)
        self.bias = bias.astype(np.float32)
        return self

    def scores(self, rows: Sequence[Features]) -> np.ndarray:
        """Class probabilities, one row per feature list."""
        out = np.tile(self.bias, (len(rows), 1)) if len(rows) else np.zeros((0, len(self.classes)))
        for i, row in enumerate(rows):
            idx = [self.vocab[f] for f in dict.fromkeys(row) if f in self.vocab]
            if idx:
                out[i] += self.weights[idx].sum(axis=0)
        if out.shape[1] == 1:
            return np.ones_like(out)
        out = np.exp(out - out.max(axis=1, keepdims=True))
        return out / out.sum(axis=1, keepdims=True)

    def predict(self, rows: Sequence[Features]) -> list[tuple[str, float]]:
        """(best class, its probability) per feature list."""
        probs = self.scores(rows)
        return [(self.classes[int(j)], float(p[j])) for p, j in zip(probs, probs.argmax(axis=1))] \
            if len(rows) else []

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        np.save(buf, self.weights, allow_pickle=False)
        np.save(buf, self.bias, allow_pickle=False)
        head = json.dumps({"classes": self.classes, "vocab": self.vocab}, ensure_ascii=False).encode()
        return len(head).to_bytes(8, "little") + head + buf.getvalue()

    def from_bytes(self, data: bytes) -> "LinearModel":
        size = int.from_bytes(data[:8], "little")
        head = json.loads(data[8:8 + size].decode())
        self.classes, self.vocab = head["classes"], head["vocab"]
        buf = io.BytesIO(data[8 + size:])
        self.weights = np.load(buf, allow_pickle=False)
        self.bias = np.load(buf, allow_pickle=False)
        return self


class LinearComponent:
    """What the trained linear components share: `pipe`, and saving the model with the
    decision thresholds chosen at training time (`tuned`) next to it."""

    model: LinearModel
    tuned: tuple[str, ...] = ()

    def __call__(self, doc: Any) -> Any:  # pragma: no cover - every component defines it
        raise NotImplementedError

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "model.bin").write_bytes(self.model.to_bytes())
        (path / "settings.json").write_text(json.dumps({k: getattr(self, k) for k in self.tuned}))
        self.save_more(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LinearComponent":
        path = Path(path)
        self.model = LinearModel().from_bytes((path / "model.bin").read_bytes())
        settings = json.loads((path / "settings.json").read_text())
        for key in self.tuned:
            if key in settings:
                setattr(self, key, settings[key])
        self.load_more(path)
        return self

    def save_more(self, path: Path) -> None:
        """Write what the component keeps besides the model (nothing by default)."""

    def load_more(self, path: Path) -> None:
        """Read what `save_more` wrote."""
