"""The learned opinion model, run from the files shipped in the package, and the stack that explains its score."""

import json
import shutil
import subprocess
import sys
import threading
import tomllib
from importlib.resources import as_file
from pathlib import Path

import pytest

from reader import nlp
from reader.analysis import analyze, analyze_doc, classify, opinion
from reader.analysis.opinion import opinion_model, scoring
from reader.cli import main
from reader.model import Article
from reader.resources import sample_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sample_article()
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
    scores = opinion_model.load().log_odds([OPINION, *FACTS])
    assert scores[0] > 0
    assert all(score < 0 for score in scores[1:])


def test_the_same_sentences_score_the_same_every_time():
    model = opinion_model.load()
    assert model.log_odds(SENTENCES) == model.log_odds(SENTENCES)


def test_a_sentence_scores_the_same_alone_and_among_others():
    model = opinion_model.load()
    together = model.log_odds(SENTENCES)
    alone = [model.log_odds([text])[0] for text in SENTENCES]
    assert together == alone
    assert model.log_odds(SENTENCES[::-1]) == together[::-1]


def test_sentences_scored_ahead_on_another_thread_score_as_they_do_here():
    model = opinion_model.load()
    here = model.log_odds(SENTENCES)
    with model.ahead(SENTENCES[:4]):
        # Asked for in another order, and with some never scored ahead: each is the same score.
        ahead = model.log_odds(SENTENCES[::-1])[::-1]
        assert model.log_odds(SENTENCES[:1]) == here[:1]  # asked again, once the one scored ahead is taken
    assert ahead == here


def test_what_is_scored_ahead_and_never_asked_for_is_dropped_with_its_thread_at_the_end_of_the_block():
    model = opinion_model.load()
    here = model.log_odds(SENTENCES)
    with model.ahead(SENTENCES * 20):
        pass
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("reader sentence model")]
    with model.ahead([]):
        assert model.log_odds(SENTENCES) == here


def test_an_article_analyzed_with_sentences_scored_ahead_is_the_same_as_one_scored_in_turn(sample_analysis):
    article = sample_analysis.article
    assert sample_analysis.to_json() == analyze_doc(article, nlp.parse(article.text)).to_json()


def test_words_past_the_64th_token_do_not_change_the_score():
    model = opinion_model.load()
    long = " ".join(["The committee reviewed the report on the regional water supply in detail."] * 8)
    assert model.log_odds([long]) == model.log_odds([long + " It was, frankly, a disgrace and a scandal!"])


def test_no_sentences_give_no_scores():
    assert opinion_model.load().log_odds([]) == []


def test_the_model_loads_once_and_not_at_import():
    assert opinion_model.load() is opinion_model.load()
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, reader.analysis.opinion.opinion_model; "
         "print(sorted({'onnxruntime', 'tokenizers', 'numpy'} & set(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert imported == "[]"


def test_the_shipped_stack_weighs_the_model_and_every_hand_feature():
    stack = opinion_model.stack()
    assert set(stack.weights) == set(opinion.FEATURES)
    assert stack.model > 0


def test_a_frank_opinion_is_labelled_opinion_and_explained_by_its_modal():
    [sentence] = classify([OPINION])
    assert sentence.label == "opinion"
    assert ("modal", "should") in {(cue.kind, cue.text) for cue in sentence.cues}
    assert all(cue.push is None or cue.push > 0 for cue in sentence.cues)


def test_a_quote_is_labelled_without_asking_the_model(monkeypatch):
    # A quote's label does not hang on the author's opinion: the model is not even asked.
    monkeypatch.setattr(opinion_model, "load", lambda threads=1: pytest.fail("the model was asked"))
    [sentence] = classify(["“We will rebuild the pier by spring,” said Mayor Ana Ruiz."])
    assert sentence.label == "quote"


def test_the_model_reads_the_authors_words_around_a_report_and_not_a_bare_he_said(monkeypatch):
    model = opinion_model.load()
    read: list[str] = []
    real = type(model).log_odds
    monkeypatch.setattr(type(model), "log_odds", lambda self, texts: read.extend(texts) or real(self, texts))
    classify(["Trump falsely claimed that the wall would pay for itself.", "The wall will pay for itself, he said."])
    assert read == ["Trump falsely claimed ."]


