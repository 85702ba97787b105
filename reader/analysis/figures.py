"""Money, percentages, counts, dates and quantities, normalised.

Values: money in its currency's units (`$20 billion` is 2e10 USD), percentages as fractions (`5%` is
0.05), counts and quantities as numbers. Vague amounts (`millions`, `dozens`, `tens of thousands`)
and ranges (`between 5 and 10`) keep value None: any single number would claim more than the text
says. Qualifiers (`some`, `about`, `more than`) are dropped from the value, kept in the text.
Dates with a year resolve to an ISO string (`2023-12-05`, `2024-11`, `2024`). A date without one
(`December`, `Friday`, `last month`) resolves only against a reference date, the article's own
date when it has one; otherwise its value is None, since guessing the year from today would be wrong
for every article read later than it was written. Against a reference, a weekday or relative date
is taken in the past (news reports what happened), a bare month as the one nearest the reference.
Durations (`two years`) are quantities in years; clock times (`3 p.m.`) are dates without a value.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Figure, FigureKind, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_LABELS: dict[str, FigureKind] = {
    "MONEY": "money",
    "PERCENT": "percent",
    "CARDINAL": "count",
    "QUANTITY": "quantity",
    "DATE": "date",
    "TIME": "date",
}

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviated scales only count straight after digits: £3.5m, €2bn, $40k.
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4}
_VAGUE = {"hundreds", "thousands", "millions", "billions", "trillions", "dozens", "tens", "scores"}
_RANGE_WORDS = {"to", "or"}
# Unit spellings that are also common words or scales, and time units, which spaCy's DATE already covers.
_AMBIGUOUS_UNITS = {"m", "in", "g", "t", "mi", "ft", "ha", "oz", "gal"}
_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
_PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percent", "pct", "%")

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?<![\w$£€¥₹])(?P<sign>(?:US|CA|AU|NZ|HK|MX|[AC])?[$£€¥₹₽₩])\s?(?P<number>{_NUMBER})"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|[kmb])\b)?",
    re.I,
)
_PERCENT = re.compile(rf"(?<![\w.])(?P<number>{_NUMBER})\s?(?P<sign>%|percentage points?\b|per ?cent\b|pct\b)")
_WORDS = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+")
_YEAR = re.compile(r"\b(1[0-9]{3}|2[0-9]{3})\b")

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = [
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
    re.compile(r"(?:the year\s+)?(?P<year>1\d{3}|2\d{3})"),
    re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})"),
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})"),
    re.compile(rf"{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})"),
]
_MONTH_DAY_FORMS = [
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY}"),
    re.compile(rf"{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}"),
]
_BARE_MONTH = re.compile(rf"(?:early|late|mid-?|in|the end of|the beginning of)?\s*{_MONTH}")
_DATE_LEAD = re.compile(r"^(?:in|on|by|since|until|from|during|as of|(?:earlier|later|early|late)(?: in)?)\s+", re.I)
_DURATION = re.compile(
    r"^(?:(?:about|around|nearly|almost|more than|less than|over|some|roughly|at least|the past|the last|the next|"
    r"another|an? additional)\s+)*(?P<amount>[\w.,-]+(?:\s+(?:and\s+)?(?:a\s+)?[\w-]+)?)\s+"
    r"(?P<unit>years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|minutes?|seconds?)$",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?:ago|last|next|this|past|coming|yesterday|today|tomorrow|tonight|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
# What makes a DATE or TIME a figure: a year, a named month or day, or a unit of time anchored by a
# number or a word like "last"; spaCy also tags bare time words ("night", "the closing weeks") and
# words with nothing of a date in them ("Between 5").
_NAMED_DATE = re.compile(
    r"\b\d{4}s?\b|\d+/\d+|\d(?:st|nd|rd|th)\b|\d\s?[ap]\.?m\b|\b(?:yesterday|today|tomorrow|tonight|noon|"
    r"midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter|"
    + "|".join(_MONTHS)
    + r")\b",
    re.I,
)
_TIME_UNIT = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|minutes?|nights?|mornings?|afternoons?|"
    r"evenings?|weekends?|quarters?)\b",
    re.I,
)
_TIME_ANCHOR = re.compile(
    r"\d|\b(?:ago|last|next|this|past|coming|previous|later|earlier|recent|" + "|".join(_NUMBER_WORDS) + r")\b", re.I
)
_AGE = re.compile(r"(?P<amount>[\w.]+)[- ]years?[- ]old", re.I)


@functools.cache
def _currencies() -> dict[str, str]:
    """Each currency sign or word (lowercase) mapped to its ISO code."""
    table = {}
    for line in _read_lines("currencies.txt"):
        code, *names = line.split()
        for name in names:
            table[name.lower()] = code
    return table


@functools.cache
def _units() -> dict[str, str]:
    """Each spelling of a unit (lowercase, words joined by spaces) mapped to its symbol."""
    table = {}
    for line in _read_lines("units.txt"):
        symbol, *names = line.split()
        for name in names:
            table[name.replace("_", " ")] = symbol.replace("_", " ")
    return table


def _read_lines(name: str) -> list[str]:
    text = (Path(__file__).parent / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()[1:] if line.strip()]


def find_figures(doc: Doc, sentences: list[Sentence], reference: str | None = None) -> list[Figure]:
    """Every figure of the article in reading order; `reference` (ISO date, the article's) resolves relative dates."""
    text = doc.text
    on = _reference_date(reference)
    found: list[tuple[int, int, FigureKind, float | str | None, str | None]] = []
    found.extend(_symbol_money(text))
    found.extend(_digit_percents(text))
    taken = sorted((start, end) for start, end, *_ in found)
    for ent in _with_ranges_joined(doc):
        kind = _LABELS.get(ent.label_)
        if kind is None or _overlaps(taken, ent.start_char, ent.end_char):
            continue
        figure = _measure(ent, on)
        if figure is not None:
            found.append(figure)
    starts = [sentence.start for sentence in sentences]
    return [
        Figure(text[start:end], kind, value, unit, start, end, max(bisect_right(starts, start) - 1, 0))
        for start, end, kind, value, unit in sorted(found, key=lambda figure: figure[0])
    ]


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


def _reference_date(reference: str | None) -> date | None:
    try:
        return date.fromisoformat(reference[:10]) if reference else None
    except ValueError:
        return None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect_right(spans, (start, end))
    neighbours = spans[max(index - 1, 0) : index + 1]
    return any(other_start < end and start < other_end for other_start, other_end in neighbours)


def _symbol_money(text: str):
    """Amounts written with a currency sign, which spaCy often cuts short (£3.5m comes out as 3.5)."""
    for match in _MONEY.finditer(text):
        scale = (match["scale"] or "").lower()
        value = _as_number(float(match["number"].replace(",", "")) * (_SHORT_SCALES.get(scale) or _SCALES.get(scale, 1)))
        yield match.start(), match.end(), "money", value, _currencies().get(match["sign"].lower())


def _digit_percents(text: str):
    for match in _PERCENT.finditer(text):
        unit = "percentage point" if match["sign"].startswith("percentage") else None
        yield match.start(), match.end(), "percent", _as_number(float(match["number"].replace(",", "")) / 100), unit


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
    if kind == "count" and _is_fraction(lowered):
        # A share (half, two-thirds) is a proportion of something, not a count of things.
        return ent.start_char, ent.end_char, "percent", _amount(words), None
    start, end = ent.start_char, doc[end_token - 1].idx + len(doc[end_token - 1].text)
    if kind == "date":
        return _date_figure(ent, on)
    if kind == "count" and not _is_count(ent):
        return _year_figure(ent) if _YEAR.fullmatch(ent.text.strip()) else None
    if kind == "money":
        return start, end, kind, _amount(words), _currency_of(words, ent.label_)
    if kind == "percent":
        amount = _amount(words)
        unit = "percentage point" if "percentage point" in lowered else None
        return start, end, kind, None if amount is None else _as_number(amount / 100), unit
    if kind == "quantity":
        return start, end, kind, _amount(words), _unit_of(words)
    amount = _amount(words)
    tokens = set(_WORDS.findall(lowered))
    if amount is None and not tokens & (_VAGUE | _RANGE_WORDS | {"between"}):
        return None
    return start, end, kind, amount, None


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
    if word in _currencies() and word != "pounds":
        return index + 1, "money"
    if two in _units():
        return index + 2, "quantity"
    if word in _units() and word not in _AMBIGUOUS_UNITS and _units()[word] not in _TIME_UNITS:
        return index + 1, "quantity"
    return None


def _is_count(ent: Span) -> bool:
    """Whether a CARDINAL counts something: not `one of`, not a year, not the number in a name (Section 230)."""
    doc = ent.doc
    words = ent.text.lower().split()
    after = doc[ent.end] if ent.end < len(doc) else None
    before = doc[ent.start - 1] if ent.start > 0 else None
    if words == ["one"] and (after is None or after.lower_ == "of" or ent[-1].dep_ != "nummod"):
        return False
    if _YEAR.fullmatch(ent.text.strip()) and not (after is not None and ent[-1].head == after and after.pos_ == "NOUN"):
        return False
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and ent[-1].dep_ != "nummod":
        return False
    return not (before is not None and before.lower_ in ("no.", "number", "#"))


def _is_fraction(lowered: str) -> bool:
    tokens = set(_WORDS.findall(lowered))
    return bool(tokens & _FRACTIONS.keys()) and not tokens & (_SCALES.keys() | {"dozen", "hundred"})


def _year_figure(ent: Span):
    return ent.start_char, ent.end_char, "date", ent.text.strip(), None


def _amount(words: str) -> float | None:
    """The number a figure's words say: `some 10 million` is 1e7, `half a million` 5e5, `millions` None."""
    lowered = words.lower()
    tokens = _WORDS.findall(lowered)
    if "between" in tokens or _VAGUE & set(tokens):
        return None
    total, current, seen = 0.0, None, False
    previous_numeric = False
    for index, token in enumerate(tokens):
        numeric = True
        if token[0].isdecimal():
            if previous_numeric:
                return None  # two numbers in a row (9/11, 24/7) are not one amount
            current = (current or 0) + float(token.replace(",", ""))
        elif token in _NUMBER_WORDS:
            current = (current or 0) + _NUMBER_WORDS[token]
        elif token in _FRACTIONS:
            current = (current or 1) * _FRACTIONS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES or (token in _SHORT_SCALES and previous_numeric and _follows_digits(lowered, token)):
            total += (current if current is not None else 1) * _SCALES.get(token, _SHORT_SCALES.get(token, 1))
            current = None
        elif token in ("a", "an") and current is None:
            current = 1
            numeric = False
            continue
        elif token in _RANGE_WORDS and seen and index + 1 < len(tokens) and _is_number_word(tokens[index + 1]):
            return None
        else:
            numeric = False
        seen = seen or numeric
        previous_numeric = numeric
    if not seen:
        return None
    return _as_number(total + (current or 0))


def _follows_digits(lowered: str, scale: str) -> bool:
    return re.search(rf"\d\s?{scale}\b", lowered) is not None


def _is_number_word(token: str) -> bool:
    return token[0].isdecimal() or token in _NUMBER_WORDS or token in _SCALES


def _as_number(value: float) -> float | int:
    """Whole numbers as int, so 2e10 reads 20000000000 in JSON; others rounded off float noise."""
    value = round(value, 10)
    return int(value) if value.is_integer() else value


def _currency_of(words: str, label: str) -> str | None:
    table = _currencies()
    for sign in ("US$", "CA$", "AU$", "NZ$", "HK$", "MX$", "C$", "A$", "$", "£", "€", "¥", "₹", "₽", "₩"):
        if sign.lower() in words.lower():
            return table.get(sign.lower())
    for word in _WORDS.findall(words.lower()):
        if word in table and (word not in ("pound", "pounds") or label == "MONEY"):
            return table[word]
    return None


def _unit_of(words: str) -> str | None:
    """The unit a quantity is in, by its longest known spelling: `5 square miles` is in `sq mi`."""
    table = _units()
    tokens = [token for token in _WORDS.findall(words.lower()) if not token[0].isdecimal()]
    for size in (3, 2, 1):
        for index in range(len(tokens) - size, -1, -1):
            unit = table.get(" ".join(tokens[index : index + size]))
            if unit is not None:
                return unit
    remainder = [token for token in tokens if token not in _NUMBER_WORDS and token not in _SCALES]
    return remainder[-1] if remainder else None


def _date_figure(ent: Span, on: date | None):
    """A DATE or TIME entity: a duration becomes a quantity, a date resolves to ISO where it can."""
    text = ent.text
    duration = _DURATION.match(text.strip())
    if duration and not re.search(r"\b(?:ago|earlier|later|from now)\b", text, re.I):
        amount = _amount(duration["amount"])
        if amount is not None or duration["amount"].lower() in _VAGUE:
            unit = _units().get(duration["unit"].lower())
            return ent.start_char, ent.end_char, "quantity", amount, unit
    age = _AGE.fullmatch(text.strip())
    if age:
        return ent.start_char, ent.end_char, "quantity", _amount(age["amount"]), "year"
    if not (_NAMED_DATE.search(text) or (_TIME_UNIT.search(text) and _TIME_ANCHOR.search(text))):
        return None
    # A clock time (3 p.m., this morning) names no day of its own.
    value = None if ent.label_ == "TIME" else resolve_date(text, on)
    return ent.start_char, ent.end_char, "date", value, None


def resolve_date(text: str, on: date | None = None) -> str | None:
    """The ISO value of a date's words: from the words alone when they hold a year, else against `on`."""
    words = _DATE_LEAD.sub("", " ".join(text.split()).strip(" ,.")).lower()
    for form in _DATE_FORMS:
        match = form.fullmatch(words)
        if match:
            return _iso(match)
    if on is None:
        return None
    month = _BARE_MONTH.fullmatch(words)
    if month:
        year, number = _nearest_month(_MONTHS[month["month"]], on)
        return f"{year:04d}-{number:02d}"
    for form in _MONTH_DAY_FORMS:
        match = form.fullmatch(words)
        if match:
            year, number = _nearest_month(_MONTHS[match["month"]], on)
            return _iso_day(year, number, int(match["day"]))
    return _relative_date(words, on)


def _iso(match: re.Match) -> str | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("month") is None:
        return f"{year:04d}"
    month = int(parts["month"]) if parts["month"].isdecimal() else _MONTHS[parts["month"]]
    if parts.get("day") is None:
        return f"{year:04d}-{month:02d}"
    return _iso_day(year, month, int(parts["day"]))


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _nearest_month(month: int, on: date) -> tuple[int, int]:
    """A month named without a year, taken as the one nearest the reference date."""
    candidates = [(year, month) for year in (on.year - 1, on.year, on.year + 1)]
    return min(candidates, key=lambda pair: abs((pair[0] - on.year) * 12 + pair[1] - on.month))


@functools.lru_cache(maxsize=8)
def _date_parser(on: date):
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(on.year, on.month, on.day), "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=["en"], settings=settings)


def _relative_date(words: str, on: date) -> str | None:
    """Relative dates (last month, Friday, two weeks ago) against the reference date, by dateparser."""
    if not _RELATIVE.search(words) or re.search(r"decade|centur", words):
        return None  # dateparser makes a day of anything (the 1990s): ask it only about relative words
    words = re.sub(r"^(?:later|earlier|early|late)\s+", "", words)
    parsed = _date_parser(on).get_date_data(words)
    if parsed.date_obj is None:
        return None
    found = parsed.date_obj.date()
    if parsed.period == "year":
        return f"{found.year:04d}"
    if parsed.period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    return found.isoformat()
