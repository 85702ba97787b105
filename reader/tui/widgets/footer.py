"""The footer: the keys of the moment, as many as fit whole, never a key cut in the middle of its word."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer


class WholeKeysFooter(Footer):
    """Textual's footer, but a key that does not fit whole before the palette's key is left out, with every key
    after it (the first keys are the ones worth most: `?` heads the reading screen's)."""

    def on_resize(self, event: events.Resize) -> None:
        self._show_all_then_fit()

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit)

    def _show_all_then_fit(self) -> None:
        for child in self.children:
            child.display = True
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Hide the keys, from the first that overflows on, that reach past the palette's key or the footer's end."""
        keys = [child for child in self.children if not child.has_class("-command-palette")]
        palette = [child for child in self.children if child.has_class("-command-palette") and child.display]
        limit = palette[0].region.x if palette else self.region.right
        overflowing = False
        for child in keys:
            overflowing = overflowing or child.region.right > limit
            if child.display == overflowing:
                child.display = not overflowing
