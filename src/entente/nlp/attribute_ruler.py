"""A faster drop-in for spaCy's ``attribute_ruler``, with the same results.

spaCy's :class:`~spacy.pipeline.AttributeRuler` runs a :class:`~spacy.matcher.Matcher`
holding every pattern over every token (the English pipelines carry ~180 of
them, most with ``IN``/``NOT_IN``/``REGEX`` predicates evaluated in Python), then
builds a :class:`~spacy.tokens.Span` per match to set the attributes. It took
~14% of a whole extract.

:class:`FastAttributeRuler` subclasses it (same patterns, ``add``,
serialisation, scorer) and only changes how a document is processed:

- every pattern of fixed length (no ``OP``) whose token specs read attributes
  that :meth:`Doc.to_array` reports exactly as the matcher sees them is
  "memoised": each of its token specs is an *atom*;
- a token's *key* is the tuple of the attributes the atoms read (derived from
  the patterns, not hard-coded: TAG, LOWER, DEP and IS_SPACE for
  ``en_core_web_sm``). String attributes are canonicalised: a value that no
  exact/``IN``/``NOT_IN`` value names and that matches the same ``REGEX``
  predicates as another is indistinguishable to the patterns, so they share a
  key. Unlisted predicates keep the raw value (always exact);
- for each new key, spaCy's own matcher decides which atoms match (on the
  token, as a one-token span), and the merged attributes of the matching
  single-token patterns (in pattern order, later overriding earlier) are kept
  in a bounded cache (:data:`CACHE_SIZE` keys; cleared when full);
- multi-token patterns are matched from the atoms of consecutive tokens;
  patterns that cannot be memoised (operators, extension attributes, ...) run
  through a small matcher of their own;
- a token touched only by single-token patterns gets its merged attributes in
  one call; one also touched by a multi-token or matcher pattern gets every
  pattern's attributes in the stock order (pattern index).

Keys are read before anything is set, as the stock component matches before it
sets. When a pattern sets extension (``_``) or lexeme attributes (which would
change other tokens, or the keys of later ones), the component runs the stock
algorithm unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, IDS, LEMMA, LOWER, NORM, ORTH, PREFIX, SENT_START
from spacy.attrs import SHAPE, SUFFIX, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

FACTORY = "entente_attribute_ruler"

#: Most distinct token keys (and, per string attribute with a REGEX predicate,
#: distinct values) kept at once; a full cache is cleared, never grown. With
#: canonical keys en_core_web_sm's patterns see a few thousand keys at most.
CACHE_SIZE = 16_384

# Attributes the matcher reads with ``get_token_attr_for_matcher`` and
# ``Doc.to_array`` with ``get_token_attr``: the same value for all but SENT_START.
_UNKEYABLE = {SENT_START}
# Attributes whose values are string hashes (canonicalisable by value).
_STRING_ATTRS = {ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LEMMA, TAG, DEP, ENT_TYPE, ENT_ID, ENT_KB_ID}
# ``set_token_attrs`` also writes these on the lexeme (shared by other tokens).
_LEXEME_SET = {IDS["ID"], LOWER, SHAPE, PREFIX, SUFFIX, IDS["LANG"]}
_FLAG_LIMIT = 64  # attribute ids below this are lexeme flags
_OTHER = -1  # key part of a string value no predicate tells apart (hashes are >= 0)
_MISSING = object()


def _attr_id(name: Any) -> int | None:
    """The attribute id the matcher uses for a pattern key (``TEXT`` is ORTH, ...)."""
    if not isinstance(name, str):
        return name if isinstance(name, int) else None
    upper = name.upper()
    upper = {"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(upper, upper)
    return IDS.get(upper)


class _Canon:
    """How one string attribute's values map to key parts: mentioned values stay,
    others become the tuple of REGEX outcomes (or :data:`_OTHER` when there are none)."""

    def __init__(self, vocab: Vocab, mentioned: set[int], regexes: list[str]) -> None:
        self.vocab = vocab
        self.mentioned = frozenset(mentioned)
        self.regexes = [re.compile(r) for r in regexes]
        self.classes: dict[int, Any] = {}

    def parts(self, values: list[int]) -> list[Any]:
        mentioned = self.mentioned
        if not self.regexes:
            return [v if v in mentioned else _OTHER for v in values]
        classes = self.classes
        out = []
        for v in values:
            if v in mentioned:
                out.append(v)
                continue
            part = classes.get(v, _MISSING)
            if part is _MISSING:
                part = self._regex_class(v)
                if len(classes) >= CACHE_SIZE:
                    classes.clear()
                classes[v] = part
            out.append(part)
        return out

    def _regex_class(self, value: int) -> Any:
        try:
            text = self.vocab.strings[value]
        except KeyError:  # let the matcher meet it as the stock one would
            return value
        return tuple(bool(rx.search(text)) for rx in self.regexes)


class _Entry:
    """What the patterns make of one token key."""

    __slots__ = ("atoms", "ids", "merged", "starts")

    def __init__(self, atoms: frozenset[int], ids: tuple[int, ...], merged: dict | None,
                 starts: tuple[int, ...]) -> None:
        self.atoms = atoms  # atom ids matching the token
        self.ids = ids  # pattern indices of the single-token patterns matching it
        self.merged = merged  # their attributes applied in order (None: nothing to set)
        self.starts = starts  # multi-token patterns (indices into _Compiled.multi) it may start


class _Compiled:
    """The patterns split for the fast path (built on first use after any change)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        vocab = ruler.vocab
        self.stock_only = any(_sets_shared_state(attrs) for attrs in ruler.attrs)
        self.atom_matcher = Matcher(vocab, validate=False)
        self.rest_matcher: Matcher | None = None
        self.single_ids: dict[int, list[int]] = {}  # atom id -> one-token patterns (indices) it is
        self.multi: list[tuple[int, list[int], int]] = []  # (pattern index, atom per position, target offset)
        self.first: dict[int, list[int]] = {}  # atom id -> multi patterns starting with it
        self.key_attrs: list[int | str] = []  # attribute ids (str only to suit Doc.to_array's type)
        self.canons: list[_Canon | None] = []
        self.cache: dict[tuple, _Entry] = {}
        if self.stock_only:
            return
        atoms: dict[str, int] = {}  # spec (as text) -> atom id
        specs: list[dict] = []
        rest = []
        for index, attrs in enumerate(ruler.attrs):
            target = ruler.indices[index]
            for pattern in ruler.matcher.get(str(index))[1]:
                if not _memoisable(pattern) or not -len(pattern) <= target < len(pattern):
                    rest.append((index, pattern))
                    continue
                ids = []
                for spec in pattern:
                    name = repr(sorted(spec.items(), key=lambda kv: repr(kv[0])))
                    if name not in atoms:
                        atoms[name] = len(specs)
                        specs.append(spec)
                    ids.append(atoms[name])
                if len(pattern) == 1:
                    self.single_ids.setdefault(ids[0], []).append(index)
                else:
                    self.multi.append((index, ids, target % len(pattern)))
        for atom, spec in enumerate(specs):
            self.atom_matcher.add(str(atom), [[spec]])
        for m, (_, ids, _) in enumerate(self.multi):
            self.first.setdefault(ids[0], []).append(m)
        if rest:
            self.rest_matcher = Matcher(vocab, validate=False)
            for index, pattern in rest:
                self.rest_matcher.add(str(index), [pattern])
        self._plan_keys(vocab, specs)

    def _plan_keys(self, vocab: Vocab, specs: list[dict]) -> None:
        mentioned: dict[int, set[int]] = {}
        regexes: dict[int, list[str]] = {}
        raw: set[int] = set()
        for spec in specs:
            for name, value in spec.items():
                attr = _attr_id(name)
                assert attr is not None  # _memoisable checked it
                mentioned.setdefault(attr, set())
                regexes.setdefault(attr, [])
                if attr not in _STRING_ATTRS:
                    raw.add(attr)
                elif isinstance(value, str):
                    mentioned[attr].add(vocab.strings.add(value))
                elif isinstance(value, int) and not isinstance(value, bool):
                    mentioned[attr].add(value)
                elif isinstance(value, dict) and _canonical_predicates(value):
                    for op, arg in value.items():
                        if op.upper() == "REGEX":
                            regexes[attr].append(arg)
                        else:
                            mentioned[attr].update(get_string_id(v) for v in arg)
                else:
                    raw.add(attr)
        self.key_attrs = list(sorted(mentioned))
        self.canons = [None if attr in raw else _Canon(vocab, mentioned[attr], regexes[attr])
                       for attr in sorted(mentioned)]

    def keys(self, doc: Doc) -> list[tuple]:
        n = len(doc)
        if not self.key_attrs:
            return [()] * n
        array = doc.to_array(self.key_attrs)
        columns = [array.tolist()] if array.ndim == 1 else array.T.tolist()
        parts = [col if canon is None else canon.parts(col) for col, canon in zip(columns, self.canons)]
        return list(zip(*parts))

    def entry(self, ruler: AttributeRuler, doc: Doc, i: int) -> _Entry:
        strings = ruler.vocab.strings
        found = self.atom_matcher(doc[i:i + 1], allow_missing=True, as_spans=False) if len(self.atom_matcher) else []
        atoms = frozenset(int(strings[m_id]) for m_id, _, _ in found)
        ids = sorted({index for atom in atoms for index in self.single_ids.get(atom, ())})
        merged: dict = {}
        for index in ids:  # in the stock order: a later pattern overrides an earlier one
            merged.update(ruler.attrs[index])
        starts = tuple(sorted(m for atom in atoms for m in self.first.get(atom, ())))
        return _Entry(atoms, tuple(ids), merged or None, starts)


