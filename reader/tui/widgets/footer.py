"""The footer: the keys of the moment, as many as fit whole, never a key cut in the middle of its word."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Footer


class WholeKeysFooter(Footer):
    """Textual's footer, but a key that does not fit whole before the palette's key is left out, with every key
    after it (the first keys are the ones worth most: `?` heads the reading screen's).

    What fits is worked out from each key's width before the keys are laid out, so that no frame shows a key cut
    in two, not even the first."""

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def _fit(self) -> None:
        """Hide the keys, from the first that would reach past the palette's key or the footer's end, on."""
        keys = [child for child in self.children if not child.has_class("-command-palette")]
        palette = [child for child in self.children if child not in keys and child.display]
        # Before its first layout the footer has no size yet; it takes the terminal's whole width.
        limit = (self.size.width or self.app.size.width) - sum(_width(self, child) for child in palette)
        right = 0
        for child in keys:
            right += _width(self, child)
            child.display = right <= limit


def _width(footer: Footer, child: Widget) -> int:
    """The cells a key takes in the footer's row: its content, padding, border and margin."""
    return child.get_content_width(footer.size, footer.app.size) + child.styles.gutter.width + child.styles.margin.width
