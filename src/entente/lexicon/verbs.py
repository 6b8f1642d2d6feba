"""The verb dictionary compiled to matches over spaCy's dependency parse.

A PETRARCH/TABARI verb pattern was written for phrase structure: words before
the verb, ``*`` for the verb, words after it. Over a dependency parse:

- the verb is found by its lemma (or one of its listed forms); a multi-word
  verb ("cordon off", "ask for") also needs its other words as particles or
  prepositions right of the verb;
- ``pre`` words must occur on the subject side: the subject's subtree and the
  auxiliaries and negation before the verb;
- ``post`` elements are matched in order over the verb's own phrase to its
  right (objects, particles, prepositional phrases, complements; not
  subordinate or coordinated clauses): a plain word or ``{noun phrase}`` by
  lemma or lower-case form, a synset by any member, ``(PREP ...)`` as a
  preposition child whose object phrase holds the rest;
- ``+`` and ``$`` mark where the target and source sit: ``(TO +)`` makes the
  object of "to" the target.

The most specific matching pattern wins (most words, then file order); a
``[---]`` pattern blocks the verb; with no pattern the verb's own code is used.
A passive verb takes the pattern's active code (the coder reads its roles back into the active
voice); a passive-only pattern applies to passive verbs only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from spacy.tokens import Token

from entente.lexicon.petrarch import Phrase, VerbDictionary, VerbPattern

# Dependencies of a verb's own phrase to its right (what PETRARCH calls the verb phrase).
POST_DEPS = frozenset({"dobj", "obj", "attr", "prt", "prep", "dative", "xcomp", "oprd", "acomp",
                       "advmod", "npadvmod", "agent", "iobj", "pobj", "ccomp"})
PRE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "advmod", "expl"})


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """What the dictionary says about one verb token."""

    code: str | None          # CAMEO code, or None when a pattern blocks the verb
    target: tuple[str, ...]   # where to read the target: "obj", "prep:to", ...
    source_prep: str | None   # "(BY $)"-style source slot, if the pattern has one
    verb: str                 # the verb's words, space-joined
    line: int                 # line of the pattern (0: the verb's own code)
    words: int                # how many words the pattern matched (specificity)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A pattern with the plain words it needs on each side (a cheap test before the real match)."""

    pattern: VerbPattern
    post_words: frozenset[str]
    pre_words: frozenset[str]
    # Synsets right of the verb, as the words one of whose members' first word must be there.
    post_synsets: tuple[frozenset[str], ...] = ()


class _Words:
    """Tokens with their lower-case forms, lemmas and dependencies read once (string look-ups on
    spaCy tokens are the cost of matching a verb's patterns)."""

    __slots__ = ("toks", "lower", "lemma", "_dep")

    def __init__(self, toks: Sequence[Token]) -> None:
        self.toks = toks
        self.lower = [t.lower_ for t in toks]
        self.lemma = [t.lemma_.lower() for t in toks]
        self._dep: list[str] | None = None

    @property
    def dep(self) -> list[str]:
        """The dependencies, read when a tight element first needs them."""
        if self._dep is None:
            self._dep = [t.dep_ for t in self.toks]
        return self._dep

    def __len__(self) -> int:
        return len(self.toks)

    def words(self) -> set[str]:
        return {*self.lower, *self.lemma}


class PatternIndex:
    """A verb block's patterns by one plain word each needs right of the verb: the patterns worth
    trying for a phrase are those whose word it holds, and those that need none (in block order).
    What it offers for a phrase is a superset of the patterns whose plain words the phrase holds."""

    __slots__ = ("_always", "_by_word")

    def __init__(self, patterns: Sequence[_Compiled]) -> None:
        counts: dict[str, int] = {}
        for c in patterns:
            for w in c.post_words:
                counts[w] = counts.get(w, 0) + 1
        always: list[int] = []
        by_word: dict[str, list[int]] = {}
        for n, c in enumerate(patterns):
            if not c.post_words:
                always.append(n)
                continue
            # the block's rarest of the pattern's words: the fewest patterns offered per word
            key = min(c.post_words, key=lambda w: (counts[w], w))
            by_word.setdefault(key, []).append(n)
        self._always = tuple(always)
        self._by_word = {w: tuple(ns) for w, ns in by_word.items()}

    def candidates(self, words: set[str] | frozenset[str]) -> list[int]:
        """Positions of the patterns that may match a phrase of ``words``, in block order."""
        out = list(self._always)
        by_word = self._by_word
        if len(words) < len(by_word):
            for w in words:
                ns = by_word.get(w)
                if ns:
                    out += ns
        else:
            for w, ns in by_word.items():
                if w in words:
                    out += ns
        out.sort()
        return out


