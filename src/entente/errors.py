"""The catalogue of input errors (``E###``), run errors and warnings (``W###``).

Every rejected input is reported with one of these codes, its path, the line
where it applies, and the reason, so a user can grep a log for a code.

Every exception entente raises on purpose is an :class:`EntenteError` with its
own ``code`` from this catalogue (``E900`` for the base class alone).
"""

from __future__ import annotations

# Input errors: the input is skipped, the rest of the batch carries on.
E101_NOT_FOUND = "E101"  # path does not exist
E102_UNREADABLE = "E102"  # permission denied or an OS error while reading
E103_BINARY = "E103"  # binary content (PDF, image, archive, NUL bytes)
E104_UNDECODABLE = "E104"  # bytes that no text encoding explains
E105_EMPTY = "E105"  # empty file, or nothing but whitespace / markup
E106_TOO_LARGE = "E106"  # over the configured size limit
E107_INVALID_JSON = "E107"  # a JSON Lines line that does not parse or is not an object
E108_NO_TEXT = "E108"  # a record or page with no usable text
E109_INVALID_FEED = "E109"  # an RSS/Atom file the feed parser cannot read
E110_UNSUPPORTED = "E110"  # a kind of path entente cannot read (socket, device...)
E111_TOO_LONG_TO_PARSE = "E111"  # a document longer than the parse limit (bounds time per document)
E112_ID_CONFLICT = "E112"  # a document id already used by another text (stored, or earlier in the run)
E121_MALFORMED_ROW = "E121"  # a dataset row (GDELT, ICEWS, POLECAT, PLOVER) that does not fit its layout

# Run errors: the run does not start.
E131_BAD_DICTIONARIES = "E131"  # a --dictionaries folder that cannot be used (missing, empty, a bad line)

# Run errors: a command or API call stops with one of entente's exceptions (each class's ``code``).
E132_STORE_MISSING = "E132"  # the store file does not exist (web: 503)
E133_STORE_BUSY = "E133"  # the store is locked by a writer (web: 503)
E134_STORE_OUTDATED = "E134"  # a store written by an older entente, opened read-only
E135_BAD_DICTIONARY_LINE = "E135"  # a PETRARCH/TABARI dictionary line the reader cannot understand
E136_UNKNOWN_WORD_SET = "E136"  # a word set the coder asks for that the table does not have
E137_EMPTY_DYAD = "E137"  # the pair has no events in the window, dataset and sectors asked for
E138_NO_INPUT = "E138"  # a run had inputs but none of them could be processed
E139_NO_PIPELINE = "E139"  # the spaCy pipeline cannot be loaded
E140_BAD_PATTERN = "E140"  # a row of the event patterns table that cannot be used
E141_UNKNOWN_CODE = "E141"  # a CAMEO code, PLOVER type or PLOVER mode the ontology does not know
E142_ARCHIVE_CORRUPT = "E142"  # a .gz or .zip dataset file that is corrupt or truncated (nothing stored from it)
E143_ARCHIVE_TOO_LARGE = "E143"  # a .gz or .zip dataset file expanding beyond the import limit
E144_NOT_A_DATASET_FILE = "E144"  # a dataset file without the header its dataset needs
E145_IMPORT_FAILED = "E145"  # a dataset file that could not be imported (I/O or database error)
E146_STORE_ERROR = "E146"  # the store could not be read or written (a database error no check foresaw)
E147_BAD_STORE_FILE = "E147"  # a store file that cannot be read: not DuckDB, truncated, corrupt, a folder
E148_IO_ERROR = "E148"  # a file or folder could not be read or written (permissions, disk full, ...)
E149_WORKER_CRASHED = "E149"  # a worker process stopped without finishing its batch (killed, out of memory)
E900_ERROR = "E900"  # an EntenteError with no more specific code

# Warnings: the input is used, with a note.
W201_ENCODING = "W201"  # not UTF-8; decoded with a detected encoding
W202_BAD_DATE = "W202"  # a date that could not be parsed; fell back to the next source

MESSAGES: dict[str, str] = {
    E101_NOT_FOUND: "no such file or folder",
    E102_UNREADABLE: "cannot be read",
    E103_BINARY: "binary content, not text",
    E104_UNDECODABLE: "text encoding cannot be determined",
    E105_EMPTY: "empty",
    E106_TOO_LARGE: "larger than the size limit",
    E107_INVALID_JSON: "invalid JSON line",
    E108_NO_TEXT: "no text",
    E109_INVALID_FEED: "not a readable RSS/Atom feed",
    E110_UNSUPPORTED: "unsupported kind of path",
    E111_TOO_LONG_TO_PARSE: "too long to parse",
    E112_ID_CONFLICT: "id already used by another text",
    E121_MALFORMED_ROW: "malformed dataset row",
    E131_BAD_DICTIONARIES: "dictionary folder cannot be used",
    E132_STORE_MISSING: "no store at this path",
    E133_STORE_BUSY: "store is being written by another process",
    E134_STORE_OUTDATED: "store written by an older entente; upgrade it",
    E135_BAD_DICTIONARY_LINE: "dictionary line cannot be read",
    E136_UNKNOWN_WORD_SET: "unknown word set",
    E137_EMPTY_DYAD: "no events for the pair",
    E138_NO_INPUT: "no input could be processed",
    E139_NO_PIPELINE: "spaCy pipeline cannot be loaded",
    E140_BAD_PATTERN: "event pattern cannot be used",
    E141_UNKNOWN_CODE: "unknown CAMEO code or PLOVER type",
    E142_ARCHIVE_CORRUPT: "archive is corrupt or truncated",
    E143_ARCHIVE_TOO_LARGE: "archive expands beyond the limit",
    E144_NOT_A_DATASET_FILE: "not a file of this dataset",
    E145_IMPORT_FAILED: "dataset file could not be imported",
    E146_STORE_ERROR: "store could not be read or written",
    E147_BAD_STORE_FILE: "store file cannot be read",
    E148_IO_ERROR: "file could not be read or written",
    E149_WORKER_CRASHED: "worker process stopped without finishing its batch",
    E900_ERROR: "entente error",
    W201_ENCODING: "not UTF-8, decoded with a detected encoding",
    W202_BAD_DATE: "unparseable date ignored",
}


class EntenteError(Exception):
    """Base class for errors entente raises on purpose.

    ``code`` is the class's code in :data:`MESSAGES`, set in each subclass's body.
    """

    code: str = E900_ERROR


class NoInputError(EntenteError):
    """Raised when a run had inputs but none of them could be processed."""

    code = E138_NO_INPUT


class DocumentTooLong(EntenteError):
    """Raised for a document over the parse limit when no reject callback is given."""

    code = E111_TOO_LONG_TO_PARSE


class PipelineError(EntenteError):
    """Raised when the spaCy pipeline cannot be loaded."""

    code = E139_NO_PIPELINE
