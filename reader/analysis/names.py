"""Names as the article writes them: spaCy's entities cleaned up, names after a title, and mentions spaCy missed."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.model import EntityKind, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "other",
    "LAW": "other",
    "WORK_OF_ART": "other",
    "PRODUCT": "other",
    "LANGUAGE": "other",
}

# spaCy's small model often calls an unfamiliar person an ORG or a FAC; GPE, LOC and NORP it rarely gets wrong.
WEAK_LABELS = {"ORG", "FAC"}
FIRM_NON_PERSON = {"GPE", "LOC", "NORP"}
_LONGEST_NAME = 4
_HEADLINE_SHORTEST = 3
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}
_POSSESSIVE_TAGS = {"POS"}
_WORD = re.compile(r"[^\W\d_]+")
_CABINET_TITLES = {"secretary", "secretaries", "minister", "ministers", "ministry", "department"}


@dataclass
class Name:
    """One normalised name with the surface forms and spaCy labels seen for it."""

    key: str
    tokens: tuple[str, ...]
    """The name's words, folded (`_plain`): never empty, and no punctuation or white space among them."""
    surfaces: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    first_seen: dict[str, int] = field(default_factory=dict)
    titled: bool = False

    def person_evidence(self) -> bool:
        """A full name tagged PERSON, or a title before it: the name is a person's whatever else spaCy says."""
        return self.titled or (len(self.tokens) > 1 and self.votes["PERSON"] > 0)

    def acronym(self) -> bool:
        """Whether the name is only ever written in capitals as one word (U.N., FBI): never a surname."""
        return len(self.tokens) == 1 and all(surface.isupper() for surface in self.surfaces)

    def personish(self) -> bool:
        """Could this name be a person's: tagged PERSON, or only with labels spaCy confuses with one."""
        if self.votes["PERSON"]:
            return True
        return bool(self.votes) and not set(self.votes) - WEAK_LABELS


def _titles() -> frozenset[str]:
    return lexicon.words("titles")


@functools.cache
def _aliases() -> dict[str, str]:
    """Each alias's key mapped to the key of the group's fullest name."""
    table = {}
    for line in lexicon.entries("entity_aliases"):
        names = [_plain(name) for name in line.split("|")]
        for name in names:
            table[name] = names[0]
    return table


def _plain(text: str) -> str:
    """Case, dots and spacing folded away: U.S. and US and us. become `us`."""
    return " ".join(text.replace(".", "").casefold().split())


def _words(tokens) -> tuple[str, ...]:
    """The folded words of a name: a lone "." or a line break inside an entity is no word of it."""
    folded = (_plain(token.text) for token in tokens if not (token.is_punct or token.is_space))
    return tuple(word for word in folded if word)


def collect(doc: Doc, sentences: list[Segment]) -> list[Name]:
    """Every name of the article with its mentions, the labels spaCy gave it and the ways it is written."""
    from spacy.attrs import ENT_IOB, LOWER, POS

    columns = doc.to_array([LOWER, POS, ENT_IOB])
    headline_tokens = _headline_tokens(doc, sentences)
    names: dict[str, Name] = {}
    for ent in doc.ents:
        if ent.label_ not in KINDS or headline_tokens[ent.start]:
            continue
        tokens = _clean(ent)
        if tokens is not None and not _is_portfolio(ent):
            _add(names, tokens, ent.label_)
    for tokens in _titled_names(doc, columns[:, 0], headline_tokens):
        _add(names, tokens, "PERSON", titled=True)
    _add_known_names(doc, columns, names, headline_tokens)
    return list(names.values())


def _headline_tokens(doc: Doc, sentences: list[Segment]) -> bytearray:
    """Marks the tokens of title-case sentences, where spaCy takes capitalised words for names."""
    marks = bytearray(len(doc))
    for sentence in sentences:
        if not _is_headline(sentence.text):
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None:
            marks[span.start : span.end] = b"\x01" * len(span)
    return marks


def _is_headline(text: str) -> bool:
    """Whether a sentence is in title case: every word capitalised, or small words like In and For too."""
    words = _WORD.findall(text)
    if len(words) < _HEADLINE_SHORTEST:
        return False
    capitalised = [word[0].isupper() for word in words]
    small_capitalised = any(word.lower() in SMALL_WORDS and word[0].isupper() for word in words[1:])
    return (all(capitalised) and len(words) > _HEADLINE_SHORTEST) or (
        small_capitalised and sum(capitalised) >= 0.8 * len(words)
    )


