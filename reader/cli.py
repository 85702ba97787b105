"""The `reader` command: open an article in the app, analyse it, classify sentences, export notes."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader import __version__
from reader.origin import STDIN

if TYPE_CHECKING:
    from reader.model import Analysis, Article

COMMANDS = ("analyze", "classify", "export", "notes")
ANALYSIS_FORMATS = ("json", "jsonl", "markdown")
EXPORT_FORMATS = ("md", "json", "csv")
INCLUDABLE_LABELS = ("quote", "opinion", "reported")

USAGE = """\
reader [SOURCE]
       reader analyze SOURCE... [--format json|jsonl|markdown]
       reader classify [FILE|-]
       reader export ARTICLE [--format md|json|csv] [-o FILE] [--include LABELS]
       reader export --all [--format md|json|csv] -o DIR
       reader notes [--format table|json]"""

DESCRIPTION = """\
A terminal reading assistant: every sentence of a news article is a reported fact, a quote or
the author's opinion, with the words that decided it.

SOURCE is a text, Markdown or HTML file, an http(s):// URL, or - for standard input.
With no SOURCE, reader opens its sample article."""

EPILOG = """\
commands:
  analyze   print the analysis of each SOURCE (reader analyze --help)
  classify  label each non-empty input line as one sentence, as JSON lines
  export    print or write the saved highlights and notes of an article (reader export --help)
  notes     list the articles you saved highlights and notes on

A file named like a command opens as ./analyze (or reader -- analyze).
Exit status: 0 on success, 2 with one line on stderr for a bad source or argument."""

ANALYZE_EPILOG = """\
formats:
  json      one analysis (schema reader.analysis/1) as an indented JSON document; it takes
            exactly one SOURCE, so a glob that matches several files fails instead of
            silently changing the shape of the output; use jsonl for several
  jsonl     one analysis per SOURCE, one compact line each, in the order given
  markdown  a readable report per SOURCE, separated by horizontal rules

Every SOURCE is read before anything is printed, so a bad one fails without partial output."""


EXPORT_EPILOG = """\
ARTICLE:
  a file, a URL or - as it was opened in reader; the notes keep the text they were made on, so a URL
  is not fetched again. Or the number of an article in `reader notes` (1 is the last opened), or the
  start of its sha256 (6 hex digits or more). A file of that name in the current folder comes first.

formats:
  md    Obsidian Markdown: a callout per passage, its type and tag (#reader/opinion) by label, and a
        block id (^id) to link to it
  json  a W3C Web Annotation AnnotationCollection; positions count in reader's text, so a page (HTML
        or URL) gets only the quote selector
  csv   Readwise: the label as an inline tag in the Note (.opinion); --include is left out, as
        Readwise would import those sentences as your own highlights

--all writes every article of `reader notes` into the folder -o DIR, one file each, named by title
and hash (harbour-plan-divides-town-3f2a9c1b.md), so a folder in an Obsidian vault can hold them."""


class UsageError(Exception):
    """Bad input the user can fix; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error of reader."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def main(argv: list[str] | None = None) -> int:
    """Run the `reader` command; returns the exit status."""
    arguments = sys.argv[1:] if argv is None else argv
    try:
        return _run(arguments)
    except BrokenPipeError:
        # Whoever read our output (head, less) has stopped: not an error. Point stdout at
        # /dev/null so that flushing at exit doesn't raise the same error again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


def _run(arguments: list[str]) -> int:
    from reader.nlp import ModelMissing
    from reader.sources import SourceError

    try:
        if arguments and arguments[0] in COMMANDS:
            options = _command_parser().parse_args(arguments)
            return options.handler(options)
        return _open(_open_parser().parse_args(arguments))
    except UsageError as error:
        message = str(error)
        if len(arguments) == 1 and arguments[0] in COMMANDS and Path(arguments[0]).exists():
            message += f"; to open the file {arguments[0]}, write ./{arguments[0]}"
        return _fail(message)
    except (SourceError, ModelMissing) as error:
        return _fail(str(error))


