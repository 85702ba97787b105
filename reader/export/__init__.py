"""Export an article's highlights and notes: Markdown for Obsidian, W3C Web Annotation JSON, Readwise CSV.

The app and `reader export` take the same path: `collect` what to export, `render` it, `save` it.
"""

from collections.abc import Callable

from reader.export.document import Entry, Export, ExportError, collect, source_iri, title_of
from reader.export.markdown import markdown
from reader.export.output import file_name, save, slug
from reader.export.readwise import imported, readwise_csv
from reader.export.web_annotation import web_annotation

FORMATS = ("md", "json", "csv")
WRITERS: dict[str, Callable[[Export], str]] = {"md": markdown, "json": web_annotation, "csv": readwise_csv}


def render(export: Export, fmt: str) -> bytes:
    """The export in `fmt` (md, json or csv), as the bytes of its file."""
    return WRITERS[fmt](export).encode("utf-8")


def passages(export: Export, fmt: str) -> list[Entry]:
    """The entries a format writes: all, but the Readwise CSV leaves out reader's flagged sentences."""
    return [entry for entry in export.entries if fmt != "csv" or imported(entry)]


__all__ = [
    "FORMATS",
    "WRITERS",
    "Entry",
    "Export",
    "ExportError",
    "collect",
    "file_name",
    "markdown",
    "passages",
    "readwise_csv",
    "render",
    "save",
    "slug",
    "source_iri",
    "title_of",
    "web_annotation",
]
