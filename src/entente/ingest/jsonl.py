"""JSON Lines collections: one ``Document`` per line, read lazily line by line.

Each line is an object with ``id``, ``text`` and optional ``published``,
``title``, ``url`` and ``source``. A bad line is rejected with its line number
and the rest of the file carries on. Lines are read with a bounded
``readline``, so neither the file nor an oversized line is ever held whole.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from entente import errors
from entente.ingest._decode import SNIFF_BYTES, bom_encoding, decode
from entente.ingest._read import check_binary, display_encoding, too_large, unreadable
from entente.ingest.dates import choose_published
from entente.records import Document, Notice, Reject

# Chunk size used to skip the rest of an oversized line.
_SKIP_CHUNK = 64 * 1024

Item = Document | Reject | Notice


def from_line(
    line: str, *, path: str, lineno: int, published: str | None = None, encoding: str = "utf-8"
) -> tuple[Document | Reject | None, list[str]]:
    """Parse one JSON Lines line into a ``Document`` or a ``Reject`` (E107/E108).

    Returns ``(None, [])`` for a blank line, and the record's dates that did
    not parse as the second item. The record's own ``published`` wins over the
    ``--published`` option.
    """
    if not line.strip():
        return None, []
    record = _parse_object(line.rstrip("\r\n"), path=path, lineno=lineno)
    if isinstance(record, Reject):
        return record, []
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = 'record has no text (no non-empty string "text" field)'
        return Reject(path, errors.E108_NO_TEXT, reason, lineno), []
    if "\x00" in text:
        reason = 'the "text" field holds a NUL character (\\u0000), not text'
        return Reject(path, errors.E103_BINARY, reason, lineno), []
    return _document(record, text, path=path, lineno=lineno, published=published, encoding=encoding)


def _parse_object(line: str, *, path: str, lineno: int) -> dict[str, Any] | Reject:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = f"invalid JSON: {exc.msg} at column {exc.colno}"
        return Reject(path, errors.E107_INVALID_JSON, reason, lineno)
    except (ValueError, RecursionError) as exc:
        return Reject(path, errors.E107_INVALID_JSON, f"invalid JSON: {exc}", lineno)
    if not isinstance(record, dict):
        reason = f"not a JSON object (got {type(record).__name__})"
        return Reject(path, errors.E107_INVALID_JSON, reason, lineno)
    return record


def _document(
    record: dict[str, Any], text: str, *, path: str, lineno: int, published: str | None,
    encoding: str,
) -> tuple[Document, list[str]]:
    candidates = [(_date_value(record.get("published")), "record"), (published, "option")]
    date, date_from, bad = choose_published(candidates)
    document = Document(
        id=_record_id(record.get("id")) or f"{path}:{lineno}",
        text=text,
        title=_string(record.get("title")),
        url=_string(record.get("url")),
        source=_string(record.get("source")),
        published=date,
        published_from=date_from,
        origin=f"{path}:{lineno}",
        kind="jsonl",
        encoding=encoding,
    )
    return document, bad


def _record_id(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value).strip() or None


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date_value(value: Any) -> Any:
    # A bare year may come as a JSON number (2019).
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def read_jsonl(path: str, *, published: str | None, max_bytes: int) -> Iterator[Item]:
    """Read a JSON Lines file lazily: one item (or notice) per line as it is read."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield unreadable(path, exc)
        return
    with handle:
        try:
            yield from _read_handle(handle, path=path, published=published, max_bytes=max_bytes)
        except OSError as exc:
            yield unreadable(path, exc)


