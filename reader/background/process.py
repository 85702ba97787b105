"""The analysis run for the app: apart from the screen, nearest the reader first, stopped when no longer wanted.

Nothing here imports Textual: `AnalysisProcess.start` runs before the app is imported, so that spaCy
loads in a process of its own while the text is drawn.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from reader.child_process import die_with_parent
from reader.model import Analysis, Article, Sentence
from reader.time_budget import OutOfTime, ThreadBudget, default_seconds, limited

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from reader.analysis.opinion import OpinionModel

PROGRESS_STEP = 0.02
"""The smallest change of progress worth repainting the bar for."""


class LabelledSoFar:
    """The sentences of the batches labelled so far, in the text's order, numbered as the whole article numbers them.

    A first look's sentences (see `reader.analysis.first_look`) stand in for the analysis's own until a batch
    of those covers their stretch of text, and never take the place of one.
    """

    def __init__(self) -> None:
        self.sentences: tuple[Sentence, ...] = ()
        self._first_look: set[tuple[int, int]] = set()

    def add(self, batch: tuple[Sentence, ...], first_look: bool = False) -> tuple[Sentence, ...]:
        """Put in a batch's sentences; every sentence known so far, renumbered where the batch pushed them on."""
        if first_look:
            batch = tuple(sentence for sentence in batch if not self._overlapped(sentence.start, sentence.end))
        if not batch:
            return self.sentences
        # A batch is a new stretch of text: it goes in whole between the sentences before and after it, in place
        # of the first look's over the same stretch.
        first = bisect_right([sentence.end for sentence in self.sentences], batch[0].start)
        last = bisect_left([sentence.start for sentence in self.sentences], batch[-1].end)
        self._first_look.difference_update((sentence.start, sentence.end) for sentence in self.sentences[first:last])
        if first_look:
            self._first_look.update((sentence.start, sentence.end) for sentence in batch)
        after = (*batch, *self.sentences[last:])
        self.sentences = (*self.sentences[:first],
                          *(replace(sentence, id=number) for number, sentence in enumerate(after, start=first)))
        return self.sentences

    def settle(self) -> None:
        """Take the first look's sentences as they are: the analysis that would have cut them again has failed."""
        self._first_look.clear()

    def is_first_look(self, sentence: Sentence) -> bool:
        """Whether `sentence` is a first look's, which the analysis may yet cut and label otherwise."""
        return (sentence.start, sentence.end) in self._first_look

    @property
    def parsed(self) -> bool:
        """Whether any of the sentences known so far is the analysis's own."""
        return len(self._first_look) < len(self.sentences)

    def _overlapped(self, start: int, end: int) -> bool:
        index = bisect_right([sentence.start for sentence in self.sentences], start) - 1
        return any(0 <= place < len(self.sentences) and self.sentences[place].start < end
                   and self.sentences[place].end > start for place in (index, index + 1))


class AnalysisCancelled(Exception):
    """Raised inside the analysis, at its next report, to stop it when the result is no longer wanted."""


@dataclass
class Report:
    """What an analysis tells the screen while it works, and what it asks of it.

    Called with a fraction, it reports progress (an analyzer that only does that is fine); `labelled`
    gives the sentences of a stretch as soon as they are known; `near` is where the reader is looking;
    `first_look` gives a first look's sentences, before any are known; `told` gives a line the reader should
    read while the analysis goes on (without the learned model, or started again).
    """

    progress: Callable[[float], None]
    labelled: Callable[[tuple[Sentence, ...]], None]
    near: Callable[[], int]
    wanted: Callable[[], bool]
    first_look: Callable[[tuple[Sentence, ...]], None] = lambda sentences: None
    told: Callable[[str], None] = lambda message: None

    def __call__(self, fraction: float) -> None:
        if not self.wanted():
            raise AnalysisCancelled
        self.progress(fraction)


class Analyzer(Protocol):
    """Turns an article into its analysis, telling a `Report` how it goes."""

    def __call__(self, article: Article, report: Report, /) -> Analysis: ...


