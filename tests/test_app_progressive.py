"""Labels where the reader is looking first: each batch on screen as it comes, the cursor never jumping."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import (
    TEXT,
    TITLE,
    analyzed,
    app_detail,
    harbour_analysis,
    harbour_app,
    notifications,
    screen_lines,
    until,
)
from textual.widgets import ProgressBar

from reader.analysis import analyze
from reader.analysis.progressive import ProgressiveAnalysis
from reader.background.batches import progressively
from reader.background.labelled import LabelledSoFar
from reader.background.process import AnalysisProcess
from reader.background.report import AnalysisCancelled, Report
from reader.model import Article, Sentence
from reader.tui import comparison_analyses
from reader.tui.marks import CURSOR_MARK, GLYPHS
from reader.tui.widgets.article_header import Legend
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine


def batch_of(analysis, first: int, last: int):
    """Sentences first..last of a hand-made analysis, numbered as a batch of its own would be."""
    return tuple(replace(sentence, id=number) for number, sentence in enumerate(analysis.sentences[first : last + 1]))


def test_batches_in_any_order_make_the_sentences_in_text_order_numbered_as_the_whole_numbers_them():
    whole = harbour_analysis(Article(TEXT, "Harbour", "harbour.txt"))
    labelled = LabelledSoFar()
    assert labelled.add(()) == ()
    middle = labelled.add(batch_of(whole, 4, 6))
    assert [sentence.id for sentence in middle] == [0, 1, 2]
    labelled.add(batch_of(whole, 7, len(whole.sentences) - 1))
    everything = labelled.add(batch_of(whole, 0, 3))
    assert everything == tuple(whole.sentences)


async def test_a_batch_of_labels_shows_at_once_and_the_rest_follows_without_moving_the_cursor():
    release = threading.Event()
    asked: list[int] = []

    def in_batches(article, report: Report):
        whole = harbour_analysis(article)
        asked.append(report.near())
        report(0.4)
        report.labelled(batch_of(whole, 4, 6))  # the paragraph on screen first
        release.wait(10)
        report.labelled(batch_of(whole, 0, 3))
        return whole

    app = harbour_app(analyzer=in_batches)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await until(pilot, lambda: view.sentences is not None)
        assert asked == [0]
        assert app.reading.analysis is None
        assert [sentence.text for sentence in view.sentences.sentences] == [
            "This is a reckless gamble with public money.", "Officials said the works start in May.",
            "Surely the town deserves better."]
        assert view.cursor_sentence.text.startswith("This is a reckless")
        legend = str(app.query_one(Legend).render())
        assert "opinion 2" in legend and "reported 1" in legend and legend.endswith("so far")
        assert app.query_one(ProgressBar).display  # more labels to come
        await pilot.press("j")
        here = view.cursor_sentence
        assert here.text == "Officials said the works start in May."
        release.set()
        await analyzed(pilot)
        # The earlier sentences came in before it: its number changed, not the sentence under the cursor.
        assert view.cursor_sentence.start == here.start and view.cursor == 5
        assert not app.query_one(ProgressBar).display
        assert "so far" not in str(app.query_one(Legend).render())


async def test_a_move_past_the_labels_known_so_far_says_more_are_coming():
    release = threading.Event()

    def first_batch_only(article, report: Report):
        whole = harbour_analysis(article)
        report.labelled(batch_of(whole, 0, 3))
        release.wait(10)
        return whole

    app = harbour_app(analyzer=first_batch_only)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await until(pilot, lambda: view.sentences is not None)
        view.select(3)
        await pilot.press("right_square_bracket")
        assert "The labels further on are still being worked out." in notifications(app)
        release.set()
        await analyzed(pilot)
        await pilot.press("right_square_bracket")
        assert view.cursor_sentence.label == "opinion"


async def test_the_analysis_is_told_where_the_reader_is_looking():
    release = threading.Event()
    asked: list[int] = []

    def watching(article, report: Report):
        release.wait(10)
        asked.append(report.near())
        return harbour_analysis(article)

    app = harbour_app(TEXT * 12, analyzer=watching)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        await pilot.press("G")  # before any label: the view scrolls to the end
        await pilot.pause()
        release.set()
        await analyzed(pilot)
        assert asked and asked[0] > len(TEXT) * 10


def test_the_analysis_process_sends_batches_then_what_analyze_gives():
    text = (TEXT + "\n") * 8
    article = Article(text, "Harbour", "harbour.txt")
    batches, progress, looks = [], [], []
    report = Report(progress=progress.append, labelled=batches.append, near=lambda: len(text) // 2,
                    first_look=lambda sentences: looks.append((sentences, len(batches))))
    process = AnalysisProcess.start(article)
    try:
        whole = process(article, report)
    finally:
        process.stop()
    assert json.dumps(whole.to_json()) == json.dumps(analyze(article).to_json())
    assert batches and progress[-1] == 1.0 and progress == sorted(progress)
    # Before any batch, a first look where the reader looks, cut and labelled as the analysis does here.
    [(glance, batches_before)] = looks
    assert batches_before == 0
    assert glance[0].start <= len(text) // 2 <= glance[-1].end
    analyzed_sentences = {(sentence.start, sentence.end): sentence.label for sentence in whole.sentences}
    assert all(analyzed_sentences[sentence.start, sentence.end] == sentence.label for sentence in glance
               if sentence.label == "quote")
    assert sum((sentence.start, sentence.end) in analyzed_sentences for sentence in glance) >= 0.9 * len(glance)
    # The first batch is where the reader looks; the others follow.
    assert batches[0][0].start <= len(text) // 2 <= batches[0][-1].end
    for batch in batches:
        for sentence in batch:
            assert text[sentence.start : sentence.end] == sentence.text


def cpu_seconds(pid: int) -> float:
    """The CPU time process `pid` has taken so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's CPU time from /proc")
