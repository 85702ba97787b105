"""The reader's colours in a theme: label colours and overlays fitted to reach WCAG contrast on its backgrounds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.color import Color

TEXT_CONTRAST = 4.5
"""WCAG 2 AA for text."""
MARK_CONTRAST = 3.0
"""WCAG 2 AA for marks and other graphical objects."""

# How strongly each overlay tints the page: enough to see, little enough that every label stays readable on it.
CURSOR_TINT = 0.2
HIGHLIGHT_TINT = 0.25
MENTION_TINT = 0.45
FOCUS_TINT = 0.02
HIGHLIGHT_HUES = {"blue": "#3b82f6", "green": "#22a355", "pink": "#e0529c"}
"""The colours a highlight's mark may take besides the theme's own (its warning colour, the first, yellow), each
fitted to the theme like every mark."""
"""The article's `background-tint` when focused (ArticleText.DEFAULT_CSS)."""

# A terminal's own colours can't be measured or blended: the ANSI themes name colours that read on the
# terminal's background in the palettes Textual assumes (MONOKAI and ALABASTER), and mark the cursor by
# reversing it (see ArticleText.DEFAULT_CSS).
ANSI_COLOURS = {
    True: {
        "label-reported": "ansi_default", "label-quote": "ansi_bright_cyan", "label-opinion": "ansi_bright_yellow",
        "reader-cursor": "ansi_default", "reader-cursor-mark": "ansi_bright_green",
        "reader-highlight": "ansi_default", "reader-highlight-mark": "ansi_bright_yellow",
        "reader-highlight-mark-blue": "ansi_bright_blue", "reader-highlight-mark-green": "ansi_bright_green",
        "reader-highlight-mark-pink": "ansi_bright_magenta",
        "reader-mention": "ansi_default",
        "reader-match": "ansi_yellow", "reader-match-text": "ansi_black",
        "reader-current-match": "ansi_bright_green", "reader-current-match-text": "ansi_black",
    },
    False: {
        "label-reported": "ansi_default", "label-quote": "ansi_blue", "label-opinion": "ansi_magenta",
        "reader-cursor": "ansi_default", "reader-cursor-mark": "ansi_blue",
        "reader-highlight": "ansi_default", "reader-highlight-mark": "ansi_red",
        "reader-highlight-mark-blue": "ansi_blue", "reader-highlight-mark-green": "ansi_green",
        "reader-highlight-mark-pink": "ansi_magenta",
        "reader-mention": "ansi_default",
        "reader-match": "ansi_blue", "reader-match-text": "ansi_bright_white",
        "reader-current-match": "ansi_black", "reader-current-match-text": "ansi_bright_white",
    },
}


def luminance(colour: Color) -> float:
    """The WCAG relative luminance of an opaque colour."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def fitted(colour: Color, backgrounds: Iterable[Color], ratio: float, lighter: bool) -> Color:
    """`colour`, made lighter (or darker) until it reaches `ratio` against every one of `backgrounds`, in colour
    and in the greys NO_COLOR turns both into."""
    backgrounds = list(backgrounds)
    greys = [background.monochrome for background in backgrounds]
    hue, saturation, lightness = colour.hsl
    step = 0.02 if lighter else -0.02
    candidate = colour
    while min(contrast(candidate, background) for background in backgrounds) < ratio or min(
        contrast(candidate.monochrome, grey) for grey in greys
    ) < ratio:
        lightness += step
        if not 0 <= lightness <= 1:
            # Out of room in this direction: the extreme is the best there is.
            return Color(255, 255, 255) if lighter else Color(0, 0, 0)
        candidate = Color.from_hsl(hue, saturation, lightness)
    return candidate


def reader_colours(variables: Mapping[str, str], dark: bool, ansi: bool) -> dict[str, str]:
    """The reader's theme variables (`$label-quote`, `$reader-cursor`, …) for a theme's generated `variables`."""
    if ansi:
        return dict(ANSI_COLOURS[dark])

    def colour(name: str) -> Color:
        return Color.parse(variables[name]).with_alpha(1.0)

    background, foreground = colour("background"), colour("foreground")
    page = [background, background.blend(foreground, FOCUS_TINT)]
    cursor = background.blend(foreground, CURSOR_TINT)
    highlight = background.blend(colour("warning"), HIGHLIGHT_TINT)
    mention = background.blend(colour("secondary"), MENTION_TINT)
    # Every background a label's text is drawn on: the page, the overlays, the header, detail line and side pane.
    under_text = [*page, cursor, highlight, mention, colour("panel"), colour("surface")]
    labels = {
        "label-reported": fitted(foreground, under_text, TEXT_CONTRAST, dark),
        "label-quote": fitted(colour("primary"), under_text, TEXT_CONTRAST, dark),
        "label-opinion": fitted(colour("warning"), under_text, TEXT_CONTRAST, dark),
    }
    # A match is drawn in the page's colour on a colour of its own, which stands out from the page as a mark.
    marks = {
        "reader-cursor": cursor,
        "reader-cursor-mark": fitted(colour("accent"), page, MARK_CONTRAST, dark),
        "reader-highlight": highlight,
        "reader-highlight-mark": fitted(colour("warning"), page, MARK_CONTRAST, dark),
        **{f"reader-highlight-mark-{name}": fitted(Color.parse(hue), page, MARK_CONTRAST, dark)
           for name, hue in HIGHLIGHT_HUES.items()},
        "reader-mention": mention,
        "reader-match": fitted(colour("warning"), [*page, cursor], TEXT_CONTRAST, dark),
        "reader-match-text": background,
        "reader-current-match": fitted(colour("primary"), [*page, cursor], TEXT_CONTRAST, dark),
        "reader-current-match-text": background,
    }
    return {name: value.hex6 for name, value in {**labels, **marks}.items()}
