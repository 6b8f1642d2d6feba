"""The text of a parsed document, joined once per ``Doc``; its sentences, listed once.

``Doc.text`` joins every token's text again on each access (spaCy keeps no
copy of the input string), and several extraction stages read it for each
document: profiled, that was a tenth of entente's own time per document. The
first join is kept for as long as the ``Doc`` lives. A ``Doc``'s text never
changes: retokenizing merges and splits tokens without altering it.
"""

from __future__ import annotations

from bisect import bisect_right
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

    ``Span.sent`` and ``Token.sent`` walk the token array out to the sentence's ends on every
    call. A stage that asks for the sentence of each of many things (every amount of money in
    a long report) lists the sentences once with this instead and works per sentence.
    ``spans[k]`` is the sentence ``Span.sent`` gives for any token in it (spaCy's
    ``Doc.sents``); build it after the last change to the document's tokens.
    """

    __slots__ = ("spans", "_starts")

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.sents)
        self._starts = [s.start for s in self.spans]

    def index_of(self, token_i: int) -> int:
        """The index in ``spans`` of the sentence that holds token ``token_i``."""
        return bisect_right(self._starts, token_i) - 1