def _memoisable(pattern: list[dict]) -> bool:
    """A fixed-length pattern whose specs read only keyable attributes."""
    if not pattern:
        return False
    for spec in pattern:
        if not isinstance(spec, dict):
            return False
        for name, value in spec.items():
            if isinstance(name, str) and name.upper() in ("OP", "_"):
                return False
            attr = _attr_id(name)
            if attr is None or attr in _UNKEYABLE:
                return False
            if not isinstance(value, (str, int, dict)):
                return False
    return True


def _canonical_predicates(predicates: dict) -> bool:
    """Whether the predicates tell values apart only by equality to listed strings or by REGEX."""
    for op, arg in predicates.items():
        if not isinstance(op, str):
            return False
        op = op.upper()
        if op == "REGEX":
            if not isinstance(arg, str):
                return False
        elif op in ("IN", "NOT_IN"):
            if not isinstance(arg, (list, tuple)) or not all(
                    isinstance(v, (str, int)) and not isinstance(v, bool) for v in arg):
                return False
        else:
            return False
    return True


def _sets_shared_state(attrs: dict) -> bool:
    """Whether ``attrs`` (normalised) set extension or lexeme attributes."""
    for key in attrs:
        if key == "_" or not isinstance(key, int) or key < _FLAG_LIMIT or key in _LEXEME_SET:
            return True
    return False


class FastAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler with per-key memoised matching (see the module docstring)."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Callable | None = attribute_ruler_score) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._compiled: _Compiled | None = None

    def clear(self) -> None:
        super().clear()
        self._compiled = None

    def add(self, patterns: Iterable[Any], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = None

    @property
    def cache_size(self) -> int:
        """Keys held in the cache now (at most :data:`CACHE_SIZE`)."""
        return len(self._compiled.cache) if self._compiled is not None else 0

    def __reduce__(self) -> Any:
        # spaCy's Pipe is a Cython class: its reduce gives (name, __dict__) as the state.
        # The compiled patterns and the cache are rebuilt on first use, not shipped.
        reduced = super().__reduce__()
        state = reduced[2] if len(reduced) > 2 else None
        if isinstance(state, tuple) and state and isinstance(state[-1], dict):
            state = (*state[:-1], {**state[-1], "_compiled": None})
            return (reduced[0], reduced[1], state, *reduced[3:])
        return reduced

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            compiled = self._compiled
            if compiled is None:
                compiled = self._compiled = _Compiled(self)
            if compiled.stock_only:
                self.set_annotations(doc, self.match(doc))
            else:
                self._annotate(doc, compiled)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _annotate(self, doc: Doc, compiled: _Compiled) -> None:
        n = len(doc)
        if not n:
            return
        cache = compiled.cache
        entries: list[_Entry] = []
        for i, key in enumerate(compiled.keys(doc)):
            entry = cache.get(key)
            if entry is None:
                entry = compiled.entry(self, doc, i)
                if len(cache) >= CACHE_SIZE:
                    cache.clear()
                cache[key] = entry
            entries.append(entry)
        extra: dict[int, list[int]] = {}  # token -> indices of other patterns setting it
        if compiled.multi:
            multi = compiled.multi
            for start, entry in enumerate(entries):
                for m in entry.starts:
                    index, atoms, offset = multi[m]
                    end = start + len(atoms)
                    if end <= n and all(atoms[k] in entries[start + k].atoms for k in range(1, len(atoms))):
                        extra.setdefault(start + offset, []).append(index)
        if compiled.rest_matcher is not None:
            for index, _, start, end in self._rest_matches(doc, compiled.rest_matcher):
                target = self.indices[index]
                width = end - start
                if not -width <= target < width:
                    # the stock component's error, raised from its own code path
                    self.set_annotations(doc, [(index, self.vocab.strings[str(index)], start, end)])
                extra.setdefault(start + target % width, []).append(index)
        attrs = self.attrs
        for i, entry in enumerate(entries):
            more = extra.get(i)
            if more is not None:
                token = doc[i]
                for index in sorted(entry.ids + tuple(more)):
                    set_token_attrs(token, attrs[index])
            elif entry.merged is not None:
                set_token_attrs(doc[i], entry.merged)

    def _rest_matches(self, doc: Doc, matcher: Matcher) -> list[tuple[int, int, int, int]]:
        strings = self.vocab.strings
        return [(int(strings[m_id]), m_id, s, e)
                for m_id, s, e in matcher(doc, allow_missing=True, as_spans=False)]


@Language.factory(FACTORY, default_config={"validate": False,
                                           "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool,
                              scorer: Callable | None) -> FastAttributeRuler:
    """spaCy factory for :class:`FastAttributeRuler` (patterns come from ``initialize``,
    ``add_patterns`` or the serialised component)."""
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def use_fast_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> FastAttributeRuler | None:
    """Replace the stock ruler ``name`` of ``nlp`` in place (same name and position)
    with a :class:`FastAttributeRuler` holding its patterns; None when there is none."""
    if name not in nlp.component_names:
        return None
    stock = nlp.get_pipe(name)
    if isinstance(stock, FastAttributeRuler):
        return stock
    if not isinstance(stock, AttributeRuler):
        return None
    patterns = stock.patterns
    fast = nlp.replace_pipe(name, FACTORY, config={"validate": stock.validate})
    assert isinstance(fast, FastAttributeRuler)
    fast.add_patterns(patterns)
    return fast
