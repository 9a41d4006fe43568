"""Bounded memo tables: memory stays flat however many new keys come."""

from __future__ import annotations

from social_assistant.triage.memo import remember


def test_a_full_table_is_emptied_before_it_grows() -> None:
    table: dict[int, str] = {}
    for key in range(25):
        assert remember(table, key, str(key), limit=10) == str(key)
        assert len(table) <= 10
    assert table == {20: "20", 21: "21", 22: "22", 23: "23", 24: "24"}
