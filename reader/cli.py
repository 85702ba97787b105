"""The `reader` command: open an article in the app, analyse it, classify sentences, export notes."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader import __version__, output
from reader.crash_report import DEBUG
from reader.origin import STDIN
from reader.sources import one_line
from reader.sources.limits import MAX_SIZE, PAGE_FACTOR, TIMEOUT, Limits, parse_size, size_in_words

if TYPE_CHECKING:
    from reader.model import Analysis, Sentence

COMMANDS = ("analyze", "classify", "export", "notes")
ANALYSIS_FORMATS = ("json", "jsonl", "markdown")
EXPORT_FORMATS = ("md", "json", "csv")
INCLUDABLE_LABELS = ("quote", "opinion", "reported")

USAGE = """\
reader [SOURCE] [--max-size SIZE] [--timeout SECONDS]
       reader analyze SOURCE... [--format json|jsonl|markdown] [--jobs N] [--max-size SIZE] [--timeout SECONDS]
       reader classify [FILE|-] [--max-size SIZE] [--timeout SECONDS]
       reader export ARTICLE [--format md|json|csv] [-o FILE] [--include LABELS]
       reader export --all [--format md|json|csv] -o DIR
       reader notes [--format table|json]"""

DESCRIPTION = """\
A terminal reading assistant: every sentence of a news article is a reported fact, a quote or
the author's opinion, with the words that decided it.

SOURCE is a text, Markdown or HTML file, an http(s):// URL, or - for standard input.
With no SOURCE, reader opens what is piped to it, or else its sample article."""

EPILOG = f"""\
commands:
  analyze   print the analysis of each SOURCE (reader analyze --help)
  classify  label each input line as one sentence, as JSON lines
  export    print or write the saved highlights and notes of an article (reader export --help)
  notes     list the articles you saved highlights and notes on

A file named like a command opens as ./analyze (or reader -- analyze).
--debug, anywhere, shows the traceback of an unexpected error instead of saving it to a file.
Exit status: 0 on success; 1 when some of several sources failed; 2 with one line on stderr
for a bad source or argument, or an unexpected error (the line says where its report is)."""

ANALYZE_EPILOG = """\
formats:
  json      one analysis (schema reader.analysis/1) as an indented JSON document; it takes
            exactly one SOURCE, so a glob that matches several files fails instead of
            silently changing the shape of the output; use jsonl for several
  jsonl     one analysis per SOURCE, one compact line each, in the order given
  markdown  a readable report per SOURCE, separated by horizontal rules

