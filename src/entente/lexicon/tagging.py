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
from typing import Callable, Sequence

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
    owner: str | None = None  # an agent's owner code ("---" none), whatever side of the agent's code it sits

    @property
    def country(self) -> str:
        return (self.owner or self.code)[:3]


def tag_actors(doc: Doc, actors: ActorDictionaryP | None, agents: AgentDictionary | None,
               date: str | None = None) -> list[TaggedActor]:
    """Dictionary actors and agents of ``doc``, composite codes resolved."""
    strings = doc.vocab.strings
    words = [strings[h] for h in doc.to_array("LOWER")]  # without building a Token per word
    named, reserved = _names(words, actors, date) if actors is not None else ([], set())
    taken = reserved | {i for a in named for i in range(a.start, a.end)}
    nouns = _agents(words, agents, taken) if agents is not None else []
    out = list(named)
    owners: dict[int, list[TaggedActor]] = {}
    by_token = _by_token(named)  # once per document: per agent, it made a long document quadratic
    for ag in nouns:
        head = doc[ag.end - 1]
        found = _owners(doc, ag, by_token)
        if not found and head.dep_ == "conj" and head.head.i in owners:
            found = owners[head.head.i]  # "Danish media and government": both Danish
        owners[head.i] = found
        for owner in found if found else [None]:
            country = owner.code if owner else "---"
            out.append(TaggedActor(ag.start, ag.end, _compose(country, ag), ag.name, "agent", country))
    return sorted(_titled(doc, out), key=lambda a: a.start)


def _compose(country: str, ag: _Agent) -> str:
    if country.endswith(ag.code) or (ag.prefix and country.startswith(ag.code)):
        return country  # "White House officials": the owner is already the government
    return ag.code + country if ag.prefix else country + ag.code


def _titled(doc: Doc, tags: list[TaggedActor]) -> list[TaggedActor]:
    """A person named after their title ("the Bree Prime Minister Romendacil") takes the title's
    code when it is the same country's, more specific one."""
    by_token = {i: a for a in tags if a.kind == "agent" for i in range(a.start, a.end)}
    out: list[TaggedActor] = []
    for a in tags:
        if a.kind == "actor":
            titles = [by_token[c.i] for c in doc[a.end - 1].children
                      if c.dep_ == "compound" and c.i < a.start and c.i in by_token]
            # "the Bree Prime Minister Romendacil": the same state's more specific code; "Ithilen's
            # minister Calimehtar": the title's own state says whom he speaks for
            better = [t for t in titles if (t.code.startswith(a.code) and len(t.code) > len(a.code))
                      or (t.owner not in (None, "---") and t.owner != a.code)]
            if better:
                a = TaggedActor(a.start, a.end, better[-1].code, a.name, a.kind, a.owner)
        out.append(a)
    return out


def _names(words: list[str], actors: ActorDictionaryP, date: str | None) -> tuple[list[TaggedActor], set[int]]:
    """Coded names, and the words of names the dictionary marks as no actor (``[---]``): those are
    no agent either ("the Police Academy")."""
    found: list[TaggedActor] = []
    reserved: set[int] = set()
    firsts = actors.firsts  # most words start no name: no look-up for them
    i = 0
    while i < len(words):
        hit = actors.longest_match(words, i) if words[i] in firsts else None
        if hit is None:
            i += 1
            continue
        n, entry = hit
        code = entry.code_on(date)
        if code and code not in NO_CODE:
            found.append(TaggedActor(i, i + n, code, entry.name, "actor"))
        else:
            reserved.update(range(i, i + n))
        i += n
    return found, reserved


@dataclass(frozen=True, slots=True)
class _Agent:
    start: int
    end: int
    code: str
    name: str
    prefix: bool


def _agents(words: list[str], agents: AgentDictionary, taken: set[int]) -> list[_Agent]:
    found: list[_Agent] = []
    firsts = agents.index  # most words start no agent phrase: no look-up for them
    i = 0
    while i < len(words):
        hit = None if i in taken or words[i] not in firsts else agents.longest_match(words, i)
        if hit is None or any(j in taken for j in range(i, i + hit[0])):
            i += 1
            continue
        n, agent = hit
        found.append(_Agent(i, i + n, agent.code, " ".join(agent.phrase), agent.prefix))
        i += n
    return found


def _by_token(named: Sequence[TaggedActor]) -> dict[int, TaggedActor]:
    """The dictionary actor over each token (the last one listed, where two overlap)."""
    return {i: a for a in named for i in range(a.start, a.end)}


def _owners(doc: Doc, agent: _Agent, by_token: dict[int, TaggedActor]) -> list[TaggedActor]:
    """The dictionary actors an agent belongs to: inside its noun phrase or "of"/"from" it, with the
    actors coordinated with that one ("the ambassadors of A, B and C"). ``by_token``: from
    :func:`_by_token`."""
    owner = _owner(doc, agent, by_token)
    if owner is None:
        return []
    found = [owner]
    for c in doc[owner.end - 1].conjuncts:
        other = by_token.get(c.i)
        if other is not None and other not in found:
            found.append(other)
    return found


def _owner(doc: Doc, agent: _Agent, by_token: dict[int, TaggedActor]) -> TaggedActor | None:
    """The dictionary actor an agent belongs to: inside its noun phrase or "of"/"from" it."""
    head = doc[agent.end - 1]
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



def dictionary_sides(sides, tags: Sequence[TaggedActor], name_of: Callable[[TaggedActor], str] | None = None,
                     keep_codes: bool = False, tell_by: str = "code") -> None:
    """Write dictionary actors into the coder's token index (``entente.coding.arguments.Sides``):
    each tagged token stands for its actor (an agent of several owners for each of them, "the
    foreign ministers of Peru and Chile"), and each actor's code is recorded. ``name_of`` names an
    actor (default: its dictionary entry), ``tell_by`` ("code" or "country") tells apart the actors
    of one phrase; ``keep_codes`` leaves codes already recorded alone."""
    spans: dict[tuple[int, int], list[TaggedActor]] = {}
    for a in tags:
        spans.setdefault((a.start, a.end), []).append(a)
    for (start, end), group in spans.items():
        entries = []
        for a in group:
            base = name_of(a) if name_of else a.name
            name = base if len(group) == 1 else f"{base} ({getattr(a, tell_by)})"
            entries.append((a.country, name))
            if not (keep_codes and (a.country, name) in sides.codes):
                sides.codes[(a.country, name)] = a.code
        for i in range(start, end):
            sides.country[i] = entries[0]
            if len(entries) > 1:
                sides.several[i] = entries
