"""Coder options: a user's dictionaries and the confidence threshold, resolved once per process.

:class:`CoderOptions` is the small, frozen, picklable record that travels
from the command line to every worker (a process pool or Dask). Each process
turns it into a :class:`Coder` (the lexicon, the dictionary actors and agents,
the threshold) once, with :func:`coder_for`, and reuses it for every
document. A user's dictionary folder adds:

- its verbs, as a dictionary layer asked *first* (the user's own verbs win),
  then entente's rules, then the packaged CAMEO 2.0 verbs;
- its actors (with its agents, or the packaged Phoenix agents when the folder
  has none), written over entente's own sides for the tokens they name, with
  their codes (:func:`tag_sides`);
- its discards: no events from a sentence that holds a discard phrase, none
  from a document that holds a story discard (``+`` lines) (:func:`kept_events`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from entente.coding.arguments import Sides
from entente.coding.confidence import default_threshold
from entente.coding.layers import DictionaryLayer, Lexicon, default_lexicon, layer_settings
from entente.errors import E131_BAD_DICTIONARIES
from entente.lexicon.load import DictionarySet, DictionarySetError, load_agents, load_folder
from entente.lexicon.petrarch import ActorDictionaryP, AgentDictionary, DictionaryError, Discards
from entente.lexicon.tagging import TaggedActor, dictionary_sides, tag_actors
from entente.records import Event

Dictionaries = DictionarySet | str | os.PathLike | None
WORD = re.compile(r"[\w'&$-]+")  # a word of a discard phrase, as PETRARCH splits them (on white space)


@dataclass(frozen=True)
class CoderOptions:
    """How the event coder is set up for a run (picklable: it is sent to every worker).

    dictionaries (Path | None): a folder of PETRARCH/TABARI dictionaries (``*verbs*.txt``,
        ``*actors*.txt``, ``*agents*.txt``), or None for entente's own.
    min_confidence (float | None): events below it are dropped; None: the default threshold
        of ``data/lexicon/confidence.tsv``.
    profile (str): the spaCy pipeline's profile, "full" or "fast" (no NER), see
        :func:`entente.nlp.pipeline.load_pipeline`.
    """

    dictionaries: Path | None = None
    min_confidence: float | None = None
    profile: str = "full"

    def __post_init__(self) -> None:
        if self.dictionaries is not None and not isinstance(self.dictionaries, Path):
            object.__setattr__(self, "dictionaries", Path(self.dictionaries))
        check_confidence(self.min_confidence)
        if self.profile not in ("full", "fast"):
            raise ValueError(f"unknown profile {self.profile!r} (full or fast)")

    def fingerprint(self) -> str:
        """A key that changes with the options or the dictionaries' contents ("" for the defaults).

        Reads every file in the folder: call it once per run, not per document.
        RETURNS (str): "" for entente's defaults, else a hex digest of the threshold and the
            name and contents of every file in the folder.
        """
        if self.dictionaries is None and self.min_confidence is None:
            return ""
        h = hashlib.sha1(json.dumps([self.min_confidence, self.dictionaries is not None]).encode("utf-8"))
        if self.dictionaries is not None and self.dictionaries.is_dir():
            for p in sorted(self.dictionaries.iterdir()):
                if p.is_file():
                    h.update(f"\0{p.name}\0".encode("utf-8"))
                    h.update(p.read_bytes())
        return h.hexdigest()[:16]


@dataclass(frozen=True, eq=False)
class Coder:
    """What the coder uses for one run: layers in order, dictionary actors, the threshold."""

    lexicon: Lexicon
    actors: ActorDictionaryP | None = None
    agents: AgentDictionary | None = None
    threshold: float = 0.0
    discards: Discards | None = None


def check_confidence(value: float | None) -> float | None:
    """``value`` if it is None or a number in [0, 1]; raises ValueError otherwise."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if value is not None and not (number and 0.0 <= value <= 1.0):
        raise ValueError(f"min_confidence must be a number from 0 to 1, not {value!r}")
    return value


