"""spaCy's rule lemmatizer, remembering each lemma it has worked out: the same lemmas, faster.

spaCy's :class:`~spacy.pipeline.Lemmatizer` works out every token's lemma from its text,
part of speech and morphology, and caches only some of the answers (not the base forms,
most of a text), and looks each candidate form up in word lists read from end to end. In
``rule`` and ``lookup`` mode the answer depends on nothing else, so
:func:`use_memo_lemmatizer` gives the pipeline's lemmatizer a memory keyed by (text, part
of speech, morphology): each distinct key is worked out once by spaCy's own code, then
read back for every later token (one array read and one array write per document). The
memory is bounded (:data:`CACHE_SIZE` keys; cleared when full). Other modes, and a
lemmatizer that overwrites lemmas set before it, keep spaCy's own loop.

The component keeps its name, place, class (a subclass of the one the pipeline built),
tables and configuration; a test checks that every token's lemma is the stock
pipeline's over the sample corpus and the dev texts.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

#: Most distinct (text, part of speech, morphology) keys kept at once; a full memory is
#: cleared, never grown. News of a few hundred thousand words holds some tens of thousands.
CACHE_SIZE = 200_000
MEMO_MODES = ("rule", "lookup")  # modes whose answer is a function of the key alone
_ATTRS = [ORTH, POS, MORPH, LEMMA]


class MemoLemmatizer(Lemmatizer):
    """Mixed in before the pipeline's own lemmatizer class (see :func:`use_memo_lemmatizer`)."""

    def __call__(self, doc: Doc) -> Doc:
        if self.mode not in MEMO_MODES or self.overwrite:
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        try:
            return self._lemmatize_doc(doc)
        except Exception as e:  # as the stock component: its error handler decides
            self.get_error_handler()(self.name, self, [doc], e)
            return doc

    def __reduce__(self) -> tuple[Any, ...]:
        # The class is made at run time (one per stock class): pickled as the stock class is (spaCy's
        # Cython reduction), under the stock class's name, and given its memory class back when read.
        reduced = super().__reduce__()
        unpickle, args = reduced[0], reduced[1]
        return (_rebuild, (unpickle, (_stock_class(type(self)), *args[1:])), *reduced[2:])

    def _lemmatize_doc(self, doc: Doc) -> Doc:
        rows = doc.to_array(_ATTRS)
        if not len(rows):
            return doc
        memo = _MEMOS.setdefault(self, {})
        strings = doc.vocab.strings
        lemmas = rows[:, 3].tolist()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                if len(memo) >= CACHE_SIZE:
                    memo.clear()
                found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = found
        column = numpy.asarray(lemmas, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], column)  # type: ignore[arg-type]  # thinc's Ints2d is a numpy array
        return doc


_CLASSES: dict[type, type] = {}
# Each lemmatizer's memory: (text, part of speech, morphology) -> lemma hash. Kept out of the
# component's own state, so a pickled copy starts empty (its strings may be another vocab's).
_MEMOS: weakref.WeakKeyDictionary[Lemmatizer, dict[tuple[int, int, int], int]] = weakref.WeakKeyDictionary()


def memory(lemmatizer: Lemmatizer) -> dict[tuple[int, int, int], int]:
    """What ``lemmatizer`` remembers (empty before its first document)."""
    return _MEMOS.get(lemmatizer, {})


def _stock_class(cls: type) -> type:
    return next(c for c in cls.__mro__ if not issubclass(c, MemoLemmatizer))


def _rebuild(unpickle: Any, args: tuple[Any, ...]) -> Lemmatizer:
    lemmatizer = unpickle(*args)
    lemmatizer.__class__ = _memo_class(type(lemmatizer))
    return lemmatizer  # pickle then sets its state, as for the stock class


def _memo_class(base: type[Lemmatizer]) -> type[Lemmatizer]:
    if base not in _CLASSES:
        _CLASSES[base] = type("Memo" + base.__name__, (MemoLemmatizer, base), {"__module__": __name__})
    return _CLASSES[base]


def use_memo_lemmatizer(nlp: Language, name: str = "lemmatizer") -> Any:
    """Give ``nlp``'s lemmatizer ``name`` its memory, in place; None when there is none."""
    if name not in nlp.component_names:
        return None
    stock = nlp.get_pipe(name)
    if not isinstance(stock, Lemmatizer):
        return None
    if not isinstance(stock, MemoLemmatizer):
        stock.__class__ = _memo_class(type(stock))
        _index_sets(stock)
    return stock


def _index_sets(lemmatizer: Lemmatizer) -> None:
    """The ``lemma_index`` table's word lists as sets: the rules ask only whether a form is in
    one, and a list of thousands of words is read through for every form (most of the time a
    new word took)."""
    if "lemma_index" not in lemmatizer.lookups:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])
