"""Fixtures for the ingestion tests (offline, no spaCy)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    try:
        import entente  # noqa: F401
    except ImportError:  # not installed: run from the source tree
        sys.path.insert(0, str(SRC))

from entente.records import Document, Notice, Reject  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    """The folder of hand-written ingest fixtures."""
    return FIXTURES


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write ``content`` (text as UTF-8, or bytes) to ``tmp_path/name``."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


def split(items: list) -> tuple[list[Document], list[Reject], list[Notice]]:
    """Documents, rejects and notices of a list of ingest items."""
    docs = [i for i in items if isinstance(i, Document)]
    rejects = [i for i in items if isinstance(i, Reject)]
    notices = [i for i in items if isinstance(i, Notice)]
    return docs, rejects, notices
