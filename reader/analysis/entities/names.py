"""Names as the article writes them: spaCy's entities cleaned up, names after a title, and mentions spaCy missed."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.entities import entity_spans, headings, kinds
from reader.analysis.entities.entity_spans import own_text, plain, tagged, words_of
from reader.model import EntityKind, Segment

if TYPE_CHECKING:
    from collections.abc import Callable

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
WEAK_LABELS = {"ORG", "FAC", "PRODUCT", "WORK_OF_ART"}
FIRM_NON_PERSON = {"GPE", "LOC", "NORP"}
_LONGEST_NAME = 4
_LONGEST_INITIALS = 4
_FAMILY = {"family", "families"}


@dataclass
class Name:
    """One normalised name with the surface forms and spaCy labels seen for it."""

    key: str
    tokens: tuple[str, ...]
    """The name's words, folded (`plain`): never empty, and no punctuation or white space among them."""
    surfaces: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    mentions: dict[tuple[int, int], None] = field(default_factory=dict)
    """Where it is mentioned, in the order found (the keys of a dict, to tell a mention seen before at once)."""
    first_seen: dict[str, int] = field(default_factory=dict)
    titled: bool = False
    ordinary_ending: bool = False
    """Whether the article also writes the name's last word in lowercase, as an ordinary word (Coal and coal)."""
    surname: bool = False
    """Whether the name is alone the surname of people the article names in full (Grassley of Chuck Grassley)."""
    marks: dict[tuple[int, int], str] = field(default_factory=dict)
    """What the words around a mention say of whom it names: "m" or "f" after Mr. or Ms., "many" for a family (the
    Khans, the Khan family)."""
    couple: int = 0
    """1 for the first of a couple named with one surname (Khizr of Khizr and Ghazala Khan), 2 for the second."""

    def person_evidence(self) -> bool:
        """A title before it, a full name tagged PERSON or opening with a given name, and not a company's, or the
        surname of a person named in full."""
        if self.titled or self.surname:
            return True
        if len(self.tokens) < 2 or kinds.never_a_person(self.tokens) or self.joined():
            return False
        # Emily's List and America First open with a given name too, but end in an ordinary word or name a place.
        given = kinds.opens_with_given_name(self.tokens) and not self.ordinary_ending and not known(self.tokens[0])
        return self.votes["PERSON"] > 0 or (given and self.personish())

    def joined(self) -> bool:
        """Whether the name joins two (Bailey & Glasser, Cruz and Rubio): a firm's or a pair's, no one person's."""
        return any("&" in surface or " and " in surface for surface in self.surfaces)

    def acronym(self) -> bool:
        """Whether the name is only ever written in capitals as one word (U.N., FBI): never a surname."""
        return len(self.tokens) == 1 and all(surface.isupper() for surface in self.surfaces)

    def initials(self) -> bool:
        """Whether the name is a short acronym (RT, NATO), not a dateline's place in capitals (WASHINGTON)."""
        return self.acronym() and len(self.tokens[0]) <= _LONGEST_INITIALS

    def personish(self) -> bool:
        """Could this name be a person's: tagged PERSON, or only with labels spaCy confuses with one."""
        if self.votes["PERSON"]:
            return True
        return bool(self.votes) and not set(self.votes) - WEAK_LABELS


@functools.cache
def _aliases() -> dict[str, str]:
    """Each alias's key mapped to the key of the group's fullest name."""
    table = {}
    for line in lexicon.entries("entity_aliases"):
        names = [plain(name) for name in line.split("|")]
        for name in names:
            table[name] = names[0]
    return table


def known(key: str) -> bool:
    """Whether a folded name is one the lexicons know by any of its names: a country, a body or a US state."""
    return key in _aliases() or kinds.is_state(key)


def collect(doc: Doc, sentences: list[Segment]) -> list[Name]:
    """Every name of the article with its mentions, the labels spaCy gave it and the ways it is written."""
    from spacy.attrs import ENT_IOB, LOWER, ORTH, POS

    columns = doc.to_array([LOWER, POS, ENT_IOB, ORTH])
    headline_tokens = headings.heading_tokens(doc, sentences)
    names: dict[str, Name] = {}
    alone = functools.cache(lambda: {words_of(ent) for ent in doc.ents})
    full_names = functools.cache(lambda: _full_names(doc))
    seconds: set[int] = set()
    spans = entity_spans.with_known_names(doc, columns[:, 0])
    for ent in spans:
        columns[ent.start : ent.end, 2] = 1  # ENT_IOB: inside an entity, as spaCy's own are
    for ent in spans:
        if ent.label_ not in KINDS or headline_tokens[ent.start]:
            continue
        for tokens, label in entity_spans.names_in(ent, alone):
            partner = _partner(ent, tokens, full_names)
            if partner is not None:
                seconds.add(partner.start)
            name = _add(names, tokens, label, surname=partner[-1] if partner is not None else None)
            if name is not None and ent.start in seconds:
                name.couple = 2
    for tokens in _titled_names(doc, columns[:, 0], headline_tokens):
        _add(names, tokens, "PERSON", titled=True)
    _add_known_names(doc, columns, names, headline_tokens)
    lowercase = set(columns[columns[:, 0] == columns[:, 3], 0].tolist())
    for name in names.values():
        name.ordinary_ending = doc.vocab.strings[name.tokens[-1]] in lowercase
        if _team(name, names):
            name.votes["ORG"] += name.votes.pop("PERSON")
    return list(names.values())


