"""The help screen: what the colours and marks mean, and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keys import key_actions
from reader.tui.marks import CURSOR_MARK, GLYPHS, HIGHLIGHT_MARK

MARKS = [
    (GLYPHS["quote"], "quote", "mostly direct speech"),
    (GLYPHS["opinion"], "opinion", "the author's own view"),
    (" ", "reported", "facts and attributed claims"),
    (HIGHLIGHT_MARK, "highlight", "highlighted (h) or noted (a)"),
    (CURSOR_MARK, "cursor", "the current sentence"),
]


class HelpScreen(ModalScreen[None]):
    """Lists every key of the app, grouped by where it works; Escape closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        left, right = self._columns()
        with VerticalScroll(id="help"):
            with Horizontal(id="help-columns"):
                yield Static(left, id="help-keys")
                yield Static(right, id="help-more")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help — Escape closes"

    def _columns(self) -> tuple[Content, Content]:
        """The article's keys and the app's on the left; the marks, the side pane and search on the right."""
        groups: dict[str, list[Content]] = {}
        for action in sorted(key_actions(self.app), key=lambda action: _group_order(action.group)):
            groups.setdefault(action.group, []).append(_key_line(" ".join(action.keys), action.description))
        groups.setdefault("Everywhere", []).append(_key_line("ctrl+p", "Palette: every action by name"))
        marks = [
            Content.assemble(f" {mark} ", (f"{name:<10}", f"$label-{name}" if name in GLYPHS else ""),
                             (meaning, "$text-muted"))
            for mark, name, meaning in MARKS
        ]
        left = _section("Article", groups.pop("Article", [])) + _section("Everywhere", groups.pop("Everywhere", []))
        right = _section("What the marks mean", marks)
        for group, lines in groups.items():
            right += _section(group, lines)
        return Content("\n").join(left).rstrip(), Content("\n").join(right).rstrip()


def _section(title: str, lines: list[Content]) -> list[Content]:
    return [Content.styled(title, "bold $text-accent"), *lines, Content("")]


def _key_line(keys: str, description: str) -> Content:
    return Content.assemble((f" {keys:<9}", "bold"), description)


def _group_order(group: str) -> tuple[int, str]:
    order = ["Article", "Side pane", "Search", "Everywhere"]
    return (order.index(group), "") if group in order else (len(order), group)
