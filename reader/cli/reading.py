"""`reader [SOURCE]`: open an article in the app."""

from __future__ import annotations

import argparse
import os
import stat
from typing import TYPE_CHECKING

from reader.cli.arguments import limits
from reader.cli.messages import UsageError
from reader.origin import STDIN

if TYPE_CHECKING:
    from reader.config import Config


def open_article(options: argparse.Namespace) -> int:
    """Load the source and the config (one line and exit 2 if either can't be), then hand the terminal to the app."""
    from reader.resources import sample_article
    from reader.sources import load

    if options.library and options.source:
        raise UsageError("give a SOURCE or --library, not both")
    article = None
    if not options.library:
        # `cat story.txt | reader` reads the pipe, as glow and bat do; keys then come from the terminal.
        source = options.source or (STDIN if _stdin_brings_text() else str(sample_article()))
        # A bad source or config fails here, with one line, before the app takes over the terminal.
        article = load(source, limits(options))
    config = app_config()
    from reader.tui import run

    return run(article, config, options.model, options.max_seconds)


def app_config() -> Config:
    """The user's config file, checked against the app's themes and actions."""
    from reader.config import check_config, load_config

    config = load_config()
    if config.theme is not None or config.keys:
        from textual.theme import BUILTIN_THEMES

        from reader.tui.app import binding_ids, key_clashes
        from reader.tui.keys import is_key

        check_config(config, set(BUILTIN_THEMES), binding_ids(), is_key, key_clashes)
    return config


def _stdin_brings_text() -> bool:
    """Whether standard input is a pipe or a file, rather than a terminal or /dev/null."""
    try:
        mode = os.fstat(0).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)
