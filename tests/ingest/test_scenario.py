"""End to end: a folder of good and bad inputs; the batch always carries on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import entente
from entente import errors
from entente.ingest import read_inputs
from entente.records import Document, Reject

NOBODY = 65534
FIELDS = ("id", "text", "path", "code", "reason", "line")
# Prints what read_inputs yields for argv[1], one JSON object per line.
DUMP = """
import json, sys
from entente.ingest import read_inputs
for item in read_inputs([sys.argv[1]]):
    print(json.dumps({"type": type(item).__name__, **{
        k: getattr(item, k) for k in ("id", "text", "path", "code", "reason", "line")
        if hasattr(item, k)}}))
"""


def minimal_pdf() -> bytes:
    """A small, valid one-page PDF (catalog, page tree, page, xref table)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def build_batch(root: Path) -> None:
    """The scenario folder; ``locked/`` is made unlistable by the caller."""
    (root / "report.txt").write_bytes(minimal_pdf())
    (root / "empty.txt").write_bytes(b"")
    (root / "latin.txt").write_bytes(
        "Le ministre a signé l'accord à Genève, après des négociations.".encode("latin-1")
    )
    (root / "items.jsonl").write_text(
        '{"id": "bad", "text": "no closing brace"\n'
        '{"id": "good", "text": "The envoys met in Oslo."}\n'
    )
    (root / "locked").mkdir()
    (root / "locked" / "inside.txt").write_text("Never read.")


def _interpreters() -> list[list[str]]:
    """This interpreter, then the system's build of the same Python version.

    The venv's interpreter may live under /root (unreachable for uid 65534); the
    system Python of the same minor version can load the venv's packages instead.
    """
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = [p for p in (f"/usr/bin/{version}", f"/usr/local/bin/{version}") if Path(p).exists()]
    return [[sys.executable], *[[p, "-S"] for p in system]]


def as_root_run(root: Path) -> list[dict]:
    """Run read_inputs as the unprivileged user, so permissions apply."""
    src = str(Path(entente.__file__).resolve().parents[1])
    site = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    env = {"PYTHONPATH": os.pathsep.join([src, *site]), "PYTHONDONTWRITEBYTECODE": "1",
           "HOME": "/tmp", "PATH": os.defpath}
    problems = []
    for interpreter in _interpreters():
        try:
            done = subprocess.run([*interpreter, "-c", DUMP, str(root)], user=NOBODY, group=NOBODY,
                                  env=env, capture_output=True, text=True, timeout=120)
        except (PermissionError, OSError) as exc:
            problems.append(f"{interpreter[0]}: {exc}")
            continue
        if done.returncode == 0:
            return [json.loads(line) for line in done.stdout.splitlines()]
        problems.append(f"{interpreter[0]}: {done.stderr[-300:]}")
    pytest.skip(f"uid {NOBODY} cannot run entente here: {'; '.join(problems)}")


def in_process_run(root: Path) -> list[dict]:
    """Run read_inputs here (not root: a 000 folder really is unreadable)."""
    items = []
    for item in read_inputs([root]):
        record = {"type": type(item).__name__}
        record.update({k: getattr(item, k) for k in FIELDS if hasattr(item, k)})
        items.append(record)
    return items


@pytest.fixture
def batch_dir(tmp_path):
    """A world-traversable scenario folder (pytest's tmp_path is 0700 for root)."""
    if os.geteuid() != 0:
        root = tmp_path / "batch"
        root.mkdir()
        yield root
        (root / "locked").chmod(0o755)
        return
    root = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        root.chmod(0o755)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_mixed_batch_end_to_end(batch_dir):
    build_batch(batch_dir)
    for path in batch_dir.iterdir():
        path.chmod(0o644 if path.is_file() else 0o755)
    (batch_dir / "locked").chmod(0o000)
    items = as_root_run(batch_dir) if os.geteuid() == 0 else in_process_run(batch_dir)
    assert_batch(items)


def test_mixed_batch_with_denied_listing(tmp_path, monkeypatch):
    # Runs everywhere, root included: the OS refusal is simulated.
    build_batch(tmp_path)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("entente.ingest.folders.os.scandir", scandir)
    assert_batch(in_process_run(tmp_path))


def assert_batch(items: list[dict]) -> None:
    """The expected report of the scenario folder, in sorted order."""
    summary = [(i["type"], i.get("code"), _name(i), i.get("line")) for i in items]
    assert summary == [
        ("Reject", errors.E105_EMPTY, "empty.txt", None),
        ("Reject", errors.E107_INVALID_JSON, "items.jsonl", 1),
        ("Document", None, "good", None),
        ("Notice", errors.W201_ENCODING, "latin.txt", None),
        ("Document", None, "latin.txt", None),
        ("Reject", errors.E102_UNREADABLE, "locked", None),
        ("Reject", errors.E103_BINARY, "report.txt", None),
    ]
    by_name = {_name(i): i for i in items}
    assert "Permission denied" in by_name["locked"]["reason"]
    assert by_name["report.txt"]["reason"] == "binary content (PDF document), not text"
    assert "signé l'accord à Genève" in by_name["latin.txt"]["text"]
    assert by_name["good"]["text"] == "The envoys met in Oslo."
    assert by_name["items.jsonl"]["reason"] == "invalid JSON: Expecting ',' delimiter at column 41"


def test_unreadable_file_is_e102(write, monkeypatch):
    path = write("secret.txt", "words")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", deny)
    [reject] = list(read_inputs([path]))
    assert isinstance(reject, Reject) and reject.code == errors.E102_UNREADABLE
    assert reject.reason == "cannot be read: Permission denied"


def test_same_text_same_hash_across_kinds(write):
    text = "The two delegations agreed on a timetable."
    plain = write("a.txt", text + "\n")
    coll = write("b.jsonl", json.dumps({"text": text}) + "\n")
    first, second = (i for i in read_inputs([plain, coll]) if isinstance(i, Document))
    assert first.content_hash == second.content_hash


def _name(item: dict) -> str:
    return Path(item.get("path") or item["id"]).name
