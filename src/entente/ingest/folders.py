"""Paths to files: folders walked recursively, kinds chosen by extension or content."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

from entente import errors
from entente.ingest._decode import SNIFF_BYTES, bom_encoding
from entente.records import Reject

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# Start of the root element of a feed or a page.
_MARKUP_PREFIXES = {"feed": ("<rss", "<feed", "<rdf:rdf"), "html": ("<!doctype html", "<html")}


def kind_from_extension(path: str) -> str | None:
    """The input kind named by the file extension, if it is a known one."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def kind_from_content(head: bytes) -> str:
    """Guess the kind ("html", "feed" or "text") from a file's first bytes."""
    # Only ASCII markers matter here, so any byte-preserving decoding will do.
    text = head.decode(bom_encoding(head) or "latin-1", errors="ignore").lstrip().lower()
    if text.startswith("<?xml") or text.startswith("<!--"):
        for kind in ("feed", "html"):
            if any(prefix in text for prefix in _MARKUP_PREFIXES[kind]):
                return kind
    for kind, prefixes in _MARKUP_PREFIXES.items():
        if text.startswith(prefixes):
            return kind
    return "text"


def guess_kind(path: str) -> str:
    """The kind of the file at ``path``: by extension, else by sniffing its content.

    Raises ``OSError`` when an unknown-extension file cannot be opened.
    """
    kind = kind_from_extension(path)
    if kind is not None:
        return kind
    with open(path, "rb") as handle:
        return kind_from_content(handle.read(SNIFF_BYTES))


def special_kind(mode: int) -> str | None:
    """Describe a non-regular, non-directory file mode ("a socket"), else ``None``."""
    for test, name in _SPECIAL:
        if test(mode):
            return name
    return None


def walk(path: str) -> Iterator[str | Reject]:
    """Files under folder ``path``, recursively, sorted, hidden names skipped.

    Folders that cannot be listed are yielded as E102 rejects; symbolic links
    that lead back into a folder already being walked are not followed again.
    """
    yield from _walk(path, frozenset())


def _walk(path: str, ancestors: frozenset[tuple[int, int]]) -> Iterator[str | Reject]:
    try:
        info = os.stat(path)
        with os.scandir(path) as scan:
            names = sorted(entry.name for entry in scan if not entry.name.startswith("."))
    except OSError as exc:
        message = exc.strerror or str(exc)
        yield Reject(path, errors.E102_UNREADABLE, f"folder cannot be listed: {message}")
        return
    ancestors = ancestors | {(info.st_dev, info.st_ino)}
    for name in names:
        child = os.path.join(path, name)
        if os.path.isdir(child):
            if _identity(child) not in ancestors:
                yield from _walk(child, ancestors)
        else:
            yield child


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino
