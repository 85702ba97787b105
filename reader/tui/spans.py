"""Stretches of the article text found by offset: what the article view draws search matches and tints from."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator


class SpanIndex:
    """Sorted, non-overlapping `(start, end)` spans of a text, looked up by offset in logarithmic time."""

    __slots__ = ("_spans", "_ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        """Take spans in reading order that do not overlap (as `re.finditer` gives them)."""
        self._spans = list(spans)
        self._ends = [end for _, end in self._spans]

    @classmethod
    def merged(cls, spans: Iterable[tuple[int, int]]) -> SpanIndex:
        """The spans in reading order, overlapping or touching ones joined into one."""
        joined: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if joined and start <= joined[-1][1]:
                joined[-1] = (joined[-1][0], max(joined[-1][1], end))
            else:
                joined.append((start, end))
        return cls(joined)

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self._spans[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpanIndex) and self._spans == other._spans

    def __repr__(self) -> str:
        return f"SpanIndex({self._spans!r})"

    def covering(self, offset: int) -> int | None:
        """The index of the span that holds `offset`, if any."""
        index = bisect_right(self._ends, offset)
        if index < len(self._spans) and self._spans[index][0] <= offset:
            return index
        return None

    def first_ending_after(self, offset: int) -> int | None:
        """The index of the first span that ends after `offset` (it may start before it)."""
        index = bisect_left(self._ends, offset + 1)
        return index if index < len(self._spans) else None

    def edges_within(self, start: int, end: int) -> Iterator[int]:
        """The starts and ends of the spans that cross `start`..`end`: where a line's styles change."""
        index = bisect_right(self._ends, start)
        while index < len(self._spans) and self._spans[index][0] < end:
            yield from self._spans[index]
            index += 1