def test_once_the_analysis_says_what_it_will_read_the_guesses_not_begun_are_dropped(monkeypatch):
    model = opinion_model.load()
    here = model.log_odds(SENTENCES)
    begun, went_on = threading.Event(), threading.Event()
    on_the_thread: list[str] = []
    real = type(model)._score

    def scored(self, text):
        if threading.current_thread() is not threading.main_thread():
            on_the_thread.append(text)
            begun.set()
            went_on.wait(10)  # the first guess holds the thread until the analysis has said what it reads
        return real(self, text)

    monkeypatch.setattr(type(model), "_score", scored)
    guesses = [f"{OPINION} ({number})" for number in range(20)]
    with model.ahead(guesses):
        begun.wait(10)
        model.only_ahead(SENTENCES[3:])
        went_on.set()
        assert model.log_odds(SENTENCES) == here
    # The one guess begun was finished; the other 19 never ran.
    assert on_the_thread[0] == guesses[0]
    assert not set(on_the_thread) & set(guesses[1:])


def test_words_around_reports_scored_ahead_within_the_block_score_as_they_do_here():
    model = opinion_model.load()
    here = model.log_odds(SENTENCES)
    model.also_ahead(SENTENCES)  # outside a block: nothing is scored ahead, nothing is kept
    with model.ahead(SENTENCES[:2]):
        model.also_ahead(SENTENCES[2:])
        assert model.log_odds(SENTENCES) == here
    assert model.log_odds(SENTENCES) == here


def test_a_stack_file_reads_bias_model_and_feature_weights():
    stack = opinion_model.Stack.parse("# a header line\nbias -0.5\nmodel 0.9\nhedge 0.25\n\nquestion 1.5\n")
    assert stack == opinion_model.Stack(-0.5, 0.9, {"hedge": 0.25, "question": 1.5})


def test_the_model_files_ship_in_the_wheel_and_stay_small():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "opinion_model/*" in package_data["reader.analysis.opinion"]
    folder = ROOT / "reader" / "analysis" / "opinion" / "opinion_model"
    shipped = {path.name: path.stat().st_size for path in folder.iterdir()}
    assert {"model.onnx", "tokenizer.json", "stack.txt", "NOTICE", "LICENSE"} <= set(shipped)
    assert max(shipped.values()) < 40 * 1024 * 1024


# A damaged model: a copy of the shipped folder, damaged one file at a time (the real one is never touched).


@pytest.fixture
def model_copy(tmp_path) -> Path:
    """A copy of the shipped model folder, for a test to damage."""
    copy = tmp_path / "opinion_model"
    with as_file(opinion_model.FOLDER) as folder:
        shutil.copytree(folder, copy)
    return copy


@pytest.fixture
def damaged_model_here(monkeypatch, model_copy) -> Path:
    """This process (and those it forks) reads the model from `model_copy`, loaded afresh, as after an install."""
    caches = (opinion_model.load, opinion_model.stack, scoring.stacked_weights)
    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(opinion_model, "FOLDER", model_copy)
    yield model_copy
    for cache in caches:
        cache.cache_clear()


DAMAGES = {
    "model.onnx missing": ("model.onnx", None),
    "model.onnx not a model": ("model.onnx", b"\x00\x01not a model at all"),
    "model.onnx cut short": ("model.onnx", "half"),
    "tokenizer.json not JSON": ("tokenizer.json", b'{"version": "1.0", "trunc'),
    "stack.txt missing": ("stack.txt", None),
    "stack.txt with a weight that is no number": ("stack.txt", b"# header\nbias nan\nmodel 0.2\n"),
}


def damage(folder: Path, file: str, content: bytes | str | None) -> None:
    path = folder / file
    if content is None:
        path.unlink()
    elif content == "half":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        path.write_bytes(content)


# The command runs in this process, on the damaged copy loaded afresh: a process of its own would load spaCy for
# each damage (a second and a half of a core) only to stop at the model.


