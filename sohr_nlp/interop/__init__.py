"""Bring your own annotations: Label Studio, doccano and Prodigy in and out of the corpus.

One module a tool, each with `import_records(data) -> (documents, problems)`,
`export_tasks(reports) -> list` (the tool's import format, the model's predictions as
pre-annotations) and `config_files()` (the labelling configuration the tool needs).
"""
from __future__ import annotations

from types import ModuleType

from sohr_nlp.interop import doccano, label_studio, prodigy
from sohr_nlp.interop.common import RecordProblem, read_export

TOOLS: dict[str, ModuleType] = {"label-studio": label_studio, "doccano": doccano, "prodigy": prodigy}


def tool_module(name: str) -> ModuleType:
    """The module of a tool by its CLI name; a clear error for an unknown one."""
    if name not in TOOLS:
        raise ValueError(f"(sohr_nlp) [E062] Unknown annotation tool {name!r}. "
                         f"Known tools: {', '.join(TOOLS)}.")
    return TOOLS[name]


__all__ = ["TOOLS", "RecordProblem", "read_export", "tool_module"]
