"""Actors from a loaded PETRARCH/TABARI dictionary set, found in a parsed document.

Names are matched longest first over the lower-cased words of the text (the
actor's code as of the document's date, for dated roles). Agent nouns
("police", "foreign minister", "rebels") take the country of an actor in
their own noun phrase ("Gondor's government", "the Arnor police", "rebels of
Mordor", "Arnor cleric") and make a composite code: country + agent
("GONGOV"), or agent + country for agents marked so in the dictionary; an
agent with no country in sight gets ``---`` for the country ("---GOV").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc, Token

from entente.lexicon.petrarch import ActorDictionaryP, AgentDictionary

NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "appos"})
NO_CODE = frozenset({"---", ""})


@dataclass(frozen=True, slots=True)
class TaggedActor:
    """A span of tokens ``[start, end)`` that a dictionary codes."""

    start: int
    end: int
    code: str
    name: str
    kind: str  # actor | agent

    @property
    def country(self) -> str:
        return self.code[:3]


def tag_actors(doc: Doc, actors: ActorDictionaryP | None, agents: AgentDictionary | None,
               date: str | None = None) -> list[TaggedActor]:
    """Dictionary actors and agents of ``doc``, composite codes resolved."""
    words = [t.lower_ for t in doc]
    named = _names(words, actors, date) if actors is not None else []
    taken = {i for a in named for i in range(a.start, a.end)}
    nouns = _agents(words, agents, taken) if agents is not None else []
    out = list(named)
    for ag in nouns:
        owner = _owner(doc, ag, named)
        country = owner.code if owner else "---"
        if country.endswith(ag.code) or (ag.prefix and country.startswith(ag.code)):
            code = country  # "White House officials": the owner is already the government
        else:
            code = ag.code + country if ag.prefix else country + ag.code
        out.append(TaggedActor(ag.start, ag.end, code, ag.name, "agent"))
    return sorted(out, key=lambda a: a.start)


def _names(words: list[str], actors: ActorDictionaryP, date: str | None) -> list[TaggedActor]:
    found: list[TaggedActor] = []
    i = 0
    while i < len(words):
        hit = actors.longest_match(words, i)
        if hit is None:
            i += 1
            continue
        n, entry = hit
        code = entry.code_on(date)
        if code and code not in NO_CODE:
            found.append(TaggedActor(i, i + n, code, entry.name, "actor"))
        i += n
    return found


@dataclass(frozen=True, slots=True)
class _Agent:
    start: int
    end: int
    code: str
    name: str
    prefix: bool


def _agents(words: list[str], agents: AgentDictionary, taken: set[int]) -> list[_Agent]:
    found: list[_Agent] = []
    i = 0
    while i < len(words):
        hit = None if i in taken else agents.longest_match(words, i)
        if hit is None or any(j in taken for j in range(i, i + hit[0])):
            i += 1
            continue
        n, agent = hit
        found.append(_Agent(i, i + n, agent.code, " ".join(agent.phrase), agent.prefix))
        i += n
    return found


def _owner(doc: Doc, agent: _Agent, named: Sequence[TaggedActor]) -> TaggedActor | None:
    """The dictionary actor an agent belongs to: inside its noun phrase or "of"/"from" it."""
    head = doc[agent.end - 1]
    by_token = {i: a for a in named for i in range(a.start, a.end)}
    phrase = [t for t in head.subtree if t.i < agent.start or t.i >= agent.end]
    near: list[Token] = []
    for t in phrase:
        path_ok = t.head.i == head.i and t.dep_ in NP_DEPS or _under_of(t, head)
        if path_ok or any(a.i == head.i for a in t.ancestors) and t.i < agent.start:
            near.append(t)
    for t in sorted(near, key=lambda t: abs(t.i - agent.start)):
        if t.i in by_token:
            return by_token[t.i]
    # "Arnor cleric", "MSF Arnor diplomat": the actor right before the agent, parsed as its own noun.
    before = by_token.get(agent.start - 1) or by_token.get(agent.start - 2)
    if before is not None and before.end >= agent.start - 1:
        return before
    return None


def _under_of(t: Token, head: Token) -> bool:
    prep = t.head
    return (t.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ("of", "from", "in")
            and prep.head.i == head.i)

