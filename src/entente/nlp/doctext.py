"""The text of a parsed document, joined once per ``Doc``.

``Doc.text`` joins every token's text again on each access (spaCy keeps no
copy of the input string), and several extraction stages read it for each
document: profiled, that was a tenth of entente's own time per document. The
first join is kept for as long as the ``Doc`` lives. A ``Doc``'s text never
changes: retokenizing merges and splits tokens without altering it.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc

_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built on the first call for ``doc`` and reused after it."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
