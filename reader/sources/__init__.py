"""Load an article from a text or HTML file, a URL or stdin, as clean text with a title."""

from __future__ import annotations

import re
from pathlib import PurePath

from reader.control import clean, clean_line
from reader.model import Article
from reader.origin import STDIN, describe_origin, is_url, origin_of
from reader.sources import decoding, html, reading
from reader.sources.limits import DEFAULT_LIMITS, Limits, SourceError, too_large_a_page, too_much_text

__all__ = ["Limits", "SourceError", "load"]

_KINDS_OF_SUFFIX = {
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".txt", ".text", ".md", ".markdown"), "text"),
}
_KINDS_OF_TYPE = {"text/plain": "text", "text/html": "html", "application/xhtml+xml": "html"}
# A headline is a line, not a paragraph: longer first lines are the article's first paragraph.
MAX_TITLE_LENGTH = 200
_OTHER_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def load(source: str, limits: Limits = DEFAULT_LIMITS) -> Article:
    """Read an article from a path, an http(s) URL, or `-` for stdin, within `limits`."""
    origin = origin_of(source)
    described = describe_origin(origin)
    data, kind, charset = _read(source, origin, limits)
    if kind is None:
        kind = "html" if html.is_html(data) else "text"
    if kind == "text":
        if len(data) > limits.max_size:
            raise too_much_text(described, limits)
        return _from_text(decoding.decode(data, described, charset), origin)
    if len(data) > limits.page_size:
        raise too_large_a_page(described, limits)
    article = html.article_from_page(decoding.decode(data, described, charset or html.declared_charset(data)), origin)
    if len(article.text.encode("utf-8")) > limits.max_size:
        raise too_much_text(f"the article in {described}", limits)
    return article


def _read(source: str, origin: str, limits: Limits) -> tuple[bytes, str | None, str | None]:
    """The bytes of a source; "html" or "text" when its name or its server says which; the charset it declares."""
    if source == STDIN:
        return reading.read_stdin(limits.page_size), None, None
    if is_url(source):
        # urllib costs 30 ms to import: only URLs pay for it.
        from reader.sources import url

        response = url.fetch(origin, limits.page_size, limits.timeout)
        kind = _KINDS_OF_TYPE.get(response.content_type or "")
        if response.content_type and kind is None:
            if not html.is_html(response.body):
                raise SourceError(f"{origin} is {response.content_type}, not an HTML page or plain text")
            kind = "html"
        return response.body, kind, response.charset
    if _OTHER_URL.match(source):
        raise SourceError(f"only http:// and https:// addresses can be fetched, not {origin}")
    kind = _KINDS_OF_SUFFIX.get(PurePath(source).suffix.lower())
    limit = limits.max_size if kind == "text" else limits.page_size
    return reading.read_file(source, describe_origin(origin), limit), kind, None


def _from_text(text: str, origin: str) -> Article:
    text = clean(text)
    if not text.strip():
        raise SourceError(f"{describe_origin(origin)} is empty: no article text")
    if not any(character.isalnum() for character in text):
        raise SourceError(f"{describe_origin(origin)} has no words: no article text")
    return Article(text=text, title=_title(text, origin), origin=origin)


def _title(text: str, origin: str) -> str | None:
    """The first line when a blank line follows it, as a plain-text article's headline; or, in a newspaper archive's
    "Headline; / deck line. / (blank)", the headline before its semicolon."""
    first, newline, rest = text.lstrip().partition("\n")
    deck, _, after = rest.partition("\n")
    if first.rstrip().endswith(";") and deck.strip() and not after.partition("\n")[0].strip():
        first, rest = first.rstrip()[:-1], after
    if not newline or rest.partition("\n")[0].strip() or not rest.strip():
        return None
    title = clean_line(first).strip()
    if origin.lower().endswith((".md", ".markdown")):
        title = title.lstrip("#").strip()
    return title if 0 < len(title) <= MAX_TITLE_LENGTH else None
