"""Shared fixtures: a tiny pipeline trained in seconds on three hand-written reports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sohr_nlp.corpus.markup import read_markup
from sohr_nlp.training import train

DOCS = """\
=== doc: c-1
وفي [[3 آذار|DATE|d1]]، {{داهمت|raid|t1}} [[قوات سوريا الديمقراطية|ACTOR=SDF|a1]] منزلاً في بلدة [[الشحيل|LOCATION=Deir ez-Zor|l1]] و{{اعتقلت|raid|t2}} [[4|COUNT|c1]] من عناصر [[التنظيم|ACTOR=ISIS|a2]].
@t1+t2 perp=a1 target=a2 loc=l1 date=d1 arrested=c1
=== doc: c-2
{{قصفت|shelling|t1}} [[القوات التركية|ACTOR=TURKEY|a1]] بلدة [[عين عيسى|LOCATION=Raqqa|l1]] ما أدى لإصابة [[3|COUNT|c1]] مدنيين.
@t1 perp=a1 loc=l1 injured=c1
=== doc: c-3
قتل [[2|COUNT|c1]] من عناصر [[قوات النظام|ACTOR=REGIME|a1]] {{بهجوم|attack|t1}} لخلايا [[التنظيم|ACTOR=ISIS|a2]] في [[بادية حمص|LOCATION=Homs|l1]].
@t1 perp=a2 target=a1 loc=l1 killed=c1
"""
TINY = """
[sohr_training]
max_epochs = 40
patience = 40
dropout = 0.0
learn_rate = 0.005
batch_start = 1
batch_stop = 1
linear_c = 100.0
"""


@pytest.fixture(scope="session")
def records(tmp_path_factory):
    path = tmp_path_factory.mktemp("src") / "c.sohr"
    path.write_text(DOCS, encoding="utf-8")
    docs, problems = read_markup(path)
    assert problems == []
    return docs


@pytest.fixture(scope="session")
def tiny_config(tmp_path_factory):
    base = (Path(__file__).resolve().parent.parent / "training" / "config.cfg").read_text(encoding="utf-8")
    cfg = base[:base.index("\n[sohr_training]")] + "\n" + TINY
    path = tmp_path_factory.mktemp("cfg") / "tiny.cfg"
    path.write_text(cfg, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def trained(records, tiny_config, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for doc in records:
            f.write(json.dumps(doc | {"split": "train"}, ensure_ascii=False) + "\n")
    out = tmp_path_factory.mktemp("model") / "tiny"
    train([corpus], out, config=tiny_config, seed=1, log=lambda _: None)
    return out


