"""The word lists the analysis reads (lexicons/*.txt), loaded once, and phrase lists compiled into spaCy matchers.

Every data file of the analysis (the word lists here, every group's; a model's weights beside the code that reads
them) starts with a one-line header (`# what it is and where its words come from`); after it, one entry a line,
blank lines and `#` comments ignored.
"""

from __future__ import annotations

import functools
import itertools
import math
from importlib.resources import files
from typing import TYPE_CHECKING

from reader.resources import Damaged

if TYPE_CHECKING:
    from spacy.tokens import Span
    from spacy.vocab import Vocab

PHRASE_GAP = 2
"""How many words of any kind a `*` in a phrase stands for."""


class LexiconError(Damaged, ValueError):
    """A data file without its header line, or with a line that is not what it should be."""


def read(path: str, package: str = "reader.analysis") -> tuple[str, ...]:
    """The entries of a data file of the analysis (`path` inside `package`, the folder of the code that reads it),
    in file order."""
    text = files(package).joinpath(path).read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    if not header.startswith("# "):
        raise LexiconError(f"{path} must start with a '# ' header line saying what it is")
    return tuple(line.strip() for line in body.splitlines() if line.strip() and not line.startswith("#"))


def weights(path: str, package: str) -> dict[str, float]:
    """The weights of a model's data file (`path` inside `package`), `name weight` a line (a name may hold spaces);
    LexiconError for a line that is not, or a weight that is no finite number (every score would be NaN)."""
    table = {}
    for line in read(path, package):
        name, _, value = line.rpartition(" ")
        try:
            weight = float(value)
        except ValueError:
            weight = math.nan
        if not name or not math.isfinite(weight):
            raise LexiconError(f"{path} is damaged: {line[:40]!r} is not a name and a weight (reinstall reader)")
        table[name] = weight
    return table


@functools.cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of the lexicon `lexicons/<name>.txt`, in file order."""
    return read(f"lexicons/{name}.txt")


@functools.cache
def words(name: str) -> frozenset[str]:
    """The entries of a one-word-a-line lexicon."""
    return frozenset(entries(name))


@functools.cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """A lexicon whose lines are a key and then its values, separated by white space."""
    rows = {}
    for line in entries(name):
        key, *values = line.split()
        rows[key] = tuple(values)
    return rows


HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
"""The gender an honorific before a name gives its person (folded): "m" or "f"."""


def given_name_gender(word: str) -> str | None:
    """"m" or "f" for a folded given name the Census lists give mostly to one sex (male_names.txt, female_names.txt),
    else None."""
    if word in words("male_names"):
        return "m"
    if word in words("female_names"):
        return "f"
    return None


@functools.cache
def reporting_verbs() -> dict[str, str]:
    """Reporting verb lemmas, each mapped to its condition: "" (none), "clause", "named" or "subject" (see the file)."""
    return {key: values[0] if values else "" for key, values in table("reporting_verbs").items()}


@functools.cache
def currency_signs() -> tuple[str, ...]:
    """Every currency sign of currencies.txt ($, US$, £ …), longest first so that US$ is found before $."""
    signs = {name for names in table("currencies").values() for name in names if not name.isalpha()}
    return tuple(sorted(signs, key=lambda sign: (-len(sign), sign)))


@functools.cache
def currencies() -> dict[str, str]:
    """Each currency sign or word (lowercase) mapped to its ISO 4217 code."""
    return {name.lower(): code for code, names in table("currencies").items() for name in names}


@functools.cache
def units() -> dict[str, str]:
    """Each spelling of a unit (lowercase, words joined by spaces) mapped to its symbol."""
    return {
        name.replace("_", " "): symbol.replace("_", " ")
        for symbol, names in table("units").items()
        for name in names
    }


class PhraseFinder:
    """The phrases of some lexicons, compiled once into spaCy matchers, each match named by its lexicon's feature.

    A phrase's word matches a token's lowercase form or its lemma; `*` stands for up to `PHRASE_GAP` words
    of any kind. Phrases without a gap go to two PhraseMatchers (one on forms, one on lemmas), which look
    words up by hash; only the few with a gap need the slower token-pattern Matcher.
    """

    def __init__(self, vocab: Vocab, lexicons: dict[str, str]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        self._vocab = vocab
        self._forms = PhraseMatcher(vocab, attr="LOWER")
        self._lemmas = PhraseMatcher(vocab, attr="LEMMA")
        self._gapped = Matcher(vocab)
        for feature, name in lexicons.items():
            phrases = [phrase.split() for phrase in entries(name)]
            plain = [words for words in phrases if "*" not in words]
            self._forms.add(feature, [Doc(vocab, words=words) for words in plain])
            self._lemmas.add(feature, [Doc(vocab, words=words, lemmas=words) for words in plain])
            gapped = [pattern for words in phrases if "*" in words for pattern in _patterns(words)]
            if gapped:
                self._gapped.add(feature, gapped)

    def __call__(self, span: Span) -> list[tuple[str, int, int]]:
        """(feature, first, end) of every match in `span`, token indices within it; overlaps included."""
        # A PhraseMatcher counts tokens from the start of the Doc, a Matcher from the start of the Span.
        found = {
            *((match, first - span.start, end - span.start) for match, first, end in self._forms(span)),
            *((match, first - span.start, end - span.start) for match, first, end in self._lemmas(span)),
            *self._gapped(span),
        }
        return [(self._vocab.strings[match], first, end) for match, first, end in found]


def _patterns(words: list[str]) -> list[list[dict]]:
    """The token patterns of a phrase with a gap: every choice of form or lemma for each of its words."""
    choices = [
        [{"OP": f"{{0,{PHRASE_GAP}}}"}] if word == "*" else [{"LOWER": word}, {"LEMMA": word}]
        for word in words
    ]
    return [list(combination) for combination in itertools.product(*choices)]
