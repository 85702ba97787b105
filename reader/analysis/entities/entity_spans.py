"""spaCy's entity spans made into names: trimmed, cut where a name ends, split in two, labelled by their context."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.entities import kinds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_POSSESSIVE_TAGS = {"POS"}
# spaCy leaves a possessive glued on (Trump‘s, with the wrong quote) or tags it a number before a full stop.
_POSSESSIVE_ENDINGS = ("'s", "’s", "‘s")
_POSSESSIVES = {"'s", "’s", "‘s", "'", "’"}
_COUNTIES = {"county", "counties", "parish"}
_DASHES = {"-", "–", "—", "--"}
_FIGURE_WORDS = {"percent", "%", "per", "million", "billion", "trillion"}
_NOT_NAME_PARTS = {"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "PART", "INTJ"}
_RANGE_WORDS = {"to", "and", "or", "vs", "versus"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# A party before a state is the affiliation of someone of it (the Independent Vermont senator).
_PARTIES = {"democrat", "democratic", "republican", "independent", "gop"}
_CABINET_TITLES = {"secretary", "secretaries", "minister", "ministers", "ministry", "department"}


def names_in(ent: Span, alone: Callable[[], set[tuple[str, ...]]]) -> Iterator[tuple[list[Token], str]]:
    """The names an entity span holds, each with the label it is read with; `alone` gives the words of every
    entity of the document, to tell two names run together (Hulu and Ora) from one (Bailey & Glasser)."""
    tokens = _clean(ent)
    if tokens is None or _is_portfolio(ent) or _piece_of_a_word(ent) or _day_name(tokens):
        return
    if kinds.no_entity(words_of(tokens)):
        return
    label = _label(ent, words_of(tokens))
    if ent.label_ == "PERSON" and tokens[-1].i == ent.end - 1 and _body_word_after(ent):
        tokens.append(ent.doc[ent.end])  # spaCy took Anderson Robbins of Anderson Robbins Research for a person
        label = "ORG"
    for part in _pair(tokens, alone):
        yield part, label if part is tokens else _part_label(part, tokens, label)


def with_known_names(doc: Doc, lowers) -> list[Span]:
    """spaCy's entity spans, with each name of several words the lexicons know that spaCy split or half missed made
    one span of its known label (Islamic State, read as a group Islamic and a body State); `lowers` are the tokens'
    LOWER hashes. A name inside a longer entity (the Islamic State group, Fox News' Megyn Kelly) is left to it."""
    import numpy
    from spacy.tokens import Span

    by_first = kinds.known_names_by_first_word()
    hashes = [doc.vocab.strings[word] for word in by_first]
    candidates = numpy.flatnonzero(numpy.isin(lowers, hashes)).tolist()
    if not candidates:
        return list(doc.ents)
    holder = {index: ent for ent in doc.ents for index in range(ent.start, ent.end)}
    known: list[Span] = []
    for index in candidates:
        if not doc[index].text[:1].isupper() or (known and index < known[-1].end):
            continue
        for words in by_first[doc[index].lower_]:
            span = doc[index : index + len(words)]
            if len(span) != len(words) or words_of(span) != words or _one_of_its_people(span):
                continue
            held = [holder[at] for at in range(span.start, span.end) if at in holder]
            inside = all(ent.start >= span.start and ent.end <= span.end for ent in held)
            if inside and not any(ent.start == span.start and ent.end == span.end for ent in held):
                known.append(Span(doc, span.start, span.end, label=kinds.known_label(words) or "ORG"))
                break
    taken = {index for span in known for index in range(span.start, span.end)}
    kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
    return sorted(kept + known, key=lambda span: span.start)


def _one_of_its_people(span: Span) -> bool:
    """Whether the name after "a" heads its phrase, one who lives there or belongs to it (a New Yorker), not the
    name itself (a USA TODAY/Suffolk University poll, an Islamic State terrorist plot)."""
    doc = span.doc
    if not span.start or doc[span.start - 1].lower_ not in ("a", "an"):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return after is None or not (after.pos_ in ("NOUN", "PROPN", "ADJ") or after.text in ("/", "-"))


def _part_label(part: list[Token], whole: list[Token], label: str) -> str:
    """The label of one of two names spaCy ran together: the one a lexicon knows it by, or else a person's for one
    after a body's possessive (Fox News’ Megyn Kelly), or else the span's."""
    known_label = kinds.known_label(words_of(part))
    if known_label is not None:
        return known_label
    owner = whole[: part[0].i - whole[0].i - 1]
    return "PERSON" if owner and _reporter(owner, part) else label


def _piece_of_a_word(ent: Span) -> bool:
    """Whether the name ends inside a hyphenated name that goes on past a small word to a capitalised one (Mar of
    Mar-a-Lago); not a range (Washington-to-Washington) nor a common noun (Medicare-for-all)."""
    doc, end = ent.doc, ent.end
    if end + 4 > len(doc) or ent[-1].whitespace_:
        return False
    hyphen, small, second, rest = doc[end : end + 4]
    glued = not (hyphen.whitespace_ or small.whitespace_ or second.whitespace_)
    linked = hyphen.text == second.text == "-" and small.is_lower and small.lower_ not in _RANGE_WORDS
    return glued and linked and rest.is_title


def _day_name(tokens: list[Token]) -> bool:
    """Whether the name is an adjective that opens a day's name (Super of Super Tuesday, Black Friday)."""
    last = tokens[-1]
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return (
        len(tokens) == 1
        and following is not None
        and following.lower_ in _WEEKDAYS
        and following.is_title
        and kinds.english_adjective(last.lower_)
    )


def _body_word_after(ent: Span) -> bool:
    """Whether the capitalised word after the name ends a body's name (Research, Foundation, Group)."""
    if ent.end >= len(ent.doc):
        return False
    after = ent.doc[ent.end]
    return after.is_title and not after.ent_type_ and kinds.ending_kind(("", after.lower_)) == "org"


def plain(text: str) -> str:
    """Case, dots and spacing folded away: U.S. and US and us. become `us`."""
    return " ".join(text.replace(".", "").casefold().split())


def words_of(tokens) -> tuple[str, ...]:
    """The folded words of a name: a lone "." or a line break inside an entity is no word of it, nor a
    possessive glued on."""
    folded = (plain(own_text(token)) for token in tokens if not (token.is_punct or token.is_space))
    return tuple(word for word in folded if word)


def own_text(token: Token) -> str:
    """The token's text without a possessive glued onto it (Trump‘s is Trump)."""
    text = token.text
    if len(text) > 2 and text.endswith(_POSSESSIVE_ENDINGS) and text[-3].isalpha():
        return text[:-2]
    return text


def tagged(token: Token) -> bool:
    """Whether the token is a handle (@Milbank) or a hashtag (#ImWithHer), or its sign: an account or a slogan,
    which reader leaves out of the entities, not a name."""
    if token.text[:1] in "@#":
        return True
    before = token.doc[token.i - 1] if token.i else None
    return before is not None and before.text in ("#", "@") and not before.whitespace_


def _clean(ent: Span) -> list[Token] | None:
    """The name's own tokens: no leading article, title or verb, nothing after a dash, a comma, a figure or a
    hashtag, no possessive; None if nothing name-like is left or it is a handle or a hashtag."""
    tokens = list(ent)
    person = ent.label_ == "PERSON"
    if tagged(tokens[0]):
        return None
    for index, token in enumerate(tokens[1:], 1):
        if tagged(token) or _ends_name(token, person or ent.label_ == "ORG"):
            tokens = tokens[:index]
            break
    while len(tokens) > 1 and (
        tokens[0].lower_ == "the"
        or tokens[0].is_punct
        # Titles and verbs open a person's name only: Follow Pam Key and Spokeswoman Haley Morris (which spaCy
        # may call an ORG), but not Queen City or General Motors.
        or (person and tokens[0].pos_ in _NOT_NAME_PARTS)
        or (tokens[0].lower_ in lexicon.words("titles") and (person or kinds.given_name(tokens[1].lower_)))
        or (person and len(tokens) > 2 and _word_before_given_name(tokens))
        or (tokens[0].lower_ in _PARTIES and kinds.is_state(" ".join(words_of(tokens[1:]))))
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1].tag_ in _POSSESSIVE_TAGS or tokens[-1].lower_ in _POSSESSIVES or tokens[-1].is_punct
        or tokens[-1].is_space or (person and tokens[-1].is_lower and tokens[-1].pos_ != "PROPN")  # nor Netflix-free
    ):
        tokens.pop()
    if not tokens or not any(char.isupper() for char in tokens[0].text):
        return None
    if len(tokens) == 1 and _lone_abbreviation(tokens[0]):
        return None
    if person and tokens[0].i == ent.start and _first_name_before(tokens):
        tokens.insert(0, tokens[0].nbor(-1))
    return tokens


