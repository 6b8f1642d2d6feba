"""The verb dictionary compiled to matches over spaCy's parse (:class:`VerbLexicon`).

The dictionary is written here, with ordinary English verbs (spaCy must tag them as
verbs) but patterns and codes of our own; every sentence was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.lexicon.petrarch import read_verbs
from entente.lexicon.verbs import VerbLexicon, VerbMatch

VERBS = """\
# A small invented verb dictionary
&ENVOY
+AMBASSADOR
+CONSUL
+SPECIAL_ENVOY

--- CUT [172] ---
CUT {CUTS CUTTING}
- * TIES [161]
- * TIES (WITH +) [162]
- * {TRADE TIES} [163]
- * FUNDING (TO +) [164]
- REBELS * [190]
- * CORNERS [---]

--- EXPEL [174] ---
EXPEL
- * &ENVOY [1741]

--- ARREST [173] ---
ARREST
- * (DURING RAID) [175:176]
- * (AT AIRPORT) [:177]

--- ASK [020] ---
ASK
+ASK_FOR [021]

--- CALL_OFF [192] ---
+CALL_OFF

--- CORDON_OFF [155] ---
+CORDON_OFF
"""


def line_of(fragment: str) -> int:
    """The line of ``VERBS`` that holds ``fragment`` (1-based, as the reader counts)."""
    (number,) = [n for n, text in enumerate(VERBS.splitlines(), 1) if fragment in text]
    return number


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory) -> VerbLexicon:
    path: Path = tmp_path_factory.mktemp("verbs") / "verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return VerbLexicon(read_verbs(path))


@pytest.fixture()
def match(nlp, lexicon):
    """``match(sentence, verb) -> VerbMatch | None`` for the word ``verb`` of ``sentence``."""

    def run(text: str, verb: str) -> VerbMatch | None:
        (tok,) = [t for t in nlp(text) if t.text == verb]
        assert tok.pos_ == "VERB", f"spaCy tags {verb!r} in {text!r} as {tok.pos_}"
        return lexicon.match(tok)

    return run


def test_verbs_own_code_when_no_pattern_matches(match):
    found = match("Chile cut the budget.", "cut")
    assert (found.code, found.line, found.words, found.target) == ("172", 0, 0, ())


def test_verbs_unknown_verb_is_no_match(match, lexicon):
    assert not lexicon.knows("praise")
    assert match("Chile praised Peru.", "praised") is None


def test_verbs_object_pattern_picks_its_code(match):
    found = match("Chile cut ties.", "cut")
    assert (found.code, found.line) == ("161", line_of("- * TIES [161]"))


def test_verbs_prep_slot_puts_the_target_on_that_preposition(match):
    found = match("Chile cut funding to Peru.", "cut")
    assert found.code == "164"
    assert "prep:to" in found.target
    # without a "+" slot the pattern names no target of its own
    assert match("Chile cut ties.", "cut").target == ()


def test_verbs_braced_noun_phrase(match):
    assert match("Chile cut the trade ties.", "cut").code == "163"
    # a noun phrase is tight: "trade" and "ties" in one phrase, not merely in order
    assert match("Chile cut trade and security ties.", "cut").code == "161"


@pytest.mark.parametrize("text, verb, code", [
    ("Chile expelled the consul.", "expelled", "1741"),
    ("Chile expelled a special envoy.", "expelled", "1741"),  # a multi-word member
    ("Chile expelled the journalists.", "expelled", "174"),  # not a member: the verb's own code
])
def test_verbs_synset_pattern(match, text, verb, code):
    assert match(text, verb).code == code


def test_verbs_pre_verb_pattern_needs_the_word_on_the_subject_side(match):
    assert match("Rebels cut the road.", "cut").code == "190"
    assert match("Peru said rebels had cut the road.", "cut").code == "190"  # a subordinate clause's subject
    # the same word after the verb is no subject
    assert match("The army cut the rebels' supply lines.", "cut").code == "172"


def test_verbs_blocking_pattern(match):
    found = match("Chile cut corners.", "cut")
    assert found is not None and found.code is None  # blocked, not the verb's own 172
    assert found.line == line_of("CORNERS")


def test_verbs_passive_verb_takes_the_active_code(match):
    # The coder reads a passive verb's roles back into the active voice (the "by" agent is the
    # source), so an [active:passive] pattern gives its active code to both voices; the passive
    # code, written for TABARI's unswapped roles, would invert the event a second time.
    assert match("Police arrested the leaders during a raid.", "arrested").code == "175"
    found = match("The leaders were arrested during a raid.", "arrested")
    assert (found.code, found.line) == ("175", line_of("DURING RAID"))


def test_verbs_passive_only_pattern_skips_active_verbs(match):
    assert match("The leaders were arrested at the airport.", "arrested").code == "177"
    found = match("Police arrested the leaders at the airport.", "arrested")
    assert (found.code, found.line) == ("173", 0)


@pytest.mark.parametrize("text, verb, code", [
    ("Chile called off the talks.", "call off", "192"),
    ("Chile called the talks off.", "call off", "192"),  # the particle after the object
    ("Chile asked for help.", "ask for", "021"),
    ("Chile asked Peru to help.", "ask", "020"),  # without "for": the one-word verb
])
def test_verbs_multi_word_verb_with_its_particle(match, text, verb, code):
    found = match(text, "called" if "called" in text else "asked")
    assert (found.verb, found.code) == (verb, code)


def test_verbs_multi_word_verb_needs_its_particle(match):
    assert match("Chile called Peru.", "called") is None


# spaCy lemmatises 'cordoned' as 'cordone': the regular forms of a listed verb are known too.
def test_verbs_multi_word_verb_in_its_regular_past_tense(match):
    found = match("Police cordoned off the square.", "cordoned")
    assert found is not None and (found.verb, found.code) == ("cordon off", "155")


def test_verbs_most_specific_pattern_wins(match):
    # "TIES (WITH +)" (two elements) wins over "TIES", listed first
    assert line_of("- * TIES [161]") < line_of("TIES (WITH +)")
    found = match("Chile cut ties with Peru.", "cut")
    assert (found.code, found.words, found.target) == ("162", 2, ("prep:with",))


# ------------------------------------------------------------------ pattern index, dropped codes

def test_pattern_index_offers_every_pattern_whose_words_the_phrase_holds():
    """The index by required word leaves out no pattern whose plain words a phrase holds, offers
    each once and in block order (it may offer more: they are then tested in full)."""
    import random

    from entente.lexicon.load import load_verbs

    lexicon = load_verbs()
    rng = random.Random(18)
    senses = {id(s.patterns): s for ss in lexicon._by_first.values() for s in ss}.values()
    checked = 0
    for sense in senses:
        assert sense.index is not None
        vocabulary = sorted({w for c in sense.patterns for w in c.post_words}) + ["the", "talks", "zzz"]
        for _ in range(5):
            words = set(rng.sample(vocabulary, k=rng.randint(0, min(len(vocabulary), 12))))
            offered = sense.index.candidates(words)
            assert offered == sorted(set(offered))
            fits = [n for n, c in enumerate(sense.patterns) if c.post_words <= words]
            assert set(fits) <= set(offered)
            checked += len(fits)
    assert checked > 100


def test_dropped_codes_end_the_search_with_the_same_outcome(nlp, lexicon):
    """With ``skip_roots``, a verb whose reading could only give a dropped code is None at once;
    any other reading is the full search's."""
    sentences = ["Chile cut ties with Peru.", "Chile cut the budget.", "The rebels cut the road.",
                 "Chile cut corners.", "Peru expelled the ambassador.", "Peru asked for help."]
    for text in sentences:
        for tok in nlp(text):
            if tok.pos_ != "VERB":
                continue
            full = lexicon.match(tok)
            for roots in (frozenset({"16"}), frozenset({"17"}), frozenset({"02", "19"}), frozenset({"15"})):
                fast = lexicon.match(tok, roots)
                if full is None or full.code is None or full.code[:2] in roots:
                    assert fast is None or fast.code is None or fast.code[:2] in roots, (text, roots)
                else:
                    assert fast == full, (text, roots)
