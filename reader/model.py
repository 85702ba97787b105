"""The dataclasses that flow from sources through analysis to the CLI, the app and the notes."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from hashlib import sha256
from typing import Literal

from reader.frozen_mapping import FrozenMapping
from reader.origin import STDIN, describe_origin, is_url

Label = Literal["quote", "reported", "opinion"]
LABELS: tuple[Label, ...] = ("reported", "quote", "opinion")

EntityKind = Literal["person", "org", "place", "group", "other"]
FigureKind = Literal["money", "percent", "count", "date", "quantity"]

SCHEMA = "reader.analysis/1"


def sentence_number(sentence_id: int) -> int:
    """A sentence's number as the app and the exports show it, from its id: counted from 1, where the id counts
    from 0."""
    return sentence_id + 1


@dataclass(frozen=True)
class Link:
    """A link of the page an article came from: the words that carried it, and where it leads."""

    start: int
    end: int
    url: str


@dataclass(frozen=True)
class Article:
    """An article as loaded from its source: clean text, no NLP yet."""

    text: str
    title: str | None
    origin: str
    author: str | None = None
    date: str | None = None
    from_page: bool = False
    """The text was extracted from an HTML page: its offsets count in reader's text, not the page's."""
    links: tuple[Link, ...] = ()
    """The page's links kept in the text, in reading order."""

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


_OWN_VOICE = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "everyone",
                        "everybody", "nobody", "no one", "anyone", "anybody", "one"})


@dataclass(frozen=True)
class Speaker:
    """Who is speaking or cited: the words in the text and, when known, the entity's name."""

    text: str
    start: int
    end: int
    name: str | None = None

    @property
    def authors(self) -> bool:
        """Whether a speaker outside quotation marks is the author ("I think", "we asked") or no one in particular
        ("everyone knows"): no source."""
        return self.text.lower() in _OWN_VOICE


@dataclass(frozen=True)
class Cue:
    """A word or phrase that pushed a sentence towards its label."""

    kind: str
    text: str
    start: int
    end: int
    push: float | None = None
    """How far it moved the opinion score, in log-odds (positive: towards opinion); None for a quotation or an
    attribution, which decide the label by rule, not by score."""


@dataclass(frozen=True)
class Attribution:
    """Who a sentence's claim is attributed to (`speaker`) and the words that say so (`cue`)."""

    speaker: Speaker | None
    cue: Span
    held: bool = False
    """A view the speaker is said to hold ("Other officials weighed in"), not their words relayed: the author
    still speaks, so the sentence is judged as the author's and cites nobody."""


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """One sentence's place in the text, before anything is known about what it says."""

    id: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Sentence:
    """One sentence with its label and the reasons behind it."""

    id: int
    start: int
    end: int
    text: str
    paragraph: int
    label: Label
    confidence: float
    scores: Mapping[str, float]
    """The score of every label; read-only, whatever it was made from."""
    cues: tuple[Cue, ...] = ()
    attribution: Attribution | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.scores, FrozenMapping):
            object.__setattr__(self, "scores", FrozenMapping(self.scores))

    @property
    def number(self) -> int:
        """The sentence's number as the app and the exports show it (see `sentence_number`)."""
        return sentence_number(self.id)


@dataclass(frozen=True)
class Quote:
    """Direct speech between quotation marks, possibly over several sentences and paragraphs."""

    start: int
    end: int
    text: str
    sentence_ids: tuple[int, ...]
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
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


_COUNTED_UNITS = {
    "percentage point": "percentage points", "year": "years", "month": "months", "week": "weeks", "day": "days",
    "hour": "hours", "minute": "minutes", "second": "seconds", "decade": "decades", "century": "centuries",
    "acre": "acres", "ton": "tons",
}  # fmt: skip
"""The units written as words (reader/analysis/lexicons/units.txt), as counted: `2 weeks`; a symbol (`ft`, `USD`)
stays as it is."""


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
    unsourced: bool = False
    """An amount, share, count or quantity whose sentence says nowhere where it comes from
    (no quote, no attribution)."""
    approximate: bool = False
    """The words give no exact number: a vague amount (several million dollars, dozens), a range (5 to 10) or
    a hedged number (about 1,200, more than 100); `value` is then the number said, or None when none is."""

    @property
    def normalised(self) -> str:
        """The value as a reader compares figures: `20,000,000,000 USD`, `12.5 %`, `2024-01-05`, `≈ 1,200` for an
        estimate, `no exact value` for a vague amount; "" when a date or a time has no value."""
        value = self.value
        if value is None:
            if not self.approximate:
                return ""
            return f"no exact value ({self.unit})" if self.unit else "no exact value"
        if self.kind == "percent" and not isinstance(value, str):
            value = round(value * 100, 10)  # a share is kept as a fraction, read in percent
        if isinstance(value, str):
            text = value
        elif float(value).is_integer():
            text = f"{int(value):,}"
        elif self.approximate:
            text = f"{value:,.3g}"  # "less than a third" is ≈ 33.3 %, not 33.3333
        else:
            text = f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.2f}"
        if self.kind == "percent" and self.unit in (None, "%", "percent"):
            text = f"{text} %"
        elif self.unit is not None:
            text = f"{text} {self.unit if text == '1' else _COUNTED_UNITS.get(self.unit, self.unit)}"
        return f"≈ {text}" if self.approximate else text


