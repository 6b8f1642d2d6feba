"""Dataset inputs: plain, ``.gz`` and ``.zip`` files read as bounded streams of numbered lines.

Nothing is extracted to disk: a ``.gz`` file or a zip member is decompressed in
memory, a block at a time, and handed to DuckDB as Arrow batches, so an import
that is killed leaves no temporary file behind. While it decompresses, each
archive is held to the limits of ``data/import_limits.tsv``: it may expand to at
most ``max_expanded_bytes`` (``ENTENTE_IMPORT_MAX_BYTES``) and, beyond
``ratio_free_bytes``, to at most ``max_expansion_ratio`` times its own size
(``ENTENTE_IMPORT_MAX_RATIO``); past either it stops with :class:`ArchiveTooLarge`
(E143). A zip's members share its budget. Checksums and lengths are checked at
the end of every gzip member and zip member (DuckDB's own gzip reader checks
neither), and any damage raises :class:`ArchiveCorrupt` (E142).

Lines are numbered from 1 in file order, blank lines included (they are not
rows). A line longer than ``max_line_bytes`` is never held whole: it is reported
as malformed with its true number and every later line keeps its number. A line
that is not UTF-8 is read as Latin-1 (warning W201); the rest stay UTF-8.
"""

from __future__ import annotations

import csv
import gzip
import lzma
import os
import shutil
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from entente.errors import (E142_ARCHIVE_CORRUPT, E143_ARCHIVE_TOO_LARGE, E144_NOT_A_DATASET_FILE,
                            E145_IMPORT_FAILED, EntenteError)
from entente.settings import IMPORT_MAX_BYTES_ENV, IMPORT_MAX_RATIO_ENV, settings

__all__ = ["ArchiveCorrupt", "ArchiveTooLarge", "DatasetFileError", "ImportLimits", "LineStats", "NotADatasetFile",
           "Source", "clean_stale_temp", "head_lines", "import_limits", "line_tables", "open_sources"]

CHUNK = 4 << 20  # decompressed bytes read at a time
HEAD_CHUNK = 64 << 10
_STEP = 64 << 10  # compressed streams are decompressed this much at a time (and counted)
# Temporary folders older entente versions made (zip members extracted, PLOVER arrays rewritten).
STALE_PREFIXES = ("entente-import-", "entente-plover-")


# --- errors -------------------------------------------------------------------------------------------

class DatasetFileError(EntenteError):
    """A dataset file that could not be imported (an I/O or database error); nothing was stored from it.

    ``path`` is the file's display name (``archive.zip!member`` for a zip member). The subclasses
    name the more specific reasons.
    """

    code = E145_IMPORT_FAILED

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self._init: tuple[object, ...] = (path, message)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:  # copy and pickle with the constructor's arguments
        return type(self), self._init


class ArchiveCorrupt(DatasetFileError):
    """A ``.gz`` or ``.zip`` file (or zip member) that is corrupt or truncated; nothing was stored from it."""

    code = E142_ARCHIVE_CORRUPT

    def __init__(self, path: str, reason: str, after_line: int | None = None) -> None:
        where = ("" if after_line is None else ", before the first line" if after_line == 0
                 else f", noticed after line {after_line:,}")
        super().__init__(path, f"archive is corrupt or truncated ({reason}{where}); nothing was stored from it")
        self.reason = reason
        self.after_line = after_line
        self._init = (path, reason, after_line)


class ArchiveTooLarge(DatasetFileError):
    """A ``.gz`` or ``.zip`` file expanding beyond the import limits; stopped there, nothing stored from it."""

    code = E143_ARCHIVE_TOO_LARGE

    def __init__(self, path: str, limit: int, why: str, how: str) -> None:
        super().__init__(path, f"archive expands beyond the limit of {_size(limit)} ({why}); nothing was stored "
                               f"from it. {how}")
        self.limit = limit
        self._init = (path, limit, why, how)


class NotADatasetFile(DatasetFileError, ValueError):
    """A file whose header lacks the columns its dataset needs (``entente import icews`` on another file)."""

    code = E144_NOT_A_DATASET_FILE


def _size(n: float) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n):,} bytes"


# Errors Python's gzip/zipfile/zlib/lzma raise for damaged or unsupported archive content.
_ARCHIVE_ERRORS = (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile, lzma.LZMAError, NotImplementedError,
                   RuntimeError, ValueError, struct.error, UnicodeDecodeError, OverflowError)