def _read_handle(
    handle: BinaryIO, *, path: str, published: str | None, max_bytes: int
) -> Iterator[Item]:
    head = handle.read(SNIFF_BYTES)
    # A file of JSON objects is checked for NUL bytes line by line (one bad record costs only itself);
    # anything else is checked whole, as every reader does.
    objects = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    reject = check_binary(path, head.replace(b"\x00", b"") if objects else head)
    if not head or reject is not None:
        yield reject or Reject(path, errors.E105_EMPTY, "empty file")
        return
    handle.seek(0)
    bom = bom_encoding(head)
    if bom in ("utf-16", "utf-32"):
        with io.TextIOWrapper(handle, encoding=bom) as text:
            yield from _read_lines(text, _LineDecoder(path, bom), published, max_bytes)
    else:
        yield from _read_lines(handle, _LineDecoder(path, "utf-8"), published, max_bytes)


def _read_lines(
    source: BinaryIO | TextIO, decoder: _LineDecoder, published: str | None, max_bytes: int
) -> Iterator[Item]:
    records = 0
    for lineno, raw in _raw_lines(source, max_bytes):
        if isinstance(raw, int):
            yield too_large(decoder.path, raw, max_bytes, lineno)
            records += 1
            continue
        items = list(_line_items(raw, lineno, decoder, published))
        records += bool(items)
        yield from items
    if not records:
        yield Reject(decoder.path, errors.E105_EMPTY, "no records, only blank lines")


def _line_items(
    raw: bytes | str, lineno: int, decoder: _LineDecoder, published: str | None
) -> Iterator[Item]:
    line = decoder.decode(raw, lineno)
    if isinstance(line, Reject):
        yield line
        return
    yield from decoder.notices()
    item, bad = from_line(
        line, path=decoder.path, lineno=lineno, published=published, encoding=decoder.encoding
    )
    for value in bad:
        reason = f"unparseable date {value!r} ignored"
        yield Notice(decoder.path, errors.W202_BAD_DATE, reason, lineno)
    if item is not None:
        yield item


def _raw_lines(
    handle: BinaryIO | TextIO, max_bytes: int
) -> Iterator[tuple[int, bytes | str | int]]:
    """Yield ``(lineno, line)``, or ``(lineno, size)`` for a line over ``max_bytes``."""
    lineno = 0
    while line := handle.readline(max_bytes + 1):
        lineno += 1
        if len(line) > max_bytes and line[-1:] not in (b"\n", "\n"):
            yield lineno, len(line) + _skip_rest(handle)
        else:
            yield lineno, line


def _skip_rest(handle: BinaryIO | TextIO) -> int:
    skipped = 0
    while chunk := handle.readline(_SKIP_CHUNK):
        if chunk[-1:] in (b"\n", "\n"):
            return skipped + len(chunk) - 1
        skipped += len(chunk)
    return skipped


class _LineDecoder:
    """Decodes lines as UTF-8, falling back to a detected encoding (W201 once)."""

    def __init__(self, path: str, encoding: str) -> None:
        self.path = path
        self.encoding = encoding
        self._pending: list[Notice] = []

    def decode(self, raw: bytes | str, lineno: int) -> str | Reject:
        """The text of one line, or an E104 reject."""
        if "\x00" in raw if isinstance(raw, str) else b"\x00" in raw:
            return Reject(self.path, errors.E103_BINARY, "NUL byte in the line, not text", lineno)
        if isinstance(raw, str):
            return raw
        for encoding in dict.fromkeys(("utf-8-sig", self.encoding)):
            try:
                return raw.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
        return self._detect(raw, lineno)

    def _detect(self, raw: bytes, lineno: int) -> str | Reject:
        decoded = decode(raw)
        if decoded is None:
            reason = "text encoding cannot be determined (not UTF-8, no other encoding fits)"
            return Reject(self.path, errors.E104_UNDECODABLE, reason, lineno)
        self.encoding = decoded.encoding
        reason = f"not UTF-8; decoded as {display_encoding(decoded.encoding)}"
        self._pending.append(Notice(self.path, errors.W201_ENCODING, reason, lineno))
        return decoded.text

    def notices(self) -> list[Notice]:
        """The notices raised since the last call, once."""
        pending, self._pending = self._pending, []
        return pending
