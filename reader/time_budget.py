"""How much time the analysis of one article may take, and the stop when it takes more: an error, never a stall."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

BASE_SECONDS = 30.0
SECONDS_PER_KB = 0.5
"""The default budget is BASE_SECONDS and this much per kB of text, in CPU time. benchmarks/limits.py measured news
text at 0.06 s of CPU per kB and the hardest text made for reader (a run of apostrophes) at 0.3 s per kB, model
load apart; a machine busy with other work slows the clock on the wall, not this one."""


class OutOfTime(BaseException):
    """The analysis of an article went past its budget; the message is one line for the user.

    Raised wherever the analysis is, it derives from BaseException, as KeyboardInterrupt does, so that no library's
    `except Exception` takes it for an error of its own (numpy's import turns those into ImportError).
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the analysis took over {seconds:.3g} s of CPU time, its budget for this article"
                         " (--max-seconds to give it more)")
        self.seconds = seconds


def default_seconds(text: str) -> float:
    """The budget for analysing `text` when the user sets none: proportional to its size."""
    return BASE_SECONDS + SECONDS_PER_KB * len(text.encode("utf-8", "surrogatepass")) / 1000


@contextlib.contextmanager
def limited(seconds: float) -> Iterator[None]:
    """Within the block, OutOfTime is raised once this process has spent `seconds` of CPU time in it.

    A signal stops the work wherever it is, which only the main thread can take: elsewhere the block is not limited
    (a thread checks its own time with `ThreadBudget`).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    expired = threading.Event()

    def expire(signum: int, frame: object) -> None:
        expired.set()
        raise OutOfTime(seconds)

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
        # Python runs a signal's handler wherever the main thread is, a `__del__` or a library's catch-all among
        # them, which drop what it raises: the budget spent is said all the same (an analysis past it came back
        # whole, now and then, in CI).
        if expired.is_set():
            raise OutOfTime(seconds)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


class ThreadBudget:
    """The CPU time a thread may spend, checked where it stops to report (the thread that creates it)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._started = time.thread_time()

    def check(self) -> None:
        """Raise OutOfTime if this thread has spent its budget."""
        if time.thread_time() - self._started > self.seconds:
            raise OutOfTime(self.seconds)
