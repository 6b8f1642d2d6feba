"""The extraction facade: documents in, extraction records out.

The spaCy pipeline is loaded once per process and driven with ``nlp.pipe``
over batches; everything after the parse is a pure function of the ``Doc``.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from entente.coding.coder import Context, build_sides, code_events
from entente.coding.confidence import above
from entente.coding.dedup import dedup_events
from entente.coding.layers import Lexicon
from entente.coding.options import Coder, Dictionaries, kept_events, make_coder, tag_sides
from entente.dictionary import ActorDictionary, default_dictionary
from entente.nlp.actors import find_actors, link_pronouns
from entente.nlp.countries import find_countries, rank_countries
from entente.nlp.dates import find_dates
from entente.nlp.doctext import Sentences, doc_text
from entente.nlp.money_doc import find_money
from entente.nlp.places import find_places
from entente.nlp.quotes import find_quotes
from entente.nlp.pipeline import shared_pipeline
from entente.nlp.sectors import SectorWords, sector_words
from entente.errors import E111_TOO_LONG_TO_PARSE, DocumentTooLong
from entente.records import Document, Extraction, Reject

# Measured in shared/reference/STACK.md: batches of 4-8 article-sized
# documents are fastest; larger batches cost memory and speed.
BATCH_SIZE = 8
# About 80,000 words: a long report parses in well under a minute on one core.
MAX_PARSE_CHARS = 500_000


def extract_documents(documents: Iterable[Document], nlp: Language | None = None,
                      batch_size: int = BATCH_SIZE, max_chars: int = MAX_PARSE_CHARS,
                      on_reject: Callable[[Reject], None] | None = None, *, lexicon: Lexicon | None = None,
                      dictionaries: Dictionaries = None,
                      min_confidence: float | None = None) -> Iterator[Extraction]:
    """Parse and extract each document, streaming, in input order.

    A document longer than ``max_chars`` is not parsed (the parse time and
    memory grow with length; this bounds both per document): it is passed to
    ``on_reject`` as an ``E111`` reject, or raises :class:`DocumentTooLong`
    when no callback is given.

    lexicon (Lexicon | None): the coder's layers (default: entente's rules, then CAMEO 2.0).
    dictionaries (DictionarySet | path | None): a user's dictionaries (or their folder): their
        verbs are asked before ``lexicon``, their actors are coded over entente's own.
    min_confidence (float | None): drop events below it (default: the table's threshold).
    The dictionaries are loaded and checked before the first document is read.
    """
    coder = make_coder(lexicon, dictionaries, min_confidence)
    return _extract_all(documents, nlp or shared_pipeline(), batch_size, max_chars, on_reject, coder)


def _extract_all(documents: Iterable[Document], nlp: Language, batch_size: int, max_chars: int,
                 on_reject: Callable[[Reject], None] | None, coder: Coder) -> Iterator[Extraction]:
    dictionary, words = default_dictionary(), sector_words()
    pairs = ((d.text, d) for d in _parseable(documents, max_chars, on_reject))
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _extract(doc, document, nlp, dictionary, words, coder)


def _parseable(documents: Iterable[Document], max_chars: int,
               on_reject: Callable[[Reject], None] | None) -> Iterator[Document]:
    for d in documents:
        if len(d.text) <= max_chars:
            yield d
            continue
        reject = Reject(d.origin or d.id, E111_TOO_LONG_TO_PARSE,
                        f"{len(d.text):,} characters, over the parse limit of {max_chars:,}")
        if on_reject is None:
            raise DocumentTooLong(str(reject))
        on_reject(reject)


def extract_doc(doc: Doc, document: Document, nlp: Language, dictionary: ActorDictionary,
                words: SectorWords, *, lexicon: Lexicon | None = None, dictionaries: Dictionaries = None,
                min_confidence: float | None = None) -> Extraction:
    """Everything entente extracts from one parsed document (options as :func:`extract_documents`)."""
    return _extract(doc, document, nlp, dictionary, words, make_coder(lexicon, dictionaries, min_confidence))


def _extract(doc: Doc, document: Document, nlp: Language, dictionary: ActorDictionary, words: SectorWords,
             coder: Coder) -> Extraction:
    date = document.published
    # The sentences, listed once for every stage: iterating doc.sents, span.sent and token.sent
    # all rebuild or walk them.
    sents = Sentences(doc)
    mentions = find_countries(doc, nlp, dictionary)
    actors = find_actors(doc, mentions, dictionary, words, date, sents=sents)
    actor_countries = [a.country for a in actors if a.country in dictionary.countries]
    countries = rank_countries(mentions, actor_countries)
    year = int(date[:4]) if date else None
    money = find_money(doc, mentions, actors, countries, year, sents=sents)
    dates = find_dates(doc, date)
    places = find_places(doc, countries, country_forms=dictionary.country_forms, sents=sents)
    quotes = find_quotes(doc, actors, mentions, sents=sents)
    actors = link_pronouns(doc, actors, [(q.start, q.end) for q in quotes], sents=sents)
    sides = build_sides(doc, actors, mentions, places, quotes, coder.lexicon, date, sents=sents)
    tag_sides(doc, sides, coder, date)
    ctx = Context(sides, places, dates, money, quotes, date)
    coded = kept_events(code_events(doc, ctx, coder.lexicon), doc_text(doc), coder.discards)
    events = above(dedup_events(coded), coder.threshold)
    return Extraction(
        id=document.id, published=date, countries=countries, actors=tuple(actors),
        money=tuple(money), dates=tuple(dates), places=tuple(places), quotes=tuple(quotes),
        country_mentions=tuple((m.text, m.start_char, m.end_char, m.iso3) for m in mentions),
        events=tuple(events),
        title=document.title, url=document.url,
        content_hash=document.content_hash,
    )
