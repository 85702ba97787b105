"""The profile opened by `P`: the article at a glance over the article, from the same numbers as `reader profile`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.model import LABELS, Label
from reader.profile import Profile
from reader.profile_report import (
    bar,
    figures_line,
    percent,
    reading_time,
    share,
    shown_cues,
    unnamed_line,
    voice_counts,
    voice_name,
)
from reader.tui.marks import GLYPHS, excerpt

BAR_WIDTH = 12
"""A whole bar on screen: two columns of them (sentences, words) fit in 80 columns; narrower, they shorten."""

FRAME = 80
"""The profile's width, less where the terminal is narrower."""

AROUND_TEXT = 5
"""The columns of the frame that are not text: its border, padding and scroll bar."""

INDENT = "    "
"""Before a voice's counts when they go on a line of their own, where the terminal is too narrow for one."""

NAME_WIDTH = 24
"""The most characters of a voice's name shown, so that its kind and counts stay on its line."""

KIND_WIDTH = len("organisation") + 2
"""A voice's kind with its room after it, padded inside its own style: a gap drawn as a separate run of spaces
vanished in the SVG screenshots, where "organisation" ran into its counts."""

OPINION_LENGTH = 220
"""The most characters of the first opinion shown: about three lines at 80 columns."""


class ProfileScreen(ModalScreen[None]):
    """The article at a glance: labels, figures, loaded words, the first opinion, who speaks; Escape closes it."""

    BINDINGS = [Binding("escape,P,q", "dismiss", "Close")]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="profile"):
            yield Static(profile_content(self.profile, self._width()), id="profile-text")

    def on_resize(self) -> None:
        self.query_one("#profile-text", Static).update(profile_content(self.profile, self._width()))

    def _width(self) -> int:
        """The columns the profile's text has: no line of it wraps."""
        return min(FRAME, self.app.size.width) - AROUND_TEXT

    def on_mount(self) -> None:
        frame = self.query_one("#profile")
        frame.border_title = (f"Profile of the article — {self.profile.total_sentences} sentences,"
                              f" {self.profile.total_words} words")
        frame.border_subtitle = "Escape closes"


def profile_content(profile: Profile, width: int = FRAME - AROUND_TEXT) -> Content:
    """The profile as the screen shows it in `width` columns: article text as plain text, never markup (Content
    escapes nothing)."""
    # A label's row: its name, then twice a count, a share, a bar and a gap.
    bars = max(0, min(BAR_WIDTH, (width - 10 - 2 * 14 + 2) // 2))
    lines = [Content.assemble((f"{'':<10}{'Sentences':<{bars + 14}}", "bold"), ("Words", "bold"))]
    lines += [_label_row(profile, label, bars) for label in LABELS]
    lines += [
        Content(""),
        Content.assemble(("Figures  ", "bold"), figures_line(profile)),
        Content.assemble(("Loaded words  ", "bold"), _cues(profile)),
        Content.assemble(("Reading time  ", "bold"), reading_time(profile)),
        Content(""),
    ]
    first = profile.first_opinion
    if first is None:
        lines.append(Content.assemble(("First opinion  ", "bold"), ("none", "$text-muted")))
    else:
        lines.append(Content.assemble(("First opinion  ", "bold"), f"sentence {first.number}"))
        lines.append(Content.styled(excerpt(first.text, OPINION_LENGTH), "italic $label-opinion"))
    lines += [Content(""), Content.assemble(("Voices  ", "bold"), unnamed_line(profile))]
    for voice in profile.voices:
        name = excerpt(voice_name(voice), NAME_WIDTH)
        counts = voice_counts(voice)
        row = Content.assemble("  ", (f"{name:<{NAME_WIDTH}}", "bold"), "  ",
                               (f"{voice.kind:<{KIND_WIDTH}}", "$text-muted"))
        if 2 + NAME_WIDTH + 2 + KIND_WIDTH + 1 + len(counts) <= width:
            lines.append(Content.assemble(row, " ", counts))
        else:
            lines += [row.rstrip(), Content(INDENT + counts)]
    if not profile.voices:
        lines.append(Content.styled("  nobody is quoted or cited", "$text-muted"))
    return Content("\n").join(lines)


def _label_row(profile: Profile, label: Label, bars: int) -> Content:
    """A label's sentences and words, each a count, a share and a bar `bars` wide in the label's colour."""
    style = f"$label-{label}"
    cells: list[Content | tuple[str, str] | str] = [(f"{GLYPHS[label]} {label:<8}", f"bold {style}")]
    for counts, total in ((profile.sentences, profile.total_sentences), (profile.words, profile.total_words)):
        count = counts[label]
        cells += [f"{count:>5} {percent(count, total):>5} ",
                  (f"{bar(share(count, total), bars):<{bars}}", style), "  "]
    return Content.assemble(*cells).rstrip()


def _cues(profile: Profile) -> Content | str:
    cues = shown_cues(profile)
    if not cues:
        return Content.styled("none", "$text-muted")
    return ", ".join(f"{word} ×{count}" for word, count in cues)
