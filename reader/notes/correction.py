"""A reader's correction of a sentence: the label or speaker they say is right, beside what the analysis said."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from reader.model import LABELS, Analysis, Label, Sentence, Voice


@dataclass(frozen=True)
class Correction:
    """What the reader says a sentence is, anchored as a highlight is, with the analysis's own answer kept."""

    id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    label: Label
    """The label the reader says the sentence has (the analysis's own when they corrected only the speaker)."""
    speaker: str | None
    """Who the reader says speaks, or None when they left the speaker as the analysis found it."""
    was_label: Label
    was_speaker: str | None
    number: int
    """The sentence's number (from 1) when it was corrected: `reader notes --corrections` lists it without
    analysing the article again."""
    created: datetime
    updated: datetime
    orphan: bool = False

    def __post_init__(self) -> None:
        if self.label not in LABELS or self.was_label not in LABELS:
            raise ValueError(f"correction {self.id} has a label that is not one of {', '.join(LABELS)}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"correction {self.id} has bad offsets {self.start}..{self.end}")

    @property
    def relabelled(self) -> bool:
        """Whether the reader gave the sentence another label (not only another speaker)."""
        return self.label != self.was_label

    def is_on(self, sentence: Sentence) -> bool:
        """Whether the correction is on `sentence`: most of its passage lies inside it."""
        overlap = min(sentence.end, self.end) - max(sentence.start, self.start)
        return not self.orphan and 2 * overlap > self.end - self.start

    def what_was(self) -> str:
        """What the analysis said, in words: `was reported`, `was reported, said by the council`."""
        parts = []
        if self.relabelled:
            parts.append(f"was {self.was_label}")
        if self.speaker is not None:
            parts.append(f"speaker was {self.was_speaker or 'not named'}")
        return "; ".join(parts)


def corrected(sentences: Sequence[Sentence], corrections: Iterable[Correction]) -> list[Sentence]:
    """The sentences with the labels the reader gave them; the others as the analysis labelled them."""
    ordered = sorted((c for c in corrections if not c.orphan), key=lambda c: c.start)
    result = list(sentences)
    for index, sentence in enumerate(result):
        correction = next((c for c in ordered if c.is_on(sentence)), None)
        if correction is not None and correction.label != sentence.label:
            result[index] = replace(sentence, label=correction.label)
    return result


def recredited(analysis: Analysis, corrections: Iterable[Correction]) -> tuple[Voice, ...]:
    """The analysis's voices with each quote or cited sentence whose speaker the reader corrected counted for the one
    they named, no longer for the one the analysis found: the voice of that name (or the one person whose surname it
    is), else a new person."""
    moved: dict[int, tuple[str, bool, tuple[int, int] | None]] = {}
    """Where each claim given another speaker starts: (that speaker, whether it is a quote, where the analysis found
    its speaker named)."""
    for correction in corrections:
        sentence = next((sentence for sentence in analysis.sentences if correction.is_on(sentence)), None)
        if correction.speaker is None or sentence is None:
            continue
        quote = analysis.quote_of(sentence.id)
        found = quote.speaker if quote is not None else sentence.attribution.speaker if sentence.attribution else None
        moved[quote.start if quote is not None else sentence.start] = (
            correction.speaker, quote is not None, (found.start, found.end) if found is not None else None)
    if not moved:
        return analysis.voices
    named = {where for _, _, where in moved.values()}
    voices = []
    for voice in analysis.voices:
        lost = [moved[claim][1] for claim in voice.claims if claim in moved]
        quoted, cited = voice.quoted - sum(lost), voice.cited - (len(lost) - sum(lost))
        if not lost or quoted + cited:
            voices.append(replace(voice, quoted=quoted, cited=cited,
                                  mentions=tuple(span for span in voice.mentions if not lost or span not in named),
                                  claims=tuple(claim for claim in voice.claims if claim not in moved)))
    for claim, (name, is_quote, where) in sorted(moved.items()):
        at = _voice_named(voices, name)
        if at is None:
            voices.append(Voice(name, "person", 0, 0, (), ()))
            at = len(voices) - 1
        voice = voices[at]
        voices[at] = replace(voice, quoted=voice.quoted + is_quote, cited=voice.cited + (not is_quote),
                             mentions=tuple(sorted({*voice.mentions, *([where] if where else [])})),
                             claims=tuple(sorted({*voice.claims, claim})))
    return tuple(sorted(voices, key=lambda voice: voice.listed_by))


def _voice_named(voices: Sequence[Voice], name: str) -> int | None:
    """Where the named voice called `name` is among `voices`, or the one person whose surname it is."""
    named = [(at, voice.name.casefold()) for at, voice in enumerate(voices) if voice.name and voice.kind != "unnamed"]
    wanted = name.casefold()
    same = [at for at, found in named if found == wanted]
    surnamed = [at for at, found in named if found.endswith(f" {wanted}") and voices[at].kind == "person"]
    return same[0] if same else surnamed[0] if len(surnamed) == 1 else None
