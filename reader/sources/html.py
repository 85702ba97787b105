"""The main text of an HTML page through trafilatura, whatever escape codes or depth of nesting the page holds."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from reader.control import clean, clean_line
from reader.model import Article, Link
from reader.origin import describe_origin, is_url
from reader.sources.limits import SourceError
from reader.sources.links import links_of

if TYPE_CHECKING:
    from trafilatura.settings import Document

MIN_ARTICLE_WORDS = 8
# libxml2 stops at 256 levels of nesting and drops what lies deeper; a page is flattened well before.
MAX_DEPTH = 100

# The WHATWG MIME sniffing rules for HTML: the page opens with one of these tags (after an XML
# declaration, as XHTML may).
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?"
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-z0-9_.:+-]+)", re.IGNORECASE)
# Where a browser looks for the charset of a page (the WHATWG prescan reads 1024 bytes).
_CHARSET_WINDOW = 1024

# A character reference (`&#27;`, `&#x1b;`) to a control character: lxml would make the character, and then fail the
# whole page (no XML may hold one); made here, it goes with the escape sequence it may start. Tab, line feed and
# carriage return are text.
_NUMERIC_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,8})(?![0-9a-fA-F]);?")
_TEXT_CONTROLS = frozenset((0x09, 0x0A, 0x0D))
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Tags that end a line of text; past MAX_DEPTH they become a <br>, and any other tag nothing.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6"
    " header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)


def is_html(data: bytes) -> bool:
    """Whether bytes of unknown type are a web page."""
    return _HTML_START.match(data) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start."""
    match = _META_CHARSET.search(data, 0, _CHARSET_WINDOW)
    return match[1].decode("ascii") if match else None


def article_from_page(page: str, origin: str) -> Article:
    """The main text, title, author and date of a page, one blank-line separated paragraph per block."""
    # lxml drops a lone ESC byte but keeps the rest of its sequence (`]52;c;…`, `[31m`) as text.
    page = clean(_NUMERIC_REFERENCE.sub(_control_made, page))
    if _too_deep(page):
        page = flatten(page)
    document = _extraction(page, origin, with_metadata=True)
    if document is None:
        raise SourceError(f"no article text found in {describe_origin(origin)}")
    paragraphs = [line for line in (clean(line).strip() for line in (document.text or "").split("\n")) if line]
    title = clean_line(document.title or "").strip() or None
    # trafilatura starts the text with the <h1> when the page has one; otherwise the title leads.
    headline_first = bool(paragraphs) and title is not None and _same_words(paragraphs[0], title)
    body = paragraphs[1:] if headline_first else paragraphs
    # On a page without an article trafilatura falls back to whatever is left, such as a menu link.
    if sum(len(paragraph.split()) for paragraph in body) < MIN_ARTICLE_WORDS:
        raise SourceError(f"no article text found in {describe_origin(origin)}")
    if title and not headline_first:
        paragraphs.insert(0, title)
    author = clean_line(document.author or "").strip() or None
    text = "\n\n".join(paragraphs)
    return Article(
        text=text,
        title=title,
        origin=origin,
        author=author,
        date=document.date or None,
        from_page=True,
        links=tuple(_links(page, origin, text)),
    )


def _control_made(reference: re.Match[str]) -> str:
    """The control character a character reference stands for; any other reference as it is."""
    number = reference[1]
    code = int(number[1:], 16) if number[0] in "xX" else int(number)
    return chr(code) if (code < 0x20 and code not in _TEXT_CONTROLS) or code == 0x7F else reference[0]


def _extraction(page: str, origin: str, *, with_metadata: bool = False, include_links: bool = False) -> Document | None:
    """trafilatura's extraction of the page, or None when it finds nothing."""
    # trafilatura costs 0.2 s to import: only pages pay for it.
    import trafilatura

    url = origin if is_url(origin) else None
    document = trafilatura.bare_extraction(page, url=url, with_metadata=with_metadata, include_links=include_links)
    # A dict only with as_dict=True, which reader never asks for.
    assert not isinstance(document, dict)
    return document


def _links(page: str, origin: str, text: str) -> list[Link]:
    """The links of the page's main text, found again in `text` (see `reader.sources.links`)."""
    # A second extraction that keeps the links: the first one's text, which notes are keyed by, stays as it was.
    linked = _extraction(page, origin, include_links=True)
    if linked is None or linked.body is None:
        return []
    return links_of(linked.body, text)


def flatten(page: str, depth: int = MAX_DEPTH) -> str:
    """The page with every tag nested deeper than `depth` taken out (a line break for a block), its text kept."""
    # Browsers cap the depth of a document the same way; libxml2 would drop the text instead.
    parts, start = [], 0
    open_tags: list[str] = []
    taken_out: Counter[str] = Counter()
    # One break between two runs of text, not one per tag: a break per tag makes trafilatura crawl.
    text_since_break = False
    for match in _TAG.finditer(page):
        closing, name = match[1], match[2].lower()
        if name in _VOID:
            continue
        if closing and taken_out[name]:
            taken_out[name] -= 1
        elif closing:
            if name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
            continue
        elif len(open_tags) < depth:
            open_tags.append(name)
            continue
        else:
            taken_out[name] += 1
        between = page[start : match.start()]
        text_since_break = text_since_break or bool(between.strip())
        parts.append(between)
        if name in _BLOCKS and text_since_break:
            parts.append("<br>")
            text_since_break = False
        start = match.end()
    parts.append(page[start:])
    return "".join(parts)


def _too_deep(page: str) -> bool:
    """Whether libxml2 gives up on the page's depth (it says so in its error log)."""
    from lxml import etree, html

    parser = html.HTMLParser(encoding="utf-8", collect_ids=False, remove_comments=True, remove_pis=True)
    try:
        etree.fromstring(page.encode("utf-8"), parser=parser)
    except etree.LxmlError:
        return False  # nothing to parse, or nothing lxml can: trafilatura will say so
    return any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)


def _same_words(first: str, second: str) -> bool:
    return first.casefold().split() == second.casefold().split()
