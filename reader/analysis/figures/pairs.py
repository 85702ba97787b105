"""Two numbers said as a pair: a tally (`Cruz trails Trump 458 to 359`, `a 5-4 vote`, `a 5-to-4 decision`,
`beat Trump 46 to 40 percent`) and a placing (`finished 1-2`).

A tally gives each side's number, so each is a figure of its own: two counts, or two percentages when a percent sign
follows. A range is written low to high (`5 to 10 people`, `90 to 95 percent`) and a tally winner first, so a pair is
a tally only when its first number is at least its second (a tie, `4-4`, is one too). A range of percentages
(`90 to 95 percent`, `60-70%`), or of counts (`80-200 weapons`), is one figure with no single value, as other ranges
are, not one end alone; but two shares that each carry a sign and a hyphen are a poll's tally whichever comes first
(`34%-54%`). A placing (`1-2`, first and second) counts nothing: it is no figure, and no part of it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.analysis.figures.amounts import as_number
from reader.model import FigureKind

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_PAIR = re.compile(
    rf"(?<![\w.,$£€:/–-])(?P<first>{_NUMBER})(?P<first_sign>%)?(?P<link> to |-to-|-|–)(?P<second>{_NUMBER})"
    rf"(?:(?P<second_sign>%)|\s?(?P<percent>percent|per cent|percentage points?)\b)?(?![\w/–-]|[.,:]\d)"
)
_NOT_AFTER = re.compile(r"\b(?:from|ages?|aged|No\.|#)\s*$", re.I)
"""Words after which a pair is a change, ages or a name (`from 12 to 10`, `ages 18-34`, `No. 15-674`)."""
_RANGE_AFTER = re.compile(r"\bbetween\s*$", re.I)
"""A word after which a pair is a range whichever number comes first."""
_UNIT_AFTER = re.compile(
    r"\s*(?:(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|feet|foot|miles?)\b|[ap]\.m\.)", re.I)
"""A unit after a pair makes it a range of durations, times or lengths, which the other figures read."""

_EARLIEST_YEAR = 1000

Pair = tuple[int, int, FigureKind, float | str | None, str | None]
"""A figure found in a pair: start, end, kind, value and unit, as `phrases.Measured`."""


def pairs(text: str, dates: Iterable[tuple[int, int]] = ()) -> tuple[list[Pair], list[tuple[int, int]]]:
    """The figures of the text's tallies and ranges of percentages, and the spans of its placings, which hold none.

    `dates` are where the text's dates lie: a pair whose first number ends one is none (on July 14 to 46 percent).
    """
    dates = list(dates)
    figures: list[Pair] = []
    placings: list[tuple[int, int]] = []
    for match in _PAIR.finditer(text):
        first, second = (float(match[name].replace(",", "")) for name in ("first", "second"))
        if _NOT_AFTER.search(text, max(match.start() - 10, 0), match.start()):
            continue
        if _UNIT_AFTER.match(text, match.end()) or any(start < match.start() < end for start, end in dates):
            continue
        if match["link"] != " to " and (first, second) == (1, 2) and not (match["first_sign"] or match["percent"]
                                                                           or match["second_sign"]):
            placings.append((match.start(), match.end()))
            continue
        percent = bool(match["first_sign"] or match["second_sign"] or match["percent"])
        unit = "percentage point" if (match["percent"] or "").startswith("percentage") else None
        if first < second and percent and not (match["first_sign"] and match["link"] != " to "):
            figures.append((match.start(), match.end(), "percent", None, unit))  # a range: no single value
            continue
        if first < second and match["link"] in ("-", "–") and not percent and first < _EARLIEST_YEAR:
            figures.append((match.start(), match.end(), "count", None, None))  # 80-200 weapons, spaCy's 80 alone
            continue
        if first < second or (first >= _EARLIEST_YEAR and second < 100):  # 2007-09 is a span of years
            continue
        if _RANGE_AFTER.search(text, max(match.start() - 10, 0), match.start()):
            continue
        for name, value in (("first", first), ("second", second)):
            start = match.start(name)
            end = match.end(f"{name}_sign") if match[f"{name}_sign"] else match.end(name)
            if name == "second" and match["percent"]:
                end = match.end()
            if percent:
                figures.append((start, end, "percent", as_number(value / 100), unit))
            else:
                figures.append((start, end, "count", as_number(value), None))
    return figures, placings
