"""dyad_series and dyad_events on a hand-made store: every number computed by hand."""

from __future__ import annotations

import pytest

from entente.analytics import dyad_events, dyad_series
from entente.analytics.series import bounds


def test_series_dyad_events_merge_reports_into_one_event(dyad_con):
    events = dyad_events(dyad_con, "USA", "PAK")
    assert [e["event_id"] for e in events] == ["e1", "e2", "e3", "e4", "e5", "e6"]
    assert events[0]["reports"] == 2 and events[0]["direction"] == "USA>PAK" and events[0]["symmetric"]
    assert events[0]["title"] == "Title of doc-e1" and events[0]["evidence"] == "Evidence sentence of e1."


def test_series_month_rows_by_direction(dyad_con):
    rows = dyad_series(dyad_con, "USA", "PAK", granularity="month")
    assert [(r["period"], r["direction"]) for r in rows[:4]] == [
        ("2020-01-01", "USA>PAK"), ("2020-01-01", "PAK>USA"), ("2020-03-01", "USA>PAK"), ("2020-03-01", "PAK>USA")]
    jan_ab, jan_ba, mar_ab, mar_ba = rows[:4]
    # January: e1 (symmetric, 2 reports) counts both ways; e2 is PAK>USA.
    assert (jan_ab["events"], jan_ab["reports"], jan_ab["net_cooperation"]) == (1, 2, 8.0)
    assert (jan_ba["events"], jan_ba["reports"], jan_ba["mean_goldstein"]) == (2, 3, 4.95)
    assert jan_ba["net_cooperation"] == pytest.approx(9.9) and jan_ba["share_q1"] == 1.0
    assert mar_ab["share_q4"] == 1.0 and mar_ab["net_cooperation"] == -8.0
    assert mar_ba == {"period": "2020-03-01", "direction": "PAK>USA", "events": 0, "reports": 0,
                      "mean_goldstein": None, "share_q1": None, "share_q2": None, "share_q3": None,
                      "share_q4": None, "net_cooperation": 0.0}
    assert len(rows) == 8  # four months with events, two directions each


def test_series_year_and_combined(dyad_con):
    rows = {r["direction"]: r for r in dyad_series(dyad_con, "USA", "PAK", granularity="year", combined=True)}
    assert rows["USA>PAK"]["events"] == 3 and rows["USA>PAK"]["net_cooperation"] == pytest.approx(7.4)
    assert rows["PAK>USA"]["events"] == 4 and rows["PAK>USA"]["net_cooperation"] == pytest.approx(14.3)
    both = rows["USA<>PAK"]
    assert (both["events"], both["reports"]) == (6, 7) and both["net_cooperation"] == pytest.approx(13.7)
    assert both["share_q1"] == pytest.approx(2 / 6, abs=1e-4) and both["share_q4"] == pytest.approx(1 / 6, abs=1e-4)


def test_series_window_and_dataset_filter(dyad_con):
    rows = dyad_series(dyad_con, "USA", "PAK", since="2020-03", until="2020-05", granularity="quarter")
    assert sum(r["events"] for r in rows) == 3  # e3, e4, e5
    assert dyad_series(dyad_con, "USA", "PAK", dataset="gdelt2") == []


@pytest.mark.parametrize("since,until,expected", [
    ("2019", "2019", ("2019-01-01", "2020-01-01")),
    ("2019-06", "2019-12", ("2019-06-01", "2020-01-01")),
    (None, "2019-02-28", (None, "2019-03-01")),
])
def test_series_bounds_include_until(since, until, expected):
    start, end = bounds(since, until)
    assert (start.isoformat() if start else None, end.isoformat()) == expected


@pytest.mark.parametrize("kwargs", [{"since": "20x"}, {"since": "2020", "until": "2019"}, {"granularity": "week"}])
def test_series_rejects_bad_arguments(dyad_con, kwargs):
    with pytest.raises(ValueError):
        dyad_series(dyad_con, "USA", "PAK", **kwargs)


def test_series_rejects_same_country(dyad_con):
    with pytest.raises(ValueError):
        dyad_events(dyad_con, "USA", "usa")


# Sectors: only events whose two sides both have one of the given sectors (SECTOR_CODES in conftest).

def test_series_sectors_default_ignores_actor_codes(sector_con, tmp_path):
    import duckdb

    from entente.analytics import DyadQuery, character, deals_ledger, dyad_view
    from tests.analytics.conftest import build_store, dyad_events_by_hand

    plain = duckdb.connect(str(build_store(tmp_path / "plain.duckdb", dyad_events_by_hand())), read_only=True)
    try:
        for con in (sector_con, plain):
            assert [e["event_id"] for e in dyad_events(con, "USA", "PAK")] == ["e1", "e2", "e3", "e4", "e5", "e6"]
        query = DyadQuery("USA", "PAK", rival="CHN")
        assert dyad_view(sector_con, query).to_dict() == dyad_view(plain, query).to_dict()
        assert character(sector_con, "USA", "PAK") == character(plain, "USA", "PAK")
        assert deals_ledger(sector_con, "USA", "PAK") == deals_ledger(plain, "USA", "PAK")
        assert dyad_series(sector_con, "USA", "PAK", sectors=None) == dyad_series(plain, "USA", "PAK")
    finally:
        plain.close()


@pytest.mark.parametrize("sectors,expected", [
    (("GOV", "MIL"), ["e1", "e2", "e4"]),  # e4's PAK side is MILGOV: its first sector counts
    ("gov, mil", ["e1", "e2", "e4"]),
    (("GOV",), ["e1"]),
    ("BUS,GOV", ["e1", "e5"]),
    (("REB",), []),
])
def test_series_sectors_keep_events_with_both_sides_in_them(sector_con, sectors, expected):
    assert [e["event_id"] for e in dyad_events(sector_con, "USA", "PAK", sectors=sectors)] == expected
    assert [e["event_id"] for e in dyad_events(sector_con, "PAK", "USA", sectors=sectors, priced=True)] == (
        ["e4"] if "e4" in expected else [])


def test_series_sectors_series_rows(sector_con):
    rows = dyad_series(sector_con, "USA", "PAK", sectors=("GOV", "MIL"), granularity="year", combined=True)
    by_direction = {r["direction"]: r for r in rows}
    # e1 (symmetric, 2 reports) both ways, e2 PAK>USA, e4 USA>PAK.
    assert {d: r["events"] for d, r in by_direction.items()} == {"USA>PAK": 2, "PAK>USA": 2, "USA<>PAK": 3}
    assert by_direction["USA<>PAK"]["net_cooperation"] == round(8.0 + 1.9 + 7.4, 4)


def test_series_sectors_leave_domestic_events_out(sector_con):
    # e11 (PAKMIL>PAKCOP) is stored but belongs to no pair of two countries.
    assert [e["event_id"] for e in dyad_events(sector_con, "PAK", "IND", sectors=("MIL", "COP"))] == ["e7"]


@pytest.mark.parametrize("sectors,words", [
    ("GOV,XYZ", "unknown sector code(s) XYZ"),
    ("", "expected comma-separated sector codes"),
    ("GOV,,MIL", "expected comma-separated sector codes"),
    ((), "expected comma-separated sector codes"),
])
def test_series_sectors_reject_unknown_codes(sector_con, sectors, words):
    with pytest.raises(ValueError) as exc:
        dyad_events(sector_con, "USA", "PAK", sectors=sectors)
    assert words in str(exc.value)
