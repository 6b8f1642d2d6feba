"""The verdict: rules, thresholds from the TSV, periods, change and weighty events."""

from __future__ import annotations

import pytest

from entente.analytics import load_thresholds, verdict
from entente.analytics.verdict import classify, default_periods

from tests.analytics.conftest import build_store, event


def test_verdict_thresholds_come_from_the_tsv():
    t = load_thresholds()
    assert t["min_events"] == 5 and t["rivals_warmth_max"] == -2.0 and t["soulmates_breadth_min"] == 0.6


def test_verdict_hand_made_store(dyad_con):
    v = verdict(dyad_con, "USA", "PAK")
    assert v["verdict"] == "strategic spouses"
    assert "transactional" in v["reason"] and "on and off" in v["reason"]
    assert [(p["since"], p["until"], p["events"]) for p in v["periods"]] == [
        ("2020-01-10", "2020-04-30", 3), ("2020-05-01", "2020-07-01", 3)]
    assert [p["verdict"] for p in v["periods"]] == ["insufficient evidence"] * 2
    assert v["change"]["warmth"] == pytest.approx((7.4 + 6.4 - 2) / 3 - (8 + 1.9 - 8) / 3, abs=1e-3)
    assert v["thresholds"] == load_thresholds()
    top = v["top_events"][0]
    assert (top["event_id"], top["weight"]) == ("e1", 16.0)  # |8| x 2 reports
    assert top["evidence"] and top["doc_id"] == "doc-e1" and top["url"] and top["date"] == "2020-01-10"


def test_verdict_insufficient_evidence(dyad_con):
    assert verdict(dyad_con, "IND", "PAK")["verdict"] == "insufficient evidence"
    assert verdict(dyad_con, "USA", "FRA")["verdict"] == "insufficient evidence"


def _store(tmp_path, spec):
    events = [event(f"x{i}", s, t, day, goldstein=g, quad_class=q, cameo=c)
              for i, (s, t, day, g, q, c) in enumerate(spec)]
    import duckdb

    return duckdb.connect(str(build_store(tmp_path / "v.duckdb", events)), read_only=True)


def test_verdict_rivals(tmp_path):
    con = _store(tmp_path, [("IND", "PAK", f"2019-0{m}-01", -10.0, 4, "195") for m in range(1, 6)]
                 + [("PAK", "IND", "2019-06-01", 1.0, 1, "040")])
    v = verdict(con, "IND", "PAK")
    assert v["verdict"] == "rivals" and v["measures"]["warmth"]["value"] == pytest.approx(-49 / 6, abs=1e-4)


def test_verdict_estranged_when_cooled(tmp_path):
    warm = [("USA", "PAK", f"2010-0{m}-01", 5.0, 1, "040") for m in range(1, 6)]
    cold = [("USA", "PAK", f"2020-0{m}-01", -1.0, 3, "111") for m in range(1, 6)]
    con = _store(tmp_path, warm + cold)
    v = verdict(con, "USA", "PAK", periods=[("2010", "2010"), ("2020", "2020")])
    assert [p["verdict"] for p in v["periods"]] == ["strategic spouses", "rivals"]
    assert v["verdict"] == "estranged" and v["reason"].startswith("cooled")
    assert v["change"]["warmth"] == -6.0


BASE = {"warmth": {"value": 3.0, "conflict_share": 0.1}, "breadth": {"value": 0.7},
        "transactionality": {"value": 0.2}, "reciprocity": {"value": 0.5, "initiative": 0.5},
        "volatility": {"value": 2.0, "swing_rate": 0.1}}


@pytest.mark.parametrize("change,events,expected", [
    ({}, 10, "soulmates"),
    ({}, 4, "insufficient evidence"),
    ({"warmth": {"value": -2.5, "conflict_share": 0.5}}, 10, "rivals"),
    ({"warmth": {"value": 0.5, "conflict_share": 0.7}}, 10, "rivals"),
    ({"warmth": {"value": 0.5, "conflict_share": 0.4}}, 10, "estranged"),
    ({"transactionality": {"value": 0.6}}, 10, "strategic spouses"),
    ({"breadth": {"value": 0.3}}, 10, "strategic spouses"),
    ({"volatility": {"value": 9.0, "swing_rate": 0.8}}, 10, "strategic spouses"),
    ({"reciprocity": {"value": None, "initiative": 0.9}}, 10, "strategic spouses"),
    ({"reciprocity": {"value": None, "initiative": 0.6}}, 10, "soulmates"),
])
def test_verdict_classify_rules(change, events, expected):
    assert classify({**BASE, **change}, events)[0] == expected


def test_verdict_default_periods_halve_the_events():
    days = ["2001-01-01", "2001-01-01", "2005-06-01", "2010-01-01", "2024-01-01", "2025-01-01"]
    periods = default_periods([{"day": d} for d in days])
    assert periods == [("2001-01-01", "2009-12-31"), ("2010-01-01", "2025-01-01")]
    assert default_periods([]) == []


def test_verdict_sectors_restrict_events_and_hedging(sector_con):
    every = verdict(sector_con, "USA", "PAK", rival="CHN")
    assert (every["sectors"], every["events"], every["measures"]["hedging"]["coop_a_b"]) == (None, 6, 4)
    chosen = verdict(sector_con, "USA", "PAK", rival="CHN", sectors="gov,mil")
    assert chosen["sectors"] == ["GOV", "MIL"]
    assert (chosen["events"], chosen["reports"], chosen["verdict"]) == (3, 4, "insufficient evidence")
    assert {e["event_id"] for e in chosen["top_events"]} == {"e1", "e2", "e4"}
    # Hedging counts only GOV/MIL cooperation too: e1, e2, e4 (e5 is business), up to e4's day.
    assert chosen["measures"]["hedging"]["coop_a_b"] == 3


def test_verdict_hedging_is_undefined_in_a_period_without_events(dyad_con):
    v = verdict(dyad_con, "USA", "PAK", periods=[("2010", "2011"), ("2020", "2020")], rival="CHN")
    empty, busy = v["periods"]
    assert empty["events"] == 0 and empty["measures"]["hedging"]["value"] is None
    assert busy["events"] > 0 and busy["measures"]["hedging"]["value"] is not None