def load_dictionaries(folder: str | os.PathLike[str]) -> DictionarySet:
    """The dictionary set in ``folder``; any problem raises :class:`DictionarySetError` (``E131``)
    naming the folder and the reason (no such folder, no dictionary files, a bad line...)."""
    if not Path(folder).exists():
        raise DictionarySetError(f"{E131_BAD_DICTIONARIES} cannot use dictionary folder {folder}: no such folder")
    try:
        return load_folder(folder)
    except (DictionarySetError, DictionaryError, OSError, UnicodeDecodeError) as exc:
        raise DictionarySetError(f"{E131_BAD_DICTIONARIES} cannot use dictionary folder {folder}: "
                                 f"{_reason(exc, Path(folder))}") from exc


def _reason(exc: Exception, folder: Path) -> str:
    text = str(exc)
    prefix = f"{folder}: "
    return text[len(prefix):] if text.startswith(prefix) else text  # the folder is named once


@lru_cache(maxsize=8)
def coder_for(options: CoderOptions) -> Coder:
    """The process's coder for ``options``: built once per process and options (the dictionaries
    load once per worker), then reused by every document and batch."""
    dictionaries = load_dictionaries(options.dictionaries) if options.dictionaries is not None else None
    return build_coder(default_lexicon(), dictionaries, options.min_confidence)


def make_coder(lexicon: Lexicon | None = None, dictionaries: Dictionaries = None,
               min_confidence: float | None = None) -> Coder:
    """The coder for the API's keyword arguments (cached when they name no objects of their own).

    lexicon (Lexicon | None): the layers to use (default: entente's rules, then CAMEO 2.0).
    dictionaries (DictionarySet | path | None): a user's dictionaries, or the folder they are in.
    min_confidence (float | None): the threshold (default: the table's).
    """
    if lexicon is None and not isinstance(dictionaries, DictionarySet):
        folder = Path(dictionaries) if dictionaries is not None else None
        return coder_for(CoderOptions(folder, min_confidence))
    if dictionaries is not None and not isinstance(dictionaries, DictionarySet):
        dictionaries = load_dictionaries(dictionaries)
    return build_coder(lexicon or default_lexicon(), dictionaries, check_confidence(min_confidence))


def build_coder(base: Lexicon, dictionaries: DictionarySet | None, min_confidence: float | None) -> Coder:
    """``base`` with the user's verbs asked first, the user's actors and agents, and the threshold."""
    threshold = default_threshold() if min_confidence is None else min_confidence
    if dictionaries is None:
        return Coder(base, threshold=threshold)
    layers = base.layers
    if dictionaries.verbs is not None:
        layers = (DictionaryLayer(dictionaries.verbs, layer_settings(), name="user"), *layers)
    agents = dictionaries.agents
    if dictionaries.actors is not None and agents is None:
        agents = load_agents()  # the packaged Phoenix agents give the user's actors their sectors
    lexicon = replace(base, layers=tuple(layers))  # the base's other settings stand
    return Coder(lexicon, dictionaries.actors, agents, threshold, dictionaries.discards)


def tag_sides(doc: Doc, sides: Sides, coder: Coder, date: str | None) -> list[TaggedActor]:
    """Write the coder's dictionary actors into ``sides``, over entente's own for their tokens.

    An agent with no actor of the dictionary in sight ("---GOV") has no country: entente's
    own reading of those tokens stands. RETURNS (list[TaggedActor]): the actors written.
    """
    if coder.actors is None:
        return []
    tags = [a for a in tag_actors(doc, coder.actors, coder.agents, date) if _has_country(a)]
    for a in tags:
        for i in range(a.start, a.end):
            sides.several.pop(i, None)  # entente's joint reading ("CPEC") yields to the user's actor
    dictionary_sides(sides, tags)
    return tags


def _has_country(actor: TaggedActor) -> bool:
    return actor.country.isalpha() and len(actor.country) == 3


def kept_events(events: list[Event], text: str, discards: Discards | None) -> list[Event]:
    """``events`` less those a discard file rules out: all of them when ``text`` holds a story
    discard phrase, and those whose evidence sentence holds a sentence discard phrase."""
    if discards is None:
        return events
    if _holds(_words(text), discards.story):
        return []
    return [e for e in events if not any(_holds(_words(ev.text), discards.sentence) for ev in e.evidence)]


def _words(text: str) -> str:
    """`` word word ... ``: the lower-case words of ``text`` between single spaces."""
    return " " + " ".join(WORD.findall(text.lower())) + " "


def _holds(words: str, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(f" {' '.join(p)} " in words for p in phrases)
