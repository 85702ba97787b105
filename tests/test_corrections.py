"""A reader's corrections in the notes store: kept with the highlights, beside the analysis's own answer."""

from __future__ import annotations

import json

from helpers import TEXT, TITLE, harbour_analysis
from test_notes import STORY, URL, Clock, open_store, sentences_of

from reader.model import Article
from reader.notes import corrected, library, recredited


def test_a_correction_is_saved_with_the_original_label_and_speaker_and_read_back(tmp_path):
    article = Article(STORY, "Library to close", URL)
    sentences = sentences_of(STORY, {3: "opinion"})
    store = open_store(article, tmp_path)
    store.toggle(sentences[0])
    correction = store.correct(sentences[3], "reported", None, None)
    assert correction is not None and (correction.label, correction.was_label) == ("reported", "opinion")
    store.correct(sentences[2], "quote", "  one of the\nresidents ", "the hall")

    reopened = open_store(article, tmp_path)
    assert [(c.number, c.label, c.was_label, c.speaker, c.was_speaker) for c in reopened.corrections] == [
        (3, "quote", "reported", "one of the residents", "the hall"),
        (4, "reported", "opinion", None, None),
    ]
    assert len(reopened.highlights) == 1
    assert [sentence.label for sentence in corrected(sentences, reopened.corrections)][2:4] == ["quote", "reported"]


def test_choosing_what_the_analysis_said_takes_the_correction_back_in_every_instance(tmp_path):
    article = Article(STORY, "Library to close", URL)
    sentences = sentences_of(STORY, {3: "opinion"})
    ours, theirs = open_store(article, tmp_path), open_store(article, tmp_path)
    ours.correct(sentences[3], "reported", None, None)
    theirs.toggle(sentences[0])  # the other instance saves, unaware of the correction: it is kept
    assert len(open_store(article, tmp_path).corrections) == 1
    assert ours.correct(sentences[3], "opinion", None, None) is None
    theirs.toggle(sentences[1])
    assert open_store(article, tmp_path).corrections == []


def test_a_notes_file_without_corrections_still_loads_and_is_written_as_before(tmp_path):
    article = Article(STORY, "Library to close", URL)
    sentences = sentences_of(STORY)
    store = open_store(article, tmp_path, Clock())
    store.set_note(sentences[1], "Mine.")
    before = store.path.read_bytes()
    assert b'"corrections"' not in before
    reopened = open_store(article, tmp_path, Clock())
    assert reopened.warnings == [] and reopened.corrections == []
    assert [h.note for h in reopened.highlights] == ["Mine."]


def test_a_correction_that_cannot_be_read_costs_only_itself(tmp_path):
    article = Article(STORY, "Library to close", URL)
    sentences = sentences_of(STORY)
    store = open_store(article, tmp_path)
    store.toggle(sentences[0])
    store.correct(sentences[1], "opinion", None, None)
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["corrections"].append({"id": "x", "label": "sarcasm"})
    store.path.write_text(json.dumps(document), encoding="utf-8")

    reopened = open_store(article, tmp_path)
    assert len(reopened.highlights) == 1 and len(reopened.corrections) == 1
    assert "could not be read" in reopened.warnings[0]
    assert [entry.highlights for entry in library.entries(tmp_path)] == [1]


def test_a_corrected_speaker_is_counted_for_the_voice_the_reader_named_not_the_one_found(tmp_path):
    article = Article(TEXT, TITLE, "harbour.txt")
    analysis = harbour_analysis(article)
    assert [(v.name, v.quoted, v.cited) for v in analysis.voices] == [
        ("Ana Ruiz", 1, 0), ("council", 0, 1), ("Officials", 0, 1)]
    store = open_store(article, tmp_path)
    sentences = analysis.sentences
    store.correct(sentences[3], "reported", "Ruiz", "the council")  # her surname: her voice
    store.correct(sentences[5], "reported", "Tom Lee", "Officials")  # nobody the article quotes: a new voice
    voices = recredited(analysis, store.corrections)
    assert [(v.name, v.kind, v.quoted, v.cited, v.claims) for v in voices] == [
        ("Ana Ruiz", "person", 1, 1, (sentences[2].start, sentences[3].start)),
        ("Tom Lee", "person", 0, 1, (sentences[5].start,)),
    ]
    officials = next(v for v in analysis.voices if v.name == "Officials").mentions
    assert next(v for v in voices if v.name == "Tom Lee").mentions == officials
    # A correction of the label alone moves nobody.
    store.correct(sentences[5], "opinion", None, None)
    assert recredited(analysis, store.corrections)[-1].name == "Officials"
