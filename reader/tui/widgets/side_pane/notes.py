"""The Notes tab: the reader's highlights in reading order, with their notes; orphans last, marked."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from reader.model import sentence_number
from reader.notes import COLOURS, Highlight
from reader.tui.marks import NOTE_MARK, excerpt, label_name
from reader.tui.widgets.side_pane.pane import Entry, EntryPane, Heading

EXCERPT_LENGTH = 110
"""The most characters of a highlighted passage the list shows."""

ORPHAN = "⚠ no longer in the text"


class NotesPane(EntryPane):
    """Every highlight it is given, with its label and note; choosing one moves the cursor to it."""

    TITLE = "Notes"
    EMPTY = "No highlights yet: h highlights the current sentence, a adds a note."

    def show_highlights(self, highlights: Sequence[Highlight], orphans: Sequence[Highlight]) -> None:
        """List the highlights in reading order, then the orphans under a heading, keeping the place in the list."""
        kept = self.highlighted
        items: list[Entry | Heading] = [_entry(highlight) for highlight in highlights]
        if orphans:
            items.append(Heading(f"Orphans ({len(orphans)}): {ORPHAN}"))
            items.extend(_entry(orphan) for orphan in orphans)
        self.show_entries(items)
        if kept is not None and items:
            self.highlighted = min(kept, self.option_count - 1)


def _entry(highlight: Highlight) -> Entry:
    if highlight.orphan:
        heading = Content.styled(ORPHAN, "$text-warning")
    elif highlight.label is not None and highlight.sentence_id is not None:
        heading = Content.assemble(
            (label_name(highlight.label), f"bold $label-{highlight.label}"),
            (f"  sentence {sentence_number(highlight.sentence_id)}", "$text-muted"),
        )
        if highlight.colour != COLOURS[0]:  # the first colour goes without saying, as in the article
            heading += Content.styled(f"  {highlight.colour}", "$text-muted")
    else:
        heading = Content.styled("highlight", "bold")
    prompt = Content.assemble(heading, "\n", excerpt(highlight.exact, EXCERPT_LENGTH))
    if highlight.note:
        note = f"{NOTE_MARK} {excerpt(highlight.note, 2 * EXCERPT_LENGTH)}"
        prompt += Content.assemble("\n", (note, "italic $text-accent"))
    return Entry(
        subject=highlight,
        prompt=prompt,
        spans=((highlight.start, highlight.end),),
        stops=() if highlight.orphan else (highlight.start,),
    )
