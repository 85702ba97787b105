"""`reader profile`: one article at a glance, worked out from its analysis, as text, JSON and Markdown."""

from __future__ import annotations

import io
import json
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from helpers import TEXT, TITLE, harbour_analysis
from jsonschema import Draft202012Validator
from sample_analysis import recorded
from test_export_command import annotate

from reader.cli import main
from reader.model import Article
from reader.profile import SCHEMA, WORDS_PER_MINUTE, profile, word_count
from reader.profile_report import bar, markdown, text

# An article of our own: a named and an unnamed source, a quote, figures with and without a source, loaded words.
STORY = (
    "Ferry Fares Rise Again\n\n"
    "The ferry company raised its fares by 12% on Monday, according to the port authority.\n\n"
    "\"We had no choice,\" said Maria Costa, the company's director. \"Fuel costs doubled.\"\n\n"
    "Officials said the increase would bring in $3 million a year.\n\n"
    "This is a shameful, reckless decision. The shameful truth is that islanders pay 40 euros for a crossing.\n"
)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((files("reader") / "profile.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def reader(capsys, *arguments: str) -> str:
    """Run `reader ARGUMENTS` in this process (spaCy loads once); its stdout, after status 0 and nothing on stderr."""
    status = main(list(arguments))
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return out


# What the profile counts, from the sample's recorded analysis (no model).


def test_the_samples_profile_counts_its_sentences_and_words_by_label():
    found = profile(recorded())
    assert dict(found.sentences) == {"reported": 11, "quote": 2, "opinion": 5}
    assert found.total_words == sum(word_count(sentence.text) for sentence in recorded().sentences)
    assert found.words["opinion"] > found.words["quote"] > 0
    assert found.reading_minutes == -(-found.total_words // WORDS_PER_MINUTE)


def test_the_samples_profile_names_its_voices_and_the_claims_resting_on_unnamed_sources():
    found = profile(recorded())
    kinds = {voice.name: voice.kind for voice in found.voices}
    assert kinds["NBC News"] == "organisation" and kinds["Antony Blinken"] == "person"
    assert kinds["A senior Biden official"] == "unnamed"
    official = next(voice for voice in found.voices if voice.name == "A senior Biden official")
    assert (official.quoted, official.share) == (1, 1.0)
    assert found.unnamed_claims == 5


def test_the_samples_profile_counts_its_figures_loaded_words_and_finds_its_first_opinion():
    found = profile(recorded())
    assert (found.figures, found.unsourced_figures) == (9, 2)
    assert found.recurring_cues == (("illegal", 3),)
    assert found.first_opinion is not None and found.first_opinion.number == 5


def test_a_voices_share_is_of_every_quoted_word():
    found = profile(harbour_analysis(Article(TEXT, TITLE, "harbour.txt")))
    ruiz = next(voice for voice in found.voices if voice.name == "Ana Ruiz")
    assert ruiz.quoted == 1 and ruiz.share == 1.0 and ruiz.quoted_words == 7
    assert found.unnamed_claims == 1  # "Officials said"


def test_a_bar_is_drawn_to_an_eighth_of_a_character():
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 4) == "██"
    assert bar(1 / 32, 4) == "▏"
    assert bar(0.0, 4) == ""


def test_the_profile_shows_article_text_as_text_never_as_markup_or_escapes():
    article = Article("Hostile *words* [b]here[/b].\n\nThis \x1b[2J is a *terrible* idea.\n", "A #title\x1b]2;x\x07",
                      "-")
    found = profile(harbour_analysis_of(article))
    assert "\x1b" not in text(found) and "\x1b" not in markdown(found)
    assert "A \\#title" in markdown(found)


def harbour_analysis_of(article: Article):
    """An analysis of any text with the harbour's shape: no voices, every sentence reported."""
    from helpers import sentence_analysis

    return sentence_analysis(article)


# The command


def test_reader_profile_prints_the_samples_profile_as_text(capsys, seed_path):
    out = reader(capsys, "profile", str(seed_path))
    assert out.startswith("Mexico Seeks Amnesty In Exchange For Border Aid\n")
    assert "Sentences (18)" in out and "Words (" in out
    assert "claims rest on unnamed sources" in out
    assert f"words at {WORDS_PER_MINUTE} words a minute" in out
    assert "First opinion (sentence " in out


def test_reader_profile_json_of_the_sample_follows_its_schema(capsys, seed_path, validator):
    document = json.loads(reader(capsys, "profile", str(seed_path), "--format", "json"))
    assert list(validator.iter_errors(document)) == []
    assert document["schema"] == SCHEMA
    assert sum(document["sentences"].values()) == 18
    assert document["figures"]["total"] >= document["figures"]["unsourced"] > 0


def test_reader_profile_of_a_small_article_in_every_format(capsys, story, validator):
    document = json.loads(reader(capsys, "profile", str(story), "--format", "json"))
    assert list(validator.iter_errors(document)) == []
    assert document["title"] == "Ferry Fares Rise Again"
    assert document["sentences"]["quote"] >= 1 and document["sentences"]["opinion"] >= 1
    names = {voice["name"]: voice for voice in document["voices"]}
    assert names["Maria Costa"]["kind"] == "person" and names["Maria Costa"]["quoted"] >= 1
    assert document["unnamed_claims"] >= 1  # "Officials said"
    assert {"text": "shameful", "count": 2} in document["opinion_cues"]

    out = reader(capsys, "profile", str(story))
    assert "Maria Costa" in out and "shameful ×2" in out

    report = reader(capsys, "profile", str(story), "--format", "md")
    assert report.startswith("# Profile: Ferry Fares Rise Again\n")
    assert "| Maria Costa | person |" in report and "- shameful ×2" in report


def test_reader_profile_reads_standard_input(monkeypatch, capsys):
    # In this process, as test_cli's stdin tests but one: spaCy loads once a worker, not once a test.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    assert main(["profile", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "-"


@pytest.mark.parametrize(("arguments", "stdin", "words"), [
    (["profile", "/no/such/article.txt"], b"", ["no such file"]),
    (["profile", "-"], b"", ["empty"]),
    (["profile", "story.txt", "--format", "xml"], b"", ["invalid choice"]),
])
def test_reader_profile_of_bad_input_is_one_line_and_status_2(run_reader, arguments, stdin, words):
    result = run_reader(*arguments, stdin=stdin)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: ") and "Traceback" not in result.stderr
    assert all(word in lines[0] for word in words)


# The profile in the notes export


def test_reader_export_include_profile_adds_the_profile_to_the_markdown(capsys, notes_dir, story):
    annotate(Article(STORY, None, str(story)), notes_dir, "This is a shameful, reckless decision.")
    out = reader(capsys, "export", str(story), "--format", "md", "--include", "profile")
    assert "> [!caution] Opinion" in out
    assert "\n## Profile\n" in out and "\n### Voices\n" in out and "- shameful ×2" in out
    assert out.index("[!caution]") < out.index("## Profile")


def test_reader_export_include_profile_in_json_says_it_is_markdown_only(capsys, notes_dir, story):
    annotate(Article(STORY, None, str(story)), notes_dir, "This is a shameful, reckless decision.")
    status = main(["export", str(story), "--format", "json", "--include", "profile"])
    out, err = capsys.readouterr()
    assert status == 0 and "Markdown export only" in err
    assert "Profile" not in out
