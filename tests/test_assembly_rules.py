"""Rules of the event assembler that need no training: which place is the incident's, and
which clause an implied count is read from. Triggers and relations are set by hand, so
only the assembler decides."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

import sohr_nlp
from sohr_nlp.pipeline.triggers import TRIGGERS_KEY


@pytest.fixture(scope="module")
def nlp():
    return sohr_nlp.load()


def assemble(nlp, text, ents, trigger, roles):
    """Run only the assembler on `text` with entities (surface, label), one trigger (surface,
    type) and relations from that trigger (surface → role)."""
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    nlp.get_pipe("sohr_canonical")(doc)
    start = text.index(trigger[0])
    trig = doc.char_span(start, start + len(trigger[0]))
    doc.spans[TRIGGERS_KEY] = [Span(doc, trig.start, trig.end, label=trigger[1])]
    index = {e.text: i for i, e in enumerate(doc.ents)}
    doc._.sohr_relations = [{"trigger": 0, "entity": index[s], "role": r, "prob": 0.9}
                            for s, r in roles.items()]
    doc = nlp.get_pipe("sohr_events")(doc)
    assert len(doc._.sohr_events) == 1
    return doc._.sohr_events[0]


def test_village_before_its_countryside_is_the_location(nlp):
    text = "قصفت قوات النظام قرية الرويحة بريف إدلب الجنوبي بعدد من القذائف."
    event = assemble(nlp, text, [("قوات النظام", "ACTOR"), ("الرويحة", "LOCATION"),
                                 ("ريف إدلب الجنوبي", "LOCATION")],
                     ("قصفت", "shelling"), {"قوات النظام": "perpetrator", "ريف إدلب الجنوبي": "location"})
    assert event["location"] == "الرويحة"
    assert event["governorate"] == "Idlib"


def test_countryside_stays_when_no_village_stands_before_it(nlp):
    text = "قصفت قوات النظام مناطق في ريف إدلب الجنوبي بعدد من القذائف."
    event = assemble(nlp, text, [("قوات النظام", "ACTOR"), ("ريف إدلب الجنوبي", "LOCATION")],
                     ("قصفت", "shelling"), {"قوات النظام": "perpetrator", "ريف إدلب الجنوبي": "location"})
    assert event["location"] == "ريف إدلب الجنوبي"


def test_implied_count_is_read_from_the_triggers_clause_only(nlp):
    text = ("قصفت قوات النظام بلدة طفس بريف درعا، كما قتل عنصر من الفصائل برصاص قناص في بلدة نوى.")
    ents = [("قوات النظام", "ACTOR"), ("طفس", "LOCATION"), ("ريف درعا", "LOCATION"),
            ("الفصائل", "ACTOR"), ("نوى", "LOCATION")]
    event = assemble(nlp, text, ents, ("قصفت", "shelling"),
                     {"قوات النظام": "perpetrator", "طفس": "location"})
    assert event["killed"] is None
    event = assemble(nlp, text, ents, ("برصاص", "attack"), {"الفصائل": "target", "نوى": "location"})
    assert event["killed"] == 1