Each SOURCE is analysed and written in turn. One that fails gives one line on stderr (in jsonl
also a line {"source": ..., "error": ...} in its place) and the others are still written:
exit status 1 when some failed, 2 when all did."""

CLASSIFY_DESCRIPTION = """\
Label each line of FILE (or standard input) as one sentence; prints one JSON line per input line:
{"line", "text", "label", "confidence", "scores", "cues"}, where line counts from 1. An empty line
gets a record too, with label and confidence null, so that every record joins back to its line."""


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
    options_end = arguments.index("--") if "--" in arguments else len(arguments)
    debug = DEBUG in arguments[:options_end]
    arguments = [argument for index, argument in enumerate(arguments) if index >= options_end or argument != DEBUG]
    try:
        return _run(arguments, debug)
    except BrokenPipeError:
        # Whoever read our output (head, less) has stopped: not an error.
        output.drop_output()
        return 0
    except output.OutputFailed as error:
        output.drop_output()
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if debug:
            raise
        from reader.crash_report import unexpected

        return _fail(f"unexpected error: {unexpected(error)}")


def _run(arguments: list[str], debug: bool) -> int:
    from reader.nlp import ModelMissing
    from reader.sources import SourceError

    try:
        if arguments and arguments[0] in COMMANDS:
            options = _command_parser().parse_args(arguments)
            options.debug = debug
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
    _say(message)
    return 2


def _say(message: str) -> None:
    """The one way a message reaches stderr: outside text in it (a file name, a server's words) is made safe there."""
    try:
        print(f"reader: {one_line(message)}", file=sys.stderr, flush=True)
    except OSError:
        pass  # stderr itself is gone: there is no one left to tell


def _limit_options() -> argparse.ArgumentParser:
    """--max-size and --timeout, for every command that reads a source."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--max-size", metavar="SIZE", type=_size, default=MAX_SIZE,
        help=f"the most text to analyse, e.g. 500k or 5M (default: {size_in_words(MAX_SIZE)}, about a minute of"
        f" analysis); a web page or HTML file may be {PAGE_FACTOR} times as large",
    )
    options.add_argument(
        "--timeout", metavar="SECONDS", type=_seconds, default=TIMEOUT,
        help=f"how long a URL may take to arrive, all of it (default: {TIMEOUT:g})",
    )
    return options


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value} (write e.g. 800k or 5M)") from None


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value}")
    return seconds


def _jobs(value: str) -> int:
    if not value.isdecimal() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {value} (write 1 or more)")
    return int(value)


def _limits(options: argparse.Namespace) -> Limits:
    return Limits(max_size=options.max_size, timeout=options.timeout)


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        usage=USAGE,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_limit_options()],
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "source", metavar="SOURCE", nargs="?", help="the article to open (default: standard input if piped, else the sample)"
    )
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
        parents=[_limit_options()],
    )
    analyze.add_argument("sources", metavar="SOURCE", nargs="+", help="a file, an http(s):// URL, or -")
    analyze.add_argument("--format", choices=ANALYSIS_FORMATS, default="json", help="output format (default: json)")
    analyze.add_argument(
        "-j", "--jobs", metavar="N", type=_jobs, default=0,
        help="analyse up to N sources at once, one process each (default: as many as the machine has cores);"
        " the output is the same whatever N",
    )
    analyze.set_defaults(handler=_analyze)

    classify = commands.add_parser(
        "classify",
        help="label each input line as one sentence",
        description=CLASSIFY_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_limit_options()],
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

    # `cat story.txt | reader` reads the pipe, as glow and bat do; keys then come from the terminal.
    source = options.source or (STDIN if _stdin_brings_text() else str(sample_article()))
    # A bad source fails here, with one line, before the app takes over the terminal.
    article = load(source, _limits(options))
    from reader.tui import run

    run(article)
    return 0


def _stdin_brings_text() -> bool:
    """Whether standard input is a pipe or a file, rather than a terminal or /dev/null."""
    try:
        mode = os.fstat(0).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def _analyze(options: argparse.Namespace) -> int:
    from reader import corpus

    if options.format == "json" and len(options.sources) > 1:
        raise UsageError("--format json prints one analysis: give one SOURCE, or use --format jsonl for several")
    if options.sources.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    if options.format == "markdown":
        output.readable_output()
    else:
        output.utf8_output()
    jobs = options.jobs or corpus.all_cores()
    written = failed = 0
    for outcome in corpus.analyse_all(options.sources, _RENDER[options.format], _limits(options), options.debug, jobs):
        if outcome.rendered is None:
            failed += 1
            _say(outcome.error or "")
            if options.format == "jsonl":
                output.emit(output.json_line({"source": outcome.origin, "error": one_line(outcome.error or "")}))
            continue
        if options.format == "markdown" and written:
            output.emit("\n---\n\n")
        output.emit(outcome.rendered)
        written += 1
    return 0 if not failed else 1 if written else 2


def _as_document(result: Analysis) -> str:
    return output.json_document(result.to_json())


def _as_line(result: Analysis) -> str:
    return output.json_line(result.to_json())


def _as_report(result: Analysis) -> str:
    from reader import report

    return report.markdown(result)


_RENDER = {"json": _as_document, "jsonl": _as_line, "markdown": _as_report}


def _classify(options: argparse.Namespace) -> int:
    from reader.analysis import classify
    from reader.sources import load

    lines = load(options.file, _limits(options)).text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no line of its own
    output.utf8_output()
    sentences = iter(classify([line.strip() for line in lines if line.strip()]))
    for number, line in enumerate(lines, start=1):
        output.emit(output.json_line(_classified(number, next(sentences)) if line.strip() else _empty_line(number)))
    return 0


def _classified(number: int, sentence: Sentence) -> dict[str, object]:
    return {
        "line": number,
        "text": sentence.text,
        "label": sentence.label,
        "confidence": sentence.confidence,
        "scores": sentence.scores,
        "cues": [{"kind": cue.kind, "text": cue.text, "start": cue.start, "end": cue.end} for cue in sentence.cues],
    }


def _empty_line(number: int) -> dict[str, object]:
    return {"line": number, "text": "", "label": None, "confidence": None, "scores": {}, "cues": []}


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
