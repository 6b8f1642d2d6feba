"""network and overview over the hand-made store."""

from __future__ import annotations

from entente.analytics import network, overview


def test_network_edges_and_nodes(dyad_con):
    net = network(dyad_con, min_events=2)
    assert [(e["source"], e["target"], e["events"], e["reports"]) for e in net["edges"]] == [
        ("PAK", "USA", 6, 7), ("IND", "USA", 2, 2)]
    assert net["nodes"] == [{"id": "USA", "events": 8}, {"id": "PAK", "events": 6}, {"id": "IND", "events": 2}]
    assert round(net["edges"][0]["mean_goldstein"], 3) == round(13.7 / 6, 3)
    assert len(network(dyad_con, since="2020-02", until="2020-02")["edges"]) == 2  # e7, e8


def test_network_overview(dyad_con):
    o = overview(dyad_con)
    assert (o["events"], o["reports"]) == (10, 11)
    assert o["documents"] == 11  # one per event row (e1 and e1b are two articles)
    assert o["countries"][0] == {"code": "PAK", "events": 8}
    assert {(p["a"], p["b"], p["events"]) for p in o["pairs"]} == {
        ("PAK", "USA", 6), ("IND", "PAK", 1), ("IND", "USA", 2), ("CHN", "PAK", 1)}
