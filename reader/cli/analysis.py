"""`reader analyze` and `reader classify`: the analysis as JSON or a report, and sentences labelled one a line."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from reader import output
from reader.cli.arguments import limits
from reader.cli.messages import UsageError, say
from reader.control import one_line
from reader.origin import STDIN

if TYPE_CHECKING:
    from reader.model import Analysis, Sentence


def analyze(options: argparse.Namespace) -> int:
    """Analyse every source, in the order given, on up to --jobs processes; a failure is one line and a record."""
    from reader import corpus

    if options.format == "json" and len(options.sources) > 1:
        raise UsageError("--format json prints one analysis: give one SOURCE, or use --format jsonl for several")
    if options.sources.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    if options.format == "markdown":
        output.readable_output()
    else:
        output.utf8_output()
    written = failed = 0
    job = corpus.Job(_RENDER[options.format], limits(options), options.model, options.debug,
                     max_seconds=options.max_seconds)
    for outcome in corpus.analyze_all(options.sources, job, _jobs(options.jobs), say):
        if outcome.rendered is None:
            failed += 1
            say(outcome.error or "")
            if options.format == "jsonl":
                output.emit(output.json_line({"source": outcome.origin, "error": one_line(outcome.error or "")}))
            continue
        if options.format == "markdown" and written:
            output.emit("\n---\n\n")
        output.emit(outcome.rendered)
        written += 1
    return 0 if not failed else 1 if written else 2


def _jobs(asked: int) -> int:
    """The processes to analyse on: as many as asked for (0: as many as there are cores), but no more than the cores;
    more would only wait their turn, each with a model of its own in memory."""
    from reader import corpus

    cores = corpus.all_cores()
    if asked > cores:
        say(f"--jobs {asked} is more than the {cores} core{'s' if cores > 1 else ''} here: using {cores}")
    return min(asked or cores, cores)


def _as_document(result: Analysis) -> str:
    return output.json_document(result.to_json())


def _as_line(result: Analysis) -> str:
    return output.json_line(result.to_json())


def _as_report(result: Analysis) -> str:
    from reader import report

    return report.markdown(result)


_RENDER = {"json": _as_document, "jsonl": _as_line, "markdown": _as_report}


def classify(options: argparse.Namespace) -> int:
    """One JSON line per input line, each its own sentence."""
    from reader.sources import SourceError, load

    try:
        article = load(options.file, limits(options))
    except SourceError as error:
        if " " in options.file and not Path(options.file).exists():  # words given where a file was wanted
            raise SourceError(f"{error} (to classify words, not a file: echo 'Some sentence.' | reader classify)") \
                from None
        raise
    # Imported once there is an article: a file that can't be read is said without waiting for them.
    from reader.analysis import classify as labelled
    from reader.time_budget import OutOfTime, default_seconds, limited

    lines = article.text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no line of its own
    output.utf8_output()
    try:
        with limited(options.max_seconds or default_seconds(article.text)):
            sentences = iter(labelled([line.strip() for line in lines if line.strip()], options.model))
    except OutOfTime as error:
        raise UsageError(f"cannot classify {article.described}: {error}") from None
    for number, line in enumerate(lines, start=1):
        output.emit(output.json_line(_classified(number, next(sentences)) if line.strip() else _empty_line(number)))
    return 0


def _classified(number: int, sentence: Sentence) -> dict[str, object]:
    return {
        "line": number,
        "text": sentence.text,
        "label": sentence.label,
        "confidence": sentence.confidence,
        "scores": dict(sentence.scores),
        "cues": [asdict(cue) for cue in sentence.cues],
    }


def _empty_line(number: int) -> dict[str, object]:
    return {"line": number, "text": "", "label": None, "confidence": None, "scores": {}, "cues": []}