@dataclass(frozen=True, slots=True)
class _Sense:
    words: tuple[str, ...]
    code: str | None
    patterns: tuple[_Compiled, ...]
    index: PatternIndex | None = None

    def codes(self) -> set[str | None]:
        return {self.code, *(c.pattern.active or c.pattern.passive for c in self.patterns if not c.pattern.blocked)}


class VerbLexicon:
    """Index of a :class:`VerbDictionary` by the verb's first word."""

    def __init__(self, verbs: VerbDictionary) -> None:
        self.synsets = {k.lstrip("&"): v for k, v in verbs.synsets.items()}
        # Multi-word members by their first word: "armed forces" is tried only at "armed".
        self._multi_synset: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
        for name, members in self.synsets.items():
            by_first_word: dict[str, list[tuple[str, ...]]] = {}
            for m in members:
                if " " in m:
                    by_first_word.setdefault(m.split()[0], []).append(tuple(m.split()))
            self._multi_synset[name] = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first_word.items()}
        by_first: dict[str, list[_Sense]] = {}
        compiled: dict[str, tuple[_Compiled, ...]] = {}
        for verb in verbs.verbs.values():
            if verb.block not in compiled:
                compiled[verb.block] = tuple(_compile(p) for p in _ordered(verbs.patterns.get(verb.block, ())))
            sense = _Sense(verb.words, verb.code, compiled[verb.block])
            keys = {verb.words[0], *_regular_forms(verb.words[0])} | {f.split()[0] for f in verb.forms if f}
            for key in keys:
                by_first.setdefault(key, []).append(sense)
        # Longer verbs first: "ask for" before "ask".
        self._by_first = {k: tuple(sorted(v, key=lambda s: -len(s.words))) for k, v in by_first.items()}
        # Each synset's possible first words (a member's first word): a pattern needing the synset
        # right of the verb is tried only when one of them is there.
        firsts = {name: frozenset(m.split()[0] for m in members if m.split())
                  for name, members in self.synsets.items()}
        recompiled: dict[int, _Compiled] = {}
        indexed: dict[int, tuple[tuple[_Compiled, ...], PatternIndex]] = {}
        for key, senses in self._by_first.items():
            out = []
            for s in senses:
                if id(s.patterns) not in indexed:
                    patterns = tuple(recompiled.setdefault(id(c), _with_synsets(c, firsts)) for c in s.patterns)
                    indexed[id(s.patterns)] = (patterns, PatternIndex(patterns))
                patterns, index = indexed[id(s.patterns)]
                out.append(_Sense(s.words, s.code, patterns, index))
            self._by_first[key] = tuple(out)
        # Per (sense, codes dropped by the caller): how many leading patterns can give a kept code.
        self._useful_prefix: dict[tuple[int, frozenset[str]], int] = {}

    def __len__(self) -> int:
        return len(self._by_first)

    def knows(self, lemma: str) -> bool:
        return lemma in self._by_first

    def codes(self, lemma: str) -> set[str | None]:
        """Every code a verb with this first word can give (None: no event)."""
        return set().union(*(s.codes() for s in self._by_first.get(lemma, ())))

    def match(self, verb: Token, skip_roots: frozenset[str] = frozenset()) -> VerbMatch | None:
        """The dictionary's reading of ``verb``; ``None`` when it does not know the verb.

        ``skip_roots``: CAMEO roots the caller drops (with the blocked verbs). Where every pattern
        left to try and the verb's own code would give one of them, ``None`` is returned at once:
        the caller would have dropped what the full search found."""
        senses = self._by_first.get(verb.lemma_.lower()) or self._by_first.get(verb.lower_)
        if not senses:
            return None
        for sense in senses:
            rest = sense.words[1:]
            if rest and not _has_particles(verb, rest):
                continue
            return self._read(verb, sense, _post_tokens(verb), skip_roots)
        return None

    def _useful(self, sense: _Sense, skip_roots: frozenset[str]) -> int:
        """How many of ``sense``'s leading patterns can give a code outside ``skip_roots``; -1 where
        the verb's own code can (the search then runs to the end)."""
        key = (id(sense), skip_roots)
        n = self._useful_prefix.get(key)
        if n is None:
            def kept(code: str | None) -> bool:
                return code is not None and code[:2] not in skip_roots
            if kept(sense.code):
                n = -1
            else:
                n = len(sense.patterns)
                while n and not any(kept(c) for c in _possible_codes(sense.patterns[n - 1].pattern)):
                    n -= 1
            self._useful_prefix[key] = n
        return n

    def _read(self, verb: Token, sense: _Sense, post_toks: list[Token],
              skip_roots: frozenset[str] = frozenset()) -> VerbMatch | None:
        useful = self._useful(sense, skip_roots) if skip_roots else -1
        if useful == 0:
            return None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        pre: _Words | None = None
        pre_words: set[str] | None = None
        post = _Words(post_toks)
        post_words = post.words()
        order = sense.index.candidates(post_words) if sense.index is not None else range(len(sense.patterns))
        for n in order:
            if 0 <= useful <= n:
                return None  # whatever matches from here on gives a code the caller drops
            compiled = sense.patterns[n]
            pattern = compiled.pattern
            if not compiled.post_words <= post_words:
                continue
            if compiled.post_synsets and any(post_words.isdisjoint(f) for f in compiled.post_synsets):
                continue
            if compiled.pre_words:
                pre = pre if pre is not None else _Words(_pre_tokens(verb))
                pre_words = pre_words if pre_words is not None else pre.words()
                if not compiled.pre_words <= pre_words:
                    continue
            # The coder reads a passive verb's roles back into the active ("X was received by Peru":
            # Peru is the source), so the active code fits it; a passive-only code ("[:173]") is
            # used for passive verbs only.
            code = pattern.active if pattern.active else (pattern.passive if passive else None)
            if code is None and not pattern.blocked:
                continue  # a passive-only pattern and an active verb
            if pattern.pre:
                pre = pre if pre is not None else _Words(_pre_tokens(verb))
                if not self._words_in(pattern.pre, pre):
                    continue
            slots = self._post_match(pattern.post, post, sense.words[1:])
            if slots is None:
                continue
            if pattern.blocked:
                return VerbMatch(None, (), None, " ".join(sense.words), pattern.line, _size(pattern))
            return VerbMatch(code, slots[0], slots[1], " ".join(sense.words), pattern.line, _size(pattern))
        if sense.code is None:
            return None
        return VerbMatch(sense.code, (), None, " ".join(sense.words), 0, 0)

    # -------------------------------------------------------------- elements

    def _word_at(self, word: str, toks: _Words, i: int) -> int:
        """Tokens consumed by ``word`` (a word or ``&synset``) at ``toks[i]``; 0 when it does not match."""
        lemma, lower = toks.lemma[i], toks.lower[i]
        if word.startswith("&"):
            name = word[1:]
            members = self.synsets.get(name, frozenset())
            if lemma in members or lower in members:
                return 1
            multi = self._multi_synset.get(name, {})
            for phrase in multi.get(lower, ()) or multi.get(lemma, ()):
                if _seq_at(phrase, toks, i):
                    return len(phrase)
            return 0
        return 1 if (lemma == word or lower == word) else 0

    def _words_in(self, phrases: Iterable[Phrase], toks: _Words) -> bool:
        for ph in phrases:
            for w in ph.words:
                if w in ("$", "+", "^", "%"):
                    continue
                if not any(self._word_at(w, toks, i) for i in range(len(toks))):
                    return False
        return True

    def _post_match(self, elems: Sequence[Phrase], toks: _Words,
                    particles: tuple[str, ...]) -> tuple[tuple[str, ...], str | None] | None:
        """Match ``elems`` in order over ``toks``; returns (target spec, source prep) or None."""
        pos = 0
        target: list[str] = []
        source: str | None = None
        for el in elems:
            words = [w for w in el.words if w not in ("^", "%")]
            if el.prep is not None:
                found = self._prep_at(el, toks, pos)
                if found is None:
                    return None
                pos = found
                if "+" in el.words:
                    target.append(f"prep:{el.prep}")
                if "$" in el.words:
                    source = el.prep
                continue
            if words == ["+"]:
                target.append("obj")
                continue
            if words == ["$"] or not words:
                continue
            plain = [w for w in words if w not in ("$", "+")]
            found = self._seq_from(plain, toks, pos, tight=el.braced)
            if found is None:
                if len(plain) == 1 and plain[0] in particles:
                    continue  # the multi-word verb's own particle, already checked
                return None
            pos = found
        return tuple(target), source

    def _seq_from(self, words: list[str], toks: _Words, pos: int, tight: bool) -> int | None:
        """Find ``words`` in order in ``toks[pos:]`` (adjacent when ``tight``, determiners and
        adjectives aside); returns the position after the last word matched."""
        for start in range(pos, len(toks)):
            n = self._word_at(words[0], toks, start)
            if not n:
                continue
            i, ok = start + n, True
            for w in words[1:]:
                while i < len(toks) and not self._word_at(w, toks, i) and (
                        not tight or toks.dep[i] in ("det", "amod", "compound", "nummod", "poss", "case")):
                    i += 1
                m = self._word_at(w, toks, i) if i < len(toks) else 0
                if not m:
                    ok = False
                    break
                i += m
            if ok:
                return i
        return None

    def _prep_at(self, el: Phrase, toks: _Words, pos: int) -> int | None:
        prep = el.prep or ""
        inner = [w for w in el.words if w not in ("$", "+", "^", "%")]
        for i in range(pos, len(toks)):
            if toks.lower[i] != prep and toks.lemma[i] != prep:
                continue
            if not inner:
                return i + 1
            tok = toks.toks[i]
            sub = _Words([t for t in tok.subtree if t.i != tok.i])
            if self._seq_from(inner, sub, 0, tight=False) is not None:
                return i + 1
        return None


