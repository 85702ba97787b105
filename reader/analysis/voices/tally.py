"""Speakers by name: the entity a speaker's words name, and who is quoted and cited how often."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from reader.model import Attribution, Entity, Quote, Speaker, Voice

_AND = re.compile(r"\band\b|&")
# What may follow a name within a speaker: a possessive, punctuation, a party and state "(D-Ore.)".
_TRAILING = re.compile(r"(?:\s|[’']s?\b|[’']|[,.;:]|\([^()]*\))+$")
_PRONOUNS = {"he", "she", "him", "her"}
# Further back than this (in characters) a pronoun's person is anyone's guess.
_FARTHEST_PERSON = 3000


class Names:
    """The entities' mentions, to give a speaker the canonical name of the entity it ends with or refers to."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        entities = list(entities)
        self._mentions = sorted(
            (mention.start, mention.end, entity.name) for entity in entities for mention in entity.mentions
        )
        self._people = sorted(
            (mention.end, entity.name) for entity in entities if entity.kind == "person" for mention in entity.mentions
        )

    def speaker(self, speaker: Speaker | None) -> Speaker | None:
        """The speaker with the name of the entity at its head (NBC News, not the Biden in a Biden official).

        A lone "he" or "she" is the person named last before it.
        """
        if speaker is None:
            return None
        if speaker.text.lower() in _PRONOUNS:
            before = bisect_left(self._people, (speaker.start + 1,)) - 1
            if before < 0 or speaker.start - self._people[before][0] > _FARTHEST_PERSON:
                return speaker
            return replace(speaker, name=self._people[before][1])
        end = speaker.start + len(_TRAILING.sub("", speaker.text))
        inside = self._mentions[bisect_left(self._mentions, (speaker.start,)) : bisect_left(self._mentions, (end + 1,))]
        names = {name for _, _, name in inside}
        # Two people joined by "and" are not one speaker to name.
        if not inside or inside[-1][1] != end or (len(names) > 1 and _AND.search(speaker.text)):
            return speaker
        return replace(speaker, name=inside[-1][2])

    def quote(self, quote: Quote) -> Quote:
        return replace(quote, speaker=self.speaker(quote.speaker))

    def attribution(self, attribution: Attribution | None) -> Attribution | None:
        if attribution is None or attribution.speaker is None:
            return attribution
        return replace(attribution, speaker=self.speaker(attribution.speaker))


@dataclass
class _Tally:
    name: str | None
    quoted: int = 0
    cited: int = 0
    mentions: set[tuple[int, int]] = field(default_factory=set)
    claims: set[int] = field(default_factory=set)


def tally(quotes: Iterable[Quote], attributions: Iterable[tuple[int, int, Attribution | None]]) -> tuple[Voice, ...]:
    """Each speaker with how often quoted and cited, most heard first, the unnamed last.

    `attributions` are (sentence id, sentence start, attribution); a sentence inside a quote counts
    with its quote, not again as cited, and a view someone is said to hold cites nobody.
    """
    tallies: dict[str | None, _Tally] = {}

    def count(speaker: Speaker | None) -> _Tally:
        name = (speaker.name or speaker.text).strip() if speaker is not None else None
        key = name.casefold() if name else None
        found = tallies.setdefault(key, _Tally(name or None))
        if speaker is not None:
            found.mentions.add((speaker.start, speaker.end))
        return found

    quoted_sentences: set[int] = set()
    for quote in quotes:
        found = count(quote.speaker)
        found.quoted += 1
        found.claims.add(quote.start)
        quoted_sentences.update(quote.sentence_ids)
    for sentence_id, start, attribution in attributions:
        if attribution is None or attribution.held or sentence_id in quoted_sentences:
            continue
        found = count(attribution.speaker)
        found.cited += 1
        found.claims.add(start)
    ordered = sorted(
        tallies.values(),
        key=lambda voice: (voice.name is None, -(voice.quoted + voice.cited), (voice.name or "").casefold()),
    )
    return tuple(
        Voice(voice.name, voice.quoted, voice.cited, tuple(sorted(voice.mentions)), tuple(sorted(voice.claims)))
        for voice in ordered
    )
