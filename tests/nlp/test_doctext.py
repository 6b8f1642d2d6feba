"""The sentences of a document listed once (:class:`entente.nlp.doctext.Sentences`) answer as spaCy does."""

from __future__ import annotations

from entente.nlp.doctext import Sentences

TEXT = ("Kenya and Japan met in Nairobi.\n\nTalks resumed on Monday. Officials said little. Brig. Gen. Lee "
        "arrived late; the envoy left.\nHEADLINE\nOne more sentence ends here.")


def _start_back(tok, back: int) -> int:
    """The walk the stages used to make: the sentence's start, then ``back`` sentences before it."""
    start = tok.sent.start
    for _ in range(back):
        if start > 0:
            start = tok.doc[start - 1].sent.start
    return start


def test_sentences_of_a_token_and_the_ones_before_are_spacys(nlp):
    doc = nlp(TEXT)
    sents = Sentences(doc)
    assert [(s.start, s.end) for s in sents.spans] == [(s.start, s.end) for s in doc.sents]
    assert len(sents.spans) > 4
    for tok in doc:  # the first and last tokens included
        assert sents.of(tok.i) == tok.sent
        assert sents.spans[sents.index_of(tok.i)] == tok.sent
        for back in range(4):
            assert sents.start_back(tok.i, back) == _start_back(tok, back)


def test_sentences_overlapping_a_span_are_spacys_span_sents(nlp):
    doc = nlp(TEXT)
    sents = Sentences(doc)
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):  # an empty span gives its token's sentence
            assert sents.overlapping(start, end) == list(doc[start:end].sents), (start, end)


def test_sentences_are_listed_at_the_first_look_up(nlp):
    doc = nlp(TEXT)
    first = doc[len(doc) - 1]
    assert Sentences(doc).of(first.i) == first.sent  # a first look-up of any kind lists them
    assert Sentences(doc).start_back(first.i, 1) == _start_back(first, 1)
    blank = nlp.tokenizer(TEXT)  # no parser, no sentence boundaries: nothing fails until asked
    Sentences(blank)
