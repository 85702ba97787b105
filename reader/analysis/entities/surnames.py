"""The people who share a surname (Khizr, Ghazala and Humayun Khan): which of them each mention of it names."""

from __future__ import annotations

from collections import Counter

from reader.analysis import lexicon
from reader.analysis.entities.entity_spans import plain
from reader.analysis.entities.names import Name


def split(groups: list[list[Name]], shared: dict[str, list[Name]]) -> list[list[Name]]:
    """A surname several people share, given mention by mention to the one it names, when Mr. and Ms. before it say
    it names more than one (Mr. Khan is Khizr Khan, Ms. Khan Ghazala Khan); the family (the Khans) is no one."""
    group_of = {name.key: group for group in groups for name in group}
    for key, fuller in shared.items():
        [surname, *others] = group_of[key]
        if others or not {"m", "f"} <= set(surname.marks.values()):
            continue
        people = list({id(group_of[name.key]): group_of[name.key] for name in fuller}.values())
        given: list[dict[tuple[int, int], None]] = [{} for _ in people]
        for mention in surname.mentions:
            mark = surname.marks.get(mention)
            if mark != "many":
                given[_named_by(people, mark, mention[0])][mention] = None
        for person, mentions in zip(people, given, strict=True):
            if mentions:
                person.append(_share(surname, mentions))
        families = [group_of.get(key + ending, []) for ending in ("s", "es")]
        dropped = {id(group_of[key])} | {id(family) for family in families if len(family) == 1}
        groups = [group for group in groups if id(group) not in dropped]
    return groups


def _named_by(people: list[list[Name]], gender: str | None, position: int) -> int:
    """Which of the people sharing a surname a mention of it at `position` names: of those of its honorific's gender
    (or else of no known gender), the one named in full last before it, or else first."""
    genders = [_gender(person) for person in people]
    fitting = [index for index, theirs in enumerate(genders) if gender is not None and theirs == gender]
    if not fitting and gender is not None:
        fitting = [index for index, theirs in enumerate(genders) if theirs is None]
    named_in_full = [
        sorted(start for name in person if len(name.tokens) > 1 for start, _ in name.mentions) for person in people
    ]
    fitting = fitting or list(range(len(people)))
    before = [
        (max(starts), index) for index in fitting if (starts := [s for s in named_in_full[index] if s < position])
    ]
    if before:
        return max(before)[1]
    return min(fitting, key=lambda index: named_in_full[index][:1] or [position])


def _gender(person: list[Name]) -> str | None:
    """A person's gender as the article gives it: Mr. or Ms. before their full name, their given name, or else their
    place in a couple, as in Mr. and Mrs."""
    full = [name for name in person if len(name.tokens) > 1]
    for name in full:
        for mention in name.mentions:
            if name.marks.get(mention) in ("m", "f"):
                return name.marks[mention]
    for name in full:
        if (gender := lexicon.given_name_gender(name.tokens[0])) is not None:
            return gender
    couple = next((name.couple for name in full if name.couple), 0)
    return {1: "m", 2: "f"}.get(couple)


def _share(surname: Name, mentions: dict[tuple[int, int], None]) -> Name:
    """The surname with only the mentions that name one of the people who share it."""
    surface = max(surname.surfaces, key=lambda surface: (plain(surface) == surname.key, surname.surfaces[surface]))
    first = min(start for start, _ in mentions)
    return Name(
        f"{surname.key} {first}",
        surname.tokens,
        surfaces=Counter({surface: len(mentions)}),
        votes=Counter({"PERSON": len(mentions)}),
        mentions=mentions,
        first_seen={surface: first},
        titled=surname.titled,
        surname=True,
    )
