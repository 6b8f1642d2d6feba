"""HTML fragments (feed entry content) to plain text, paragraphs kept apart."""

from __future__ import annotations

import re

from lxml import etree, html

# Elements that start a new paragraph in the plain text.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul".split()
)
_DROP = ("script", "style", "noscript", "template")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, with paragraphs separated by blank lines."""
    if "<" not in fragment:
        return _tidy(html.fromstring(f"<div>{fragment}</div>").text_content())
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(fragment)
    etree.strip_elements(root, *_DROP, with_tail=False)
    _mark_blocks(root)
    return _tidy(root.text_content())


def plain_title(title: str | None) -> str | None:
    """A title as one line of plain text: markup (a script, tags) a page or feed left in it removed."""
    if not title:
        return None
    text = " ".join(html_to_text(title).split()) if "<" in title or "&" in title else " ".join(title.split())
    return text or None


def _mark_blocks(root: html.HtmlElement) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
