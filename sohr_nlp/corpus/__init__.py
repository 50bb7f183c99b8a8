"""The annotated corpus: authoring format, stored JSONL, validation and splits."""
