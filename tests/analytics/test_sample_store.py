"""The analytics on a real store ingested from the sample corpus."""

from __future__ import annotations

import duckdb
import pytest

from entente.analytics import VERDICTS, dyad_events, dyad_series, verdict


@pytest.fixture(scope="module")
def sample_con(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    yield con
    con.close()


def test_sample_usa_pak_verdict_with_evidence(sample_con):
    v = verdict(sample_con, "USA", "PAK")
    assert v["verdict"] in VERDICTS and v["verdict"] != "insufficient evidence"
    assert v["events"] >= 10 and len(v["periods"]) == 2
    assert all(p["events"] >= 5 for p in v["periods"])
    assert v["top_events"]
    for e in v["top_events"]:
        assert e["evidence"] and e["doc_id"] and e["url"] and e["title"] and e["date"]


def test_sample_series_adds_up_to_events(sample_con):
    events = dyad_events(sample_con, "USA", "PAK")
    rows = dyad_series(sample_con, "USA", "PAK", granularity="year", combined=True)
    combined = [r for r in rows if r["direction"] == "USA<>PAK"]
    assert sum(r["events"] for r in combined) == len([e for e in events if e["day"]])
    net = sum(e["goldstein"] for e in events if e["day"])
    assert sum(r["net_cooperation"] for r in combined) == pytest.approx(net, abs=1e-3)


def test_sample_usa_pak_on_and_off(sample_con):
    """Yearly net cooperation dips in 2011 (Abbottabad) and 2018 (aid cut) and peaks in 2025."""
    from entente.analytics import dyad_series

    rows = dyad_series(sample_con, "USA", "PAK", granularity="year", combined=True)
    net = {r["period"][:4]: r["net_cooperation"] for r in rows if r["direction"] == "USA<>PAK"}
    assert net["2011"] < 0 and net["2018"] < 0
    assert net["2025"] == max(net.values()) > 0


def test_sample_view_reads_once_what_the_parts_compute(sample_con):
    from entente.analytics import DyadQuery, dyad_view
    from entente.store.reads import clean

    view = dyad_view(sample_con, DyadQuery("USA", "PAK", since="2001", until="2025", granularity="quarter"))
    alone = clean(verdict(sample_con, "USA", "PAK", since="2001", until="2025", dataset="entente"))
    assert view.verdict == {**alone, "dataset": "entente"}
    assert view.series == clean(dyad_series(sample_con, "USA", "PAK", since="2001", until="2025",
                                            granularity="quarter", combined=True))


def test_sample_hedging_for_several_windows_in_one_scan(sample_con):
    from entente.analytics.character import hedging, hedging_windows

    windows = [("2001", "2010"), ("2011", "2019"), (None, None)]
    for rival in (None, "CHN"):
        assert hedging_windows(sample_con, "USA", "PAK", rival, windows) == [
            hedging(sample_con, "USA", "PAK", rival, since=s, until=u) for s, u in windows]
