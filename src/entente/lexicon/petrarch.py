"""Readers for the PETRARCH / TABARI dictionary formats (standard library only).

Four readers turn the plain-text dictionaries of PETRARCH2 (and the older
TABARI-style files of the PETRARCH validation suite) into frozen dataclasses:

* :func:`read_verbs`    -- verb dictionary: synsets, verbs, patterns (CAMEO.2.0.txt)
* :func:`read_actors`   -- actor dictionaries: names, synonyms, dated codes
* :func:`read_agents`   -- agent dictionary: common nouns to sector codes
* :func:`read_discards` -- discard phrases (sentence and story level)

Each reader raises :class:`DictionaryError` ``"{path}:{line}: reason"`` on a line it
cannot understand; nothing is dropped silently. The decisions below are what the
readers do with the quirks of the real files (all of which load without error).

Common to all files
    Text is UTF-8 (a byte-order mark is skipped); a file that is not UTF-8 is read
    as Latin-1. A comment runs from ``#`` -- or ``;``, TABARI's marker, seen in two
    CAMEO verb lines -- to the end of the line, except inside ``[...]`` (the suite
    has a code ``[###]``). A line starting with ``<!`` opens a comment that ends on
    the line holding ``-->`` (the same line, usually). Words are lower-cased and
    split on ``_`` and white space; empty pieces (``AFGHANISTAN_``, ``A__B``) vanish,
    so TABARI's trailing ``_`` ("stopped", no stemming) is not kept.

Verbs (:func:`read_verbs`)
    * ``&NAME`` opens a synset and ``+MEMBER`` lines fill it until the next
      non-member line; synsets may appear between verb blocks and even inside one
      (legacy file). A trailing ``_`` is stripped from names and members. Members
      may hold spaces (``+AUSTRIAN FLORIN``), be wrapped in ``(...)``/``{...}``
      (dropped), or name another synset (``+&TIETYPES``): such references are
      flattened into the members. A synset defined twice is the union of both.
    * ``--- VERB [code] ---`` opens a block; the trailing ``---`` is optional and
      may touch the code. The block name is the header's words space-joined
      (``COME_AFTER`` -> ``"come after"``). If a header holds two codes (one suite
      block) the first is the block's code. A second block with the same name adds
      its patterns to the first.
    * Other lines in a block are verbs: ``[+]WORD[_WORD...] [{FORMS}] [[code]]``.
      ``+`` anywhere in the verb (``+ASK_FOR``, legacy ``KLM_NOP_+RST``) only marks a
      multi-word verb and is dropped. Forms may be separated by spaces or commas.
      ``{}`` (no regular forms) reads as no forms. ``Verb.code`` is the *active*
      code of the verb's own bracket, else of the block header; ``Verb.passive``
      the passive one. A verb listed more than once (38 in CAMEO 2.0) keeps the
      first listing's block and code -- unless a later listing sits in the block
      named after the verb itself (``ADD`` under ``--- ADD`` rather than under
      ``--- GRANT``); the forms of all listings are merged.
    * ``- <pre> * <post> [code]`` is a pattern (a line starting with ``*`` is a
      pattern whose ``-`` was forgotten, as in one suite line). Codes are
      ``[active]``, ``[active:passive]``, ``[:passive]`` or ``[---]`` and are kept
      verbatim (``0874``, ``075A``, ``080!``, ``+++``). A pattern without a code
      bracket takes the block header's code -- TABARI's convention for verbs;
      none of the real files has such a pattern.
    * ``*`` may be glued to words (``IN_*``, ``*_OUT``, ``*SCEPTICAL``). Every plain
      token is one :class:`Phrase` (``SPECIAL_CLAUSE`` -> one phrase of two words);
      inside ``(PREP ...)`` and ``{...}`` all words are flattened into one phrase
      (``(OF {BANNED PARTIES})`` -> prep ``of``, words ``banned parties``, braced).
      In an underscore-joined token a ``&`` reference takes the longest defined
      synset name (``&FIGHT_OF_WORDS``; ``NEW_&TIETYPES_RELATIONS`` -> ``new``,
      ``&tietypes``, ``relations``; ``&FIGHT_CRIM`` -> ``&fight``, ``crim``). A
      reference to a synset the file never defines (``&WEATHER``, ``&DEMONSTRATION``
      in CAMEO 2.0, ``&SECURITY`` in the suite) is kept as a word and is absent
      from ``synsets``, so it matches nothing; as a synset member it adds nothing.
    * A stray ``)`` or ``}`` is an error, except after a pasted copy of the end of
      the group just closed (``(WITH VISIT)   VISIT)``, ``(ON ^)  ^)``: two CAMEO
      lines), where the copy and the stray closer are dropped.
    * ``~ ... = ...`` lines (CAMEO's transformations section) are recognised and
      not represented.

Actors (:func:`read_actors`)
    A name line starts an entry, ``+`` lines add synonyms, and ``[CODE dates]``
    groups on the name line, a synonym line or following (indented) lines add
    codes, in order; text after a line's last group is a comment missing its
    ``#`` (three Phoenix.International lines). As in PETRARCH, an indented line
    that is not a code (one in Phoenix.International) starts a new entry, and a
    name without codes is an entry with no codes (40 in the Phoenix files, among
    them a stray heading line, ``Source: MNC.MLH.actors``). A stray ``]`` in a name (``+FAEROYENE]_``) is
    dropped. Codes are upper-cased. Date forms: ``D1-D2``, ``<D``, ``>D``, a bare
    ``D`` (from ``D`` on), spaces allowed anywhere; 6-digit ``YYMMDD`` (00-30 ->
    20YY) or 8-digit ``YYYYMMDD``. The range is half-open, ``start <= day < end``
    (the suite's ranges tile that way). Other digit strings follow PETRARCH
    (``YYYY MM D...``): ``201005011`` -> 2010-05-11, ``2004017`` -> 2004-01-07; one
    that still is no calendar date (``9008223``, ``1920030320``) leaves that end of
    the range open, which in both real cases still yields the intended code since
    the entry's earlier code matches first.

Agents (:func:`read_agents`)
    ``!NAME! = A, B, C`` defines a substitution; every ``!NAME!`` in a later line
    (also inside a word) is replaced by each value in turn. ``{P1 P2}`` lists
    plurals, ``{}`` means none; otherwise the last word gets an automatic plural,
    except on lines that use a substitution (whose values already list plurals,
    as PETRARCH documents). ``[~CODE]`` goes after the country, ``[CODE~]`` before;
    spaces inside the bracket and a closing ``}`` are tolerated. A phrase line
    without a code (one in Phoenix.agents) takes the code of the next coded line,
    as an actor name takes the codes that follow it.

Discards (:func:`read_discards`)
    A leading ``+`` marks a story-level discard, no ``+`` a sentence-level one
    (the suite file's header).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

from entente.errors import E135_BAD_DICTIONARY_LINE, EntenteError

__all__ = [
    "ActorCode", "ActorDictionaryP", "ActorEntry", "Agent", "AgentDictionary", "DictionaryError", "Discards",
    "Phrase", "Verb", "VerbDictionary", "VerbPattern", "read_actors", "read_agents", "read_discards",
    "read_verbs",
]

PathArg = str | os.PathLike[str]
T = TypeVar("T")

SLOT_MARKERS = frozenset("$+^%")

# Everything before the first '#' or ';' that is not inside a closed "[...]".
_BEFORE_COMMENT = re.compile(r"(?:[^#;\[]+|\[[^\]\[]*\]|\[)*")
_BRACKET = re.compile(r"\s*\[([^\[\]]*)\]\s*")
_SYNSET_NAME = re.compile(r"&[A-Za-z0-9][A-Za-z0-9_'-]*")
_BLOCK_HEADER = re.compile(r"---\s*(?P<name>[^\[\]{}]*?)\s*(?P<codes>(?:\[[^\[\]]*\]\s*)+)(?:-{3,}\s*)*")
_VERB_LINE = re.compile(r"(?P<verb>[^\[\]{}]+?)\s*(?:\{(?P<forms>[^\[\]{}]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?")
_PATTERN_CODE = re.compile(r"\[([^\[\]]*)\]\s*$")
_PATTERN_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
_VERB_CODE_PART = re.compile(r"[^\s\[\]:]+")
_ACTOR_CODE = re.compile(r"[^\s\[\]]+")
_ACTOR_DATES = re.compile(r"(?:(?P<lt><)|(?P<gt>>))?(?P<first>\d+)(?:-(?P<second>\d+))?")
_MACRO_DEF = re.compile(r"!(?P<name>[A-Za-z0-9_]+)!\s*=(?P<values>.*)")
_MACRO_USE = re.compile(r"!([A-Za-z0-9_]+)!")
_AGENT_LINE = re.compile(
    r"(?P<phrase>[^\[\]{}=]+?)\s*(?:\{(?P<plural>[^\[\]{}]*)\})?\s*(?:\[(?P<code>[^\[\]{}]*)[\]}])?")
_AGENT_CODE = re.compile(r"[A-Za-z0-9]+")
_FORBIDDEN_IN_WORDS = frozenset("[]{}()*&$%^~=<>!")  # in verb, synset and pattern words
_FORBIDDEN_IN_NAMES = frozenset("[]{}=!~")  # in agent phrases
_BRACKETS = frozenset("[]{}")  # in actor names and discards


class DictionaryError(EntenteError, ValueError):
    """A dictionary line the reader cannot understand: ``"{path}:{line}: reason"``."""

    code = E135_BAD_DICTIONARY_LINE


def _error(path: PathArg, line: int, reason: str) -> DictionaryError:
    return DictionaryError(f"{os.fspath(path)}:{line}: {reason}")


# ---------------------------------------------------------------------------------------------------------- lines


def _read_text(path: PathArg) -> str:
    """The file's text: UTF-8 (BOM skipped), else Latin-1."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _strip_comment(line: str) -> str:
    """``line`` without its ``#``/``;`` comment (a ``#`` inside ``[...]`` is content)."""
    if "#" not in line and ";" not in line:
        return line
    match = _BEFORE_COMMENT.match(line)
    return match.group() if match else ""


