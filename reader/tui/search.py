"""A search of the article: its query, every match, and which one the reader is on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reader.tui.spans import SpanIndex


@dataclass(frozen=True)
class Search:
    """The case-insensitive matches of `query` in a text; `current` is the match the reader went to."""

    query: str = ""
    matches: SpanIndex = field(default_factory=SpanIndex)
    current: int | None = None

    @classmethod
    def of(cls, query: str, text: str) -> Search:
        """Every occurrence of `query` in `text`, ignoring case; none for an empty query."""
        if not query:
            return cls()
        return cls(query, SpanIndex(match.span() for match in re.finditer(re.escape(query), text, re.IGNORECASE)))

    @property
    def number(self) -> int:
        """The current match counted from 1, or 0 when the reader has not gone to one."""
        return 0 if self.current is None else self.current + 1

    def at(self, index: int) -> Search:
        """The same search, on match `index`."""
        return replace(self, current=index)

    def first_from(self, offset: int) -> Search:
        """On the first match that ends after `offset`, or the first of all when none does."""
        index = self.matches.first_ending_after(offset)
        return self.at(0 if index is None else index)

    def step(self, forward: bool) -> tuple[Search, bool]:
        """On the next (or previous) match, and whether that went round the end of the text."""
        assert self.current is not None and self.matches
        index = self.current + (1 if forward else -1)
        wrapped = not 0 <= index < len(self.matches)
        return self.at(index % len(self.matches)), wrapped
