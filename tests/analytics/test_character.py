"""Relationship character on the hand-made store, against numbers computed by hand."""

from __future__ import annotations

import math
from statistics import pstdev

import pytest

from entente.analytics import character, event_domain


@pytest.fixture
def measures(dyad_con):
    result = character(dyad_con, "USA", "PAK")
    assert (result["events"], result["reports"]) == (6, 7)
    return result["measures"]


def test_character_warmth(measures):
    w = measures["warmth"]
    assert w["value"] == pytest.approx((8 + 1.9 - 8 + 7.4 + 6.4 - 2) / 6, abs=1e-4)
    assert (w["coop_share"], w["conflict_share"]) == (pytest.approx(4 / 6, abs=1e-4), pytest.approx(2 / 6, abs=1e-4))


def test_character_volatility_and_swings(measures):
    v = measures["volatility"]
    assert v["value"] == pytest.approx(pstdev([9.9, -8.0, 13.8, -2.0]), abs=1e-4)
    assert (v["months"], v["swings"], v["swing_rate"]) == (4, 3, 1.0)


def test_character_breadth(measures):
    b = measures["breadth"]
    assert b["domains"] == {"diplomatic": 2, "economic": 2, "security": 1, "energy_minerals": 1}
    h = -(2 * (1 / 6) * math.log(1 / 6) + 2 * (1 / 3) * math.log(1 / 3)) / math.log(6)
    assert b["value"] == pytest.approx(h, abs=1e-4)


def test_character_transactionality(measures):
    t = measures["transactionality"]
    assert (t["priced"], t["cooperative"], t["value"]) == (2, 4, 0.5)  # e4 has an amount, e5 is a sale


def test_character_reciprocity(measures):
    r = measures["reciprocity"]
    ab, ba = [1, 0, 1, 0], [2, 0, 1, 0]  # monthly cooperative events, symmetric e1 both ways
    mx, my = sum(ab) / 4, sum(ba) / 4
    expected = sum((x - mx) * (y - my) for x, y in zip(ab, ba)) / math.sqrt(
        sum((x - mx) ** 2 for x in ab) * sum((y - my) ** 2 for y in ba))
    assert r["value"] == pytest.approx(expected, abs=1e-4)
    assert r["initiative"] == 0.4  # e3, e4 of the five directed events


def test_character_third_party(measures):
    t = measures["third_party"]
    assert t["value"] == pytest.approx(1 / 6, abs=1e-4)  # CHN in e3's sentence; IMF is no country
    assert t["document_share"] == pytest.approx(2 / 6, abs=1e-4)  # plus AFG in e1's document
    assert t["countries"] == {"CHN": 1}


def test_character_hedging_picks_main_rival(measures):
    h = measures["hedging"]
    assert (h["rival"], h["coop_a_b"], h["coop_a_rival"], h["coop_b_rival"]) == ("IND", 4, 2, 0)
    assert h["value"] == pytest.approx(4 / 6, abs=1e-4) and h["b_share"] == 1.0


def test_character_hedging_with_given_rival(dyad_con):
    h = character(dyad_con, "USA", "PAK", rival="chn")["measures"]["hedging"]
    assert (h["rival"], h["rival_basis"], h["value"], h["b_share"]) == ("CHN", "given", 1.0, 0.8)


def test_character_undefined_is_none(dyad_con):
    result = character(dyad_con, "CHN", "PAK")  # one event
    m = result["measures"]
    assert result["events"] == 1
    assert m["volatility"]["value"] is None and m["reciprocity"]["value"] is None
    assert m["breadth"]["value"] == 0.0
    empty = character(dyad_con, "USA", "FRA")["measures"]
    assert all(empty[k]["value"] is None for k in ("warmth", "breadth", "transactionality", "third_party"))


@pytest.mark.parametrize("event,domain", [
    ({"trigger": "deal", "about": ["oil", "trade"], "cameo": "057"}, "energy_minerals"),
    ({"trigger": "signed", "about": ["rare-earth"], "cameo": "057"}, "energy_minerals"),
    ({"trigger": "signed", "about": ["minerals"], "cameo": "057"}, "energy_minerals"),
    ({"trigger": "met", "about": [], "cameo": "062"}, "security"),
    ({"trigger": "gave", "about": [], "cameo": "073"}, "humanitarian"),
    ({"trigger": "x", "about": [], "cameo": None, "context": "economic"}, "economic"),
    ({"trigger": "x", "about": [], "cameo": None, "plover": "ASSAULT"}, "security"),
    ({"trigger": "x", "about": [], "cameo": None, "plover": None}, None),
])
def test_character_event_domain(event, domain):
    assert event_domain(event) == domain


def test_character_sectors(sector_con):
    result = character(sector_con, "USA", "PAK", sectors=("GOV", "MIL"), rival="CHN")
    assert (result["sectors"], result["events"], result["reports"]) == (["GOV", "MIL"], 3, 4)
    assert result["measures"]["warmth"]["value"] == round((8.0 + 1.9 + 7.4) / 3, 4)
    # B's side of hedging: PAK–USA GOV/MIL cooperation (3) against PAK–CHN's (e10, CHNGOV>PAKGOV).
    assert result["measures"]["hedging"]["b_share"] == 0.75
    assert character(sector_con, "USA", "PAK", rival="CHN")["measures"]["hedging"]["b_share"] == 0.8