MARKERS = frozenset({"$", "+", "^", "%"})


def _compile(p: VerbPattern) -> _Compiled:
    def plain(phrases: Sequence[Phrase]) -> frozenset[str]:
        words = {w for ph in phrases for w in ph.words if w not in MARKERS and not w.startswith("&")}
        return frozenset(words | {ph.prep for ph in phrases if ph.prep})
    return _Compiled(p, plain(p.post), plain(p.pre))


def _with_synsets(c: _Compiled, firsts: dict[str, frozenset[str]]) -> _Compiled:
    """``c`` with the first words of the synsets its post elements need (any member will do)."""
    names = dict.fromkeys(w[1:] for ph in c.pattern.post for w in ph.words if w.startswith("&"))
    return _Compiled(c.pattern, c.post_words, c.pre_words, tuple(firsts.get(n, frozenset()) for n in names))


def _possible_codes(p: VerbPattern) -> tuple[str | None, ...]:
    """The codes a pattern can give: None when it blocks, else its active code, or its passive-only code."""
    if p.blocked:
        return (None,)
    return (p.active,) if p.active else (p.passive,)


def _regular_forms(base: str) -> set[str]:
    """The regular inflections PETRARCH generates for a verb listed without its forms, as spaCy may
    leave them unlemmatised ("cordoned"): -s, -es, -ed, -d, -ing."""
    stem = base[:-1] if base.endswith("e") else base
    forms = {base + "s", stem + "ed", stem + "ing"}  # "cordons", "cordoned"/"agreed", "cordoning"/"agreeing"
    if base.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(base + "es")
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    return forms


