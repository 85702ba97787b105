"""The footer: the keys of the moment, as many as fit whole, never a key cut in the middle of its word."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class WholeKeysFooter(Footer):
    """Textual's footer, but a key that does not fit whole before the palette's key is left out, with every key
    after it (the first keys are the ones worth most: `?` heads the reading screen's).

    What fits is worked out from each key's width before the keys are laid out, so that no frame shows a key cut
    in two, not even the first.

    Textual builds the footer again each time the keys may have changed (a focus moved, a screen came back, a
    dialog closed); it is built again only when the keys it shows did, since a build lays out and styles every
    key anew, and most of those times nothing changed."""

    _shown: object = None
    """What the keys the footer shows were built from."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A FooterKey starts compact and, all but the palette's, is then bound to the footer's `compact`:
                # styled three times as it mounts, unless it starts as the footer is.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    async def recompose(self) -> None:
        if not self.is_attached or self._pruning:  # as Textual's: a footer on its way out is left alone
            return
        shown = self._keys_to_show()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
        self._fit()

    def _keys_to_show(self) -> object:
        """All that `compose` builds the keys from: each shown binding (and the palette's), its display, whether it
        can be used."""
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = tuple(
            (key, self.app.get_key_display(binding), binding.description, binding.action, binding.group, enabled,
             tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
        return bindings, self.compact, self.show_command_palette

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
