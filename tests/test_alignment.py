"""reader/alignment.py: which claims of two reports of one story say the same thing, on small articles of our own."""

from __future__ import annotations

import pytest

from reader.alignment import align, stem, words
from reader.analysis import analyze
from reader.model import Article

# Two reports of one council meeting, written for this test: three claims both make in other words, one each alone.
FIRST = (
    "Council Approves Harbour Plan\n\n"
    "The city council approved the harbour plan on Tuesday after a long debate. "
    "Mayor Ana Ruiz said the new ferry terminal would open in 2027. "
    "Fishermen protested outside the town hall during the vote.\n\n"
    "The plan will cost 40 million euros, officials said.\n"
)
SECOND = (
    "Harbour Plan Passes\n\n"
    "Ruiz promised that the ferry terminal opens in 2027. "
    "Councillors approved the plan for the harbour on Tuesday evening. "
    "Shops near the harbour expect more visitors next summer.\n\n"
    "Officials put the cost of the plan at 40 million euros.\n"
)
# The same words in a report of another story altogether.
OTHER = (
    "Library Reopens\n\n"
    "The library on Mill Street reopened on Saturday with a new reading room. "
    "Children queued for the story hour, the librarian said.\n"
)


def analyzed(text: str, origin: str):
    return analyze(Article(text=text, title=None, origin=origin), model="rules")


@pytest.fixture(scope="module")
def reports():
    return analyzed(FIRST, "first.txt"), analyzed(SECOND, "second.txt"), analyzed(OTHER, "other.txt")


def sentence_of(analysis, words_in: str) -> int:
    return next(sentence.id for sentence in analysis.sentences if words_in in sentence.text)


def test_claims_told_in_other_words_and_order_are_paired_and_those_of_one_report_alone_are_not(reports):
    first, second, _ = reports
    pairs = {(pair.a.id, pair.b.id) for pair in align(first, second)}
    assert (sentence_of(first, "approved the harbour plan"), sentence_of(second, "Councillors approved")) in pairs
    assert (sentence_of(first, "terminal would open"), sentence_of(second, "Ruiz promised")) in pairs
    assert (sentence_of(first, "will cost"), sentence_of(second, "put the cost")) in pairs
    assert sentence_of(first, "Fishermen") not in {a for a, _ in pairs}
    assert sentence_of(second, "Shops near") not in {b for _, b in pairs}


def test_each_sentence_is_paired_once_at_most_and_scores_run_from_0_to_1(reports):
    first, second, _ = reports
    pairs = align(first, second)
    assert len({pair.a.id for pair in pairs}) == len(pairs) == len({pair.b.id for pair in pairs})
    assert all(0 < pair.score <= 1 for pair in pairs)
    assert [pair.a.id for pair in pairs] == sorted(pair.a.id for pair in pairs)


def test_reports_of_different_stories_have_no_claims_in_common(reports):
    first, _, other = reports
    assert align(first, other) == ()


def test_a_higher_threshold_keeps_fewer_pairs(reports):
    first, second, _ = reports
    assert len(align(first, second, threshold=0.99)) < len(align(first, second))


def test_words_are_stemmed_so_that_forms_of_one_word_meet():
    assert stem("pledged") == stem("pledges") == stem("pledge")
    assert words("Donald Trump said he was working on it") == ["donald", "trump", "work"]
