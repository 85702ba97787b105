"""The learned opinion model, run from the files shipped in the package, and the stack that explains its score."""

import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest

from reader import nlp
from reader.analysis import analyze_doc, classify, opinion, sentence_model

ROOT = Path(__file__).resolve().parent.parent
OPINION = "Frankly, the council should have acted years ago."
FACTS = [
    "The council met on Tuesday and approved the budget by a vote of seven to two.",
    "The mine employs 400 people and produced 2 million tons of coal last year.",
]
SENTENCES = [
    OPINION,
    *FACTS,
    "What a shameful waste of everyone's time this whole sorry affair has been!",
    "Short.",
    "The bill, which passed the House in March after months of debate over its cost, now goes to the Senate.",
]


def test_a_frank_opinion_scores_as_opinion_and_plain_facts_do_not():
    scores = sentence_model.load().log_odds([OPINION, *FACTS])
    assert scores[0] > 0
    assert all(score < 0 for score in scores[1:])


def test_the_same_sentences_score_the_same_every_time():
    model = sentence_model.load()
    assert model.log_odds(SENTENCES) == model.log_odds(SENTENCES)


def test_a_sentence_scores_the_same_alone_and_among_others():
    model = sentence_model.load()
    together = model.log_odds(SENTENCES)
    alone = [model.log_odds([text])[0] for text in SENTENCES]
    assert together == alone
    assert model.log_odds(SENTENCES[::-1]) == together[::-1]


def test_sentences_scored_ahead_on_another_thread_score_as_they_do_here():
    model = sentence_model.load()
    here = model.log_odds(SENTENCES)
    with model.ahead(SENTENCES[:4]):
        # Asked for in another order, and with some never scored ahead: each is the same score.
        ahead = model.log_odds(SENTENCES[::-1])[::-1]
        assert model.log_odds(SENTENCES[:1]) == here[:1]  # asked again, once the one scored ahead is taken
    assert ahead == here


def test_what_is_scored_ahead_and_never_asked_for_is_dropped_with_its_thread_at_the_end_of_the_block():
    model = sentence_model.load()
    here = model.log_odds(SENTENCES)
    with model.ahead(SENTENCES * 20):
        pass
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("reader sentence model")]
    with model.ahead([]):
        assert model.log_odds(SENTENCES) == here


def test_an_article_analysed_with_sentences_scored_ahead_is_the_same_as_one_scored_in_turn(sample_analysis):
    article = sample_analysis.article
    assert sample_analysis.to_json() == analyze_doc(article, nlp.parse(article.text)).to_json()


def test_words_past_the_64th_token_do_not_change_the_score():
    model = sentence_model.load()
    long = " ".join(["The committee reviewed the report on the regional water supply in detail."] * 8)
    assert model.log_odds([long]) == model.log_odds([long + " It was, frankly, a disgrace and a scandal!"])


def test_no_sentences_give_no_scores():
    assert sentence_model.load().log_odds([]) == []


def test_the_model_loads_once_and_not_at_import():
    assert sentence_model.load() is sentence_model.load()
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, reader.analysis.sentence_model; "
         "print(sorted({'onnxruntime', 'tokenizers', 'numpy'} & set(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert imported == "[]"


def test_the_shipped_stack_weighs_the_model_and_every_hand_feature():
    stack = sentence_model.stack()
    assert set(stack.weights) == set(opinion.FEATURES)
    assert stack.model > 0


def test_a_frank_opinion_is_labelled_opinion_and_explained_by_its_modal():
    [sentence] = classify([OPINION])
    assert sentence.label == "opinion"
    assert ("modal", "should") in {(cue.kind, cue.text) for cue in sentence.cues}
    assert all(cue.push is None or cue.push > 0 for cue in sentence.cues)


def test_a_quote_is_labelled_without_asking_the_model(monkeypatch):
    # A quote's label does not hang on the author's opinion: the model is not even asked.
    monkeypatch.setattr(sentence_model, "load", lambda threads=1: pytest.fail("the model was asked"))
    [sentence] = classify(["“We will rebuild the pier by spring,” said Mayor Ana Ruiz."])
    assert sentence.label == "quote"


def test_a_stack_file_reads_bias_model_and_feature_weights():
    stack = sentence_model.Stack.parse("# a header line\nbias -0.5\nmodel 0.9\nhedge 0.25\n\nquestion 1.5\n")
    assert stack == sentence_model.Stack(-0.5, 0.9, {"hedge": 0.25, "question": 1.5})


def test_the_model_files_ship_in_the_wheel_and_stay_small():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "opinion_model/*" in package_data["reader.analysis"]
    shipped = {path.name: path.stat().st_size for path in (ROOT / "reader" / "analysis" / "opinion_model").iterdir()}
    assert {"model.onnx", "tokenizer.json", "stack.txt", "NOTICE", "LICENSE"} <= set(shipped)
    assert max(shipped.values()) < 40 * 1024 * 1024
