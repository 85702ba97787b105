"""Bytes to text: a byte-order mark, then a declared charset only if the bytes bear it out, then detection."""

from __future__ import annotations

import codecs

from reader.sources.limits import SourceError

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
# As the WHATWG Encoding standard does: pages labelled Latin-1 or ASCII are Windows-1252.
_LABEL_MEANS = {"iso8859-1": "cp1252", "ascii": "cp1252"}
# How much more "chaos" (charset-normalizer's mess score) Windows-1252 may show and still be chosen.
WESTERN_CHAOS_MARGIN = 0.1


def decode(data: bytes, described: str, declared: str | None = None) -> str:
    """The text of `data`; `declared` is the charset a server or page claims, trusted only where the bytes agree."""
    if not data.strip():
        raise SourceError(f"{described} is empty: no article text")
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            text = _strict(data, codec)
            if text is None:
                raise SourceError(f"{described} is not readable {codec.removesuffix('-sig').upper()} text")
            return text
    declared_codec = _codec(declared)
    # Text in UTF-16 or UTF-32 always has NUL bytes (every space and digit has one); UTF-8 text never does.
    if declared_codec is not None and declared_codec in _WIDE and b"\x00" in data:
        text = _strict(data, declared_codec)
        if text is not None:
            return text
    if b"\x00" in data:
        raise SourceError(f"{described} holds binary data, not text")
    # Valid UTF-8 beyond ASCII is UTF-8, whatever is declared: read in a legacy charset it would be
    # mojibake. ASCII reads the same in nearly every charset, so there the declared one has its say.
    legacy = declared_codec if declared_codec not in _WIDE else None
    for candidate in (legacy if data.isascii() else None, "utf-8", legacy):
        text = _strict(data, candidate) if candidate else None
        if text is not None:
            return text
    return _detect(data, described)


def _codec(label: str | None) -> str | None:
    """The codec of a declared charset; None for one that is no charset of text on the web (Python's own codecs,
    `undefined`, `unicode_escape` or `punycode`, would fail, or read escapes the page never meant)."""
    if not label:
        return None
    from charset_normalizer.utils import iana_name

    try:
        name = codecs.lookup(iana_name(label.strip(), strict=True)).name
    except (ValueError, LookupError):
        return None
    return _LABEL_MEANS.get(name, name)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _detect(data: bytes, described: str) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise SourceError(f"{described} holds binary data or an unknown encoding, not text")
    # On short Western text the single-byte code pages score alike and the detector's first pick
    # turns "très" into "trčs"; Windows-1252, the usual legacy encoding of such text, wins a near tie.
    best = min(matches, key=lambda match: match.chaos)
    western = [match for match in matches if match.encoding == "cp1252"]
    if western and western[0].chaos <= best.chaos + WESTERN_CHAOS_MARGIN:
        best = western[0]
    return str(best)