def _fail(message: str) -> int:
    print(f"reader: {' '.join(message.splitlines())}", file=sys.stderr)
    return 2


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        usage=USAGE,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("source", metavar="SOURCE", nargs="?", help="the article to open (default: the sample)")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader")
    commands = parser.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser(
        "analyze",
        help="print the analysis of each SOURCE",
        description="Analyse each SOURCE: paragraphs, sentences with labels and cues, quotes, entities, figures.",
        epilog=ANALYZE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("sources", metavar="SOURCE", nargs="+", help="a file, an http(s):// URL, or -")
    analyze.add_argument("--format", choices=ANALYSIS_FORMATS, default="json", help="output format (default: json)")
    analyze.set_defaults(handler=_analyze)

    classify = commands.add_parser(
        "classify",
        help="label each input line as one sentence",
        description=(
            "Label each non-empty line of FILE (or standard input) as one sentence; prints one JSON "
            'line per sentence: {"text", "label", "confidence", "scores", "cues"}.'
        ),
    )
    classify.add_argument("file", metavar="FILE", nargs="?", default=STDIN, help="a text file, or - (default)")
    classify.set_defaults(handler=_classify)

    export = commands.add_parser(
        "export",
        help="export the highlights and notes saved for an article",
        description="Export the highlights and notes saved for ARTICLE (to standard output without -o).",
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "source", metavar="ARTICLE", nargs="?",
        help="a file, a URL or - as it was opened, or a number or sha256 prefix from `reader notes`",
    )
    export.add_argument("--all", action="store_true", help="export every article of `reader notes` into -o DIR")
    export.add_argument(
        "--format", choices=EXPORT_FORMATS, default="md",
        help="md (Markdown, Obsidian callouts), json (W3C Web Annotation), csv (Readwise); default: md",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path,
        help="write to FILE instead of standard output (with --all: the folder DIR, one file per article)",
    )
    export.add_argument(
        "--include", metavar="LABELS", type=_labels, default=[],
        help="also export every sentence with these labels, comma-separated (e.g. quote,opinion)",
    )
    export.set_defaults(handler=_export)

    notes = commands.add_parser(
        "notes",
        help="list the articles you saved highlights and notes on",
        description="List the articles you saved highlights and notes on, last opened first.",
    )
    notes.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    notes.set_defaults(handler=_notes)
    return parser


def _labels(value: str) -> list[str]:
    labels = [label.strip() for label in value.split(",") if label.strip()]
    unknown = [label for label in labels if label not in INCLUDABLE_LABELS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown label {', '.join(unknown)}: choose from {', '.join(INCLUDABLE_LABELS)}"
        )
    return labels


def _open(options: argparse.Namespace) -> int:
    from reader.resources import sample_article
    from reader.sources import load

    # A bad source fails here, with one line, before the app takes over the terminal.
    article = load(options.source or str(sample_article()))
    from reader.tui import run

    run(article)
    return 0


def _analyze(options: argparse.Namespace) -> int:
    from reader.sources import load

    if options.format == "json" and len(options.sources) > 1:
        raise UsageError("--format json prints one analysis: give one SOURCE, or use --format jsonl for several")
    if options.sources.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    return _write_analyses([load(source) for source in options.sources], options.format)


def _write_analyses(articles: list[Article], output_format: str) -> int:
    from reader import analysis, report

    if output_format != "markdown":
        _utf8_output()
    for index, result in enumerate(analysis.analyze_many(articles)):
        _require_sentences(result)
        if output_format == "json":
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
        elif output_format == "jsonl":
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
        else:
            sys.stdout.write(("\n---\n\n" if index else "") + report.markdown(result))
        sys.stdout.flush()
    return 0


def _utf8_output() -> None:
    """JSON is UTF-8 by definition, whatever the terminal's locale."""
    if sys.stdout.encoding.lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8")


def _require_sentences(result: Analysis) -> None:
    if not result.sentences:
        raise UsageError(f"no sentences found in {result.article.described}")


def _classify(options: argparse.Namespace) -> int:
    from reader.analysis import classify
    from reader.sources import load

    text = load(options.file).text
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    _utf8_output()
    for sentence in classify(lines):
        record = {
            "text": sentence.text,
            "label": sentence.label,
            "confidence": sentence.confidence,
            "scores": sentence.scores,
            "cues": [
                {"kind": cue.kind, "text": cue.text, "start": cue.start, "end": cue.end} for cue in sentence.cues
            ],
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


def _export(options: argparse.Namespace) -> int:
    from reader import notes_commands
    from reader.export import ExportError
    from reader.notes import LibraryError, NoteStoreError

    if options.all and options.source:
        raise UsageError("give an ARTICLE or --all, not both")
    if options.all and options.output is None:
        raise UsageError("--all writes one file per article: name their folder with -o DIR")
    if not options.all and options.source is None:
        raise UsageError("give the ARTICLE to export (a file, a URL, -, or a number from `reader notes`), or --all")
    try:
        if options.all:
            return notes_commands.export_all(options.output, options.format, options.include)
        return notes_commands.export_one(options.source, options.format, options.include, options.output)
    except (ExportError, NoteStoreError, LibraryError) as error:
        raise UsageError(str(error)) from None
    except BrokenPipeError:
        raise
    except OSError as error:
        raise UsageError(f"cannot write standard output: {error.strerror or error}") from None


def _notes(options: argparse.Namespace) -> int:
    from reader import notes_commands
    from reader.notes import LibraryError

    try:
        return notes_commands.list_articles(options.format)
    except LibraryError as error:
        raise UsageError(str(error)) from None
