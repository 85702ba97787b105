"""Who a speaker is: the entity at the head of its words, the person a pronoun, a title or "his office" stands for,
and whose words a transcript or a statement hands over.

A speaker keeps the words the sentence gives (its `text` and offsets); its `name` says who they are. Where nothing
fits a pronoun, it keeps no name: never a wrong one. Each speaker is also credited to the voices it stands for
(`Named.credits`): each person of "Ann Lee and Bo Park", and the people "the two" or "both lawmakers" stand for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader import nlp
from reader.analysis import lexicon
from reader.analysis.voices.quotation_marks import QuoteIndex
from reader.frozen_mapping import FrozenMapping
from reader.model import Entity, Segment, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MALE = {"he", "him", "his"}
_FEMALE = {"she", "her", "hers"}
_PLURAL = {"they", "them", "their"}
# Words for a person by their office or trade, which "the senator" or "the businessman" stands for.
_ROLES = {"businessman", "businesswoman", "billionaire", "candidate", "nominee", "front-runner", "frontrunner",
          "lawmaker", "congressman", "congresswoman", "senator", "governor", "mayor", "president", "secretary",
          "host", "spokesman", "spokeswoman", "official", "leader", "chairman", "chairwoman", "speaker",
          "representative", "judge", "attorney", "minister", "ambassador", "director", "commissioner", "founder",
          "author", "professor", "veteran", "activist", "reporter", "anchor", "pastor", "sheriff", "chief"}
_FEMALE_ROLES = {"businesswoman", "congresswoman", "spokeswoman", "chairwoman"}
_MALE_ROLES = {"businessman", "congressman", "spokesman", "chairman"}
# What stands in for its owner: "his office said", "her campaign said".
_STAND_INS = {"office", "campaign", "staff", "team", "camp"}
# Texts that hand over the words of whoever spoke last: "Transcript as follows:".
_TEXTS = {"transcript", "excerpt", "text"}
# "the two", "both lawmakers": the people the article named together.
_PAIRS = {"two", "both", "pair", "duo"}
# One of a group, unnamed: "a Nevada Democrat", "another supporter".
_ONE_OF = {"a", "an", "one", "another"}
# How many sentences back a pronoun or a title finds its person; for a quote's tag, counted from where the quote opens
# ("As for Trump, he said …. “…. …. …,” he said" is still Trump's).
_REACH = 3


@dataclass(frozen=True)
class Credit:
    """Who a speaker's words are credited to: an entity's name and kind, or what the text calls someone unnamed
    (kind "unnamed"; no name where even that is a pronoun nothing resolves)."""

    name: str | None
    kind: str


@dataclass(frozen=True)
class _Person:
    start: int
    end: int
    sentence: int
    entity: Entity
    role: int
    """0 for the subject of its sentence's main clause, 1 for the subject of another clause, 2 for neither."""
    quoted: bool


