"""NoteStore: highlights and notes that last, merge between instances and follow an edited text."""

import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.model import Article, Sentence
from reader.notes import (
    SCHEMA,
    Highlight,
    LibraryError,
    NoteStore,
    NoteStoreError,
    data_dir,
    find,
    library,
    reattach,
    stored_article,
)

STORY = (
    "The council voted on Tuesday to close the old library.\n\n"
    "Residents packed the hall for three hours. \"We were never asked,\" said one of them.\n\n"
    "The decision is a short-sighted blunder that the town will regret.\n\n"
    "A new library is planned for 2031."
)
URL = "https://news.example.org/2026/library-vote"


def sentences_of(text: str, labels: dict[int, str] | None = None) -> list[Sentence]:
    """Sentences cut at '. ' and line breaks, enough for these tests without spaCy."""
    found, start = [], 0
    for index, character in enumerate(text + "\n"):
        end = index + 1 if character in ".," and text[index + 1 : index + 2] in (" ", "\n", "") else None
        if character == "\n":
            end = index
        if end is not None and text[start:end].strip():
            while text[start].isspace():
                start += 1
            sentence_id = len(found)
            label = (labels or {}).get(sentence_id, "reported")
            found.append(Sentence(sentence_id, start, end, text[start:end], 0, label, 1.0, {}))
            start = end
        elif end is not None:
            start = end
    return found


