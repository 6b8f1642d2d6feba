"""Deals ledger statuses and quotes about the other country."""

from __future__ import annotations

import pytest

from entente.analytics import deals_ledger, quotes_about
from entente.analytics.ledger import deal_status


def test_ledger_deals_have_status_and_evidence(dyad_con):
    deals = deals_ledger(dyad_con, "PAK", "USA")
    assert len(deals) == 1
    d = deals[0]
    assert (d["event_id"], d["direction"], d["amount_usd"], d["status"]) == ("e4", "USA>PAK", 1e9, "disbursed")
    assert d["evidence"] and d["doc_id"] == "doc-e4" and d["url"] and d["title"] == "Title of doc-e4"
    assert deals_ledger(dyad_con, "PAK", "USA", until="2020-04") == []


@pytest.mark.parametrize("event,status", [
    ({"cameo": "036", "plover": "AGREE", "modality": "future", "trigger": "will provide"}, "announced"),
    ({"cameo": "071", "plover": "AID", "modality": "future", "trigger": "will give"}, "announced"),
    ({"cameo": "057", "plover": "SUPPORT", "trigger": "signed"}, "signed"),
    ({"cameo": "051", "plover": "SUPPORT", "trigger": "signed", "about": ["memorandum"]}, "signed"),
    ({"cameo": "071", "plover": "AID", "trigger": "disbursed"}, "disbursed"),
    ({"cameo": "061", "plover": "COOPERATE", "trigger": "delivered"}, "disbursed"),
    ({"cameo": "071", "plover": "AID", "trigger": "approved", "about": ["facility"]}, "signed"),
    ({"cameo": "061", "plover": "COOPERATE", "trigger": "invest",
      "evidence": "The firms signed a memorandum of understanding to invest $200 million."}, "signed"),
    ({"cameo": "071", "plover": "AID", "trigger": "give",
      "evidence": "Japan gave Laos aid in the amount of $20 million."}, "disbursed"),  # "amount" is no MoU
    ({"cameo": "1621", "plover": "SANCTION", "trigger": "suspended"}, "cancelled"),
    ({"cameo": "071", "plover": "AID", "trigger": "cancelled"}, "cancelled"),
    ({"cameo": "042", "plover": "CONSULT", "trigger": "visit"}, "announced"),
])
def test_ledger_deal_status_rules(event, status):
    assert deal_status(event) == status


def test_ledger_quotes_about(dyad_con):
    quotes = quotes_about(dyad_con, "USA", "PAK")
    got = [(q["speaker"], q["about"], q["stance"], q["stance_basis"]) for q in quotes]
    assert got == [("Donald Trump", "PAK", "cooperative", "words"),      # names Pakistan in the text
                   ("Imran Khan", "USA", "conflictual", "words"),        # coded countries name the USA
                   ("Imran Khan", "USA", "conflictual", "events")]       # "Washington"; ACCUSE inside
    assert quotes[0]["date"] == "2020-01-20" and quotes[0]["url"] == "https://example.org/doc-e2"
    assert [q["speaker"] for q in quotes_about(dyad_con, "USA", "PAK", since="2020-06")] == ["Imran Khan"]


@pytest.mark.parametrize("sectors,expected", [(None, ["e4"]), ("GOV,MIL", ["e4"]), ("GOV", []), ("BUS", [])])
def test_ledger_deals_sectors(sector_con, sectors, expected):
    assert [d["event_id"] for d in deals_ledger(sector_con, "USA", "PAK", sectors=sectors)] == expected
