"""The names of one entity merged as its aliases (Biden and Joe Biden, FBI and the Federal Bureau of Investigation),
with the entity's kind and every mention."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict

from reader.analysis.entities import kinds, surnames
from reader.analysis.entities.entity_spans import plain
from reader.analysis.entities.headings import SMALL_WORDS
from reader.analysis.entities.names import FIRM_NON_PERSON, KINDS, Name, known
from reader.model import Entity, EntityKind, Mention

_FUZZY_SHORTEST = 6
_FEWEST_INITIALS = 3
_LONGEST_MENTION = 200


def merged(names: list[Name], starts: list[int]) -> list[Entity]:
    """The entities the names are of, the names of each merged, most mentioned first; `starts` are where the
    sentences start, for each mention's sentence."""
    entities = [_entity(cluster, starts) for cluster in _merge(names) if not _common_word(cluster)]
    entities = _without_fragments(entities)
    return sorted(entities, key=lambda entity: (-len(entity.mentions), entity.mentions[0].start))


def _without_fragments(entities: list[Entity]) -> list[Entity]:
    """The entities but those only ever read inside another's mention, a piece of a longer name (Daniel Porter
    of Judge Daniel Porter Jordan III, read once after its title and once as spaCy's name)."""
    spans = sorted((mention.start, -mention.end) for entity in entities for mention in entity.mentions)

    def inside(mention: Mention) -> bool:
        index = bisect_right(spans, (mention.start, -mention.end)) - 1
        # A name that holds it starts where it does or a little before.
        while index >= 0 and spans[index][0] > mention.start - _LONGEST_MENTION:
            start, negative_end = spans[index]
            if -negative_end >= mention.end and (start, -negative_end) != (mention.start, mention.end):
                return True
            index -= 1
        return False

    return [entity for entity in entities if not all(inside(mention) for mention in entity.mentions)]


class _Clusters:
    """Union-find over names."""

    def __init__(self, names: list[Name]):
        self.parent = {name.key: name.key for name in names}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, first: str, second: str) -> None:
        self.parent[self.find(first)] = self.find(second)


def _merge(names: list[Name]) -> list[list[Name]]:
    """Group the names that refer to one entity: surnames, acronyms and near-misspellings."""
    clusters = _Clusters(names)
    shared = _join_surnames(names, clusters)
    _join_group_forms(names, clusters)
    _join_company_words(names, clusters)
    _join_acronyms(names, clusters)
    _join_initials(names, clusters)
    _join_misspellings(names, clusters)
    groups: dict[str, list[Name]] = defaultdict(list)
    for name in names:
        groups[clusters.find(name.key)].append(name)
    return surnames.split(list(groups.values()), shared)


def _join_surnames(names: list[Name], clusters: _Clusters) -> dict[str, list[Name]]:
    """Biden with Joe Biden, Obrador with Lopez Obrador, a lone Melania or Marco with Melania Trump or Marco
    Rubio; Post with Washington Post. Gives the surnames that several people named in full share, with them."""
    shared: dict[str, list[Name]] = {}
    endings: dict[tuple[str, ...], list[Name]] = defaultdict(list)
    first_names: dict[tuple[str, ...], list[Name]] = defaultdict(list)
    by_key = {name.key: name for name in names}
    for name in names:
        person = name.person_evidence()
        if len(name.tokens) > 1 and (person or _mostly(name, "ORG")):
            for size in range(1, len(name.tokens)):
                endings[name.tokens[-size:]].append(name)
            if person:
                first_names[name.tokens[:1]].append(name)
    for name in names:
        fuller = []
        if name.acronym():
            continue
        if name.personish() or _lone_name(name):
            fuller = [other for other in endings.get(name.tokens, ()) if other.person_evidence()]
            # Grassley beside Chuck and Charles Grassley: whichever of them, a person.
            name.surname = bool(fuller) and len(name.tokens) == 1
            first = name.votes["PERSON"] or _placed_surname(name) or _first_name(name)
            if not fuller and first and not known(name.key):  # not Indiana of the Indiana GOP
                fuller = first_names.get(name.tokens, [])
        # A body written by its initials (GOP) is not the end of a longer name (the Iowa Republican Party).
        if not fuller and _mostly(name, "ORG") and any(plain(surface) == name.key for surface in name.surfaces):
            fuller = [
                other
                for other in endings.get(name.tokens, ())
                if _mostly(other, "ORG") and (len(name.tokens) > 1 or _owner(other.tokens, by_key))
            ]
        if not fuller:
            continue
        longest = max(fuller, key=lambda other: len(other.tokens))
        # Two different people share the name (George Bush, Jeb Bush): leave it alone.
        if all(set(other.tokens) <= set(longest.tokens) for other in fuller):
            for other in fuller:
                clusters.join(name.key, other.key)
        elif name.surname:
            shared[name.key] = fuller
    return shared