def _team(name: Name, names: dict[str, Name]) -> bool:
    """Whether spaCy took a team for a person: a place of the article before a plural (Charlotte Panthers)."""
    if len(name.tokens) < 2 or not name.tokens[-1].endswith("s") or name.titled or not name.votes["PERSON"]:
        return False
    place = names.get(name.tokens[0])
    return place is not None and sum(place.votes[label] for label in FIRM_NON_PERSON) * 2 > sum(place.votes.values())


def _full_names(doc: Doc) -> frozenset[str]:
    """The first and last words of the names of several words spaCy finds: Hillary of Hillary Clinton and Trump of
    Donald Trump, whoever they are of."""
    ends = ((words[0], words[-1]) for ent in doc.ents if len(words := words_of(ent)) > 1)
    return frozenset(word for pair in ends for word in pair)


def _partner(ent: Span, tokens: list[Token], full_names: Callable[[], frozenset[str]]) -> Span | None:
    """The full name of the one a lone first name is named with, which gives it its surname (Ghazala Khan of Khizr
    and Ghazala Khan, Melinda Gates of Bill and Melinda Gates); None for any other name.

    Not a name the article gives someone else (Hillary and Tim Kaine), a surname before a given name (Biden and
    Susan Rice), nor the last of a list whose names stand alone (Brandy, Monica and Lauryn Hill).
    """
    doc = ent.doc
    if ent.label_ != "PERSON" or len(tokens) != 1 or tokens[0].i != ent.end - 1 or ent.end + 2 >= len(doc):
        return None
    word = tokens[0].lower_
    if doc[ent.end].lower_ != "and" or not (kinds.given_name(word) or not kinds.english_word(word)):
        return None
    partner = next((other for other in doc[ent.end + 1 :].ents if other.start == ent.end + 1), None)
    if partner is None or partner.label_ != "PERSON" or len(words_of(partner)) != 2 or not partner[-1].is_title:
        return None
    if kinds.given_name(partner[0].lower_) and not kinds.given_name(word):
        return None
    listed = ent.start > 1 and doc[ent.start - 1].text == "," and bool(doc[ent.start - 2].ent_type_)
    return None if listed or word in full_names() or known(word) else partner


def _add(
    names: dict[str, Name], tokens: list[Token], label: str, titled: bool = False, surname: Token | None = None
) -> Name | None:
    """Add a mention of a name, and give the name; `surname` is the one it shares with the next person named (Khizr
    and Ghazala Khan)."""
    words = words_of(tokens)
    if not words:
        return None
    doc = tokens[0].doc
    last = tokens[-1]
    surface = doc[tokens[0].i : last.i + 1].text
    glued = len(last.text) - len(own_text(last))
    if glued:
        surface = surface[:-glued]  # Trump‘s is Trump
    start = tokens[0].idx
    end = start + len(surface)
    following = doc[last.i + 1].text[:1] if last.i + 1 < len(doc) and not last.whitespace_ and not glued else ""
    state = kinds.state(surface, following)
    if surname is not None:
        words += words_of([surname])
        surface = f"{surface} {own_text(surname)}"
    key = plain(state) if state is not None else _aliases().get(plain(surface), plain(surface))
    if key != plain(surface):
        words = tuple(key.split())  # Va. is Virginia and U.S. the United States, not the word "us"
    plural = label == "NORP" and key.endswith("s")
    if plural:
        key = key[:-1]  # Americans and American are one group
    name = names.get(key)
    if name is None:
        name = names[key] = Name(key, words)
    elif label == "PERSON" and not plural and name.tokens == (key + "s",):
        name.tokens = words  # Khan of the Khans, whom spaCy took for a group before it read Mr. Khan
    name.titled = name.titled or titled
    name.couple = name.couple or (1 if surname is not None else 0)
    if (start, end) in name.mentions:
        if titled:
            name.votes["PERSON"] += 1
        return name
    name.surfaces[surface] += 1
    name.first_seen[surface] = min(start, name.first_seen.get(surface, start))
    name.votes[label] += 1
    name.mentions[start, end] = None
    mark = "many" if plural or _family_after(last) else _honorific_before(tokens[0])
    if mark is not None:
        name.marks[start, end] = mark
    return name


def _honorific_before(first: Token) -> str | None:
    """The gender Mr. or Ms. before a name gives its person, if one does (Mrs. of Mr. and Mrs. Khan)."""
    return lexicon.HONORIFICS.get(first.nbor(-1).lower_) if first.i else None


