"""Outside text made safe for a terminal: no escape sequences and no control characters. Any layer may clean
what reaches it from outside (a source, a notes file, a message) with these."""

from __future__ import annotations

import re

from reader.origin import escape_undecodable

# Whole terminal escape sequences first, so that their parameters don't survive as text:
# CSI (colours, cursor moves), OSC (window title, clipboard, hyperlinks) ended by BEL or ST or left
# open, DCS/SOS/PM/APC strings, and the short two-character escapes; then the 8-bit CSI.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b\n]*(?:\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# Every other C0 and C1 control character and DEL; \t and \n are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\n\t\u2028\u2029]+")
# Bidirectional embeddings, overrides and isolates: in a line of its own, one turns around what follows it on screen
# ("report\u202etxt.exe" shows as "reportexe.txt"). An article's text keeps them, for the languages that need them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def is_bidirectional_control(character: str) -> bool:
    """Whether `character` is a bidirectional embedding, override or isolate, which turns around what follows it."""
    return _BIDI_CONTROLS.fullmatch(character) is not None


def clean(text: str) -> str:
    """Text without terminal escape sequences or control characters; line ends become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_line(text: str) -> str:
    """A line shown apart from the text (a title, an author): clean, and without bidirectional controls."""
    return _BIDI_CONTROLS.sub("", clean(text))


def one_line(message: str) -> str:
    """A message for the terminal: clean, and on one line whatever a file name or a server put in it."""
    return _LINE_BREAKS.sub(" ", clean_line(escape_undecodable(message))).strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text safe to store, draw and write: no lone surrogates, control characters or escapes; line ends are \\n."""
    return clean(without_surrogates(text))


def without_surrogates(text: str) -> str:
    """Lone surrogates (which no file can hold as UTF-8) made U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)
