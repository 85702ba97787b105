"""The command line's words: usage, help texts, and the parsers of `reader` and its commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from reader.cli.messages import UsageError
from reader.origin import STDIN
from reader.sources.limits import LONGEST_WAIT, MAX_SIZE, PAGE_FACTOR, TIMEOUT, Limits, parse_size, size_in_words
from reader.time_budget import BASE_SECONDS, SECONDS_PER_KB

COMMANDS = {
    "analyze": ("analysis", "analyze"), "classify": ("analysis", "classify"), "compare": ("profiles", "compare"),
    "export": ("notes", "export_articles"), "notes": ("notes", "list_articles"), "profile": ("profiles", "profile"),
}
"""Each command, and what runs it: a function of a module of reader.cli, imported only when its command runs (an
error line need not wait for the analysis, the exporters and the profile to be imported)."""
ANALYSIS_FORMATS = ("json", "jsonl", "markdown")
PROFILE_FORMATS = ("text", "json", "md")
COMPARE_FORMATS = ("text", "json", "md")
EXPORT_FORMATS = ("md", "json", "csv")
INCLUDABLE_LABELS = ("quote", "opinion", "reported")
PROFILE = "profile"
"""What `--include` adds to a Markdown export besides sentences: the article's profile."""

USAGE = """\
reader [SOURCE] [--model learned|rules] [--max-size SIZE] [--timeout SECONDS]
              [--max-seconds SECONDS]
       reader --library
       reader --version
       reader analyze SOURCE... [--format json|jsonl|markdown] [--jobs N]
                      [--model learned|rules] [--max-size SIZE] [--timeout SECONDS]
                      [--max-seconds SECONDS]
       reader classify [FILE|-] [--model learned|rules] [--max-size SIZE]
                       [--timeout SECONDS] [--max-seconds SECONDS]
       reader profile SOURCE [--format text|json|md] [--model learned|rules]
                      [--max-size SIZE] [--timeout SECONDS] [--max-seconds SECONDS]
       reader compare A B [--format text|json|md] [--model learned|rules] [--max-size SIZE]
                      [--timeout SECONDS] [--max-seconds SECONDS]
       reader export ARTICLE [--format md|json|csv] [-o FILE] [--include LABELS]
       reader export --all [--format md|json|csv] -o DIR
       reader notes [--format table|json] [--corrections]"""

DESCRIPTION = """\
A terminal reading assistant: every sentence of a news article is a reported fact, a quote or
the author's opinion, with the words that decided it.

SOURCE is a text, Markdown or HTML file, an http(s):// URL, or - for standard input.
With no SOURCE, reader opens what is piped to it, or else its sample article."""

