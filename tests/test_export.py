"""Export writers: byte-exact golden files, what they escape, and what each format's users expect of it."""

import base64
import csv
import hashlib
import io
import json
import os
import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader import export
from reader.export import Entry, Export, collect, markdown, passages, readwise_csv, render, web_annotation
from reader.model import Article, Sentence
from reader.notes import NoteStore
from reader.resources import sample_article

GOLDEN = Path(__file__).parent / "data" / "golden"
# Set to rewrite the golden files after a deliberate change of format; review the diff before committing.
UPDATE = os.environ.get("READER_UPDATE_GOLDEN") == "1"

TEXT = (
    "Zoning board delays #housing vote\n\n"
    "The board met for four hours on Monday night. "
    "> Critics called the delay \"a gift to landlords,\" said a tenant group.\n\n"
    "-5 degrees outside did not stop [[the protest]] or ==anyone==. "
    "=HYPERLINK(\"http://evil.example\",\"click\") appeared on a placard, oddly. "
    "The delay is, frankly, indefensible.\n\n"
    "@mayor_office replied: \"We need *more* time & care.\"\n\n"
    "Line one of a two-line passage\n"
    "3. and its second line, with <b>tags</b> & &amp; entities."
)
ARTICLE = Article(
    TEXT,
    "Zoning board delays #housing vote",
    "https://news.example.org/zoning?id=7&view=full",
    author="Dana Smith",
    date="2026-02-27",
)
EXPORTED = datetime(2026, 3, 2, 8, 15, 0, tzinfo=UTC)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 1, hour, minute, 30, tzinfo=UTC)


def entry(kind, number, exact, sentence, label, note=None, created=None, updated=None, speaker=None,
          colour="yellow") -> Entry:
    start = TEXT.index(exact) if kind != "orphan" else 500
    end = start + len(exact)
    return Entry(
        kind=kind,
        id=f"{number:032x}",
        start=start,
        end=end,
        exact=exact,
        prefix=TEXT[max(0, start - 32) : start] if kind != "orphan" else "gone before it ",
        suffix=TEXT[end : end + 32] if kind != "orphan" else " and after it",
        note=note,
        label=label,
        number=sentence,
        created=created,
        updated=updated or created,
        speaker=speaker,
        colour=colour if kind in ("highlight", "orphan") else None,
    )


ENTRIES = [
    entry("highlight", 1, "The board met for four hours on Monday night.", 2, "reported", created=at(9, 0)),
    entry(
        "highlight", 2, "> Critics called the delay \"a gift to landlords,\" said a tenant group.", 3, "quote",
        note="Check the group's name.\n\n# My heading\n- my own *list*", created=at(9, 1), updated=at(9, 40),
        speaker="a *tenant* group", colour="blue",
    ),
    entry("highlight", 3, "-5 degrees outside did not stop [[the protest]] or ==anyone==.", 4, "reported",
          note="=1+1 stays text", created=at(9, 2)),
    entry("highlight", 4, "=HYPERLINK(\"http://evil.example\",\"click\") appeared on a placard, oddly.", 5,
          "reported", note="@mention, +plus", created=at(9, 3)),
    entry("flagged", 5, "The delay is, frankly, indefensible.", 6, "opinion"),
    entry("highlight", 6, "@mayor_office replied: \"We need *more* time & care.\"", 7, "quote", created=at(9, 4),
          colour="pink"),
    entry("highlight", 7, "Line one of a two-line passage\n3. and its second line, with <b>tags</b> & &amp; entities.",
          None, None, note="\tTab-led note", created=at(9, 5)),
    entry("orphan", 8, "A sentence of the first version, since cut.", None, None, note="Was it retracted?",
          created=at(8, 0)),
]
DOCUMENT = Export(ARTICLE, ENTRIES, EXPORTED)
EMPTY = Export(ARTICLE, [], EXPORTED)
WRITERS = {"md": markdown, "json": web_annotation, "csv": readwise_csv}


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("name, document", [("annotated", DOCUMENT), ("empty", EMPTY)])
def test_export_matches_its_golden_file_byte_for_byte(fmt, name, document):
    produced = WRITERS[fmt](document).encode("utf-8")
    golden = GOLDEN / f"{name}.{fmt}"
    if UPDATE:
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()


