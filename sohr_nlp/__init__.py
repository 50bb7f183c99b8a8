"""sohr_nlp: structured conflict-event records from Arabic SOHR reports.

    >>> import sohr_nlp
    >>> report = sohr_nlp.parse(text, date="2023-06-20")
    >>> report.events, report.to_dict()
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["load", "parse", "parse_many", "__version__"]


def __getattr__(name: str) -> Any:
    # spaCy and the models load on first use, not at import
    if name in ("load", "parse", "parse_many"):
        from sohr_nlp import api

        return getattr(api, name)
    raise AttributeError(f"module 'sohr_nlp' has no attribute {name!r}")
