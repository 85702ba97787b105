"""The first look: sentences and labels the app shows before spaCy has loaded, from the text and the sentence model."""

from __future__ import annotations

from itertools import pairwise

from helpers import PIECES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import lexicon, segment
from reader.analysis.first_look import first_look
from reader.model import Article


def cut(text: str) -> list[str]:
    return [place.text for place in segment.rough_sentences(text, segment.paragraphs(text), headline=False)]


def test_a_first_look_cuts_sentences_where_they_end_but_not_after_a_title_an_initial_or_a_number_sign():
    assert cut("Mr. Smith went to Washington. He said no. J. R. Ewing met the U.S. Senate on No. 2 Road.") == [
        "Mr. Smith went to Washington.", "He said no.", "J. R. Ewing met the U.S. Senate on No. 2 Road."]
    # An initialism ends the sentence when a word that opens one follows it.
    assert cut("They live in the U.S. A senior official met the U.K. Foreign Office. It was late.") == [
        "They live in the U.S.", "A senior official met the U.K. Foreign Office.", "It was late."]
    assert cut("“We will rebuild,” said Ruiz. “It is historic.” Why? Because 2016 was a year.") == [
        "“We will rebuild,” said Ruiz.", "“It is historic.”", "Why?", "Because 2016 was a year."]
    # Lines that end a sentence end it, as in the analysis; a lowercase start goes on with the one before.
    assert cut("HOST: Welcome back\nto the show\n\nThe end. and more") == [
        "HOST: Welcome back\nto the show", "The end. and more"]


def test_a_first_look_at_the_sample_mostly_cuts_and_labels_as_the_analysis_does(sample_analysis):
    sample = sample_analysis.article
    looked = first_look(sample, 0, len(sample.text))
    analyzed = {(sentence.start, sentence.end): sentence for sentence in sample_analysis.sentences}
    assert all(sample.text[sentence.start : sentence.end] == sentence.text for sentence in looked)
    assert [sentence.id for sentence in looked] == list(range(len(looked)))
    same = [sentence for sentence in looked if (sentence.start, sentence.end) in analyzed]
    assert len(same) == len(looked) == len(analyzed)
    by_start = {sentence.text[:30]: sentence for sentence in looked}
    assert by_start["Mexico Seeks Amnesty In Exchan"].paragraph == 0  # the headline, on its own
    assert by_start["For some of these things, we w"].label == "quote"
    assert by_start["We share the vision that we ne"].label == "quote"
    assert by_start["According to a report from NBC"].label == "reported"
    assert by_start["With demands like amnesty bein"].label == "opinion"
    assert [cue.kind for cue in by_start["We share the vision that we ne"].cues] == ["quote"]


def test_a_first_look_starts_at_the_paragraph_the_reader_is_in_and_keeps_the_articles_numbering(sample_analysis):
    sample = sample_analysis.article
    paragraphs = segment.paragraphs(sample.text)
    near = paragraphs[3].start + 10
    looked = first_look(sample, near, characters=500)
    assert looked[0].start == paragraphs[3].start and looked[0].paragraph == 3
    assert looked[-1].end <= paragraphs[4].end < len(sample.text)


def test_a_first_look_reads_the_reporting_words_of_the_lexicons_in_the_forms_they_take():
    # Which words report someone is the lexicons' to say; reporting_forms.txt only says how they are written.
    reporting = {*lexicon.reporting_verbs(), *lexicon.words("reporting_nouns"), *lexicon.words("reporting_adverbs")}
    assert set(lexicon.table("reporting_forms")) <= reporting
    article = Article("The pier will close.\n\nThe council told residents on Monday.\n\nIt will reopen, according to"
                      " the mayor.\n\nThe mayor spoke.", None, "pier.txt")
    # A sentence that gives its claim to someone is not the author's opinion: the sentence model never reads it.
    assert [sentence.scores["opinion"] == 0 for sentence in first_look(article)] == [False, True, True, False]


def test_a_text_without_words_has_no_first_look():
    assert first_look(Article("", None, "empty")) == ()
    assert first_look(Article(" \n\n \t", None, "blank")) == ()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=60).map("".join), st.integers(min_value=0, max_value=400))
def test_any_news_like_text_has_a_first_look_that_points_at_the_text(text, near):
    looked = first_look(Article(text, None, "fuzz"), near)
    for sentence in looked:
        assert text[sentence.start : sentence.end] == sentence.text and sentence.text.strip()
        assert all(text[cue.start : cue.end] == cue.text for cue in sentence.cues)
    assert [sentence.start for sentence in looked] == sorted(sentence.start for sentence in looked)
    assert all(before.end <= after.start for before, after in pairwise(looked))
