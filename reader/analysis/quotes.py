"""Direct speech: spans between quotation marks, their speaker and cue."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from reader.analysis.attribution import Candidate, Quoted, best_cue, cues
from reader.model import Quote, Sentence, Speaker, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Straight marks count too (and two apostrophes, as some archives write them), except the inches of a
# height (6'3").
_MARK = re.compile(r"[“”]|''|(?<!\d['’]\d)(?<!\d['’]\d\d)\"")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Fewer quoted words than this are scare quotes or a single quoted term, not someone's speech.
_FEWEST_WORDS = 3
# A phrase quoted mid-sentence needs more: "a “giveaway to donors”" is the writer's irony, not speech.
_FEWEST_PHRASE_WORDS = 5
# “…” ― Jane Doe: a dash and a name after the quote, as readers' letters and epigraphs give it.
_BYLINE = re.compile(r"[”\"]\s*(?P<dash>[―—])\s*(?P<name>[A-Z][^\n.,;:!?]*?)\.?\s*$")
_BYLINE_WORDS = 5
# A speech tag this close after the quote ("…,” Smith said) is the quote's own.
_NEAR_TAG = 60
# A quoted stretch ending like this was a sentence or a clause someone said.
_SPOKEN_END = re.compile(r"[.,!?…:;—-]\s*$")


def find_quotes(doc: Doc, sentences: list[Sentence]) -> list[Quote]:
    """The direct quotes of the text, each with the sentences it covers, its speaker and cue."""
    text = doc.text
    spans = [span for span in _quoted_spans(text, _paragraph_spans(sentences)) if _is_speech(text, *span)]
    quoted = Quoted(spans)
    ends = [sentence.end for sentence in sentences]
    found: list[Quote] = []
    for start, end in spans:
        covered = []
        for sentence in sentences[bisect.bisect_right(ends, start) :]:
            if sentence.start >= end:
                break
            covered.append(sentence)
        candidate = _speech_cue(doc, text, start, end, covered, sentences, quoted)
        if candidate is None and found and found[-1].speaker is not None and covered \
                and _paragraph_gap(found[-1], covered[0], sentences) <= 1:
            # News convention: a quote with no cue of its own continues the last speaker's words.
            speaker, cue = found[-1].speaker, found[-1].cue
        elif candidate is None and covered and (previous := _previous_speaker(doc, covered[0], sentences, quoted)):
            # A quote opening a paragraph after someone's reported words is usually theirs too.
            speaker, cue = previous.speaker, previous.cue
        elif candidate is None:
            speaker = cue = None
        else:
            speaker, cue = candidate.speaker, candidate.cue
        found.append(Quote(start, end, text[start:end], [s.id for s in covered], speaker, cue))
    return found


def _paragraph_spans(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Where each paragraph starts and ends, from the sentences that fill it."""
    bounds: dict[int, tuple[int, int]] = {}
    for sentence in sentences:
        start, end = bounds.get(sentence.paragraph, (sentence.start, sentence.end))
        bounds[sentence.paragraph] = (min(start, sentence.start), max(end, sentence.end))
    return [bounds[index] for index in sorted(bounds)]


def _quoted_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
        unclosed = opened is not None
        if unclosed:
            spans.append((opened, end))
    return [(start, end) for start, end in spans if start < end]


def _is_speech(text: str, start: int, end: int) -> bool:
    """Whether a quoted stretch reports someone's words rather than a term, a title or scare quotes."""
    words = _WORD.findall(text[start:end])
    if _SPOKEN_END.search(text[start:end]):
        return len(words) >= _FEWEST_WORDS
    if len(words) < _FEWEST_PHRASE_WORDS:
        return False
    long_words = [word for word in words if len(word) > 3]
    # A title capitalises every long word and does not end in punctuation.
    return not (long_words and all(word[0].isupper() for word in long_words))


def _speech_cue(doc: Doc, text: str, start: int, end: int, covered: list[Sentence], sentences: list[Sentence],
                quoted: Quoted) -> Candidate | None:
    """The reporting cue nearest the quote, after it in its last sentence or before it in its first."""
    if not covered:
        return None
    first, last = covered[0], covered[-1]
    byline = _BYLINE.match(text, end, last.end)
    if byline and len(byline.group("name").split()) <= _BYLINE_WORDS:
        return Candidate(Span(byline.group("dash"), byline.start("dash"), byline.end("dash")),
                         Speaker(byline.group("name"), byline.start("name"), byline.end("name")), 0)
    after = _named(cues(doc, end, last.end, quoted))
    tag = min(after, key=lambda candidate: candidate.cue.start, default=None)
    if tag is not None and tag.cue.start - end <= _NEAR_TAG:
        return tag
    before = _named(cues(doc, first.start, start, quoted))
    if not before and first.id > 0 and not text[first.start:start].strip():
        previous = sentences[first.id - 1]
        # "Smith said:" closing the sentence (or paragraph) just before the quote.
        if previous.text.rstrip().endswith((":", ",")):
            before = _named(cues(doc, previous.start, previous.end, quoted))
    # Before the quote the outermost report speaks ("She said she recalls “…”" is hers, via "said"),
    # and of its cues the nearest ("…, calling it “…”").
    return min(before, key=lambda candidate: (candidate.embedding, -candidate.cue.start), default=tag)


def _previous_speaker(doc: Doc, first: Sentence, sentences: list[Sentence], quoted: Quoted) -> Candidate | None:
    """The named source of the sentence just before a quote's first sentence, in the same or previous paragraph."""
    if first.id == 0 or sentences[first.id - 1].paragraph < first.paragraph - 1:
        return None
    previous = sentences[first.id - 1]
    best = best_cue(cues(doc, previous.start, previous.end, quoted))
    return best if best is not None and best.speaker is not None else None


def _named(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that name a source, or all of them when none does."""
    return [candidate for candidate in candidates if candidate.speaker is not None] or candidates


def _paragraph_gap(previous: Quote, sentence: Sentence, sentences: list[Sentence]) -> int:
    """How many paragraph breaks lie between the end of the previous quote and a sentence."""
    return sentence.paragraph - sentences[previous.sentence_ids[-1]].paragraph if previous.sentence_ids else 99
