"""The dataclasses that flow from sources through analysis to the CLI, the app and the notes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from hashlib import sha256
from typing import Literal

from reader.origin import STDIN, describe_origin, is_url

Label = Literal["quote", "reported", "opinion"]
LABELS: tuple[Label, ...] = ("reported", "quote", "opinion")

EntityKind = Literal["person", "org", "place", "group", "other"]
FigureKind = Literal["money", "percent", "count", "date", "quantity"]

SCHEMA = "reader.analysis/1"


@dataclass(frozen=True)
class Article:
    """An article as loaded from its source: clean text, no NLP yet."""

    text: str
    title: str | None
    origin: str
    author: str | None = None
    date: str | None = None

    @property
    def sha256(self) -> str:
        return sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def from_stdin(self) -> bool:
        return self.origin == STDIN

    @property
    def from_url(self) -> bool:
        return is_url(self.origin)

    @property
    def described(self) -> str:
        """Where the article came from, in words for a message."""
        return describe_origin(self.origin)


@dataclass(frozen=True)
class Span:
    """A stretch of the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who is speaking or cited: the words in the text and, when known, the entity's name."""

    text: str
    start: int
    end: int
    name: str | None = None


@dataclass(frozen=True)
class Cue:
    """A word or phrase that pushed a sentence towards its label."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    """Who a sentence's claim is attributed to (`speaker`) and the words that say so (`cue`)."""

    speaker: Speaker | None
    cue: Span


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass
class Sentence:
    """One sentence with its label and the reasons behind it."""

    id: int
    start: int
    end: int
    text: str
    paragraph: int
    label: Label = "reported"
    confidence: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)
    cues: list[Cue] = field(default_factory=list)
    attribution: Attribution | None = None


@dataclass(frozen=True)
class Quote:
    """Direct speech between quotation marks, possibly over several sentences and paragraphs."""

    start: int
    end: int
    text: str
    sentence_ids: list[int]
    speaker: Speaker | None
    cue: Span | None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    sentence_id: int


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or group with every mention of it under any of its names."""

    name: str
    kind: EntityKind
    aliases: list[str]
    mentions: list[Mention]


@dataclass(frozen=True)
class Figure:
    """A number in the text, normalised: money, percent, count, date or quantity."""

    text: str
    kind: FigureKind
    value: float | str | None
    unit: str | None
    start: int
    end: int
    sentence_id: int


@dataclass
class Analysis:
    """Everything the reader shows about one article."""

    article: Article
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quotes: list[Quote]
    entities: list[Entity]
    figures: list[Figure]

    def to_json(self) -> dict:
        """The `reader.analysis/1` document (see DESIGN.md)."""
        return {
            "schema": SCHEMA,
            "source": {
                "origin": self.article.origin,
                "title": self.article.title,
                "sha256": self.article.sha256,
            },
            "text": self.article.text,
            "paragraphs": [asdict(p) for p in self.paragraphs],
            "sentences": [_sentence_json(s) for s in self.sentences],
            "quotes": [asdict(q) for q in self.quotes],
            "entities": [asdict(e) for e in self.entities],
            "figures": [asdict(f) for f in self.figures],
        }


def _sentence_json(sentence: Sentence) -> dict:
    document = asdict(sentence)
    if sentence.attribution is not None:
        # The JSON contract (DESIGN.md) names the cited person of an attribution its "source".
        document["attribution"] = {"source": document["attribution"]["speaker"], "cue": document["attribution"]["cue"]}
    return document
