"""The dataclasses of the flow: an analysis written as a reader.analysis/1 document reads back as the same analysis."""

from __future__ import annotations

import json
import pickle

import pytest
from sample_analysis import RECORDED, recorded

from reader.model import (
    Analysis,
    Article,
    Attribution,
    Cue,
    Entity,
    Figure,
    Mention,
    Paragraph,
    Quote,
    Sentence,
    Span,
    Speaker,
    Voice,
)

TEXT = "Reportedly the pier will close. “It is over,” said Ana Ruiz. Locals held it was a shame. It cost $4 million.\n"


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def sentence(number: int, words: str, label, cues=(), attribution=None) -> Sentence:
    return Sentence(number, *at(words), words, 0, label, 0.75, {"reported": 0.25, label: 0.75}, cues, attribution)


def through_json(analysis: Analysis) -> Analysis:
    """The analysis written as JSON text and read back."""
    return Analysis.from_json(json.loads(json.dumps(analysis.to_json(), ensure_ascii=False)))


def test_every_kind_of_part_reads_back_as_it_was_written():
    said = Attribution(Speaker("Ana Ruiz", *at("Ana Ruiz"), "Ana Ruiz"), Span("said", *at("said")))
    analysis = Analysis(
        Article(TEXT, None, "pier.txt"),
        (Paragraph(0, len(TEXT) - 1),),
        (
            # A cue without a source, a quote, a view held, and an opinion cue with its push.
            sentence(0, "Reportedly the pier will close.", "reported", (Cue("attribution", "Reportedly",
                     *at("Reportedly")),), Attribution(None, Span("Reportedly", *at("Reportedly")))),
            sentence(1, "“It is over,” said Ana Ruiz.", "quote", (Cue("quote", "“It is over,”", *at("“It is over,”")),),
                     said),
            sentence(2, "Locals held it was a shame.", "opinion", (Cue("evaluative", "shame", *at("shame"), 1.25),),
                     Attribution(Speaker("Locals", *at("Locals")), Span("held", *at("held")), held=True)),
            sentence(3, "It cost $4 million.", "reported"),
        ),
        (Quote(*at("“It is over,”"), "“It is over,”", (1,), said.speaker, said.cue),
         Quote(*at("“It is over,”"), "“It is over,”", (1,), None, None)),
        (Entity("Ana Ruiz", "person", ("Ruiz",), (Mention(*at("Ana Ruiz"), 1),)),),
        (Figure("$4 million", "money", 4_000_000, "USD", *at("$4 million"), 3, unsourced=True),
         Figure("$4 million", "money", 4.5, None, *at("$4 million"), 3, approximate=True),
         Figure("$4 million", "date", "2024-01-05", None, *at("$4 million"), 3),
         Figure("$4 million", "count", None, None, *at("$4 million"), 3)),
        (Voice("Ana Ruiz", "person", 1, 0, (at("Ana Ruiz"),), (at("“It is over,”")[0],)),
         Voice(None, "unnamed", 0, 1, (), (0,))),
    )
    assert through_json(analysis) == analysis


def test_the_samples_analysis_reads_back_as_the_engine_gave_it(sample_analysis):
    assert through_json(sample_analysis) == sample_analysis


def test_a_sentences_scores_stay_as_they_were_made_and_cross_to_another_process(sample_analysis):
    given = {"reported": 0.25, "opinion": 0.75}
    made = Sentence(0, 0, 4, "Grim", 0, "opinion", 0.75, given, ())
    given["opinion"] = 0.0
    assert made.scores == {"reported": 0.25, "opinion": 0.75}
    with pytest.raises(TypeError):
        made.scores["opinion"] = 0.0  # type: ignore[index]
    # The app's analysis process sends its analysis pickled.
    assert pickle.loads(pickle.dumps(sample_analysis)) == sample_analysis
    assert pickle.loads(pickle.dumps(made)).scores == made.scores


def test_the_recorded_analysis_reads_back_into_the_document_it_was_read_from():
    assert recorded().to_json() == json.loads(RECORDED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("damage", "said"), [
    (lambda document: document.update(schema="reader.analysis/2"), "reader.analysis/2"),
    (lambda document: document.update(text=document["text"] + " More."), "sha256"),
])
def test_a_document_of_another_schema_or_another_text_is_refused(sample_analysis, damage, said):
    document = sample_analysis.to_json()
    damage(document)
    with pytest.raises(ValueError, match=said):
        Analysis.from_json(document)
