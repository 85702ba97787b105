"""People, organisations, places and groups, with their aliases merged."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Entity, EntityKind, Mention, Quote, Sentence, Speaker

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
_WEAK_LABELS = {"ORG", "FAC"}
_FIRM_NON_PERSON = {"GPE", "LOC", "NORP"}
_LONGEST_NAME = 4
_FUZZY_SHORTEST = 6
_HEADLINE_SHORTEST = 3
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}
_POSSESSIVE_TAGS = {"POS"}
_WORD = re.compile(r"[^\W\d_]+")
_CABINET_TITLES = {"secretary", "secretaries", "minister", "ministers", "ministry", "department"}


@dataclass
class _Name:
    """One normalised name with the surface forms and spaCy labels seen for it."""

    key: str
    tokens: tuple[str, ...]
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
        return bool(self.votes) and not set(self.votes) - _WEAK_LABELS


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(_read_lines("titles.txt"))


@functools.cache
def _aliases() -> dict[str, str]:
    """Each alias's key mapped to the key of the group's fullest name."""
    table = {}
    for line in _read_lines("entity_aliases.txt"):
        names = [_plain(name) for name in line.split("|")]
        for name in names:
            table[name] = names[0]
    return table


def _read_lines(name: str) -> list[str]:
    text = (Path(__file__).parent / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()[1:] if line.strip()]


def _plain(text: str) -> str:
    """Case, dots and spacing folded away: U.S. and US and us. become `us`."""
    return " ".join(text.replace(".", "").casefold().split())


def find_entities(doc: Doc, sentences: list[Sentence]) -> list[Entity]:
    """The named people, organisations, places, groups and others of the article, aliases merged."""
    from spacy.attrs import ENT_IOB, LOWER, POS

    columns = doc.to_array([LOWER, POS, ENT_IOB])
    headline_tokens = _headline_tokens(doc, sentences)
    names: dict[str, _Name] = {}
    for ent in doc.ents:
        if ent.label_ not in KINDS or headline_tokens[ent.start]:
            continue
        tokens = _clean(ent)
        if tokens is not None and not _is_portfolio(ent):
            _add(names, tokens, ent.label_)
    for tokens in _titled_names(doc, columns[:, 0], headline_tokens):
        _add(names, tokens, "PERSON", titled=True)
    _add_known_names(doc, columns, names, headline_tokens)
    clusters = _merge(list(names.values()))
    starts = [sentence.start for sentence in sentences]
    entities = [_entity(cluster, starts) for cluster in clusters]
    return sorted(entities, key=lambda entity: (-len(entity.mentions), entity.mentions[0].start))


def _headline_tokens(doc: Doc, sentences: list[Sentence]) -> bytearray:
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
    small_capitalised = any(word.lower() in _SMALL_WORDS and word[0].isupper() for word in words[1:])
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


def _add(names: dict[str, _Name], tokens: list[Token], label: str, titled: bool = False) -> None:
    surface = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    start = tokens[0].idx
    end = start + len(surface)
    key = _aliases().get(_plain(surface), _plain(surface))
    if label == "NORP" and key.endswith("s"):
        key = key[:-1]  # Americans and American are one group
    name = names.get(key)
    if name is None:
        name = names[key] = _Name(key, tuple(_plain(token.text) for token in tokens))
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


def _add_known_names(doc: Doc, columns, names: dict[str, _Name], headline_tokens: bytearray) -> None:
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
            name = known.get(tuple(_plain(part.text) for part in tokens))
            if name is not None and (in_headline or not covered[index : index + size].any()):
                _add(names, list(tokens), name.votes.most_common(1)[0][0])
                taken_until = index + size
                break


class _Clusters:
    """Union-find over names."""

    def __init__(self, names: list[_Name]):
        self.parent = {name.key: name.key for name in names}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, first: str, second: str) -> None:
        self.parent[self.find(first)] = self.find(second)


def _merge(names: list[_Name]) -> list[list[_Name]]:
    """Group the names that refer to one entity: surnames, acronyms and near-misspellings."""
    clusters = _Clusters(names)
    _join_surnames(names, clusters)
    _join_acronyms(names, clusters)
    _join_misspellings(names, clusters)
    groups: dict[str, list[_Name]] = defaultdict(list)
    for name in names:
        groups[clusters.find(name.key)].append(name)
    return list(groups.values())


def _join_surnames(names: list[_Name], clusters: _Clusters) -> None:
    """Biden with Joe Biden, Obrador with Lopez Obrador, a lone Melania with Melania Trump; Post with Washington Post."""
    endings: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    first_names: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    for name in names:
        if len(name.tokens) > 1 and (name.votes["PERSON"] or _mostly(name, "ORG")):
            for size in range(1, len(name.tokens)):
                endings[name.tokens[-size:]].append(name)
            if name.votes["PERSON"]:
                first_names[name.tokens[:1]].append(name)
    for name in names:
        fuller = []
        if name.acronym():
            continue
        if name.personish():
            fuller = [other for other in endings.get(name.tokens, ()) if other.votes["PERSON"]]
            if not fuller and name.votes["PERSON"]:
                fuller = first_names.get(name.tokens, [])
        if not fuller and _mostly(name, "ORG"):
            fuller = [other for other in endings.get(name.tokens, ()) if _mostly(other, "ORG")]
        if not fuller:
            continue
        longest = max(fuller, key=lambda other: len(other.tokens))
        # Two different people share the name (George Bush, Jeb Bush): leave it alone.
        if all(set(other.tokens) <= set(longest.tokens) for other in fuller):
            for other in fuller:
                clusters.join(name.key, other.key)


def _mostly(name: _Name, label: str) -> bool:
    return name.votes[label] * 2 > sum(name.votes.values())


def _join_acronyms(names: list[_Name], clusters: _Clusters) -> None:
    """FBI with Federal Bureau of Investigation: initials of a longer name that is not a person's."""
    by_initials: dict[str, list[_Name]] = defaultdict(list)
    for name in names:
        words = [word for word in name.tokens if word not in _SMALL_WORDS]
        if len(words) > 1 and not name.votes["PERSON"]:
            by_initials["".join(word[0] for word in words)].append(name)
    for name in names:
        fuller = by_initials.get(name.key)
        if len(name.tokens) == 1 and fuller and len(fuller) == 1 and not name.votes["PERSON"]:
            clusters.join(name.key, fuller[0].key)


