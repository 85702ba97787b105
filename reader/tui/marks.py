"""How the app marks and names things wherever it shows them: label glyphs, the cursor and highlight marks,
a speaker's name, a passage cut short."""

from __future__ import annotations

from reader.model import Speaker

GLYPHS = {"quote": "»", "opinion": "◆", "reported": " "}
"""The mark at the start of a sentence with each label, so that labels differ without colour (a reported
sentence has none; the quote's is not a quotation mark, which the text has of its own)."""

CURSOR_MARK = "▌"
"""The gutter mark of the current sentence."""

HIGHLIGHT_MARK = "●"
"""The gutter mark of a highlighted sentence."""

CORRECTED_MARK = "†"
"""The gutter mark of a sentence whose label or speaker the reader corrected (an editor's mark)."""

NOTE_MARK = "✎"
"""What a reader's note starts with wherever it is shown beside the article's words."""


def label_name(label: str) -> str:
    """The label with its glyph, as the legend, the detail line and the Notes tab show it: `◆ opinion`."""
    glyph = GLYPHS.get(label, " ").strip()
    return f"{glyph} {label}" if glyph else label


def speaker_name(speaker: Speaker) -> str:
    """The entity's name when known, else the words of the text."""
    return speaker.name or speaker.text


def excerpt(text: str, length: int) -> str:
    """The passage on one line, cut at a word near `length` characters."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    return flat[:length].rsplit(" ", 1)[0] + "…"


def middle_cut(text: str, length: int) -> str:
    """`text` in at most `length` characters, cut in the middle: a path or an address keeps where it starts and its
    file's name (`/home/ana/…/harbour.txt`)."""
    if len(text) <= length:
        return text
    kept = max(length - 1, 2)
    head = kept // 3
    return text[:head] + "…" + text[len(text) - (kept - head):]