class Clock:
    """A clock the test moves by hand, one second per reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def article() -> Article:
    return Article(STORY, "Library to close", URL)


@pytest.fixture
def sentences(article) -> list[Sentence]:
    return sentences_of(article.text, {2: "quote", 3: "opinion"})


def open_store(article, tmp_path, clock=None) -> NoteStore:
    return NoteStore.open(article, directory=tmp_path, clock=clock or Clock())


def test_sentences_helper_cuts_the_story_as_expected(sentences):
    assert [s.text for s in sentences] == [
        "The council voted on Tuesday to close the old library.",
        "Residents packed the hall for three hours.",
        "\"We were never asked,\" said one of them.",
        "The decision is a short-sighted blunder that the town will regret.",
        "A new library is planned for 2031.",
    ]


def test_space_toggles_a_highlight_that_is_still_there_after_reopening(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.attach_sentences(sentences)
    sentence = sentences[3]
    highlight = store.toggle(sentence)
    assert (highlight.start, highlight.end, highlight.exact) == (sentence.start, sentence.end, sentence.text)
    assert (highlight.sentence_id, highlight.label) == (3, "opinion")

    reopened = NoteStore.open(article, sentences, directory=tmp_path)
    assert [(h.id, h.sentence_id) for h in reopened.highlights] == [(highlight.id, 3)]
    assert reopened.toggle(sentences[3]) is None
    assert open_store(article, tmp_path).highlights == []


def test_a_note_highlights_its_sentence_and_an_empty_note_keeps_the_highlight(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.attach_sentences(sentences)
    noted = store.set_note(sentences[1], "  Who counted?\nAsk the clerk.  ")
    assert noted.note == "Who counted?\nAsk the clerk."
    assert store.highlight_for(sentences[1]).id == noted.id
    assert store.set_note(sentences[0], "   ") is None
    assert store.highlight_for(sentences[0]) is None

    cleared = store.set_note(sentences[1], "")
    assert cleared.id == noted.id and cleared.note is None
    assert [h.id for h in open_store(article, tmp_path).highlights] == [noted.id]


def test_highlights_come_in_reading_order_with_utc_timestamps(article, sentences, tmp_path):
    clock = Clock()
    store = open_store(article, tmp_path, clock)
    store.attach_sentences(sentences)
    for sentence in (sentences[4], sentences[0], sentences[2]):
        store.toggle(sentence)
    store.set_note(sentences[4], "Eight years away.")
    assert [h.sentence_id for h in store.highlights] == [0, 2, 4]
    last = store.highlights[-1]
    assert last.created == datetime(2026, 3, 1, 9, 30, 1, tzinfo=UTC)
    assert last.updated == datetime(2026, 3, 1, 9, 30, 4, tzinfo=UTC)
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["schema"] == SCHEMA
    assert {h["created"] for h in saved["highlights"]} >= {"2026-03-01T09:30:01.000000Z"}


def test_next_and_previous_highlight_jump_between_highlights(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.attach_sentences(sentences)
    store.toggle(sentences[1])
    store.toggle(sentences[3])
    assert store.next_highlight(sentences[0].start).sentence_id == 1
    assert store.next_highlight(sentences[1].start).sentence_id == 3
    assert store.next_highlight(sentences[3].start) is None
    assert store.previous_highlight(sentences[3].start).sentence_id == 1
    assert store.previous_highlight(sentences[1].start) is None


def test_the_store_lives_under_reader_data_dir(article, sentences, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere"
    store = NoteStore.open(article)
    assert not store.known
    store.toggle(sentences[0])
    assert store.path == tmp_path / "elsewhere" / "notes" / f"{article.sha256}.json"
    assert store.path.is_file()
    assert NoteStore.open(article).known


def test_opening_without_saving_writes_no_store(article, tmp_path):
    store = open_store(article, tmp_path)
    assert not store.known
    assert not store.path.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"{\"schema\": \"reader.notes/1\", \"highlights\": [",
        b"{\"schema\": \"reader.notes/9\"}",
        b"\xff\xfe\x00",
        b"[]",
        b"[" * 100_000,
    ],
    ids=["bad json", "wrong schema", "not utf-8", "not an object", "nested too deeply"],
)
def test_an_unreadable_store_is_moved_aside_with_a_message(article, sentences, tmp_path, content):
    path = tmp_path / "notes" / f"{article.sha256}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)

    store = open_store(article, tmp_path)
    assert store.highlights == []
    [aside] = path.parent.glob(f"{path.name}.corrupt-*")
    assert aside.name == f"{path.name}.corrupt-20260301T093001Z"
    assert aside.read_bytes() == content
    [warning] = store.warnings
    assert "could not be read" in warning and aside.name in warning

    store.toggle(sentences[0])
    assert aside.read_bytes() == content
    assert len(open_store(article, tmp_path).highlights) == 1


def test_a_highlight_with_a_bad_field_makes_the_file_unreadable_not_half_read(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.toggle(sentences[0])
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["highlights"][0]["start"] = "zero"
    store.path.write_text(json.dumps(document), encoding="utf-8")
    reopened = open_store(article, tmp_path)
    assert reopened.highlights == [] and len(reopened.warnings) == 1
    assert len(list(store.path.parent.glob("*.corrupt-*"))) == 1


def test_two_stores_on_one_article_keep_both_sets_of_highlights(article, sentences, tmp_path):
    first = open_store(article, tmp_path)
    second = open_store(article, tmp_path)
    first.toggle(sentences[0])
    second.toggle(sentences[4])
    first.set_note(sentences[2], "Name the resident.")
    second.toggle(sentences[3])

    assert [h.exact for h in open_store(article, tmp_path).highlights] == [sentences[i].text for i in (0, 2, 3, 4)]
    assert [h.note for h in second.highlights] == [None, "Name the resident.", None, None]


def test_a_removal_in_one_store_survives_the_other_store_writing(article, sentences, tmp_path):
    first = open_store(article, tmp_path)
    first.toggle(sentences[0])
    first.toggle(sentences[1])
    second = open_store(article, tmp_path)
    assert len(second.highlights) == 2

    first.toggle(sentences[0])
    second.toggle(sentences[4])

    assert [h.exact for h in open_store(article, tmp_path).highlights] == [sentences[1].text, sentences[4].text]
    assert [h.exact for h in second.highlights] == [sentences[1].text, sentences[4].text]


def test_a_note_written_on_a_highlight_another_store_removed_keeps_it_with_the_note(article, sentences, tmp_path):
    clock = Clock()
    first = open_store(article, tmp_path, clock)
    first.toggle(sentences[0])
    second = open_store(article, tmp_path, clock)
    first.toggle(sentences[0])
    # The second store never saw the removal; its reader's note is not thrown away.
    second.set_note(sentences[0], "Keep this.")
    assert [(h.exact, h.note) for h in open_store(article, tmp_path).highlights] == [(sentences[0].text, "Keep this.")]
    # A removal that saw the note wins.
    first.reload()
    first.toggle(sentences[0])
    assert open_store(article, tmp_path).highlights == []


def test_reload_shows_what_another_store_saved(article, sentences, tmp_path):
    first = open_store(article, tmp_path)
    second = open_store(article, tmp_path)
    first.toggle(sentences[2])
    assert second.highlights == []
    second.reload()
    assert [h.exact for h in second.highlights] == [sentences[2].text]


def test_the_same_sentence_highlighted_in_two_stores_becomes_one_highlight_with_both_notes(
    article, sentences, tmp_path
):
    clock = Clock()
    first = open_store(article, tmp_path, clock)
    second = open_store(article, tmp_path, clock)
    first.set_note(sentences[3], "Whose blunder?")
    kept = second.set_note(sentences[3], "Strong words.")
    [merged] = open_store(article, tmp_path).highlights
    assert merged.note == "Whose blunder?\n\nStrong words."
    assert (kept.id, kept.note) == (merged.id, merged.note)
    second.attach_sentences(sentences)
    assert second.toggle(sentences[3]) is None
    assert open_store(article, tmp_path).highlights == []


def test_a_highlight_keeps_its_colour_and_a_file_from_before_colours_loads_yellow(article, sentences, tmp_path):
    clock = Clock()
    store = open_store(article, tmp_path, clock)
    store.attach_sentences(sentences)
    highlight = store.toggle(sentences[1])
    assert highlight.colour == "yellow"
    path = store.path
    # A yellow highlight is written as readers before colours wrote it, so they read it as they did.
    assert "colour" not in json.loads(path.read_text(encoding="utf-8"))["highlights"][0]
    assert store.set_colour(highlight, "blue").colour == "blue"
    assert json.loads(path.read_text(encoding="utf-8"))["highlights"][0]["colour"] == "blue"
    assert [h.colour for h in open_store(article, tmp_path).highlights] == ["blue"]
    # Another copy open on the article gives it another colour later: the later change wins.
    other = open_store(article, tmp_path, clock)
    other.set_colour(other.highlights[0], "pink")
    assert [h.colour for h in open_store(article, tmp_path).highlights] == ["pink"]
    # A colour this reader does not know is yellow, the highlight kept.
    document = json.loads(path.read_text(encoding="utf-8"))
    document["highlights"][0]["colour"] = "ultraviolet"
    path.write_text(json.dumps(document), encoding="utf-8")
    reopened = open_store(article, tmp_path)
    assert [(h.id, h.colour) for h in reopened.highlights] == [(highlight.id, "yellow")] and not reopened.warnings


EDITED = (
    "Update: the vote was 5 to 2.\n\n"
    "The council voted on Tuesday to close the old library.\n\n"
    "Residents filled the hall for three hours. \"We were never asked,\" said one of them.\n\n"
    "A new library is planned for 2031."
)


def test_highlights_follow_the_text_when_it_changes_a_little(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    for index in (0, 1, 2, 4):
        store.toggle(sentences[index])
    store.set_note(sentences[1], "Three hours!")

    fetched_again = Article(EDITED, "Library to close", URL)
    moved = open_store(fetched_again, tmp_path)
    assert moved.known
    edited = sentences_of(EDITED)
    moved.attach_sentences(edited)
    # Unchanged sentences moved down by the update line; the edited one is found by likeness.
    assert [(h.exact, h.note) for h in moved.highlights] == [
        ("The council voted on Tuesday to close the old library.", None),
        ("Residents filled the hall for three hours.", "Three hours!"),
        ("\"We were never asked,\" said one of them.", None),
        ("A new library is planned for 2031.", None),
    ]
    assert [h.sentence_id for h in moved.highlights] == [1, 2, 3, 4]
    for highlight in moved.highlights:
        assert EDITED[highlight.start : highlight.end] == highlight.exact


def test_a_highlight_whose_sentence_is_gone_is_kept_as_an_orphan(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.toggle(sentences[0])
    store.set_note(sentences[3], "Opinion, not news.")

    fetched_again = Article(EDITED, "Library to close", URL)
    moved = open_store(fetched_again, tmp_path)
    [orphan] = moved.orphans
    assert (orphan.exact, orphan.note) == (sentences[3].text, "Opinion, not news.")
    assert any("orphan" in warning for warning in moved.warnings)
    assert [h.exact for h in moved.highlights] == [sentences[0].text]

    # Saving the new version keeps the orphan; only removing it by hand lets it go.
    moved.toggle(sentences_of(EDITED)[4])
    reopened = open_store(fetched_again, tmp_path)
    assert [o.id for o in reopened.orphans] == [orphan.id]
    reopened.remove(orphan)
    assert open_store(fetched_again, tmp_path).orphans == []


def test_the_previous_version_of_a_file_is_found_by_its_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = Article(STORY, None, "story.txt")
    store = open_store(before, tmp_path)
    store.toggle(sentences_of(STORY)[4])
    after = Article(EDITED, None, str(tmp_path / "story.txt"))
    assert [h.exact for h in open_store(after, tmp_path).highlights] == ["A new library is planned for 2031."]
    # Standard input has no origin to follow.
    assert not open_store(Article(EDITED, None, "-"), tmp_path).known


def test_a_quote_that_appears_twice_reattaches_where_its_context_matches(tmp_path):
    text = "Prices rose.\n\nThe plan failed. Nobody was surprised.\n\nThe plan failed. Everyone was surprised."
    article = Article(text, None, URL)
    second = text.rindex("The plan failed.")
    store = open_store(article, tmp_path)
    store.add(second, second + len("The plan failed."))
    edited = "Prices rose sharply.\n\n" + text[len("Prices rose.\n\n") :]
    [highlight] = open_store(Article(edited, None, URL), tmp_path).highlights
    assert highlight.start == edited.rindex("The plan failed.")


def test_store_files_are_private_to_the_user(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.toggle(sentences[0])
    assert os.stat(store.path).st_mode & 0o077 == 0


@given(
    inserted=st.text(alphabet="abc xyz.\n", min_size=1, max_size=40),
    where=st.integers(min_value=0, max_value=len(STORY)),
    which=st.integers(min_value=0, max_value=4),
)
@settings(max_examples=150, deadline=None)
def test_text_inserted_outside_a_highlight_never_loses_it(inserted, where, which):
    sentence = sentences_of(STORY)[which]
    assume(not sentence.start < where < sentence.end)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    highlight = Highlight(
        f"{1:032x}", sentence.start, sentence.end, sentence.text,
        STORY[max(0, sentence.start - 32) : sentence.start], STORY[sentence.end : sentence.end + 32], None, now, now,
    )
    edited = STORY[:where] + inserted + STORY[where:]
    moved = reattach(highlight, edited)
    assert not moved.orphan
    assert moved.exact == sentence.text
    assert moved.start == sentence.start + (len(inserted) if where <= sentence.start else 0)


# The store under faults: nothing the reader saved is lost, and what is saved is clean.


def test_a_note_with_a_lone_surrogate_is_saved_and_every_other_highlight_kept(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.toggle(sentences[0])
    noted = store.set_note(sentences[1], "broken \ud800 pair")
    assert noted.note == "broken \ufffd pair"
    reopened = open_store(article, tmp_path)
    assert [(h.exact, h.note) for h in reopened.highlights] == [
        (sentences[0].text, None), (sentences[1].text, "broken \ufffd pair")
    ]
    store.path.read_bytes().decode("utf-8")


def test_escape_nul_and_carriage_returns_never_reach_a_note(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    noted = store.set_note(sentences[0], "red \x1b[31mtext\x1b[0m\x00 and\rmore\r\nlines\x07")
    assert noted.note == "red text and\nmore\nlines"
    # A file written by something else is cleaned as it is read.
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["highlights"][0]["note"] = "title \x1b]2;pwned\x07 \x00set\rhere"
    store.path.write_text(json.dumps(document), encoding="utf-8")
    [loaded] = open_store(article, tmp_path).highlights
    assert loaded.note == "title  set\nhere"


def test_an_id_that_is_not_a_uuid_is_repaired_the_same_way_each_time(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.toggle(sentences[0])
    store.set_note(sentences[2], "Kept.")
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["highlights"][0]["id"] = "not-a-uuid"
    document["highlights"][1]["id"] = document["highlights"][1]["id"].upper()
    store.path.write_text(json.dumps(document), encoding="utf-8")

    first, second = open_store(article, tmp_path), open_store(article, tmp_path)
    assert [h.id for h in first.highlights] == [h.id for h in second.highlights]
    assert all(len(h.id) == 32 and int(h.id, 16) >= 0 for h in first.highlights)
    assert [(h.exact, h.note) for h in first.highlights] == [(sentences[0].text, None), (sentences[2].text, "Kept.")]
    assert first.warnings == []
    # Both instances save; the repaired ids merge instead of doubling the highlights.
    first.toggle(sentences[4])
    second.remove(second.highlights[0])
    assert [h.exact for h in open_store(article, tmp_path).highlights] == [sentences[2].text, sentences[4].text]


def test_an_unreadable_highlight_is_left_out_and_the_file_as_it_was_kept(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    for index in (0, 1, 3):
        store.toggle(sentences[index])
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["highlights"][1]["start"] = "zero"
    original = json.dumps(document).encode()
    store.path.write_bytes(original)

    reopened = open_store(article, tmp_path)
    assert [h.exact for h in reopened.highlights] == [sentences[0].text, sentences[3].text]
    [warning] = reopened.warnings
    [copy] = store.path.parent.glob("*.corrupt-*")
    assert "1 entry" in warning and "bad offsets" in warning and str(copy) in warning
    assert copy.read_bytes() == original
    # The file was written again without it, so the next opening has nothing to warn about.
    assert open_store(article, tmp_path).warnings == []


def test_a_timestamp_out_of_range_leaves_its_highlight_out_and_the_rest_read(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    for index in (0, 1):
        store.toggle(sentences[index])
    document = json.loads(store.path.read_text(encoding="utf-8"))
    # Before the first day of the calendar in UTC: it can be written, but not read as a time in UTC.
    document["highlights"][0]["created"] = "0001-01-01T00:00:00+14:00"
    document["article"]["opened"] = "9999-12-31T23:59:59-14:00"
    store.path.write_text(json.dumps(document), encoding="utf-8")

    assert [entry.highlights for entry in library.entries(tmp_path)] == [1]
    reopened = open_store(article, tmp_path)
    assert [h.exact for h in reopened.highlights] == [sentences[1].text]
    [warning] = reopened.warnings
    assert "timestamp '0001-01-01T00:00:00+14:00' is out of range" in warning
    assert len(list(store.path.parent.glob("*.corrupt-*"))) == 1


def test_the_store_keeps_the_text_and_article_it_annotated(tmp_path):
    article = Article(STORY, "Library to close", URL, author="Ann Lee", date="2026-02-28")
    store = open_store(article, tmp_path)
    store.toggle(sentences_of(STORY)[0])
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["schema"] == SCHEMA == "reader.notes/2"
    assert saved["article"]["text"] == STORY
    record = stored_article(URL, tmp_path)
    assert record.article() == article


def test_a_notes_file_of_the_first_schema_still_loads_and_is_upgraded_on_save(article, sentences, tmp_path):
    path = tmp_path / "notes" / f"{article.sha256}.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "schema": "reader.notes/1",
        "article": {"sha256": article.sha256, "origin": URL, "title": "Library to close"},
        "highlights": [{
            "id": "0123456789abcdef0123456789abcdef", "start": sentences[1].start, "end": sentences[1].end,
            "exact": sentences[1].text, "prefix": "", "suffix": "", "note": "From before.",
            "created": "2025-12-01T10:00:00.000000Z", "updated": "2025-12-01T10:05:00.000000Z",
        }],
        "removed": {"fedcba9876543210fedcba9876543210": "2025-12-01T10:06:00.000000Z"},
    }), encoding="utf-8")
    [entry] = library.entries(tmp_path)
    assert (entry.article.title, entry.article.text, entry.highlights) == ("Library to close", None, 1)

    store = open_store(article, tmp_path)
    assert store.known and store.warnings == []
    assert [(h.exact, h.note) for h in store.highlights] == [(sentences[1].text, "From before.")]
    store.toggle(sentences[4])
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema"] == "reader.notes/2" and saved["article"]["text"] == STORY
    assert list(saved["removed"]) == ["fedcba9876543210fedcba9876543210"]


def test_a_read_only_data_folder_shows_saved_highlights_and_says_saving_is_off(
    article, sentences, tmp_path, read_only
):
    store = open_store(article, tmp_path)
    store.set_note(sentences[2], "Kept.")
    read_only(tmp_path / "notes")

    reopened = open_store(article, tmp_path)
    assert reopened.read_only and str(tmp_path / "notes") in reopened.saving_off
    assert [(h.exact, h.note) for h in reopened.highlights] == [(sentences[2].text, "Kept.")]
    with pytest.raises(NoteStoreError, match="cannot save notes"):
        reopened.toggle(sentences[0])
    # The change stays in memory, and the file as it was.
    assert len(reopened.highlights) == 2
    assert len(NoteStore.open(article, directory=tmp_path).highlights) == 1


def test_a_read_only_lock_file_only_turns_saving_off(article, sentences, tmp_path, read_only):
    open_store(article, tmp_path).toggle(sentences[1])
    read_only(tmp_path / "notes" / ".lock")
    reopened = open_store(article, tmp_path)
    assert reopened.read_only and ".lock" in reopened.saving_off
    assert [h.exact for h in reopened.highlights] == [sentences[1].text]


def test_a_read_only_store_leaves_a_corrupt_file_where_it_is_and_says_so(article, tmp_path, read_only):
    path = tmp_path / "notes" / f"{article.sha256}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{not json")
    read_only(path.parent)
    store = open_store(article, tmp_path)
    assert store.highlights == [] and not store.known
    [warning] = store.warnings
    assert "could not be read" in warning and "left as it is" in warning
    assert path.read_bytes() == b"{not json"


def test_a_data_dir_of_a_user_who_does_not_exist_is_one_clear_error(article, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", "~nosuchuser/notes")
    with pytest.raises(NoteStoreError, match="READER_DATA_DIR is ~nosuchuser/notes, but ~nosuchuser is no user"):
        NoteStore.open(article)


def test_next_and_previous_highlight_from_a_sentence_skip_its_own_highlight(article, sentences, tmp_path):
    store = open_store(article, tmp_path)
    store.attach_sentences(sentences)
    for index in (1, 2, 4):
        store.toggle(sentences[index])
    assert store.next_highlight(sentences[1]).sentence_id == 2
    assert store.next_highlight(sentences[0]).sentence_id == 1
    assert store.next_highlight(sentences[4]) is None
    assert store.previous_highlight(sentences[4]).sentence_id == 2
    assert store.previous_highlight(sentences[3]).sentence_id == 2
    assert store.previous_highlight(sentences[1]) is None


# The library


def test_the_library_lists_annotated_articles_last_opened_first_one_per_origin(tmp_path):
    clock = Clock()
    first = Article(STORY, "Library to close", URL)
    other = Article("Ferries run late again. Nobody knows why.", "Ferries", "https://news.example.org/ferries")
    open_store(first, tmp_path, clock).toggle(sentences_of(STORY)[0])
    ferries = open_store(other, tmp_path, clock)
    ferries.add(0, 23, "Again?")
    ferries.add(24, 41)
    assert [entry.article.title for entry in library.entries(tmp_path)] == ["Ferries", "Library to close"]

    # Opening the first article again, changed, puts it on top: its new text replaces the old in the list.
    edited = Article(EDITED, "Library to close", URL)
    open_store(edited, tmp_path, clock).mark_opened()
    entries = library.entries(tmp_path)
    assert [(e.number, e.article.title, e.sha256, e.highlights) for e in entries] == [
        (1, "Library to close", edited.sha256, 1), (2, "Ferries", other.sha256, 2)
    ]
    open_store(other, tmp_path, clock).mark_opened()
    assert [e.sha256 for e in library.entries(tmp_path)] == [other.sha256, edited.sha256]
    assert find(library.entries(tmp_path), "2").article.title == "Library to close"
    assert find(library.entries(tmp_path), other.sha256[:6]).article.title == "Ferries"
    assert find(library.entries(tmp_path), "story.txt") is None
    with pytest.raises(LibraryError, match="no article 3"):
        find(library.entries(tmp_path), "3")


def test_an_empty_or_missing_data_folder_is_an_empty_library(tmp_path):
    assert library.entries(tmp_path / "nothing here") == []
