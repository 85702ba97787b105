"""Many sources analysed on several cores, each written out as it would be alone, in the order given."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.child_process import die_with_parent
from reader.origin import STDIN, describe_origin, origin_of

if TYPE_CHECKING:
    from reader.analysis.opinion import OpinionModel
    from reader.model import Analysis, Article
    from reader.sources import Limits

Render = Callable[["Analysis"], str]
"""Turns an analysis into the text written for it (a JSON line, a document, a report)."""

TASKS_PER_WORKER = 50
"""Articles a worker analyses before a fresh one takes over: spaCy's vocabulary only grows."""


@dataclass(frozen=True)
class Job:
    """How each source is read, analysed and written out."""

    render: Render
    limits: Limits
    model: OpinionModel = "learned"
    debug: bool = False
    ahead: bool = False
    """Whether the sentence model works ahead on a core of its own (see `reader.analysis.analyze`): when there is
    one to spare, more jobs allowed than sources (`reader analyze ARTICLE`, not `--jobs 1`)."""
    max_seconds: float | None = None
    """The CPU time each article's analysis may take; None for its default, by its size (see `time_budget`)."""

    def outcome(self, item: str | Article | Outcome) -> Outcome:
        """What comes of one source (in a worker process, or here)."""
        return _outcome(item, self)


@dataclass(frozen=True)
class Outcome:
    """What came of one source: its rendered analysis, or the one line that says why there is none."""

    origin: str
    rendered: str | None
    error: str | None


Say = Callable[[str], None]
"""Tells the user, in one line, something that happened to the batch as a whole."""


def analyze_all(sources: Sequence[str | Article], job: Job, jobs: int, say: Say) -> Iterator[Outcome]:
    """Each source's outcome, in the order of `sources` (read already, or to be read), analysed by up to `jobs`
    processes."""
    # Standard input belongs to this process: it is read here, before any worker starts.
    given = [_article_of(source, job.limits) if source == STDIN else source for source in sources]
    job = replace(job, ahead=jobs > len(given))
    jobs = min(jobs, len(given))
    if jobs <= 1:
        for item in given:
            yield _outcome(item, job)
        return
    yield from _in_workers(given, job, jobs, say)


def all_cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _in_workers(items: list[str | Article | Outcome], job: Job, jobs: int, say: Say) -> Iterator[Outcome]:
    """The outcome of each item, in order, from `jobs` worker processes.

    A worker that dies (killed, out of memory) takes with it the articles it was given: they are analysed again,
    each alone in a fresh worker, so that one that kills its worker a second time is known, and is an error.
    """
    outcomes: dict[int, Outcome] = {}
    waiting = deque(range(len(items)))
    running: dict[Future[Outcome], int] = {}
    pool, given = _pool(jobs), 0
    try:
        for index in range(len(items)):
            while index not in outcomes:
                if given >= jobs * TASKS_PER_WORKER and not running:
                    pool.shutdown()
                    pool, given = _pool(jobs), 0
                # One article for each worker, and no more results held back than a set of workers analyses.
                while waiting and len(running) < jobs and given < jobs * TASKS_PER_WORKER \
                        and waiting[0] < index + jobs * TASKS_PER_WORKER:
                    item = waiting.popleft()
                    running[pool.submit(job.outcome, items[item])] = item
                    given += 1
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                if not any(isinstance(future.exception(), BrokenProcessPool) for future in finished):
                    outcomes.update((running.pop(future), future.result()) for future in finished)
                    continue
                # Every article the pool was on fails with it: keep what was done, and analyse the rest again.
                done, _ = wait(running)
                lost = sorted(running[future] for future in done if isinstance(future.exception(), BrokenProcessPool))
                outcomes.update((running[future], future.result()) for future in done
                                if not isinstance(future.exception(), BrokenProcessPool))
                running.clear()
                _end(pool)
                say(f"a worker process stopped; the {len(lost)} article{'s' if len(lost) > 1 else ''} the workers were"
                    " on are analysed again, each on its own")
                outcomes.update((item, _alone(items[item], job)) for item in lost)
                pool, given = _pool(jobs), 0
            yield outcomes.pop(index)
    except BaseException:  # an interrupt, or the output gone: what the workers are on is for no one now
        _end(pool)
        raise
    pool.shutdown()


def _alone(item: str | Article | Outcome, job: Job) -> Outcome:
    """The outcome of an item in a worker of its own; an error if it kills that worker too."""
    pool = _pool(1)
    try:
        return pool.submit(job.outcome, item).result()
    except BrokenProcessPool:
        origin = item.origin if not isinstance(item, str) else origin_of(item)
        return Outcome(origin, None, f"analysing {describe_origin(origin)} stopped its worker process twice"
                                     " (killed, or out of memory)")
    finally:
        _end(pool)


def _pool(workers: int) -> ProcessPoolExecutor:
    # Forked, as the parent holds no threads while it starts them (ProcessPoolExecutor starts every worker at the
    # first submit, before its own thread); a fresh pool takes the place of a spent one instead of max_tasks_per_child,
    # which needs another start method.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))


def _end(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, its running articles and all: what they would give is no longer wanted."""
    # ProcessPoolExecutor has no public way to stop a busy worker before Python 3.14 (terminate_workers).
    for process in list((pool._processes or {}).values()):
        process.terminate()
    pool.shutdown(cancel_futures=True)


def _start_worker(parent: int) -> None:
    # An interrupt (ctrl+c reaches the whole process group) is for the parent to act on; and when the parent is gone,
    # so is the worker, instead of finishing an article no one will read.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def _article_of(source: str, limits: Limits) -> Article | Outcome:
    """The article of a source, or the outcome that says why it can't be read, whatever went wrong."""
    from reader.crash_report import unexpected
    from reader.sources import SourceError, load

    try:
        return load(source, limits)
    except SourceError as error:
        return Outcome(origin_of(source), None, str(error))
    except Exception as error:
        origin = origin_of(source)
        return Outcome(origin, None, f"cannot read {describe_origin(origin)}: {unexpected(error)}")


def _outcome(item: str | Article | Outcome, job: Job) -> Outcome:
    """Load (unless loaded), analyse and render one source; a failure becomes its one line."""
    from reader.model import Article

    if isinstance(item, Outcome):
        return item
    if not isinstance(item, Article):
        item = _article_of(item, job.limits)
        if isinstance(item, Outcome):
            return item
    # Imported once there is an article to analyse: a source that can't be read is said without waiting for them.
    from reader import analysis, nlp
    from reader.analysis.opinion import opinion_model
    from reader.crash_report import unexpected
    from reader.nlp import ModelMissing
    from reader.resources import Damaged
    from reader.time_budget import OutOfTime, default_seconds, limited

    try:
        # The models load before the clock starts: an import cut short by it would fail every article after.
        nlp.pipeline()
        if job.model == "learned":
            opinion_model.load()
        with limited(job.max_seconds or default_seconds(item.text)):
            result = analysis.analyze(item, model=job.model, ahead=job.ahead)
    except (ModelMissing, Damaged):
        raise  # reader itself is incomplete: every article would fail the same way
    except OutOfTime as error:
        return Outcome(item.origin, None, f"cannot analyse {item.described}: {error}")
    except Exception as error:
        if job.debug:
            raise
        return Outcome(item.origin, None, f"cannot analyse {item.described}: {unexpected(error)}")
    if not result.sentences:
        return Outcome(item.origin, None, f"no sentences found in {item.described}")
    return Outcome(item.origin, job.render(result), None)
