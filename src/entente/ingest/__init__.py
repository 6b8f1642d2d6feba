"""The ingestion stage: files, folders and collections to ``Document`` records.

``read_inputs`` is the one facade. It streams a ``Document`` for each usable
text, a ``Reject`` (``E###``) for each input it skips and a ``Notice``
(``W###``) for each warning, and never raises for bad input.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator

from entente import errors
from entente.ingest._read import unreadable
from entente.ingest.dates import normalize_date
from entente.ingest.feeds import read_feed
from entente.ingest.folders import guess_kind, special_kind, walk
from entente.ingest.html import read_html
from entente.ingest.jsonl import read_jsonl
from entente.ingest.text import read_text
from entente.records import Document, Notice, Reject

__all__ = ["DEFAULT_MAX_BYTES", "read_inputs", "read_path"]

# Largest single document (or JSON Lines line) read: far above any news article,
# small enough that a stray disk image or database is refused quickly.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024

Item = Document | Reject | Notice
_Reader = Callable[..., Iterator[Item]]


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Stream the documents, rejects and notices of files, folders and collections.

    :param paths: files or folders, read in the order given (folders sorted).
    :param published: a default publication date (the ``--published`` option),
        used when a document has no date of its own.
    :param max_bytes: size limit for one document (or one JSON Lines line).
    :raises ValueError: when ``published`` is not a date; bad inputs never raise.
    """
    option = _validate_option(published)
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    return _read_all(paths, option, max_bytes)


def _validate_option(published: str | None) -> str | None:
    if published is None:
        return None
    normal = normalize_date(published)
    if normal is None:
        raise ValueError(
            f"invalid --published date {published!r}: use YYYY-MM-DD, YYYY-MM or YYYY"
        )
    return normal


def _read_all(
    paths: Iterable[str | os.PathLike[str]], option: str | None, max_bytes: int
) -> Iterator[Item]:
    for path in paths:
        yield from read_path(os.fspath(path), published=option, max_bytes=max_bytes)


def read_path(
    path: str, *, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Read one file or folder given by the user (``published`` already normalised)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        yield _not_found(path)
        return
    except OSError as exc:
        yield unreadable(path, exc)
        return
    if stat.S_ISDIR(mode):
        yield from _read_folder(path, published, max_bytes)
    else:
        yield from _read_file(path, mode, published, max_bytes)


def _not_found(path: str) -> Reject:
    reason = "no such file or folder"
    if os.path.islink(path):
        reason = "broken symbolic link (its target does not exist)"
    return Reject(path, errors.E101_NOT_FOUND, reason)


def _read_folder(path: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    for child in walk(path):
        if isinstance(child, Reject):
            yield child
        else:
            yield from read_path(child, published=published, max_bytes=max_bytes)


def _read_file(path: str, mode: int, published: str | None, max_bytes: int) -> Iterator[Item]:
    special = special_kind(mode)
    if special is not None:
        yield Reject(path, errors.E110_UNSUPPORTED, f"unsupported kind of path: {special}")
        return
    try:
        kind = guess_kind(path)
    except OSError as exc:
        yield unreadable(path, exc)
        return
    reader = _READERS[kind]
    extra = {"kind": kind} if kind in ("text", "markdown") else {}
    yield from reader(path, published=published, max_bytes=max_bytes, **extra)


_READERS: dict[str, _Reader] = {
    "text": read_text,
    "markdown": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
}
