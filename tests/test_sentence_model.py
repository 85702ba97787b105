"""The learned opinion model, run from the files shipped in the package, and the stack that explains its score."""

import math
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reader import nlp
from reader.analysis import opinion, sentence_model
from reader.model import Sentence

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


def test_the_stack_explains_a_frank_opinion_by_its_modal():
    doc = next(nlp.parse_many([OPINION]))
    features = opinion.features(opinion.signals(doc, Sentence(0, 0, len(OPINION), OPINION, 0)))
    stacked = sentence_model.combine(sentence_model.load().log_odds([OPINION])[0], features)
    assert stacked.probability > 0.5
    assert stacked.pushes["prescription"] > 0


def test_combine_adds_the_pushes_of_model_and_features_to_the_bias():
    stack = sentence_model.Stack(bias=-1.0, model=0.8, weights={"hedge": 0.5, "past": -0.7})
    stacked = sentence_model.combine(2.0, {"hedge": 1.5, "past": 1.0}, stack)
    assert stacked.model == pytest.approx(1.6)
    assert stacked.pushes == pytest.approx({"hedge": 0.75, "past": -0.7})
    assert stacked.probability == pytest.approx(1 / (1 + math.exp(-(-1.0 + 1.6 + 0.75 - 0.7))))


def test_combine_refuses_features_the_stack_was_not_fitted_on():
    stack = sentence_model.Stack(bias=0.0, model=1.0, weights={"hedge": 0.5})
    with pytest.raises(ValueError, match="refit the stack"):
        sentence_model.combine(0.0, {"hedge": 1.0, "sarcasm": 1.0}, stack)


def test_a_stack_file_reads_bias_model_and_feature_weights():
    stack = sentence_model.Stack.parse("# a header line\nbias -0.5\nmodel 0.9\nhedge 0.25\n\nquestion 1.5\n")
    assert stack == sentence_model.Stack(-0.5, 0.9, {"hedge": 0.25, "question": 1.5})


def test_the_model_files_ship_in_the_wheel_and_stay_small():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "opinion_model/*" in package_data["reader.analysis"]
    shipped = {path.name: path.stat().st_size for path in (ROOT / "reader" / "analysis" / "opinion_model").iterdir()}
    assert {"model.onnx", "tokenizer.json", "stack.txt", "NOTICE", "LICENSE"} <= set(shipped)
    assert max(shipped.values()) < 40 * 1024 * 1024