class Names:
    """The entities of one parsed article, to name its speakers."""

    def __init__(self, doc: Doc, sentences: Iterable[Segment], entities: Iterable[Entity], quoted: QuoteIndex) -> None:
        self._doc = doc
        self._text = nlp.text_of(doc)
        sentences = list(sentences)
        self._sentence_starts = [sentence.start for sentence in sentences]
        # The quoted sentences right before the tag of a quote ("…. …. …,” he said"), which put no one further off.
        self._quote_before: list[int] = []
        run = 0
        for sentence in sentences:
            self._quote_before.append(run if quoted.speech_overlaps(sentence.start, sentence.end) else 0)
            run = run + 1 if quoted.speech_share(sentence.start, sentence.end) == 1 else 0
        entities = list(entities)
        self._entity_at: dict[int, Entity] = {}
        people: list[_Person] = []
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self._entity_at.setdefault(token.i, entity)
                if entity.kind == "person":
                    people.append(_Person(mention.start, mention.end, self._sentence(mention.start), entity,
                                          _role(span.root), quoted.in_speech(mention.start)))
        self._people = sorted(people, key=lambda person: person.start)
        self._people_ends = [person.end for person in self._people]
        self._gender = {entity.name: _gender(self._text, entity) for entity in entities if entity.kind == "person"}
        self._surnames: dict[str, set[Entity]] = {}
        for entity in entities:
            if entity.kind == "person":
                for name in (entity.name, *entity.aliases):
                    self._surnames.setdefault(name.split()[-1], set()).add(entity)
        self._speakers: list[tuple[int, Credit]] = []
        """People named as speakers so far, by where they speak: whose words a transcript hands over."""

    def name(self, speakers: Iterable[Speaker | None]) -> Named:
        """Every speaker named, in the order given; they are read in the order of the text."""
        given = list(speakers)
        named: dict[int, Speaker] = {}
        credits: dict[tuple[int, int], tuple[Credit, ...]] = {}
        placed = [(speaker.start, place, speaker) for place, speaker in enumerate(given) if speaker is not None]
        for _, place, speaker in sorted(placed, key=lambda item: item[:2]):
            found = (speaker.start, speaker.end)
            if found not in credits:
                credits[found] = tuple(self._voices(speaker))
                if len(credits[found]) == 1 and credits[found][0].kind == "person":
                    self._speakers.append((speaker.start, credits[found][0]))
            voices = credits[found]
            people = [voice.name for voice in voices if voice.kind != "unnamed" and voice.name]
            named[place] = replace(speaker, name=" and ".join(people) if people else None)
        return Named(tuple(named.get(place) for place in range(len(given))), FrozenMapping(credits))

    def _voices(self, speaker: Speaker) -> Iterator[Credit]:
        span = self._doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if span is None or not len(span):
            yield Credit(speaker.text, "unnamed")
            return
        root = span.root
        if len(span) == 1 and root.lower_ in _MALE | _FEMALE:
            person = self._person(root.idx, "m" if root.lower_ in _MALE else "f")
            yield Credit(person.name, "person") if person else Credit(None, "unnamed")
            return
        if root.lower_ in _PLURAL or _pair(span):
            people = self._pair_before(root.idx) if _pair(span) or root.lower_ in _PLURAL else None
            if people:
                yield from (Credit(entity.name, "person") for entity in people)
            else:
                # "They" with no pair before it names no one; "the two lawmakers" says who they are.
                yield Credit(None if _no_one(root) else _description(span), "unnamed")
            return
        owner = next((child for child in root.children if child.dep_ == "poss"), None)
        if root.lemma_.lower() in _STAND_INS and owner is not None and owner.lower_ in _MALE | _FEMALE:
            person = self._person(owner.idx, "m" if owner.lower_ in _MALE else "f")
            if person is not None:
                yield Credit(person.name, "person")
                return
        parts = self._parts(span)
        named = [entity for entity in (self._last_named(part) for part in parts) if entity is not None] \
            if len(parts) > 1 else [entity for entity in self._heads(root) if entity is not None]
        if named:
            if root.i not in self._entity_at or not _one_of(root):
                yield from (Credit(entity.name, entity.kind) for entity in named)
                return
        if _no_one(root):
            yield Credit(None, "unnamed")
            return
        surnamed = self._surnamed(span)
        if surnamed is not None:
            yield Credit(surnamed.name, surnamed.kind)
            return
        lemma = root.lemma_.lower()
        if lemma in _TEXTS and owner is None and self._speakers:
            yield self._speakers[-1][1]
            return
        if lemma in _ROLES and _definite(root):
            person = self._person(root.idx, "f" if lemma in _FEMALE_ROLES else "m" if lemma in _MALE_ROLES else None)
            if person is not None:
                yield Credit(person.name, "person")
                return
        yield Credit(_description(span), "unnamed")

    def _surnamed(self, span) -> Entity | None:
        """The one person of the article whose name ends with a speaker's lone name ("Trump" where the tagger left
        that mention out), if one alone does."""
        if len(span) != 1 or span[0].pos_ != "PROPN":
            return None
        people = self._surnames.get(span.text)
        return next(iter(people)) if people is not None and len(people) == 1 else None

    def _heads(self, root: Token) -> Iterator[Entity | None]:
        """The entity at the head of a speaker's words, of its apposition ("The head of the PAC, Mike Murphy"), or
        the person a title leads to ("Speaker of the House Rep. Paul Ryan")."""
        entity = self._entity_at.get(root.i)
        if entity is None:
            entity = next((self._entity_at[child.i] for child in root.children
                           if child.dep_ == "appos" and child.i in self._entity_at
                           and self._entity_at[child.i].kind == "person"), None)
        if entity is None:
            entity = self._titled(root)
        yield entity

    def _titled(self, root: Token) -> Entity | None:
        """The person named after a title that heads the speaker's words, with only "of", "the" and capitalised
        words between ("Secretary of State John Kerry"; not "a spokeswoman for Hillary Clinton")."""
        for token in root.doc[root.i + 1 : root.right_edge.i + 1]:
            entity = self._entity_at.get(token.i)
            if entity is not None and entity.kind == "person":
                return entity
            if not (token.text[:1].isupper() or token.lower_ in ("of", "the") or token.text in ("-", ".")):
                return None
        return None

    def _parts(self, span) -> list[list[Token]]:
        """The speakers of "Secretary Antony Blinken and Homeland Security Secretary Alejandro Mayorkas", each
        named by its own words: split at each "and" that stands outside a name ("Procter and Gamble" is one)."""
        parts: list[list[Token]] = [[]]
        for token in span:
            if token.lower_ in ("and", "&") and token.i not in self._entity_at:
                parts.append([])
            elif token.text == "," and len(parts) > 1:
                break  # "A and B, the lawmakers who …": what follows describes them
            else:
                parts[-1].append(token)
        named = [part for part in parts if part and part[-1].i in self._entity_at]
        return named if len(named) == len(parts) else [list(span)]

    def _last_named(self, part: list[Token]) -> Entity | None:
        """The person a conjunct names (the name follows its titles), else its last entity."""
        found = [self._entity_at[token.i] for token in part if token.i in self._entity_at]
        people = [entity for entity in found if entity.kind == "person"]
        return (people or found)[-1] if found else None

    def _person(self, position: int, gender: str | None) -> Entity | None:
        """The person a pronoun or a title at `position` stands for, of its gender: someone outside quotation marks
        before someone inside them, then someone in its sentence or the one before, a subject, the nearest, the subject
        of a main clause before another clause's, the last named."""
        sentence = self._sentence(position)
        skipped = self._quote_before[sentence]

        def distance(person: _Person) -> int:
            return max(0, sentence - person.sentence - skipped) if person.sentence < sentence else 0

        candidates = []
        for person in reversed(self._people[: bisect.bisect_right(self._people_ends, position)]):
            if distance(person) > _REACH:
                break
            if gender is not None and self._gender.get(person.entity.name) not in (None, gender):
                continue
            candidates.append(person)
        if not candidates:
            return None
        best = min(candidates, key=lambda person: (person.quoted, distance(person) > 1, person.role == 2,
                                                   distance(person), person.role, -person.start))
        return best.entity

    def _pair_before(self, position: int) -> list[Entity]:
        """The people of the last "A and B" before `position`, within reach."""
        sentence = self._sentence(position)
        before = self._people[: bisect.bisect_right(self._people_ends, position)]
        for later, earlier in zip(reversed(before), reversed(before[:-1]), strict=False):
            if later.sentence < sentence - _REACH:
                break
            between = self._text[earlier.end : later.start]
            if later.entity != earlier.entity and _AND.fullmatch(between):
                return [earlier.entity, later.entity]
        return []

    def _sentence(self, position: int) -> int:
        return bisect.bisect_right(self._sentence_starts, position) - 1


