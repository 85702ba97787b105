"""Paragraphs (blank-line separated) and sentences, with offsets into the article text."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from reader import nlp
from reader.analysis.lexicon import reporting_verbs
from reader.analysis.voices.signatures import SIGNED_LINE
from reader.model import Paragraph, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PARAGRAPH = re.compile(r"\S(?:.*?\S)??(?=\n[ \t\r\f\v]*\n|\s*\Z)", re.DOTALL)

# A line ending like this finishes its sentence, so the next line starts a new one; so does the name that signs
# a line of quoted words (signatures.SIGNED_LINE: “…” ― Ann B. Smith).
_LINE_END = re.compile(r"[.!?:;…\"”’)\]]\s*$")
# A line starting like this (an opening quote, a bullet) begins a new sentence.
_LINE_START = re.compile(r"\s*[“\"‘•*#―–—-]")
# Closing quotation marks that spaCy sometimes leaves at the start of the next sentence.
_CLOSING = re.compile(r"(?:”|\"(?=\s|$)|''(?=\s|$)|’(?=\s|$))+[\s―–—-]*")
# An opening quotation mark (after a space) that spaCy leaves at the end of the sentence before the one it opens:
# "… the moment. ''That wasn't …" (the '' that PolNeAR's texts open quotes with, as often as not).
_OPENING = re.compile(r"(?<=\s)(?:''|\"|“)$")
# A sentence does not end on a bare word or a comma: spaCy cuts "Federal mine | No. 2 would close."
_UNFINISHED = re.compile(r"[\w,]$")
_QUOTE_END = re.compile(r"[?!](?:[”\"’]|'')$")
_DASH_END = re.compile(r"(?:[”\"]|'')\s*[―—]$")
_BYLINE_WORDS = 5
_LABEL_WORDS = 3
_HEADLINE_LENGTH = 200
_SPEECH_TAG_WORDS = 6
# Without spaCy (a first look): a sentence ends at . ! ? (and what closes after them) before a capital or a figure,
_ROUGH_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=(?:''|[\"“‘'(\[])?[A-Z0-9])")
# but not after a title, an initial or "No.", which a capital follows as often as not.
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|No|Nos|Inc|Corp|Co"
                           r"|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|vs)|(?<![\w.])[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")
# An initialism such as "U.S." goes on into a name ("the U.S. Senate") unless a word that opens sentences follows.
_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.)+[A-Za-z]\.$")
_OPENER = re.compile(r"(?:A|An|The|He|She|It|They|We|I|This|That|These|Those|But|And|In|On|At|Its|His|Her|Their)\b")


def paragraphs(text: str) -> list[Paragraph]:
    """The blank-line separated paragraphs, without their surrounding white space."""
    return [Paragraph(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def sentences(doc: Doc, paragraphs: list[Paragraph], headline: bool | None = None) -> list[Segment]:
    """Where each sentence of each paragraph is, in order, trimmed of white space.

    The first paragraph is the headline (one sentence, if it is one short line) when `headline` says so;
    by default when more paragraphs follow it.
    """
    text = nlp.text_of(doc)
    return _segments(doc, text, paragraphs, sorted(sent.start_char for sent in doc.sents), headline)


def rough_sentences(text: str, paragraphs: list[Paragraph], headline: bool | None = None) -> list[Segment]:
    """The sentences of `paragraphs` as `sentences` finds them, but cut where the marks that end a sentence are,
    without spaCy: a first look, good for most sentences (a quote's speech tag is left on its own)."""
    starts = []
    for paragraph in paragraphs:
        for match in _ROUGH_END.finditer(text, paragraph.start, paragraph.end):
            if not _after_abbreviation(text, match.start(), match.end()):
                starts.append(match.end())
    return _segments(None, text, paragraphs, starts, headline)


def _after_abbreviation(text: str, stop: int, next_word: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation that the word at `next_word` goes on from."""
    before = max(stop - 12, 0)
    if not _ABBREVIATION.search(text, before, stop + 1):
        return False
    return not (_INITIALISM.search(text, before, stop + 1) and _OPENER.match(text, next_word))


def _segments(doc: Doc | None, text: str, paragraphs: list[Paragraph], starts: list[int],
              headline: bool | None) -> list[Segment]:
    first_is_headline = len(paragraphs) > 1 if headline is None else headline
    found: list[Segment] = []
    for index, paragraph in enumerate(paragraphs):
        for start, end in _paragraph_sentences(doc, text, paragraph, starts, index == 0 and first_is_headline):
            found.append(Segment(len(found), start, end, text[start:end], index))
    return found


def _paragraph_sentences(doc: Doc | None, text: str, paragraph: Paragraph, starts: list[int],
                         headline: bool) -> list[tuple[int, int]]:
    """The (start, end) of each sentence inside one paragraph."""
    body = text[paragraph.start : paragraph.end]
    if headline and "\n" not in body and len(body) <= _HEADLINE_LENGTH:
        return [(paragraph.start, paragraph.end)]
    cuts = {start for start in starts if paragraph.start < start < paragraph.end}
    cuts.update(_line_cuts(text, paragraph))
    pieces = []
    for start, end in pairwise([paragraph.start, *sorted(cuts), paragraph.end]):
        start, end = _trim(text, start, end)
        if start < end:
            pieces.append((start, end))
    return _mend(doc, text, pieces)


def _line_cuts(text: str, paragraph: Paragraph) -> list[int]:
    """Line starts inside a paragraph that begin a sentence (hard-wrapped prose does not)."""
    cuts = []
    position = text.find("\n", paragraph.start, paragraph.end)
    while position != -1:
        line_start = position + 1
        previous = text[text.rfind("\n", paragraph.start, position) + 1 : position]
        if _LINE_END.search(previous) or SIGNED_LINE.search(previous) \
                or _LINE_START.match(text, line_start, paragraph.end):
            cuts.append(line_start)
        position = text.find("\n", line_start, paragraph.end)
    return cuts


def _mend(doc: Doc | None, text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo spaCy's usual mis-splits around quotation marks and speech tags."""
    mended: list[tuple[int, int]] = []
    for start, end in pieces:
        if mended and "\n" not in text[mended[-1][1] : start]:
            opening = _OPENING.search(text, *mended[-1])
            if opening:
                # An opening mark belongs to the sentence it opens.
                mended[-1] = _trim(text, mended[-1][0], opening.start())
                start = opening.start()
            closing = _CLOSING.match(text, start, end)
            if closing:
                # A closing mark belongs to the sentence it closes.
                mended[-1] = (mended[-1][0], _trim(text, start, closing.end())[1])
                start = closing.end()
                if start >= end:
                    continue
            if text[start].islower() or _is_unfinished(text, mended[-1]) \
                    or doc is not None and _is_speech_tag(doc, text, mended[-1], (start, end)) \
                    or _is_byline(text, mended[-1], (start, end)) or _is_label(text, mended[-1]):
                mended[-1] = (mended[-1][0], end)
                continue
        mended.append((start, end))
    return mended


def _is_unfinished(text: str, previous: tuple[int, int]) -> bool:
    """Whether `previous` stops on a bare word or a comma, as no sentence ends (a heading in capitals may)."""
    return bool(_UNFINISHED.search(text, *previous)) and not text[previous[0] : previous[1]].isupper()


def _is_speech_tag(doc: Doc, text: str, previous: tuple[int, int], piece: tuple[int, int]) -> bool:
    """Whether `piece` is a short "Smith asked." after a quote that ended with ? or !."""
    if not _QUOTE_END.search(text[previous[0] : previous[1]]):
        return False
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if span is None:
        return False
    if sum(1 for token in span if token.is_alpha) <= _SPEECH_TAG_WORDS:
        return any(token.lemma_.lower() in reporting_verbs() and token.pos_ == "VERB" for token in span)
    # A longer tag ("Donald Trump said in a statement on Tuesday.") is a reporting verb that reports
    # nothing of its own: what it reports is the quote before it.
    root = span.root
    return root.pos_ == "VERB" and root.lemma_.lower() in reporting_verbs() and not any(
        child.dep_ in ("ccomp", "xcomp", "parataxis", "dobj", "conj") for child in root.children)


def _is_byline(text: str, previous: tuple[int, int], piece: tuple[int, int]) -> bool:
    """Whether `piece` is the short name after a quote and a dash: “…” ― Jane Doe."""
    words = text[piece[0] : piece[1]].split()
    if len(words) > _BYLINE_WORDS + 1:
        return False
    before = text[previous[0] : previous[1]]
    return bool(_DASH_END.search(before)) or (before.endswith(("”", '"')) and words[0][0] in "―—")


def _is_label(text: str, previous: tuple[int, int]) -> bool:
    """Whether `previous` is only a label such as "HOST:" that introduces what follows it."""
    before = text[previous[0] : previous[1]]
    return before.endswith(":") and len(before.split()) <= _LABEL_WORDS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
