"""An article's profile in three lines over its column of the comparison: the counts by label, the figures, who
speaks."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.model import LABELS, Article
from reader.profile import Profile
from reader.profile_report import unnamed_line, voice_name
from reader.tui.marks import label_name
from reader.tui.widgets.article_header import origin_name

SHOWN_VOICES = 4
"""The most voices named: the line ends long before more would show."""


class BriefProfile(Static):
    """The title and source of one article, then its labels, figures and voices once its analysis is in."""

    DEFAULT_CSS = """
    BriefProfile {
        height: 4;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, article: Article, side: str, *, id: str | None = None) -> None:
        """`side` names the article as the screen does: "A" or "B"."""
        super().__init__(id=id)
        self.article = article
        self.side = side
        self._focused = False
        self._body = [Content.styled("Working out the labels…", "$text-muted")]

    def on_mount(self) -> None:
        self._show()

    def show_focus(self, focused: bool) -> None:
        """Mark the article whose column the reader is in: its letter stands out."""
        self._focused = focused
        self._show()

    def show_progress(self, fraction: float) -> None:
        """Say how far the analysis has got."""
        self._body = [Content.styled(f"Working out the labels… {round(100 * fraction)} %", "$text-muted")]
        self._show()

    def show_failure(self, reason: str) -> None:
        """Say that this article has no labels, and why."""
        self._body = [Content.styled(f"No labels: {reason}", "$text-error")]
        self._show()

    def show_profile(self, profile: Profile) -> None:
        """The counts by label, the figures, the voices."""
        # The counts by label first, as the reading view's header has them: a narrow column cuts off the total.
        counts: list[tuple[str, str] | str] = []
        for label in LABELS:
            counts += [(label_name(label), f"$label-{label}"), f" {profile.sentences[label]}  "]
        counts.append((f"of {profile.total_sentences} sentences", "$text-muted"))
        figures = Content.assemble(("Figures ", "bold"), f"{profile.figures} ({profile.unsourced_figures} unsourced)",
                                   ("  ·  ", "$text-muted"), unnamed_line(profile))
        named = [voice for voice in profile.voices if voice.name][:SHOWN_VOICES]
        heard = ", ".join(f"{voice_name(voice)} {voice.quoted + voice.cited}" for voice in named)
        voices = Content.assemble(("Voices ", "bold"), heard or Content.styled("nobody named", "$text-muted"))
        self._body = [Content.assemble(*counts), figures, voices]
        self._show()

    def _show(self) -> None:
        letter = (f" {self.side} ", "bold reverse $text-accent" if self._focused else "bold reverse $text-muted")
        parts: list[tuple[str, str] | str] = [letter, " "]
        if self.article.title:
            parts += [(" ".join(self.article.title.split()), "bold"), "  "]
        parts.append((origin_name(self.article.origin), "$text-muted"))
        self.update(Content("\n").join([Content.assemble(*parts), *self._body]))
