"""The help screen: what the colours and marks mean, and every key."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keys import KeyAction, key_actions
from reader.tui.marks import CORRECTED_MARK, CURSOR_MARK, GLYPHS, HIGHLIGHT_MARK

# Short enough that no line wraps in the right-hand column at 80 columns.
MARKS = [
    (GLYPHS["quote"], "quote", "direct speech"),
    (GLYPHS["opinion"], "opinion", "the author's view"),
    (" ", "reported", "facts, claims"),
    (HIGHLIGHT_MARK, "highlight", "yours (h, c, a)"),
    (CORRECTED_MARK, "corrected", "yours (!)"),
    (CURSOR_MARK, "cursor", "current sentence"),
]

JOINED = {
    ("next_sentence", "previous_sentence"): "Next / previous sentence",
    ("next_page", "previous_page"): "Page down / up",
    ("next_half_page", "previous_half_page"): "Half a page down / up",
    ("first_sentence", "last_sentence"): "First / last sentence",
    ("next_flagged", "previous_flagged"): "Next / previous flagged",
    ("next_pair", "previous_pair"): "Next / previous pair",
    ("toggle_flag('reported')", "toggle_flag('quote')", "toggle_flag('opinion')"): "Labels ] [ stop at",
    ("next_match", "previous_match"): "Next / previous match",
    ("next_highlight", "previous_highlight"): "Highlight after / before",
    ("toggle_highlight", "highlight_colour", "note"): "Highlight, colour, note",
    ("explain", "correct"): "Why this label / fix it",
    ("previous_tab", "next_tab"): "Switch tab",
    ("cursor_down", "cursor_up"): "Down / up",
    ("switch_pane", "toggle_side_pane", "widen_side_pane(1)", "widen_side_pane(-1)"): "Switch pane, show, size",
    ("outline", "library"): "Outline / library",
    ("export", "profile"): "Export / profile",
}
"""Actions listed on one line, with what they do together: each next with its previous."""

MOUSE = "click a sentence · wheel scrolls"

SENTENCE = "This sentence"
SENTENCE_ACTIONS = frozenset(
    {"toggle_highlight", "highlight_colour", "note", "correct", "next_highlight", "previous_highlight", "explain",
     "open_link", "copy_sentence"})
"""The article's actions on the current sentence, listed apart from its moves (so both columns fit 80×24)."""

GROUP_NOTES = {"Article": "5j 3]: a count repeats"}
"""What a group's title says besides its name, in the room its line has."""

GROUP_ORDER = ["Everywhere", "Article", "Search", "Comparison", "Column", SENTENCE, "Side pane"]
LEFT = ("Everywhere", "Article", "Search", "Comparison", "Column")
"""The groups of the left-hand column, whose keys take more room (space pgdn b pgup); the comparison's stand in the
reading screen's place."""
WIDE_KEYS, NARROW_KEYS = 17, 7


class HelpScreen(ModalScreen[None]):
    """Lists every key of the app, grouped by where it works; Escape closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self, marks: Sequence[tuple[str, str, str]] = ()) -> None:
        """`marks`: what the screen beneath draws besides the reading view's marks (mark, name, meaning)."""
        super().__init__()
        self.marks = [*MARKS, *marks]

    def compose(self) -> ComposeResult:
        left, right = self._columns()
        with VerticalScroll(id="help"):
            with Horizontal(id="help-columns"):
                yield Static(left, id="help-keys")
                yield Static(right, id="help-more")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help — Escape closes"

    def _columns(self) -> tuple[Content, Content]:
        """The keys that work everywhere and the article's on the left; the marks, the rest and the mouse on the
        right: what a reader looks for first is on screen at 80×24."""
        groups: dict[str, list[Content]] = {}
        # The keys of the screen this help was opened on.
        beneath = self.app.screen_stack[self.app.screen_stack.index(self) - 1]
        palette = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
        for group, actions in _grouped(key_actions(self.app, beneath)).items():
            width = WIDE_KEYS if group in LEFT else NARROW_KEYS
            groups[group] = [
                line for keys, description in _joined(actions, palette)
                for line in _key_lines(keys, description, width)
            ]
        marks = [
            Content.assemble(
                f"{mark} ", (f"{name:<{NARROW_KEYS + 2}}", f"$label-{name}" if name in GLYPHS else ""), " ",
                (meaning, "$text-muted"),
            )
            for mark, name, meaning in self.marks
        ]
        # A screen without some of these (the comparison has no search) leaves their titles out.
        left = [line for group in LEFT if group in groups for line in _section(group, groups.pop(group))]
        right = _section("What the marks mean", marks)
        for group, lines in groups.items():
            right += _section(group, lines)
        right += [Content.styled("Mouse", "bold $text-accent"), Content(MOUSE)]
        return Content("\n").join(left).rstrip(), Content("\n").join(right).rstrip()


def _grouped(actions: list[KeyAction]) -> dict[str, list[KeyAction]]:
    groups: dict[str, list[KeyAction]] = {}
    for action in actions:
        group = SENTENCE if action.action in SENTENCE_ACTIONS else action.group
        groups.setdefault(group, []).append(action)
    return dict(sorted(groups.items(), key=lambda item: _group_order(item[0])))


def _joined(actions: list[KeyAction], palette: str) -> list[tuple[list[str], str]]:
    """Each action's keys and description, the actions of `JOINED` on one line (their keys apart, so that they
    wrap between actions), the help's with the palette's key."""
    by_action = {action.action: action for action in actions}
    lines: list[tuple[list[str], str]] = []
    done: set[str] = set()
    for action in actions:
        if action.action in done:
            continue
        together = next((names for names in JOINED if action.action in names), None)
        if together is not None and all(name in by_action for name in together):
            lines.append(([" ".join(by_action[name].keys) for name in together], JOINED[together]))
            done.update(together)
        elif action.action == "help":
            lines.append(([" ".join(action.keys), palette], f"{action.description} / action palette"))
        else:
            lines.append(([" ".join(action.keys)], action.description))
    return lines


def _section(title: str, lines: list[Content]) -> list[Content]:
    note = GROUP_NOTES.get(title)
    heading = Content.styled(title, "bold $text-accent")
    if note:
        heading = Content.assemble(heading, "  ", (note, "$text-muted"))
    return [heading, *lines, Content("")]


def _key_lines(keys: list[str], description: str, width: int = 11) -> list[Content]:
    """The keys of each action in their column, the description beside them; keys too many for the column go on
    under them, an action's together where they fit."""
    rows = [""]
    for run in keys:
        pieces = [run] if len(run) <= width else run.split(" ")
        for piece in pieces:
            if rows[-1] and len(rows[-1]) + 1 + len(piece) > width:
                rows.append(piece)
            else:
                rows[-1] = f"{rows[-1]} {piece}".lstrip()
    first, *more = rows
    return [Content.assemble((f"{first:<{width}}", "bold"), " ", description),
            *(Content.styled(row, "bold") for row in more)]


def _group_order(group: str) -> tuple[int, str]:
    return (GROUP_ORDER.index(group), "") if group in GROUP_ORDER else (len(GROUP_ORDER), group)
