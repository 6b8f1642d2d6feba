"""Plain text and Markdown files: one ``Document`` each."""

from __future__ import annotations

import re
from collections.abc import Iterator

from entente import errors
from entente.ingest._read import load_text
from entente.records import Document, Notice, Reject

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
# Markdown markup replaced by its readable text, in this order (images before links).
_MARKDOWN: tuple[tuple[re.Pattern[str], str], ...] = (
    (_HEADING, r"\1"),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S+.*$", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"^ {0,3}> ?", re.MULTILINE), ""),
    (re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),
)
_EXTRA_BLANKS = re.compile(r"\n{3,}")


def title_from_text(text: str) -> str | None:
    """The first non-empty line when it is a Markdown heading (``# Title``)."""
    for line in text.splitlines():
        if line.strip():
            match = _HEADING.match(line)
            return match.group(1).strip() or None if match else None
    return None


def from_markdown(text: str) -> str:
    """Markdown as readable plain text: headings, emphasis and link syntax removed."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return _EXTRA_BLANKS.sub("\n\n", text).strip("\n")


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` line endings as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def from_text(
    text: str,
    *,
    path: str,
    kind: str = "text",
    published: str | None = None,
    encoding: str = "utf-8",
) -> Document:
    """Build the ``Document`` of a text or Markdown file from its decoded text.

    :param published: the already-normalised ``--published`` option, if any.
    """
    text = normalize_newlines(text)
    title = title_from_text(text)
    body = from_markdown(text) if kind == "markdown" else text
    return Document(
        id=path,
        text=body,
        title=title,
        published=published,
        published_from="option" if published else None,
        origin=path,
        kind=kind,
        encoding=encoding,
    )


def read_text(
    path: str, *, kind: str, published: str | None, max_bytes: int
) -> Iterator[Document | Reject | Notice]:
    """Read one text/Markdown file: its notices, then its ``Document`` or a ``Reject``."""
    loaded = load_text(path, max_bytes)
    if isinstance(loaded, Reject):
        yield loaded
        return
    decoded, notices = loaded
    yield from notices
    document = from_text(
        decoded.text, path=path, kind=kind, published=published, encoding=decoded.encoding
    )
    if document.text.strip():
        yield document
    else:
        yield Reject(path, errors.E105_EMPTY, "nothing but Markdown markup")
