"""What a process reader starts to work for it does first: end when its parent does, instead of running on alone."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1
"""prctl(2): the signal a process gets when the thread that started it ends."""
WATCH_INTERVAL = 1.0
"""How often, where the system can't signal it, a child looks whether its parent is still there (seconds)."""


def die_with_parent(parent: int) -> None:
    """Call first thing in a child process started by `parent` (its pid): the child ends when the parent does, even
    when the parent is killed with no chance to stop it.

    On Linux the kernel sends SIGTERM at once (the default action ends the child without a word); elsewhere a thread
    looks every WATCH_INTERVAL seconds.
    """
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    else:
        threading.Thread(target=_watch, args=(parent,), name="reader parent watch", daemon=True).start()
    # The parent may have ended before the child asked to be told.
    if os.getppid() != parent:
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(WATCH_INTERVAL)
    os._exit(1)
