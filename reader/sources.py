"""Load an article from a text or HTML file, a URL or stdin, as clean text with a title."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from reader import __version__
from reader.model import Article
from reader.origin import STDIN, describe_origin, is_url

USER_AGENT = f"reader/{__version__} (terminal reading assistant)"
TIMEOUT_SECONDS = 15
# Far beyond any article; stops a wrong path or URL from filling memory.
MAX_BYTES = 64 * 1024 * 1024
MIN_ARTICLE_WORDS = 8
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# A headline is a line, not a paragraph: longer first lines are the article's first paragraph.
MAX_TITLE_LENGTH = 200
# How much more "chaos" (charset-normalizer's mess score) Windows-1252 may show and still be chosen.
WESTERN_CHAOS_MARGIN = 0.1

# Whole terminal escape sequences first, so that their parameters don't survive as text:
# CSI (colours, cursor moves), OSC (window title, hyperlinks) ended by BEL or ST or left open,
# DCS/SOS/PM/APC strings, and the short two-character escapes; then the 8-bit CSI.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b\n]*(?:\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# Every other C0 and C1 control character and DEL; \t and \n are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_OTHER_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


class SourceError(Exception):
    """A source that cannot be read as an article; the message is one line for the user."""


def load(source: str) -> Article:
    """Read an article from a path, an http(s) URL, or `-` for stdin."""
    if source == STDIN:
        return _from_stdin()
    if is_url(source):
        return _from_url(source)
    if _OTHER_URL.match(source):
        raise SourceError(f"only http:// and https:// addresses can be fetched, not {source}")
    return _from_path(source)


def clean(text: str) -> str:
    """Text without terminal escape sequences or control characters; line ends become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def _from_path(source: str) -> Article:
    path = Path(source)
    try:
        if path.is_dir():
            raise SourceError(f"{source} is a directory, not an article")
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"{source} is larger than {MAX_BYTES // 2**20} MB, too big for an article")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"no such file: {source}") from None
    except PermissionError:
        raise SourceError(f"permission denied: {source}") from None
    except OSError as error:
        raise SourceError(f"cannot read {source}: {error.strerror or error}") from None
    if path.suffix.lower() in HTML_SUFFIXES:
        return _from_html(data, source)
    return _from_text(_decode(data, source), source)


def _from_stdin() -> Article:
    if sys.stdin is None:
        raise SourceError("standard input is closed")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SourceError(f"standard input is larger than {MAX_BYTES // 2**20} MB, too big for an article")
    # A page piped in from curl is still a page.
    if _HTML_START.match(data):
        return _from_html(data, STDIN)
    return _from_text(_decode(data, STDIN), STDIN)


def _from_url(url: str) -> Article:
    import urllib.error
    import urllib.request
    from http.client import HTTPException

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise SourceError(f"HTTP {error.code} {error.reason} from {url}") from None
    except urllib.error.URLError as error:
        raise SourceError(f"cannot reach {url}: {_reason(error.reason)}") from None
    except TimeoutError:
        raise SourceError(f"no answer from {url} within {TIMEOUT_SECONDS} s") from None
    except (HTTPException, OSError, ValueError) as error:
        raise SourceError(f"cannot fetch {url}: {_reason(error)}") from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"{url} is larger than {MAX_BYTES // 2**20} MB, too big for an article")
    if content_type == "text/plain":
        return _from_text(_decode(data, url, charset), url)
    if content_type in ("text/html", "application/xhtml+xml") or _HTML_START.match(data):
        return _from_html(data, url, charset)
    raise SourceError(f"{url} is {content_type}, not an HTML page or plain text")


def _reason(reason: object) -> str:
    return str(getattr(reason, "strerror", None) or reason) or type(reason).__name__


def _check_bytes(data: bytes, origin: str) -> None:
    """Refuse an empty source and binary data (NUL bytes outside UTF-16) before decoding."""
    if not data.strip():
        raise SourceError(f"{describe_origin(origin)} is empty: no article text")
    if b"\x00" in data and not data.startswith(_UTF16_BOMS):
        raise SourceError(f"{describe_origin(origin)} holds binary data, not text")


def _decode(data: bytes, origin: str, charset: str | None = None) -> str:
    """Bytes to text: the declared charset, else UTF-8, else the encoding charset-normalizer detects."""
    _check_bytes(data, origin)
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(f"{describe_origin(origin)} is not readable UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise SourceError(f"{describe_origin(origin)} holds binary data or an unknown encoding, not text")
    # On short Western text the single-byte code pages score alike and the detector's first pick
    # turns "très" into "trčs"; Windows-1252, the usual legacy encoding of such text, wins a near tie.
    best = min(matches, key=lambda match: match.chaos)
    western = [match for match in matches if match.encoding == "cp1252"]
    if western and western[0].chaos <= best.chaos + WESTERN_CHAOS_MARGIN:
        best = western[0]
    return str(best)


def _from_text(text: str, origin: str) -> Article:
    text = clean(text)
    if not text.strip():
        raise SourceError(f"{describe_origin(origin)} is empty: no article text")
    if not any(character.isalnum() for character in text):
        raise SourceError(f"{describe_origin(origin)} has no words: no article text")
    return Article(text=text, title=_title(text, origin), origin=origin)


def _title(text: str, origin: str) -> str | None:
    """The first line when a blank line follows it, as a plain-text article's headline."""
    first, newline, rest = text.lstrip().partition("\n")
    if not newline or rest.partition("\n")[0].strip() or not rest.strip():
        return None
    title = first.strip()
    if origin.lower().endswith((".md", ".markdown")):
        title = title.lstrip("#").strip()
    return title if 0 < len(title) <= MAX_TITLE_LENGTH else None


def _from_html(data: bytes, origin: str, charset: str | None = None) -> Article:
    """The main text of a page through trafilatura, one blank-line separated paragraph per block."""
    # trafilatura costs 0.2 s to import: only pages pay for it.
    import trafilatura

    _check_bytes(data, origin)
    page: bytes | str = data
    if charset:
        try:
            page = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    document = trafilatura.bare_extraction(page, url=_url_or_none(origin), with_metadata=True)
    if document is None:
        raise SourceError(f"no article text found in {describe_origin(origin)}")
    paragraphs = [line for line in (clean(line).strip() for line in (document.text or "").split("\n")) if line]
    title = clean(document.title or "").strip() or None
    # trafilatura starts the text with the <h1> when the page has one; otherwise the title leads.
    headline_first = bool(paragraphs) and title is not None and _same_words(paragraphs[0], title)
    body = paragraphs[1:] if headline_first else paragraphs
    # On a page without an article trafilatura falls back to whatever is left, such as a menu link.
    if sum(len(paragraph.split()) for paragraph in body) < MIN_ARTICLE_WORDS:
        raise SourceError(f"no article text found in {describe_origin(origin)}")
    if title and not headline_first:
        paragraphs.insert(0, title)
    author = clean(document.author or "").strip() or None
    return Article(
        text="\n\n".join(paragraphs),
        title=title,
        origin=origin,
        author=author,
        date=document.date or None,
    )


def _same_words(first: str, second: str) -> bool:
    return first.casefold().split() == second.casefold().split()


def _url_or_none(origin: str) -> str | None:
    return origin if is_url(origin) else None
