"""HTML pages: the main text, title, URL and date via trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from entente import errors
from entente.ingest._markup import plain_title
from entente.ingest._read import load_text
from entente.ingest.dates import choose_published
from entente.records import Document, Notice, Reject

# Dates only from the page's metadata and markup, not guessed from its prose.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found in an HTML page."""

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None


def from_html(html: str) -> Page | None:
    """Extract the main text and metadata of ``html``; ``None`` when it has no main text."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    text = (getattr(result, "text", None) or "").strip()
    if not text:
        return None
    return Page(
        text=text,
        title=plain_title(getattr(result, "title", None)),
        url=getattr(result, "url", None) or None,
        date=getattr(result, "date", None) or None,
        source=getattr(result, "sitename", None) or None,
    )


def document_from_page(
    page: Page, *, path: str, published: str | None, encoding: str = "utf-8"
) -> tuple[Document, list[str]]:
    """The ``Document`` of ``page``, and the page dates that did not parse.

    The page's metadata date wins over the ``--published`` option.
    """
    date, source, bad = choose_published([(page.date, "metadata"), (published, "option")])
    document = Document(
        id=path,
        text=page.text,
        title=page.title,
        url=page.url,
        source=page.source,
        published=date,
        published_from=source,
        origin=path,
        kind="html",
        encoding=encoding,
    )
    return document, bad


def read_html(
    path: str, *, published: str | None, max_bytes: int
) -> Iterator[Document | Reject | Notice]:
    """Read one HTML file: notices, then its ``Document`` or a ``Reject`` (E108)."""
    loaded = load_text(path, max_bytes)
    if isinstance(loaded, Reject):
        yield loaded
        return
    decoded, notices = loaded
    yield from notices
    page = from_html(decoded.text)
    if page is None:
        yield Reject(path, errors.E108_NO_TEXT, "no main text found in the HTML page")
        return
    document, bad = document_from_page(
        page, path=path, published=published, encoding=decoded.encoding
    )
    for value in bad:
        yield Notice(path, errors.W202_BAD_DATE, f"unparseable date {value!r} ignored")
    yield document
