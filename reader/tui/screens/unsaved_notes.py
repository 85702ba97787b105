"""Leaving articles whose notes a failed save still holds in memory: save them again, and where that fails too, ask
the reader (UnsavedDialog) what to do with them. The reading view settles its article's notes so, the comparison
each of its two."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from textual.screen import Screen

from reader.control import one_line
from reader.notes import NoteStore, NoteStoreError

Reason = Callable[[NoteStoreError], str]
"""What the dialog says of a failed save of one article's notes."""
Store = tuple[NoteStore, Reason]


def settle(screen: Screen, stores: Sequence[Store], then: Callable[[], object], leaving: str) -> bool:
    """Save again what a failed save held in memory, store after store, as the reader leaves (`leaving` says how:
    "Quit"); where that fails, ask what to do with those notes, one article after the other, and call `then` once the
    reader chose to go for each (the notes saved, written elsewhere, or given up). Whether they were asked."""
    for place, (notes, reason) in enumerate(stores):
        if not notes.pending:
            continue
        try:
            notes.save_again()
        except NoteStoreError as error:
            from reader.tui.screens.unsaved_dialog import UnsavedDialog

            after = partial(_the_rest, screen, stores[place + 1 :], then, leaving)
            elsewhere = Path.cwd() / f"reader-notes-{notes.sha256[:8]}.json"
            screen.app.push_screen(UnsavedDialog(reason(error), elsewhere, leaving),
                                   partial(_chosen, screen, stores[place], after, leaving))
            return True
    return False


def _the_rest(screen: Screen, stores: Sequence[Store], then: Callable[[], object], leaving: str) -> None:
    """Once one article's notes are dealt with: those of `stores`, then `then`."""
    if not settle(screen, stores, then, leaving):
        then()


def _chosen(screen: Screen, store: Store, then: Callable[[], object], leaving: str, choice: str | Path | None) -> None:
    from reader.tui.screens.unsaved_dialog import RETRY

    if choice is None:  # the reader reads on
        return
    if isinstance(choice, Path):
        try:
            store[0].write_copy(choice)
        except OSError as error:
            screen.notify(one_line(f"cannot write {choice}: {error.strerror or error}"), title="Not written",
                          severity="error", timeout=10, markup=False)
            choice = RETRY
    if choice == RETRY and settle(screen, [store], then, leaving):
        return
    then()
