"""The Notes tab: the reader's highlights in reading order, with their notes; orphans last, marked."""

from __future__ import annotations

from textual.content import Content

from reader.model import Analysis
from reader.notes import Highlight, NoteStore
from reader.tui.marks import excerpt, label_name
from reader.tui.widgets.side_pane.pane import Entry, EntryPane, Heading

EXCERPT_LENGTH = 110
"""The most characters of a highlighted passage the list shows."""

ORPHAN = "⚠ no longer in the text"


class NotesPane(EntryPane):
    """Every highlight with its label and note; choosing one moves the cursor to it."""

    TITLE = "Notes"
    EMPTY = "No highlights yet: space highlights the current sentence, a adds a note."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store: NoteStore | None = None
        """The article's saved highlights, set by the app once it has opened them."""

    def show_analysis(self, analysis: Analysis) -> None:
        self.show_notes()

    def show_notes(self) -> None:
        """List the store's highlights (labelled once the sentences are in), keeping the place in the list."""
        if self.store is None:
            return
        kept = self.highlighted
        self.show_entries(self.entries(None))
        if kept is not None and self._entries:
            self.highlighted = min(kept, self.option_count - 1)

    def entries(self, analysis: Analysis | None) -> list[Entry | Heading]:
        """The highlights in reading order, then the orphans under a heading (the store knows the labels)."""
        if self.store is None:
            return []
        items: list[Entry | Heading] = [_entry(highlight) for highlight in self.store.highlights]
        orphans = self.store.orphans
        if orphans:
            items.append(Heading(f"Orphans ({len(orphans)}): {ORPHAN}"))
            items.extend(_entry(orphan) for orphan in orphans)
        return items

    def highlight_of(self, entry: Entry) -> Highlight | None:
        """The highlight an entry of this pane stands for."""
        if self.store is None:
            return None
        key = entry.key.removeprefix("note-")
        return next((h for h in (*self.store.highlights, *self.store.orphans) if h.id == key), None)


def _entry(highlight: Highlight) -> Entry:
    if highlight.orphan:
        heading = Content.styled(ORPHAN, "$text-warning")
    elif highlight.label is not None and highlight.sentence_id is not None:
        heading = Content.assemble(
            (label_name(highlight.label), f"bold $label-{highlight.label}"),
            (f"  sentence {highlight.sentence_id + 1}", "$text-muted"),
        )
    else:
        heading = Content.styled("highlight", "bold")
    prompt = Content.assemble(heading, "\n", excerpt(highlight.exact, EXCERPT_LENGTH))
    if highlight.note:
        prompt += Content.assemble("\n", ("✎ " + excerpt(highlight.note, 2 * EXCERPT_LENGTH), "italic $text-accent"))
    return Entry(
        key=f"note-{highlight.id}",
        prompt=prompt,
        spans=((highlight.start, highlight.end),),
        stops=() if highlight.orphan else (highlight.start,),
    )
