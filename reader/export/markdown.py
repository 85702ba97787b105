"""Markdown for Obsidian: properties, then one callout per passage, typed and tagged by its label (and a highlight by
its colour), with a block id."""

from __future__ import annotations

import json

from reader.control import clean_text
from reader.export.document import Entry, Export, iso, origin_shown, readable, title_of
from reader.markdown import escape, escape_lines
from reader.model import Article
from reader.profile_report import markdown as profile_markdown

# Obsidian's own callout types, so that each label looks different without a CSS snippet.
CALLOUTS = {"quote": "quote", "opinion": "caution", "reported": "info"}
UNLABELLED = "note"
ORPHANED = "missing"
TAG = "#reader/{}"



def markdown(export: Export) -> str:
    """A Markdown note for Obsidian: properties, title, source, date, then one callout per passage."""
    article = export.article
    properties = {
        "title": title_of(article),
        "source": origin_shown(article),
        "author": article.author,
        "date": article.date,
        "exported": iso(export.exported),
    }
    lines = ["---"]
    lines += [f"{key}: {_yaml_string(clean_text(value))}" for key, value in properties.items() if value is not None]
    lines += ["---", "", f"# {_escape_line(title_of(article))}", ""]
    lines.append(f"- Source: {_markdown_source(article)}")
    if article.author:
        lines.append(f"- Author: {_escape_line(article.author)}")
    if article.date:
        lines.append(f"- Date: {_escape_line(article.date)}")
    lines.append(f"- Exported: {readable(export.exported)} UTC")
    lines.append("")
    if not any(entry.kind != "orphan" for entry in export.entries):
        lines += ["No highlights.", ""]
    for entry in export.entries:
        lines += _callout(entry)
    if export.profile is not None:
        lines.append(profile_markdown(export.profile, level=2))
    return "\n".join(lines)


def _callout(entry: Entry) -> list[str]:
    """The passage as a callout, the note inside it, then the block id that `[[note#^id]]` links to."""
    label = (entry.label or "").capitalize()
    where = f"sentence {entry.number}" if entry.number is not None else None
    # A quote's heading says whose words they are; the name is outside text, escaped as such.
    said_by = f"said by {_escape_line(entry.speaker)}" if entry.speaker else None
    tag = TAG.format(entry.label) if entry.label else None
    if entry.correction is not None:
        tag = f"{tag} {TAG.format('corrected')}"
    # The speakers in it are outside text (the article's, the reader's), escaped as such.
    corrected = _escape_line(entry.corrected() or "") or None
    fold = ""
    if entry.kind in ("highlight", "correction"):
        kind = CALLOUTS.get(entry.label or "", UNLABELLED)
        heading = " · ".join(filter(None, [label, where, said_by, corrected])) or "Highlight"
    elif entry.kind == "flagged":
        # Folded: a flag of reader's, not the reader's own highlight, so it stays out of the way until opened.
        kind, fold = CALLOUTS.get(entry.label or "", UNLABELLED), "-"
        heading = " · ".join(filter(None, [label, where, said_by, corrected, "flagged by reader, not highlighted"]))
    else:
        kind, tag = ORPHANED, TAG.format("orphan")
        heading = "Orphaned highlight · no longer found in the article"
    if entry.colour is not None:
        tag = " ".join(filter(None, [tag, TAG.format(entry.colour)]))
    lines = [f"> [!{kind}]{fold} {heading}" + (f" {tag}" if tag else "")]
    lines += [f"> {line}" if line else ">" for line in _escape_block(entry.exact)]
    if entry.note:
        # The note is the reader's own Markdown, kept inside the callout so it cannot spill out. A note of several
        # lines starts below its label, so that a list or heading it opens with stays one.
        note_lines = clean_text(entry.note).split("\n")
        if len(note_lines) == 1:
            note_lines[0] = f"**Note:** {note_lines[0]}"
        else:
            note_lines[:0] = ["**Note:**", ""]
        lines.append(">")
        lines += [f"> {line}" if line.strip() else ">" for line in note_lines]
    lines += ["", f"^{entry.id}", ""]
    return lines


def _escape_line(text: str) -> str:
    """Outside text as literal Markdown inline text."""
    return escape(clean_text(text))


def _escape_block(text: str) -> list[str]:
    """Article text as literal Markdown lines: inline marks escaped, no line read as a list or heading."""
    return escape_lines(clean_text(text))


def _markdown_source(article: Article) -> str:
    if article.from_url:
        # The angle-bracket destination takes any URL once its brackets and spaces are encoded.
        origin = clean_text(article.origin)
        destination = origin.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        return f"[{_escape_line(origin)}](<{destination}>)"
    return _escape_line(origin_shown(article))


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar; a JSON string is one, bar the line separators YAML 1.1 breaks on."""
    return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
