"""Who speaks in an article: its quotes and their speakers, who each sentence is attributed to, who is heard how often.

One stage, called once by the pipeline (`find`); the quotes, the sentences' attributions, the JSON's `voices`, the
Sources tab and the app's detail line all read its result. Inside it, in order: `quotation_marks` (what lies between
quotation marks), `signatures` (labels and signatures that name a speaker), `quotes` (each quote's speaker and
cue), `attribution` with `speakers` and `stances` (reported speech and held views), `tally` (speakers by name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.analysis.voices import attribution, naming, quotes, signatures, tally
from reader.analysis.voices.quotation_marks import QuoteIndex
from reader.model import Attribution, Entity, Quote, Segment, Voice

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Voices:
    """What the stage finds: the quotes, one attribution (or None) per sentence, and the speakers heard."""

    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution | None, ...]
    heard: tuple[Voice, ...]


def find(doc: Doc, sentences: list[Segment], quoted: QuoteIndex, entities: Iterable[Entity] | None = None,
         held: bool = True) -> Voices:
    """The voices of a parsed text cut into `sentences`; with `entities`, each speaker carries its entity's name.

    `held` false leaves out the views a sentence says someone holds without a reporting cue (see stances.py).
    """
    signed = signatures.signed(doc, sentences, quoted.text)
    found_quotes = quotes.find_quotes(doc, sentences, quoted, signed)
    attributions = attribution.attribute(doc, sentences, quoted, found_quotes, signed, held)
    found_quotes = [_spoken(quote, attributions) for quote in found_quotes]
    credits: Mapping[tuple[int, int], tuple[naming.Credit, ...]] = {}
    if entities is not None:
        named = naming.Names(doc, sentences, entities, quoted).name(
            [quote.speaker for quote in found_quotes] + [found.speaker if found else None for found in attributions])
        credits = named.credits
        quoting, attributed = named.speakers[: len(found_quotes)], named.speakers[len(found_quotes) :]
        found_quotes = [replace(quote, speaker=speaker) for quote, speaker in zip(found_quotes, quoting, strict=True)]
        attributions = [replace(found, speaker=speaker) if found else None
                        for found, speaker in zip(attributions, attributed, strict=True)]
    placed = ((sentence.id, sentence.start, found) for sentence, found in zip(sentences, attributions, strict=True))
    heard = tally.tally(found_quotes, placed, credits)
    return Voices(tuple(found_quotes), tuple(attributions), heard)


def _spoken(quote: Quote, attributions: list[Attribution | None]) -> Quote:
    """A quote whose speaker nothing named takes the one its sentence is attributed to by words outside it ("Kaine
    has adopted the stance: “…”"), so that the quote, the sentence and Sources never tell different people."""
    if quote.speaker is not None:
        return quote
    for number in quote.sentence_ids:
        found = attributions[number]
        if found is not None and found.speaker is not None and not quote.start <= found.cue.start < quote.end:
            return replace(quote, speaker=found.speaker, cue=found.cue)
    return quote
