"""Merging two instances' notes on one article, so that neither loses what the other saved."""

from __future__ import annotations

from dataclasses import replace

from reader.notes.correction import Correction
from reader.notes.format import Highlight, Notes


def merge(ours: Notes, theirs: Notes) -> Notes:
    """Both instances' highlights: the later edit of a highlight wins, and a removal wins over every edit it saw.

    A removal is kept as the time of the last edit it saw (`Notes.removed`), so that an edit it did not see
    (a note written in another instance) keeps the highlight, whatever the two instances' clocks say.
    """
    removed = dict(theirs.removed)
    for key, when in ours.removed.items():
        removed[key] = max(when, removed.get(key, when))
    highlights: dict[str, Highlight] = {}
    for key in ours.highlights.keys() | theirs.highlights.keys():
        versions = [h for h in (ours.highlights.get(key), theirs.highlights.get(key)) if h is not None]
        # The later edit; on a tie, ours (max keeps the first of equals).
        latest = max(versions, key=lambda highlight: highlight.updated)
        if key in removed and removed[key] >= latest.updated:
            continue
        removed.pop(key, None)
        highlights[key] = latest
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
        note = "\n\n".join(dict.fromkeys(notes)) or None
        # Joined notes are an edit (newer than what a removal elsewhere saw); the same note is not.
        updated = max(h.updated for h in twins) if note != twins[0].note else twins[0].updated
        # The colour given last, as a colour is given to one highlight: the passage's.
        colour = max(twins, key=lambda h: h.updated).colour
        keeper = replace(twins[0], note=note, updated=updated, colour=colour)
        highlights[keeper.id] = keeper
        for duplicate in twins[1:]:
            del highlights[duplicate.id]
            removed[duplicate.id] = duplicate.updated
    openings = [when for when in (ours.opened, theirs.opened) if when is not None]
    return Notes(highlights, removed, max(openings, default=None), _corrections(ours, theirs, removed))


def _corrections(ours: Notes, theirs: Notes, removed: dict) -> dict[str, Correction]:
    """Both instances' corrections, as highlights merge: the later wins, a removal wins over what it saw; of two
    corrections of one passage, the later."""
    corrections: dict[str, Correction] = {}
    for key in ours.corrections.keys() | theirs.corrections.keys():
        versions = [c for c in (ours.corrections.get(key), theirs.corrections.get(key)) if c is not None]
        latest = max(versions, key=lambda correction: correction.updated)
        if key in removed and removed[key] >= latest.updated:
            continue
        removed.pop(key, None)
        corrections[key] = latest
    by_span: dict[tuple[int, int], Correction] = {}
    for correction in sorted(corrections.values(), key=lambda c: (c.updated, c.id), reverse=True):
        if correction.orphan:
            continue
        kept = by_span.setdefault((correction.start, correction.end), correction)
        if kept is not correction:
            del corrections[correction.id]
            removed[correction.id] = correction.updated
    return corrections
