"""The `reader` command: open an article in the app, analyse it, classify sentences, list and export notes."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from reader import output
from reader.cli.arguments import COMMANDS
from reader.cli.messages import fail
from reader.crash_report import DEBUG
from reader.errors import ReaderError

__all__ = ["main"]


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
    except ReaderError as error:
        return _failed(error, arguments)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if debug:
            raise
        from reader.crash_report import unexpected

        return fail(f"unexpected error: {unexpected(error)}")


def _run(arguments: list[str], debug: bool) -> int:
    from reader.cli.arguments import command_parser, open_parser
    from reader.cli.reading import open_article

    if arguments and arguments[0] in COMMANDS:
        options = command_parser().parse_args(arguments)
        options.debug = debug
        module, function = COMMANDS[options.command]
        return getattr(importlib.import_module(f"reader.cli.{module}"), function)(options)
    return open_article(open_parser().parse_args(arguments))


def _failed(error: ReaderError, arguments: list[str]) -> int:
    """The one place a ReaderError from any command becomes its line on stderr and exit status 2."""
    if isinstance(error, output.OutputFailed):
        output.drop_output()  # or flushing stdout at exit fails a second time, on a line of Python's own
    message = str(error)
    if len(arguments) == 1 and arguments[0] in COMMANDS and Path(arguments[0]).exists():
        # `reader notes` ran the command; the reader may have meant the file of that name.
        message += f"; to open the file {arguments[0]}, write ./{arguments[0]}"
    return fail(message)
