"""The `reader` command: open an article in the app, analyse it, classify sentences, list and export notes."""

from __future__ import annotations

import sys
from pathlib import Path

from reader import output
from reader.cli.arguments import COMMANDS
from reader.cli.messages import UsageError, fail
from reader.crash_report import DEBUG

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
    except output.OutputFailed as error:
        output.drop_output()
        return fail(str(error))
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
    from reader.nlp import ModelMissing
    from reader.resources import Damaged
    from reader.sources import SourceError

    try:
        if arguments and arguments[0] in COMMANDS:
            options = command_parser().parse_args(arguments)
            options.debug = debug
            return options.handler(options)
        return open_article(open_parser().parse_args(arguments))
    except UsageError as error:
        message = str(error)
        if len(arguments) == 1 and arguments[0] in COMMANDS and Path(arguments[0]).exists():
            message += f"; to open the file {arguments[0]}, write ./{arguments[0]}"
        return fail(message)
    except (SourceError, ModelMissing, Damaged) as error:
        return fail(str(error))
