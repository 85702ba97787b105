"""Many sources analysed on several cores, each written out as it would be alone, in the order given."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.origin import STDIN, origin_of

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

    def outcome(self, item: str | Article | Outcome) -> Outcome:
        """What comes of one source (in a worker process, or here)."""
        return _outcome(item, self)


@dataclass(frozen=True)
class Outcome:
    """What came of one source: its rendered analysis, or the one line that says why there is none."""

    origin: str
    rendered: str | None
    error: str | None


def analyse_all(sources: list[str], job: Job, jobs: int) -> Iterator[Outcome]:
    """Each source's outcome, in the order of `sources`, analysed by up to `jobs` processes."""
    # Standard input belongs to this process: it is read here, before any worker starts.
    given = [_load_here(source, job.limits) if source == STDIN else source for source in sources]
    job = replace(job, ahead=jobs > len(given))
    jobs = min(jobs, len(given))
    if jobs <= 1:
        for item in given:
            yield _outcome(item, job)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(jobs, initializer=_start_worker, maxtasksperchild=TASKS_PER_WORKER) as pool:
        yield from pool.imap(job.outcome, given, chunksize=1)


def all_cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker() -> None:
    from reader import nlp

    nlp.pipeline()


def _load_here(source: str, limits: Limits) -> Article | Outcome:
    from reader.sources import SourceError, load

    try:
        return load(source, limits)
    except SourceError as error:
        return Outcome(origin_of(source), None, str(error))


def _outcome(item: str | Article | Outcome, job: Job) -> Outcome:
    """Load (unless loaded), analyse and render one source; a failure becomes its one line."""
    from reader import analysis
    from reader.crash_report import unexpected
    from reader.model import Article
    from reader.nlp import ModelMissing
    from reader.sources import SourceError, load

    if isinstance(item, Outcome):
        return item
    if not isinstance(item, Article):
        source = item
        try:
            item = load(source, job.limits)
        except SourceError as error:
            return Outcome(origin_of(source), None, str(error))
    try:
        result = analysis.analyze(item, model=job.model, ahead=job.ahead)
    except ModelMissing:
        raise
    except Exception as error:
        if job.debug:
            raise
        return Outcome(item.origin, None, f"cannot analyse {item.described}: {unexpected(error)}")
    if not result.sentences:
        return Outcome(item.origin, None, f"no sentences found in {item.described}")
    return Outcome(item.origin, job.render(result), None)
