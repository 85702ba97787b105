"""`reader profile` and `reader compare`: one article at a glance, and two reports of one story side by side."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from reader import output
from reader.cli.arguments import limits
from reader.cli.messages import UsageError, say
from reader.origin import STDIN

if TYPE_CHECKING:
    from reader.model import Analysis, Article


def profile(options: argparse.Namespace) -> int:
    """Read and analyse SOURCE as `reader analyze` does (a bad one is one line, status 2), then print its profile."""
    from reader import corpus

    if options.format == "json":
        output.utf8_output()
    else:
        output.readable_output()
    job = corpus.Job(_RENDER[options.format], limits(options), options.model, options.debug,
                     max_seconds=options.max_seconds)
    for outcome in corpus.analyze_all([options.source], job, corpus.all_cores(), say):
        if outcome.rendered is None:
            say(outcome.error or "")
            return 2
        output.emit(outcome.rendered)
    return 0


def _as_text(analysis: Analysis) -> str:
    from reader import profile_report
    from reader.profile import profile

    return profile_report.text(profile(analysis))


def _as_json(analysis: Analysis) -> str:
    from reader.profile import profile

    return output.json_document(profile(analysis).to_json())


def _as_markdown(analysis: Analysis) -> str:
    from reader import profile_report
    from reader.profile import profile

    return profile_report.markdown(profile(analysis))


_RENDER = {"text": _as_text, "json": _as_json, "md": _as_markdown}


def compare(options: argparse.Namespace) -> int:
    """Read and analyse A and B (on two cores when there are two), then print what they share and where they differ;
    with no --format, on a terminal, show them side by side in the app instead (Markdown into a pipe or a file).

    Either unreadable is one line and status 2, as is the same article given twice, before either is analysed.
    """
    from reader import corpus
    from reader.model import Analysis

    if options.first == options.second:
        raise UsageError(f"A and B are the same source ({options.first}): give two articles to compare")
    if options.first == STDIN and options.second == STDIN:
        raise UsageError("standard input (-) can be read only once")
    first, second = _both(options)
    if options.format is None and sys.stdout.isatty():
        return _compare_in_the_app(first, second, options)
    if options.format == "json":
        output.utf8_output()
    else:
        output.readable_output()
    # Each analysis comes back from its worker as its JSON, the one form of it that travels between processes.
    job = corpus.Job(_as_analysis, limits(options), options.model, options.debug, max_seconds=options.max_seconds)
    analyses = []
    for outcome in corpus.analyze_all([first, second], job, corpus.all_cores(), say):
        if outcome.rendered is None:
            say(outcome.error or "")
            return 2
        analyses.append(Analysis.from_json(json.loads(outcome.rendered)))
    from reader import compare_report
    from reader.compare import compare as compared

    found = compared(analyses[0], analyses[1])
    if options.format == "json":
        output.emit(output.json_document(found.to_json()))
    else:
        output.emit(compare_report.text(found) if options.format == "text" else compare_report.markdown(found))
    return 0


def _both(options: argparse.Namespace) -> tuple[Article, Article]:
    """A and B, read before either is analysed: either unreadable, or both the same text, is one line and status 2
    at once."""
    from reader.sources import load

    first, second = load(options.first, limits(options)), load(options.second, limits(options))
    if first.sha256 == second.sha256:
        raise UsageError(f"{first.described} and {second.described} are the same article: give two reports to compare")
    return first, second


def _compare_in_the_app(first: Article, second: Article, options: argparse.Namespace) -> int:
    """Show A and B side by side in the app, which analyses them."""
    from reader.cli.reading import app_config

    config = app_config()
    from reader.tui import run_comparison

    return run_comparison(first, second, config, options.model, options.max_seconds)


def _as_analysis(analysis: Analysis) -> str:
    return output.json_line(analysis.to_json())
