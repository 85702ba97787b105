"""Speech tags read by where their words stand: “…,” he surmised; “…,” tweeted Ann Lee; Skelly called Braynard “…”;
Continued Stone: “…”; Rep. Jane Doe (D-Ore.): “…”.

The reporting-verb lexicon knows "said" wherever it stands. Here the place does the work: any verb right after a
quote that ends on a comma, a question or an exclamation tags it, as does the verb that leads into a quote, or a
name and a colon before one. The small parser often mistakes the words of such fragments ("Skelly" an adverb,
"Husted" a verb), so the names around the verb are read by their spelling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis.voices import speakers
from reader.analysis.voices.quoted import QuoteIndex
from reader.model import Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Tokens

_CLOSING = {"”", '"', "''"}
_OPENING = {"“", '"', "``"}
# A quote that ends on one of these is waiting for its tag: “…,” he said / “…?” she asked.
_TAG_OPENERS = (",", "?", "!", "—", "-", "–")
_PRONOUNS = {"he", "she", "they", "i", "we"}
# Words that open a sentence without naming anyone: "And Skelly called …".
_OPENERS = {"and", "but", "so", "then", "yet", "or", "also", "still", "later", "now"}
# Capitalised at a sentence's start, and no one: "That makes her …", "There's still …".
_NOBODY = {"that", "this", "there", "it", "which", "what", "these", "those"}
_NOUN_PHRASE = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"}
_LONGEST_NAME = 6
_LONGEST_APPOSITION = 15
# How far before a quote the verb that leads into it may stand.
_LEAD = 8


def after(doc: Doc, end: int, sentence: Tokens, quoted: QuoteIndex) -> tuple[Span, Speaker] | None:
    """The tag right after a quote that ends at `end` (its closing mark) within `sentence`: the verb and who speaks."""
    text = quoted.text
    if not text[:end].rstrip().endswith(_TAG_OPENERS):
        return None
    first = next((token.i for token in doc[max(sentence.start - 3, 0) : sentence.end] if token.idx >= end), None)
    if first is None or doc[first].text not in _CLOSING:
        return None
    position = first + 1
    while position < sentence.end and doc[position].is_punct and doc[position].text not in (",", "."):
        position += 1  # a dash between the quote and its tag
    if position >= sentence.end or quoted.in_speech(doc[position].idx):
        return None
    token = doc[position]
    if _verb(token):
        # “…,” tweeted Ann Lee.
        last = _name_end(doc, position + 1, sentence.end)
        if last is None or token.tag_ == "VBG" or _reports_clause(token, quoted):
            return None
        return _cue(token), speakers.between(doc, position + 1, last)
    # “…,” Murphy, the head of Right to Rise, tweeted.
    last = _name_end(doc, position, sentence.end)
    if last is None:
        return None
    verb = last + 1
    if verb < sentence.end and doc[verb].text == ",":
        closing = next((t.i for t in doc[verb + 1 : min(verb + _LONGEST_APPOSITION, sentence.end)] if t.text == ","),
                       None)
        verb = closing + 1 if closing is not None else sentence.end
    if verb >= sentence.end or not _verb(doc[verb]) or _reports_clause(doc[verb], quoted):
        return None
    return _cue(doc[verb]), speakers.between(doc, position, last)


def before(doc: Doc, start: int, sentence: Tokens, quoted: QuoteIndex) -> tuple[Span, Speaker] | None:
    """The tag that leads into a quote opening at `start`, in its sentence: a name and a colon, or a verb."""
    mark = next((token.i for token in reversed(sentence) if token.idx < start), None)
    if mark is None or doc[mark].text not in _OPENING:
        return None
    last = mark - 1
    while last >= sentence.start and (doc[last].is_space or doc[last].text == ","):
        last -= 1
    if last < sentence.start or quoted.in_speech(doc[last].idx):
        return None
    if doc[last].text.endswith(":") and (label := _label(doc, sentence.start, last)) is not None:
        colon = doc[last].idx + len(doc[last]) - 1
        return Span(":", colon, colon + 1), label
    for verb in range(last, max(sentence.start, mark - _LEAD) - 1, -1):
        token = doc[verb]
        if token.text in (".", ";", "?", "!") or quoted.in_speech(token.idx):
            return None
        if _verb(token):
            speaker = speakers.of_verb(doc, token, quoted) or _named_around(doc, verb, sentence, last)
            return (_cue(token), speaker) if speaker is not None and _somebody(doc, speaker) else None
    return None


def _label(doc: Doc, first: int, colon: int) -> Speaker | None:
    """The name before a colon that hands it the quote (“Mark Blumenthal and Jon Cohen: …”), back to the sentence's
    start or a dash."""
    start = colon
    while start > first and not speakers.is_dash(doc[start - 1]) and colon - start < _LONGEST_NAME + 4:
        start -= 1
    while start < colon and (doc[start].is_punct or doc[start].pos_ == "VERB"):
        start += 1  # "Continued Stone:" is Stone's
    # The party and state of "Rep. Jane Doe (D-Ore.):" are no part of the name.
    end = next((token.i for token in doc[start:colon] if token.text.startswith("(")), colon)
    words = [token for token in doc[start:end] if not token.is_punct]
    if not words or not all(_capitalised(token) or token.lower_ in ("and", "of") for token in words) \
            or not any(token.pos_ == "PROPN" or token.ent_type_ == "PERSON" for token in words):
        return None
    return speakers.between(doc, start, end - 1)


def _named_around(doc: Doc, verb: int, sentence: Tokens, last: int) -> Speaker | None:
    """A name right before the verb ("And Skelly called …") or right after it ("Continued Stone: …")."""
    first = verb
    while first > sentence.start and _capitalised(doc[first - 1]) and doc[first - 1].lower_ not in _OPENERS:
        first -= 1
    if first < verb:
        return speakers.between(doc, first, verb - 1)
    end = _name_end(doc, verb + 1, last + 1)
    return speakers.between(doc, verb + 1, end) if end is not None else None


def _reports_clause(verb: Token, quoted: QuoteIndex) -> bool:
    """Whether a verb reports a clause of its own ("Trump acknowledged that …"): a new report, not a quote's tag.
    The quote itself often hangs on its tag's verb as its clause."""
    return any(child.dep_ in ("ccomp", "xcomp") and not quoted.in_speech(child.idx) for child in verb.children)