def _is_archive_error(exc: BaseException) -> bool:
    # An OSError without errno (bz2's "Invalid data stream") is about the bytes, not the disk.
    return isinstance(exc, _ARCHIVE_ERRORS) or (isinstance(exc, OSError) and exc.errno is None)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, EOFError):
        return f"the compressed data ends early: {text}"
    return text


# --- limits -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportLimits:
    """What one input may cost (``data/import_limits.tsv``, the two expansion limits overridable)."""

    max_line_bytes: int
    max_expanded_bytes: int
    max_expansion_ratio: float
    ratio_free_bytes: int

    def expansion_limit(self, name: str, compressed: int) -> tuple[int, str, str]:
        """``(bytes, why, how to raise it)`` for an archive of ``compressed`` bytes."""
        by_ratio = max(int(self.max_expansion_ratio * compressed), self.ratio_free_bytes)
        if by_ratio < self.max_expanded_bytes:
            return (by_ratio, f"{self.max_expansion_ratio:g} times its size, {_size(compressed)}",
                    f"If {name} is a genuine dataset file, allow more with {IMPORT_MAX_RATIO_ENV}=<ratio> "
                    f"(now {self.max_expansion_ratio:g}).")
        return (self.max_expanded_bytes, "the most any archive may expand to",
                f"If {name} is a genuine dataset file, allow more with {IMPORT_MAX_BYTES_ENV}=<size, e.g. 16G> "
                f"(now {_size(self.max_expanded_bytes)}).")


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    text = (resources.files("entente") / "data" / "import_limits.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {r["name"]: float(r["value"]) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def import_limits() -> ImportLimits:
    """The limits now: ``data/import_limits.tsv`` with the environment's overrides (:mod:`entente.settings`)."""
    t, s = _table(), settings()
    return ImportLimits(
        max_line_bytes=int(t["max_line_bytes"]),
        max_expanded_bytes=s.import_max_bytes or int(t["max_expanded_bytes"]),
        max_expansion_ratio=s.import_max_ratio or t["max_expansion_ratio"],
        ratio_free_bytes=int(t["ratio_free_bytes"]))


class _Budget:
    """The bytes an archive has expanded to so far (the furthest each member was read), against its limit."""

    def __init__(self, name: str, compressed: int, limits: ImportLimits) -> None:
        self.name = name
        self.limit, self.why, self.how = limits.expansion_limit(name, compressed)
        self.furthest: dict[str, int] = {}
        self.total = 0

    def charge(self, display: str, member: str, position: int) -> None:
        before = self.furthest.get(member, 0)
        if position > before:
            self.total += position - before
            self.furthest[member] = position
        if self.total > self.limit:
            raise ArchiveTooLarge(display, self.limit, self.why, self.how)

    def check_declared(self, display: str, member: str, size: int) -> None:
        """Refuse at once a zip member whose declared size would go beyond the limit (Python's zipfile
        never hands out more than the declared size, so a smaller lie only makes the member corrupt)."""
        if self.total - self.furthest.get(member, 0) + size > self.limit:
            raise ArchiveTooLarge(display, self.limit, self.why, self.how)


# --- sources ------------------------------------------------------------------------------------------

@dataclass
class Source:
    """One input to read: a plain file, a ``.gz`` file or one member of a ``.zip`` (``name`` is ``zip!member``)."""

    name: str
    path: Path
    limits: ImportLimits
    member: zipfile.ZipInfo | None = None
    archive: zipfile.ZipFile | None = None
    budget: _Budget | None = None
    key: str = ""  # the member's place in its zip (names may repeat), for the budget

    @classmethod
    def of(cls, path: str | Path, limits: ImportLimits | None = None) -> Source:
        """A plain or ``.gz`` file (not a zip: see :func:`open_sources`)."""
        path = Path(path)
        limits = limits or import_limits()
        budget = None
        if path.suffix.lower() == ".gz":
            budget = _Budget(str(path), path.stat().st_size, limits)
        return cls(str(path), path, limits, budget=budget)

    def open(self) -> _Stream:
        """A stream of the file's (decompressed) bytes; damage shows as :class:`ArchiveCorrupt` while reading."""
        raw: IO[bytes] | gzip.GzipFile
        if self.archive is not None and self.member is not None:
            if self.budget is not None:
                self.budget.check_declared(self.name, self.key, self.member.file_size)
            try:
                raw = self.archive.open(self.member)
            except Exception as exc:
                if not _is_archive_error(exc):
                    raise
                raise ArchiveCorrupt(self.name, _reason(exc)) from exc
        elif self.budget is not None:
            raw = gzip.open(self.path, "rb")
        else:
            raw = open(self.path, "rb")
        return _Stream(raw, self)


class _Stream:
    """A read-only byte stream that counts what it hands out against its archive's budget."""

    def __init__(self, raw: IO[bytes] | gzip.GzipFile, source: Source) -> None:
        self.raw = raw
        self.source = source
        self.position = 0
        self.key = source.key
        self.failure: ArchiveCorrupt | None = None

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes; b"" at the end. Compressed data is read in small steps so that the bytes
        decompressed before damage are handed out first (the damage is raised by the next call)."""
        if self.source.budget is None:
            return self.raw.read(n)
        if self.failure is not None:
            raise self.failure
        parts: list[bytes] = []
        got = 0
        while got < n:
            try:
                data = self.raw.read(min(n - got, _STEP))
            except Exception as exc:
                if not _is_archive_error(exc):
                    raise
                self.failure = ArchiveCorrupt(self.source.name, _reason(exc))
                self.failure.__cause__ = exc
                if not parts:
                    raise self.failure from exc
                break
            if not data:
                break
            parts.append(data)
            got += len(data)
            self.position += len(data)
            self.source.budget.charge(self.source.name, self.key, self.position)
        return b"".join(parts)

    def close(self) -> None:
        try:
            self.raw.close()
        except Exception as exc:  # a zip member closed early may complain; nothing more is read from it
            if not _is_archive_error(exc):
                raise

    def __enter__(self) -> _Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_sources(paths: list[str | Path], limits: ImportLimits,
                 opened: list[zipfile.ZipFile]) -> Iterator[Source | DatasetFileError]:
    """A :class:`Source` per plain/``.gz`` file and per zip member, in order; a zip that cannot be opened
    (or a file that cannot be read) gives its error instead. Zips opened are appended to ``opened``
    (the caller closes them)."""
    for p in map(Path, paths):
        try:
            if p.suffix.lower() != ".zip":
                yield Source.of(p, limits)
                continue
            try:
                zf = zipfile.ZipFile(p)
                members = [m for m in zf.infolist() if not m.is_dir()]
            except Exception as exc:
                if not _is_archive_error(exc):
                    raise
                yield ArchiveCorrupt(str(p), _reason(exc))
                continue
        except OSError as exc:
            yield DatasetFileError(str(p), f"cannot be read ({exc.strerror or exc})")
            continue
        opened.append(zf)
        budget = _Budget(str(p), p.stat().st_size, limits)
        for i, member in enumerate(members):
            yield Source(f"{p}!{member.filename}", p, limits, member=member, archive=zf, budget=budget, key=str(i))


def clean_stale_temp() -> list[Path]:
    """Remove the temporary folders an older, killed import left (``entente-import-*``, ``entente-plover-*``).

    entente no longer makes any; the ones found are an older version's and nothing uses them.
    RETURNS (list[Path]): the folders removed.
    """
    removed: list[Path] = []
    try:
        entries = list(Path(tempfile.gettempdir()).iterdir())
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        if not entry.name.startswith(STALE_PREFIXES):
            continue
        try:
            st = entry.lstat()
            if not entry.is_dir() or entry.is_symlink() or (uid is not None and st.st_uid != uid):
                continue
            shutil.rmtree(entry)
            removed.append(entry)
        except OSError:
            continue
    return removed


# --- lines --------------------------------------------------------------------------------------------

@dataclass
class LineStats:
    """What reading lines found besides the rows: malformed lines (``problems``), Latin-1 lines, progress."""

    problems: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    latin1: int = 0
    first_latin1: int | None = None
    lines_done: int = 0  # lines wholly read so far (for "it breaks after line N")


_Block = tuple[int, memoryview | None, np.ndarray | None]


def _blocks(stream: _Stream, max_line: int, chunk: int, stats: LineStats) -> Iterator[_Block]:
    """``(first line number, whole lines joined by LF, positions of those LFs)``, or ``(line number, None,
    None)`` for a line longer than ``max_line`` (dropped as it streams by, never held)."""
    line_no = 0  # lines whose end has been seen
    carry = b""
    skipping = False
    while data := stream.read(chunk):
        if skipping:
            end = data.find(b"\n")
            if end < 0:
                continue
            line_no += 1
            stats.lines_done = line_no
            data, skipping = data[end + 1:], False
        buf = carry + data if carry else data
        breaks = np.flatnonzero(np.frombuffer(buf, dtype=np.uint8) == 10)
        if len(breaks):
            cut = int(breaks[-1])
            yield line_no + 1, memoryview(buf)[:cut], breaks[:-1]
            line_no += len(breaks)
            stats.lines_done = line_no
            carry = buf[cut + 1:]
        else:
            carry = buf
        if len(carry) > max_line:
            yield line_no + 1, None, None
            carry, skipping = b"", True
    if carry and not skipping:
        yield line_no + 1, memoryview(carry), np.empty(0, dtype=np.int64)
        stats.lines_done = line_no + 1
    elif skipping:
        stats.lines_done = line_no + 1


def _too_long(max_line: int) -> str:
    return f"line longer than {max_line:,} bytes"


def line_tables(source: Source, stats: LineStats) -> Iterator[pa.Table]:
    """``source``'s non-empty lines as Arrow tables ``(line_no BIGINT, line VARCHAR)``, a block at a time.

    Over-long lines go to ``stats.problems``; a trailing CR is dropped; a line that is not UTF-8 is
    read as Latin-1 and counted in ``stats``.
    """
    max_line = source.limits.max_line_bytes
    with source.open() as stream:
        for first, block, breaks in _blocks(stream, max_line, CHUNK, stats):
            if block is None or breaks is None:
                stats.problems.append((first, _too_long(max_line)))
                continue
            lines = _decode(block, breaks, first, stats)
            numbers = pa.array(np.arange(first, first + len(lines), dtype=np.int64))
            lengths = pc.binary_length(lines)
            long = pc.greater(lengths, max_line)
            if pc.any(long).as_py():
                stats.problems += [(n, _too_long(max_line)) for n in numbers.filter(long).to_pylist()]
            keep = pc.and_(pc.greater(lengths, 0), pc.invert(long))
            yield pa.table({"line_no": numbers, "line": lines}).filter(keep)


def _decode(block: memoryview, breaks: np.ndarray, first: int, stats: LineStats) -> pa.Array:
    """The lines of ``block`` (split at the LFs at ``breaks``, trailing CRs dropped) as a string array."""
    offsets = np.empty(len(breaks) + 2, dtype=np.int64)
    offsets[0], offsets[1:-1], offsets[-1] = 0, breaks + 1, len(block)
    lines = pa.LargeStringArray.from_buffers(len(breaks) + 1, pa.py_buffer(offsets), pa.py_buffer(block))
    try:
        lines.validate(full=True)  # checks UTF-8
        return pc.utf8_rtrim(lines, characters="\r\n")
    except pa.ArrowInvalid:
        pass
    out = []
    for i, raw in enumerate(bytes(block).split(b"\n")):
        try:
            out.append(raw.decode("utf-8").rstrip("\r"))
        except UnicodeDecodeError:
            out.append(raw.decode("latin-1").rstrip("\r"))
            stats.latin1 += 1
            if stats.first_latin1 is None:
                stats.first_latin1 = first + i
    return pa.array(out, pa.large_string())


def head_lines(source: Source | Path, n: int = 20) -> list[str]:
    """The first ``n`` non-empty lines of ``source`` (for sniffing layouts and reading headers).

    Over-long lines are skipped; bytes that are not UTF-8 are replaced.
    """
    if not isinstance(source, Source):
        source = Source.of(source)
    out: list[str] = []
    if n <= 0:
        return out
    max_line = source.limits.max_line_bytes
    with source.open() as stream:
        for _, block, _ in _blocks(stream, max_line, HEAD_CHUNK, LineStats()):
            for raw in bytes(block or b"").split(b"\n"):
                line = raw.decode("utf-8", errors="replace").removesuffix("\r")
                if line.strip() and len(raw) <= max_line:
                    out.append(line)
                    if len(out) == n:
                        return out
    return out

