"""How much of a source reader takes and how long it waits for one, and the error when a source breaks that."""

from __future__ import annotations

from dataclasses import dataclass

from reader.errors import ReaderError

# Measured by benchmarks/limits.py on a 2-core machine: `reader analyze` takes a minute of CPU for
# 1 MB of news text (0.6 GB at peak), and 14 s for a 10 MB page with an ordinary article (0.3 GB).
MAX_SIZE = 1_000_000
PAGE_FACTOR = 10
TIMEOUT = 30.0
LONGEST_WAIT = 10**9
"""The most seconds reader waits for anything: the system's clocks count no further (1e10 overflows them)."""


class SourceError(ReaderError):
    """A source that cannot be read as an article; the message is one line for the user."""


@dataclass(frozen=True)
class Limits:
    """The most text reader analyses (`--max-size`), and how long a fetch may take (`--timeout`)."""

    max_size: int = MAX_SIZE
    timeout: float = TIMEOUT

    @property
    def page_size(self) -> int:
        """The most reader reads of a web page or HTML file: mostly markup, so it may be larger."""
        return self.max_size * PAGE_FACTOR


# The limits when none are given; being frozen, one shared value is safe as a default argument.
DEFAULT_LIMITS = Limits()


def too_much_text(described: str, limits: Limits) -> SourceError:
    return SourceError(
        f"{described} is over {size_in_words(limits.max_size)} of text, the most reader analyses"
        " (--max-size to change it)"
    )


def too_large_a_page(described: str, limits: Limits) -> SourceError:
    return SourceError(
        f"{described} is over {size_in_words(limits.page_size)}, the most reader reads of a page"
        f" ({PAGE_FACTOR} times --max-size)"
    )


def size_in_words(size: int) -> str:
    """A number of bytes as people say it: 1 MB, 250 kB, 800 bytes."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """A size as the user writes it (`2M`, `500k`, `1.5MB`, `800`) in bytes; ValueError if it is none."""
    number = text.strip().upper().removesuffix("B")
    scale = {"K": 10**3, "M": 10**6, "G": 10**9}.get(number[-1:], 1)
    if scale != 1:
        number = number[:-1]
    value = float(number) * scale
    if not 1 <= value < float("inf"):
        raise ValueError(f"not a size: {text}")
    return int(value)