def _family_after(last: Token) -> bool:
    """Whether the name is a family's (the Khan family, the Khan family's), not a person's."""
    after = last.i + 1
    if after < len(last.doc) and last.doc[after].tag_ == "POS":
        after += 1
    return after < len(last.doc) and last.doc[after].lower_ in _FAMILY


def _titled_names(doc: Doc, lowers, headline_tokens: bytearray):
    """Proper nouns right after a title word (Secretary Alejandro Mayorkas, president, Lopex Obrador)."""
    import numpy

    titles = lexicon.words("titles")
    hashes = [doc.vocab.strings[title] for title in titles]
    for index in numpy.flatnonzero(numpy.isin(lowers, hashes)).tolist():
        token = doc[index]
        if headline_tokens[index] or _names_a_thing(token):
            continue
        index += 1
        if index < len(doc) and doc[index].text == ",":
            index += 1
        run: list[Token] = []
        while (
            index < len(doc)
            and len(run) < _LONGEST_NAME
            and doc[index].pos_ == "PROPN"
            and doc[index].text[:1].isupper()
            and (doc[index].lower_ not in titles or _surname_of_a_title(run, doc, index))
            and doc[index].ent_type_ in ("", "PERSON", "ORG", "FAC")
            and not tagged(doc[index])
        ):
            run.append(doc[index])
            index += 1
        if run:
            yield run


def _surname_of_a_title(run: list[Token], doc: Doc, index: int) -> bool:
    """Whether a title word after a given name ends the name as its surname (Lt. Gov. Patty Judge (D))."""
    following = doc[index + 1] if index + 1 < len(doc) else None
    return bool(run) and kinds.given_name(run[-1].lower_) and not (following and following.text[:1].isupper())


def _names_a_thing(title: Token) -> bool:
    """Whether the title word opens the name of a thing, as General does in General Motors."""
    following = title.doc[title.i + 1] if title.i + 1 < len(title.doc) else None
    return bool(title.ent_type_) and following is not None and following.ent_iob_ == "I"


def _add_known_names(doc: Doc, columns, names: dict[str, Name], headline_tokens: bytearray) -> None:
    """Mentions spaCy missed of names it found elsewhere: untagged proper nouns, and names inside headlines."""
    import numpy
    from spacy.symbols import PROPN

    by_words = {name.tokens: name for name in names.values()}
    for name in list(names.values()):
        if len(name.tokens) > 1 and name.person_evidence():
            by_words.setdefault(name.tokens[-1:], name)
        # A body the lexicons know by initials (GOP of the Republican Party) is looked for as the article writes it.
        for surface in name.surfaces:
            if _aliases().get(plain(surface)) == name.key and len(plain(surface)) > 2:
                by_words.setdefault(tuple(plain(surface).split()), name)
    # Token lowers keep their dots (u.s.), keys do not (us): look for both.
    first_words = {words[0] for words in by_words}
    first_words.update(surface.split()[0].lower() for name in names.values() for surface in name.surfaces)
    hashes = [doc.vocab.strings[word] for word in first_words]
    lowers, parts_of_speech, inside = columns[:, 0], columns[:, 1], columns[:, 2]
    # ENT_IOB is 2 outside any entity.
    covered = inside != 2
    candidates = numpy.flatnonzero(numpy.isin(lowers, hashes)).tolist()
    taken_until = 0
    for index in candidates:
        in_headline = headline_tokens[index]
        if index < taken_until or not doc[index].text[:1].isupper() or tagged(doc[index]):
            continue
        if not in_headline and (covered[index] or parts_of_speech[index] != PROPN):
            continue
        for size in range(min(_LONGEST_NAME, len(doc) - index), 0, -1):
            tokens = doc[index : index + size]
            if tokens[-1].is_punct or tokens[-1].is_space:
                continue  # a name ends on a word: "Trump," is Trump
            known = by_words.get(words_of(tokens))
            if known is not None and (in_headline or not covered[index : index + size].any()):
                if size == 1 and not in_headline and not known.votes["PERSON"] and _surname_after(doc[index], covered):
                    _add(names, list(doc[index : index + 2]), "PERSON")
                else:
                    _add(names, list(tokens), known.votes.most_common(1)[0][0])
                taken_until = index + size
                break


def _surname_after(token: Token, covered) -> bool:
    """Whether a given name spaCy took for no person is followed by a surname it left untagged with it (Carly
    Fiorina): a capitalised proper noun of no entity, no given name itself nor a word that ends a body's or place's
    name, and the last of the name (not Clinton Global of the Clinton Global Initiative)."""
    doc = token.doc
    if not kinds.given_name(token.lower_) or token.i + 2 >= len(doc) or not token.whitespace_:
        return False
    after = token.nbor(1)
    return (
        after.pos_ == "PROPN"
        and after.is_title
        and after.is_alpha
        and not covered[after.i]
        and not kinds.given_name(after.lower_)
        and kinds.ending_kind(("", after.lower_)) is None
        and not doc[after.i + 1].text[:1].isupper()
    )