@dataclass(frozen=True)
class Named:
    """The speakers with their names, and the voices each speaker's words are credited to, by their offsets."""

    speakers: tuple[Speaker | None, ...]
    credits: FrozenMapping[tuple[int, int], tuple[Credit, ...]]


_AND = re.compile(r"\s*(?:,\s*)?(?:and|&)\s+(?:\w+\.?\s+){0,4}?", re.IGNORECASE)


def _role(root: Token) -> int:
    """0 when a mention heads the subject of its sentence's main clause ("Mr. Coffman … said Mr. Trump had …"), 1 when
    it heads another clause's subject, else 2."""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return 2
    verb = root.head
    while verb.dep_ in ("conj", "parataxis"):  # "… and Ms. Lee said", "Trump, Mr. Sexton said, has …"
        verb = verb.head
    return 0 if verb.dep_ == "ROOT" else 1


def _gender(text: str, entity: Entity) -> str | None:
    """A person's gender as the article gives it: an honorific before a mention (Mr., Ms.), else a given name."""
    for mention in entity.mentions:
        before = text[max(0, mention.start - 6) : mention.start].split()
        if before and before[-1].lower() in lexicon.HONORIFICS:
            return lexicon.HONORIFICS[before[-1].lower()]
    for name in (entity.name, *entity.aliases):
        gender = lexicon.given_name_gender(name.split()[0].lower()) if len(name.split()) > 1 else None
        if gender is not None:
            return gender
    return None


def _pair(span) -> bool:
    """ "the two", "both lawmakers", "the pair": people the text named together."""
    return any(token.lower_ in _PAIRS for token in span) and span.root.tag_ in ("NNS", "CD", "NN", "DT")


def _one_of(root: Token) -> bool:
    """ "a Nevada Democrat", "one New Hampshire Republican": one of a group, unnamed."""
    return any(child.dep_ in ("det", "nummod") and child.lower_ in _ONE_OF for child in root.children)


def _no_one(root: Token) -> bool:
    """Whether a speaker's words name no one Sources could list: a pronoun nothing resolved ("they", "it"), a
    quantity or a share of people ("many", "72 percent"), a date, a thing or a speech act ("his remarks")."""
    return root.pos_ in ("PRON", "DET", "NUM", "VERB", "AUX", "CCONJ", "ADP", "SCONJ", "PART", "PUNCT") \
        or root.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL") \
        or root.lemma_.lower() in lexicon.words("no_voices") or root.lower_ in lexicon.words("no_voices")


def _definite(root: Token) -> bool:
    return any(child.dep_ in ("det", "poss") and child.lower_ in ("the", "this", "that") for child in root.children)


def _description(span) -> str:
    """What the text calls an unnamed speaker, without its apposition or clause: "a senior official"."""
    root = span.root
    last = root.i
    first = min((child.left_edge.i for child in root.lefts), default=root.i)
    return span.doc[max(first, span.start) : last + 1].text