def analyze_progressively(article: Article, report: Report, model: OpinionModel = "learned",
                          max_seconds: float | None = None) -> Analysis:
    """The real analysis, in this process, batch by batch from where the reader looks (a first look before, while
    spaCy loads, with the learned model); OutOfTime once it has taken `max_seconds` of CPU time (None: the default
    for the article's size)."""
    from reader import nlp
    from reader.analysis.first_look import first_look
    from reader.analysis.progressive import ProgressiveAnalysis

    model = learned_or_rules(model, report.told)
    if model == "learned" and not nlp.loaded():
        report.first_look(first_look(article, report.near()))
    progressive = ProgressiveAnalysis(article, model=model)
    budget = ThreadBudget(max_seconds or default_seconds(article.text))
    while not progressive.finished:
        batch = progressive.next_batch(report.near())
        budget.check()
        report(progressive.done)
        report.labelled(batch.sentences)
    return progressive.whole()


def learned_or_rules(model: OpinionModel, told: Callable[[str], None]) -> OpinionModel:
    """`model`, loaded; the rules instead of the learned model when a file of it is missing or damaged, which the
    reader is `told`: the app still labels every sentence."""
    from reader.analysis import sentence_model

    if model != "learned":
        return model
    try:
        sentence_model.load()
        sentence_model.stack()
    except sentence_model.ModelBroken as error:
        told(f"{error.problem}: the labels come from the rules alone, as with --model rules")
        return "rules"
    return model


def known(analysis: Analysis, otherwise: Analyzer) -> Analyzer:
    """An analyzer that has `analysis` at once for its article (the comparison worked it out already), and asks
    `otherwise` for any other (one chosen in the library)."""

    def analyze(article: Article, report: Report) -> Analysis:
        if article.sha256 != analysis.article.sha256:
            return otherwise(article, report)
        report(1.0)
        return analysis

    return analyze


def progressively(model: OpinionModel = "learned", max_seconds: float | None = None) -> Analyzer:
    """The real analysis in this process, scoring opinion with `model`, within `max_seconds` of CPU time."""
    return functools.partial(analyze_progressively, model=model, max_seconds=max_seconds)


class AnalysisProcess:
    """The analysis in a child process started before the app, so that loading spaCy takes no time from the screen.

    It analyses the article it was started for; any other (one chosen in the library) is analysed in this process.
    A child that dies (killed, out of memory) is started again once; the child ends when this process does.
    """

    def __init__(self, article: Article, model: OpinionModel, max_seconds: float | None, first_look: bool) -> None:
        self.article = article
        self.model = model
        self.max_seconds = max_seconds
        self.first_look = first_look
        self._restarted = False

    @classmethod
    def start(cls, article: Article, model: OpinionModel = "learned", max_seconds: float | None = None, *,
              first_look: bool = True, until_asked: bool = False) -> AnalysisProcess:
        """Start analysing `article` in a new process, within `max_seconds` of CPU time (None: the default for its
        size); call before anything starts a thread (Textual does).

        `first_look`: whether the child sends a first look while spaCy loads (a screen that shows none saves it the
        work). `until_asked`: whether the child waits, loading nothing, until the app asks for the analysis; a
        second analysis beside another (`reader compare`) then leaves the app a core until its first paint.
        """
        analysis = cls(article, model, max_seconds, first_look)
        analysis._launch(fork=sys.platform == "linux", until_asked=until_asked)
        return analysis

    def _launch(self, fork: bool, until_asked: bool = False) -> None:
        """Start the child: forked while this process has no threads, else in a fresh interpreter."""
        context = multiprocessing.get_context("fork") if fork else multiprocessing.get_context("spawn")
        results, sent = context.Pipe(duplex=False)
        asked, wishes = context.Pipe(duplex=False)
        process = context.Process(target=_serve, args=(self.article, self.model, self.max_seconds, os.getpid(), sent,
                                                       asked, self.first_look, until_asked),
                                  name="reader analysis", daemon=True)
        process.start()
        sent.close()
        asked.close()
        self._process, self._results, self._wishes = process, results, wishes

    def __call__(self, article: Article, report: Report) -> Analysis:
        """Relay the child's batches and progress to `report`, and where the reader looks to the child."""
        if article != self.article:
            return analyze_progressively(article, report, self.model, self.max_seconds)
        try:
            while True:
                message = self._next(report)
                if message is None:
                    self._start_again(report)
                    continue
                kind, fraction, payload = message
                if kind == "error":
                    raise RuntimeError(payload)
                if kind == "told":
                    report.told(payload)
                    continue
                report(fraction)
                if kind == "whole":
                    return payload
                (report.first_look if kind == "first look" else report.labelled)(payload)
        except BaseException:
            # Whatever ends the relay early ends the child with it, also when the reader stopped wanting the result
            # while a batch was on its way (`report` raises then): left running, the child would go on taking a
            # core, then wait for ever on a pipe nobody reads.
            self.stop()
            raise
        finally:
            if not self._process.is_alive():
                self._process.join()

    def _next(self, report: Report) -> tuple[str, float, Any] | None:
        """The child's next message, telling it first where the reader looks; None when it died without one."""
        self._wish(report.near())
        while not self._results.poll(0.05):
            if not report.wanted():
                raise AnalysisCancelled
            if not self._process.is_alive() and not self._results.poll():
                return None
        try:
            return self._results.recv()
        except EOFError:  # it died while the reader waited
            return None

    def _start_again(self, report: Report) -> None:
        """A child died: start a new one, once, and say so."""
        self.stop()
        death = _death(self._process)
        if self._restarted:
            raise RuntimeError(f"the analysis stopped twice ({death})")
        self._restarted = True
        self._launch(fork=False)  # the app's threads run by now
        report.told(f"The analysis stopped ({death}); it was started again.")

    @property
    def running(self) -> bool:
        """Whether the child process still runs."""
        return self._process.is_alive()

    def stop(self) -> None:
        """End the child process (the app quit, or no longer needs it), and wait until it has ended."""
        if self._process.is_alive():
            # SIGKILL, which nothing in the child can catch or delay: the join below waits for it, never for a clock.
            self._process.kill()
        self._process.join()

    def _wish(self, near: int) -> None:
        try:
            self._wishes.send(near)
        except (BrokenPipeError, OSError):
            pass  # the child has finished or stopped; what it sent is still read


