"""Loading dictionary sets: the packaged one, or a user's folder.

Reading and compiling the CAMEO 2.0 verbs and the Phoenix actors takes about a second; the
compiled form is kept per process (keyed by path, size and modification time) so every
document, batch and worker of a run shares one copy, and in the cache folder
(:mod:`entente.cachefile`) so the next process reads it back in a fraction of the time.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from entente.cachefile import file_cache_path, read_or_build, stamp
from entente.lexicon import petrarch
from entente.lexicon import verbs as verb_code
from entente.errors import E131_BAD_DICTIONARIES, EntenteError
from entente.lexicon.petrarch import (
    ActorDictionaryP, AgentDictionary, Discards, read_actors, read_agents, read_discards, read_verbs,
)
from entente.lexicon.verbs import VerbLexicon

PACKAGED_VERBS = "CAMEO.2.0.txt"
PACKAGED_AGENTS = "Phoenix.agents.txt"
ACTORS_FORMAT = 1  # the layout of ActorDictionaryP.to_data: a change of it must change this
PACKAGED_ACTORS = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                   "Phoenix.MilNonState.actors.txt")


class DictionarySetError(EntenteError):
    """A dictionary folder that cannot be used."""

    code = E131_BAD_DICTIONARIES


def packaged(name: str) -> Path:
    return Path(str(resources.files("entente") / "data" / "lexicon" / name))


def _key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def load_verbs(path: str | os.PathLike[str] | None = None) -> VerbLexicon:
    """The compiled verb dictionary at ``path`` (default: the packaged CAMEO 2.0 verbs)."""
    return _verbs(_key(Path(path) if path else packaged(PACKAGED_VERBS)))


@lru_cache(maxsize=8)
def _verbs(key: tuple[str, int, int]) -> VerbLexicon:
    # Kept in the cache folder (pickle): reading it back takes about half the time of compiling.
    return read_or_build(file_cache_path("verbs", [key], stamp(sources=(petrarch, verb_code)), ".pickle"),
                         lambda: VerbLexicon(read_verbs(key[0])), valid=lambda v: isinstance(v, VerbLexicon),
                         replace_older=True)


def load_agents(path: str | os.PathLike[str] | None = None) -> AgentDictionary:
    return _agents(_key(Path(path) if path else packaged(PACKAGED_AGENTS)))


@lru_cache(maxsize=8)
def _agents(key: tuple[str, int, int]) -> AgentDictionary:
    return read_or_build(file_cache_path("agents", [key], stamp(sources=(petrarch,)), ".pickle"),
                         lambda: read_agents(key[0]), valid=lambda a: isinstance(a, AgentDictionary),
                         replace_older=True)


def load_actors(*paths: str | os.PathLike[str]) -> ActorDictionaryP:
    chosen = [Path(p) for p in paths] or [packaged(n) for n in PACKAGED_ACTORS]
    return _actors(tuple(_key(p) for p in chosen))


@lru_cache(maxsize=4)
def _actors(keys: tuple[tuple[str, int, int], ...]) -> ActorDictionaryP:
    """Read once per process, and kept in the cache folder as plain tuples (marshal): reading
    tens of thousands of entries takes about half a second, reading them back a few hundredths."""
    path = file_cache_path("actors", keys, stamp(ACTORS_FORMAT, marshal.version, sources=(petrarch,)), ".marshal")
    data = read_or_build(path, lambda: read_actors(*(k[0] for k in keys)).to_data(),
                         dumps=marshal.dumps, loads=marshal.loads, valid=_actor_data, replace_older=True)
    return ActorDictionaryP(*data)


def _actor_data(data: object) -> bool:
    return isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], tuple) and isinstance(data[1], dict)


@dataclass(frozen=True, eq=False)
class DictionarySet:
    """The dictionaries found in one folder; ``None`` where the folder has none of a kind."""

    folder: Path
    verbs: VerbLexicon | None
    actors: ActorDictionaryP | None
    agents: AgentDictionary | None
    discards: Discards | None


def _pick(folder: Path, *patterns: str) -> list[Path]:
    found: list[Path] = []
    for pattern in patterns:
        found += [p for p in sorted(folder.glob(pattern)) if p not in found and p.is_file()]
    return found


def load_folder(folder: str | os.PathLike[str]) -> DictionarySet:
    """A user's dictionary folder: ``*verbs*.txt`` (or ``CAMEO*.txt``), ``*actors*.txt``,
    ``*agents*.txt``, ``*discards*.txt``; at most one verbs, agents and discards file."""
    root = Path(folder)
    if not root.is_dir():
        raise DictionarySetError(f"{root}: not a folder of dictionaries")
    verbs = _pick(root, "*verbs*.txt", "*Verbs*.txt", "CAMEO*.txt")
    actors = _pick(root, "*actors*.txt", "*Actors*.txt")
    agents = _pick(root, "*agents*.txt", "*Agents*.txt")
    discards = _pick(root, "*discards*.txt", "*Discards*.txt")
    for kind, files in (("verbs", verbs), ("agents", agents), ("discards", discards)):
        if len(files) > 1:
            names = ", ".join(p.name for p in files)
            raise DictionarySetError(f"{root}: more than one {kind} file ({names}); keep one")
    if not (verbs or actors or agents or discards):
        raise DictionarySetError(f"{root}: no dictionary files (*verbs*.txt, *actors*.txt, *agents*.txt, "
                                 "*discards*.txt)")
    return DictionarySet(
        folder=root,
        verbs=load_verbs(verbs[0]) if verbs else None,
        actors=load_actors(*actors) if actors else None,
        agents=load_agents(agents[0]) if agents else None,
        discards=read_discards(discards[0]) if discards else None,
    )
