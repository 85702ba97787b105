"""Merging two instances' notes on one article, so that neither loses what the other saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from reader.notes.format import Highlight, Notes


def merge(ours: Notes, theirs: Notes, clock: Callable[[], datetime]) -> Notes:
    """Both instances' highlights; a removal in either wins, and the later edit of a highlight wins."""
    removed = {**theirs.removed, **ours.removed}
    highlights: dict[str, Highlight] = {}
    for key in ours.highlights.keys() | theirs.highlights.keys():
        if key in removed:
            continue
        versions = [h for h in (ours.highlights.get(key), theirs.highlights.get(key)) if h is not None]
        # The later edit; on a tie, ours (max keeps the first of equals).
        highlights[key] = max(versions, key=lambda highlight: highlight.updated)
    # Two instances that highlighted the same passage made two highlights of it: keep one.
    by_span: dict[tuple[int, int], list[Highlight]] = {}
    for highlight in highlights.values():
        if not highlight.orphan:
            by_span.setdefault((highlight.start, highlight.end), []).append(highlight)
    for twins in by_span.values():
        if len(twins) < 2:
            continue
        twins.sort(key=lambda h: (h.created, h.id))
        notes = [h.note for h in sorted(twins, key=lambda h: h.updated) if h.note]
        keeper = replace(
            twins[0],
            note="\n\n".join(dict.fromkeys(notes)) or None,
            updated=max(h.updated for h in twins),
        )
        highlights[keeper.id] = keeper
        for duplicate in twins[1:]:
            del highlights[duplicate.id]
            removed[duplicate.id] = clock()
    openings = [when for when in (ours.opened, theirs.opened) if when is not None]
    return Notes(highlights, removed, max(openings, default=None))
