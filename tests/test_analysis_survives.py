"""Whatever the text, the analysis finishes, and everything it finds points at the text exactly."""

from __future__ import annotations

import json

import pytest
from helpers import PIECES, PUNCTUATION, WHITESPACE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader import nlp
from reader.analysis import analyze, classify
from reader.cli import main
from reader.model import Analysis, Article


def assert_points_at_the_text(analysis: Analysis) -> None:
    """Every offset the analysis gives indexes the text it was given."""
    text = analysis.article.text

    def exact(part) -> None:
        assert part is None or text[part.start : part.end] == part.text

    for sentence in analysis.sentences:
        exact(sentence)
        for cue in sentence.cues:
            exact(cue)
        if sentence.attribution is not None:
            exact(sentence.attribution.cue)
            exact(sentence.attribution.speaker)
    for quote in analysis.quotes:
        exact(quote)
        exact(quote.speaker)
        exact(quote.cue)
        assert quote.sentence_ids and all(0 <= number < len(analysis.sentences) for number in quote.sentence_ids)
    for entity in analysis.entities:
        assert entity.mentions
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
    for figure in analysis.figures:
        exact(figure)


@pytest.mark.parametrize("text", [
    "The mayor of Ft. Worth said on Monday that the plan would go ahead.",
    "The mayor of Ft. Worth said on Monday. Ft. Worth is a city in Texas.",
    "It was the San Andreas Fault\nTed Cruz said on Tuesday, as Cruz told reporters.",
    "The House Select\u00a0Committee met. The House Select Committee said the report was done.",
    "The House Select\u2009Committee met.\u3000The Select Committee\u202fsaid so.",
])
def test_names_broken_by_a_dot_or_odd_white_space_do_not_stop_the_analysis(text):
    analysis = analyze(Article(text, None, "test"))
    assert analysis.sentences
    assert_points_at_the_text(analysis)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=60).map("".join))
@example("\n#raises serious concerns")  # the parse once named a line break as the one who holds the view
def test_any_news_like_text_analyzes_into_a_valid_document(validator, text):
    analysis = analyze(Article(text, None, "fuzz"))
    assert_points_at_the_text(analysis)
    if analysis.sentences:
        # The schema asks for at least one sentence, as the CLI does.
        assert not list(validator.iter_errors(json.loads(json.dumps(analysis.to_json()))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=200))
def test_any_unicode_text_analyzes(text):
    assert_points_at_the_text(analyze(Article(text, None, "fuzz")))


def test_a_paragraph_longer_than_spacy_takes_at_once_is_analyzed(monkeypatch, tmp_path, capsys):
    # spaCy refuses a text over its max_length (E088); lowered here so that the test stays quick.
    monkeypatch.setattr(nlp.pipeline(), "max_length", 3_000)
    sentence = "The council met on Monday and the mayor said the plan would go ahead. "
    path = tmp_path / "long.txt"
    path.write_text(sentence * 200, encoding="utf-8")
    assert main(["analyze", str(path), "--format", "jsonl"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["sentences"]) == 200
    assert all(item["text"] == sentence.strip() for item in document["sentences"])


def test_a_classify_line_longer_than_spacy_takes_at_once_is_labelled(monkeypatch):
    monkeypatch.setattr(nlp.pipeline(), "max_length", 3_000)
    line = "The council met on Monday and the mayor said the plan would go ahead, " * 100
    [sentence] = classify([line])
    assert sentence.text == line and sentence.label in ("reported", "opinion")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WHITESPACE + PUNCTUATION + ["word", "Word", "x" * 50]), max_size=200).map("".join))
def test_pieces_for_spacy_join_back_to_the_text_and_stay_short(text):
    pieces = nlp.chunks(text, 60)
    assert "".join(pieces) == text
    assert all(len(piece) <= 60 for piece in pieces)


def test_a_parsed_text_keeps_the_text_it_was_given_in_its_pieces_tokens_and_offsets():
    text = "Headline\n\n  The council met on Monday.\t It said “yes”…\n\n\n\nThe end. " + "Word " * 2_000
    for doc in (nlp.parse(text), *nlp.parse_many([text])):
        assert nlp.text_of(doc) == doc.text == text
        assert all(text[token.idx : token.idx + len(token)] == token.text for token in doc)


def test_a_long_paragraph_is_cut_where_a_sentence_ends():
    sentence = "The council met on Monday. "
    text = sentence * (2 * nlp.LONGEST_PIECE // len(sentence))
    pieces = nlp.chunks(text)
    assert len(pieces) >= 2 and "".join(pieces) == text
    assert all(piece.endswith(". ") for piece in pieces[:-1])


@pytest.mark.parametrize("run", ["'" * 5_000, "(" * 5_000, '"a," Ann said, ' * 1_000])
def test_a_run_of_marks_or_a_sentence_that_never_ends_reaches_spacy_in_short_pieces(run):
    # spaCy's tokenizer and parser take time with the square of a word's and a sentence's length.
    text = f"Headline\n\nThe council met on Monday. {run} The mayor said so.\n"
    pieces = nlp.chunks(text)
    assert "".join(pieces) == text
    assert all(len(piece) <= nlp.LONGEST_SENTENCE for piece in pieces)
    assert all(len(word) <= nlp.LONGEST_WORD for piece in pieces for word in piece.split())
