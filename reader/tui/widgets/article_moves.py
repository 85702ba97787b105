"""The moves of the article pane, as a pager makes them: by sentence, page, flagged label and search match, each
repeated by a count typed before it (5j, 3]), as in less and vim."""

from __future__ import annotations

import time

from textual import events
from textual.reactive import reactive
from textual.timer import Timer

from reader.model import LABELS, Article
from reader.tui.search import Search
from reader.tui.sentence_index import nearest
from reader.tui.widgets.article_text import ArticleText

DEFAULT_FLAGGED = frozenset({"quote", "opinion"})

COUNTED = frozenset({
    "next_sentence", "previous_sentence", "next_page", "previous_page", "next_half_page", "previous_half_page",
    "first_sentence", "last_sentence", "next_flagged", "previous_flagged", "next_match", "previous_match",
})
"""The moves a count typed before them repeats (5j, 3]); before g or G it names the sentence to go to."""
COUNT_WAIT = 0.5
"""Seconds a count typed without a move waits for one; then a lone digit does what it is bound to (1 2 3 flag
labels)."""


class ArticleMoves(ArticleText):
    """The article text with the moves of a pager; `ArticleView` adds the keys that bind them and the requests
    for the notes."""

    flagged: reactive[frozenset[str]] = reactive(DEFAULT_FLAGGED, init=False)
    """The labels that `]` and `[` stop at."""

    def __init__(self, article: Article, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(article, id=id, classes=classes)
        self.complete = False
        """Whether every sentence's label is in; until then a move past the known ones says they are coming."""
        self._notice = ("", 0.0)
        self._count = ""
        """The digits of a count typed so far, waiting for its move."""
        self._count_timer: Timer | None = None
        self._repeat: int | None = None
        """The count of the move being made, if one was typed before it."""

    def tell(self, message: str, timeout: float) -> None:
        """Say something in a notification, but not again while it is still showing: a held key would stack them."""
        now = time.monotonic()
        if self._notice[0] == message and now < self._notice[1]:
            return
        self._notice = (message, now + timeout)
        self.notify(message, timeout=timeout, markup=False)

    # -- counts ----------------------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        """Digits typed before a move repeat it, as in less and vim; a lone digit still does what it is bound to,
        once the key after it is no move, or after a moment."""
        digit = event.character if event.character is not None and event.character.isdecimal() else None
        if digit is not None and len(digit) == 1 and (self._count or digit != "0"):
            event.stop()
            event.prevent_default()
            self._count += digit
            if self._count_timer is not None:
                self._count_timer.stop()
            self._count_timer = self.set_timer(COUNT_WAIT, self._count_without_a_move)
            return
        if not self._count:
            return
        count = self._drop_count()
        if event.key == "escape":  # as in vim: Escape takes back the count, and only that
            event.stop()
            event.prevent_default()
        elif self._actions_of(event.key) & COUNTED:
            self._repeat = int(count)
        else:
            await self._do_alone(count)

    async def _count_without_a_move(self) -> None:
        if self._count:
            await self._do_alone(self._drop_count())

    def _drop_count(self) -> str:
        count, self._count = self._count, ""
        if self._count_timer is not None:
            self._count_timer.stop()
            self._count_timer = None
        return count

    async def _do_alone(self, count: str) -> None:
        """What a count does with no move after it: a single digit runs its own binding (1 2 3 flag labels)."""
        if len(count) > 1:
            self.tell(f"A count goes before a move: {count}j, {count}], {count}n…", 3)
            return
        for action in self._actions_of(count):
            await self.run_action(action)

    def _actions_of(self, key: str) -> set[str]:
        """The actions this view binds to `key`, as the config file's keys remap them."""
        bindings = self._bindings.copy()
        bindings.apply_keymap(self.app._keymap)
        return {binding.action for binding in bindings.key_to_bindings.get(key, [])}

    def _times(self) -> int:
        """How many times to make the move being made: its count, else once."""
        times, self._repeat = self._repeat, None
        return max(times or 1, 1)

    # -- what changes say ------------------------------------------------------------------
    # -- moves ---------------------------------------------------------------------------

    def action_next_sentence(self) -> None:
        self._step_sentence(self._times())

    def action_previous_sentence(self) -> None:
        self._step_sentence(-self._times())

    def _step_sentence(self, step: int) -> None:
        if self.cursor is None:
            self.scroll_relative(y=step, animate=False, force=True)
        else:
            self.select(self.cursor + step)

    def action_first_sentence(self) -> None:
        self._go_to_sentence(last=False)

    def action_last_sentence(self) -> None:
        self._go_to_sentence(last=True)

    def _go_to_sentence(self, last: bool) -> None:
        """To the sentence a count names (counted from 1), as 5G goes to line 5 in less; else to the last sentence
        or the first (before the sentences are known, to the end of the text or its top)."""
        number, self._repeat = self._repeat, None
        if self.cursor is None:
            if last:
                self.scroll_end(animate=False, force=True)
            else:
                self.scroll_home(animate=False, force=True)
        elif number is not None:
            self.select(number - 1)
        else:
            self.select(self.last if last else 0)

    def action_next_page(self) -> None:
        for _ in range(self._times()):
            self.page(+1)

    def action_previous_page(self) -> None:
        for _ in range(self._times()):
            self.page(-1)

    def action_next_half_page(self) -> None:
        for _ in range(self._times()):
            self.page(+1, half=True)

    def action_previous_half_page(self) -> None:
        for _ in range(self._times()):
            self.page(-1, half=True)

    def action_next_flagged(self) -> None:
        self._move_to_flagged(forward=True, times=self._times())

    def action_previous_flagged(self) -> None:
        self._move_to_flagged(forward=False, times=self._times())

    def action_toggle_flag(self, label: str) -> None:
        self.flagged = self.flagged ^ {label}
        stops = ", ".join(label for label in LABELS if label in self.flagged) or "nothing"
        self.tell(f"] and [ stop at: {stops}", 2)

    def action_next_match(self) -> None:
        for _ in range(self._times()):
            self._move_to_match(forward=True)

    def action_previous_match(self) -> None:
        for _ in range(self._times()):
            self._move_to_match(forward=False)

    def next_match_from_cursor(self) -> None:
        """Go to the first match at or after the cursor (used when a search is submitted)."""
        if not self.search.matches:
            return
        sentence = self.cursor_sentence
        self._show_match(self.search.first_from(sentence.start if sentence is not None else self.top_offset()))

    def _move_to_flagged(self, forward: bool, times: int = 1) -> None:
        if self.sentences is None or self.cursor is None:
            self.tell("The labels are still being worked out.", 2)
            return
        if not self.flagged:
            self.tell("No label is flagged: press 1, 2 or 3 to choose.", 3)
            return
        flagged = self.sentences.labelled(self.flagged)
        target = None
        # A count goes as far as there are flagged sentences, as 5j stops at the last sentence.
        for _ in range(times):
            found = nearest(flagged, self.cursor if target is None else target, forward)
            if found is None:
                break
            target = found
        if target is None and not self.complete:
            self.tell("The labels further on are still being worked out.", 2)
        elif target is None:
            kinds = " or ".join(label for label in LABELS if label in self.flagged)
            self.tell(f"No {kinds} sentence {'after' if forward else 'before'} this one.", 3)
        else:
            self.select(target)

    def _move_to_match(self, forward: bool) -> None:
        if not self.search.matches:
            return
        if self.search.current is None:
            self.next_match_from_cursor()
            return
        search, wrapped = self.search.step(forward)
        if wrapped:
            self.tell("Search wrapped around.", 2)
        self._show_match(search)

    def _show_match(self, search: Search) -> None:
        assert search.current is not None
        self.go_to_offset(search.matches[search.current][0])
        self.search = search
