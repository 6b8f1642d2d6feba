"""Bytes to text: binary sniffing and encoding detection (pure functions)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

# How much of a file is looked at to decide whether it is binary.
SNIFF_BYTES = 8 * 1024

# Known file signatures, checked at the start of the file.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

# Code pages preferred among equally good guesses, in order.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")

# Byte-order marks, longest first (the UTF-32 LE mark starts with UTF-16 LE's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and whether it had to be guessed."""

    text: str
    encoding: str
    guessed: bool = False


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def binary_kind(head: bytes) -> str | None:
    """Describe ``head`` if it is binary ("PDF document", "NUL bytes"), else ``None``."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return None  # NUL bytes are expected in UTF-16/32 text
    if b"\x00" in head[:SNIFF_BYTES]:
        return "NUL bytes"
    return None


def decode(data: bytes) -> Decoded | None:
    """Decode ``data`` as UTF-8 (or the encoding of its BOM), else detect it.

    Returns ``None`` when no encoding explains the bytes.
    """
    encoding = bom_encoding(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return _detect(data)
    return Decoded(text.lstrip("\ufeff"), "utf-8" if encoding == "utf-8-sig" else encoding)


def _detect(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    match = _prefer_western(matches, best)
    return Decoded(str(match), match.encoding, guessed=True)


def _prefer_western(matches: Any, best: Any) -> Any:
    # Short accented text fits several single-byte code pages equally well
    # (same chaos and coherence); Western European is then the likeliest, and
    # charset-normalizer's own order would pick e.g. cp1250 ("trčs" for "très").
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if tied and match.encoding in _WESTERN:
            return match
    return best
