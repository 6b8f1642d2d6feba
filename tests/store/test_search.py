"""The event search's filters over the hand-made store with actor codes: sectors on both sides."""

from __future__ import annotations

import duckdb
import pytest

from entente.store.search import EventFilter, search_events, sector_clause

from tests.analytics.conftest import build_sector_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = duckdb.connect(str(build_sector_store(tmp_path_factory.mktemp("search") / "s.duckdb")), read_only=True)
    yield con
    con.close()


def _ids(con, **filters) -> list[str]:
    return [e["event_id"] for e in search_events(con, EventFilter(limit=500, **filters))["events"]]


def test_search_sector_clause_reads_the_three_letters_after_the_country():
    where, params = sector_clause(("GOV", "MIL"), "e.")
    assert where == ("(substr(coalesce(e.source_code, ''), 4, 3) IN (?, ?)"
                     " AND substr(coalesce(e.target_code, ''), 4, 3) IN (?, ?))")
    assert params == ["GOV", "MIL", "GOV", "MIL"]


@pytest.mark.parametrize("filters,expected", [
    ({"a": "USA", "b": "PAK"}, ["e6", "e5", "e4", "e3", "e2", "e1"]),
    ({"a": "USA", "b": "PAK", "sectors": ("GOV", "MIL")}, ["e4", "e2", "e1"]),
    ({"a": "USA", "b": "PAK", "sectors": ("GOV", "MIL"), "one_per_event": False}, ["e4", "e2", "e1b", "e1"]),
    # A domestic event (PAKMIL>PAKCOP) is stored, and found with its country's sectors.
    ({"country": "PAK", "sectors": ("MIL", "COP")}, ["e11", "e7", "e2"]),
    ({"sectors": ("ELI",)}, []),
])
def test_search_sectors(con, filters, expected):
    assert _ids(con, **{"one_per_event": True, **filters}) == expected