def _join_misspellings(names: list[_Name], clusters: _Clusters) -> None:
    """Orbrador with Obrador, Warrenn with Elizabeth Warren: person or organisation names one edit apart.

    Places are left out: Colombia and Columbia, one letter apart, are different places.
    """
    by_last_word: dict[tuple[str, int], list[_Name]] = defaultdict(list)
    for name in names:
        if name.personish():
            by_last_word[(name.tokens[-1][:1], len(name.tokens[-1]))].append(name)
    for name in names:
        last = name.tokens[-1]
        if not name.personish() or len(last) < _FUZZY_SHORTEST:
            continue
        near = [
            other
            for length in (len(last) - 1, len(last), len(last) + 1)
            for other in by_last_word.get((last[:1], length), ())
            # A lone name meets full names from its own side, where it can see them all.
            if other is not name and len(other.tokens) >= len(name.tokens) and _one_word_misspelt(name.tokens, other.tokens)
        ]
        fuller = [other for other in near if len(other.tokens) > len(name.tokens)]
        # As with surnames: Clintons is near both Hillary and Bill Clinton, so it joins neither.
        if len(fuller) > 1:
            near = [other for other in near if other not in fuller]
        for other in near:
            clusters.join(name.key, other.key)


def _one_word_misspelt(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """The same words but one, a single edit away; a lone surname is compared with a full name's last word."""
    if len(first) != len(second):
        if min(len(first), len(second)) != 1:
            return False
        first, second = first[-1:], second[-1:]
    different = [(a, b) for a, b in zip(first, second) if a != b]
    return len(different) == 1 and min(map(len, different[0])) >= _FUZZY_SHORTEST and _one_edit(*different[0])


def _one_edit(first: str, second: str) -> bool:
    if len(first) > len(second):
        first, second = second, first
    if len(second) - len(first) > 1:
        return False
    prefix = 0
    while prefix < len(first) and first[prefix] == second[prefix]:
        prefix += 1
    if len(first) < len(second):
        return first[prefix:] == second[prefix + 1 :]
    if first[prefix + 1 :] == second[prefix + 1 :]:
        return True
    swapped = prefix + 1 < len(first) and first[prefix] == second[prefix + 1] and first[prefix + 1] == second[prefix]
    return swapped and first[prefix + 2 :] == second[prefix + 2 :]


def _entity(cluster: list[_Name], starts: list[int]) -> Entity:
    """One entity from its names: the kind most evidence says, the fullest name, every mention in order."""
    votes: Counter = Counter()
    surfaces: Counter = Counter()
    first_seen: dict[str, int] = {}
    spans = set()
    for name in cluster:
        votes.update(name.votes)
        surfaces.update(name.surfaces)
        spans.update(name.mentions)
        for surface, start in name.first_seen.items():
            first_seen[surface] = min(start, first_seen.get(surface, start))
    kind = _kind(votes, any(name.person_evidence() for name in cluster))
    ordered = sorted(spans)
    # The name with most words, written normally (Washington, not a dateline's WASHINGTON), the most seen.
    fullest = max(
        surfaces, key=lambda surface: (len(surface.split()), not surface.isupper(), surfaces[surface], len(surface))
    )
    aliases = sorted((surface for surface in surfaces if surface != fullest), key=lambda s: first_seen[s])
    mentions = [Mention(start, end, max(bisect_right(starts, start) - 1, 0)) for start, end in _without_overlaps(ordered)]
    return Entity(fullest, kind, aliases, mentions)


def _kind(votes: Counter, person_evidence: bool) -> EntityKind:
    """The kind most mentions were given, but a person on evidence of one, since spaCy often calls people things."""
    tally: Counter = Counter()
    for label, count in votes.items():
        tally[KINDS[label]] += count
    firm = sum(count for label, count in votes.items() if label in _FIRM_NON_PERSON)
    if person_evidence and firm * 2 <= sum(votes.values()):
        return "person"
    best = max(tally.values())
    if tally["person"] == best:
        return "person"
    return max(tally, key=lambda kind: tally[kind])


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


_AND = re.compile(r"\band\b|&")
_TRAILING = re.compile(r"(?:\s|[’']s?\b|[’']|[,.;:])+$")


def name_sources(entities: list[Entity], sentences: list[Sentence], quotes: list[Quote]) -> None:
    """Give quote speakers and attribution sources the canonical name of the entity they end with."""
    mentions = sorted((mention.start, mention.end, entity.name) for entity in entities for mention in entity.mentions)
    for index, quote in enumerate(quotes):
        if quote.speaker is not None:
            quotes[index] = replace(quote, speaker=_named(quote.speaker, mentions))
    for sentence in sentences:
        found = sentence.attribution
        if found is not None and found.speaker is not None:
            sentence.attribution = replace(found, speaker=_named(found.speaker, mentions))


def _named(source: Speaker, mentions: list[tuple[int, int, str]]) -> Speaker:
    """The source with the name of the entity at its head (NBC News, not the Biden in a Biden official)."""
    end = source.start + len(_TRAILING.sub("", source.text))
    inside = mentions[bisect_left(mentions, (source.start,)) : bisect_left(mentions, (end + 1,))]
    names = {name for _, _, name in inside}
    # Two people joined by "and" are not one source to name.
    if not inside or inside[-1][1] != end or (len(names) > 1 and _AND.search(source.text)):
        return source
    return replace(source, name=inside[-1][2])
