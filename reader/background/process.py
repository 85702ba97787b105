"""The analysis in a child process started before the app, and the messages it sends the app over a pipe."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader import crash_report
from reader.background.batches import analyze_in_batches, analyze_progressively
from reader.background.report import AnalysisCancelled, Report
from reader.child_process import die_with_parent
from reader.model import Analysis, Article, Sentence
from reader.nlp import ModelMissing
from reader.resources import Damaged
from reader.time_budget import OutOfTime

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from reader.analysis.opinion import OpinionModel


NICENESS = 5
"""How far the analysis process steps back (os.nice) for the app's screen and keys when the cores are busy."""


@dataclass(frozen=True)
class Progress:
    """The fraction of the text parsed so far."""

    fraction: float


@dataclass(frozen=True)
class Labelled:
    """The labelled sentences of a batch, nearest where the reader looked."""

    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class FirstLook:
    """A first look's sentences where the reader looks, while spaCy loads."""

    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Told:
    """A line the reader should read while the analysis goes on."""

    line: str


@dataclass(frozen=True)
class Whole:
    """The whole analysis: the last message."""

    analysis: Analysis


@dataclass(frozen=True)
class Failed:
    """The analysis stopped: why, in one line (with where its full report is, when reader did not expect it)."""

    reason: str


Message = Progress | Labelled | FirstLook | Told | Whole | Failed
"""What the analysis process sends the app."""


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
        comparison's analyses (`reader compare`) then leave the app the cores until its first paint.
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
                match self._next(report):
                    case None:
                        self._start_again(report)
                    case Progress(fraction):
                        report(fraction)
                    case Labelled(sentences):
                        report.labelled(sentences)
                    case FirstLook(sentences):
                        report.first_look(sentences)
                    case Told(line):
                        report.told(line)
                    case Whole(analysis):
                        report(1.0)
                        return analysis
                    case Failed(reason):
                        raise RuntimeError(reason)
        except BaseException:
            # Whatever ends the relay early ends the child with it, also when the reader stopped wanting the result
            # while a batch was on its way (`report` raises then): left running, the child would go on taking a
            # core, then wait for ever on a pipe nobody reads.
            self.stop()
            raise
        finally:
            if not self._process.is_alive():
                self._process.join()

    def _next(self, report: Report) -> Message | None:
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
    """In the child: the analysis batch by batch from the latest offset asked for (a first look before, with the
    learned model, when `look_first`), sending each message to the app, then the whole; with `until_asked`, none of
    it starts before the first offset is asked for. It ends when `parent` (the app) does."""
    die_with_parent(parent)
    # On a busy machine the first paint waited on this process loading the models (benchmarks/tui.py); on an idle
    # one each process has a core, and this changes nothing.
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    if until_asked:
        wishes.poll(None)
    # The terminal belongs to the app: a warning printed here would land in the middle of its screen.
    quiet = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(quiet, stream)
    app = _App(results, wishes)
    try:
        whole = analyze_in_batches(article, app.report(), model, max_seconds, look_first)
    except (OutOfTime, ModelMissing, Damaged) as error:  # one line says it all, as on the command line
        app.send(Failed(str(error)))
    except Exception as error:  # the app stays a plain reader whatever went wrong, and says where the traceback is
        app.send(Failed(crash_report.unexpected(error, debug_hint=False)))
    else:
        app.send(Whole(whole))


class _App:
    """The app as the child sees it: where its messages go, and where the reader looks, the latest asked for."""

    def __init__(self, results: Connection, wishes: Connection) -> None:
        self._results = results
        self._wishes = wishes
        self._near = 0

    def send(self, message: Message) -> None:
        self._results.send(message)

    def near(self) -> int:
        while self._wishes.poll():
            self._near = self._wishes.recv()
        return self._near

    def report(self) -> Report:
        """A report that sends the app each thing the analysis tells it; the app stops the child when it no longer
        wants the result."""
        return Report(progress=lambda fraction: self.send(Progress(fraction)),
                      labelled=lambda sentences: self.send(Labelled(sentences)),
                      first_look=lambda sentences: self.send(FirstLook(sentences)),
                      told=lambda line: self.send(Told(line)),
                      near=self.near)
