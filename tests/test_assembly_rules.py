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
    type) and relations from that trigger (surface → role); returns its one event."""
    doc = assemble_doc(nlp, text, ents, [(trigger, roles)])
    assert len(doc._.sohr_events) == 1
    return doc._.sohr_events[0]


def assemble_doc(nlp, text, ents, triggers):
    """The assembled doc for entities and a list of (trigger, relations) as in `assemble`."""
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    nlp.get_pipe("sohr_canonical")(doc)
    spans = []
    for (surface, kind), _ in triggers:
        start = text.index(surface)
        trig = doc.char_span(start, start + len(surface))
        spans.append(Span(doc, trig.start, trig.end, label=kind))
    doc.spans[TRIGGERS_KEY] = spans
    index = {e.text: i for i, e in enumerate(doc.ents)}
    doc._.sohr_relations = [{"trigger": t, "entity": index[s], "role": r, "prob": 0.9}
                            for t, (_, roles) in enumerate(triggers) for s, r in roles.items()]
    return nlp.get_pipe("sohr_events")(doc)


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


@pytest.mark.parametrize("opening,summary_word", [("-4 عمليات مشتركة", "عمليات"),
                                                  ("وبذلك يرتفع إلى 4 عدد العمليات المشتركة", "عدد")])
def test_acts_a_summary_sentence_counts_are_not_incidents(nlp, opening, summary_word):
    text = (f"{opening} بين قوات سوريا الديمقراطية والتحالف الدولي، تمثلت بمداهمات في ريف دير الزور، "
            "أسفرت عن اعتقال 9 من عناصر التنظيم.")
    ents = [("4", "COUNT"), ("قوات سوريا الديمقراطية", "ACTOR"), ("التحالف الدولي", "ACTOR"),
            ("ريف دير الزور", "LOCATION"), ("9", "COUNT"), ("التنظيم", "ACTOR")]
    raid = (("مداهمات", "raid"), {"قوات سوريا الديمقراطية": "perpetrator", "ريف دير الزور": "location"})
    summary = ((summary_word, "aggregate"), {"4": "operations", "9": "arrested"})
    doc = assemble_doc(nlp, text, ents, [summary, raid])
    assert [a["operations"] for a in doc._.sohr_aggregates] == [4]
    assert doc._.sohr_events == []
    # the same act told on its own is an incident
    doc = assemble_doc(nlp, text.replace(opening, "نفذت"), ents[1:], [raid])
    assert [e["type"] for e in doc._.sohr_events] == ["raid"]


def test_a_countryside_does_not_set_two_acts_apart(nlp):
    from sohr_nlp.pipeline.events import _apart, _own_slots

    text = "قصفت القوات التركية ريف عين عيسى، حيث سقطت قذائف على قرية حيدريات وقرية هيشة."
    doc = assemble_doc(nlp, text, [("القوات التركية", "ACTOR"), ("ريف عين عيسى", "LOCATION"),
                                   ("حيدريات", "LOCATION"), ("هيشة", "LOCATION")],
                       [(("قصفت", "shelling"), {"ريف عين عيسى": "location"}),
                        (("قذائف", "shelling"), {"حيدريات": "location"})])
    own = _own_slots(doc, doc._.sohr_relations)
    assert not _apart(own.get(0), own.get(1))
    # two villages do
    doc._.sohr_relations[0]["entity"] = 3
    own = _own_slots(doc, doc._.sohr_relations)
    assert _apart(own.get(0), own.get(1))


@pytest.mark.parametrize("text,narrow,wide", [
    ("قتل في 15 تشرين الثاني الفائت عنصر.", "15 تشرين الثاني", "15 تشرين الثاني الفائت"),
    ("منذ 17 من شهر شباط / فبراير الفائت من العام الجاري", "شباط / فبراير",
     "17 من شهر شباط / فبراير الفائت من العام الجاري"),
    ("منذ الثامن من كانون الأول/ديسمبر 2024 قتل", "كانون الأول/ديسمبر 2024",
     "الثامن من كانون الأول/ديسمبر 2024"),
    ("منذ مطلع العام 2021 قتل", "2021", "العام 2021"),
    ("خلال شهر نيسان/أبريل 2022 قتل", "نيسان/أبريل 2022", "نيسان/أبريل 2022"),
])
def test_date_spans_take_what_the_guideline_puts_in_them(nlp, text, narrow, wide):
    doc = nlp.make_doc(text)
    start = text.index(narrow)
    doc.ents = [doc.char_span(start, start + len(narrow), label="DATE")]
    doc = nlp.get_pipe("sohr_entity_rules")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(wide, "DATE")]


@pytest.mark.parametrize("text,nationality", [
    ("كما قتل عقيد فلسطيني خلال اشتباكات في المخيم.", "فلسطيني"),
    ("من ضمن القتلى اثنان سعوديا الجنسية.", "سعوديا"),
    ("قتل 12 عنصراً من جنسيات سورية وغير سورية.", "سورية"),
])
def test_demonyms_of_people_are_nationalities(nlp, text, nationality):
    doc = nlp.get_pipe("sohr_entity_rules")(nlp.make_doc(text))
    assert [e.text for e in doc.ents if e.label_ == "NATIONALITY"] == [nationality]


def test_a_date_with_no_month_or_year_is_dropped(nlp):
    text = "لا تزال هوية القتيل العراقي الثاني مجهولة."
    doc = nlp.make_doc(text)
    start = text.index("العراقي الثاني")
    doc.ents = [doc.char_span(start, start + len("العراقي الثاني"), label="DATE")]
    doc = nlp.get_pipe("sohr_entity_rules")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("العراقي", "NATIONALITY")]


def test_actors_joined_by_and_or_support_share_the_role(nlp):
    text = ("هاجمت قوات النظام والمسلحين الموالين لها مواقع الفصائل في بلدة كفرنبودة، "
            "بمساندة الطائرات الحربية الروسية.")
    ents = [("قوات النظام", "ACTOR"), ("المسلحين الموالين لها", "ACTOR"), ("الفصائل", "ACTOR"),
            ("كفرنبودة", "LOCATION")]
    event = assemble(nlp, text, ents, ("هاجمت", "attack"),
                     {"قوات النظام": "perpetrator", "الفصائل": "target", "كفرنبودة": "location"})
    assert event["perpetrators"] == ["REGIME", "NDF"]
    assert event["targets"] == ["REBELS"]


def test_an_act_with_no_linked_place_takes_the_place_of_its_clause(nlp):
    text = ("قصفت قوات النظام مناطق في بلدة اللطامنة بريف حماة الشمالي، "
            "فيما قتل عنصر من الفصائل في قرية الزكاة.")
    ents = [("قوات النظام", "ACTOR"), ("اللطامنة", "LOCATION"), ("ريف حماة الشمالي", "LOCATION"),
            ("الفصائل", "ACTOR"), ("الزكاة", "LOCATION")]
    event = assemble(nlp, text, ents, ("قصفت", "shelling"), {"قوات النظام": "perpetrator"})
    assert event["location"] == "اللطامنة"
    event = assemble(nlp, text, ents, ("قتل", "attack"), {"الفصائل": "target"})
    assert event["location"] == "الزكاة"
