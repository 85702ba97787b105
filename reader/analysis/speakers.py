"""Who speaks: the speaker of a reporting verb or noun, read off the parse, with a pronoun's likely person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.quoted import QuoteIndex
from reader.model import Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Pronoun speakers given the name of the person mentioned last before them.
_PRONOUNS = {"he", "she", "him", "her"}
# Further back than this a pronoun's person is anyone's guess.
_FARTHEST_PERSON = 600
_SUBJECTS = {"nsubj", "csubj"}
# A verb in these relations borrows its subject from the verb it hangs on ("…, calling it …").
_BORROWS_SUBJECT = {"advcl", "xcomp", "conj", "pcomp"}
_AUTHOR_PREPOSITIONS = {"from", "by"}
_NAMED = {"PERSON", "ORG", "NORP", "GPE"}
_CLOSING_MARKS = {"”", '"', "''"}
_LONGEST_TAG = 16
_SENTENCE_ENDS = {".", ";", ":"}
# A quote ends like this when a speech tag follows: “…,” / “…?” / “…!”
_TAG_OPENERS = {",", "?", "!", "—", "-"}


def of_verb(doc: Doc, verb: Token, quoted: QuoteIndex) -> Speaker | None:
    """The speaker of a reporting verb: its subject, its agent, or the subject of the verb it hangs on."""
    tagged = _tag_speaker(doc, verb, quoted)
    if tagged is not None:
        return tagged
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                if child.tag_ == "WP" or child.lower_ == "that":
                    return headed_by(doc, current.head, quoted, whole=False)
                return headed_by(doc, child, quoted)
            if child.dep_ == "agent":
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if objects:
                    return headed_by(doc, objects[0], quoted)
        if current.dep_ == "relcl":
            return headed_by(doc, current.head, quoted, whole=False)
        if current.dep_ not in _BORROWS_SUBJECT or current.head.i == current.i:
            return None
        current = current.head
    return None


def is_named(doc: Doc, speaker: Speaker | None) -> bool:
    """Whether a speaker names someone: a proper name or a named entity, not "they" or "the government"."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand") if speaker is not None else None
    return span is not None and any(token.pos_ == "PROPN" or token.ent_type_ in _NAMED for token in span)


def _tag_speaker(doc: Doc, verb: Token, quoted: QuoteIndex) -> Speaker | None:
    """The words between a closing quotation mark and the verb: “…,” Flynn, a top surrogate, said.

    The parser often attaches such a speaker to the quote; the order of the words is more reliable.
    """
    first = verb.i
    while first > 0 and verb.i - first < _LONGEST_TAG and doc[first - 1].text not in _CLOSING_MARKS:
        token = doc[first - 1]
        if "\n" in token.text or token.text in _SENTENCE_ENDS:
            return None
        first -= 1
    if first < 2 or first == verb.i or not quoted.in_speech(doc[first - 1].idx - 1) \
            or doc[first - 2].text not in _TAG_OPENERS:
        return None
    last = verb.i - 1
    while last >= first and (doc[last].is_punct or doc[last].pos_ in ("ADV", "AUX", "PART")):
        last -= 1
    while first <= last and doc[first].is_punct:
        first += 1
    words = doc[first : last + 1]
    if not any(token.pos_ in ("PROPN", "NOUN", "PRON") for token in words):
        return None
    return _between(doc, first, last)


def author(noun: Token) -> Token | None:
    """The author of a report noun: the object of its "from" or "by"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPOSITIONS:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def headed_by(doc: Doc, head: Token, quoted: QuoteIndex, whole: bool = True) -> Speaker | None:
    """The speaker span headed by `head`, with a pronoun resolved to the person it most likely names."""
    if head.lemma_.lower() in lexicon.words("reporting_nouns"):
        writer = author(head)
        if writer is not None:
            head = writer
    if whole:
        first, last = head.left_edge.i, head.right_edge.i
    else:
        first, last = head.left_edge.i, head.i
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if quoted.speech_overlaps(doc[first].idx, doc[last].idx + len(doc[last])):
        first = min((child.i for child in head.lefts if child.dep_ in ("compound", "det", "amod", "poss")),
                    default=head.i)
        last = head.i
        if quoted.speech_overlaps(doc[first].idx, head.idx + len(head)):
            return None
    return _between(doc, first, last)


def _between(doc: Doc, first: int, last: int) -> Speaker:
    """The speaker spanning tokens first..last; a lone "he" or "she" gets the name of the person it likely is."""
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    name = _person_before(doc, doc[first]) if first == last and doc[first].lower_ in _PRONOUNS else None
    return Speaker(doc[first : last + 1].text, start, end, name)


def _person_before(doc: Doc, pronoun: Token) -> str | None:
    """The nearest person named before a pronoun: who "he" or "she" most likely is."""
    # Token by token rather than doc.ents, which builds every entity of the document on each access.
    for index in range(pronoun.i - 1, max(pronoun.i - _FARTHEST_PERSON, 0) - 1, -1):
        if doc[index].ent_type_ == "PERSON":
            first = index
            while doc[first].ent_iob_ == "I" and first > 0:
                first -= 1
            return doc[first : index + 1].text
    return None