def test_markdown_renders_article_text_literally_in_callouts():
    properties, body = markdown(DOCUMENT).removeprefix("---\n").split("\n---\n", 1)
    assert properties.splitlines()[0] == 'title: "Zoning board delays #housing vote"'
    tokens = MarkdownIt("commonmark").parse(body)
    headings = [_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Zoning board delays #housing vote", "My heading"]
    quotes = _blockquote_texts(tokens)
    for item, quoted in zip(ENTRIES, quotes, strict=True):
        # The first line names the callout; the article text follows exactly, line for line.
        assert quoted[0].startswith("[!")
        assert quoted[1 : 1 + item.exact.count("\n") + 1] == [line.strip() for line in item.exact.split("\n")]
    html = MarkdownIt("commonmark").render(body)
    assert "<b>" not in html and "&amp;amp;" in html and "<ul>" in html
    assert html.count("<blockquote>") == len(ENTRIES)


def test_markdown_callouts_are_typed_and_tagged_by_label_and_colour_with_a_block_id_each():
    body = markdown(DOCUMENT).split("\n---\n", 1)[1]
    callouts = [line for line in body.splitlines() if line.startswith("> [!")]
    # A highlight's colour is a tag of its own (Obsidian finds every blue one); a sentence reader flagged has none.
    assert callouts == [
        "> [!info] Reported · sentence 2 #reader/reported #reader/yellow",
        "> [!quote] Quote · sentence 3 · said by a \\*tenant\\* group #reader/quote #reader/blue",
        "> [!info] Reported · sentence 4 #reader/reported #reader/yellow",
        "> [!info] Reported · sentence 5 #reader/reported #reader/yellow",
        "> [!caution]- Opinion · sentence 6 · flagged by reader, not highlighted #reader/opinion",
        "> [!quote] Quote · sentence 7 #reader/quote #reader/pink",
        "> [!note] Highlight #reader/yellow",
        "> [!missing] Orphaned highlight · no longer found in the article #reader/orphan #reader/yellow",
    ]
    # Obsidian links to a callout by an id on a line of its own after it, between blank lines.
    lines = body.splitlines()
    ids = [index for index, line in enumerate(lines) if line.startswith("^")]
    assert [lines[index] for index in ids] == [f"^{item.id}" for item in ENTRIES]
    for index in ids:
        assert lines[index - 1] == "" and lines[index - 2].startswith(">")
        assert index + 1 == len(lines) or lines[index + 1] == ""


def _text(inline) -> str:
    return "".join(child.content for child in inline.children)


def _blockquote_texts(tokens) -> list[list[str]]:
    """The text lines of each top-level blockquote, with escapes resolved."""
    found, depth = [], 0
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
            if depth == 1:
                found.append([])
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "inline" and depth == 1:
            lines, line = [], ""
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    lines.append(line)
                    line = ""
                else:
                    line += child.content
            found[-1] += lines + [line]
    return found


def with_note(item: Entry, note: str) -> Entry:
    return replace(item, note=note)


def test_markdown_keeps_notes_inside_their_callout():
    note = "```\nan unclosed fence"
    document = Export(ARTICLE, [with_note(ENTRIES[0], note), ENTRIES[5]], EXPORTED)
    html = MarkdownIt("commonmark").render(markdown(document).split("\n---\n", 1)[1])
    # The fence ends with its callout, so the next highlight is still a blockquote of its own.
    assert html.count("<blockquote>") == 2
    assert "We need <em>" not in html and "We need *more*" in html


def test_a_note_of_several_lines_that_opens_with_a_list_keeps_each_item():
    document = Export(ARTICLE, [with_note(ENTRIES[0], "- check the date\n- ask the council"), ENTRIES[5]], EXPORTED)
    html = MarkdownIt("commonmark").render(markdown(document).split("\n---\n", 1)[1])
    first_callout = html.split("</blockquote>")[0]
    assert "<li>check the date</li>" in first_callout and "<li>ask the council</li>" in first_callout


def test_a_bare_carriage_return_or_an_escape_in_a_note_stays_inside_the_callout_and_never_raw():
    note = "first\rsecond\r\rafter a blank \x1b[2J\x1b]2;title\x07 nul\x00 bell\x07"
    document = Export(ARTICLE, [with_note(ENTRIES[0], note), ENTRIES[5]], EXPORTED)
    produced = markdown(document)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", produced.replace("\t", ""))
    html = MarkdownIt("commonmark").render(produced.split("\n---\n", 1)[1])
    assert html.count("<blockquote>") == 2
    first_callout = html.split("</blockquote>")[0]
    assert "second" in first_callout and "after a blank" in first_callout


def test_csv_cells_carry_no_control_characters():
    document = Export(ARTICLE, [with_note(ENTRIES[0], "esc\x1b[31m red\x00 nul\rcr")], EXPORTED)
    [row] = list(csv.DictReader(io.StringIO(readwise_csv(document), newline="")))
    assert row["Note"] == ".reported esc red nul\ncr"


def test_web_annotation_is_a_collection_with_the_quote_of_each_passage():
    collection = json.loads(web_annotation(DOCUMENT))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == len(ENTRIES)
    assert collection["id"].startswith("urn:uuid:") and collection["label"] == ARTICLE.title
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    annotations = page["items"]
    for annotation, item in zip(annotations, ENTRIES, strict=True):
        assert annotation["type"] == "Annotation"
        assert annotation["id"] == f"urn:uuid:{uuid.UUID(hex=item.id)}"
        target = annotation["target"]
        assert target["source"] == ARTICLE.origin
        # A page's text is reader's extraction of it: offsets into that text would not point into the page.
        [quote] = target["selector"]
        assert quote == {"type": "TextQuoteSelector", "exact": item.exact, "prefix": item.prefix, "suffix": item.suffix}
    motivations = [annotation["motivation"] for annotation in annotations]
    assert motivations == ["highlighting", "commenting", "commenting", "commenting", "classifying",
                           "highlighting", "commenting", "commenting"]
    assert annotations[1]["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "value": ENTRIES[1].note, "format": "text/markdown"},
        {"type": "TextualBody", "purpose": "tagging", "value": "quote"},
        {"type": "TextualBody", "purpose": "tagging", "value": "blue"},
    ]
    assert annotations[4]["creator"] == {"type": "Software", "name": "reader"}
    assert json.loads(web_annotation(EMPTY))["total"] == 0


@pytest.mark.parametrize(
    ("origin", "positions"),
    [("-", True), ("story.txt", True), ("story.md", True), ("page.html", False), ("https://example.org/a", False)],
)
def test_positions_are_given_only_where_they_count_in_the_source(origin, positions, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = Article(TEXT, None, origin, from_page=origin.endswith(".html"))
    item = ENTRIES[0]
    [annotation] = json.loads(web_annotation(Export(article, [item], EXPORTED)))["first"]["items"]
    selectors = {selector["type"]: selector for selector in annotation["target"]["selector"]}
    assert ("TextPositionSelector" in selectors) == positions
    if positions:
        assert TEXT[selectors["TextPositionSelector"]["start"] : selectors["TextPositionSelector"]["end"]] == item.exact


def test_csv_has_readwise_columns_labels_as_inline_tags_and_defuses_formula_cells():
    produced = readwise_csv(DOCUMENT)
    assert produced.startswith("Highlight,Title,Author,URL,Note,Location,Date,Tags,Correction\r\n")
    rows = list(csv.DictReader(io.StringIO(produced, newline="")))
    # The flagged sentence is not the reader's highlight: Readwise would import it as one, so it is left out.
    assert [row["Highlight"] for row in rows] == [_defused(item.exact) for item in ENTRIES if item.kind != "flagged"]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert [row["Note"] for row in rows] == [
        ".reported", ".quote " + ENTRIES[1].note, ".reported =1+1 stays text", ".reported @mention, +plus", ".quote",
        "'\tTab-led note", ".orphan Was it retracted?",
    ]
    assert [row["Location"] for row in rows] == ["2", "3", "4", "5", "7", "", ""]
    assert rows[0]["Date"] == "2026-03-01 09:00:30"
    assert [row["Tags"] for row in rows] == ["yellow", "blue", "yellow", "yellow", "pink", "yellow", "yellow"]


def _defused(cell: str) -> str:
    return "'" + cell if cell.startswith(("=", "+", "-", "@")) else cell


def test_a_file_or_stdin_article_is_named_by_a_lasting_iri_and_title(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from_file = Article("Some text.", None, "story.txt")
    assert export.source_iri(from_file) == (tmp_path / "story.txt").as_uri()
    assert export.title_of(from_file) == "story.txt"
    assert f"source: {json.dumps(str(tmp_path / 'story.txt'))}" in markdown(Export(from_file, [], EXPORTED))
    from_stdin = Article("Some text.", None, "-")
    digest = base64.urlsafe_b64encode(hashlib.sha256(b"Some text.").digest()).decode().rstrip("=")
    assert export.source_iri(from_stdin) == f"ni:///sha-256;{digest}"
    assert export.title_of(from_stdin) == "Untitled article"
    assert "- Source: standard input" in markdown(Export(from_stdin, [], EXPORTED))


def test_the_sample_is_named_as_such_and_not_by_the_place_reader_is_installed_in():
    sample = Article(sample_article().read_text(encoding="utf-8"), "Mexico Seeks Amnesty", str(sample_article()))
    produced = markdown(Export(sample, [], EXPORTED))
    assert "- Source: reader's sample article" in produced and str(sample_article()) not in produced
    assert export.source_iri(sample).startswith("ni:///sha-256;")


def test_an_article_gets_a_lasting_portable_file_name():
    article = Article("Text.", "Harbour Plan: Divides Town? CON/NUL*", "https://example.org/a")
    name = export.file_name(article, "md")
    assert name == f"harbour-plan-divides-town-con-nul-{article.sha256[:8]}.md"
    assert export.file_name(Article("Text.", "Harbour Plan: Divides Town? CON/NUL*", "other.txt"), "md") == name
    assert export.file_name(Article("Other.", None, "-"), "md").startswith("untitled-article-")
    assert export.slug("¿Qué pasó en Zürich?") == "qué-pasó-en-zürich"
    assert export.slug("***") == "notes"


STORY = (
    "The council voted on Tuesday to close the old library.\n\n"
    "The decision is a short-sighted blunder that the town will regret.\n\n"
    "\"We were never asked,\" said a resident."
)


def story_sentences() -> list[Sentence]:
    found = []
    paragraphs = STORY.split("\n\n")
    for number, (paragraph, label) in enumerate(zip(paragraphs, ("reported", "opinion", "quote"), strict=True)):
        start = STORY.index(paragraph)
        found.append(Sentence(number, start, start + len(paragraph), paragraph, number, label, 1.0, {}))
    return found


def test_collect_puts_highlights_and_flagged_sentences_in_reading_order_numbered_as_in_the_app(tmp_path):
    article = Article(STORY, "Library", "https://news.example.org/library")
    store = NoteStore.open(article, directory=tmp_path)
    sentences = story_sentences()
    store.set_note(sentences[2], "Who?")
    store.toggle(sentences[0])
    # The store was given no sentences: collect labels the highlights with the ones it is given.
    document = collect(store, sentences, ["opinion", "quote"], EXPORTED)
    assert [(item.kind, item.number, item.label) for item in document.entries] == [
        ("highlight", 1, "reported"),
        ("flagged", 2, "opinion"),
        ("highlight", 3, "quote"),
    ]
    assert document.entries[2].note == "Who?"
    assert [item.kind for item in passages(document, "csv")] == ["highlight", "highlight"]
    assert render(document, "md") == markdown(document).encode("utf-8")


def test_an_article_whose_highlights_were_all_removed_exports_an_empty_document(tmp_path):
    article = Article(STORY, "Library", "https://news.example.org/library")
    store = NoteStore.open(article, directory=tmp_path)
    sentences = story_sentences()
    store.toggle(sentences[0])
    store.toggle(sentences[0])
    reopened = NoteStore.open(article, directory=tmp_path)
    assert reopened.known and reopened.highlights == []
    document = collect(reopened, [], [], EXPORTED)
    assert json.loads(web_annotation(document))["total"] == 0
    assert readwise_csv(document) == "Highlight,Title,Author,URL,Note,Location,Date,Tags,Correction\r\n"
    assert "No highlights." in markdown(document)


def test_a_correction_exports_with_its_passage_as_an_edit_a_tag_and_a_column(tmp_path):
    article = Article(STORY, "Library", "https://news.example.org/library")
    store = NoteStore.open(article, directory=tmp_path)
    sentences = story_sentences()
    store.toggle(sentences[1])
    store.correct(sentences[1], "reported", None, None)  # highlighted and corrected
    store.correct(sentences[2], "quote", "=a resident's lawyer", "a resident")  # corrected alone
    document = collect(store, sentences, [], EXPORTED)
    assert [(item.kind, item.number, item.label) for item in document.entries] == [
        ("highlight", 2, "reported"), ("correction", 3, "quote")]

    md = markdown(document)
    assert "> [!info] Reported · sentence 2 · corrected: was opinion #reader/reported #reader/corrected" in md
    assert ("> [!quote] Quote · sentence 3 · said by \\=a resident's lawyer · corrected: speaker was a resident"
            " #reader/quote #reader/corrected") in md
    annotations = json.loads(web_annotation(document))["first"]["items"]
    assert [item["motivation"] for item in annotations] == ["highlighting", "editing"]
    edits = [body for item in annotations for body in item["body"] if body["purpose"] == "editing"]
    assert [edit["value"] for edit in edits] == [
        "label: reported (was opinion)", "label: quote; speaker: =a resident's lawyer (speaker was a resident)"]
    rows = list(csv.DictReader(io.StringIO(readwise_csv(document), newline="")))
    assert [row["Correction"] for row in rows] == [
        "reported (was opinion)", "said by =a resident's lawyer (speaker was a resident)"]
