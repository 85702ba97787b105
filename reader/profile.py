"""One article at a glance: how much of it is reported, quoted or opinion, who speaks, its figures and loaded words.

Worked out from a finished Analysis alone, so that `reader profile`, the app's `P` and the notes export give the same
numbers; it reads nothing and runs no model. A leaf: the command line, the app and the export all stand on it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from reader.frozen_mapping import FrozenMapping
from reader.model import LABELS, Analysis, Label, Quote, Sentence, Voice

SCHEMA = "reader.profile/1"

WORDS_PER_MINUTE = 230
"""An adult's silent reading speed for non-fiction (Brysbaert 2019 gives 238 on average): the reading time is the
article's words over it, rounded up to a whole minute."""

LOADED_KINDS = frozenset({"evaluative", "sentiment", "intensifier", "framing", "hedge", "modal"})
"""The kinds of opinion cue that are words the author chose (not the shape of a sentence: a question, no source)."""

VOICE_KINDS = {"person": "person", "org": "organisation", "place": "organisation", "other": "organisation",
               "group": "group", "unnamed": "unnamed"}
"""A voice's kind as the profile names it; a place or other named thing that speaks does so as an institution
("Mexico said": its government)."""

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class VoiceShare:
    """One voice of the article: how often quoted and cited, and how many of the quoted words are theirs."""

    name: str | None
    """The entity's name, what the text calls someone it does not name ("a senior official"), or None."""
    kind: str
    quoted: int
    cited: int
    quoted_words: int
    share: float
    """Their quoted words over all the article's quoted words (0 when nobody is quoted)."""


@dataclass(frozen=True)
class Profile:
    """The numbers of one article at a glance."""

    source: str
    title: str | None
    sentences: FrozenMapping[Label, int]
    words: FrozenMapping[Label, int]
    voices: tuple[VoiceShare, ...]
    figures: int
    unsourced_figures: int
    opinion_cues: tuple[tuple[str, int], ...]
    """Each loaded word the author used, with how often, most used first."""
    first_opinion: Sentence | None

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    @property
    def total_sentences(self) -> int:
        return sum(self.sentences.values())

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the article at `WORDS_PER_MINUTE`, rounded up; at least one."""
        return max(1, math.ceil(self.total_words / WORDS_PER_MINUTE))

    @property
    def unnamed_claims(self) -> int:
        """The quotes and cited sentences that rest on a source the article does not name ("officials said")."""
        return sum(voice.quoted + voice.cited for voice in self.voices if voice.kind == "unnamed")

    @property
    def recurring_cues(self) -> tuple[tuple[str, int], ...]:
        """The loaded words used more than once."""
        return tuple((text, count) for text, count in self.opinion_cues if count > 1)

    def to_json(self) -> dict:
        """The `reader.profile/1` document (reader/profile.schema.json; docs/REFERENCE.md#the-profile)."""
        first = self.first_opinion
        return {
            "schema": SCHEMA,
            "source": self.source,
            "title": self.title,
            "sentences": dict(self.sentences),
            "words": dict(self.words),
            "voices": [{"name": voice.name, "kind": voice.kind, "quoted": voice.quoted, "cited": voice.cited,
                        "quoted_words": voice.quoted_words, "share": round(voice.share, 4)} for voice in self.voices],
            "unnamed_claims": self.unnamed_claims,
            "figures": {"total": self.figures, "unsourced": self.unsourced_figures},
            "opinion_cues": [{"text": text, "count": count} for text, count in self.opinion_cues],
            "first_opinion": None if first is None else {"id": first.id, "number": first.number, "text": first.text},
            "reading_minutes": self.reading_minutes,
            "words_per_minute": WORDS_PER_MINUTE,
        }


def profile(analysis: Analysis) -> Profile:
    """The profile of one finished analysis."""
    sentences = {label: 0 for label in LABELS}
    words = {label: 0 for label in LABELS}
    for sentence in analysis.sentences:
        sentences[sentence.label] += 1
        words[sentence.label] += word_count(sentence.text)
    return Profile(
        source=analysis.article.origin,
        title=analysis.article.title,
        sentences=FrozenMapping(sentences),
        words=FrozenMapping(words),
        voices=_voices(analysis),
        figures=len(analysis.figures),
        unsourced_figures=sum(figure.unsourced for figure in analysis.figures),
        opinion_cues=_loaded_words(analysis.sentences),
        first_opinion=next((sentence for sentence in analysis.sentences if sentence.label == "opinion"), None),
    )


def word_count(text: str) -> int:
    """The words of a text, a contraction or a possessive counting as one ("don't", "Biden’s")."""
    return len(_WORD.findall(text))


def _voices(analysis: Analysis) -> tuple[VoiceShare, ...]:
    """Every voice of the analysis, in its order (most heard first, the unnamed last), with its quoted words."""
    all_quoted = sum(word_count(quote.text) for quote in analysis.quotes)
    shares = []
    for voice in analysis.voices:
        quoted_words = sum(word_count(quote.text) for quote in analysis.quotes if _spoken_by(quote, voice))
        shares.append(VoiceShare(voice.name, VOICE_KINDS.get(voice.kind, "organisation"), voice.quoted, voice.cited,
                                 quoted_words, quoted_words / all_quoted if all_quoted else 0.0))
    return tuple(shares)


def _spoken_by(quote: Quote, voice: Voice) -> bool:
    """Whether the tally counted `quote` for `voice`: it keeps where each of a voice's quotes starts, and where its
    speaker is named (a quote nobody is named for goes to the voice without a name)."""
    if quote.start not in voice.claims:
        return False
    if quote.speaker is None:
        return voice.name is None
    return (quote.speaker.start, quote.speaker.end) in voice.mentions


def _loaded_words(sentences: tuple[Sentence, ...]) -> tuple[tuple[str, int], ...]:
    """The loaded words in the author's own sentences (no quote, none relayed from a source), most used first, then
    in the order they first appear."""
    counted: Counter[str] = Counter()
    for sentence in sentences:
        relayed = sentence.attribution is not None and not sentence.attribution.held
        if sentence.label == "quote" or relayed:
            continue
        for cue in sentence.cues:
            if cue.kind in LOADED_KINDS and (cue.push or 0) > 0:
                counted[" ".join(cue.text.casefold().split())] += 1
    return tuple(counted.most_common())
