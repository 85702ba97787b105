"""Reported speech without quotation marks: who a sentence's claim is attributed to."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from reader.model import Attribution, Quote, Sentence, Speaker, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Pronoun sources given the name of the person mentioned last before them.
_PRONOUNS = {"he", "she", "him", "her"}
# Further back than this a pronoun's person is anyone's guess.
_FARTHEST_PERSON = 600
_SUBJECTS = {"nsubj", "csubj"}
# A verb in these relations borrows its subject from the verb it hangs on ("…, calling it …").
_BORROWS_SUBJECT = {"advcl", "xcomp", "conj", "pcomp"}
_NOT_REPORTING = {"amod", "compound", "acl", "pobj", "dobj", "nsubj", "nsubjpass", "attr"}
_AUTHOR_PREPOSITIONS = {"from", "by"}
# Speech that is only foreseen, possible or demanded ("will tell us", "can be said") has not been reported.
_UNREALISED = {"will", "'ll", "wo", "would", "'d", "shall", "can", "ca", "could", "may", "might", "must", "should"}
# Conjunctions that make a clause a condition: "if they find that …" reports no finding.
_CONDITIONS = {"if", "unless"}
# A wish or thought to speak ("wanted to say", "thought to ask") is no speech.
_INTENT = {"want", "wish", "think"}
_NAMED = {"PERSON", "ORG", "NORP", "GPE"}
_CLOSING_MARKS = {"”", '"', "''"}
_LONGEST_TAG = 16
_SENTENCE_ENDS = {".", ";", ":"}
# A quote ends like this when a speech tag follows: “…,” / “…?” / “…!”
_TAG_OPENERS = {",", "?", "!", "—", "-"}
# "WALLACE: …" or "SEN. JONES: …" opening a paragraph of a transcript.
_SPEAKER_LABEL = re.compile(r"[\"“]?\s*(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):(?:\s|$)")


@dataclass(frozen=True)
class Candidate:
    """A reporting cue found in the text, with the source it names (if any)."""

    cue: Span
    speaker: Speaker | None
    depth: int
    embedding: int = 0

    @property
    def attribution(self) -> Attribution:
        return Attribution(self.speaker, self.cue)


def _lexicon(name: str) -> list[str]:
    lines = files("reader.analysis").joinpath(name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[1:] if line.strip()]


@functools.cache
def reporting_verbs() -> dict[str, str]:
    """Reporting verb lemmas, each mapped to its condition: "" (none), "clause" or "named" (see the file)."""
    verbs = {}
    for line in _lexicon("reporting_verbs.txt"):
        lemma, _, condition = line.partition("\t")
        verbs[lemma] = condition.strip()
    return verbs


@functools.cache
def reporting_nouns() -> frozenset[str]:
    """Nouns for reports and statements, whose author is the source ("a report from NBC News")."""
    return frozenset(_lexicon("reporting_nouns.txt"))


@functools.cache
def reporting_adverbs() -> frozenset[str]:
    """Adverbs that mark a claim as reported by someone unnamed ("reportedly")."""
    return frozenset(_lexicon("reporting_adverbs.txt"))


def attribute(doc: Doc, sentences: list[Sentence], quotes: list[Quote]) -> list[Attribution | None]:
    """One attribution (or None) per sentence, aligned with `sentences`."""
    quoted = Quoted([(quote.start, quote.end) for quote in quotes])
    by_sentence: dict[int, Quote] = {}
    for quote in quotes:
        if quote.speaker is not None:
            for sentence_id in quote.sentence_ids:
                by_sentence.setdefault(sentence_id, quote)
    speakers = _transcript_speakers(sentences)
    found: list[Attribution | None] = []
    for sentence in sentences:
        if sentence.paragraph in speakers:
            found.append(speakers[sentence.paragraph])
            continue
        best = best_cue(cues(doc, sentence.start, sentence.end, quoted))
        quote = by_sentence.get(sentence.id)
        # The quote's own cue wins where it lies: "…, calling it “…”" is the quote's, not "responded".
        if quote is not None and (best is None or _within(quote.cue, sentence)):
            found.append(Attribution(quote.speaker, quote.cue))
        else:
            found.append(best.attribution if best is not None else None)
    return found


def _transcript_speakers(sentences: list[Sentence]) -> dict[int, Attribution]:
    """In a transcript ("WALLACE: …" paragraphs), who speaks each labelled paragraph."""
    speakers = {}
    opening = [s for i, s in enumerate(sentences) if i == 0 or sentences[i - 1].paragraph != s.paragraph]
    for sentence in opening:
        label = _SPEAKER_LABEL.match(sentence.text)
        if label:
            name_start, colon = sentence.start + label.start("name"), sentence.start + label.end("name")
            speakers[sentence.paragraph] = Attribution(Speaker(label.group("name"), name_start, colon),
                                                       Span(":", colon, colon + 1))
    # One label could be a heading ("UPDATE:"); a transcript has several.
    return speakers if len({a.speaker.text for a in speakers.values()}) >= 2 else {}


def _within(cue: Span | None, sentence: Sentence) -> bool:
    return cue is not None and sentence.start <= cue.start and cue.end <= sentence.end


class Quoted:
    """The stretches of text inside direct quotes, to tell a cue in the narrative from one in a quote."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def __contains__(self, position: int) -> bool:
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._ends, start + 1)
        return index < len(self._starts) and self._starts[index] < end


