"""reader as a process in a pseudo-terminal, for what only a real one shows: signals, exit statuses, children."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time


class TerminalApp:
    """`python -c PROGRAM` with a pseudo-terminal of its own as stdin, stdout, stderr and controlling terminal."""

    def __init__(self, program: str, env: dict[str, str], size: tuple[int, int] = (24, 80)) -> None:
        self._controller, terminal = pty.openpty()
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-c", program], stdin=terminal, stdout=terminal, stderr=terminal,
            start_new_session=True, preexec_fn=_own_terminal,
            env={**os.environ, "TERM": "xterm-256color", **env},
        )
        os.close(terminal)
        self.screen = bytearray()
        """Everything the process wrote to its terminal so far."""
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self._controller, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen.extend(chunk)

    def wait_for(self, text: bytes, timeout: float = 60) -> None:
        """Wait until `text` has been written to the terminal; AssertionError if it is not within `timeout`."""
        deadline = time.monotonic() + timeout
        while text not in self.screen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert text in self.screen, f"{text!r} never on screen"

    def press(self, keys: bytes) -> None:
        os.write(self._controller, keys)

    def close(self) -> None:
        """Kill the process if it still runs; release the terminal."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self._controller)


def _own_terminal() -> None:
    """In the child: make the pseudo-terminal on stdout the controlling terminal (/dev/tty)."""
    fcntl.ioctl(1, termios.TIOCSCTTY, 0)
