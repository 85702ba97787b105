"""The one kind of error the user is told of in a line: what went wrong and, where it helps, what to do."""


class ReaderError(Exception):
    """Something the user can fix or must know, its message one line for them: the command prints it and exits
    with status 2 (`reader.cli.main`), the app shows it and keeps the article on screen
    (`reader.tui.screens.working`). Each layer raises its own kind (SourceError, NoteStoreError, …)."""