def test_a_comparisons_analyses_wait_until_asked_and_neither_sends_a_first_look():
    first, second = Article(TEXT * 4, "Harbour", "a.txt"), Article((TEXT + "\n") * 3, "Harbour", "b.txt")
    apart = comparison_analyses(first, second)
    try:
        time.sleep(0.5)
        # Until the app asks (after its first paint), both leave the cores to the app drawing the two texts.
        assert all(cpu_seconds(analysis._process.pid) < 0.05 for analysis in apart)
        for analysis, article in zip(apart, (first, second), strict=True):
            looks: list[tuple[Sentence, ...]] = []
            report = Report(progress=lambda fraction: None, first_look=looks.append)
            whole = analysis(article, report)
            assert json.dumps(whole.to_json()) == json.dumps(analyze(article).to_json())
            assert looks == []
    finally:
        for analysis in apart:
            analysis.stop()


@pytest.mark.parametrize("unwanted", ["from the start", "after its first labels"])
def test_an_analysis_process_that_is_no_longer_wanted_stops(unwanted):
    article = Article(TEXT * 40, "Harbour", "harbour.txt")
    wanted = threading.Event()
    if unwanted == "after its first labels":
        wanted.set()
    process = AnalysisProcess.start(article)
    report = Report(progress=lambda fraction: None, labelled=lambda sentences: wanted.clear(), wanted=wanted.is_set)
    with pytest.raises(AnalysisCancelled):
        process(article, report)
    assert not process.running


def test_an_analysis_process_past_its_time_budget_stops_and_says_so():
    article = Article(TEXT * 40, "Harbour", "harbour.txt")
    process = AnalysisProcess.start(article, "rules", max_seconds=0.001)
    report = Report(progress=lambda fraction: None)
    with pytest.raises(RuntimeError, match=r"^the analysis took over 0.001 s of CPU time, its budget for this article"):
        process(article, report)
    process.stop()
    assert not process.running
    # A budget spent is no crash: it leaves no report.
    assert not crash_reports().exists()


def crash_reports() -> Path:
    """The folder reader keeps its crash reports in, in this test's state folder."""
    return Path(os.environ["READER_STATE_DIR"]) / "log"


