"""Lazy rows are made again, the same, on every pass."""

from __future__ import annotations

import pytest

from app.db.fastpath import LazyRows


def test_lazy_rows_are_made_on_each_pass_from_the_same_sources() -> None:
    made: list[int] = []

    def make(n: int, name: str) -> str:
        made.append(n)
        return f"{n}:{name}"

    rows = LazyRows(make, [1, 2], ["a", "b"])
    assert len(rows) == 2
    assert list(rows) == list(rows) == ["1:a", "2:b"]
    assert made == [1, 2, 1, 2]


def test_lazy_rows_refuse_sources_of_different_lengths() -> None:
    with pytest.raises(ValueError):
        LazyRows(lambda n, s: (n, s), [1, 2], ["a"])
