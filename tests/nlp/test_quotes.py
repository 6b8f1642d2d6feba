"""Quotes: quoted spans, what is not a quote, and who said it (real parses)."""

from __future__ import annotations

import pytest
import spacy

from entente.nlp.actors import find_actors
from entente.nlp.countries import find_countries
from entente.nlp.quotes import find_quotes, speech_cues
from entente.nlp.sectors import sector_words

DATE = "2025-06-01"


@pytest.fixture(scope="module")
def quotes(nlp, dictionary):
    """``quotes(text) -> list[Quote]``: one parse, actors and quotes from the same Doc."""

    def run(text: str, published: str | None = DATE):
        doc = nlp(text)
        mentions = find_countries(doc, nlp, dictionary)
        actors = find_actors(doc, mentions, dictionary, sector_words(), published)
        found = find_quotes(doc, actors)
        for q in found:
            assert text[q.start:q.end] == q.text
        return found

    return run


@pytest.fixture(scope="module")
def blank():
    """A tokenizer only: quoted spans need no model."""
    return spacy.blank("en")


def _one(found):
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# ---------------------------------------------------------------- speakers

@pytest.mark.parametrize(
    ("text", "quote", "speaker", "country", "cue", "basis"),
    [
        ('Marco Rubio said, "We will stand by our partners in the region."',
         "We will stand by our partners in the region.", "Marco Rubio", "USA", "say", "subject"),
        ('Marco Rubio said that "the alliance has never been stronger than it is today."',
         "the alliance has never been stronger than it is today.", "Marco Rubio", "USA", "say", "subject"),
        ('"The talks were useful but difficult," Ishaq Dar told reporters.',
         "The talks were useful but difficult", "Ishaq Dar", "PAK", "tell", "subject"),
        ('"The talks were useful but difficult," said Foreign Minister Ishaq Dar.',
         "The talks were useful but difficult", "Ishaq Dar", "PAK", "say", "subject"),
        ('"We will not give up an inch of our land," Donald Trump wrote on Truth Social.',
         "We will not give up an inch of our land", "Donald Trump", "USA", "write", "subject"),
        ('Shehbaz Sharif wrote on his social media account: "Our friendship with the Gulf is unbreakable."',
         "Our friendship with the Gulf is unbreakable.", "Shehbaz Sharif", "PAK", "write", "subject"),
        ('According to Marco Rubio, "the ceasefire is holding for the moment."',
         "the ceasefire is holding for the moment.", "Marco Rubio", "USA", "according to", "according-to"),
        ('"The ceasefire is holding for the moment," according to Marco Rubio.',
         "The ceasefire is holding for the moment", "Marco Rubio", "USA", "according to", "according-to"),
        ('Donald Trump said, according to Reuters, "we will not lift the tariffs this year."',
         "we will not lift the tariffs this year.", "Donald Trump", "USA", "say", "subject"),
        ('Reuters quoted Ishaq Dar as saying "the talks with our neighbour are over for now."',
         "the talks with our neighbour are over for now.", "Ishaq Dar", "PAK", "say", "reported-saying"),
        ('Ishaq Dar was quoted as saying "the talks with our neighbour are over for now."',
         "the talks with our neighbour are over for now.", "Ishaq Dar", "PAK", "say", "reported-saying"),
    ],
)
def test_quotes_speaker_from_the_attribution(quotes, text, quote, speaker, country, cue, basis):
    q = _one(quotes(text))
    assert (q.text, q.speaker, q.speaker_country, q.cue, q.basis) == (quote, speaker, country, cue, basis)


def test_quotes_in_the_words_of_with_an_appositive(quotes):
    q = _one(quotes('In the words of Narendra Modi, the first Indian leader to visit the island, '
                    '"this is a new chapter for our two nations."'))
    assert (q.speaker, q.speaker_country, q.basis) == ("Narendra Modi", "IND", "in-the-words-of")
    assert q.cue == "in the words of"


