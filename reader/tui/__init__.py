"""The reading app: `run(article)` opens it in this terminal, `run_comparison(first, second)` two articles side by
side."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reader.config import Config
from reader.model import Article

if TYPE_CHECKING:
    from reader.analysis.opinion import OpinionModel
    from reader.background.process import AnalysisProcess

TERMINAL = "/dev/tty"


def run(article: Article | None, config: Config | None = None, model: OpinionModel = "learned",
        max_seconds: float | None = None) -> int:
    """Open the reading app on `article` (None: on the library), taking keys from the terminal even when stdin
    was the article. `model` scores opinion (see reader.analysis.opinion); an article's analysis may take
    `max_seconds` of CPU time (None: the default for its size). The exit status: not 0 when the app crashed."""
    from reader.background.process import AnalysisProcess

    # Started before Textual is imported (its threads must not be forked): spaCy loads in a process of its
    # own while this one draws the text. An article chosen later in the library is analysed in the app.
    analysis = AnalysisProcess.start(article, model, max_seconds) if article is not None else None
    try:
        take_keys_from_terminal()
        # Imported here so that commands that never open the app don't pay for loading Textual.
        with lasting_imports():
            from reader.background.batches import progressively
            from reader.tui.app import ReaderApp

        app = ReaderApp(article, analyzer=analysis or progressively(model, max_seconds), config=config)
        app.run()
        return app.return_code or 0
    finally:
        if analysis is not None:
            analysis.stop()


def run_comparison(first: Article, second: Article, config: Config | None = None, model: OpinionModel = "learned",
                   max_seconds: float | None = None) -> int:
    """Open `first` and `second` side by side in the app, each analysed in a process of its own (on two cores when
    there are two), as `run` does one article. The exit status: not 0 when the app crashed."""
    # Both started before Textual is imported, as in `run`.
    apart = comparison_analyses(first, second, model, max_seconds)
    try:
        take_keys_from_terminal()
        with lasting_imports():
            from reader.background.batches import progressively
            from reader.tui.comparison_app import ComparisonApp

        app = ComparisonApp(first, second, progressively(model, max_seconds), apart, config=config)
        app.run()
        return app.return_code or 0
    finally:
        for analysis in apart:
            analysis.stop()


def comparison_analyses(first: Article, second: Article, model: OpinionModel = "learned",
                        max_seconds: float | None = None) -> tuple[AnalysisProcess, AnalysisProcess]:
    """The analyses of `first` and `second`, each in a process of its own; call before Textual is imported.

    The comparison shows no first look, and neither loads anything until the app asks for it, once both texts are on
    screen: three processes starting at once on two cores drew the texts half as fast, and the first analysis
    loading beside the app drew them 1.1 times as slowly as the reading view its one text, for labels no sooner
    (benchmarks/compare.py).
    """
    from reader.background.process import AnalysisProcess

    return (AnalysisProcess.start(first, model, max_seconds, first_look=False, until_asked=True),
            AnalysisProcess.start(second, model, max_seconds, first_look=False, until_asked=True))


@contextmanager
def lasting_imports() -> Iterator[None]:
    """Around the import of the app (Textual with it), whose modules last as long as the process: the garbage
    collector is off while they load, and they are frozen after, out of its reach, so that no collection walks them
    again. Collections that walked them took a tenth of the CPU time to the first paint (benchmarks/tui.py)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def take_keys_from_terminal(stdin: int = 0, terminal: str = TERMINAL) -> None:
    """When stdin is a pipe (`reader -`), put the controlling terminal in its place, as toolong does."""
    if os.isatty(stdin):
        return
    try:
        fd = os.open(terminal, os.O_RDWR)
    except OSError:
        print(f"reader: no terminal to read keys from ({terminal} can't be opened)", file=sys.stderr)
        raise SystemExit(2) from None
    os.dup2(fd, stdin)
    os.close(fd)
