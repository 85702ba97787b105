"""Wrapping the article into screen lines: wide characters, words longer than a line, and offsets that hold."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.tui.wrap import Line, rewrap, sentence_starts, visible, wrap


def shown(text: str, lines: list[Line]) -> list[str]:
    return [text[line.start : line.end] for line in lines]


def cells(text: str) -> int:
    return cell_len(visible(text))


def test_words_go_to_the_next_line_when_they_do_not_fit():
    text = "The council approved a new harbour plan on Monday."
    assert shown(text, wrap(text, 20)) == ["The council approved", "a new harbour plan", "on Monday."]


def test_paragraphs_keep_one_blank_line_between_them_however_many_there_were():
    text = "First paragraph.\n\n\n\nSecond one."
    lines = wrap(text, 40)
    assert shown(text, lines) == ["First paragraph.", "", "Second one."]


def test_wide_characters_take_two_cells_each():
    text = "東京都は新しい港の計画を発表した"  # 16 characters, 32 cells, no space to break at
    lines = wrap(text, 9)
    assert shown(text, lines) == ["東京都は", "新しい港", "の計画を", "発表した"]
    assert all(cells(piece) <= 9 for piece in shown(text, lines))


def test_emoji_are_counted_as_wide_and_never_pushed_past_the_edge():
    text = "Vote 👍👍👍 passed 🎉 today"
    lines = wrap(text, 8)
    assert shown(text, lines) == ["Vote", "👍👍👍", "passed", "🎉 today"]
    assert all(cells(piece) <= 8 for piece in shown(text, lines))


def test_a_combining_accent_stays_with_its_letter_at_a_line_break():
    text = "cafe\u0301" * 3  # "café" with a combining acute, three times, as one word
    lines = wrap(text, 4)
    assert shown(text, lines) == ["cafe\u0301"] * 3


def test_a_word_longer_than_the_line_is_cut_into_full_lines_and_the_text_goes_on_after_it():
    url = "https://example.org/" + "a" * 30
    text = f"See {url} for more."
    pieces = shown(text, wrap(text, 20))
    assert pieces == ["See", url[:20], url[20:40], url[40:] + " for more."]


@given(
    words=st.lists(
        st.sampled_from(
            ["plan", "港", "計画を発表", "👍", "🎉🎉", "cafe\u0301", "x" * 25, "東京" * 12, "a", "—"]
        ),
        min_size=1,
        max_size=40,
    ),
    gaps=st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t"]), min_size=40, max_size=40),
    width=st.integers(min_value=2, max_value=30),
)
def test_every_line_fits_and_every_character_is_shown_once_in_order(words, gaps, width):
    # There are as many gaps as the most words there can be; each word takes the gap after it, the rest go unused.
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    lines = wrap(text, width)
    pieces = shown(text, lines)
    assert all(cells(piece) <= width for piece in pieces)
    assert all(a.end <= b.start for a, b in pairwise(lines))
    assert "".join("".join(pieces).split()) == "".join(text.split())
    for word in re.finditer(r"[^ \t\n]+", text):
        if cells(word.group()) <= width:
            assert any(line.start <= word.start() and word.end() <= line.end for line in lines), word.group()
    # A line is empty only between paragraphs, never for a word that does not fit.
    assert all(piece or "\n" in text[lines[index - 1].end : lines[index + 1].start]
               for index, piece in enumerate(pieces) if 0 < index < len(pieces) - 1)
    assert pieces[0] and pieces[-1]


def test_a_mark_takes_room_before_its_word_and_goes_to_the_next_line_with_it():
    text = "The plan was approved. Surely the town deserves better."
    marks = {text.index("Surely"): 2}
    # Without the mark "Surely" fits the first line; with its two cells it does not.
    assert shown(text, wrap(text, 29)) == ["The plan was approved. Surely", "the town deserves better."]
    assert shown(text, wrap(text, 29, marks)) == ["The plan was approved.", "Surely the town deserves", "better."]


def test_room_for_a_mark_is_kept_where_a_sentence_may_start_and_nowhere_else():
    text = "Harbour Plan\n\nMr. Ruiz said: “Build it.” The U.S. agreed. It costs $4m?\n  “Yes,” he said… 2 more.\n"
    assert {text[start : start + 6] for start in sentence_starts(text)} == {
        "Harbou", "Mr. Ru", "Ruiz s", "The U.", "It cos", "“Yes,”", "2 more"}


def test_rewrapping_the_paragraphs_whose_marks_changed_gives_the_same_lines_as_a_whole_wrap():
    paragraph = "One two three four five six. Seven eight nine ten eleven. Twelve thirteen fourteen."
    text = "\n\n".join([paragraph] * 5)
    starts = [match.start() for match in re.finditer(r"(?<=\. )\w|^\w", text, re.MULTILINE)]
    before = {start: 2 for start in starts[:4]}
    after = {start: 2 for start in starts[2:9]}
    lines = wrap(text, 24, before)
    changed = set(before) ^ set(after)
    assert rewrap(lines, text, 24, after, changed) == wrap(text, 24, after)


@given(st.text(alphabet="ab .\n", max_size=80), st.integers(min_value=3, max_value=30), st.data())
def test_marked_lines_never_overflow_and_keep_every_word(text, width, data):
    words = [match.start() for match in re.finditer(r"[^ \t\n]+", text)]
    marked = data.draw(st.sets(st.sampled_from(words)) if words else st.just(set()))
    marks = {offset: 2 for offset in marked}
    lines = wrap(text, width, marks)
    for line in lines:
        inside = sum(cells for offset, cells in marks.items() if line.start <= offset < line.end)
        assert cells(text[line.start : line.end]) + inside <= width
    drawn = "".join(text[line.start : line.end] for line in lines)
    assert "".join(drawn.split()) == "".join(text.split())