def test_quotes_speaker_is_the_canonical_name_with_role(quotes):
    q = _one(quotes('"Nobody wins a trade war like this one," Trump said on Friday.'))
    assert (q.speaker, q.speaker_country, q.speaker_role) == ("Donald Trump", "USA", "GOV")


def test_quotes_organisation_speaks(quotes):
    q = _one(quotes('The Indian Army said, "Our posts came under heavy fire from across the line overnight."'))
    assert (q.speaker, q.speaker_country, q.speaker_role) == ("Indian Army", "IND", "MIL")


def test_quotes_group_speaks(quotes):
    q = _one(quotes('Pakistani officials said, "The crossing will stay closed until further notice."'))
    assert (q.speaker_country, q.basis) == ("PAK", "subject")


def test_quotes_unnamed_speaker_keeps_the_noun_phrase(quotes):
    q = _one(quotes('The official told reporters: "We have seen no sign of any withdrawal so far."'))
    assert (q.speaker, q.speaker_country, q.cue) == ("official", None, "tell")


@pytest.mark.parametrize(
    ("text", "speaker", "country"),
    [
        ('Ishaq Dar arrived in Beijing on Monday. "We came to listen and to learn," he said.', "Ishaq Dar", "PAK"),
        ('Ishaq Dar met Marco Rubio in Washington. "We discussed trade at great length," he said.',
         "Ishaq Dar", "PAK"),
        ('Pakistani officials met on Monday. "We will answer any attack with full force," they said.',
         None, "PAK"),
    ],
)
def test_quotes_pronoun_takes_the_nearest_fitting_actor(quotes, text, speaker, country):
    q = _one(quotes(text))
    assert q.basis == "pronoun"
    assert q.speaker_country == country
    if speaker:
        assert q.speaker == speaker


def test_quotes_it_takes_the_nearest_organisation(quotes):
    q = _one(quotes('The Indian Army issued a statement. "Our troops responded in a measured way," it said.'))
    assert (q.speaker, q.speaker_country, q.basis) == ("Indian Army", "IND", "pronoun")


def test_quotes_pronoun_without_antecedent_is_none(quotes):
    q = _one(quotes('"We will never accept this arrangement," he said, pointing at the map.'))
    assert (q.speaker, q.basis, q.cue) == (None, None, "say")


def test_quotes_two_quotes_around_one_attribution(quotes):
    first, second = quotes('"It is a serious mistake," Donald Trump told reporters on Friday, '
                           'adding that "they will pay a heavy price for it."')
    assert first.speaker == second.speaker == "Donald Trump"
    assert (first.cue, second.cue) == ("tell", "add")


def test_quotes_lone_quote_after_an_attributed_quote(quotes):
    first, second = quotes('"We will not back down," Donald Trump wrote on Truth Social. "Never."')
    assert second.text == "Never."
    assert (second.speaker, second.basis) == ("Donald Trump", "preceding-sentence")


def test_quotes_lone_quote_after_reported_speech(quotes):
    q = _one(quotes('Ishaq Dar said his country wanted calm on the border. '
                    '"We have always sought dialogue with our neighbours."'))
    assert (q.speaker, q.basis) == ("Ishaq Dar", "preceding-sentence")


def test_quotes_lone_quote_two_sentences_on_is_not_attributed(quotes):
    found = quotes('"The visit went well for everyone," Ishaq Dar said. Marco Rubio flew home. '
                   '"A long and careful sentence with many words."')
    assert found[-1].speaker is None


def test_quotes_no_attribution_gives_no_speaker(quotes):
    q = _one(quotes('"This is a dark day for every one of us in the region."'))
    assert (q.speaker, q.cue, q.basis) == (None, None, None)


def test_quotes_unrelated_speech_verb_is_not_a_speaker(quotes):
    text = 'Marco Rubio, who said little all week, signed "a pact that will bind both nations for decades".'
    q = _one(quotes(text))
    assert q.speaker is None


# ---------------------------------------------------------------- spans

