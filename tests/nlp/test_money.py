"""Money: finding amounts and normalising them to dollars (no model needed), and the amounts of a parsed
document with their parties (the real pipeline)."""

from __future__ import annotations

import pytest

from entente.nlp.money import find_amounts, rate_for, resolve_currency, stated_usd, to_money


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The bank approved $1.25 billion for the mine.", 1.25e9, "USD"),
        ("It raised US$3bn from bonds.", 3e9, "USD"),
        ("Aid topped 33 billion dollars over the period.", 33e9, "USD"),
        ("A $500m refinery is planned.", 5e8, "USD"),
        ("The province set aside Rs 500 crore for roads.", 5e9, "RUPEE"),
        ("The budget is PKR 2 trillion this year.", 2e12, "PKR"),
        ("Delhi cleared ₹10,000 crore for the metro.", 1e11, "INR"),
        ("The lender offered 1.2 billion yuan in credit.", 1.2e9, "CNY"),
        ("Brussels pledged €300 million.", 3e8, "EUR"),
        ("London gave £40 million in relief.", 4e7, "GBP"),
        ("A grant of USD 4.2 million was signed.", 4.2e6, "USD"),
        ("Tariffs cost exporters 2 trillion rupees.", 2e12, "RUPEE"),
    ],
)
def test_money_find_amounts_reads_value_and_currency(text, value, currency):
    (amount,) = find_amounts(text)
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency
    assert text[amount.start:amount.end] == amount.text


@pytest.mark.parametrize(
    "text",
    ["In 2019, 5 people were hurt.", "Pakistan flies F-16 jets and AIM-120 missiles.",
     "Ottawa lent 40 million Canadian dollars.", "The pact, signed on 11 November 2025, holds."],
)
def test_money_find_amounts_ignores_numbers_that_are_not_money(text):
    assert find_amounts(text) == []


def test_money_hedge_marks_amount_approximate():
    (amount,) = find_amounts("Washington has given more than $33 billion since 2002.")
    assert amount.approximate
    assert amount.text == "more than $33 billion"


def test_money_rates_use_the_year_and_nearest_known_year():
    assert rate_for("USD", 2019) == (1.0, "identity")
    rate, basis = rate_for("PKR", 2019)
    assert 1 / rate == pytest.approx(150, rel=0.05)
    assert basis == "annual-average:2019"
    _, basis = rate_for("INR", 1995)
    assert basis == "annual-average:2001"
    assert rate_for("XYZ", 2019) is None


def test_money_rupee_follows_country_context():
    assert resolve_currency("RUPEE", ["PAK", "USA"]) == "PKR"
    assert resolve_currency("RUPEE", ["USA", "IND"]) == "INR"
    assert resolve_currency("RUPEE", ["USA"]) is None
    assert resolve_currency("EUR", []) == "EUR"


def test_money_stated_conversion_wins_over_table():
    text = "The state will spend Rs 500 crore (about $60 million) on dams."
    amounts = find_amounts(text)
    stated = stated_usd(text, amounts[0], amounts[1:])
    money = to_money(amounts[0], 2024, ["IND"], stated)
    assert money.usd == pytest.approx(60e6)
    assert money.rate_basis == "stated"
    assert money.currency == "INR"


def test_money_dated_conversion_uses_annual_average():
    (amount,) = find_amounts("Islamabad unveiled a PKR 2 trillion development plan.")
    money = to_money(amount, 2023, ["PAK"])
    assert money.usd == pytest.approx(2e12 / 280.36, rel=0.01)
    assert money.rate_basis == "annual-average:2023"


def test_money_unknown_rupee_is_not_converted_on_a_guess():
    (amount,) = find_amounts("The ministry set aside Rs 40 crore.")
    assert to_money(amount, 2020, ["LKA"]) is None


# ---------------------------------------------------------------- amounts in a parsed document

PARTIES_TEXT = (
    "Pakistan received $40 million from the fund on Monday. Kenya and Japan met in Nairobi. "
    "The bank later pledged $1.2 billion in loans. The India Times reported that Egypt got $5 million in aid.\n\n"
    "Officials said the talks went well. The fund added $7 million. Brazil will spend €300 million on roads."
)


class _CountedList(list):
    """A list that counts the passes made over it."""

    passes = 0

    def __iter__(self):
        type(self).passes += 1
        return super().__iter__()


def _money_inputs(nlp, dictionary, text):
    from entente.nlp.actors import find_actors
    from entente.nlp.countries import find_countries
    from entente.nlp.sectors import sector_words

    doc = nlp(text)
    mentions = find_countries(doc, nlp, dictionary)
    return doc, mentions, find_actors(doc, mentions, dictionary, sector_words(), None)


def test_money_sentence_index_gives_spacys_sentence_for_every_token(nlp):
    from entente.nlp.doctext import Sentences

    doc = nlp(PARTIES_TEXT)
    sents = Sentences(doc)
    assert len(sents.spans) == 7
    for tok in doc:  # the first and last tokens included
        sent = sents.spans[sents.index_of(tok.i)]
        assert (sent.start, sent.end) == (tok.sent.start, tok.sent.end)


def test_money_parties_are_the_amounts_sentence_or_the_one_before(nlp, dictionary):
    from entente.nlp.money_doc import find_money

    doc, mentions, actors = _money_inputs(nlp, dictionary, PARTIES_TEXT)
    found = {m.text: m.parties for m in find_money(doc, mentions, actors, (), 2024)}
    assert found == {
        "$40 million": ("PAK",),  # the first sentence
        "$1.2 billion": ("KEN", "JPN"),  # none in its sentence: the one before, in text order
        "$5 million": ("EGY",),  # "The India Times" is the messenger, not a party
        "$7 million": (),  # none in its sentence or the one before; no further back
        "€300 million": ("BRA",),  # the last sentence
    }


def test_money_reads_mentions_and_actors_once_however_many_amounts(nlp, dictionary):
    """The parties of every amount come from one pass over the document's mentions and actors: a pass
    per amount made a long report's money stage quadratic in its length (issue 17 item 6)."""
    from entente.nlp.money_doc import find_money

    passes = []
    for copies in (1, 12):
        doc, mentions, actors = _money_inputs(nlp, dictionary, " ".join([PARTIES_TEXT] * copies))
        _CountedList.passes = 0
        money = find_money(doc, _CountedList(mentions), _CountedList(actors), (), 2024)
        assert len(money) == 5  # each distinct amount once per document
        passes.append(_CountedList.passes)
    assert passes[0] == passes[1] <= 3
