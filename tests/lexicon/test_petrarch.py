"""The PETRARCH/TABARI dictionary readers, on small invented dictionaries and on the real files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from entente.lexicon.petrarch import (
    ActorCode, DictionaryError, Phrase, Verb, read_actors, read_agents, read_discards, read_verbs,
)
from entente.lexicon import petrarch

REFERENCE = Path("/work/shared/reference/petrarch")
SUITE = Path("/work/shared/eval/petrarch-suite/source")


def write(tmp_path: Path, text: str, name: str = "dict.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


# ------------------------------------------------------------------------------------------------------ verbs

VERBS = """\
# An invented verb dictionary
<!-- a markup comment
     over two lines -->
&FRUIT_
+APPLE
+BLOOD_ORANGE_
+(KIWI FRUIT)

&FRUIT_OF_TREES
+PLUM

&BASKET  # nested synsets are flattened
+&FRUIT
+HAMPER

&FRUIT
+PEAR

####### VERB PATTERNS #######

---  GREET   [041]  ---
GREET {GREETS GREETED GREETING}
+WAVE_AT {+WAVES_AT , +WAVED_AT} [042:043]   # a comment
SALUTE [---]
NOD;an old-style comment
- $ &FRUIT_ * (WITH {RIPE &FRUIT}) + ^ % [051]  # pattern comment
- * (TO)                [052]
- * {BIG_BASKET}        [053]
- * ROTTEN_FRUIT        [---]
- * (FROM $)            [:112]
- * &FRUIT_OF_TREES &BASKET
- * ODD                 [###]
~ a (b c GREET) SAY = a b 010

---  SNUB   [:121]---  ---
SNUB
BYPASS [130]
"""


def test_synsets_strip_underscores_unwrap_and_flatten(tmp_path):
    verbs = read_verbs(write(tmp_path, VERBS))
    assert set(verbs.synsets) == {"&fruit", "&fruit_of_trees", "&basket"}
    assert verbs.synsets["&fruit"] == {"apple", "blood orange", "kiwi fruit", "pear"}  # defined twice: union
    assert verbs.synsets["&basket"] == {"apple", "blood orange", "kiwi fruit", "pear", "hamper"}


def test_verbs_take_own_or_block_code(tmp_path):
    verbs = read_verbs(write(tmp_path, VERBS))
    assert verbs.verbs[("greet",)] == Verb(("greet",), ("greets", "greeted", "greeting"), "041", "greet")
    assert verbs.verbs[("wave", "at")] == Verb(("wave", "at"), ("waves at", "waved at"), "042", "greet", "043")
    assert verbs.verbs[("salute",)].code is None
    assert verbs.verbs[("nod",)] == Verb(("nod",), (), "041", "greet")
    assert verbs.verbs[("snub",)] == Verb(("snub",), (), None, "snub", "121")
    assert verbs.verbs[("bypass",)].code == "130"
    assert verbs.block_of(("wave", "at")) == "greet"
    assert verbs.block_of(("unknown",)) is None


def test_pattern_elements(tmp_path):
    verbs = read_verbs(write(tmp_path, VERBS))
    first, to, braced, blocked, passive, uncoded, odd = verbs.patterns["greet"]
    assert first.pre == (Phrase(("$",)), Phrase(("&fruit",)))
    assert first.post == (Phrase(("ripe", "&fruit"), prep="with", braced=True), Phrase(("+",)), Phrase(("^",)),
                          Phrase(("%",)))
    assert (first.active, first.passive, first.blocked, first.block) == ("051", None, False, "greet")
    assert first.line == 26
    assert to.post == (Phrase((), prep="to"),)
    assert braced.post == (Phrase(("big", "basket"), braced=True),)
    assert (blocked.active, blocked.passive, blocked.blocked) == (None, None, True)
    assert passive.post == (Phrase(("$",), prep="from"),)
    assert (passive.active, passive.passive, passive.blocked) == (None, "112", False)
    assert uncoded.post == (Phrase(("&fruit_of_trees",)), Phrase(("&basket",)))
    assert (uncoded.active, uncoded.blocked) == ("041", False)  # no bracket: the block's code
    assert odd.active == "###"  # '#' inside a code bracket is not a comment
    assert verbs.patterns["snub"] == ()


def test_legacy_glued_star_and_joined_synsets(tmp_path):
    text = """\
&TOOL
+HAMMER
&TOOL_BOX
+CRATE
--- POLISH  [061] ---
POLISH
BUFF OUT
KLM_NOP_+SHINE [062]
- SO IN_AND_*_OUT_AGAIN NOW [063]
- *SHINY   [064]
- NEW_&TOOL_RACKS *  [065]
- * &TOOL_BOX_LID [066]
- * &MISSING [067]
- * &TOOL_FOO [068]
&LATE
+TARDY
+LATE_MEMBER
- * LATER [069]
+LATE_VERB
"""
    verbs = read_verbs(write(tmp_path, text))
    glued, shiny, joined, longest, missing, prefix, after_synset = verbs.patterns["polish"]
    assert glued.pre == (Phrase(("so",)), Phrase(("in", "and")))
    assert glued.post == (Phrase(("out", "again")), Phrase(("now",)))
    assert shiny.pre == () and shiny.post == (Phrase(("shiny",)),)
    assert joined.pre == (Phrase(("new", "&tool", "racks")),)
    assert longest.post == (Phrase(("&tool_box", "lid")),)
    assert missing.post == (Phrase(("&missing",)),)  # undefined: kept, matches nothing
    assert "&missing" not in verbs.synsets
    assert prefix.post == (Phrase(("&tool", "foo")),)
    assert after_synset.block == "polish"  # a synset inside a block does not end the block
    assert verbs.synsets["&late"] == {"tardy", "late member"}
    assert verbs.verbs[("late", "verb")].block == "polish"  # '+' after a pattern: a multi-word verb
    assert verbs.verbs[("buff", "out")].block == "polish"
    assert verbs.verbs[("klm", "nop", "shine")].code == "062"


def test_duplicates_merge(tmp_path):
    text = """\
--- QUARL [010] ---
QUARL
HOIST {HOISTS}
- * CRATE [011]
--- HOIST [020] ---
HOIST {HOISTED}
WINCH
--- QUARL [030] ---
WINCH {WINCHED}
- * BOX [031]
"""
    verbs = read_verbs(write(tmp_path, text))
    # a later listing under the verb's own block wins; forms merge
    assert verbs.verbs[("hoist",)] == Verb(("hoist",), ("hoists", "hoisted"), "020", "hoist")
    # otherwise the first listing keeps block and code
    assert verbs.verbs[("winch",)] == Verb(("winch",), ("winched",), "020", "hoist")
    assert [p.line for p in verbs.patterns["quarl"]] == [4, 10]
    assert list(verbs.patterns) == ["quarl", "hoist"]


def test_pasted_group_tail_is_tolerated(tmp_path):
    text = "--- DRIFT [010] ---\nDRIFT\n- * AWAY (WITH TIDE)      TIDE)[011]\n- * (ON ^)   ^)[012]\n"
    first, second = read_verbs(write(tmp_path, text)).patterns["drift"]
    assert first.post == (Phrase(("away",)), Phrase(("tide",), prep="with"))
    assert second.post == (Phrase(("^",), prep="on"),)


@pytest.mark.parametrize("line, reason", [
    ("- * ONE * TWO [010]", "exactly one '*'"),
    ("- ONE TWO [010]", "exactly one '*'"),
    ("- * (WITH TIDE [010]", "unclosed '('"),
    ("- * (WITH (TIDE)) [010]", "unexpected '('"),
    ("- * TIDE) [010]", "unmatched ')'"),
    ("- * (WITH TIDE) MOON) [010]", "unmatched ')'"),
    ("- * {} [010]", "empty {}"),
    ("- * () [010]", "empty ()"),
    ("- * ({TIDE}) [010]", "without a preposition"),
    ("- * &[010]", "malformed synset reference"),
    ("- * TIDE [010", "malformed code bracket"),
    ("- * TIDE [01:02:03]", "more than one ':'"),
    ("- * TIDE []", "malformed code"),
    ("- * TIDE [010:]", "empty passive"),
    ("- * TI*DE [010]", "exactly one '*'"),
    ("- * TI$DE [010]", "malformed pattern word"),
    ("FLOAT {FLOATS", "malformed verb line"),
    ("FLO(AT [010]", "malformed verb"),
    ("--- [010] ---", "malformed verb block header"),
    ("--- FLOAT ---", "malformed verb block header"),
    ("&", "malformed synset header"),
    ("~ a b c", "transformation without '='"),
])
def test_verb_errors_name_path_and_line(tmp_path, line, reason):
    path = write(tmp_path, f"# header\n--- DRIFT [010] ---\nDRIFT\n{line}\n")
    with pytest.raises(DictionaryError, match=re.escape(reason)) as caught:
        read_verbs(path)
    assert str(caught.value).startswith(f"{path}:4: ")


def test_verb_before_block_and_bad_member(tmp_path):
    with pytest.raises(DictionaryError, match=r":1: verb before the first verb block"):
        read_verbs(write(tmp_path, "DRIFT\n"))
    with pytest.raises(DictionaryError, match=r":2: pattern before the first verb block"):
        read_verbs(write(tmp_path, "&SEA\n- * TIDE [010]\n"))
    with pytest.raises(DictionaryError, match=r":2: malformed synset member"):
        read_verbs(write(tmp_path, "&SEA\n+WA{VE\n"))
    with pytest.raises(DictionaryError, match=r":3: synset &a includes itself"):
        read_verbs(write(tmp_path, "&A\n+X\n+&A\n"))
    with pytest.raises(DictionaryError, match=r":4: synset &a includes itself"):
        read_verbs(write(tmp_path, "&A\n+&B\n&B\n+&A\n"))


def test_real_verb_dictionary():
    verbs = read_verbs(real(REFERENCE / "CAMEO.2.0.txt"))
    patterns = [p for block in verbs.patterns.values() for p in block]
    assert len(verbs.synsets) == 40
    assert sum(len(m) for m in verbs.synsets.values()) == 556  # 558 member lines, 2 repeated
    assert len(verbs.patterns) == 397
    assert len(patterns) == 4668
    assert sum(p.blocked for p in patterns) == 168
    assert 1750 <= len(verbs.verbs) <= 1817  # 1,817 verb lines, 38 verbs listed twice
    assert verbs.verbs[("ask", "for")].forms == ("asked for", "asking for", "asks for")
    assert verbs.block_of(("ask",)) == "ask"


@pytest.mark.parametrize("name", ["PETR.Validate.verbs.txt", "PETR.Validate.verbs.2.0.txt"])
def test_real_suite_verb_dictionaries(name):
    verbs = read_verbs(real(SUITE / name))
    assert verbs.patterns and verbs.verbs and verbs.synsets
    assert {"closer", "nearer", "military"} <= verbs.synsets["&accordsyn"]  # nested synsets flattened


# ----------------------------------------------------------------------------------------------------- actors

ACTORS = """\
# An invented actor dictionary
ZANDORIA_  [ZAN]
+ZANDORIAN_
+PORT_QUILL # the capital

MIRA_VELLO  # a person with dated roles
+PRESIDENT_VELLO
\t[ZANGOV 20080909-20130908]
\t[ZANELI]
\t[ZANOPP <950101]
\t[ZANREB > 20200101]

ODO FENN_\t[ZANMIL 850101-300101] [zanbus]\t# both 19YY and 20YY
+ODO_FENN]_
OSK_LABS_\t[MNCZAN]\tChemicals\t$1,000
LONELY_NAME
\tINDENTED_NAME\t[ZANLEG 20200101]
"""


def test_actor_entries(tmp_path):
    actors = read_actors(write(tmp_path, ACTORS))
    names = [e.name for e in actors.entries]
    assert names == ["zandoria", "mira vello", "odo fenn", "osk labs", "lonely name", "indented name"]
    zan, mira, odo, osk, lonely, indented = actors.entries
    assert zan.phrases == (("zandoria",), ("zandorian",), ("port", "quill"))
    assert zan.codes == (ActorCode("ZAN", None, None),) and zan.line == 2
    assert mira.codes == (
        ActorCode("ZANGOV", "2008-09-09", "2013-09-08"), ActorCode("ZANELI", None, None),
        ActorCode("ZANOPP", None, "1995-01-01"), ActorCode("ZANREB", "2020-01-01", None),
    )
    assert odo.phrases == (("odo", "fenn"),)  # the stray ']' dropped, the repeat merged
    assert odo.codes == (ActorCode("ZANMIL", "1985-01-01", "2030-01-01"), ActorCode("ZANBUS", None, None))
    assert osk.codes == (ActorCode("MNCZAN", None, None),)  # trailing text without '#' is a comment
    assert lonely.codes == ()
    assert indented.codes == (ActorCode("ZANLEG", "2020-01-01", None),)  # a bare date: from then on


def test_code_on(tmp_path):
    mira = read_actors(write(tmp_path, ACTORS)).entries[1]
    assert mira.code_on("2010-06-01") == "ZANGOV"
    assert mira.code_on("2008-09-09") == "ZANGOV"  # start inclusive
    assert mira.code_on("2013-09-08") == "ZANELI"  # end exclusive; undated fallback
    assert mira.code_on("1994-12-31") == "ZANOPP"
    assert mira.code_on("2021-03-04T10:00:00") == "ZANREB"  # only the date part compares
    assert mira.code_on(None) == "ZANELI"
    text = "SOLO\n\t[AAA 900101-950101]\n\t[BBB 930101-990101]\n\t[CCC >990101]\nNONE\n"
    solo, none = read_actors(write(tmp_path, text)).entries
    assert solo.code_on("1994-01-01") == "AAA"  # the first dated code that holds the day
    assert solo.code_on("1980-01-01") is None
    assert solo.code_on(None) == "CCC"  # no undated code: the last dated one
    assert none.code_on(None) is None and none.code_on("2000-01-01") is None


@pytest.mark.parametrize("digits, expected", [
    ("300101", "2030-01-01"), ("310101", "1931-01-01"), ("000229", "2000-02-29"), ("19991231", "1999-12-31"),
    ("2004017", "2004-01-07"), ("201005011", "2010-05-11"),  # PETRARCH's YYYY MM D... reading
    ("9008223", None), ("991340", None), ("12345", None),
])
def test_dates(digits, expected):
    assert petrarch._iso_date(digits) == expected


def test_actor_longest_match_and_merge(tmp_path):
    first = write(tmp_path, "PORT\t[AAA]\nPORT_QUILL\t[BBB]\n+PORT_QUILL_HARBOUR\n", "a.txt")
    second = write(tmp_path, "PORT_QUILL\t[CCC]\n", "b.txt")
    actors = read_actors(first, second)
    words = "the port quill harbour and port quill gate port".split()
    assert [(n, e.codes[0].code) for n, e in [actors.longest_match(words, i) for i in (1, 5, 8)]] == [
        (3, "BBB"), (2, "BBB"), (1, "AAA")]
    assert actors.longest_match(words, 0) is None
    assert actors.longest_match(words, 99) is None
    assert [len(p) for p, _ in actors.index["port"]] == [3, 2, 2, 1]
    assert [e.codes[0].code for _, e in actors.index["port"]][1:3] == ["BBB", "CCC"]  # file order among equals


@pytest.mark.parametrize("text, line, reason", [
    ("[AAA]\n", 1, "before the first actor name"),
    ("QUONK\n+SYN [AAA\n", 2, "malformed actor codes"),
    ("QUONK [AAA] mid [BBB]\n", 1, "malformed actor codes"),
    ("QUONK\n\t[AAA 900101-]\n", 2, "malformed date restriction"),
    ("QUONK\n\t[AAA x90101]\n", 2, "malformed date restriction"),
    ("QUONK\n\t[AAA <900101-910101]\n", 2, "malformed date restriction"),
    ("QUONK\n\t[]\n", 2, "malformed actor code"),
    ("QUONK {X}\n", 1, "malformed actor name"),
])
def test_actor_errors(tmp_path, text, line, reason):
    path = write(tmp_path, text)
    with pytest.raises(DictionaryError, match=reason) as caught:
        read_actors(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_real_actor_dictionaries():
    files = [real(REFERENCE / f"Phoenix.{n}.actors.txt") for n in ("Countries", "International", "MilNonState")]
    counts = [len(read_actors(f).entries) for f in files]
    assert counts[1] == 7841 and counts[2] == 1021
    actors = read_actors(*files)
    assert len(actors.entries) == sum(counts)
    country_codes = {c.code for e in read_actors(files[0]).entries for c in e.codes}
    assert len(country_codes) == 2513
    n, entry = actors.longest_match("the afghan national army said".split(), 1)
    assert n == 3 and entry.code_on("2010-01-01") == "AFGMIL"


def test_real_suite_actor_dictionary():
    actors = read_actors(real(SUITE / "PETR.Validate.actors.txt"))
    sam = next(e for e in actors.entries if e.name == "sam gamgee")
    days = ("2007-01-01", "2008-01-20", "2010-01-10", "2012-11-09", "2013-01-19", None)
    assert [sam.code_on(d) for d in days] == ["HOBCIV", "HOBMIL", "ORCHOB", "HOBGOV", "HOBELI", "HOB"]


# ----------------------------------------------------------------------------------------------------- agents

AGENTS = """\
<!-- invented agents -->
!CREW! = HAND, HANDS, MATE
!DEPT! = BUREAU, BUREAUX

