"""`reader [SOURCE]`: open an article in the app."""

from __future__ import annotations

import argparse
import os
import stat

from reader.cli.arguments import limits
from reader.origin import STDIN


def open_article(options: argparse.Namespace) -> int:
    """Load the source (one line and exit 2 if it can't be), then hand the terminal to the app."""
    from reader.resources import sample_article
    from reader.sources import load

    # `cat story.txt | reader` reads the pipe, as glow and bat do; keys then come from the terminal.
    source = options.source or (STDIN if _stdin_brings_text() else str(sample_article()))
    # A bad source fails here, with one line, before the app takes over the terminal.
    article = load(source, limits(options))
    from reader.tui import run

    run(article, options.model)
    return 0


def _stdin_brings_text() -> bool:
    """Whether standard input is a pipe or a file, rather than a terminal or /dev/null."""
    try:
        mode = os.fstat(0).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)
