"""spaCy components of the sohr_nlp pipeline, one a module; importing registers them.

raw text → `tokenizer` (clitic-aware) → `tok2vec`+`ner` (trained) → `sohr_entity_rules`
→ `sohr_canonical` → `sohr_triggers` → `sohr_relations` → `sohr_events`.
"""
from __future__ import annotations

from sohr_nlp import tokenizer as _tokenizer  # noqa: F401  (registers sohr.tokenizer.v1)
from sohr_nlp.pipeline.entities import make_canonicaliser, make_entity_rules
from sohr_nlp.pipeline.events import make_event_assembler
from sohr_nlp.pipeline.relations import entity_pairs, make_relation_classifier
from sohr_nlp.pipeline.triggers import make_trigger_tagger

__all__ = ["make_canonicaliser", "make_entity_rules", "make_event_assembler",
           "entity_pairs", "make_relation_classifier", "make_trigger_tagger"]
