"""Within-document dedup on hand-made events: what merges and what stays apart."""

from __future__ import annotations

from entente.coding.dedup import dedup_events
from entente.records import Event, Evidence

SENTENCE = Evidence("A drone strike killed 40 people near the border.", 0, 48)
OTHER = Evidence("Officials condemned the strike.", 49, 80)


def _event(cameo: str, plover: str, evidence: Evidence = SENTENCE, **fields) -> Event:
    base = {"source": "USA", "target": "PAK", "goldstein": -10.0, "quad_class": 4, "date": "2011-03-17",
            "date_basis": "sentence", "trigger": "strike"}
    return Event(cameo=cameo, plover=plover, evidence=(evidence,), **{**base, **fields})


def test_dedup_one_sentence_one_pair_one_type_is_one_event_with_the_finer_code():
    (merged,) = dedup_events([_event("195", "ASSAULT"), _event("1823", "ASSAULT", trigger="kill")])
    assert (merged.cameo, merged.trigger, merged.evidence) == ("1823", "kill", (SENTENCE,))


def test_dedup_keeps_different_types_and_directions_in_one_sentence():
    events = [_event("195", "ASSAULT"), _event("111", "ACCUSE", goldstein=-2.0, quad_class=3),
              _event("195", "ASSAULT", source="PAK", target="USA")]
    assert len(dedup_events(events)) == 3


def test_dedup_same_code_in_two_sentences_keeps_both_evidence_sentences():
    (merged,) = dedup_events([_event("195", "ASSAULT"), _event("195", "ASSAULT", evidence=OTHER)])
    assert merged.evidence == (SENTENCE, OTHER)


def test_dedup_money_named_once_in_a_sentence_is_counted_once():
    deal = Evidence("The firm signed an MoU to invest $500 million in Pakistan.", 0, 58)
    signed = _event("057", "SUPPORT", deal, goldstein=8.0, quad_class=1, amount_usd=5e8, trigger="sign")
    invest = _event("061", "COOPERATE", deal, goldstein=6.4, quad_class=2, amount_usd=5e8, trigger="invest")
    kept = dedup_events([signed, invest])
    assert [(e.plover, e.amount_usd) for e in kept] == [("SUPPORT", None), ("COOPERATE", 5e8)]


def test_dedup_money_goes_to_the_promise_not_the_meeting_around_it():
    both = Evidence("Bush promised Pakistan a $1 billion package after meeting Musharraf.", 0, 67)
    meeting = _event("040", "CONSULT", both, goldstein=1.0, quad_class=1, amount_usd=1e9, trigger="meet")
    promise = _event("030", "AGREE", both, goldstein=4.0, quad_class=1, trigger="promise")
    kept = dedup_events([meeting, promise])
    assert [(e.plover, e.amount_usd) for e in kept] == [("CONSULT", None), ("AGREE", 1e9)]
