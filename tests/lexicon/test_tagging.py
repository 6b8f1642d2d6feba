"""Dictionary actors and agents found in a parsed document (:func:`tag_actors`).

The actor and agent dictionaries are written here (invented places and people);
every sentence was written for these tests.
"""

from __future__ import annotations

import pytest

from entente.lexicon.petrarch import read_actors, read_agents
from entente.lexicon.tagging import tag_actors

ACTORS = """\
KALDOR [KAL]
+KALDORAN
NEW_KALDOR [NKL]
KALDOR_RIVER_AUTHORITY [KALWAT]
KALDOR_STREET [---]
KALDOR_POLICE_ACADEMY [---]
MORVAN [MRV]
MIRA_VELLO
+PRESIDENT_VELLO
\t[KALGOV 150101-200101]
\t[KALOPP 200101]
"""

AGENTS = """\
POLICE {POLICE} [~COP]
POLICE_CHIEF [~COPLEAD]
FOREIGN_MINISTER [~GOV]
AID_WORKER [NGO~]
"""


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tagging")
    (folder / "actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "agents.txt").write_text(AGENTS, encoding="utf-8")
    return read_actors(folder / "actors.txt"), read_agents(folder / "agents.txt")


@pytest.fixture()
def tagged(nlp, dictionaries):
    """``tagged(text, date=None) -> [(words, code, kind)]`` in text order."""
    actors, agents = dictionaries

    def run(text: str, date: str | None = None) -> list[tuple[str, str, str]]:
        doc = nlp(text)
        return [(doc[a.start:a.end].text, a.code, a.kind) for a in tag_actors(doc, actors, agents, date)]

    return run


def test_tagging_longest_name_first(tagged):
    assert tagged("New Kaldor and Kaldor signed a deal.") == [
        ("New Kaldor", "NKL", "actor"), ("Kaldor", "KAL", "actor")]
    assert tagged("The Kaldor River Authority closed the dam.") == [
        ("Kaldor River Authority", "KALWAT", "actor")]


def test_tagging_dated_role_follows_the_document_date(tagged):
    text = "President Vello met Morvan officials."
    assert tagged(text, "2016-05-01")[0] == ("President Vello", "KALGOV", "actor")
    assert tagged(text, "2022-05-01")[0] == ("President Vello", "KALOPP", "actor")


@pytest.mark.parametrize("text, agent, code", [
    ("Kaldor's police arrested two protesters.", "police", "KALCOP"),
    ("The police of Kaldor detained protesters.", "police", "KALCOP"),
    ("The Kaldoran foreign minister visited Morvan.", "foreign minister", "KALGOV"),
    ("Morvan police chief resigned.", "police chief", "MRVCOPLEAD"),  # the longest agent phrase
    ("Kaldor aid workers left Morvan.", "aid workers", "NGOKAL"),  # [NGO~]: the agent's code first
])
def test_tagging_agent_takes_the_country_of_its_phrase(tagged, text, agent, code):
    assert (agent, code, "agent") in tagged(text)


def test_tagging_agent_without_a_country(tagged):
    assert tagged("Police detained protesters.") == [("Police", "---COP", "agent")]


def test_tagging_agent_takes_its_own_phrase_country_not_the_nearest(tagged):
    found = tagged("Kaldor's police arrested two Morvan aid workers.")
    assert ("police", "KALCOP", "agent") in found
    assert ("aid workers", "NGOMRV", "agent") in found


def test_tagging_no_code_actor_is_not_tagged_and_hides_shorter_names(tagged):
    assert tagged("Kaldor Street was closed.") == []  # not the actor "Kaldor" either
    assert tagged("Kaldor reopened Kaldor Street.") == [("Kaldor", "KAL", "actor")]


# A [---] name tells the tagger its words are no actor, and no agent either.
def test_tagging_no_agent_inside_a_no_code_name(tagged):
    assert tagged("The Kaldor Police Academy opened a new campus.") == []


def test_tagging_prefix_agent_keeps_its_owners_country(tmp_path, nlp):
    from entente.lexicon.petrarch import read_actors, read_agents
    from entente.lexicon.tagging import tag_actors

    (tmp_path / "a.txt").write_text("VELDANIA [VLD]\n", encoding="utf-8")
    (tmp_path / "g.txt").write_text("MONITORS [IGO~]\n", encoding="utf-8")
    doc = nlp("Veldania's monitors left the valley.")
    (agent,) = [t for t in tag_actors(doc, read_actors(tmp_path / "a.txt"), read_agents(tmp_path / "g.txt"))
                if t.kind == "agent"]
    assert agent.code == "IGOVLD" and agent.country == "VLD"