async def test_an_analysis_process_that_crashes_keeps_its_traceback_and_the_app_says_where(monkeypatch):
    def tripping(analysis, near=0):
        raise ValueError("the parser tripped")

    # Forked, the child takes the broken parser with it.
    monkeypatch.setattr(ProgressiveAnalysis, "next_batch", tripping)
    process = AnalysisProcess.start(Article(TEXT, TITLE, "harbour.txt"), "rules")
    try:
        app = harbour_app(analyzer=process)
        async with app.run_test(notifications=True, size=(100, 30)) as pilot:
            await until(pilot, lambda: "No labels" in str(app.query_one(Legend).render()), seconds=60)
            [kept] = crash_reports().glob("crash-*.txt")
            # The toast is mounted a moment after the legend says so.
            said = f"The analysis failed\nValueError: the parser tripped (full report in {kept})"
            await until(pilot, lambda: said in notifications(app), "no notification said where the report is")
            assert "No labels: ValueError: the parser tripped (full report in " in app_detail(app)
    finally:
        process.stop()
    report = kept.read_text(encoding="utf-8")
    assert report.startswith("reader ") and "Traceback (most recent call last):" in report
    assert "in tripping" in report and report.endswith("ValueError: the parser tripped\n")


async def test_an_analysis_in_the_app_past_its_time_budget_leaves_the_text_and_says_why():
    app = harbour_app(TEXT * 40, analyzer=progressively("rules", max_seconds=0.001))
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        # spaCy may have to load first, in this process.
        await until(pilot, lambda: "No labels" in str(app.query_one(Legend).render()), seconds=60)
        assert "the analysis took over 0.001 s of CPU time" in str(app.query_one(Legend).render())
        assert "The council approved" in "\n".join(screen_lines(app.query_one(ArticleView)))


def first_look_of_the_third_paragraph(whole) -> tuple[Sentence, ...]:
    """A first look at paragraph 2 that cut its first two sentences as one, and called both opinion."""
    reckless, officials, surely = whole.sentences[4:7]
    joined = replace(reckless, id=0, end=officials.end, text=TEXT[reckless.start : officials.end], cues=())
    return joined, replace(surely, id=1, cues=())


def test_the_analysis_takes_the_place_of_a_first_look_over_the_same_words_and_never_the_other_way():
    whole = harbour_analysis(Article(TEXT, "Harbour", "harbour.txt"))
    labelled = LabelledSoFar()
    glance = first_look_of_the_third_paragraph(whole)
    labelled.add(glance, first_look=True)
    assert labelled.is_first_look(labelled.sentences[0]) and not labelled.parsed
    labelled.add(batch_of(whole, 0, 3))
    assert labelled.parsed and [sentence.id for sentence in labelled.sentences] == list(range(6))
    assert labelled.is_first_look(labelled.sentences[4])
    # The analysis's own paragraph 2 replaces the first look's two sentences with its three.
    labelled.add(batch_of(whole, 4, 6))
    assert not any(labelled.is_first_look(sentence) for sentence in labelled.sentences)
    # A first look that comes late changes nothing the analysis already knows.
    labelled.add(glance, first_look=True)
    labelled.add(batch_of(whole, 7, len(whole.sentences) - 1))
    assert labelled.sentences == tuple(whole.sentences)


def looking_first(release: threading.Event, batch: tuple[int, int] | None = None):
    """An analysis that gives a first look of the third paragraph, waits for `release`, then labels the sentences
    `batch` (first, last) before the whole."""
    def analyzer(article, report: Report):
        whole = harbour_analysis(article)
        report.first_look(first_look_of_the_third_paragraph(whole))
        release.wait(10)
        if batch is not None:
            report.labelled(batch_of(whole, *batch))
        return whole

    return analyzer


async def test_a_first_look_shows_at_once_says_so_gives_way_without_moving_the_cursor_and_keeps_a_highlight_asked_for():
    release = threading.Event()
    app = harbour_app(analyzer=looking_first(release, (4, 6)))
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await until(pilot, lambda: view.sentences is not None)
        assert [sentence.label for sentence in view.sentences.sentences] == ["opinion", "opinion"]
        assert view.cursor_sentence.text.startswith("This is a reckless gamble")
        detail = str(app.query_one(DetailLine).render())
        assert "a first look; the reasons follow" in detail
        # The sentences known are those labelled yet, and the position says so.
        assert f"sentence {view.cursor_sentence.number} of 2 so far" in detail
        await pilot.press("h")
        assert "Highlighted as soon as the analysis has cut this sentence (h again: not)." in notifications(app)
        assert app.reading.notes is not None and not app.reading.notes.highlights
        release.set()
        await analyzed(pilot)
        # The first look's one sentence is two now: the cursor is on the first, where it was, and the highlight
        # asked for on the first look is made on it.
        assert view.cursor_sentence.text == "This is a reckless gamble with public money."
        detail = str(app.query_one(DetailLine).render())
        assert "first look" not in detail and "so far" not in detail
        assert [highlight.exact for highlight in app.reading.notes.highlights] == [
            "This is a reckless gamble with public money."]