def _ordered(patterns: Sequence[VerbPattern]) -> tuple[VerbPattern, ...]:
    return tuple(sorted(patterns, key=lambda p: (-_size(p), p.line)))


def _size(p: VerbPattern) -> int:
    return sum(1 for ph in (*p.pre, *p.post) for w in ph.words if w not in ("$", "+", "^", "%")) + sum(
        1 for ph in p.post if ph.prep)


def _seq_at(words: tuple[str, ...], toks: _Words, i: int) -> bool:
    if i + len(words) > len(toks):
        return False
    lower, lemma = toks.lower, toks.lemma
    return all(lower[i + k] == w or lemma[i + k] == w for k, w in enumerate(words))


def _has_particles(verb: Token, rest: tuple[str, ...]) -> bool:
    right = [c for c in verb.children if c.i > verb.i and c.dep_ in ("prt", "prep", "advmod", "dative", "agent")]
    words = {c.lower_ for c in right}
    return all(w in words for w in rest)


def _post_tokens(verb: Token) -> list[Token]:
    """The verb's own phrase right of it, in text order."""
    out: list[Token] = []
    for child in verb.rights:
        if child.dep_ in POST_DEPS:
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _pre_tokens(verb: Token) -> list[Token]:
    out: list[Token] = []
    for child in verb.lefts:
        if child.dep_ in PRE_DEPS:
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)