@dataclass(frozen=True)
class Voice:
    """One speaker as the article uses them: how often quoted and cited, and where."""

    name: str | None
    """The entity's name, else what the text calls someone it does not name; None when nobody is named."""
    kind: str
    """person, org, place, group or other, as the entity; unnamed for someone only described ("a senior official")."""
    quoted: int
    cited: int
    mentions: tuple[tuple[int, int], ...]
    """Where the speaker is named in the text."""
    claims: tuple[int, ...]
    """Where each of their quotes and attributed sentences starts."""

    @property
    def listed_by(self) -> tuple[bool, bool, int, str]:
        """Where the voice stands in a list: the most heard first, the unnamed after the named, nobody last."""
        return self.name is None, self.kind == "unnamed", -(self.quoted + self.cited), (self.name or "").casefold()


@dataclass(frozen=True)
class Analysis:
    """Everything the reader shows about one article."""

    article: Article
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    figures: tuple[Figure, ...]
    voices: tuple[Voice, ...] = ()

    @functools.cached_property
    def counts(self) -> Counter[str]:
        """How many sentences have each label."""
        return Counter(sentence.label for sentence in self.sentences)

    def quote_of(self, sentence_id: int) -> Quote | None:
        """The quote a sentence is part of, if any."""
        return self._quotes_by_sentence.get(sentence_id)

    @functools.cached_property
    def _quotes_by_sentence(self) -> dict[int, Quote]:
        found: dict[int, Quote] = {}
        for quote in self.quotes:
            for sentence_id in quote.sentence_ids:
                found.setdefault(sentence_id, quote)
        return found

    def to_json(self) -> dict:
        """The `reader.analysis/1` document (reader/analysis.schema.json; docs/REFERENCE.md#the-json)."""
        return {
            "schema": SCHEMA,
            "source": {
                "origin": self.article.origin,
                "title": self.article.title,
                "sha256": self.article.sha256,
            },
            "text": self.article.text,
            "paragraphs": [_json(p) for p in self.paragraphs],
            "sentences": [_sentence_json(s) for s in self.sentences],
            "quotes": [_json(q) for q in self.quotes],
            "entities": [_json(e) for e in self.entities],
            "figures": [_json(f) for f in self.figures],
            "voices": [_json(v) for v in self.voices],
            "counts": {label: self.counts[label] for label in LABELS},
        }

    @classmethod
    def from_json(cls, document: Mapping) -> Analysis:
        """The analysis a `reader.analysis/1` document holds, as `to_json` wrote it; the document keeps no author,
        date or links of the article."""
        if document.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document: its schema is {document.get('schema')!r}")
        source = document["source"]
        article = Article(document["text"], source["title"], source["origin"])
        if article.sha256 != source["sha256"]:
            raise ValueError("the document's text is not the text its sha256 names")
        return cls(
            article,
            tuple(Paragraph(**paragraph) for paragraph in document["paragraphs"]),
            tuple(_sentence(sentence) for sentence in document["sentences"]),
            tuple(_quote(quote) for quote in document["quotes"]),
            tuple(_entity(entity) for entity in document["entities"]),
            tuple(Figure(**figure) for figure in document["figures"]),
            tuple(_voice(voice) for voice in document["voices"]),
        )


def _json(value: object) -> dict:
    """A dataclass as JSON data: its tuples become lists."""
    return asdict(value, dict_factory=lambda pairs: {key: _lists(item) for key, item in pairs})  # type: ignore[call-overload]


def _lists(value: object) -> object:
    return [_lists(item) for item in value] if isinstance(value, tuple) else value


def _sentence_json(sentence: Sentence) -> dict:
    document = {"number": sentence.number, **_json(sentence)}
    document["scores"] = dict(sentence.scores)
    if sentence.attribution is not None:
        # The JSON contract (reader/analysis.schema.json) names the cited person of an attribution its "source".
        found = document["attribution"]
        document["attribution"] = {"source": found["speaker"], "cue": found["cue"], "held": found["held"]}
    return document


def _speaker(data: Mapping | None) -> Speaker | None:
    return None if data is None else Speaker(**data)


def _span(data: Mapping | None) -> Span | None:
    return None if data is None else Span(**data)


def _sentence(data: Mapping) -> Sentence:
    fields = {key: value for key, value in data.items() if key != "number"}  # the number is the id, counted from 1
    found = data["attribution"]
    attribution = None if found is None else Attribution(_speaker(found["source"]), Span(**found["cue"]), found["held"])
    return Sentence(**{**fields, "cues": tuple(Cue(**cue) for cue in data["cues"]), "attribution": attribution})


def _quote(data: Mapping) -> Quote:
    return Quote(**{**data, "sentence_ids": tuple(data["sentence_ids"]), "speaker": _speaker(data["speaker"]),
                    "cue": _span(data["cue"])})


def _entity(data: Mapping) -> Entity:
    mentions = tuple(Mention(**mention) for mention in data["mentions"])
    return Entity(**{**data, "aliases": tuple(data["aliases"]), "mentions": mentions})


def _voice(data: Mapping) -> Voice:
    places = tuple(tuple(place) for place in data["mentions"])
    return Voice(**{**data, "mentions": places, "claims": tuple(data["claims"])})
