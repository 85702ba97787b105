"""What lies between quotation marks, and which of it is someone's speech: the one quote index of an article."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.model import Segment

# Straight marks count too (and two apostrophes, as some archives write them), except the inches of a
# height (6'3").
_MARK = re.compile(r"[“”]|''|(?<!\d['’]\d)(?<!\d['’]\d\d)\"")
# Single quotation marks, within a sentence: an apostrophe (don't, the Clintons') is no quotation mark.
_SINGLE = re.compile(r"‘[^‘’]*’(?!\w)|(?<!\w)'[^']*'(?!\w)")
WORD = re.compile(r"\w+(?:['’]\w+)*")
"""A word as the quote rules count them (don't is one word)."""
# Fewer quoted words than this are scare quotes or a single quoted term, not someone's speech.
_FEWEST_WORDS = 3
# A phrase quoted mid-sentence needs more: "a “giveaway to donors”" is the writer's irony, not speech.
_FEWEST_PHRASE_WORDS = 5
# A quoted stretch ending like this was a sentence or a clause someone said.
_SPOKEN_END = re.compile(r"[.,!?…:;—-]\s*$")


# A sentence at least this share of whose words are quoted speech is a quote.
MOSTLY_QUOTED = 0.5


@dataclass(frozen=True)
class Stretch:
    """Text between quotation marks (the marks left out), and whether it reports someone's words."""

    start: int
    end: int
    speech: bool


class QuoteIndex:
    """Every quoted stretch of one text, to ask where speech and scare quotes are."""

    def __init__(self, text: str, stretches: Iterable[Stretch]) -> None:
        self.text = text
        self.stretches = sorted(stretches, key=lambda stretch: (stretch.start, stretch.end))
        self._starts = [stretch.start for stretch in self.stretches]
        self._longest = max((stretch.end - stretch.start for stretch in self.stretches), default=0)
        # Speech stretches never overlap one another: they come from one left-to-right pass over the marks.
        self.speech = [(stretch.start, stretch.end) for stretch in self.stretches if stretch.speech]
        self._speech_starts = [start for start, _ in self.speech]
        self._speech_ends = [end for _, end in self.speech]

    def in_speech(self, position: int) -> bool:
        """Whether the character at `position` is inside someone's quoted words."""
        index = bisect.bisect_right(self._speech_starts, position) - 1
        return index >= 0 and position < self._speech_ends[index]

    def speech_overlaps(self, start: int, end: int) -> bool:
        """Whether any of text[start:end] is inside someone's quoted words."""
        index = bisect.bisect_left(self._speech_ends, start + 1)
        return index < len(self._speech_starts) and self._speech_starts[index] < end

    def touching(self, start: int, end: int) -> list[Stretch]:
        """The stretches that overlap text[start:end], in order."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [stretch for stretch in self.stretches[first:last] if stretch.end > start]

    def speech_share(self, start: int, end: int) -> float:
        """The share of the words of text[start:end] that lie inside someone's quoted words."""
        words = [(match.start(), match.end()) for match in WORD.finditer(self.text, start, end)]
        if not words:
            return 0.0
        spans = [(s.start, s.end) for s in self.touching(start, end) if s.speech]
        inside = sum(1 for first, last in words if any(a <= first and last <= b for a, b in spans))
        return inside / len(words)


def mostly_quoted(share: float) -> bool:
    """Whether a sentence with this share of its words quoted (`QuoteIndex.speech_share`) is someone's words: a
    quote, which no opinion score weighs."""
    return share >= MOSTLY_QUOTED


def index(text: str, sentences: list[Segment]) -> QuoteIndex:
    """The quote index of a text: double quotation marks per paragraph (a quote may run on),
    single ones per sentence."""
    double = _double_quoted(text, _paragraph_spans(sentences))
    stretches = [Stretch(start, end, _is_speech(text, start, end)) for start, end in double]
    for sentence in sentences:
        for match in _SINGLE.finditer(text, sentence.start, sentence.end):
            if match.end() - match.start() > 2:
                stretches.append(Stretch(match.start() + 1, match.end() - 1, False))
    return QuoteIndex(text, stretches)


def _paragraph_spans(sentences: list[Segment]) -> list[tuple[int, int]]:
    """Where each paragraph starts and ends, from the sentences that fill it."""
    bounds: dict[int, tuple[int, int]] = {}
    for sentence in sentences:
        start, end = bounds.get(sentence.paragraph, (sentence.start, sentence.end))
        bounds[sentence.paragraph] = (min(start, sentence.start), max(end, sentence.end))
    return [bounds[number] for number in sorted(bounds)]


def _double_quoted(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches between quotation marks, joined over paragraphs that reopen an unclosed quote."""
    spans: list[tuple[int, int]] = []
    unclosed = False
    for start, end in paragraphs:
        opened: int | None = None
        first_in_paragraph = True
        for match in _MARK.finditer(text, start, end):
            mark, position = match.group(), match.start()
            if opened is None and mark != "”":
                opened = match.end()
                if unclosed and first_in_paragraph and not text[start:position].strip():
                    # The news convention: a quote that goes on in a new paragraph reopens it
                    # without closing the previous one, so the two stretches are one quote.
                    opened = spans.pop()[0]
            elif opened is not None and mark != "“":
                spans.append((opened, position))
                opened = None
            first_in_paragraph = False
        if opened is not None:
            spans.append((opened, end))
        unclosed = opened is not None
    return [(start, end) for start, end in spans if start < end]


def _is_speech(text: str, start: int, end: int) -> bool:
    """Whether a quoted stretch reports someone's words rather than a term, a title or scare quotes."""
    words = WORD.findall(text, start, end)
    if _SPOKEN_END.search(text, start, end):
        return len(words) >= _FEWEST_WORDS
    if len(words) < _FEWEST_PHRASE_WORDS:
        return False
    long_words = [word for word in words if len(word) > 3]
    # A title capitalises every long word and does not end in punctuation.
    return not (long_words and all(word[0].isupper() for word in long_words))