def _word_before_given_name(name: list[Token]) -> bool:
    """Whether a person's name opens with an English word before a given name, a role or an epithet no
    lexicon lists (Crooked Hillary Clinton, Actress Susan Sarandon), and ends like no body's or place's name
    (Muhammad Ali Center, Ho Chi Minh City)."""
    first, word = name[0], name[0].lower_
    return (
        first.is_alpha
        and not first.is_stop
        and kinds.given_name(name[1].lower_)
        and not kinds.given_name(word)
        and kinds.english_word(word)
        and not kinds.never_a_person(words_of(name))
        and kinds.ending_kind(words_of(name)) is None
    )


def _first_name_before(name: list[Token]) -> bool:
    """Whether the word before a person's name is their first name, which spaCy left out (Debbie Wasserman
    Schultz, Paloma Wu): a proper noun of no entity, a given name or no English word (not Editor, Crooked, nor
    Women), not the name's own (Christie Chris Christie), and before no body's name (Women Caucus)."""
    if not name[0].i:
        return False
    before = name[0].nbor(-1)
    return (
        before.pos_ == "PROPN"
        and before.is_title
        and before.is_alpha
        and not before.ent_type_
        and bool(before.whitespace_)
        and not before.is_stop
        and all(before.lower_ != word.lower_ for word in name)
        and before.lower_ not in lexicon.words("titles")
        and (kinds.given_name(before.lower_) or not kinds.english_word(before.lower_))
        and kinds.ending_kind(words_of(name)) is None
    )


