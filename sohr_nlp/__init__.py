"""sohr_nlp: structured conflict-event records from Arabic SOHR reports."""
from __future__ import annotations

__version__ = "0.1.0"
