"""`reader profile`: one article at a glance, as text, JSON or Markdown."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reader import output
from reader.cli.arguments import limits
from reader.cli.messages import say

if TYPE_CHECKING:
    from reader.model import Analysis


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
