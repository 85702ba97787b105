"""`reader compare`: two reports of one story, the claims both make, who and what each has alone."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest
from jsonschema import Draft202012Validator

from reader import corpus
from reader.cli import main
from reader.compare import SCHEMA, same_name, split

# Two reports of one event, written for this test.
FIRST = (
    "Storm Closes Harbour\n\n"
    "The storm closed the harbour at Port Ellis on Monday, the coastguard said.\n\n"
    "Mayor Ana Ruiz said 40 boats were damaged in the storm.\n\n"
    "Fishermen fear a long winter without work.\n"
)
SECOND = (
    "Port Ellis Counts The Cost\n\n"
    "Port Ellis harbour was closed by the storm on Monday, according to the coastguard.\n\n"
    "Ruiz told reporters that 55 boats were damaged in the storm.\n\n"
    "The ferry company said crossings would resume on Friday.\n"
)


@pytest.fixture
def articles(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    return first, second


def test_compare_pairs_the_claims_both_make_and_the_figures_they_give_differently(capsys, articles):
    status = main(["compare", str(articles[0]), str(articles[1]), "--format", "json"])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert document["schema"] == SCHEMA
    assert document["a"]["schema"] == "reader.profile/1" and document["b"]["title"] == "Port Ellis Counts The Cost"
    pairs = {(pair["a"], pair["b"]) for pair in document["pairs"]}
    assert (1, 1) in pairs and (2, 2) in pairs
    assert all(0 <= pair["score"] <= 1 for pair in document["pairs"])
    assert {"a": "40", "b": "55", "kind": "count"}.items() <= document["figures_differ"][0].items()
    assert "Port Ellis" in document["entities"]["both"]
    schema = json.loads((files("reader") / "compare.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert not list(Draft202012Validator(schema).iter_errors(document))


def test_compare_in_markdown_shows_the_claims_side_by_side(capsys, articles):
    assert main(["compare", str(articles[0]), str(articles[1])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Compared: Storm Closes Harbour / Port Ellis Counts The Cost\n")
    assert "## Claims both make" in out and "| 40 (sentence 3) | 55 (sentence 3) |" in out


@pytest.fixture
def nothing_analysed(monkeypatch: pytest.MonkeyPatch) -> None:
    """An analysis started fails the test: what `compare` can tell from reading alone, it tells at once."""
    def analyze_all(*arguments: object) -> None:
        raise AssertionError("an article was analysed")

    monkeypatch.setattr(corpus, "analyze_all", analyze_all)


def test_compare_of_one_article_twice_says_so_with_status_2(capsys, articles, tmp_path, nothing_analysed):
    copy = tmp_path / "copy.txt"
    copy.write_text(FIRST, encoding="utf-8")
    assert main(["compare", str(articles[0]), str(copy)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "the same article" in err and len(err.splitlines()) == 1


def test_compare_with_a_readable_a_and_a_missing_b_says_so_before_analysing_a(capsys, articles, nothing_analysed):
    assert main(["compare", str(articles[0]), "/no/such/article.txt", "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "reader: no such file: /no/such/article.txt\n"


def test_compare_with_an_unreadable_article_is_one_line_and_status_2(run_reader, articles):
    result = run_reader("compare", str(articles[0]), "/no/such/article.txt")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "no such file" in result.stderr


def test_a_last_name_stands_for_the_full_name():
    assert same_name("Biden", "Joe Biden") and same_name("the White House", "White House")
    assert not same_name("Jeb Bush", "George Bush")


def test_a_middle_initial_or_a_last_name_beside_the_full_name_is_one_name():
    assert same_name("Donald J. Trump", "Donald Trump") and same_name("Trump", "Donald J. Trump")
    found = split(["Donald Trump", "Kasich", "John Kasich", "Marco Rubio"], ["Donald J. Trump", "John Kasich"])
    assert found.both == ("Donald Trump", "John Kasich")
    assert found.only_a == ("Marco Rubio",) and found.only_b == ()


def test_compare_of_two_different_stories_says_it_found_no_claims_in_common(capsys, articles, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Library Reopens\n\nThe library on Mill Street reopened on Saturday with a new reading room.\n",
                     encoding="utf-8")
    assert main(["compare", str(articles[0]), str(other), "--format", "md", "--model", "rules"]) == 0
    assert "## Claims both make\n\nNone found: the two tell different stories, or one story in other words" in (
        capsys.readouterr().out)


def test_compare_as_text_gives_the_pairs_and_the_figures_that_differ_in_plain_words(capsys, articles):
    assert main(["compare", str(articles[0]), str(articles[1]), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A: Storm Closes Harbour (") and "\nClaims both make (" in out
    assert "40 in A (sentence 3), 55 in B (sentence 3)" in out and "\\$" not in out


def test_compare_as_text_counts_one_claim_on_an_unnamed_source_as_one_claim(capsys, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Harbour Works Start\n\nOfficials said the works on the harbour start in May.\n", encoding="utf-8")
    second.write_text("Harbour Plan\n\nThe council approved the harbour plan on Monday, Mayor Ana Ruiz said.\n",
                      encoding="utf-8")
    assert main(["compare", str(first), str(second), "--format", "text", "--model", "rules"]) == 0
    assert re.search(r"\nUnnamed +1 claim +0 claims\n", capsys.readouterr().out)
