"""File access shared by the readers: size limit, reading, binary check, decoding.

Each helper returns either its result or a ``Reject``, so the readers can hand
the reject on and carry on with the next input.
"""

from __future__ import annotations

import os

from entente import errors
from entente.ingest._decode import Decoded, binary_kind, decode
from entente.records import Notice, Reject


def format_size(size: int) -> str:
    """``size`` in bytes as a short human-readable string ("8 MiB", "12.5 KiB")."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{text} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover - the loop always returns


def too_large(path: str, size: int, max_bytes: int, line: int | None = None) -> Reject:
    """The E106 reject for ``size`` bytes over the ``max_bytes`` limit."""
    what = "line" if line is not None else "file"
    reason = (
        f"{what} is {format_size(size)} ({size} bytes), over the size limit of "
        f"{format_size(max_bytes)} ({max_bytes} bytes)"
    )
    return Reject(path, errors.E106_TOO_LARGE, reason, line)


def unreadable(path: str, exc: OSError) -> Reject:
    """The E102 reject for an OS error, with the OS message."""
    message = exc.strerror or str(exc)
    return Reject(path, errors.E102_UNREADABLE, f"cannot be read: {message}")


def read_bytes(path: str, max_bytes: int) -> bytes | Reject:
    """Read a whole single-document file, checking its size before reading."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return too_large(path, size, max_bytes)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return unreadable(path, exc)
    if len(data) > max_bytes:  # the file grew after stat
        return too_large(path, len(data), max_bytes)
    return data if data else Reject(path, errors.E105_EMPTY, "empty file")


def check_binary(path: str, head: bytes) -> Reject | None:
    """The E103 reject if ``head`` (the first bytes of a file) is binary."""
    kind = binary_kind(head)
    if kind is None:
        return None
    return Reject(path, errors.E103_BINARY, f"binary content ({kind}), not text")


def decode_text(path: str, data: bytes, line: int | None = None) -> Decoded | Reject:
    """Decode ``data``; E104 when no encoding explains it."""
    decoded = decode(data)
    if decoded is None:
        reason = "text encoding cannot be determined (not UTF-8, no other encoding fits)"
        return Reject(path, errors.E104_UNDECODABLE, reason, line)
    return decoded


def encoding_notice(path: str, decoded: Decoded, line: int | None = None) -> Notice | None:
    """The W201 notice when the encoding of ``decoded`` had to be guessed."""
    if not decoded.guessed:
        return None
    reason = f"not UTF-8; decoded as {display_encoding(decoded.encoding)}"
    return Notice(path, errors.W201_ENCODING, reason, line)


def display_encoding(name: str) -> str:
    """A conventional spelling of a Python codec name ("cp1252" -> "windows-1252")."""
    if name == "latin_1":
        return "ISO-8859-1"
    if name.startswith("iso8859_"):
        return f"ISO-8859-{name[8:]}"
    if name.startswith("cp125"):
        return f"windows-{name[2:]}"
    if name.startswith(("utf", "iso-")):
        return name.replace("_", "-").upper()
    return name


def load_text(path: str, max_bytes: int) -> tuple[Decoded, list[Notice]] | Reject:
    """Read, check and decode a single-document text file (E102..E106, W201)."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, Reject):
        return data
    reject = check_binary(path, data)
    if reject is not None:
        return reject
    decoded = decode_text(path, data)
    if isinstance(decoded, Reject):
        return decoded
    if not decoded.text.strip():
        return Reject(path, errors.E105_EMPTY, "nothing but whitespace")
    notice = encoding_notice(path, decoded)
    return decoded, [notice] if notice else []