def test_quotes_multi_sentence_quote_is_one_quote(quotes):
    q = _one(quotes('"We came here to talk. We leave with nothing. That is a shame," said Marco Rubio.'))
    assert q.text == "We came here to talk. We leave with nothing. That is a shame"
    assert q.speaker == "Marco Rubio"


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_quotes_quote_continued_in_the_next_paragraph(quotes, gap):
    text = (f'"We tried everything to keep the talks alive.{gap}'
            '"In the end, the other side walked away," Ishaq Dar said.')
    first, second = quotes(text)
    assert (first.text, second.text) == ("We tried everything to keep the talks alive.",
                                         "In the end, the other side walked away")
    assert first.speaker == second.speaker == "Ishaq Dar"
    assert (first.basis, second.basis) == ("following-attribution", "subject")


def test_quotes_open_quote_continuation_with_a_pronoun(quotes):
    text = ('Shehbaz Sharif spoke in Lahore on Sunday.\n\n"We tried everything to keep the talks alive.'
            '\n\n"In the end, the other side walked away," he said.')
    first, second = quotes(text)
    assert first.speaker == second.speaker == "Shehbaz Sharif"
    assert (first.basis, second.basis) == ("following-attribution", "pronoun")


def test_quotes_sentence_ending_quote_is_not_given_to_a_verb_with_its_own_clause(quotes):
    q = _one(quotes('"We won the argument." Ishaq Dar said the talks had failed anyway.'))
    assert q.speaker is None


def test_quotes_inch_mark_is_not_a_quote_mark(quotes):
    q = _one(quotes('The 12" pipe burst, and Ishaq Dar said "the repairs will take three weeks."'))
    assert (q.text, q.speaker) == ("the repairs will take three weeks.", "Ishaq Dar")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('"The agreement, which he called \'a historic moment for us all\', is signed," said Marco Rubio.',
         "The agreement, which he called 'a historic moment for us all', is signed"),
        ('“The agreement, which he called ‘a historic moment’, will be signed,” said Marco Rubio.',
         "The agreement, which he called ‘a historic moment’, will be signed"),
        ('"We reject the "so-called" evidence presented today," said Ishaq Dar.',
         'We reject the "so-called" evidence presented today'),
    ],
)
def test_quotes_nested_quotes_stay_inside(quotes, text, quote):
    q = _one(quotes(text))
    assert (q.text, q.speaker) == (quote, "Marco Rubio" if "Rubio" in text else "Ishaq Dar")


def test_quotes_curly_double_quotes(quotes):
    q = _one(quotes("Shehbaz Sharif told reporters: “We will never accept mediation on this issue.”"))
    assert (q.text, q.speaker) == ("We will never accept mediation on this issue.", "Shehbaz Sharif")


def test_quotes_single_curly_quote_with_cue_and_length(quotes):
    q = _one(quotes("‘We are ready to talk to anyone who wants peace,’ Shehbaz Sharif said in Lahore."))
    assert (q.text, q.speaker) == ("We are ready to talk to anyone who wants peace", "Shehbaz Sharif")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry called the report ‘baseless’ and said it was ‘propaganda’.",
        "He called the city the \"City of Eagles\" in his speech.",
        "Donald Trump wrote in his book \"The Art of the Deal\" that deals are an art form.",
        "The ministry rejected the \"so-called evidence\" presented by the other side.",
        "Marco Rubio described the meeting as \"very productive and frank.\"",
        "Donald Trump praised the \"Make America Great Again\" movement at the rally.",
        "Marco Rubio said the deal was \"a disaster\" for farmers.",
        "A report titled \"Pakistan and the Gulf after the war in the desert\" was published.",
        "Ishaq Dar said \"this is never going to be closed properly.\n\nThe next paragraph is plain text.",
    ],
)
def test_quotes_scare_quotes_and_titles_are_not_quotes(quotes, text):
    assert quotes(text) == []


@pytest.mark.parametrize(("text", "quote"), [('"No," Donald Trump said.', "No"),
                                             ('"Never!" Donald Trump said.', "Never!"),
                                             ('Donald Trump said: "Not now."', "Not now.")])
