"""What the two articles of a comparison do not share: the voices and names in both or in one alone, and the
figures their common claims give differently."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.compare import Comparison, Split

SIDES = (("both", "In both"), ("only_a", "Only in A"), ("only_b", "Only in B"))
"""The columns of the pane: the `Split` field each lists, and its title."""


class Differences(VerticalScroll, can_focus=False):
    """Voices and names in both articles, only in A, only in B, side by side; then the figures that differ."""

    DEFAULT_CSS = """
    Differences {
        height: auto;
        max-height: 50%;
        border-top: hkey $panel-lighten-2;
        background: $surface;
        padding: 0 1;

        & > Horizontal { height: auto; }
        & Static { width: 1fr; height: auto; }
        & > Horizontal > Static { padding-right: 2; }
    }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            for field, _ in SIDES:
                yield Static(Content.styled("…", "$text-muted"), id=f"differences-{field.replace('_', '-')}")
        yield Static(id="differences-figures")

    def show(self, comparison: Comparison) -> None:
        """List what `comparison` found each article to have alone, and the figures that differ."""
        for field, title in SIDES:
            lines = [Content.styled(title, "bold $text-accent"), *_names("Voices", comparison.voices, field),
                     *_names("Names", comparison.entities, field)]
            self.query_one(f"#differences-{field.replace('_', '-')}", Static).update(Content("\n").join(lines))
        lines = [Content.styled("Figures that differ", "bold $text-accent")]
        lines += [Content.assemble(f"{found.about}: ", (found.a.text, "bold"),
                                   f" in A (sentence {found.pair.a.number}), ", (found.b.text, "bold"),
                                   f" in B (sentence {found.pair.b.number})")
                  for found in comparison.figures_differ]
        if not comparison.figures_differ:
            lines.append(Content.styled("none: the claims both make give the same figures, or none", "$text-muted"))
        self.query_one("#differences-figures", Static).update(Content("\n").join(lines))


def _names(title: str, split: Split, field: str) -> list[Content]:
    names = getattr(split, field)
    return [Content.assemble((f"{title} ", "bold"), ", ".join(" ".join(name.split()) for name in names)
                             or Content.styled("none", "$text-muted"))]
