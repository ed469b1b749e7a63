"""Ids drawn in bulk keep the promises of ids drawn one at a time."""

from __future__ import annotations

import re

from app.services.ids import new_id, new_ids

ID = re.compile(r"^evt_[0-9a-f]{28}$")


def test_ids_drawn_together_are_distinct_well_formed_and_sort_in_the_order_drawn() -> None:
    ids = new_ids("evt", 10_000)
    assert len(set(ids)) == 10_000
    assert all(ID.match(i) for i in ids)
    assert ids == sorted(ids)


def test_ids_drawn_after_a_batch_still_sort_after_it() -> None:
    batch = new_ids("evt", 1_000)
    later = new_id("evt")
    assert later > batch[-1]


def test_the_random_part_differs_between_ids_of_one_batch() -> None:
    tails = {i[-12:] for i in new_ids("evt", 1_000)}
    assert len(tails) == 1_000  # 48 random bits each: a repeat means a broken slice