BARGE!CREW! [~SHP]
!DEPT!_OF_TIDES [~GOVSEA]
SKIPPER [~SHP] # automatic plural
BUOY_KEEPER [~SHP]
FERRY [~SHP]
LIGHTHOUSE_WATCH {} [~SHP]
SEA_WITCH {SEA_WITCHES SEA_HAGS} [ ~MYS]
HARBOUR BOARD  [  PRT~]
DOCK_BOSS [~PRT}
WHARF_RAT
ROPE_TAR [~SHP]
"""


def test_agents(tmp_path):
    agents = read_agents(write(tmp_path, AGENTS))
    by_line: dict[int, list[tuple[str, ...]]] = {}
    for a in agents.agents:
        by_line.setdefault(a.line, []).append(a.phrase)
    assert by_line[5] == [("bargehand",), ("bargehands",), ("bargemate",)]  # no extra plural with macros
    assert by_line[6] == [("bureau", "of", "tides"), ("bureaux", "of", "tides")]
    assert by_line[7] == [("skipper",), ("skippers",)]
    assert by_line[8] == [("buoy", "keeper"), ("buoy", "keepers")]
    assert by_line[9] == [("ferry",), ("ferries",)]
    assert by_line[10] == [("lighthouse", "watch")]
    assert by_line[11] == [("sea", "witch"), ("sea", "witches"), ("sea", "hags")]
    assert by_line[12] == [("harbour", "board"), ("harbour", "boards")]
    assert by_line[14] == [("wharf", "rat"), ("wharf", "rats")]  # no code: the next line's
    codes = {a.line: (a.code, a.prefix) for a in agents.agents}
    assert codes[5] == ("SHP", False) and codes[11] == ("MYS", False)
    assert codes[12] == ("PRT", True) and codes[13] == ("PRT", False)
    assert codes[14] == codes[15] == ("SHP", False)


def test_agent_longest_match(tmp_path):
    agents = read_agents(write(tmp_path, "SEA [~SEA]\nSEA_WITCH [~MYS]\nSEA_WITCH_HUNTER [~HNT]\n"))
    assert [len(a.phrase) for a in agents.index["sea"]] == [3, 3, 2, 2, 1]  # "seas" is under "seas"
    n, agent = agents.longest_match(["a", "sea", "witch", "hunters"], 1)
    assert (n, agent.code) == (3, "HNT")
    assert agents.longest_match(["a", "sea", "witch"], 1)[0] == 2
    assert agents.longest_match(["a"], 0) is None and agents.longest_match(["a"], 3) is None


@pytest.mark.parametrize("word, expected", [
    ("ferry", "ferries"), ("day", "days"), ("box", "boxes"), ("bus", "buses"), ("church", "churches"),
    ("brush", "brushes"), ("waltz", "waltzes"), ("mate", "mates"), ("y", "ys"),
])
def test_plural(word, expected):
    assert petrarch._plural(word) == expected


@pytest.mark.parametrize("text, line, reason", [
    ("SEA!NOPE! [~SEA]\n", 1, "undefined substitution"),
    ("!X! = A, , B\n", 1, "malformed substitution"),
    ("SE!A [~SEA]\n", 1, "stray '!'"),
    ("SEA [SEA]\n", 1, "malformed agent code"),
    ("SEA [~S E A~]\n", 1, "malformed agent code"),
    ("SEA [~SEA] extra\n", 1, "malformed agent line"),
    ("SEA [~SEA]\nTIDE\n", 2, "agent without a code"),
])
def test_agent_errors(tmp_path, text, line, reason):
    path = write(tmp_path, text)
    with pytest.raises(DictionaryError, match=reason) as caught:
        read_agents(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_real_agent_dictionary():
    agents = read_agents(real(REFERENCE / "Phoenix.agents.txt"))
    assert 2200 <= len({a.line for a in agents.agents}) <= 2260  # ~2,243 nouns
    assert len({a.code for a in agents.agents}) == 84
    assert agents.longest_match(["riot", "police"], 1)[1].code == "COP"


def test_real_suite_agent_dictionary():
    agents = read_agents(real(SUITE / "PETR.Validate.agents.txt"))
    phrases = {a.phrase: a for a in agents.agents}
    assert phrases[("congresswoman",)].code == "LEG"
    assert phrases[("ministries", "of", "silly", "walks")].code == "GOV"
    assert phrases[("msf",)].prefix


# --------------------------------------------------------------------------------------------------- discards


def test_discards(tmp_path):
    text = "# + marks the story level\nDAYS AFTER\n+Grand_Regatta   # sport\n+TIDE TABLE ;x\nYACHT CLUB\n"
    discards = read_discards(write(tmp_path, text))
    assert discards.sentence == (("days", "after"), ("yacht", "club"))
    assert discards.story == (("grand", "regatta"), ("tide", "table"))


@pytest.mark.parametrize("text", ["+\n", "YACHT [CLUB]\n"])
def test_discard_errors(tmp_path, text):
    path = write(tmp_path, "# x\n" + text)
    with pytest.raises(DictionaryError, match=f"^{path}:2: malformed discard phrase"):
        read_discards(path)


def test_real_suite_discards():
    discards = read_discards(real(SUITE / "PETR.Validate.discards.txt"))
    assert len(discards.sentence) == 5 and len(discards.story) == 4
    assert ("manchester", "united") in discards.story


# ----------------------------------------------------------------------------------------------------- common


def test_latin1_fallback_and_markup(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("<!--\n# skipped\n-->\nCAF\xc9_BAR\t[CAF]\n".encode("latin-1"))
    (entry,) = read_actors(path).entries
    assert entry.name == "caf\xe9 bar" and entry.line == 4


def test_phrase_look_up_by_length_finds_what_the_scan_finds():
    """The packaged actor and agent indexes grouped by phrase length give, at every position, the
    first listed longest phrase, as scanning the candidates in turn does; candidates not listed
    longest first are scanned."""
    import random

    from entente.lexicon.load import load_actors, load_agents

    actors, agents = load_actors(), load_agents()
    rng = random.Random(18)
    firsts = sorted(actors.index)
    for _ in range(3000):
        entry_words = rng.choice(actors.index[rng.choice(firsts)])[0]
        words = ["the", *entry_words[:rng.randint(1, len(entry_words))], *rng.sample(firsts, 2)]
        for i in range(len(words)):
            scan = petrarch._match_at(actors.index.get(words[i], ()), words, i)
            assert actors.longest_match(words, i) == scan
    for first, listed in list(agents.index.items())[:2000]:
        words = [*listed[0].phrase, "police"]
        assert agents.longest_match(words, 0) == petrarch._match_at(((a.phrase, a) for a in listed), words, 0)
    shortest_first = [(("a",), 1), (("a", "b"), 2)]
    assert petrarch._by_length(shortest_first) is None
    assert petrarch._match_grouped(None, shortest_first, ["a", "b"], 0) == (1, 1)


def test_actor_dictionary_is_cached_and_read_back_the_same(tmp_path, monkeypatch):
    """The packaged actors are read once into the cache folder; a new process reads them back from
    there (no dictionary parsing) with the same entries and index; a changed file is read again."""
    from entente.lexicon import load
    from entente.settings import reload_settings

    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path))
    reload_settings()
    load._actors.cache_clear()
    read = load.load_actors()
    (cached,) = tmp_path.glob("actors-*.marshal")
    load._actors.cache_clear()
    monkeypatch.setattr(load, "read_actors", lambda *paths: pytest.fail("read again, not from the cache"))
    again = load.load_actors()
    assert again is not read and again.rows == read.rows and again.firsts == read.firsts
    assert [e.name for e in again.entries[:50]] == [e.name for e in read.entries[:50]]
    words = ["the", "united", "states", "and", "pakistan"]
    assert again.longest_match(words, 1) == read.longest_match(words, 1) is not None
    monkeypatch.undo()
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path))
    reload_settings()
    own = write(tmp_path, ACTORS)
    load._actors.cache_clear()
    first = load.load_actors(own)
    (own_table,) = set(tmp_path.glob("actors-*.marshal")) - {cached}
    os.utime(own, ns=(1, 1))  # an edited dictionary has another time: its old table is not read
    load._actors.cache_clear()
    assert load.load_actors(own).rows == first.rows
    tables = set(tmp_path.glob("actors-*.marshal"))
    assert cached in tables and own_table not in tables and len(tables) == 2  # the old one replaced
    load._actors.cache_clear()