def _pair(tokens: list[Token], alone: Callable[[], set[tuple[str, ...]]]) -> list[list[Token]]:
    """Two names spaCy ran together (Hulu and Ora, Fox News’ Megyn Kelly), when one is also a name on its own
    elsewhere; otherwise the one name (Bailey & Glasser, Department of Health and Human Services, Martha’s
    Vineyard)."""
    owned = _owner_and_owned(tokens, alone)
    if owned is not None:
        return owned
    for index, token in enumerate(tokens[1:-1], 1):
        if token.lower_ not in ("and", "&"):
            continue
        second = words_of(tokens[index + 1 :])
        if second in alone() and second != words_of(tokens[:index]):
            return [tokens[:index], tokens[index + 1 :]]
    return [tokens]


def _owner_and_owned(tokens: list[Token], alone: Callable[[], set[tuple[str, ...]]]) -> list[list[Token]] | None:
    """A name in the possessive before another (Fox News’ Megyn Kelly, Rubio’s Miami) as the two names, when the
    second is a name elsewhere, a known one or a person's; as the first alone when only it is (Trump’s Middle
    Eastern, Christie’s Nov.). None if the tokens hold no such pair (Caesar’s Palace, Martha’s Vineyard)."""
    for index, token in enumerate(tokens[:-1]):
        if own_text(token) != token.text:
            owner, owned = tokens[: index + 1], tokens[index + 1 :]  # Trump‘s, the possessive glued on
        elif index and (token.tag_ in _POSSESSIVE_TAGS or _apostrophe_after_plural(tokens, index)):
            owner, owned = tokens[:index], tokens[index + 1 :]
        else:
            continue
        if not owned[0].text[:1].isupper() or any(token.pos_ in ("VERB", "AUX") for token in owner):
            return None
        first, second = words_of(owner), words_of(owned)
        named = _named_elsewhere(second, alone) or kinds.opens_with_given_name(second) or _reporter(owner, owned)
        if not (named or _named_elsewhere(first, alone, surname=True)):
            return None
        return [owner, owned] if named else [owner]
    return None


def _reporter(owner: list[Token], owned: list[Token]) -> bool:
    """Whether the names read as a known body's or outlet's own person (Fox News’ Megyn Kelly, CNN’s Jake Tapper):
    proper nouns, ending like no body's, place's or thing's name."""
    words = words_of(owned)
    return (
        kinds.known_label(words_of(owner)) == "ORG"
        and len(words) > 1
        and all(token.pos_ == "PROPN" for token in owned)
        and kinds.ending_kind(words) is None
    )


def _apostrophe_after_plural(tokens: list[Token], index: int) -> bool:
    """Whether the token is an apostrophe that makes the word before it possessive (Fox News’ Megyn Kelly)."""
    return tokens[index].lower_ in _POSSESSIVES and tokens[index - 1].lower_.endswith("s")


def _named_elsewhere(words: tuple[str, ...], alone: Callable[[], set[tuple[str, ...]]], surname: bool = False) -> bool:
    """Whether the words are a name the lexicons know or one of the article's names, or a `surname` one of them ends
    with (Trump of Donald Trump)."""
    if kinds.known_label(words) is not None or words in alone():
        return True
    return surname and len(words) == 1 and any(len(name) > 1 and name[-1:] == words for name in alone())


