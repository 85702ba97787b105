"""Two stores on one article, driven by random changes and adversarial notes: nothing is lost, files always parse."""

import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.model import Article, Sentence
from reader.notes import NoteStore, clean_note
from reader.notes.format import decode

LINES = [f"Line {number} of the fuzzed article says something." for number in range(8)]
TEXT = "\n".join(LINES)
ARTICLE = Article(TEXT, "Fuzz", "https://news.example.org/fuzz")
SENTENCES = [
    Sentence(number, TEXT.index(line), TEXT.index(line) + len(line), line, number, "reported", 1.0, {})
    for number, line in enumerate(LINES)
]
HOSTILE = ["\r", "\r\n", "\n", "\x1b", "\x1b[2J", "\x1b]2;title\x07", "\x00", "\x07", "\x9b31m", "\ud800", "\udfff",
           "\u2028", "\ufeff", "=cmd|' /C calc'!A0", "> [!quote]", "```", "^block", "  "]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

notes = st.one_of(
    st.text(st.characters(codec=None, categories=None), max_size=40),
    st.lists(st.sampled_from(HOSTILE) | st.text(max_size=5), max_size=12).map("".join),
    # A huge note: a piece repeated up to 100k characters.
    st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=20), st.integers(1000, 5000)),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("toggle"), st.integers(0, 1), st.integers(0, len(LINES) - 1)),
        st.tuples(st.just("note"), st.integers(0, 1), st.integers(0, len(LINES) - 1), notes),
        st.tuples(st.just("reload"), st.integers(0, 1)),
    ),
    min_size=1,
    max_size=25,
)


class Clock:
    """One clock for both stores, so that 'later' means the same to each."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@given(steps=steps)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_two_stores_with_hostile_notes_lose_nothing_and_always_write_clean_files(steps):
    with tempfile.TemporaryDirectory() as folder:
        directory, clock = Path(folder), Clock()
        stores = [NoteStore.open(ARTICLE, SENTENCES, directory=directory, clock=clock) for _ in range(2)]
        created: dict[str, tuple[int, int]] = {}
        # For a highlight whose last change, in either store, removed it: the version that removal saw.
        removed: dict[str, datetime | None] = {}
        last_note: dict[str, str | None] = {}
        for step in steps:
            store = stores[step[1]]
            if step[0] == "reload":
                store.reload()
                continue
            sentence = SENTENCES[step[2]]
            existing = store.highlight_for(sentence)
            if step[0] == "toggle" and existing is not None:
                store.toggle(sentence)
                removed[existing.id] = existing.updated
            elif step[0] == "toggle":
                added = store.toggle(sentence)
                created.setdefault(added.id, (added.start, added.end))
                removed.setdefault(added.id, None)
            else:
                saved = store.set_note(sentence, step[3])
                written = clean_note(step[3])
                if saved is not None:
                    # The note as saved: the one written, joined with the note of a twin the other store made.
                    assert written is None or written in saved.note
                    created.setdefault(saved.id, (saved.start, saved.end))
                    removed[saved.id] = None
                    last_note[saved.id] = saved.note
            _assert_file_is_whole_and_clean(directory)

        fresh = NoteStore.open(ARTICLE, SENTENCES, directory=directory, clock=clock)
        assert fresh.warnings == []
        live = {highlight.id: highlight for highlight in fresh.highlights}
        live_spans = {(highlight.start, highlight.end) for highlight in live.values()}
        tombstones = set(decode(fresh.path.read_bytes(), ARTICLE.sha256).notes.removed) if fresh.known else set()
        for key, span in created.items():
            if removed[key] is not None:
                # Unless another store changed it after the version this removal saw (its note is not lost).
                assert key not in live or live[key].updated > removed[key], "a removed highlight came back"
            else:
                # Kept, or merged into the twin another store made of the same sentence (and tombstoned).
                assert key in live or (key in tombstones and span in live_spans), "a highlight was lost"
        for key, note in last_note.items():
            if key in live:
                assert live[key].note == note, "a note was lost"
        for store in stores:
            store.reload()
            assert {(h.id, h.note) for h in store.highlights} == {(h.id, h.note) for h in live.values()}


def _assert_file_is_whole_and_clean(directory: Path) -> None:
    path = directory / "notes" / f"{ARTICLE.sha256}.json"
    if not path.exists():
        return
    stored = decode(path.read_bytes(), ARTICLE.sha256)
    assert stored.unreadable == ()
    assert stored.article.text == TEXT
    for highlight in stored.notes.highlights.values():
        assert highlight.note is None or not CONTROL.search(highlight.note.replace("\n", "").replace("\t", ""))
    assert not list(path.parent.glob("*.corrupt-*"))
