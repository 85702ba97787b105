"""Many sources on several cores, and one source on two: the same bytes out whatever `--jobs` says."""

from __future__ import annotations

import pytest

import reader.analysis
from reader.cli import main

ARTICLES = [
    "The council approved the harbour plan on Monday, the mayor said.\n\nThis reckless plan will only deepen the"
    " crisis. Surely the town deserves better.",
    "“We will rebuild the pier by spring,” said Mayor Ana Ruiz. Officials said the works start in May.",
    "Harbour Plan Divides Town\n\nThe plan costs $4 million, according to the council. It is a gamble.",
]


@pytest.fixture
def sources(tmp_path) -> list[str]:
    paths = []
    for number, text in enumerate(ARTICLES):
        path = tmp_path / f"article-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_sources_analysed_on_two_processes_are_written_in_order_and_byte_for_byte_as_on_one(sources, capsys):
    assert main(["analyze", "--format", "jsonl", "--jobs", "1", *sources]) == 0
    alone = capsys.readouterr().out
    assert main(["analyze", "--format", "jsonl", "--jobs", "2", *sources]) == 0
    assert capsys.readouterr().out == alone
    assert len(alone.splitlines()) == len(sources)


@pytest.mark.parametrize(("jobs", "ahead"), [("2", True), ("1", False)])
def test_one_source_gives_a_spare_core_to_the_opinion_model_unless_jobs_keeps_it_to_one(
        sources, capsys, monkeypatch, jobs, ahead):
    asked = []
    analyze = reader.analysis.analyze

    def watched(article, **options):
        asked.append(options["ahead"])
        return analyze(article, **options)

    monkeypatch.setattr(reader.analysis, "analyze", watched)
    assert main(["analyze", "--format", "jsonl", "--jobs", jobs, sources[0]]) == 0
    assert asked == [ahead]
    monkeypatch.undo()
    assert main(["analyze", "--format", "jsonl", "--jobs", "1", sources[0]]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == lines[1]
