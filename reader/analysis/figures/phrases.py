"""Where a text's figures lie and what each says: its kind, value and unit.

Values: money in its currency's units (`$20 billion` is 2e10 USD), percentages and shares as fractions (`5%` is
0.05, `4 in 10` is 0.4), counts and quantities as numbers. A vague amount (`several million dollars`, `dozens of`,
`tens of thousands`) or a range (`between 5 and 10`) keeps value None, since any single number would claim more than
the text says; a hedged one (`about 1,200`, `more than $1 million`) keeps the number said. Dates with a year resolve
to an ISO string (`2023-12-05`, `2024-11`, `2024`). A date without one (`December`, `Friday`, `last month`) resolves
only against a reference date, the article's own date when it has one; otherwise its value is None, since guessing
the year from today would be wrong for every article read later than it was written (see dates.py). Durations (`two
years`, `125-year`) are quantities in years; clock times (`3 p.m.`) are dates without a value.

A figure's phrase ends where its figure does: the link words spaCy leaves at the ends of a range it cuts in
two ("Between Saturday morning and") are no part of it. Counts written in words below ten (`one` … `nine`,
as news style writes small numbers) are left out: in news they tell the story ("the two candidates", "three
times"), they are not figures a reader checks; counts in digits, dozens and larger amounts are listed. Each side of
a tally (`458 to 359`, `a 5-4 vote`) is a figure of its own (see pairs.py).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from datetime import date
from typing import TYPE_CHECKING

from reader import nlp
from reader.analysis import lexicon
from reader.analysis.figures import amounts
from reader.analysis.figures.amounts import (
    HEDGES,
    NUMBER_WORDS,
    SCALES,
    SHORT_SCALES,
    VAGUE,
    WORDS,
    amount,
    as_number,
    is_fraction,
)
from reader.analysis.figures.dates import YEAR, date_figure
from reader.analysis.figures.pairs import pairs
from reader.model import FigureKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_LABELS: dict[str, FigureKind] = {
    "MONEY": "money",
    "PERCENT": "percent",
    "CARDINAL": "count",
    "QUANTITY": "quantity",
    "DATE": "date",
    "TIME": "date",
}

# Unit spellings that are also common words or scales, and time units, which spaCy's DATE already covers.
_AMBIGUOUS_UNITS = {"m", "in", "g", "t", "mi", "ft", "ha", "oz", "gal"}
_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
_PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percent", "pct", "%")

# Words that end a cut range, and those that join one (between 5 and 10, 5 to 10, 2002-2010).
_LINK_WORDS = {"and", "or", "to", "through", "until", "till", "from", "between"}
_RANGE_LINKS = {"and", "or", "to", "through", "until", "till", "-", "–", "—"}
_COUNTING_WORDS = NUMBER_WORDS.keys() | SCALES.keys() | {"dozen", "hundred"}
_SMALLEST_LISTED = 10
"""Counts written in words below this (one … nine) are left out (see the module's docstring)."""
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PERCENT = re.compile(rf"(?<![\w.])(?P<number>{_NUMBER})\s?(?P<sign>%|percentage points?\b|per ?cent\b|pct\b)")


@functools.cache
def _money() -> re.Pattern[str]:
    """An amount after a currency sign of currencies.txt: $20, US$ 5, £3.5m, €2bn."""
    signs = lexicon.currency_signs()
    single = "".join(re.escape(sign) for sign in signs if len(sign) == 1)
    return re.compile(
        rf"(?<![\w{single}])(?P<sign>{'|'.join(re.escape(sign) for sign in signs)})\s?(?P<number>{_NUMBER})"
        rf"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|[kmb])\b)?",
        re.I,
    )


Measured = tuple[int, int, FigureKind, float | str | None, str | None]
"""A figure's phrase as its start and end in the text, its kind, its value and its unit."""


def measured(doc: Doc, on: date | None) -> list[Measured]:
    """Every figure's phrase in a parsed text, measured, in reading order; `on` resolves relative dates."""
    text = nlp.text_of(doc)
    dates = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    tallies, placings = pairs(text, dates)
    found: list[Measured] = list(tallies)
    taken = sorted([*((start, end) for start, end, *_ in found), *placings])
    for figure in (*_symbol_money(text), *_digit_percents(text), *_proportions(text)):
        if not _overlaps(taken, figure[0], figure[1]) and not _in_a_name(doc, figure[0], figure[1]):
            found.append(figure)
    taken = sorted([*((start, end) for start, end, *_ in found), *placings])
    for joined in _with_ranges_joined(doc):
        ent = _trimmed(joined)
        kind = _LABELS.get(ent.label_) if ent is not None else None
        if ent is None or kind is None or _overlaps(taken, ent.start_char, ent.end_char):
            continue
        figure = _measure(ent, on)
        if figure is not None:
            found.append(figure)
    return sorted(found, key=lambda figure: figure[0])


def _trimmed(ent: Span) -> Span | None:
    """The entity without the link words spaCy leaves at its ends when it cuts a range in two ("Between Saturday
    morning and"): a figure's phrase ends where its figure does. None when nothing is left."""
    from spacy.tokens import Span

    doc = ent.doc
    start, end = ent.start, ent.end
    while end > start and (doc[end - 1].lower_ in _LINK_WORDS or doc[end - 1].is_punct):
        end -= 1
    ranged = any(token.lower_ in _RANGE_LINKS for token in doc[start + 1 : end])
    if end > start and doc[start].lower_ in ("between", "from") and not ranged:
        start += 1
    if end <= start:
        return None
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


def _with_ranges_joined(doc: Doc):
    """The entities, with a range spaCy splits in two (5 to 10, between 5 and 10) made one."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    index = 0
    while index < len(ents):
        ent = ents[index]
        following = ents[index + 1] if index + 1 < len(ents) else None
        if following is not None and following.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            between = doc[ent.end : following.start].text.lower().strip()
            opened = ent[0].lower_ == "between" or (ent.start > 0 and doc[ent.start - 1].lower_ == "between")
            if between in ("to", "or", "-", "–") or (between == "and" and opened):
                start = ent.start - 1 if ent[0].lower_ != "between" and opened else ent.start
                yield Span(doc, start, following.end, label=following.label_)
                index += 2
                continue
        yield ent
        index += 1


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect_right(spans, (start, end))
    neighbours = spans[max(index - 1, 0) : index + 1]
    return any(other_start < end and start < other_end for other_start, other_end in neighbours)


def _symbol_money(text: str):
    """Amounts written with a currency sign, which spaCy often cuts short (£3.5m comes out as 3.5)."""
    for match in _money().finditer(text):
        scale = (match["scale"] or "").lower()
        value = as_number(float(match["number"].replace(",", "")) * (SHORT_SCALES.get(scale) or SCALES.get(scale, 1)))
        yield match.start(), match.end(), "money", value, lexicon.currencies().get(match["sign"].lower())


def _digit_percents(text: str):
    for match in _PERCENT.finditer(text):
        unit = "percentage point" if match["sign"].startswith("percentage") else None
        yield match.start(), match.end(), "percent", as_number(float(match["number"].replace(",", "")) / 100), unit


def _proportions(text: str):
    """A share said as so many in so many ("4 in 10 voters", "one out of five"): one figure, a percentage, where
    spaCy sees two counts."""
    for match in _PROPORTION.finditer(text):
        part, whole = (_number_said(match[name]) for name in ("part", "whole"))
        # A capital mid-sentence is a name's ("Uranium One in three deals").
        in_a_name = match["part"][0].isupper() and text[: match.start()].rstrip()[-1:].isalpha()
        if 0 < part < whole <= _LARGEST_WHOLE and not in_a_name:
            yield match.start(), match.end(), "percent", as_number(part / whole), None


_SMALL_NUMBER = rf"\d{{1,4}}|{'|'.join(NUMBER_WORDS)}"
_PROPORTION = re.compile(rf"(?<![\w.,])(?P<part>{_SMALL_NUMBER}) (?:in|out of) (?P<whole>{_SMALL_NUMBER})(?!\w|[.,]\d)",
                         re.I)
_LARGEST_WHOLE = 1000
"""A whole larger than this is no share's ("3 in 2016" is a date)."""


def _number_said(words: str) -> int:
    return int(words) if words.isdecimal() else NUMBER_WORDS[words.lower()]


def _measure(ent: Span, on: date | None):
    """One spaCy entity as (start, end, kind, value, unit), widened to the unit after it; None if no figure."""
    kind = _LABELS[ent.label_]
    doc = ent.doc
    end_token = ent.end
    words = ent.text
    following = _following_unit(doc, ent.end)
    if kind in ("count", "money", "quantity") and following is not None:
        end_token, kind = following
        words = doc[ent.start : end_token].text
    lowered = words.lower()
    if any(word in lowered for word in _PERCENT_WORDS):
        kind = "percent"
    if kind == "count" and is_fraction(lowered):
        # A share (half, two-thirds) is a proportion of something, not a count of things.
        return ent.start_char, ent.end_char, "percent", amount(words), None
    start, end = ent.start_char, doc[end_token - 1].idx + len(doc[end_token - 1].text)
    if kind == "date":
        return date_figure(ent, on)
    if kind == "count" and not _is_count(ent):
        return _year_figure(ent) if YEAR.fullmatch(ent.text.strip()) else None
    if kind == "money":
        value, currency = amount(words), _currency_of(words, ent.label_)
        if value is None and currency is None and not amounts.approximate(words):
            return None  # words that say no sum and no currency (a name spaCy took for money, "every penny")
        return start, end, kind, value, currency
    if kind == "percent":
        share = amount(words)
        unit = "percentage point" if "percentage point" in lowered else None
        return start, end, kind, None if share is None else as_number(share / 100), unit
    unit = _unit_of(words) if kind == "quantity" else None
    if unit is not None:
        return start, end, kind, amount(words), unit
    # A number spaCy took for a quantity with nothing it measures in ("more than 11 million") is a count.
    kind = "count"
    count = amount(words)
    tokens = WORDS.findall(lowered)
    numbers = [token for token in tokens if token[0].isdecimal() or token in _COUNTING_WORDS]
    if count is None and not (VAGUE.intersection(tokens) or (numbers and amounts.approximate(words))):
        return None
    if numbers and all(NUMBER_WORDS.get(token, _SMALLEST_LISTED) < _SMALLEST_LISTED for token in numbers):
        return None  # one, two … nine: see the module's docstring
    return start, end, kind, count, None


def _following_unit(doc: Doc, index: int) -> tuple[int, FigureKind] | None:
    """A currency, percent or unit word right after a number spaCy left out of it (3 million euros)."""
    if index >= len(doc):
        return None
    word = doc[index].lower_
    two = doc[index : index + 2].text.lower()
    if two in ("per cent", "percentage points", "percentage point"):
        return index + 2, "percent"
    if word in ("percent", "%"):
        return index + 1, "percent"
    if word in lexicon.currencies() and word != "pounds" and doc[index].pos_ != "VERB":
        return index + 1, "money"  # not "only one won"
    if two in lexicon.units():
        return index + 2, "quantity"
    if word in lexicon.units() and word not in _AMBIGUOUS_UNITS and lexicon.units()[word] not in _TIME_UNITS:
        return index + 1, "quantity"
    return None


def _is_count(ent: Span) -> bool:
    """Whether a CARDINAL counts something: not `one of`, not a year, not the number in a name (Section 230, Super
    Bowl 50, the Fight for 15)."""
    doc = ent.doc
    words = ent.text.lower().split()
    after = doc[ent.end] if ent.end < len(doc) else None
    before = doc[ent.start - 1] if ent.start > 0 else None
    if words == ["one"] and (after is None or after.lower_ == "of" or ent[-1].dep_ != "nummod"):
        return False
    if YEAR.fullmatch(ent.text.strip()) and not (after is not None and ent[-1].head == after and after.pos_ == "NOUN"):
        return False
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and ent[-1].dep_ != "nummod":
        return False
    return not (before is not None and (before.lower_ in ("no.", "number", "#") or _names(before, ent)))


_WHO_SCORES = {"PERSON", "NORP", "GPE"}


def _names(before: Token, ent: Span) -> bool:
    """Whether the number ends a capitalised name, mid-sentence: it hangs on the capitalised word just before it
    (Super Bowl 50, Teamsters Local 294, a Cessna 750), or follows "for" or "of" after a capitalised word that
    starts a name (the Fight for 15, a "Fight for $15" rally, a Group of 20; not the AP-GfK Poll of 1,033 adults),
    where the name, not the number, is what the words are about. A person, a party or a place before a number is
    whom it is counted for (Kasich 37, Democrats 10), no name."""
    if before.is_sent_start:
        return False
    if ent[-1].head == before and ent[-1].dep_ == "nummod":
        return _capitalised(before)
    if before.lower_ not in ("for", "of") or before.i < 2:
        return False
    name = before.doc[before.i - 1]
    previous = name.nbor(-1)
    while previous.is_quote and previous.i > 0:
        previous = previous.nbor(-1)
    return _capitalised(name) and not name.is_sent_start and not previous.text[:1].isupper()


def _in_a_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the figure written at `start:end` ends a capitalised name (the "Fight for $15" movement)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.start > 0 and _names(doc[span.start - 1], span)


def _capitalised(word: Token) -> bool:
    return word.text[:1].isupper() and word.ent_type_ not in _WHO_SCORES


def _year_figure(ent: Span):
    return ent.start_char, ent.end_char, "date", ent.text.strip(), None


def _currency_of(words: str, label: str) -> str | None:
    table = lexicon.currencies()
    for sign in lexicon.currency_signs():
        if sign.lower() in words.lower():
            return table.get(sign.lower())
    for word in WORDS.findall(words.lower()):
        if word in table and (word not in ("pound", "pounds") or label == "MONEY"):
            return table[word]
    return None


def _unit_of(words: str) -> str | None:
    """The unit a quantity is in, by its longest known spelling: `5 square miles` is in `sq mi`."""
    table = lexicon.units()
    # A hedge before the number measures nothing ("more than", "about").
    tokens = [token for token in WORDS.findall(HEDGES.sub("", words.strip()).lower()) if not token[0].isdecimal()]
    for size in (3, 2, 1):
        for index in range(len(tokens) - size, -1, -1):
            unit = table.get(" ".join(tokens[index : index + size]))
            if unit is not None:
                return unit
    remainder = [token for token in tokens if token not in NUMBER_WORDS and token not in SCALES]
    return remainder[-1] if remainder else None