EPILOG = """\
commands:
  analyze   print the analysis of each SOURCE (reader analyze --help)
  classify  label each input line as one sentence, as JSON lines
  profile   one article at a glance: labels, voices, figures, loaded words (reader profile --help)
  compare   two reports of one story: the claims both make, who speaks, figures that differ
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

PROFILE_EPILOG = """\
formats:
  text  for a terminal: sentences and words by label, each with a bar, who is quoted or cited,
        figures, the loaded words that recur, the first opinion, the reading time
  json  the same as one JSON document (schema reader.profile/1, docs/REFERENCE.md#the-profile)
  md    the same as Markdown, as `reader export --include profile` adds it to your notes

The reading time is the article's words at 230 words a minute, rounded up to a minute."""

COMPARE_EPILOG = """\
With no --format, on a terminal, A and B open side by side in the app: each with its labels, the
claims both make numbered alike in both columns (j k go from one to the next), Enter reads one
in the reading view. Into a pipe or a file, no --format is md.

formats:
  text  for a terminal or a script: the same as md, as plain text
  md    for people: each article's profile in brief, the claims both make side by side with how
        alike they are, the voices and names each has alone, the figures they give differently
  json  the same as one JSON document (schema reader.compare/1, docs/REFERENCE.md#the-comparison)

Two sentences are the same claim when their words (weighed by TF-IDF), the names and the figures
they share make them alike enough; each sentence is paired once at most. A and B must be two
different articles."""

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

--include profile adds the article's profile (as `reader profile --format md` gives it) to the end
of a Markdown export; the JSON and CSV have no place for it.

--all writes every article of `reader notes` into the folder -o DIR, one file each, named by title
and hash (harbour-plan-divides-town-3f2a9c1b.md), so a folder in an Obsidian vault can hold them."""


class _Version(argparse.Action):
    """--version: reader's version and its models' and engines', worked out only when asked."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from reader.cli.version import report

        print(report(), flush=True)
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error of reader."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def _limit_options() -> _Parser:
    """--max-size, --timeout and --model, for every command that reads and labels a source."""
    # Of the commands' own class, as the typed add_parser asks of parents; argparse itself only copies their options.
    options = _Parser(add_help=False)
    options.add_argument(
        "--model", choices=("learned", "rules"), default="learned",
        help="how opinion is scored: the learned sentence model stacked with the hand-written cues (default), or the"
        " cues alone, weighed by a small model of their own (faster: no sentence model to load)",
    )
    options.add_argument(
        "--max-size", metavar="SIZE", type=_size, default=MAX_SIZE,
        help=f"the most text to analyse, e.g. 500k or 5M (default: {size_in_words(MAX_SIZE)}, about a minute of"
        f" analysis); a web page or HTML file may be {PAGE_FACTOR} times as large",
    )
    options.add_argument(
        "--timeout", metavar="SECONDS", type=_seconds, default=TIMEOUT,
        help=f"how long a URL may take to arrive, all of it (default: {TIMEOUT:g})",
    )
    options.add_argument(
        "--max-seconds", metavar="SECONDS", type=_seconds, default=None,
        help=f"the most CPU time the analysis of one article may take, past which it is an error (default:"
        f" {BASE_SECONDS:g} s and {SECONDS_PER_KB:g} s per kB of its text)",
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
    if not 0 < seconds <= LONGEST_WAIT:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value} (more than 0, at most {LONGEST_WAIT:,})")
    return seconds


def _jobs(value: str) -> int:
    if not value.isdecimal() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {value} (write 1 or more)")
    return int(value)


def limits(options: argparse.Namespace) -> Limits:
    """The limits on reading a source that the options set."""
    return Limits(max_size=options.max_size, timeout=options.timeout)


def open_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        usage=USAGE,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_limit_options()],
    )
    parser.add_argument(
        "--version", action=_Version,
        help="print reader's version, its models' and its engines' (what a bug report needs) and exit",
    )
    parser.add_argument(
        "source", metavar="SOURCE", nargs="?",
        help="the article to open (default: standard input if piped, else the sample)",
    )
    parser.add_argument(
        "--library", action="store_true",
        help="open the library: the articles you annotated, to read again without their source",
    )
    return parser


def command_parser() -> argparse.ArgumentParser:
    """The parser of `reader COMMAND …`; the command's name is `command` (reader.cli runs it)."""
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
        help="use up to N cores: N sources at once, one process each; with one source, a second core runs the"
        " opinion model beside spaCy (default, and at most: as many as the machine has); the output is the same"
        " whatever N",
    )

    profile = commands.add_parser(
        "profile",
        help="one article at a glance",
        description="Profile SOURCE: how much is reported, quoted or opinion, who speaks, its figures and loaded"
        " words.",
        epilog=PROFILE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_limit_options()],
    )
    profile.add_argument("source", metavar="SOURCE", help="a file, an http(s):// URL, or -")
    profile.add_argument("--format", choices=PROFILE_FORMATS, default="text", help="output format (default: text)")

    compare = commands.add_parser(
        "compare",
        help="two reports of one story side by side",
        description="Compare A and B, two reports of one story: the claims both make, who each lets speak, the names"
        " each has alone, the figures they give differently.",
        epilog=COMPARE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_limit_options()],
    )
    compare.add_argument("first", metavar="A", help="a file, an http(s):// URL, or -")
    compare.add_argument("second", metavar="B", help="another article: a file, an http(s):// URL, or -")
    compare.add_argument("--format", choices=COMPARE_FORMATS,
                         help="output format (default: the app on a terminal, else md)")

    classify = commands.add_parser(
        "classify",
        help="label each input line as one sentence",
        description=CLASSIFY_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_limit_options()],
    )
    classify.add_argument("file", metavar="FILE", nargs="?", default=STDIN, help="a text file, or - (default)")

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
        help="also export every sentence with these labels, comma-separated (e.g. quote,opinion); profile adds"
        " the article's profile to a Markdown export",
    )

    notes = commands.add_parser(
        "notes",
        help="list the articles you saved highlights and notes on",
        description="List the articles you saved highlights and notes on, last opened first.",
    )
    notes.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    notes.add_argument("--corrections", action="store_true",
                       help="list every label or speaker you corrected (!), across the library, as JSON lines")
    return parser


def _labels(value: str) -> list[str]:
    labels = [label.strip() for label in value.split(",") if label.strip()]
    unknown = [label for label in labels if label not in (*INCLUDABLE_LABELS, PROFILE)]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown label {', '.join(unknown)}: choose from {', '.join(INCLUDABLE_LABELS)}, or {PROFILE}"
        )
    return labels
