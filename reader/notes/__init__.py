"""The reader's highlights and notes: one store per article, the library of annotated articles."""

from reader.notes import library
from reader.notes.anchoring import CONTEXT, context, reattach
from reader.notes.correction import Correction, corrected, recredited
from reader.notes.files import DATA_DIR_VARIABLE, data_dir
from reader.notes.format import COLOURS, SCHEMA, ArticleRecord, Highlight, clean_note
from reader.notes.library import LibraryEntry, LibraryError, corrections_of, find, forget, stored_article
from reader.notes.placement import place
from reader.notes.store import Clock, NoteStore, NoteStoreError, utc_now

__all__ = [
    "COLOURS",
    "CONTEXT",
    "DATA_DIR_VARIABLE",
    "SCHEMA",
    "ArticleRecord",
    "Clock",
    "Correction",
    "Highlight",
    "LibraryEntry",
    "LibraryError",
    "NoteStore",
    "NoteStoreError",
    "clean_note",
    "context",
    "corrected",
    "corrections_of",
    "data_dir",
    "find",
    "forget",
    "library",
    "place",
    "reattach",
    "recredited",
    "stored_article",
    "utc_now",
]