def _clean(ent: Span) -> list[Token] | None:
    """The name's own tokens: no leading article, possessive or punctuation; None if nothing name-like is left."""
    tokens = list(ent)
    while len(tokens) > 1 and (tokens[0].lower_ == "the" or tokens[0].is_punct or tokens[0].lower_ in _titles()):
        tokens.pop(0)
    while tokens and (tokens[-1].tag_ in _POSSESSIVE_TAGS or tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens or not any(char.isupper() for char in tokens[0].text):
        return None
    return tokens


def _is_portfolio(ent: Span) -> bool:
    """Whether this is the office in a title (State in Secretary of State, Energy Secretary), not an entity."""
    doc = ent.doc
    if ent.label_ != "ORG":
        return False
    if ent.end < len(doc) and doc[ent.end].lower_ in _CABINET_TITLES:
        return True
    return ent.start >= 2 and doc[ent.start - 1].lower_ in ("of", "for") and doc[ent.start - 2].lower_ in _CABINET_TITLES


def _add(names: dict[str, Name], tokens: list[Token], label: str, titled: bool = False) -> None:
    words = _words(tokens)
    if not words:
        return
    surface = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    start = tokens[0].idx
    end = start + len(surface)
    key = _aliases().get(_plain(surface), _plain(surface))
    if label == "NORP" and key.endswith("s"):
        key = key[:-1]  # Americans and American are one group
    name = names.get(key)
    if name is None:
        name = names[key] = Name(key, words)
    name.titled = name.titled or titled
    if (start, end) in name.mentions:
        if titled:
            name.votes["PERSON"] += 1
        return
    name.surfaces[surface] += 1
    name.first_seen[surface] = min(start, name.first_seen.get(surface, start))
    name.votes[label] += 1
    name.mentions.append((start, end))


def _titled_names(doc: Doc, lowers, headline_tokens: bytearray):
    """Proper nouns right after a title word (Secretary Alejandro Mayorkas, president, Lopex Obrador)."""
    import numpy

    titles = _titles()
    hashes = [doc.vocab.strings[title] for title in titles]
    for index in numpy.flatnonzero(numpy.isin(lowers, hashes)).tolist():
        token = doc[index]
        if headline_tokens[index] or _names_a_thing(token):
            continue
        index += 1
        if index < len(doc) and doc[index].text == ",":
            index += 1
        run = []
        while (
            index < len(doc)
            and len(run) < _LONGEST_NAME
            and doc[index].pos_ == "PROPN"
            and doc[index].text[:1].isupper()
            and doc[index].lower_ not in titles
            and doc[index].ent_type_ in ("", "PERSON", "ORG", "FAC")
        ):
            run.append(doc[index])
            index += 1
        if run:
            yield run


def _names_a_thing(title: Token) -> bool:
    """Whether the title word opens the name of a thing, as General does in General Motors."""
    following = title.doc[title.i + 1] if title.i + 1 < len(title.doc) else None
    return bool(title.ent_type_) and following is not None and following.ent_iob_ == "I"


def _add_known_names(doc: Doc, columns, names: dict[str, Name], headline_tokens: bytearray) -> None:
    """Mentions spaCy missed of names it found elsewhere: untagged proper nouns, and names inside headlines."""
    import numpy
    from spacy.symbols import PROPN

    known = {name.tokens: name for name in names.values()}
    for name in list(names.values()):
        if len(name.tokens) > 1 and name.votes["PERSON"]:
            known.setdefault(name.tokens[-1:], name)
    # Token lowers keep their dots (u.s.), keys do not (us): look for both.
    first_words = {words[0] for words in known}
    first_words.update(surface.split()[0].lower() for name in names.values() for surface in name.surfaces)
    hashes = [doc.vocab.strings[word] for word in first_words]
    lowers, parts_of_speech, inside = columns[:, 0], columns[:, 1], columns[:, 2]
    # ENT_IOB is 2 outside any entity.
    covered = inside != 2
    candidates = numpy.flatnonzero(numpy.isin(lowers, hashes)).tolist()
    taken_until = 0
    for index in candidates:
        in_headline = headline_tokens[index]
        if index < taken_until or not doc[index].text[:1].isupper():
            continue
        if not in_headline and (covered[index] or parts_of_speech[index] != PROPN):
            continue
        for size in range(min(_LONGEST_NAME, len(doc) - index), 0, -1):
            tokens = doc[index : index + size]
            if tokens[-1].is_punct or tokens[-1].is_space:
                continue  # a name ends on a word: "Trump," is Trump
            name = known.get(_words(tokens))
            if name is not None and (in_headline or not covered[index : index + size].any()):
                _add(names, list(tokens), name.votes.most_common(1)[0][0])
                taken_until = index + size
                break