def _owner(name: tuple[str, ...], by_key: dict[str, Name]) -> bool:
    """Whether the words before a body's last word say whose it is, so that the last word alone is the same body: a
    place (the Post of the Washington Post, the Senate of the U.S. Senate), a name of the article that is no group's,
    a founder's (Billy Casper Golf) or words no dictionary has (RJR Nabisco); or the name is a place's (the Hill of
    Capitol Hill). Not an ordinary word: the House is not the White House."""
    words = name[:-1]
    key = " ".join(words)
    other = by_key.get(key)
    return (
        kinds.ending_kind(name) == "place"
        or known(key)
        or kinds.ending_kind(words) == "place"
        or (other is not None and not _mostly(other, "NORP"))
        or kinds.opens_with_given_name(words)
        or all(kinds.given_name(word) or not kinds.english_word(word) for word in words)
    )


def _placed_surname(name: Name) -> bool:
    """A lone name spaCy took for a place (Kasich, Melania) that no state or country goes by: maybe a person's."""
    return len(name.tokens) == 1 and set(name.votes) <= {"GPE"} and not known(name.key)


def _first_name(name: Name) -> bool:
    """A lone name spaCy took for a body (Marco, Rand) that no known body goes by: maybe a person's first name."""
    return len(name.tokens) == 1 and name.personish() and kinds.known_label(name.tokens) is None


def _lone_name(name: Name) -> bool:
    """A lone name no country, state, region or known body goes by, whatever spaCy took it for (Kasich for a place
    and a body, McGovern for a group): a person's surname when the article names them in full."""
    return len(name.tokens) == 1 and not known(name.key) and kinds.known_label(name.tokens) is None


def _join_group_forms(names: list[Name], clusters: _Clusters) -> None:
    """Democrat, Democrats and Democratic, Hispanic and Hispanics: a group's noun, plural and adjective."""
    forms: dict[str, list[Name]] = defaultdict(list)
    for name in names:
        if len(name.tokens) == 1 and name.votes["NORP"] and not name.surname:
            forms[_group_stem(name.tokens[0])].append(name)
    for same in forms.values():
        for other in same[1:]:
            clusters.join(other.key, same[0].key)


def _group_stem(word: str) -> str:
    """The word a group's forms share: democrat for Democrats and Democratic, hispanic for Hispanics."""
    word = word.removesuffix("s")
    return word.removesuffix("ic")


def _join_company_words(names: list[Name], clusters: _Clusters) -> None:
    """Patriot with Patriot Coal, Fox with Fox News: a company's first word alone, when it is no person's name and
    the rest of the company's name only says what it is (CNN is not CNN Headline News, another channel)."""
    person_words = {word for name in names if name.person_evidence() for word in name.tokens}
    openings: dict[tuple[str, ...], list[Name]] = defaultdict(list)
    for name in names:
        if len(name.tokens) > 1 and all(kinds.ending_kind(("", word)) == "org" for word in name.tokens[1:]):
            openings[name.tokens[:1]].append(name)
    joined = Counter(clusters.find(name.key) for name in names)
    for name in names:
        fuller = openings.get(name.tokens, [])
        if (
            len(fuller) == 1
            and joined[clusters.find(name.key)] == 1
            and not name.titled
            and name.tokens[0] not in person_words
            and not set(name.votes) & FIRM_NON_PERSON
        ):
            clusters.join(name.key, fuller[0].key)


def _mostly(name: Name, label: str) -> bool:
    return name.votes[label] * 2 > sum(name.votes.values())


def _join_acronyms(names: list[Name], clusters: _Clusters) -> None:
    """FBI with Federal Bureau of Investigation: initials of a longer name that is not a person's."""
    by_initials: dict[str, list[Name]] = defaultdict(list)
    for name in names:
        words = [word for word in name.tokens if word not in SMALL_WORDS]
        if len(words) > 1 and not name.votes["PERSON"]:
            by_initials["".join(word[0] for word in words)].append(name)
    for name in names:
        fuller = by_initials.get(name.key)
        if len(name.tokens) == 1 and fuller and not name.votes["PERSON"] and _one_name(fuller):
            for other in fuller:
                clusters.join(name.key, other.key)


def _one_name(names: list[Name]) -> bool:
    """Whether the names are one, written with a word misspelt (Associated Press and Associates Press)."""
    return all(_one_word_misspelt(names[0].tokens, other.tokens) for other in names[1:])


def _join_initials(names: list[Name], clusters: _Clusters) -> None:
    """HRC with Hillary Rodham Clinton or Hillary Clinton, DJT with Donald J. Trump: a person's initials, known
    (initials.txt) or read off the one full name of the article they fit."""
    people = [name for name in names if len(name.tokens) > 1 and name.person_evidence()]
    for name in names:
        if not name.acronym() or len(name.key) < _FEWEST_INITIALS:
            continue
        known = kinds.known_initials().get(name.key)
        fitting = [
            person
            for person in people
            if "".join(word[0] for word in person.tokens) == name.key
            or (known is not None and (person.tokens[0], person.tokens[-1]) == (known[0], known[-1]))
        ]
        if len(fitting) == 1:
            clusters.join(name.key, fitting[0].key)


def _join_misspellings(names: list[Name], clusters: _Clusters) -> None:
    """Orbrador with Obrador, Warrenn with Elizabeth Warren: person or organisation names one edit apart.

    Places are left out: Colombia and Columbia, one letter apart, are different places.
    """
    by_last_word: dict[tuple[str, int], list[Name]] = defaultdict(list)
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
            if other is not name
            and len(other.tokens) >= len(name.tokens)
            and _one_word_misspelt(name.tokens, other.tokens)
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
    different = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
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


def _entity(cluster: list[Name], starts: list[int]) -> Entity:
    """One entity from its names: the kind most evidence says, the fullest name, every mention in order."""
    votes: Counter = Counter()
    surfaces: Counter = Counter()
    first_seen: dict[str, int] = {}
    spans: set[tuple[int, int]] = set()
    for name in cluster:
        votes.update(name.votes)
        surfaces.update(name.surfaces)
        spans.update(name.mentions)
        for surface, start in name.first_seen.items():
            first_seen[surface] = min(start, first_seen.get(surface, start))
    kind = _kind(cluster, votes)
    ordered = sorted(spans)
    # The name with most words, written normally (Washington, not a dateline's WASHINGTON), a group by its people
    # (Republicans, not the adjective Republican), the most seen.
    plural = kind == "group"
    fullest = max(
        surfaces,
        key=lambda name: (len(name.split()), not name.isupper(), plural and name[-1] == "s", surfaces[name], len(name)),
    )
    aliases = tuple(sorted((surface for surface in surfaces if surface != fullest), key=lambda s: first_seen[s]))
    mentions = tuple(
        Mention(start, end, max(bisect_right(starts, start) - 1, 0)) for start, end in _without_overlaps(ordered)
    )
    return Entity(fullest, kind, aliases, mentions)


def _kind(cluster: list[Name], votes: Counter) -> EntityKind:
    """The kind the words of the fullest name say (Patriot Coal, Capitol Hill), or a person on evidence of one,
    since spaCy often calls people things, or else the kind most mentions were given."""
    fullest = max(cluster, key=lambda name: len(name.tokens))
    ending = kinds.ending_kind(fullest.tokens)
    if ending == "org":
        return "org"
    if all(kinds.is_state(name.key) for name in cluster) or (
        all(known(name.key) for name in cluster) and votes["GPE"] + votes["LOC"] > votes["ORG"]
    ):
        return "place"  # Beyond Washington, the District of Columbia primary, Obama’s America: no one, nor a body
    people = [name.tokens for name in cluster if len(name.tokens) > 1 and name.person_evidence()]
    names_of_people = {words[0] for words in people} | {words[-1] for words in people}
    # A person's name spaCy took for a place (Kasich, Melania) is no evidence against the person.
    firm = sum(
        count
        for name in cluster
        if len(name.tokens) > 1 or name.tokens[0] not in names_of_people
        for label, count in name.votes.items()
        if label in FIRM_NON_PERSON
    )
    if any(name.person_evidence() for name in cluster) and firm * 2 <= sum(votes.values()):
        return "person"
    if ending is not None:
        return ending
    tally: Counter = Counter()
    for label, count in votes.items():
        tally[KINDS[label]] += count
    best = max(tally.values())
    kind: EntityKind = "person" if tally["person"] == best else max(tally, key=lambda kind: tally[kind])
    # Capitals spaCy took for a person or a place are a body's initials (FBN, RT, NATO), unless a public figure
    # (JFK) or a place is known by them.
    if kind in ("person", "place") and all(_a_bodys_initials(name) for name in cluster):
        return "org"
    if kind == "person" and kinds.never_a_person(fullest.tokens):
        return "org"
    return kind


def _a_bodys_initials(name: Name) -> bool:
    """Whether the name is a short acronym no place or public figure is known by (FBN, RT; not JFK or UK)."""
    return name.initials() and not known(name.key) and name.key not in kinds.known_initials()


def _common_word(cluster: list[Name]) -> bool:
    """Whether the entity is only an ordinary word with a capital (Coal, World, City), not a name."""
    return all(len(name.tokens) == 1 and name.ordinary_ending and not name.titled for name in cluster) and not (
        _mostly_group(cluster)
    )


def _mostly_group(cluster: list[Name]) -> bool:
    votes = sum((name.votes for name in cluster), Counter())
    return votes["NORP"] * 2 > sum(votes.values())


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept
