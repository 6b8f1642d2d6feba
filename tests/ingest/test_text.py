import os
from pathlib import Path

from entente import errors
from entente.ingest import DEFAULT_MAX_BYTES, read_inputs
from entente.ingest.text import from_markdown, title_from_text
from entente.records import Document, Notice, Reject, content_hash

from .conftest import split


def test_default_max_bytes_is_8_mib():
    assert DEFAULT_MAX_BYTES == 8 * 1024 * 1024


def test_plain_text_document(write):
    path = write("note.txt", "First line.\nSecond line.\n")
    [doc] = list(read_inputs([path]))
    assert isinstance(doc, Document)
    assert doc.id == str(path) and doc.origin == str(path)
    assert doc.kind == "text" and doc.title is None
    assert doc.text == "First line.\nSecond line.\n"
    assert doc.published is None and doc.published_from is None


def test_id_is_the_path_as_given(write, tmp_path, monkeypatch):
    write("rel.txt", "Some words.")
    monkeypatch.chdir(tmp_path)
    [doc] = list(read_inputs(["./rel.txt"]))
    assert doc.id == "./rel.txt"


def test_markdown_title_and_readable_text(fixtures):
    [doc] = list(read_inputs([fixtures / "notes.md"]))
    assert doc.kind == "markdown"
    assert doc.title == "Harbour talks resume"
    assert "#" not in doc.text and "*" not in doc.text and "](" not in doc.text
    assert "met again on Monday to settle the berthing fees" in doc.text
    assert "A summary of the earlier round is online." in doc.text
    assert "Share the revised tariff table" in doc.text


def test_heading_title_in_plain_text(write):
    [doc] = list(read_inputs([write("a.txt", "\n\n# A title #\nBody text.")]))
    assert doc.title == "A title"


def test_markdown_helpers():
    assert title_from_text("Not a heading\n# Later") is None
    assert from_markdown("![logo](x.png) and [site](http://x) `code` __bold__") == (
        "logo and site code bold"
    )


def test_crlf_is_normalised_and_hash_matches(write):
    a = write("a.txt", "Line one.\r\nLine two.\r\n")
    b = write("b.txt", "Line one.\nLine two.\n\n\n")
    doc_a, doc_b = read_inputs([a, b])
    assert doc_a.text == "Line one.\nLine two.\n"
    assert doc_a.content_hash == doc_b.content_hash == content_hash("Line one.\nLine two.")


def test_unknown_extension_sniffed_as_text(write):
    [doc] = list(read_inputs([write("README", "Plain words here.")]))
    assert doc.kind == "text"


def test_pdf_renamed_txt_is_binary(write):
    path = write("report.txt", b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n")
    [reject] = list(read_inputs([path]))
    assert reject.code == errors.E103_BINARY
    assert reject.reason == "binary content (PDF document), not text"


def test_nul_bytes_are_binary(write):
    [reject] = list(read_inputs([write("data.txt", b"abc\x00def")]))
    assert reject.code == errors.E103_BINARY and "NUL bytes" in reject.reason


def test_png_without_extension_is_binary(write):
    [reject] = list(read_inputs([write("image", b"\x89PNG\r\n\x1a\nrest")]))
    assert reject.reason == "binary content (PNG image), not text"


def test_latin1_is_decoded_with_notice(write):
    text = "Un café très crème, à la française, près de l'hôtel."
    path = write("latin.txt", text.encode("latin-1"))
    notice, doc = read_inputs([path])
    assert isinstance(notice, Notice) and notice.code == errors.W201_ENCODING
    assert notice.reason.startswith("not UTF-8; decoded as ")
    assert "café très crème" in doc.text and "hôtel" in doc.text
    assert doc.encoding != "utf-8"


def test_utf8_bom_and_utf16_are_read(write):
    bom = write("bom.txt", b"\xef\xbb\xbfHello there.")
    wide = write("wide.txt", "Grüße aus Köln.".encode("utf-16"))
    items = list(read_inputs([bom, wide]))
    docs, rejects, notices = split(items)
    assert not rejects and not notices
    assert [d.text for d in docs] == ["Hello there.", "Grüße aus Köln."]
    assert docs[1].encoding == "utf-16"


def test_undecodable_bytes_are_rejected(write, monkeypatch):
    import entente.ingest._decode as decode_module

    monkeypatch.setattr(decode_module, "_detect", lambda data: None)
    [reject] = list(read_inputs([write("odd.txt", b"caf\xe9")]))
    assert reject.code == errors.E104_UNDECODABLE


def test_empty_and_whitespace_files(write):
    empty, blank = write("empty.txt", b""), write("blank.md", "  \n\t\n")
    first, second = read_inputs([empty, blank])
    assert (first.code, first.reason) == (errors.E105_EMPTY, "empty file")
    assert second.code == errors.E105_EMPTY


def test_markup_only_markdown_is_empty(write):
    [reject] = list(read_inputs([write("rule.md", "---\n")]))
    assert reject.code == errors.E105_EMPTY


def test_too_large_is_checked_before_reading(write):
    path = write("big.txt", "x" * 2048)
    [reject] = list(read_inputs([path], max_bytes=1024))
    assert reject.code == errors.E106_TOO_LARGE
    assert "2 KiB (2048 bytes)" in reject.reason and "1 KiB (1024 bytes)" in reject.reason


def test_missing_path_and_batch_carries_on(write, tmp_path):
    good = write("good.txt", "Still read.")
    missing, doc = read_inputs([tmp_path / "nope.txt", good])
    assert isinstance(missing, Reject) and missing.code == errors.E101_NOT_FOUND
    assert str(missing) == f"{tmp_path / 'nope.txt'}: E101 no such file or folder"
    assert doc.text == "Still read."


def test_broken_symlink_is_not_found(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    [reject] = list(read_inputs([link]))
    assert reject.code == errors.E101_NOT_FOUND and "symbolic link" in reject.reason


def test_fifo_is_unsupported_and_not_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [reject] = list(read_inputs([fifo]))  # would block forever if opened
    assert reject.code == errors.E110_UNSUPPORTED and "FIFO" in reject.reason


def test_published_option_applies_and_is_validated(write):
    [doc] = list(read_inputs([write("a.txt", "Text.")], published="2024-03"))
    assert (doc.published, doc.published_from) == ("2024-03", "option")


def test_invalid_published_option_raises_at_call(write):
    import pytest

    with pytest.raises(ValueError, match="invalid --published date 'someday'"):
        read_inputs([Path("whatever")], published="someday")
