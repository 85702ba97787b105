"""The "why this label" view opened by `w`: every cue of the current sentence with its push, who it is
attributed to, and how sure the label is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.model import LABELS, Analysis, Cue, Sentence
from reader.notes import Correction
from reader.tui.marks import excerpt, label_name
from reader.tui.widgets.detail_line import said_by

RULED = {
    "quote": "half its words or more are quoted speech",
    "attribution": "the words that give it to a source",
}
"""What a cue without a push does: it decides the label by rule, not by moving the opinion score."""


class WhyScreen(ModalScreen[None]):
    """Explains one sentence's label in full; Escape closes it."""

    BINDINGS = [Binding("escape,w,q", "dismiss", "Close")]

    def __init__(self, sentence: Sentence, analysis: Analysis, correction: Correction | None = None) -> None:
        """`sentence` as the analysis labelled it; `correction` is what the reader said of it, if anything."""
        super().__init__()
        self.sentence = sentence
        self.analysis = analysis
        self.correction = correction

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="why"):
            text = explanation(self.sentence, self.analysis)
            if self.correction is not None:
                text = Content("\n").join([corrected_line(self.correction), Content(""), text])
            yield Static(text, id="why-text")

    def on_mount(self) -> None:
        self.query_one("#why").border_title = f"Why sentence {self.sentence.number} is {self.sentence.label}"
        self.query_one("#why").border_subtitle = "Escape closes"


def explanation(sentence: Sentence, analysis: Analysis) -> Content:
    """The label and confidence, the score of every label, each cue with its push, and the attribution."""
    lines = [
        Content.assemble((label_name(sentence.label), f"bold $label-{sentence.label}"),
                         f"  confidence {sentence.confidence:.2f}",
                         (f"   sentence {sentence.number} of {len(analysis.sentences)}", "$text-muted")),
        Content.styled(excerpt(sentence.text, 300), "italic"),
        Content(""),
        Content.assemble(("Scores  ", "bold"), "   ".join(
            f"{label} {sentence.scores.get(label, 0.0):.2f}" for label in LABELS)),
        Content(""),
        Content.styled("Cues", "bold"),
    ]
    ordered = sorted(sentence.cues, key=lambda cue: (cue.push is not None, -abs(cue.push or 0), cue.start))
    nothing = Content.styled("  none: nothing in it pushed the score", "$text-muted")
    lines += [_cue_line(cue) for cue in ordered] or [nothing]
    lines.append(Content.styled("  push: log-odds added to the opinion score (+ towards opinion, − away)",
                                "$text-muted"))
    source = said_by(sentence, analysis)
    lines += [Content(""), Content.assemble(("Source  ", "bold"), source or "none named: the author's own words")]
    return Content("\n").join(lines)


def corrected_line(correction: Correction) -> Content:
    """`You corrected this: was reported; you say opinion.`"""
    said: list[str] = []
    if correction.relabelled:
        said.append(correction.label)
    if correction.speaker is not None:
        said.append(f"said by {correction.speaker}")
    return Content.assemble(("You corrected this: ", "bold $text-accent"), correction.what_was(),
                            f"; you say {', '.join(said)}.")


CUE_LENGTH = 48
"""The most characters of a cue's words shown: a quotation cue can be a whole sentence."""


def _cue_line(cue: Cue) -> Content:
    words = f"‘{excerpt(cue.text, CUE_LENGTH)}’"
    if cue.push is None:
        # No push: the cue decides by rule, said on a line of its own.
        return Content.assemble("  ", (f"{'rule':>6}", "$text-muted"), "  ", (f"{cue.kind:<13}", "bold"), words,
                                "\n", " " * 23, (RULED.get(cue.kind, ""), "$text-muted"))
    push = f"{cue.push:>+6.2f}".replace("-", "−")
    return Content.assemble("  ", push, "  ", (f"{cue.kind:<13}", "bold"), words)