def _content_lines(path: PathArg) -> Iterator[tuple[int, str]]:
    """``(line number, stripped content)`` for every line that has content after comments."""
    in_markup = False
    lines = _read_text(path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, 1):
        if in_markup:
            in_markup = "-->" not in raw
            continue
        text = raw.strip()
        if text.startswith("<!"):
            in_markup = "-->" not in text
            continue
        text = _strip_comment(text).strip()
        if text:
            yield number, text


def _words(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text``, split on ``_`` and white space."""
    return tuple(text.replace("_", " ").lower().split())


def _longest_first(index: dict[str, list[tuple[tuple[str, ...], T]]]
                   ) -> dict[str, tuple[tuple[tuple[str, ...], T], ...]]:
    """Each list sorted by decreasing phrase length (file order among equals), as tuples."""
    return {k: tuple(sorted(v, key=lambda pair: -len(pair[0]))) for k, v in index.items()}


def _match_at(candidates: Iterable[tuple[tuple[str, ...], T]], words: Sequence[str], i: int
              ) -> tuple[int, T] | None:
    """The first ``(phrase, value)`` whose phrase equals ``words[i:i + len(phrase)]``."""
    for phrase, value in candidates:
        if tuple(words[i:i + len(phrase)]) == phrase:
            return len(phrase), value
    return None


# The candidates of one first word grouped by phrase length, longest first: (length, phrase -> the
# first value listed for it). None where the candidates are not listed longest first.
_ByLength = tuple[tuple[int, dict[tuple[str, ...], T]], ...] | None


def _by_length(candidates: Iterable[tuple[tuple[str, ...], T]]) -> _ByLength[T]:
    groups: list[tuple[int, dict[tuple[str, ...], T]]] = []
    for phrase, value in candidates:
        if not groups or len(phrase) != groups[-1][0]:
            if groups and len(phrase) > groups[-1][0]:
                return None
            groups.append((len(phrase), {}))
        groups[-1][1].setdefault(phrase, value)
    return tuple(groups)


def _match_grouped(groups: _ByLength[T], candidates: Iterable[tuple[tuple[str, ...], T]],
                   words: Sequence[str], i: int) -> tuple[int, T] | None:
    """:func:`_match_at` with one dictionary look-up per phrase length (``groups``, from
    :func:`_by_length` of ``candidates``) instead of a comparison per candidate."""
    if groups is None:
        return _match_at(candidates, words, i)
    for n, phrases in groups:
        value = phrases.get(tuple(words[i:i + n]), _MISSING)
        if value is not _MISSING:
            return n, value  # type: ignore[return-value]
    return None


_MISSING = object()


# ---------------------------------------------------------------------------------------------------------- verbs


@dataclass(frozen=True, slots=True)
class Phrase:
    """One element of a verb pattern."""

    words: tuple[str, ...]  # lower-case; "&synset" references; slot markers "$", "+", "^", "%"
    prep: str | None = None  # for "(PREP ...)": the preposition; words = the rest inside
    braced: bool = False  # "{...}": a noun phrase, last word is its head


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """``- <pre> * <post> [code]``."""

    pre: tuple[Phrase, ...]
    post: tuple[Phrase, ...]
    active: str | None  # None for [---] and [:passive]
    passive: str | None
    block: str
    line: int
    blocked: bool  # [---]: the pattern blocks a false hit


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb line of a block."""

    words: tuple[str, ...]
    forms: tuple[str, ...]  # explicit inflected forms, each space-joined
    code: str | None  # active code: the verb's own, else the block header's; None for [---] or [:passive]
    block: str
    passive: str | None = None  # passive code, from the same bracket as ``code`` (an addition to the brief)


@dataclass(frozen=True)
class VerbDictionary:
    """A parsed verb dictionary."""

    synsets: dict[str, frozenset[str]]  # "&name" -> lower-case members, multi-word ones space-joined
    verbs: dict[tuple[str, ...], Verb]
    patterns: dict[str, tuple[VerbPattern, ...]]  # every block, in file order; patterns in file order

    def block_of(self, words: tuple[str, ...]) -> str | None:
        """The block of the verb ``words``, or None."""
        verb = self.verbs.get(tuple(words))
        return verb.block if verb else None


@dataclass(frozen=True, slots=True)
class _Code:
    """A parsed ``[active:passive]`` bracket."""

    active: str | None
    passive: str | None

    @property
    def blocked(self) -> bool:
        return self.active is None and self.passive is None


def _verb_code(text: str, path: PathArg, line: int) -> _Code:
    """``042``, ``042:043``, ``:173``, ``---`` -> :class:`_Code`."""
    parts = text.strip().split(":")
    if len(parts) > 2:
        raise _error(path, line, f"code [{text}] has more than one ':'")
    values = [p.strip() for p in parts]
    if any(v and not _VERB_CODE_PART.fullmatch(v) for v in values) or not any(values):
        raise _error(path, line, f"malformed code [{text}]")
    active, passive = (values + [""])[:2]
    if len(values) == 2 and not passive:
        raise _error(path, line, f"code [{text}] has an empty passive part")
    return _Code(None if active in ("", "---") else active, None if passive in ("", "---") else passive)


def _verb_words(text: str, path: PathArg, line: int) -> tuple[str, ...]:
    """Words of a verb or form: ``+`` markers dropped, ``_`` and spaces split."""
    words = _words(text.replace("+", " "))
    bad = [w for w in words if _FORBIDDEN_IN_WORDS.intersection(w)]
    if not words or bad:
        raise _error(path, line, f"malformed verb {text.strip()!r}")
    return words


class _VerbReader:
    """The state of one pass over a verb dictionary."""

    def __init__(self, path: PathArg, synset_names: frozenset[str]) -> None:
        self.path = path
        self.synset_names = synset_names
        self.members: dict[str, list[tuple[int, str]]] = {}
        self.verbs: dict[tuple[str, ...], Verb] = {}
        self.patterns: dict[str, list[VerbPattern]] = {}
        self.synset: str | None = None  # the synset taking '+' members
        self.block: str | None = None
        self.block_code = _Code(None, None)

    def feed(self, line: int, text: str) -> None:
        """Dispatch one content line."""
        head = text[0]
        if head == "&":
            self._synset_header(line, text)
        elif head == "+" and self.synset is not None:
            self._member(line, text)
        elif text.startswith("---"):
            self._block_header(line, text)
        elif head in "-*":
            self._pattern(line, text[1:] if head == "-" else text)
        elif head == "~":
            if "=" not in text:
                raise _error(self.path, line, "transformation without '='")
        else:
            self._verb(line, text)

    def finish(self) -> VerbDictionary:
        return VerbDictionary(
            synsets=self._flat_synsets(),
            verbs=dict(self.verbs),
            patterns={name: tuple(found) for name, found in self.patterns.items()},
        )

    # -- synsets

    def _synset_header(self, line: int, text: str) -> None:
        if not _SYNSET_NAME.fullmatch(text):
            raise _error(self.path, line, f"malformed synset header {text!r}")
        self.synset = text.rstrip("_").lower()
        self.members.setdefault(self.synset, [])

    def _member(self, line: int, text: str) -> None:
        body = text[1:].strip()
        if len(body) > 1 and (body[0], body[-1]) in (("(", ")"), ("{", "}")):
            body = body[1:-1]
        if body.startswith("&"):
            member = body.rstrip("_").lower()
            if not _SYNSET_NAME.fullmatch(member):
                raise _error(self.path, line, f"malformed synset reference {body!r}")
        else:
            words = _words(body)
            if not words or any(_FORBIDDEN_IN_WORDS.intersection(w) for w in words):
                raise _error(self.path, line, f"malformed synset member {text!r}")
            member = " ".join(words)
        assert self.synset is not None
        self.members[self.synset].append((line, member))

    def _flat_synsets(self) -> dict[str, frozenset[str]]:
        flat: dict[str, frozenset[str]] = {}
        for name in self.members:
            self._flatten(name, flat, ())
        return flat

    def _flatten(self, name: str, flat: dict[str, frozenset[str]], stack: tuple[str, ...]) -> frozenset[str]:
        if name in flat:
            return flat[name]
        out: set[str] = set()
        for line, member in self.members[name]:
            if not member.startswith("&"):
                out.add(member)
            elif member not in self.members:
                continue  # an undefined synset has no members
            elif member in stack or member == name:
                raise _error(self.path, line, f"synset {member} includes itself")
            else:
                out |= self._flatten(member, flat, stack + (name,))
        flat[name] = frozenset(out)
        return flat[name]

    # -- blocks and verbs

    def _block_header(self, line: int, text: str) -> None:
        match = _BLOCK_HEADER.fullmatch(text)
        name = _words(match.group("name")) if match else ()
        if not match or not name:
            raise _error(self.path, line, f"malformed verb block header {text!r}")
        self.synset = None
        self.block = " ".join(name)
        codes = _BRACKET.match(match.group("codes"))
        assert codes is not None  # the header's codes group starts with a bracketed code
        self.block_code = _verb_code(codes.group(1), self.path, line)
        self.patterns.setdefault(self.block, [])

    def _current_block(self, line: int, what: str) -> str:
        if self.block is None:
            raise _error(self.path, line, f"{what} before the first verb block")
        self.synset = None
        return self.block

    def _verb(self, line: int, text: str) -> None:
        block = self._current_block(line, "verb")
        match = _VERB_LINE.fullmatch(text)
        if not match:
            raise _error(self.path, line, f"malformed verb line {text!r}")
        words = _verb_words(match.group("verb"), self.path, line)
        forms_text = (match.group("forms") or "").replace(",", " ").split()
        forms = tuple(dict.fromkeys(" ".join(_verb_words(f, self.path, line)) for f in forms_text))
        code = self.block_code if match.group("code") is None else _verb_code(match.group("code"), self.path, line)
        self._add_verb(Verb(words, forms, code.active, block, code.passive))

    def _add_verb(self, verb: Verb) -> None:
        old = self.verbs.get(verb.words)
        if old is None:
            self.verbs[verb.words] = verb
            return
        forms = tuple(dict.fromkeys(old.forms + verb.forms))
        own_block = " ".join(verb.words)
        keep = verb if verb.block == own_block and old.block != own_block else old
        self.verbs[verb.words] = Verb(keep.words, forms, keep.code, keep.block, keep.passive)

    # -- patterns

    def _pattern(self, line: int, body: str) -> None:
        block = self._current_block(line, "pattern")
        match = _PATTERN_CODE.search(body)
        if match:
            code = _verb_code(match.group(1), self.path, line)
            body = body[:match.start()]
        else:
            code = self.block_code
        if "[" in body or "]" in body:
            raise _error(self.path, line, "malformed code bracket in pattern")
        if body.count("*") != 1:
            raise _error(self.path, line, f"pattern needs exactly one '*', has {body.count('*')}")
        pre, post = body.split("*")
        self.patterns[block].append(VerbPattern(
            pre=self._phrases(pre, line), post=self._phrases(post, line), active=code.active,
            passive=code.passive, block=block, line=line, blocked=code.blocked,
        ))

    def _phrases(self, text: str, line: int) -> tuple[Phrase, ...]:
        """The phrases of one side of a pattern."""
        tokens = _PATTERN_TOKEN.findall(text)
        out: list[Phrase] = []
        last_group = -1  # index in ``out`` of the last (...) or {...}
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token in ("(", "{"):
                phrase, i = self._group(tokens, i, line)
                last_group = len(out)
                out.append(phrase)
                continue
            if token in (")", "}"):
                if not _repeated_tail(out, last_group, token):
                    raise _error(self.path, line, f"unmatched {token!r} in pattern")
                del out[last_group + 1:]
                i += 1
                continue
            words = self._joined(token, line)
            if words:
                out.append(Phrase(words))
            i += 1
        return tuple(out)

    def _group(self, tokens: list[str], start: int, line: int) -> tuple[Phrase, int]:
        """The ``(PREP ...)`` or ``{...}`` group opening at ``tokens[start]``; returns it and the next index."""
        opener = tokens[start]
        closer = ")" if opener == "(" else "}"
        words: list[str] = []
        braced = opener == "{"
        inner_brace = False
        i = start + 1
        while i < len(tokens) and tokens[i] != closer:
            token = tokens[i]
            if token == "{" and opener == "(" and not inner_brace:
                inner_brace = braced = True
            elif token == "}" and inner_brace:
                inner_brace = False
            elif token in "(){}":
                raise _error(self.path, line, f"unexpected {token!r} inside {opener}...{closer}")
            else:
                words.extend(self._joined(token, line))
            i += 1
        if i == len(tokens) or inner_brace:
            raise _error(self.path, line, f"unclosed {opener!r} in pattern")
        if opener == "{":
            if not words:
                raise _error(self.path, line, "empty {} in pattern")
            return Phrase(tuple(words), braced=True), i + 1
        if not words:
            raise _error(self.path, line, "empty () in pattern")
        if tokens[start + 1] == "{":
            raise _error(self.path, line, "(...) without a preposition")
        return Phrase(tuple(words[1:]), prep=words[0], braced=braced), i + 1

    def _joined(self, token: str, line: int) -> tuple[str, ...]:
        """Words of an underscore-joined pattern token; ``&`` references take the longest synset name."""
        parts = [p for p in token.lower().split("_") if p]
        words: list[str] = []
        i = 0
        while i < len(parts):
            part = parts[i]
            if part.startswith("&"):
                if not _SYNSET_NAME.fullmatch(part):
                    raise _error(self.path, line, f"malformed synset reference {part!r}")
                end = next((j for j in range(len(parts), i, -1)
                            if "_".join(parts[i:j]) in self.synset_names), i + 1)
                words.append("_".join(parts[i:end]))
                i = end
                continue
            if len(part) > 1 and _FORBIDDEN_IN_WORDS.intersection(part):
                raise _error(self.path, line, f"malformed pattern word {part!r}")
            if len(part) == 1 and part in _FORBIDDEN_IN_WORDS - SLOT_MARKERS:
                raise _error(self.path, line, f"malformed pattern word {part!r}")
            words.append(part)
            i += 1
        return tuple(words)


def _repeated_tail(out: list[Phrase], last_group: int, closer: str) -> bool:
    """Whether the phrases after ``out[last_group]`` repeat that group's last words, so that a stray
    ``closer`` ends a pasted copy of the group's tail (``(WITH VISIT)  VISIT)``, twice in CAMEO 2.0)."""
    if last_group < 0:
        return False
    group = out[last_group]
    if (closer == ")") != (group.prep is not None):
        return False
    tail = tuple(w for phrase in out[last_group + 1:] for w in phrase.words)
    return bool(tail) and group.words[-len(tail):] == tail


def _synset_names(lines: Iterable[tuple[int, str]]) -> frozenset[str]:
    """Every ``&name`` a synset header defines (lower-case, trailing ``_`` stripped)."""
    return frozenset(text.rstrip("_").lower() for _, text in lines if text.startswith("&"))


def read_verbs(path: PathArg) -> VerbDictionary:
    """Read a PETRARCH verb dictionary (CAMEO 2.0 or the suite's legacy format)."""
    lines = list(_content_lines(path))
    reader = _VerbReader(path, _synset_names(lines))
    for line, text in lines:
        reader.feed(line, text)
    return reader.finish()


# --------------------------------------------------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class ActorCode:
    """An actor code valid from ``start`` (inclusive) to ``end`` (exclusive); None = open."""

    code: str
    start: str | None
    end: str | None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A name, its synonyms and its codes."""

    name: str
    phrases: tuple[tuple[str, ...], ...]
    codes: tuple[ActorCode, ...]
    line: int

    def code_on(self, date: str | None) -> str | None:
        """The code valid on ISO date ``date`` (its first 10 characters are compared).

        The first dated code whose range holds the date wins; undated codes are the
        fallback. With ``date`` None: the first undated code, else the last dated one.
        """
        undated = next((c.code for c in self.codes if not c.dated), None)
        if date is None:
            if undated is not None or not self.codes:
                return undated
            return self.codes[-1].code
        day = date[:10]
        for c in self.codes:
            if c.dated and (c.start is None or c.start <= day) and (c.end is None or day < c.end):
                return c.code
        return undated


# An actor entry as read: (name, phrases, codes as (code, start, end), line). Plain tuples, so the
# whole dictionary can be cached with marshal and read back in a few hundredths of a second.
ActorRow = tuple[str, tuple[tuple[str, ...], ...], tuple[tuple[str, "str | None", "str | None"], ...], int]


class ActorDictionaryP:
    """Actor entries and their phrase index.

    Held as the rows read (:data:`ActorRow`) and, per first word, the phrases starting with it
    and their rows (longest first, file order among equals); an :class:`ActorEntry` is made
    the first time a look-up or a caller asks for it (a text meets a few hundred of the tens of
    thousands of entries).
    """

    def __init__(self, rows: tuple[ActorRow, ...],
                 firsts: dict[str, tuple[tuple[tuple[str, ...], int], ...]]) -> None:
        self.rows = rows
        self.firsts = firsts  # first word -> ((phrase, row number), ...), longest first
        self._entries: dict[int, ActorEntry] = {}
        self._groups: dict[str, _ByLength[int]] = {}

    @classmethod
    def from_rows(cls, rows: Sequence[ActorRow]) -> ActorDictionaryP:
        index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for number, (_, phrases, _, _) in enumerate(rows):
            for phrase in phrases:
                index.setdefault(phrase[0], []).append((phrase, number))
        return cls(tuple(rows), _longest_first(index))

    def to_data(self) -> tuple[tuple[ActorRow, ...], dict[str, tuple[tuple[tuple[str, ...], int], ...]]]:
        """Rows and index as plain tuples and dictionaries (marshal-able); ``cls(*data)`` reads them back."""
        return self.rows, self.firsts

    def entry(self, number: int) -> ActorEntry:
        """The entry of row ``number``."""
        found = self._entries.get(number)
        if found is None:
            name, phrases, codes, line = self.rows[number]
            found = self._entries[number] = ActorEntry(name, phrases, tuple(ActorCode(*c) for c in codes), line)
        return found

    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        """Every entry, in file order."""
        return tuple(self.entry(n) for n in range(len(self.rows)))

    @cached_property
    def index(self) -> dict[str, tuple[tuple[tuple[str, ...], ActorEntry], ...]]:
        """First word -> (phrase, entry), longest first (every entry made: prefer :attr:`firsts`)."""
        return {k: tuple((p, self.entry(n)) for p, n in v) for k, v in self.firsts.items()}

    def longest_match(self, words: list[str], i: int) -> tuple[int, ActorEntry] | None:
        """Longest phrase starting at ``words[i]`` (lower-case words): (words matched, entry)."""
        if not 0 <= i < len(words):
            return None
        candidates = self.firsts.get(words[i])
        if not candidates:
            return None
        groups = self._groups.get(words[i], _MISSING)
        if groups is _MISSING:
            groups = self._groups[words[i]] = _by_length(candidates)
        hit = _match_grouped(groups, candidates, words, i)  # type: ignore[arg-type]
        return None if hit is None else (hit[0], self.entry(hit[1]))


def _iso_date(digits: str) -> str | None:
    """``YYMMDD`` / ``YYYYMMDD`` (other lengths read as ``YYYY MM D...``) -> ISO; None if no such day."""
    if len(digits) == 6:
        yy = int(digits[:2])
        year, month, day = (2000 + yy if yy <= 30 else 1900 + yy), digits[2:4], digits[4:]
    elif len(digits) >= 7:
        year, month, day = int(digits[:4]), digits[4:6], digits[6:]
    else:
        return None
    try:
        return datetime.date(year, int(month), int(day)).isoformat()
    except ValueError:
        return None


def _actor_code(text: str, path: PathArg, line: int) -> tuple[str, str | None, str | None]:
    """``CODE``, ``CODE D1-D2``, ``CODE <D``, ``CODE >D``, ``CODE D`` -> (code, start, end), as
    :class:`ActorCode` takes them."""
    parsed = _parse_actor_code(text)
    if isinstance(parsed, str):
        raise _error(path, line, f"{parsed} [{text}]")
    return parsed


@lru_cache(maxsize=65_536)
def _parse_actor_code(text: str) -> tuple[str, str | None, str | None] | str:
    """:func:`_actor_code`'s reading of ``text`` (the same code text recurs: read once), or
    what is wrong with it."""
    parts = text.split(None, 1)
    if not parts or not _ACTOR_CODE.fullmatch(parts[0]):
        return "malformed actor code"
    spec = "".join(parts[1].split()) if len(parts) > 1 else ""
    if not spec:
        return parts[0].upper(), None, None
    match = _ACTOR_DATES.fullmatch(spec)
    if not match or (match.group("second") and (match.group("lt") or match.group("gt"))):
        return "malformed date restriction"
    first = _iso_date(match.group("first"))
    if match.group("lt"):
        return parts[0].upper(), None, first
    second = match.group("second")
    return parts[0].upper(), first, _iso_date(second) if second else None


def _actor_codes(text: str, path: PathArg, line: int) -> list[tuple[str, str | None, str | None]]:
    """The ``[...]`` groups at the start of ``text``; text after the last one is a comment missing its
    ``#`` (three Phoenix.International lines), but no ``[`` or ``]`` may follow."""
    codes: list[tuple[str, str | None, str | None]] = []
    pos = 0
    while match := _BRACKET.match(text, pos):
        codes.append(_actor_code(match.group(1), path, line))
        pos = match.end()
    if pos == 0 and text or "[" in text[pos:] or "]" in text[pos:]:
        raise _error(path, line, f"malformed actor codes {text!r}")
    return codes


@dataclass
class _ActorDraft:
    """An entry being read."""

    line: int
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def row(self) -> ActorRow:
        phrases = tuple(dict.fromkeys(self.phrases))
        return " ".join(phrases[0]), phrases, tuple(self.codes), self.line


def _name_and_codes(text: str, path: PathArg, line: int
                    ) -> tuple[tuple[str, ...], list[tuple[str, str | None, str | None]]]:
    """Split ``NAME [codes]`` into the name's words and its codes."""
    cut = text.find("[")
    name, codes = (text, "") if cut < 0 else (text[:cut], text[cut:])
    cleaned = name.replace("]", "")
    words = _words(cleaned)
    if not words or not _BRACKETS.isdisjoint(cleaned):  # a bracket in any of the words
        raise _error(path, line, f"malformed actor name {text!r}")
    return words, _actor_codes(codes, path, line)


def _read_actor_file(path: PathArg) -> list[ActorRow]:
    entries: list[ActorRow] = []
    draft: _ActorDraft | None = None
    for line, text in _content_lines(path):
        if text[0] == "[" or text[0] == "+":
            if draft is None:
                raise _error(path, line, "code or synonym before the first actor name")
            if text[0] == "[":
                draft.codes.extend(_actor_codes(text, path, line))
            else:
                words, codes = _name_and_codes(text[1:], path, line)
                draft.phrases.append(words)
                draft.codes.extend(codes)
            continue
        if draft is not None:
            entries.append(draft.row())
        words, codes = _name_and_codes(text, path, line)
        draft = _ActorDraft(line, [words], codes)
    if draft is not None:
        entries.append(draft.row())
    return entries


def read_actors(*paths: PathArg) -> ActorDictionaryP:
    """Read one or more actor dictionaries, merged in order."""
    rows: list[ActorRow] = []
    for path in paths:
        rows.extend(_read_actor_file(path))
    return ActorDictionaryP.from_rows(rows)


# --------------------------------------------------------------------------------------------------------- agents


@dataclass(frozen=True, slots=True)
class Agent:
    """A common noun phrase and its sector code."""

    phrase: tuple[str, ...]
    code: str  # without the tilde
    prefix: bool  # [AGR~]: the code goes before the country code
    line: int


@dataclass(frozen=True)
class AgentDictionary:
    """Agents and their phrase index."""

    agents: tuple[Agent, ...]
    index: dict[str, tuple[Agent, ...]]  # first word -> agents, longest phrase first (file order among equals)

    def longest_match(self, words: list[str], i: int) -> tuple[int, Agent] | None:
        """Longest agent phrase starting at ``words[i]`` (lower-case words): (words matched, agent)."""
        if not 0 <= i < len(words):
            return None
        agents = self.index.get(words[i])
        if not agents:
            return None
        cache: dict[str, _ByLength[Agent]] = self.__dict__.setdefault("_groups", {})
        groups = cache.get(words[i], _MISSING)
        if groups is _MISSING:
            groups = cache[words[i]] = _by_length((a.phrase, a) for a in agents)
        return _match_grouped(groups, ((a.phrase, a) for a in agents), words, i)  # type: ignore[arg-type]


def _plural(word: str) -> str:
    """English regular plural: ``y`` -> ``ies`` after a consonant, ``s/x/z/ch/sh`` + ``es``, else + ``s``."""
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _expand(text: str, macros: dict[str, tuple[str, ...]], path: PathArg, line: int) -> list[str]:
    """``text`` with every ``!NAME!`` replaced by each of its values (all combinations)."""
    match = _MACRO_USE.search(text)
    if not match:
        if "!" in text:
            raise _error(path, line, f"stray '!' in {text!r}")
        return [text]
    values = macros.get(match.group(1))
    if values is None:
        raise _error(path, line, f"undefined substitution !{match.group(1)}!")
    out: list[str] = []
    for value in values:
        out.extend(_expand(text[:match.start()] + value + text[match.end():], macros, path, line))
    return out


def _agent_code(text: str, path: PathArg, line: int) -> tuple[str, bool]:
    """``~GOV`` -> (``GOV``, False); ``NGO~`` -> (``NGO``, True); one tilde, at one end."""
    code = "".join(text.split())
    prefix = code.endswith("~")
    bare = code[:-1] if prefix else code[1:]
    if prefix == code.startswith("~") or not _AGENT_CODE.fullmatch(bare):
        raise _error(path, line, f"malformed agent code [{text}]")
    return bare.upper(), prefix


def _agent_phrases(match: re.Match[str], macros: dict[str, tuple[str, ...]], path: PathArg,
                   line: int) -> list[tuple[str, ...]]:
    """The phrases of one agent line: the expansions, their explicit or automatic plurals."""
    raw = match.group("phrase")
    phrases = [_words(t) for t in _expand(raw, macros, path, line)]
    plurals = match.group("plural")
    if plurals is not None:
        for form in plurals.replace(",", " ").split():
            phrases.extend(_words(t) for t in _expand(form, macros, path, line))
    elif "!" not in raw:
        phrases.extend(p[:-1] + (_plural(p[-1]),) for p in list(phrases))
    if any(not p or any(_FORBIDDEN_IN_NAMES.intersection(w) for w in p) for p in phrases):
        raise _error(path, line, f"malformed agent phrase {raw!r}")
    return list(dict.fromkeys(phrases))


def _macro(match: re.Match[str], path: PathArg, line: int) -> tuple[str, tuple[str, ...]]:
    values = tuple(v.strip() for v in match.group("values").split(","))
    if not values or not all(values) or any("!" in v for v in values):
        raise _error(path, line, f"malformed substitution set !{match.group('name')}!")
    return match.group("name"), values


def read_agents(path: PathArg) -> AgentDictionary:
    """Read a PETRARCH agent dictionary."""
    macros: dict[str, tuple[str, ...]] = {}
    agents: list[Agent] = []
    waiting: list[tuple[int, list[tuple[str, ...]]]] = []  # lines without a code, given the next line's
    for line, text in _content_lines(path):
        definition = _MACRO_DEF.fullmatch(text)
        if definition:
            name, values = _macro(definition, path, line)
            macros[name] = values
            continue
        match = _AGENT_LINE.fullmatch(text)
        if not match:
            raise _error(path, line, f"malformed agent line {text!r}")
        waiting.append((line, _agent_phrases(match, macros, path, line)))
        if match.group("code") is None:
            continue
        code, prefix = _agent_code(match.group("code"), path, line)
        agents.extend(Agent(p, code, prefix, n) for n, phrases in waiting for p in phrases)
        waiting.clear()
    if waiting:
        raise _error(path, waiting[0][0], "agent without a code")
    index: dict[str, list[tuple[tuple[str, ...], Agent]]] = {}
    for agent in agents:
        index.setdefault(agent.phrase[0], []).append((agent.phrase, agent))
    return AgentDictionary(tuple(agents), {k: tuple(a for _, a in v) for k, v in _longest_first(index).items()})


# ------------------------------------------------------------------------------------------------------- discards


@dataclass(frozen=True)
class Discards:
    """Phrases that discard a sentence, and phrases (``+`` lines) that discard the whole story."""

    sentence: tuple[tuple[str, ...], ...]
    story: tuple[tuple[str, ...], ...]


def read_discards(path: PathArg) -> Discards:
    """Read a PETRARCH discard file."""
    sentence: list[tuple[str, ...]] = []
    story: list[tuple[str, ...]] = []
    for line, text in _content_lines(path):
        is_story = text.startswith("+")
        words = _words(text[1:] if is_story else text)
        if not words or any(_BRACKETS.intersection(w) for w in words):
            raise _error(path, line, f"malformed discard phrase {text!r}")
        (story if is_story else sentence).append(words)
    return Discards(tuple(sentence), tuple(story))
