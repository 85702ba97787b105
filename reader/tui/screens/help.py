"""The help screen: what the colours and marks mean, and every key."""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keys import key_actions
from reader.tui.widgets.article_view import CURSOR_MARK, GLYPHS, HIGHLIGHT_MARK

MARKS = [
    (GLYPHS["quote"], "quote", "mainly direct speech, inside quotation marks"),
    (GLYPHS["opinion"], "opinion", "the author's own evaluation, speculation or rhetoric"),
    (" ", "reported", "facts, and claims attributed to a source"),
    (HIGHLIGHT_MARK, "highlight", "a sentence you highlighted with space"),
    (CURSOR_MARK, "cursor", "the current sentence; its details are at the bottom"),
]


class HelpScreen(ModalScreen[None]):
    """Lists every key of the app, grouped by where it works; Escape closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help — Escape closes"

    def _text(self) -> Content:
        lines: list[Content] = [Content.styled("What the marks mean", "bold $text-accent")]
        for mark, name, meaning in MARKS:
            style = f"$label-{name}" if name in GLYPHS else ""
            lines.append(Content.assemble(f" {mark}  ", (f"{name:<10}", style), (meaning, "$text-muted")))
        actions = sorted(key_actions(self.app), key=lambda action: _group_order(action.group))
        for group, members in groupby(actions, key=lambda action: action.group):
            lines += [Content(""), Content.styled(group, "bold $text-accent")]
            for action in members:
                keys = " ".join(action.keys)
                lines.append(Content.assemble((f" {keys:<14}", "bold"), action.description))
        return Content("\n").join(lines)


def _group_order(group: str) -> tuple[int, str]:
    order = ["Article", "Side pane", "Search", "Everywhere"]
    return (order.index(group), "") if group in order else (len(order), group)
