"""The app's terminal driver: Textual's own, but a paste arrives whole, in order, and without escape sequences."""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from reader.control import clean

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class WholePastes:
    """Terminal input on its way to Textual's parser, with the text of each bracketed paste cleaned of escape sequences.

    Textual's parser ends a paste at the first ESC inside it and sends what follows as keys, ahead of the paste:
    "Alpha ␛[31mred␛[0m omega." became "^[31mred^[0m omega.Alpha ". A paste is held here until its end comes, and
    goes on as one.
    """

    def __init__(self) -> None:
        self._pasting = False
        self._held = ""

    def __call__(self, data: str) -> str:
        """What of `data` (and what was held before it) the parser may read now."""
        data, self._held = self._held + data, ""
        ready = []
        while data:
            if self._pasting:
                end = data.find(PASTE_END)
                if end < 0:
                    self._held = data
                    break
                ready.append(PASTE_START + clean(data[:end]) + PASTE_END)
                data, self._pasting = data[end + len(PASTE_END) :], False
                continue
            start = data.find(PASTE_START)
            if start < 0:
                # A read may end in the middle of the mark that starts a paste: that much waits for the next.
                waiting = next((size for size in range(len(PASTE_START) - 1, 0, -1)
                                if data.endswith(PASTE_START[:size])), 0)
                ready.append(data[: len(data) - waiting])
                self._held = data[len(data) - waiting :]
                break
            ready.append(data[:start])
            data, self._pasting = data[start + len(PASTE_START) :], True
        return "".join(ready)

    def flush(self) -> str:
        """What was held back in case a paste started, once nothing more came: an ESC pressed alone, say."""
        if self._pasting:
            return ""
        held, self._held = self._held, ""
        return held


class ReaderDriver(LinuxDriver):
    """Textual's Linux driver, its input passed through WholePastes."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events: LinuxDriver.run_input_thread of Textual 8.2.8, which pyproject pins,
        with the input passed through WholePastes on its way to the parser."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        pastes = WholePastes()
        decode = getincrementaldecoder("utf-8")().decode

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            data = decode(os.read(self.fileno, 1024 * 4), final=final) if ready else ""
            text = pastes(data) if data else pastes.flush()
            # Never an empty string: to the parser, that is the end of the input.
            if text:
                for event in parser.feed(text):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