def _somebody(doc: Doc, speaker: Speaker) -> bool:
    """Whether a speaker is someone: a noun or a name, not "that" or "there"."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    return span is not None and any(token.pos_ in ("PROPN", "NOUN") or token.lower_ in _PRONOUNS
                                    or (_capitalised(token) and token.lower_ not in _NOBODY) for token in span)


def _name_end(doc: Doc, first: int, limit: int) -> int | None:
    """The last token of the name or noun phrase that starts at `first` ("he", "Ann Lee", "the businessman")."""
    if first >= limit or not (doc[first].pos_ in ("DET", "PROPN", "PRON", "NOUN", "ADJ") or _capitalised(doc[first])):
        return None
    if doc[first].lower_ in _PRONOUNS:
        return first
    last = first
    while last + 1 < limit and last + 1 - first < _LONGEST_NAME and (
            doc[last + 1].pos_ in _NOUN_PHRASE or _capitalised(doc[last + 1]) or doc[last + 1].text == ".") \
            and not _verb(doc[last + 1]):
        last += 1
    while last > first and doc[last].is_punct:
        last -= 1
    head = doc[first : last + 1]
    if not any(token.pos_ in ("PROPN", "NOUN") or _capitalised(token) for token in head):
        return None
    return last


def _verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG")


def _capitalised(token: Token) -> bool:
    """A capitalised word or initials ("Lee", "S.C."), or the parenthesis of "(D-Ore.)"."""
    return token.text[:1].isupper() and (token.is_alpha or token.text.endswith(".")) or token.text in ("(", ")")


def _cue(token: Token) -> Span:
    return Span(token.text, token.idx, token.idx + len(token))
