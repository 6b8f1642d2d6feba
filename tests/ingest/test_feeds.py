import feedparser

from entente import errors
from entente.ingest import read_inputs
from entente.ingest._markup import html_to_text
from entente.ingest.feeds import entry_text, from_feed

from .conftest import split


def test_rss_feed_entries(fixtures):
    path = fixtures / "feed.rss"
    docs, rejects, notices = split(list(read_inputs([path])))
    assert not rejects
    assert [d.id for d in docs] == [
        "https://example.org/ferry#1",
        "https://example.org/bridge",
        f"{path}#3",
    ]
    ferry = docs[0]
    assert ferry.kind == "feed" and ferry.source == "Example Wire"
    assert ferry.title == "Ferry link reopens" and ferry.url == "https://example.org/ferry"
    assert ferry.text == (
        "The ferry link between the two islands reopened on Sunday.\n\n"
        "Operators said four crossings a day would run."
    )
    assert (ferry.published, ferry.published_from) == ("2025-11-30", "record")
    assert docs[1].text == "Engineers published the bridge survey.\n\nRepairs start in spring."
    assert [(n.code, "entry 3" in n.reason) for n in notices] == [(errors.W202_BAD_DATE, True)]


def test_entry_date_beats_option(fixtures):
    docs, _, _ = split(list(read_inputs([fixtures / "feed.rss"], published="2001")))
    assert [(d.published, d.published_from) for d in docs] == [
        ("2025-11-30", "record"),
        ("2001", "option"),
        ("2001", "option"),
    ]


def test_atom_feed(fixtures):
    [doc] = list(read_inputs([fixtures / "feed.atom"]))
    assert doc.id == "urn:example:rail" and doc.url == "https://example.org/rail"
    assert doc.source == "Example Atom Desk"
    assert doc.text == "The rail operators agreed a shared timetable."
    assert doc.published == "2025-11-30"


def test_feed_sniffed_from_xml_without_extension(fixtures, write):
    path = write("wire", (fixtures / "feed.atom").read_bytes())
    [doc] = list(read_inputs([path]))
    assert doc.kind == "feed"


def test_not_a_feed_is_rejected(write):
    [reject] = list(read_inputs([write("broken.xml", "<rss>this is <<< broken")]))
    assert reject.code == errors.E109_INVALID_FEED
    assert reject.reason == "not a readable RSS/Atom feed: not well-formed (invalid token)"
    [reject] = list(read_inputs([write("words.rss", "just some words")]))
    assert reject.code == errors.E109_INVALID_FEED


def test_whitespace_feed_is_empty(write):
    [reject] = list(read_inputs([write("blank.atom", "  \n")]))
    assert reject.code == errors.E105_EMPTY


def test_feed_over_limit(fixtures, write):
    [reject] = list(read_inputs([fixtures / "feed.rss"], max_bytes=100))
    assert reject.code == errors.E106_TOO_LARGE


def test_entry_without_text_is_rejected(write):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Empty one</title><link>http://x/1</link></item>"
        "<item><title>Full</title><description>Words.</description></item>"
        "</channel></rss>"
    )
    reject, doc = read_inputs([write("f.rss", feed)])
    assert reject.code == errors.E108_NO_TEXT and "entry 1 ('Empty one')" in reject.reason
    assert doc.text == "Words."


def test_latin1_feed_decoded_with_notice():
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
        "<title>Caf\xe9 Wire</title>"
        "<item><description>D\xe9j\xe0 vu \xe0 Gen\xe8ve.</description></item>"
        "</channel></rss>"
    ).encode("latin-1")
    notice, doc = from_feed(feed, path="f.rss")
    assert notice.code == errors.W201_ENCODING and "ISO-8859-1" in notice.reason
    assert doc.text == "Déjà vu à Genève." and doc.source == "Café Wire"


def test_content_preferred_over_summary():
    entry = feedparser.FeedParserDict(
        summary="short",
        summary_detail={"value": "short", "type": "text/html"},
        content=[{"value": "<p>long body</p>", "type": "text/html"}],
    )
    assert entry_text(entry) == "long body"


def test_html_to_text_keeps_paragraphs():
    fragment = "<p>A <i>b</i>.</p><ul><li>c</li><li>d</li></ul>x<br>y"
    assert html_to_text(fragment) == "A b.\n\nc\n\nd\n\nx\ny"
    assert html_to_text("<p>x</p><script>var a;</script>") == "x"