def best_cue(candidates: list[Candidate]) -> Candidate | None:
    """The cue of the main clause, preferring one that names its source."""
    return min(candidates, key=lambda c: (c.speaker is None, c.depth, c.cue.start), default=None)


def cues(doc: Doc, start: int, end: int, quoted: Quoted) -> list[Candidate]:
    """Every reporting cue in doc.text[start:end] that lies outside direct quotes."""
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is None:
        return []
    found = []
    for token in span:
        if token.idx in quoted or token.is_punct or token.is_space:
            continue
        candidate = _cue_at(doc, token, quoted)
        if candidate is not None:
            found.append(candidate)
    return found


def _cue_at(doc: Doc, token: Token, quoted: Quoted) -> Candidate | None:
    lower = token.lower_
    if lower == "according":
        to = next((child for child in token.children if child.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        if to is None:
            return None
        objects = [child for child in to.children if child.dep_ == "pobj"]
        source = _source(doc, objects[0], quoted) if objects else None
        return Candidate(_span(doc, token.i, to.i), source, _depth(token), _embedding(token))
    if lower in reporting_adverbs():
        return Candidate(_span(doc, token.i, token.i), None, _depth(token), _embedding(token))
    if token.pos_ == "NOUN" and token.lemma_.lower() in reporting_nouns():
        return _noun_cue(doc, token, quoted)
    if token.pos_ == "VERB":
        return _verb_cue(doc, token, quoted)
    return None


def _verb_cue(doc: Doc, verb: Token, quoted: Quoted) -> Candidate | None:
    lemma = verb.lemma_.lower()
    if lemma not in reporting_verbs() or verb.dep_ in _NOT_REPORTING or _authors_voice(verb):
        return None
    has_clause = any(child.dep_ in ("ccomp", "parataxis") for child in verb.children)
    condition = reporting_verbs()[lemma]
    if condition == "clause" and not (has_clause or verb.dep_ in ("parataxis", "ccomp")):
        return None
    last = verb.i
    # Phrasal reporting verbs: "pointed out", "called for", "called on".
    for child in verb.children:
        if child.dep_ == "prt" or (lemma == "call" and child.dep_ == "prep" and child.lower_ in ("for", "on")):
            last = max(last, child.i)
    source = _verb_source(doc, verb, quoted)
    if condition == "named" and not _is_named(doc, source):
        # Stance verbs ("wants", "supports") report someone's position only when that someone is named.
        return None
    if source is None and not has_clause:
        # With neither a speaker nor a reported clause ("not to mention the cost") nothing is attributed.
        return None
    return Candidate(_span(doc, verb.i, last), source, _depth(verb), _embedding(verb))


def _authors_voice(verb: Token) -> bool:
    """Whether a reporting verb is the author's own turn rather than someone's reported words."""
    # An imperative ("Observe that …") addresses the reader; a modal ("can be said", "will tell us"),
    # a condition ("if they find that …") or an intent ("thought to ask") tells of speech that never happened.
    children = list(verb.children)
    if any(child.dep_ == "aux" and child.lower_ in _UNREALISED for child in children):
        return True
    if any(child.dep_ == "mark" and child.lower_ in _CONDITIONS for child in children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _INTENT:
        return True
    return verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(
        child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in children)


def _verb_source(doc: Doc, verb: Token, quoted: Quoted) -> Speaker | None:
    """The speaker of a reporting verb: its subject, its agent, or the subject of the verb it hangs on."""
    tagged = _tag_speaker(doc, verb, quoted)
    if tagged is not None:
        return tagged
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                if child.tag_ == "WP" or child.lower_ == "that":
                    return _source(doc, current.head, quoted, whole=False)
                return _source(doc, child, quoted)
            if child.dep_ == "agent":
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if objects:
                    return _source(doc, objects[0], quoted)
        if current.dep_ == "relcl":
            return _source(doc, current.head, quoted, whole=False)
        if current.dep_ not in _BORROWS_SUBJECT or current.head.i == current.i:
            return None
        current = current.head
    return None


def _is_named(doc: Doc, source: Speaker | None) -> bool:
    """Whether a source names someone: a proper name or a named entity, not "they" or "the government"."""
    span = doc.char_span(source.start, source.end, alignment_mode="expand") if source is not None else None
    return span is not None and any(token.pos_ == "PROPN" or token.ent_type_ in _NAMED for token in span)


def _tag_speaker(doc: Doc, verb: Token, quoted: Quoted) -> Speaker | None:
    """The words between a closing quotation mark and the verb: “…,” Flynn, a top surrogate, said.

    The parser often attaches such a speaker to the quote; the order of the words is more reliable.
    """
    first = verb.i
    while first > 0 and verb.i - first < _LONGEST_TAG and doc[first - 1].text not in _CLOSING_MARKS:
        token = doc[first - 1]
        if "\n" in token.text or token.text in _SENTENCE_ENDS:
            return None
        first -= 1
    if first < 2 or first == verb.i or (doc[first - 1].idx - 1) not in quoted \
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
    return _source_between(doc, first, last)


def _noun_cue(doc: Doc, noun: Token, quoted: Quoted) -> Candidate | None:
    """ "a report from NBC News", "a statement by the White House": the author is the source."""
    author = _author(noun)
    if author is None:
        return None
    first = min((child.i for child in noun.lefts if child.dep_ in ("det", "amod", "compound", "poss", "nummod")),
                default=noun.i)
    return Candidate(_span(doc, first, author.head.i), _source(doc, author, quoted), _depth(noun), _embedding(noun))


def _author(noun: Token) -> Token | None:
    """The author of a report noun: the object of its "from" or "by"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPOSITIONS:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _source(doc: Doc, head: Token, quoted: Quoted, whole: bool = True) -> Speaker | None:
    """The source span headed by `head`, with a pronoun resolved to the person it most likely names."""
    if head.lemma_.lower() in reporting_nouns():
        author = _author(head)
        if author is not None:
            head = author
    if whole:
        first, last = head.left_edge.i, head.right_edge.i
    else:
        first, last = head.left_edge.i, head.i
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if quoted.overlaps(doc[first].idx, doc[last].idx + len(doc[last])):
        first = min((child.i for child in head.lefts if child.dep_ in ("compound", "det", "amod", "poss")),
                    default=head.i)
        last = head.i
        if quoted.overlaps(doc[first].idx, head.idx + len(head)):
            return None
    return _source_between(doc, first, last)


def _source_between(doc: Doc, first: int, last: int) -> Speaker:
    """The source spanning tokens first..last; a lone "he" or "she" gets the name of the person it likely is."""
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


def _span(doc: Doc, first: int, last: int) -> Span:
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Span(doc[first : last + 1].text, start, end)


def _embedding(token: Token) -> int:
    """How many reported clauses a token sits in: "recalls" in "She said she recalls …" sits in one."""
    embedding = 0
    while token.head.i != token.i:
        embedding += token.dep_ == "ccomp"
        token = token.head
    return embedding


def _depth(token: Token) -> int:
    """How far a token hangs below the root of its sentence."""
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth
