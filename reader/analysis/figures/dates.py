"""Dates in a figure's words, resolved to ISO (`2023-12-05`, `2024-11`, `2024`), and durations and ages as quantities.

A date without a year resolves only against a reference date, the article's own; weekdays and relative
dates are taken in the past (news reports what happened), a bare month as the one nearest the reference.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.figures.amounts import NUMBER_WORDS, VAGUE, amount

if TYPE_CHECKING:
    from spacy.tokens import Span

YEAR = re.compile(r"\b(1[0-9]{3}|2[0-9]{3})\b")

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
    r"another|an? additional)\s+)*(?P<amount>[\w.,-]+?(?:\s+(?:and\s+)?(?:a\s+)?[\w-]+)?)[\s-]+"
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
    r"\d|\b(?:ago|last|next|this|past|coming|previous|later|earlier|recent|" + "|".join(NUMBER_WORDS) + r")\b", re.I
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AGE = re.compile(r"(?P<amount>[\w.]+)[- ]years?[- ]old", re.I)


def reference_date(reference: str | None) -> date | None:
    try:
        return date.fromisoformat(reference[:10]) if reference else None
    except ValueError:
        return None


def date_figure(ent: Span, on: date | None):
    """A DATE or TIME entity: a duration becomes a quantity, a date resolves to ISO where it can."""
    text = ent.text
    duration = _DURATION.match(text.strip())
    if duration and not re.search(r"\b(?:ago|earlier|later|from now)\b", text, re.I):
        length = amount(duration["amount"])
        if length is not None or duration["amount"].lower() in VAGUE:
            unit = lexicon.units().get(duration["unit"].lower())
            return ent.start_char, ent.end_char, "quantity", length, unit
    age = _AGE.fullmatch(text.strip())
    if age:
        return ent.start_char, ent.end_char, "quantity", amount(age["amount"]), "year"
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
    if words in _WEEKDAYS:
        # News dated a Tuesday that says "on Tuesday" means that day; dateparser would go back a week.
        return date.fromordinal(on.toordinal() - (on.weekday() - _WEEKDAYS.index(words)) % 7).isoformat()
    parsed = _date_parser(on).get_date_data(words)
    if parsed.date_obj is None:
        return None
    found = parsed.date_obj.date()
    if parsed.period == "year":
        return f"{found.year:04d}"
    if parsed.period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    return found.isoformat()
