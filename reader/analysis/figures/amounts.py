"""The number a figure's words say: digits, number words, scales and fractions (`some 10 million`, `half a million`)."""

from __future__ import annotations

import math
import re

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviated scales only count straight after digits: £3.5m, €2bn, $40k.
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4}
VAGUE = {
    "hundreds", "thousands", "millions", "billions", "trillions", "dozens", "tens", "scores",
    "several", "few", "many", "numerous", "countless", "multiple",
}  # fmt: skip
RANGE_WORDS = {"to", "or"}
_HYPHENED_RANGE = re.compile(r"\d\s?[-–]\s?[\d.]+\s?(?:%|per)")
"""Two numbers joined by a hyphen before a percent sign are a range (60-70%, 72-75 percent)."""
WORDS = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+")
_HEDGE = (
    r"(?:about|around|roughly|approximately|nearly|almost|some|more than|over|less than|fewer than|under|"
    r"at least|at most|up to|close to|upwards of|(?:an )?estimated|as many as|as much as|as few as|just over|"
    r"just under|well over|well under|more or less)"
)
HEDGES = re.compile(rf"^{_HEDGE}\b", re.I)
HEDGE_BEFORE = re.compile(rf"\b{_HEDGE}\s+$", re.I)
"""Words that make a number an estimate or a bound, at the start of a figure's words or just before them."""


def approximate(words: str) -> bool:
    """Whether a figure's words give no exact number: a vague amount (several million, dozens), a range
    (5 to 10, between 5 and 10) or a hedged number (about 1,200, more than 100)."""
    lowered = words.lower()
    tokens = WORDS.findall(lowered)
    ranged = any(
        token in RANGE_WORDS and 0 < index < len(tokens) - 1 and _is_number_word(tokens[index + 1])
        for index, token in enumerate(tokens)
    )
    ranged = ranged or _HYPHENED_RANGE.search(words) is not None
    return bool(VAGUE.intersection(tokens)) or "between" in tokens or ranged or HEDGES.match(lowered) is not None


def is_fraction(lowered: str) -> bool:
    tokens = set(WORDS.findall(lowered))
    return bool(tokens & _FRACTIONS.keys()) and not tokens & (SCALES.keys() | {"dozen", "hundred"})


def amount(words: str) -> float | None:
    """The number a figure's words say: `some 10 million` is 1e7, `half a million` 5e5, `millions` None."""
    lowered = words.lower()
    tokens = WORDS.findall(lowered)
    if "between" in tokens or VAGUE & set(tokens):
        return None
    total, current, seen = 0.0, None, False
    previous_numeric = False
    for index, token in enumerate(tokens):
        numeric = True
        if token[0].isdecimal():
            if previous_numeric:
                return None  # two numbers in a row (9/11, 24/7) are not one amount
            current = (current or 0) + float(token.replace(",", ""))
        elif token in NUMBER_WORDS:
            current = (current or 0) + NUMBER_WORDS[token]
        elif token in _FRACTIONS:
            current = (current or 1) * _FRACTIONS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALES or (token in SHORT_SCALES and previous_numeric and _follows_digits(lowered, token)):
            total += (current if current is not None else 1) * SCALES.get(token, SHORT_SCALES.get(token, 1))
            current = None
        elif token in ("a", "an") and current is None:
            current = 1
            numeric = False
            continue
        elif token in RANGE_WORDS and seen and index + 1 < len(tokens) and _is_number_word(tokens[index + 1]):
            return None
        else:
            numeric = False
        seen = seen or numeric
        previous_numeric = numeric
    if not seen:
        return None
    return as_number(total + (current or 0))


def _follows_digits(lowered: str, scale: str) -> bool:
    return re.search(rf"\d\s?{scale}\b", lowered) is not None


def _is_number_word(token: str) -> bool:
    return token[0].isdecimal() or token in NUMBER_WORDS or token in SCALES


def as_number(value: float) -> float | int | None:
    """Whole numbers as int, so 2e10 reads 20000000000 in JSON; others rounded off float noise; None for a number
    too large for a float (309 digits), which JSON has no way to write."""
    if not math.isfinite(value):
        return None
    value = round(value, 10)
    return int(value) if value.is_integer() else value
