"""Article text as literal Markdown: nothing in it reads as formatting, a link, a list or a heading."""

from __future__ import annotations

import re

# Characters that mean something to CommonMark or Obsidian anywhere in a line: emphasis, code, links
# and wikilinks, HTML, tags, tables, strikethrough, ==highlight==, $math$, %%comments%%, ^block ids.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~=$%^])")
# An entity reference such as &amp; would be decoded.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a line: list bullets, ordered list numbers, and the lines that make headings or rules.
_LINE_START = re.compile(r"^([-+]|\d{1,9}(?=[.)]))")


def escape(text: str) -> str:
    """Text as literal Markdown inline text."""
    return _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def escape_lines(text: str) -> list[str]:
    """Text as literal Markdown lines: inline marks escaped, no line read as a list or heading."""
    lines = []
    for line in text.split("\n"):
        line = escape(line.strip())
        match = _LINE_START.match(line)
        if match and match.group(1) in "-+":
            line = "\\" + line
        elif match:
            digits = match.group(1)
            line = f"{digits}\\{line[len(digits):]}"
        lines.append(line)
    return lines