@pytest.mark.parametrize("columns", [50, 60, 70, 80])
async def test_labels_coming_in_move_no_word_to_another_line(columns):
    looked, release = threading.Event(), threading.Event()

    def looking_when_told(article, report: Report):
        looked.wait(10)
        return looking_first(release, (4, 6))(article, report)

    def words(view: ArticleView) -> list[list[str]]:
        return [line.translate(drawn_marks).split() for line in screen_lines(view)]

    drawn_marks = str.maketrans(dict.fromkeys([*GLYPHS.values(), CURSOR_MARK], " "))
    app = harbour_app(analyzer=looking_when_told)
    async with app.run_test(size=(columns, 30)) as pilot:
        view = app.query_one(ArticleView)
        await until(pilot, lambda: "June." in "".join(screen_lines(view)))
        unlabelled = screen_lines(view)
        looked.set()
        await until(pilot, lambda: view.sentences is not None)
        first_look = words(view)
        release.set()
        await analyzed(pilot)
        # The marks are drawn in the room kept for them: each line holds the words it held before them.
        assert "»" not in "".join(unlabelled) and "◆" not in "".join(unlabelled)
        assert "◆ Surely" in "".join(screen_lines(view)) and "» “We will" in "".join(screen_lines(view))
        assert first_look == words(view) == [line.split() for line in unlabelled]


def analysis_children() -> list[multiprocessing.Process]:
    return [child for child in multiprocessing.active_children() if child.name == "reader analysis"]


@pytest.mark.parametrize("kills", [1, 2])
def test_an_analysis_process_that_is_killed_starts_again_once_and_says_so(kills):
    article = Article(TEXT * 40, "Harbour", "harbour.txt")
    told: list[str] = []
    killed: list[int] = []

    def labelled(sentences) -> None:
        # The child is killed as the kernel kills a process out of memory, as its first batch comes in.
        [child] = analysis_children()
        if len(killed) < kills and child.pid not in killed:
            killed.append(child.pid)
            os.kill(child.pid, signal.SIGKILL)

    process = AnalysisProcess.start(article, "rules")
    report = Report(progress=lambda fraction: None, labelled=labelled, told=told.append)
    try:
        if kills == 2:
            with pytest.raises(RuntimeError, match=r"^the analysis stopped twice \(its process was killed by SIGKILL"):
                process(article, report)
        else:
            whole = process(article, report)
            assert json.dumps(whole.to_json()) == json.dumps(analyze(article, model="rules").to_json())
    finally:
        process.stop()
    assert told == ["The analysis stopped (its process was killed by SIGKILL); it was started again."]
    assert not analysis_children()


async def test_after_the_analysis_fails_the_first_look_s_sentences_take_highlights():
    def failing_after_a_first_look(article, report: Report):
        report.first_look(first_look_of_the_third_paragraph(harbour_analysis(article)))
        raise RuntimeError("the analysis stopped twice (its process was killed by SIGKILL)")

    app = harbour_app(analyzer=failing_after_a_first_look)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await until(pilot, lambda: "No labels" in str(app.query_one(Legend).render()))
        view = app.query_one(ArticleView)
        assert view.cursor_sentence.text.startswith("This is a reckless gamble")
        await pilot.press("h")
        assert [highlight.exact for highlight in app.reading.notes.highlights] == [view.cursor_sentence.text]


async def test_h_twice_on_a_first_look_takes_back_the_highlight_it_asked_for():
    release = threading.Event()
    app = harbour_app(analyzer=looking_first(release))
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await until(pilot, lambda: view.sentences is not None)
        await pilot.press("h", "h")
        assert "This sentence will not be highlighted after all." in notifications(app)
        release.set()
        await analyzed(pilot)
        assert app.reading.notes is not None and not app.reading.notes.highlights
