"""Outside text made safe for a terminal: no escape sequences and no control characters."""

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


def clean(text: str) -> str:
    """Text without terminal escape sequences or control characters; line ends become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(message: str) -> str:
    """A message for the terminal: clean, and on one line whatever a file name or a server put in it."""
    return _LINE_BREAKS.sub(" ", clean(escape_undecodable(message))).strip()