def _death(process: multiprocessing.process.BaseProcess) -> str:
    """How a child process ended, in words."""
    code = process.exitcode
    if code is not None and code < 0:
        return f"its process was killed by {signal.Signals(-code).name}"
    return f"its process ended with status {code}"


def _serve(article: Article, model: OpinionModel, max_seconds: float | None, parent: int, results: Connection,
           wishes: Connection, look_first: bool, until_asked: bool) -> None:
    """In the child: a first look from the latest offset asked for while spaCy is yet to load (with the learned
    model, when `look_first`), then the analysis batch by batch from the latest offset asked for, sending each
    batch, then the whole; an error once the analysis has taken `max_seconds` of CPU time. With `until_asked`, none
    of it starts before the first offset is asked for. It ends when `parent` (the app) does."""
    die_with_parent(parent)
    if until_asked:
        wishes.poll(None)
    from reader import nlp
    from reader.analysis.first_look import first_look
    from reader.analysis.progressive import ProgressiveAnalysis

    # The terminal belongs to the app: a warning printed here would land in the middle of its screen.
    quiet = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(quiet, stream)
    near = 0
    try:
        model = learned_or_rules(model, lambda message: results.send(("told", 0.0, message)))
        if model == "learned" and look_first:
            while wishes.poll():
                near = wishes.recv()
            results.send(("first look", 0.0, first_look(article, near)))
        # spaCy loads before the clock starts: an import cut short by it would leave the process half made.
        nlp.pipeline()
        with limited(max_seconds or default_seconds(article.text)):
            progressive = ProgressiveAnalysis(article, model=model)
            while not progressive.finished:
                while wishes.poll():
                    near = wishes.recv()
                batch = progressive.next_batch(near)
                results.send(("batch", progressive.done, batch.sentences))
            whole = progressive.whole()
        results.send(("whole", 1.0, whole))
    except (Exception, OutOfTime) as error:  # the app stays a plain reader whatever went wrong
        results.send(("error", 1.0, str(error) or type(error).__name__))


def analyze_apart(analyzer: Analyzer, article: Article, report: Report) -> Analysis | Exception | None:
    """Run `analyzer` on `article`; its result, the error it raised, or None once `report.wanted()` turned false.

    The analysis runs in a daemon thread of its own, so that quitting during a long analysis never waits
    for it; it stops at its next report once `report.wanted()` is false.
    """
    outcome: list[Analysis | Exception] = []

    def analyze() -> None:
        try:
            outcome.append(analyzer(article, report))
        except Exception as error:  # the app stays a plain reader whatever went wrong
            outcome.append(error)
        except OutOfTime as error:
            outcome.append(RuntimeError(str(error)))

    thread = threading.Thread(target=analyze, name="analysis", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.05)
        if not report.wanted():
            return None
    result = outcome[0] if outcome else RuntimeError("the analysis stopped unexpectedly")
    return None if isinstance(result, AnalysisCancelled) else result
