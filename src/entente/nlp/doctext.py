"""The text of a parsed document, joined once per ``Doc``.

``Doc.text`` joins every token's text again on each access (spaCy keeps no
copy of the input string), and several extraction stages read it for each
document: profiled, that was a tenth of entente's own time per document. The
first join is kept for as long as the ``Doc`` lives. A ``Doc``'s text never
changes: retokenizing merges and splits tokens without altering it.
"""

from __future__ import annotations

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
