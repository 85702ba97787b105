"""Who speaks: the speaker of a reporting verb or noun, read off the parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.voices.quotation_marks import QuoteIndex
from reader.model import Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = {"nsubj", "csubj"}
# A verb in these relations borrows its subject from the verb it hangs on ("…, calling it …").
_BORROWS_SUBJECT = {"advcl", "xcomp", "conj", "pcomp"}
_AUTHOR_PREPOSITIONS = {"from", "by"}
# "continued by saying", "deflected questions before saying": the verb's subject says it ("for attacking" and
# "set about persuading" tell what someone is known for or sets out to do).
_THEN = {"by", "before", "after"}
_NAMED = {"PERSON", "ORG", "NORP", "GPE"}
# How the name of an act ends: an appointment, a nomination, a decision, a criticism, a critique.
_ACTS = ("ment", "tion", "sion", "ism", "ique")
# Named things that "who" does not stand for.
_PLACES_AND_BODIES = {"ORG", "GPE", "FAC", "LOC"}
# "the president of …", "a professor at …", "the Foundation for …": the body a person belongs to.
_MEMBERSHIP = {"of", "for", "at"}
_CLOSING_MARKS = {"”", '"', "''"}
_LONGEST_TAG = 16
_SENTENCE_ENDS = {".", ";", ":"}
# A quote ends like this when a speech tag follows: “…,” / “…?” / “…!”
_TAG_OPENERS = {",", "?", "!", "—", "-"}
_DASHES = {"-", "–", "—", "―", "--"}
# A finite verb the parser left without a subject ("… Sen. Jane Doe (D-MA) said …") speaks for the
# noun phrase just before it; climbing from there stops at these, which hang the phrase on something else.
_FINITE = {"VBD", "VBZ", "VBP"}
# The longest parenthesis skipped before a verb: "(D-Ore.)", "(R-S.C.)".
_PARENTHESIS = 8
_HANGING = {"pobj", "dobj", "attr", "npadvmod"}
# The most marks, adverbs and particles between such a phrase and its verb (at most 6 in the 924 PolNeAR articles).
_LONGEST_GAP = 16
# The words of a noun phrase before its first punctuation: "said [another New Hampshire Republican]."
_PHRASE = {"PROPN", "NOUN", "DET", "ADJ", "NUM"}


def of_verb(doc: Doc, verb: Token, quoted: QuoteIndex) -> Speaker | None:
    """The speaker of a reporting verb: its subject, its agent, or the subject of the verb it hangs on."""
    tagged = _tag_speaker(doc, verb, quoted)
    if tagged is not None:
        return tagged
    current = verb
    for _ in range(3):
        # The parse may hang the quote's own subject on the verb that reports it ("“…, it will …,” said Acton"):
        # who speaks is outside the quote. Of two subjects ("Speaking in Salem, New Hampshire, Trump went after
        # Bush, calling him …") the nearest is the verb's.
        children = sorted((child for child in current.children if not quoted.in_speech(child.idx)),
                          key=lambda child: (child.dep_ not in _SUBJECTS, abs(child.i - current.i)))
        for child in children:
            if child.dep_ in _SUBJECTS:
                if child.tag_ == "WP" or child.lower_ == "that":
                    return headed_by(doc, _who(current.head) if child.lower_ == "who" else current.head, quoted,
                                     whole=False)
                if current is verb and child.i < verb.i and any(is_dash(token) for token in doc[child.i : verb.i]):
                    # "CLEVELAND (UPI) — Michael Mukasey told …": the subject is the phrase after the dateline.
                    return _stranded_subject(doc, verb, quoted, ("PROPN",)) or headed_by(doc, child, quoted)
                return headed_by(doc, _actor(child), quoted)
            if child.dep_ == "agent":
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if objects:
                    return headed_by(doc, objects[0], quoted)
        if current.dep_ == "acl" and current.tag_ == "VBG" and (issuing := _text_of(current.head)) is not None:
            # "Trump issued a statement saying …": the statement's author speaks.
            current = issuing
            continue
        if current.dep_ == "acl" and current.tag_ == "VBG" and abstract(current.head) \
                and (doing := _done_by(current.head)) is not None:
            # "Trump made a third attempt to …, writing …", "are on record opposing …": who made it, who is on it.
            current = doing
            continue
        if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ == "VBG"):
            # "Mr. Justice, who said …", "a group supporting the ban": the noun speaks.
            return headed_by(doc, current.head, quoted, whole=False)
        if current is verb and (passive(verb) or any(child.dep_ == "mark" and child.lower_ == "as"
                                                     for child in verb.children)):
            # The subject of "Sanders was announced the winner" is spoken of, not speaking, and "Patriot
            # failed as predicted" says nothing of who predicted it.
            return None
        if current.dep_ not in _BORROWS_SUBJECT or current.head.i == current.i:
            if current is not verb:
                return None
            return _stranded_subject(doc, verb, quoted) or _inverted_subject(doc, verb, quoted)
        current = current.head
        if current.dep_ == "prep" and current.lower_ in _THEN:
            # "Husted continued by saying, …", "McConnell deflected questions before saying, …": who continued says it
            current = current.head
    return None


def _actor(noun: Token) -> Token:
    """Who does the act a subject names: "His appointment of James Zogby … suggests" is his, not Zogby's."""
    if noun.pos_ != "NOUN" or not noun.lower_.endswith(_ACTS) \
            or not any(child.dep_ == "prep" and child.lower_ == "of" for child in noun.children):
        return noun
    return next((child for child in noun.children if child.dep_ == "poss"), noun)


