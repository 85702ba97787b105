"""Who is heard, and how often: each person, organisation or group once, with their quotes and cited sentences."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reader.analysis.voices.naming import Credit
from reader.model import Attribution, Quote, Speaker, Voice


@dataclass
class _Tally:
    name: str | None
    kind: str
    quoted: int = 0
    cited: int = 0
    mentions: set[tuple[int, int]] = field(default_factory=set)
    claims: set[int] = field(default_factory=set)


def tally(quotes: Iterable[Quote], attributions: Iterable[tuple[int, int, Attribution | None]],
          credits: Mapping[tuple[int, int], tuple[Credit, ...]]) -> tuple[Voice, ...]:
    """Each voice with how often quoted and cited, most heard first, the unnamed last.

    `attributions` are (sentence id, sentence start, attribution); a sentence inside a quote counts with its quote,
    not again as cited, and a view someone is said to hold cites nobody, nor does the author's "I think". `credits`
    give the voices each speaker's words stand for (see naming.py): "Ann Lee and Bo Park" counts once for each.
    """
    tallies: dict[tuple[str, str] | None, _Tally] = {}

    def count(speaker: Speaker | None) -> list[_Tally]:
        if speaker is not None and speaker.authors:
            return []  # "I think", "we asked": the author is no source of their own article
        given = credits.get((speaker.start, speaker.end), ()) if speaker is not None else ()
        found = []
        for credit in given or (Credit(None, "unnamed"),):
            named = "unnamed" if credit.kind == "unnamed" else "named"
            key = (named, credit.name.casefold()) if credit.name else None
            voice = tallies.setdefault(key, _Tally(credit.name, credit.kind))
            if speaker is not None:
                voice.mentions.add((speaker.start, speaker.end))
            found.append(voice)
        return found

    quoted_sentences: set[int] = set()
    for quote in quotes:
        for voice in count(quote.speaker):
            voice.quoted += 1
            voice.claims.add(quote.start)
        quoted_sentences.update(quote.sentence_ids)
    for sentence_id, start, attribution in attributions:
        if attribution is None or attribution.held or sentence_id in quoted_sentences:
            continue
        for voice in count(attribution.speaker):
            voice.cited += 1
            voice.claims.add(start)
    voices = (Voice(voice.name, voice.kind, voice.quoted, voice.cited, tuple(sorted(voice.mentions)),
                    tuple(sorted(voice.claims))) for voice in _merged(list(tallies.values())))
    return tuple(sorted(voices, key=lambda voice: voice.listed_by))


def _merged(tallies: list[_Tally]) -> list[_Tally]:
    """The voices with a lone surname ("Grassley") counted under the one full name among the voices that ends with
    it ("Chuck Grassley"): the entities keep them apart where the article names another of that surname."""
    full: dict[str, list[_Tally]] = {}
    for voice in tallies:
        if voice.kind == "person" and voice.name and len(voice.name.split()) > 1:
            full.setdefault(voice.name.split()[-1], []).append(voice)
    kept = []
    for voice in tallies:
        into = full.get(voice.name or "", []) if voice.kind in ("person", "unnamed") else []
        if len(into) != 1:
            kept.append(voice)
            continue
        into[0].quoted += voice.quoted
        into[0].cited += voice.cited
        into[0].mentions |= voice.mentions
        into[0].claims |= voice.claims
    return kept
