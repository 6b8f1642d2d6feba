from entente import errors
from entente.ingest import read_inputs
from entente.ingest.html import Page, document_from_page, from_html

from .conftest import split

PAGE = """<html><head><title>Plain page</title></head><body><article>
<p>The water commission of the two states agreed to share river flow data every week
during the dry season.</p>
<p>Engineers from both sides will publish the readings together on a public notice
board by the dam.</p>
</article></body></html>"""


def test_html_page_text_and_metadata(fixtures):
    [doc] = list(read_inputs([fixtures / "article.html"]))
    assert doc.kind == "html"
    assert doc.title == "Grain corridor agreement signed"
    assert doc.url == "https://example.org/news/grain-corridor"
    assert doc.published == "2024-03-05" and doc.published_from == "metadata"
    assert "shared grain corridor" in doc.text
    assert "All rights reserved" not in doc.text and "Home" not in doc.text.split("\n")[0]


def test_metadata_date_beats_option(fixtures):
    [doc] = list(read_inputs([fixtures / "article.html"], published="2001-01-01"))
    assert (doc.published, doc.published_from) == ("2024-03-05", "metadata")


def test_option_used_when_page_has_no_date(write):
    [doc] = list(read_inputs([write("page.html", PAGE)], published="2022"))
    assert (doc.published, doc.published_from) == ("2022", "option")
    assert doc.url is None and "river flow data" in doc.text


def test_html_sniffed_without_extension(write):
    [doc] = list(read_inputs([write("page", "<!DOCTYPE html>\n" + PAGE)]))
    assert doc.kind == "html"


def test_html_without_main_text_is_rejected(write):
    [reject] = list(read_inputs([write("empty.html", "<html><body><div></div></body></html>")]))
    assert reject.code == errors.E108_NO_TEXT


def test_binary_renamed_html_is_rejected(write):
    [reject] = list(read_inputs([write("x.htm", b"GIF89a\x01\x00")]))
    assert reject.reason == "binary content (GIF image), not text"


def test_bad_metadata_date_gives_notice_and_falls_back():
    page = Page(text="Body.", date="not-a-date")
    doc, bad = document_from_page(page, path="p.html", published="2020-02")
    assert bad == ["not-a-date"]
    assert (doc.published, doc.published_from) == ("2020-02", "option")


def test_from_html_is_pure():
    page = from_html(PAGE)
    assert page is not None and page.title == "Plain page"
    assert from_html("<html></html>") is None


def test_windows_1252_page_gets_notice(write):
    html = PAGE.replace("agreed", "agreed – at last –").replace("dam.", "dam near Orléans.")
    docs, rejects, notices = split(list(read_inputs([write("w.html", html.encode("cp1252"))])))
    assert not rejects and notices[0].code == errors.W201_ENCODING
    assert "Orléans" in docs[0].text


def test_markup_left_in_a_title_is_dropped_and_the_title_kept():
    page = from_html(PAGE.replace("<title>Plain page</title>",
                                  "<title><script>alert(1)</script>Plain <b>page</b> &amp; more</title>"))
    assert page is not None and page.title == "Plain page & more"
