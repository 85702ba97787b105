"""The detail line: why the current sentence has its label, and who said it."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from reader.model import Analysis, Sentence
from reader.notes import Correction
from reader.tui.marks import CORRECTED_MARK, NOTE_MARK, label_name, speaker_name

WHY_HINT = "  w: why"
"""What the first line ends with when its cues are cut short: the key that shows them all."""
NOTE_STYLE = "italic $text-accent"


class DetailLine(Widget):
    """Two lines about the current sentence: label, confidence, cues and the reader's note; then its source and
    place."""

    DEFAULT_CSS = """
    DetailLine {
        height: 2;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._reasons = Content("The article is on screen; the labels follow when the analysis is done.")
        self._note = Content("")
        self._source = Content("")
        self._place = ""
        self._search = ""

    def show(self, sentence: Sentence, analysis: Analysis, first_look: bool = False, note: str | None = None,
             so_far: bool = False, correction: Correction | None = None) -> None:
        """Describe `sentence` (a first look's says so: its reasons come with the analysis), with the reader's
        `note` and `correction` on it, if any; `so_far` while the sentences are those labelled yet, not the
        article's all."""
        self._reasons = reasons(sentence) if not first_look else Content.assemble(
            reasons(sentence), (" — a first look; the reasons follow", "$text-muted"))
        if correction is not None:
            self._reasons = Content.assemble(
                (f"{CORRECTED_MARK} yours ({correction.what_was()})  ", "$text-accent"), self._reasons)
        # The note is the reader's own text: on one line, never parsed as markup.
        flat = " ".join((note or "").split())
        self._note = Content.styled(f"  {NOTE_MARK} {flat}", NOTE_STYLE) if flat else Content("")
        links = sum(1 for link in analysis.article.links if link.start < sentence.end and link.end > sentence.start)
        hint = f"{links} link{'' if links == 1 else 's'} (o opens)" if links else ""
        source = said_by(sentence, analysis)
        if correction is not None and correction.speaker is not None:
            source = f"said by {correction.speaker} (yours)"
        self._source = Content.assemble(source, ("  " if hint and source else ""), (hint, "$text-muted"))
        self._place = f"sentence {sentence.number} of {len(analysis.sentences)}{' so far' if so_far else ''}"
        self.refresh()

    def show_search(self, query: str, number: int, count: int) -> None:
        """Show where the search stands: `match 2 of 17 for ‘Biden’`."""
        if not query:
            self._search = ""
        elif not count:
            self._search = f"no match for ‘{query}’"
        elif number:
            self._search = f"match {number} of {count} for ‘{query}’"
        else:
            self._search = f"{count} {'match' if count == 1 else 'matches'} for ‘{query}’"
        self.refresh()

    def show_message(self, message: str) -> None:
        """Show a plain message in place of a sentence's details."""
        self._reasons = Content(message)
        self._note = Content("")
        self.refresh()

    def render(self) -> Content:
        right = "   ".join(part for part in (self._search, self._place) if part)
        room = max(self.size.width - cell_len(right) - 1, 0)
        second = self._source.truncate(room, ellipsis=True, pad=True)
        return Content.assemble(
            self._first_line(self.size.width),
            "\n",
            second,
            " ",
            (right, "$text-muted"),
        )

    def _first_line(self, width: int) -> Content:
        """The reasons and the note, as much of each as fits: when both can't, the note keeps at least half."""
        note, note_width = self._note, cell_len(self._note.plain)
        reasons_width = cell_len(self._reasons.plain)
        if reasons_width + note_width <= width:
            return self._reasons + note
        note_room = min(note_width, max(width - reasons_width, width // 2))
        return _cut_reasons(self._reasons, width - note_room) + note.truncate(note_room, ellipsis=True)


def _cut_reasons(reasons: Content, room: int) -> Content:
    """The reasons in `room` cells, ending with the key that shows them all when they are cut."""
    if cell_len(reasons.plain) <= room:
        return reasons
    return reasons.truncate(max(room - cell_len(WHY_HINT), 0), ellipsis=True) + Content.styled(WHY_HINT, "$text-muted")


def reasons(sentence: Sentence) -> Content:
    """`◆ opinion 0.84 — evaluative ‘blindly’, modal ‘may not’`."""
    parts: list[tuple[str, str] | str] = [
        (label_name(sentence.label), f"bold $label-{sentence.label}"),
        f" {sentence.confidence:.2f}",
    ]
    if sentence.cues:
        parts.append(" — ")
        parts.append(", ".join(f"{cue.kind} ‘{cue.text}’" for cue in sentence.cues))
    return Content.assemble(*parts)


def found_speaker(sentence: Sentence, analysis: Analysis) -> str | None:
    """Whose words or claim the analysis says the sentence gives, by name; None when it found no one."""
    quote = analysis.quote_of(sentence.id)
    speaker = quote.speaker if quote is not None else sentence.attribution.speaker if sentence.attribution else None
    return speaker_name(speaker) if speaker is not None else None


def said_by(sentence: Sentence, analysis: Analysis) -> str:
    """Who the sentence's words or claim belong to, when the analysis knows."""
    quote = analysis.quote_of(sentence.id)
    if quote is not None:
        if quote.speaker is None:
            return "quoted; speaker unknown"
        cue = f" (‘{quote.cue.text}’)" if quote.cue is not None else ""
        return f"said by {speaker_name(quote.speaker)}{cue}"
    attribution = sentence.attribution
    if attribution is None:
        return ""
    if attribution.speaker is None:
        return f"attributed (‘{attribution.cue.text}’), source not named"
    if attribution.held:
        return f"a view of {speaker_name(attribution.speaker)} (‘{attribution.cue.text}’)"
    if attribution.speaker.authors:
        return f"the author's own (‘{attribution.speaker.text} {attribution.cue.text}’)"
    return f"attributed to {speaker_name(attribution.speaker)} (‘{attribution.cue.text}’)"

