"""The app in a real terminal: keys come from the terminal even when the article came on stdin."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest
from terminal import TerminalApp
from textual import events as events_module
from textual._xterm_parser import XTermParser

from reader.tui import take_keys_from_terminal
from reader.tui.driver import WholePastes

ARTICLE = "Piped Headline\n\nA sentence that came through a pipe. It has [bold]markup[/bold] in it.\n"


def test_a_piped_stdin_is_replaced_by_the_terminal():
    controller, terminal = pty.openpty()
    reading, writing = os.pipe()
    try:
        take_keys_from_terminal(reading, os.ttyname(terminal))
        assert os.isatty(reading)
        os.write(controller, b"q\n")  # the terminal is in line mode: keys arrive by the line
        assert os.read(reading, 2) == b"q\n"
    finally:
        for fd in (controller, terminal, reading, writing):
            os.close(fd)


def test_a_terminal_stdin_is_left_alone():
    controller, terminal = pty.openpty()
    before = os.fstat(terminal)
    try:
        take_keys_from_terminal(terminal, "/nonexistent/tty")
        after = os.fstat(terminal)
        assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)
    finally:
        os.close(controller)
        os.close(terminal)


def test_no_terminal_to_read_keys_from_is_one_line_and_status_2(capsys):
    reading, writing = os.pipe()
    try:
        with pytest.raises(SystemExit) as exit:
            take_keys_from_terminal(reading, "/nonexistent/tty")
        assert exit.value.code == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "no terminal to read keys from" in error
    finally:
        os.close(reading)
        os.close(writing)


def _own_terminal() -> None:
    """In the child: make the pseudo-terminal on stdout the controlling terminal (/dev/tty)."""
    fcntl.ioctl(1, termios.TIOCSCTTY, 0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
def test_run_takes_keys_from_the_terminal_after_reading_the_article_from_stdin(tmp_path):
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    program = (
        "import sys\n"
        "from reader.model import Article\n"
        "from reader.tui import run\n"
        "run(Article(sys.stdin.read(), 'Piped Headline', '-'))\n"
    )
    app = subprocess.Popen(
        [sys.executable, "-c", program],
        stdin=subprocess.PIPE, stdout=terminal, stderr=terminal,
        start_new_session=True, preexec_fn=_own_terminal,
        env={**os.environ, "TERM": "xterm-256color", "READER_DATA_DIR": str(tmp_path)},
    )
    os.close(terminal)
    screen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        app.stdin.write(ARTICLE.encode())
        app.stdin.close()
        deadline = time.monotonic() + 60
        while b"came through a pipe" not in screen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert b"came through a pipe" in screen
        assert b"[bold]markup[/bold]" in screen
        os.write(controller, b"q")
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        os.close(controller)


# A paste with escape sequences in it, as the terminal sends it.

PASTE = "\x1b[200~Alpha \x1b[31mred\x1b[0m omega.\x1b[201~"


@pytest.mark.parametrize("reads", [[PASTE], [PASTE[:3], PASTE[3:12], PASTE[12:]], list(PASTE)],
                         ids=["in one read", "in three", "a character at a time"])
def test_a_paste_holding_escape_sequences_reaches_the_app_whole_in_order_and_clean(reads):
    parser, pastes = XTermParser(), WholePastes()
    events = [event for read in reads if (text := pastes(read)) for event in parser.feed(text)]
    assert [repr(event) for event in events] == [repr(events_module.Paste("Alpha red omega."))]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
def test_a_note_pasted_with_escape_sequences_is_saved_as_pasted(tmp_path):
    story = tmp_path / "harbour.txt"
    story.write_text("Harbour Reopens\n\nThe harbour reopened on Monday, officials said.\n", encoding="utf-8")
    program = f"import sys\nfrom reader.cli import main\nsys.exit(main([{str(story)!r}, '--model', 'rules']))\n"
    app = TerminalApp(program, {"READER_DATA_DIR": str(tmp_path / "data")})
    try:
        app.wait_for(b"officials said")
        deadline = time.monotonic() + 60
        while b"Note on sentence" not in app.screen and time.monotonic() < deadline:
            app.press(b"a")  # once the sentences are known, a opens the note dialog
            time.sleep(0.5)
        app.wait_for(b"Note on sentence", timeout=1)
        app.press(PASTE.encode())
        time.sleep(0.5)
        app.press(b"\x13")  # ctrl+s
        app.wait_for(b"Note saved")
        app.press(b"q")
        assert app.process.wait(timeout=30) == 0
    finally:
        app.close()
    [notes] = (tmp_path / "data" / "notes").glob("*.json")
    assert [highlight["note"] for highlight in json.loads(notes.read_text())["highlights"]] == ["Alpha red omega."]


def _children(pid: int) -> list[int]:
    return [int(child) for child in open(f"/proc/{pid}/task/{pid}/children").read().split()]


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie has ended: only its status is left, for its parent to collect)."""
    try:
        state = open(f"/proc/{pid}/stat").read().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and pseudo-terminals as on Linux")
def test_the_analysis_process_ends_at_once_when_the_app_is_killed(tmp_path):
    story = tmp_path / "long.txt"
    sentence = "The council met on Monday and the mayor said the plan would go ahead. "
    story.write_text("Council Meets\n\n" + sentence * 3000, encoding="utf-8")
    app_program = f"import sys\nfrom reader.cli import main\nsys.exit(main([{str(story)!r}]))\n"
    # The app runs under a shell of sorts, as in a terminal: were it the session's leader, its end would hang up the
    # terminal, and that alone ends every process on it.
    shell = TerminalApp(f"import subprocess, sys, time\nsubprocess.call([sys.executable, '-c', {app_program!r}])\n"
                        "time.sleep(60)\n", {"READER_DATA_DIR": str(tmp_path / "data")})
    analysis: list[int] = []
    try:
        shell.wait_for(b"The council met on Monday")
        [app] = _children(shell.process.pid)
        analysis = _children(app)
        assert len(analysis) == 1
        os.kill(app, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _running(analysis[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(analysis[0])
    finally:
        for child in analysis:
            if _running(child):
                os.kill(child, signal.SIGKILL)
        shell.close()
