"""The documented example of a corpus spread over workers with Dask runs, and gives what `reader analyze` gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.cli import main

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "REFERENCE.md"
ARTICLES = [
    "The council approved the harbour plan on Monday, the mayor said.",
    "This reckless plan will only deepen the crisis.",
    "“We will rebuild the pier by spring,” said Mayor Ana Ruiz.",
]


def example() -> str:
    """The Python block of docs/REFERENCE.md's section on a corpus too large for one machine."""
    section = REFERENCE.read_text(encoding="utf-8").split("## Many articles at once", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_documented_corpus_example_writes_each_analysis_as_reader_analyze_does(tmp_path, monkeypatch, capsys):
    pytest.importorskip("dask.bag")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, text in enumerate(ARTICLES):
        (corpus / f"article-{number}.txt").write_text(text + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(example(), "docs/REFERENCE.md", "exec"), {"__name__": "example"})
    written = [line for path in sorted((tmp_path / "analyses").glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines()]
    paths = sorted(str(path.relative_to(tmp_path)) for path in corpus.glob("*.txt"))
    assert main(["analyze", "--format", "jsonl", "--jobs", "1", *paths]) == 0
    expected = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in written] == [json.loads(line) for line in expected]