@pytest.mark.parametrize(("file", "content"), DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_model_file_is_named_in_one_line_that_points_to_the_rules(damaged_model_here, capsys, file, content):
    damage(damaged_model_here, file, content)
    assert main(["analyze", str(SAMPLE)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"reader: the opinion model's {file} is missing or damaged (")
    assert err.endswith("): reinstall reader, or use --model rules\n")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_the_rules_label_an_article_whatever_became_of_the_model(damaged_model_here, capsys):
    for file in ("model.onnx", "tokenizer.json", "stack.txt"):
        damage(damaged_model_here, file, None)
    assert main(["analyze", str(SAMPLE), "--model", "rules"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out)["sentences"]


def test_the_app_falls_back_to_the_rules_and_says_so(damaged_model_here):
    from reader.background.process import AnalysisProcess
    from reader.background.report import Report

    damage(damaged_model_here, "model.onnx", b"\x00\x01not a model at all")
    article = Article(SAMPLE.read_text(encoding="utf-8"), "Sample", str(SAMPLE))
    told: list[str] = []
    process = AnalysisProcess.start(article)
    try:
        whole = process(article, Report(progress=lambda fraction: None, told=told.append))
    finally:
        process.stop()
    assert [message.split(" (")[0] for message in told] == ["the opinion model's model.onnx is missing or damaged"]
    assert told[0].endswith(": the labels come from the rules alone, as with --model rules")
    assert json.dumps(whole.to_json()) == json.dumps(analyze(article, model="rules").to_json())


async def test_the_app_reading_an_article_says_it_labels_by_the_rules_when_the_model_is_damaged(damaged_model_here):
    from helpers import TEXT, harbour_app, notifications, until

    from reader.background.batches import progressively
    from reader.tui.widgets.article_view import ArticleView

    damage(damaged_model_here, "tokenizer.json", None)
    app = harbour_app(TEXT, analyzer=progressively("learned"))
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query_one(ArticleView).sentences is not None, seconds=60)
        [told] = [message for message in notifications(app) if "tokenizer.json" in message]
        assert told.startswith("Analysis\nthe opinion model's tokenizer.json is missing or damaged (")
        assert told.endswith("the labels come from the rules alone, as with --model rules")


def test_an_export_labels_by_the_rules_when_the_model_is_damaged_and_says_so(damaged_model_here, tmp_path, capsys):
    from test_export_command import STORY, annotate

    damage(damaged_model_here, "stack.txt", None)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    annotate(Article(STORY, None, str(story)), tmp_path / "data", "The decision is a short-sighted blunder")
    assert main(["export", str(story)]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("reader: the opinion model's stack.txt is missing or damaged (")
    assert err.endswith(": the labels come from the rules alone\n") and err.count("\n") == 1
    assert "#reader/opinion" in out


def test_a_damaged_weights_file_of_the_rules_is_one_line_not_nan(monkeypatch, tmp_path, capsys):
    from reader.analysis import lexicon

    # The opinion group's data files are read from a folder holding a damaged weights file; the rest as shipped.
    damaged = tmp_path / "opinion"
    damaged.mkdir()
    (damaged / "opinion_weights.txt").write_text("# weights\nbias nan\nhedge 0.3\n", encoding="utf-8")
    shipped = lexicon.files
    monkeypatch.setattr(lexicon, "files",
                        lambda package: damaged if package == "reader.analysis.opinion" else shipped(package))
    scoring.rules_weights.cache_clear()
    try:
        lines = tmp_path / "lines.txt"
        lines.write_text(OPINION + "\n", encoding="utf-8")
        assert main(["classify", str(lines), "--model", "rules"]) == 2
    finally:
        scoring.rules_weights.cache_clear()
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "reader: opinion_weights.txt is damaged: 'bias nan' is not a name and a weight (reinstall reader)\n"


def test_the_version_says_which_model_file_is_missing(damaged_model_here, capsys):
    damage(damaged_model_here, "tokenizer.json", None)
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[1] == (
        "opinion model: tokenizer.json cannot be read (No such file or directory) (sha256 of model.onnx,"
        " tokenizer.json, stack.txt)")
