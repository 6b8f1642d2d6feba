"""RSS and Atom feed files: one ``Document`` per entry, parsed with feedparser.

Feeds are parsed from the file's bytes only (never from a URL), so reading a
feed makes no network request.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from entente import errors
from entente.ingest._markup import html_to_text, plain_title
from entente.ingest._read import check_binary, display_encoding, read_bytes
from entente.ingest.dates import choose_published
from entente.records import Document, Notice, Reject

_LOCATION = re.compile(r"^<unknown>:\d+:\d+:\s*")
_PLAIN_TYPES = ("text/plain", "text")
_UTF8_NAMES = ("utf-8", "utf8", "us-ascii", "ascii")


def entry_text(entry: Any) -> str:
    """The plain text of a feed entry: its content, else its summary."""
    for part in list(entry.get("content") or []) + [entry.get("summary_detail")]:
        value = (part or {}).get("value") or ""
        if value.strip():
            plain = (part.get("type") or "").lower() in _PLAIN_TYPES
            return value.strip() if plain else html_to_text(value)
    return html_to_text(entry.get("summary") or "")


def from_entry(
    entry: Any,
    *,
    path: str,
    number: int,
    source: str | None,
    published: str | None,
    encoding: str = "utf-8",
) -> tuple[Document | Reject, list[str]]:
    """The ``Document`` of entry ``number`` (1-based), and its dates that did not parse.

    The entry's own date wins over the ``--published`` option.
    """
    text = entry_text(entry)
    title = plain_title(entry.get("title"))
    if not text:
        label = f" ({title!r})" if title else ""
        return Reject(path, errors.E108_NO_TEXT, f"feed entry {number}{label} has no text"), []
    date, date_from, bad = choose_published(_entry_dates(entry) + [(published, "option")])
    link = entry.get("link") or None
    document = Document(
        id=entry.get("id") or link or f"{path}#{number}",
        text=text,
        title=title,
        url=link,
        source=source,
        published=date,
        published_from=date_from,
        origin=path,
        kind="feed",
        encoding=encoding,
    )
    return document, bad


def _entry_dates(entry: Any) -> list[tuple[Any, str]]:
    # The date as written first (its own time zone), then feedparser's UTC parse.
    keys = ("published", "published_parsed", "updated", "updated_parsed", "created")
    # dict.get: FeedParserDict.get maps a missing "published" to "updated" with
    # a DeprecationWarning; the fallback order is explicit here instead.
    return [(dict.get(entry, key), "record") for key in keys if dict.get(entry, key)]


def from_feed(
    data: bytes, *, path: str, published: str | None = None
) -> Iterator[Document | Reject | Notice]:
    """Parse feed bytes into one ``Document`` per entry (E109 if it is not a feed)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        yield _no_entries(parsed, path)
        return
    notice = _encoding_notice(parsed, path)
    if notice is not None:
        yield notice
    source = (parsed.feed.get("title") or "").strip() or None
    encoding = parsed.get("encoding") or "utf-8"
    for number, entry in enumerate(parsed.entries, start=1):
        item, bad = from_entry(
            entry, path=path, number=number, source=source, published=published,
            encoding=encoding,
        )
        for value in bad:
            reason = f"unparseable date {value!r} in feed entry {number} ignored"
            yield Notice(path, errors.W202_BAD_DATE, reason)
        yield item


def _no_entries(parsed: Any, path: str) -> Reject:
    if parsed.get("bozo"):
        # feedparser's positions refer to its own rewritten copy, not the file.
        detail = _LOCATION.sub("", str(parsed.get("bozo_exception")))
        reason = f"not a readable RSS/Atom feed: {detail}"
        return Reject(path, errors.E109_INVALID_FEED, reason)
    return Reject(path, errors.E105_EMPTY, "feed has no entries")


def _encoding_notice(parsed: Any, path: str) -> Notice | None:
    encoding = (parsed.get("encoding") or "utf-8").lower()
    if encoding in _UTF8_NAMES:
        return None
    reason = f"not UTF-8; decoded as {display_encoding(encoding)}"
    return Notice(path, errors.W201_ENCODING, reason)


def read_feed(
    path: str, *, published: str | None, max_bytes: int
) -> Iterator[Document | Reject | Notice]:
    """Read one RSS/Atom file: notices, documents and rejects for its entries."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, Reject):
        yield data
        return
    reject = check_binary(path, data)
    if reject is not None:
        yield reject
    elif not data.strip():
        yield Reject(path, errors.E105_EMPTY, "nothing but whitespace")
    else:
        yield from from_feed(data, path=path, published=published)
