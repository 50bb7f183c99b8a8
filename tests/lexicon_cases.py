"""Numbered `pytest.param` cases for the lexicon tables (surface form → expected value)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def case_maker() -> Callable[..., Any]:
    """A `case(surface, expected, *, xfail=None)` whose ids number each expected value's
    cases (`SDF-1`, `SDF-2` …); a strict xfail marks a known miss."""
    seen: dict[str, int] = {}

    def case(surface: str, expected: Any, *, xfail: str | None = None) -> Any:
        marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
        seen[expected] = seen.get(expected, 0) + 1
        return pytest.param(surface, expected, marks=marks, id=f"{expected}-{seen[expected]}")

    return case
