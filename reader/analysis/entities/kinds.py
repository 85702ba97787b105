"""What a name's own words say about its kind: a company's or a place's last word, a given name, a US state."""

from __future__ import annotations

import functools

from reader.analysis import lexicon
from reader.model import EntityKind

_LINKS = {"of", "for", "the", "and", "to", "at", "in", "on", "with", "de"}


@functools.cache
def _endings() -> dict[str, EntityKind]:
    table: dict[str, EntityKind] = {word: "other" for word in lexicon.words("other_words")}
    table.update((word, "place") for word in lexicon.words("place_words"))
    table.update((word, "org") for word in lexicon.table("organisation_words"))
    return table


@functools.cache
def _pieces() -> frozenset[str]:
    """The words that end names of bodies and things but are no name by themselves (Caucus, Department)."""
    bodies = {word for word, marks in lexicon.table("organisation_words").items() if "alone" not in marks}
    return frozenset(bodies | lexicon.words("other_words"))


def ending_kind(words: tuple[str, ...]) -> EntityKind | None:
    """The kind a name of several words ends in: org for Patriot Coal or Fox News, place for Capitol Hill,
    other for the Clean Power Plan; a place after "at" is where the body is (University of California at Berkeley)."""
    if "at" in words[1:]:
        words = words[: words.index("at", 1)]
    return _endings().get(words[-1]) if len(words) > 1 else None


def never_a_person(words: tuple[str, ...]) -> bool:
    """Whether the name ends like a body's, a thing's or a building's (Rockefeller Center): no one's name."""
    return ending_kind(words) in ("org", "other") or (len(words) > 1 and words[-1] in lexicon.words("venue_words"))


def generic(words: tuple[str, ...]) -> bool:
    """Whether the name is only the word that ends other names (Caucus, Healthcare): a piece of a name."""
    return len(words) == 1 and words[0] in _pieces()


def given_name(word: str) -> bool:
    """Whether a folded word is a given name (Lester, Carly); two letters (Al of Al Qaeda) are too few to tell."""
    return len(word) > 2 and word in lexicon.words("given_names")


_INFLECTIONS = (("ies", "y"), ("ing", "e"), ("ing", ""), ("es", ""), ("ed", ""), ("s", ""), ("d", ""), ("men", "man"))


def english_word(word: str) -> bool:
    """Whether a folded word is an English noun, verb, adjective or adverb (editor, senators, nominates), by the
    word lists of spaCy's lemmatizer (WordNet's); every word is, to a pipeline without them."""
    words = _english_words()
    if words is None or word in words:
        return True
    return any(word.endswith(ending) and word[: -len(ending)] + stem in words for ending, stem in _INFLECTIONS)


def english_adjective(word: str) -> bool:
    """Whether a folded word is an English adjective (super, black), by the same lists; none is, without them."""
    return word in (_english_words("adj") or ())


@functools.cache
def _english_words(*parts: str) -> frozenset[str] | None:
    from reader import nlp

    pipeline = nlp.pipeline()
    if "lemmatizer" not in pipeline.pipe_names:
        return None
    lookups = pipeline.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if not lookups.has_table("lemma_index"):
        return None
    index = lookups.get_table("lemma_index")
    parts = parts or ("noun", "verb", "adj", "adv")
    return frozenset(word for part in parts if part in index for word in index[part])


def opens_with_given_name(words: tuple[str, ...]) -> bool:
    """Whether a name of several words opens with a given name (Lester Holt, Carly Fiorina).

    A plural last word makes a team or a firm of a city or a founder (Cleveland Cavaliers, Harmon Brothers),
    and a linking word a body (Georgia Institute of Technology).
    """
    return len(words) > 1 and given_name(words[0]) and not words[-1].endswith("s") and not _LINKS.intersection(words)


def kind_of_noun(noun: str) -> EntityKind | None:
    """The kind of name a common noun introduces (the city of …, a group known as …), if it says one."""
    marks = lexicon.table("kind_nouns").get(noun)
    return marks[0] if marks else None  # type: ignore[return-value]


def no_entity(words: tuple[str, ...]) -> bool:
    """Whether the folded words name nothing a reader follows, whatever spaCy says: a time zone (Eastern Standard
    Time, EST), a designation (Gold Star of a Gold Star family)."""
    return " ".join(words) in _no_entities()


@functools.cache
def _no_entities() -> frozenset[str]:
    return frozenset(_fold(name) for name in lexicon.entries("no_entities"))


def known_label(words: tuple[str, ...]) -> str | None:
    """The spaCy label a lexicon gives the name: LOC for a region (Appalachia, the Midwest), ORG for a
    well-known platform (Twitter) or a news outlet (Politico, the Las Vegas Sun), never a place or a person,
    NORP for a group of people (Latinos, LGBT), PERSON for a public figure's initials (HRC, JFK)."""
    return _known_labels().get(" ".join(words))


@functools.cache
def _known_labels() -> dict[str, str]:
    table = {}
    lexicons = (("regions", "LOC"), ("well_known_bodies", "ORG"), ("news_outlets", "ORG"), ("groups", "NORP"))
    for lexicon_name, label in lexicons:
        for name in lexicon.entries(lexicon_name):
            table[_fold(name)] = label
    table.update((letters, "PERSON") for letters in known_initials())
    return table


@functools.cache
def known_names_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The names of several words the lexicons know (Islamic State, New York Times), folded, by their first word."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for name in _known_labels():
        words = tuple(name.split())
        if len(words) > 1:
            table.setdefault(words[0], []).append(words)
    return {first: tuple(names) for first, names in table.items()}


@functools.cache
def known_initials() -> dict[str, tuple[str, ...]]:
    """The initials public figures go by (folded: hrc), each mapped to the folded words of the full name."""
    table = lexicon.table("initials")
    return {letters.casefold(): tuple(_fold(" ".join(words)).split()) for letters, words in table.items()}


def _fold(text: str) -> str:
    return " ".join(text.replace(".", "").casefold().split())


@functools.cache
def _states() -> dict[str, str]:
    """Each state's name and abbreviation, folded as `state` folds them, mapped to the state's name."""
    table = {}
    for line in lexicon.entries("us_states"):
        spellings = [spelling.strip() for spelling in line.split("|")]
        for spelling in spellings:
            table[_folded(spelling)] = spellings[0]
    return table


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


def state(surface: str, following: str) -> str | None:
    """The US state `surface` names (W.Va., Va., West Virginia), given the character that follows it.

    An abbreviation counts only with its dot, which may be the full stop after it (Sanders (Vt.)).
    """
    folded = _folded(surface)
    if following == "." and not folded.endswith("."):
        folded += "."
    return _states().get(folded)


def is_state(key: str) -> bool:
    """Whether a folded name is a US state's (a place, not a person's surname)."""
    return key.replace(" ", "") in _states()