def test_quotes_short_quote_next_to_its_cue_is_a_quote(quotes, text, quote):
    q = _one(quotes(text))
    assert q.text == quote
    assert q.cue == "say"


def test_quotes_offsets_without_a_model(blank):
    text = 'Intro. "One two three four five six," she said. “Seven eight nine ten eleven.”'
    found = find_quotes(blank(text), [])
    assert [q.text for q in found] == ["One two three four five six", "Seven eight nine ten eleven."]
    assert all(text[q.start:q.end] == q.text for q in found)


def test_quotes_unclosed_quote_is_dropped_without_a_model(blank):
    text = 'He said "this never closes and runs on.\n\nA new paragraph with "a real quote of many words".'
    assert [q.text for q in find_quotes(blank(text), [])] == ["a real quote of many words"]


def test_quotes_speech_cues_table_has_verbs_and_phrases():
    cues = speech_cues()
    assert {"say", "tell", "tweet", "write", "quip", "recount"} <= cues.verbs
    assert ("according", "to") in cues.sources and ("in", "the", "words", "of") in cues.sources
    assert "quote" in cues.relays


def test_quotes_author_expressing_a_thought(nlp, dictionary):
    from entente.nlp.actors import find_actors
    from entente.nlp.countries import find_countries
    from entente.nlp.quotes import find_quotes
    from entente.nlp.sectors import sector_words

    text = ("It recalls what Ibn Khaldun, the Arab historian, expressed in his Muqaddimah, "
            "\u201cGeography shapes the fortunes of every state that rises on it.\u201d")
    doc = nlp(text)
    actors = find_actors(doc, find_countries(doc, nlp, dictionary), dictionary, sector_words(), "2020-01-01")
    (quote,) = find_quotes(doc, actors)
    assert quote.speaker == "Ibn Khaldun"


def test_quotes_speaker_is_named_in_full_as_the_text_first_did(quotes):
    text = ('Kenyan Defence Minister Aden Bare Duale met the delegation on Monday. "We will deepen '
            'our partnership with every friend of Kenya," Duale said.')
    q = _one(quotes(text))
    assert (q.speaker, q.speaker_country) == ("Aden Bare Duale", "KEN")


def test_quotes_a_title_heading_the_subject_gives_way_to_the_person_named_in_it(quotes):
    q = _one(quotes('The Minister of Foreign Affairs of Jordan Ayman Safadi said "the war must end now".'))
    assert (q.speaker, q.speaker_country) == ("Ayman Safadi", "JOR")


def test_quotes_a_partial_quote_in_a_reported_clause_is_the_reporters(quotes):
    text = ('Chancellor Olaf Scholz said on Saturday that Germany would deliver the tanks "without any '
            'delay," and the Polish government said Warsaw would follow.')
    q = _one(quotes(text))
    assert q.speaker == "Olaf Scholz"
    scare = quotes('The minister said the "unstable" situation showed why both sides must talk.')
    assert not scare


def test_quotes_a_statement_speaks_for_whoever_issued_it(extract):
    ex = extract('Pakistan rejected the claims. "We will not accept any interference in our internal '
                 'affairs," the statement said.', "2024-03-03")
    (q,) = ex.quotes
    assert (q.speaker, q.speaker_country) == ("Pakistan", "PAK")
    owned = extract('"We reject the report," said a statement from Islamabad on Monday.', "2024-03-03")
    assert [q.speaker_country for q in owned.quotes] == ["PAK"]


def test_quotes_the_minister_is_the_minister_named_before(extract):
    ex = extract('Kenyan Foreign Minister Musalia Mudavadi arrived in Addis Ababa on Monday. "We are here '
                 'to listen," the minister said.', "2024-03-03")
    assert [(q.speaker, q.speaker_country) for q in ex.quotes] == [("Musalia Mudavadi", "KEN")]
    other = extract('Kenyan Foreign Minister Musalia Mudavadi arrived on Monday. "We are here to listen," '
                    'the governor said.', "2024-03-03")
    assert [q.speaker_country for q in other.quotes] == [None]
