"""Labels in the order a reader needs them: the stretch asked for first, the same whole analysis at the end."""

from __future__ import annotations

import json

import pytest

from reader.analysis import analyze
from reader.analysis.progressive import ProgressiveAnalysis
from reader.model import Article

PARAGRAPHS = [
    "Harbour Plan Divides Town",
    "The council approved a new harbour plan on Monday. The plan costs $4 million, according to the council.",
    "“We will rebuild the pier by spring,” said Mayor Ana Ruiz. “The works start in May.",
    "“Nobody will lose a mooring,” she added.",
    "This is a reckless gamble with public money. Surely the town deserves better.",
    "Officials said the works would take two years. The council meets again on 3 June.",
]
TEXT = "\n\n".join(PARAGRAPHS * 6) + "\n"


def article() -> Article:
    return Article(TEXT, PARAGRAPHS[0], "harbour.txt", date="2024-05-02")


def test_the_stretch_asked_for_comes_first_with_offsets_into_the_article():
    progressive = ProgressiveAnalysis(article(), batch_characters=300)
    near = TEXT.index("This is a reckless", len(TEXT) // 2)
    batch = progressive.next_batch(near)
    assert batch.start <= near < batch.end
    assert 0 < progressive.done < 1 and not progressive.finished
    assert batch.sentences
    for sentence in batch.sentences:
        assert batch.start <= sentence.start < sentence.end <= batch.end
        assert TEXT[sentence.start : sentence.end] == sentence.text
        for cue in sentence.cues:
            assert TEXT[cue.start : cue.end] == cue.text
    reckless = next(sentence for sentence in batch.sentences if sentence.start == near)
    assert reckless.label == "opinion"
    assert TEXT.count("\n\n", 0, reckless.start) == reckless.paragraph


def test_after_the_stretch_asked_for_the_rest_follows_and_then_the_top():
    progressive = ProgressiveAnalysis(article(), batch_characters=300)
    middle = len(TEXT) // 2
    starts = []
    while not progressive.finished:
        starts.append(progressive.next_batch(middle).start)
    first_after = [start for start in starts if start >= starts[0]]
    assert first_after == sorted(first_after) and starts[len(first_after)] == 0
    assert progressive.done == 1


def test_the_sentences_so_far_are_in_text_order_and_numbered_so():
    progressive = ProgressiveAnalysis(article(), batch_characters=300)
    progressive.next_batch(len(TEXT) - 10)
    progressive.next_batch(0)
    so_far = progressive.sentences_so_far()
    assert [sentence.id for sentence in so_far] == list(range(len(so_far)))
    assert [sentence.start for sentence in so_far] == sorted(sentence.start for sentence in so_far)


@pytest.mark.parametrize("near", [0, len(TEXT) // 3, len(TEXT) - 1])
def test_the_whole_is_what_analyze_gives(near):
    progressive = ProgressiveAnalysis(article(), batch_characters=300)
    progressive.next_batch(near)
    whole = progressive.whole()
    assert json.dumps(whole.to_json()) == json.dumps(analyze(article()).to_json())