def _who(noun: Token) -> Token:
    """The person a "who" clause hung on `noun` is about: "Matt Duss, the president of the Foundation for Middle
    East Peace, who criticizes …" is about Duss, not the body the parse hangs it on."""
    person = noun
    while person.dep_ == "pobj" and person.ent_type_ in _PLACES_AND_BODIES and person.head.lower_ in _MEMBERSHIP \
            and person.head.head.pos_ in ("NOUN", "PROPN"):
        person = person.head.head
    if person is noun:
        return noun
    return person.head if person.dep_ == "appos" else person


def _text_of(noun: Token) -> Token | None:
    """The verb that issues, writes or publishes a statement, an article or an ad (`noun`), if any."""
    if noun.lemma_.lower() not in lexicon.words("reporting_nouns"):
        return None
    above = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    return above if above is not None and above.pos_ in ("VERB", "AUX") else None


def _done_by(noun: Token) -> Token | None:
    """The verb whose object or prepositional object a noun is ("made [an attempt]", "are on [record]"), if any."""
    above = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    return above if above is not None and above.pos_ in ("VERB", "AUX") else None


def abstract(noun: Token) -> bool:
    """Whether a noun is a thing, an act or a state that speaks for no one ("the confrontation", "a third attempt"),
    or the record someone is on ("on record opposing …")."""
    return noun.lemma_.lower() in lexicon.words("abstract_subjects") or (
        noun.lower_ == "record" and noun.dep_ == "pobj" and noun.head.lower_ == "on")


def passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice ("was announced"), its subject spoken of rather than speaking."""
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def _stranded_subject(doc: Doc, verb: Token, quoted: QuoteIndex,
                      kinds: tuple[str, ...] = ("PROPN", "NOUN", "PRON")) -> Speaker | None:
    """The noun phrase (ending in a word of `kinds`) right before a finite verb that the parser hung elsewhere."""
    if verb.tag_ not in _FINITE:
        return None
    # Found once (spaCy walks to a sentence's start to find it), and near the verb: a long run of marks before one
    # would be walked back from every verb after it.
    first = max(verb.sent.start, verb.i - _LONGEST_GAP)
    index = verb.i - 1
    while index >= first and (doc[index].is_punct or doc[index].pos_ in ("ADV", "AUX", "PART")):
        if is_dash(doc[index]) or doc[index].text in _SENTENCE_ENDS or doc[index].text in _CLOSING_MARKS:
            return None
        if doc[index].text == ")":
            # "Rep. Paul Ryan (R-WI) said": the name before the party and state speaks.
            opening = next((i for i in range(index - 1, max(index - _PARENTHESIS, verb.sent.start) - 1, -1)
                            if doc[i].text == "("), None)
            if opening is not None:
                index = opening
        index -= 1
    if index < first or doc[index].pos_ not in kinds:
        return None
    token = doc[index]
    while token.dep_ in ("conj", "appos", "compound", "flat") and token.head.i < verb.i \
            and token.head.dep_ not in _HANGING and not any(is_dash(other) for other in doc[token.head.i : token.i]):
        token = token.head
    return headed_by(doc, token, quoted)


def _inverted_subject(doc: Doc, verb: Token, quoted: QuoteIndex) -> Speaker | None:
    """ “…,” said Jane Doe, a …: the noun phrase right after a verb that opens the tag of a quote, where the parser
    hung it on something else."""
    if verb.i < 2 or doc[verb.i - 1].text not in _CLOSING_MARKS or doc[verb.i - 2].text not in _TAG_OPENERS:
        return None
    if verb.tag_ == "VBG":
        # “…,” referencing the large number of …: a participle has no subject after it, only its object.
        return None
    last = verb.i
    while last + 1 < len(doc) and doc[last + 1].pos_ in _PHRASE and not quoted.in_speech(doc[last + 1].idx):
        last += 1
    if doc[last].pos_ not in ("PROPN", "NOUN"):
        return None
    return between(doc, verb.i + 1, last)


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
    return between(doc, first, last)


def author(noun: Token) -> Token | None:
    """The author of a report noun: the object of its "from" or "by"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPOSITIONS:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def headed_by(doc: Doc, head: Token, quoted: QuoteIndex, whole: bool = True) -> Speaker | None:
    """The speaker span headed by `head`."""
    if head.lemma_.lower() in lexicon.words("reporting_nouns"):
        writer = author(head)
        if writer is not None:
            head = writer
    if whole:
        first, last = head.left_edge.i, head.right_edge.i
    else:
        first, last = head.left_edge.i, head.i
        if head.pos_ in ("NOUN", "PROPN"):
            # The noun a reporting clause hangs on holds no subject: one the parse gives it misreads a headline's
            # verb as a noun ("Criticism within party drives candidate to say …", "drives" a noun).
            first = max([first] + [child.right_edge.i + 1 for child in head.lefts if child.dep_ in _SUBJECTS])
    # A dash ends a speaker: "… so predictable - Donald J. Trump" is the name alone.
    first = max((token.i + 1 for token in doc[first : head.i] if is_dash(token)), default=first)
    last = min((token.i - 1 for token in doc[head.i + 1 : last + 1] if is_dash(token)), default=last)
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if last + 1 < len(doc) and doc[last + 1].text == ")" and "(" in doc[first : last + 1].text:
        last += 1  # Sen. Jane Doe (D-Ore.) keeps the parenthesis it opened.
    if quoted.speech_overlaps(doc[first].idx, doc[last].idx + len(doc[last])):
        first = min((child.i for child in head.lefts if child.dep_ in ("compound", "det", "amod", "poss")),
                    default=head.i)
        last = head.i
        if quoted.speech_overlaps(doc[first].idx, head.idx + len(head)):
            return None
    if doc[first].is_space:
        return None  # a parse that heads a clause with a line break ("\n#raises serious concerns") names nobody
    return between(doc, first, last)


def is_dash(token: Token) -> bool:
    """A dash between words, not the hyphen of "D-MA"."""
    if token.text not in _DASHES:
        return False
    return token.text != "-" or bool(token.whitespace_) or token.i == 0 or bool(token.doc[token.i - 1].whitespace_)


def between(doc: Doc, first: int, last: int) -> Speaker:
    """The speaker spanning tokens first..last."""
    return Speaker(doc[first : last + 1].text, doc[first].idx, doc[last].idx + len(doc[last]))
