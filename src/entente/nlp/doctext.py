"""The text of a parsed document, joined once per ``Doc``; its sentences, listed once.

``Doc.text`` joins every token's text again on each access (spaCy keeps no
copy of the input string), and several extraction stages read it for each
document: profiled, that was a tenth of entente's own time per document. The
first join is kept for as long as the ``Doc`` lives. A ``Doc``'s text never
changes: retokenizing merges and splits tokens without altering it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built on the first call for ``doc`` and reused after it."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def alone_on_line(span: Span) -> bool:
    """``span`` is all its line holds, in a text of several lines (a location or dateline slug above a
    transcript: "Oval Office")."""
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start: end if end >= 0 else len(text)]
    return line.strip(" \t\u00a0.:") == span.text and (start > 0 or end >= 0)


class Sentences:
    """The sentences of ``doc``, listed once, looked up by token index with a binary search.

    ``Doc.sents`` builds every sentence again on each iteration, and ``Span.sent``,
    ``Span.sents`` and ``Token.sent`` walk the token array out to the sentence's ends on every
    call. The extraction (:func:`entente.extract.extract_doc`) makes one of these per document
    and hands it to every stage, which looks sentences up here instead. ``spans[k]`` is the
    sentence ``Span.sent`` gives for any token in it (spaCy's ``Doc.sents``). The list is made
    at the first look-up (a document without sentence boundaries, from a pipeline without a
    parser, fails only then, as ``Doc.sents`` does), after the last change to the document's
    tokens.
    """

    __slots__ = ("_doc", "_spans", "_starts")

    def __init__(self, doc: Doc) -> None:
        self._doc: Doc | None = doc
        self._spans: list[Span] = []
        self._starts: list[int] = []

    def _listed(self) -> list[int]:
        """The first token of each sentence (listing the sentences on the first call)."""
        if self._doc is not None:
            self._spans = list(self._doc.sents)
            self._starts = [s.start for s in self._spans]
            self._doc = None
        return self._starts

    @property
    def spans(self) -> list[Span]:
        """The sentences, in order."""
        self._listed()
        return self._spans

    def index_of(self, token_i: int) -> int:
        """The index in ``spans`` of the sentence that holds token ``token_i``."""
        return bisect_right(self._listed(), token_i) - 1

    def of(self, token_i: int) -> Span:
        """The sentence that holds token ``token_i`` (``doc[token_i].sent``)."""
        starts = self._listed()
        return self._spans[bisect_right(starts, token_i) - 1]

    def start_back(self, token_i: int, back: int = 0) -> int:
        """The first token of the sentence ``back`` sentences before the one that holds token
        ``token_i`` (of the document's first sentence when there are fewer before it)."""
        starts = self._listed()
        return starts[max(bisect_right(starts, token_i) - 1 - back, 0)]

    def overlapping(self, start: int, end: int) -> list[Span]:
        """The sentences that hold a token of ``start:end``, in order (``doc[start:end].sents``; for
        an empty span, the sentence of token ``start``)."""
        starts = self._listed()
        k = bisect_right(starts, start) - 1
        return self._spans[k: max(k + 1, bisect_left(starts, end))]
