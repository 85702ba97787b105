"""A screen that does some of its work in the background: what stops that work for a reason the reader can act on
is said in one line, and what is on screen stays."""

from __future__ import annotations

import asyncio

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reader.control import one_line
from reader.errors import ReaderError


class WorkingScreen(Screen[None]):
    """The one place the app handles a ReaderError from a worker (an export that cannot be written, notes that
    cannot be read): a notification titled by the worker's name says its line, and the article stays as it was.

    Such a worker runs with `exit_on_error=False`, or Textual would end the app with a traceback first."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        error = event.worker.error
        if event.state is WorkerState.ERROR and isinstance(error, ReaderError):
            title = f"{event.worker.name} failed" if event.worker.name else "Failed"
            self.notify(one_line(str(error)), title=title, severity="error", timeout=10, markup=False)

    async def finish(self, group: str) -> None:
        """Wait until this screen's workers of `group` have ended, however they end (a failure is said all the same)."""
        running = [worker for worker in self.workers if worker.node is self and worker.group == group]
        await asyncio.gather(*(worker.wait() for worker in running), return_exceptions=True)