def _lone_abbreviation(token: Token) -> bool:
    """St., Jr. or Inc. on its own is a piece of a name; Va. and U.S. are names."""
    text = token.text
    return text.endswith(".") and not text.isupper() and kinds.state(text, "") is None


def _ends_name(token: Token, cut_at_comma: bool) -> bool:
    """Whether a name stops before this token: a dash between spaces, a comma after a person's or a body's
    name (Politico, Democratic party), a possessive before a common noun, or a figure glued on (Patriot 13
    percent, Trump's 1995)."""
    spaced = token.whitespace_ and token.i and token.doc[token.i - 1].whitespace_
    if token.is_punct and token.text in _DASHES and spaced:
        return True
    if cut_at_comma and token.text == ",":
        return True
    if token.tag_ in _POSSESSIVE_TAGS and token.i + 1 < len(token.doc) and token.nbor(1).is_lower:
        return True  # Trump’s party is Trump’s
    if token.is_lower and own_text(token.nbor(-1)) != token.nbor(-1).text:
        return True  # and so is Trump‘s attack, the possessive glued on
    if not token.like_num or not any(char.isdigit() for char in token.text):
        return False
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return following in _FIGURE_WORDS or token.nbor(-1).tag_ in _POSSESSIVE_TAGS


def _label(ent: Span, words: tuple[str, ...]) -> str:
    """spaCy's label, unless a lexicon knows the name or the words around it say its kind: the city of
    Opa-Locka, a stream called Miracle Run, a group known as Fancy Bear, a company, Kissito; St. Lucie
    counties; a town before its state (FAIRVIEW, W.Va.)."""
    known_label = kinds.known_label(words)
    if known_label is not None:
        return known_label
    doc = ent.doc
    before = doc[max(ent.start - 3, 0) : ent.start]
    kind = _kind_before([token.lower_ for token in before]) or _apposed_kind(before, ent)
    if kind is not None:
        return kind
    after = doc[ent.end : ent.end + 3]
    if len(after) and after[0].text in _COUNTIES:
        return "GPE"
    if len(after) < 2 or after[0].text != ",":
        return ent.label_
    state = after[1]
    following = after[2].text[:1] if len(after) > 2 and not state.whitespace_ else ""
    # The state ends the phrase: Richmond, Va., where…; not Carly Fiorina, Ohio Gov. John Kasich.
    next_name = len(after) > 2 and after[2].text[:1].isupper()
    return "GPE" if kinds.state(state.text, following) is not None and not next_name else ent.label_


def _kind_before(before: list[str]) -> str | None:
    """The label a common noun just before a name gives it: place before "of", all before "called" or
    "known as", a body before a comma."""
    if before[-2:] == ["known", "as"] and len(before) == 3:
        noun, link = before[0], "as"
    elif len(before) >= 2:
        noun, link = before[-2], before[-1]
    else:
        return None
    kind = kinds.kind_of_noun(noun)
    if kind == "place" and link in ("of", "called", "named", "as"):
        return "GPE"
    if kind == "org" and link in ("called", "named", "as", ","):
        return "ORG"
    if kind == "person" and link in ("called", "named", "as"):
        return "PERSON"
    return None


def _apposed_kind(before: Span, ent: Span) -> str | None:
    """The label of a name set right after a noun of its kind, itself after "the" or a word that qualifies it: a
    body or a character (the advocacy group Progress Iowa, tobacco company Altria, the character Frank Underwood);
    not a clause's subject (a group Barack Obama won) nor a possessive's name cut short (the group America's Voice)."""
    if len(before) < 2 or not before[-1].is_lower or not before[-2].is_lower or before[-2].lower_ in ("a", "an"):
        return None
    if ent.end < len(ent.doc) and ent.doc[ent.end].tag_ in _POSSESSIVE_TAGS:
        return None
    return {"org": "ORG", "person": "PERSON"}.get(kinds.kind_of_noun(before[-1].lower_) or "")


def _is_portfolio(ent: Span) -> bool:
    """Whether this is the office in a title (State in Secretary of State, Energy Secretary), not an entity."""
    doc = ent.doc
    if ent.label_ != "ORG":
        return False
    if ent.end < len(doc) and doc[ent.end].lower_ in _CABINET_TITLES:
        return True
    before = [token.lower_ for token in doc[max(ent.start - 2, 0) : ent.start]]
    return len(before) == 2 and before[1] in ("of", "for") and before[0] in _CABINET_TITLES
