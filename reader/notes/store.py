"""NoteStore: the highlights and notes of an article, saved on every change and never lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from reader.atomic import write_atomic
from reader.errors import ReaderError
from reader.folders import FolderError
from reader.model import Article, Label, Sentence
from reader.notes.anchoring import context, reanchor
from reader.notes.correction import Correction
from reader.notes.files import (
    data_dir,
    latest_version,
    locked,
    origin_key,
    reading,
    remember_version,
    remove_leftovers,
    set_aside,
)
from reader.notes.format import (
    ArticleRecord,
    Highlight,
    Notes,
    Unreadable,
    clean_note,
    clean_speaker,
    decode,
    encode,
    new_id,
)
from reader.notes.merge import merge
from reader.notes.placement import is_on, place

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The clock of a real session; tests pass their own."""
    return datetime.now(UTC)


class NoteStoreError(ReaderError):
    """The notes cannot be opened or saved; the message is one line for the user, and a change stays in memory."""


class NoteStore:
    """The highlights and notes of one article, keyed by the sha256 of its text."""

    def __init__(self, article: Article, directory: Path, clock: Clock) -> None:
        self.article = article
        self.sha256 = article.sha256
        self.directory = directory
        self.folder = directory / "notes"
        self.path = self.folder / f"{self.sha256}.json"
        self.warnings: list[str] = []
        """What went wrong with the saved notes (a file set aside, orphans), one line each, for the user."""
        self.known = False
        """False when nothing was ever saved for this article nor for an earlier version of it."""
        self.saving_off: str | None = None
        """Why changes cannot be saved (a read-only data folder or lock file); None when they can."""
        self.pending = False
        """Whether changes are held in memory only, their save having failed (a full disk): see `save_again`."""
        self._clock = clock
        self._notes = Notes()
        self._sentences: list[Sentence] = []
        self._view: tuple[list[Highlight], list[Highlight]] | None = None

    @classmethod
    def open(
        cls,
        article: Article,
        sentences: Sequence[Sentence] = (),
        *,
        directory: Path | None = None,
        clock: Clock = utc_now,
    ) -> NoteStore:
        """The store of `article`: its saved file, or the re-attached highlights of its previous version.

        Opening needs no write access: a data folder or lock that cannot be written gives a store that
        shows what was saved, with `saving_off` saying why changes are not.
        """
        try:
            store = cls(article, directory or data_dir(), clock)
        except FolderError as error:
            raise NoteStoreError(str(error)) from None
        store.attach_sentences(sentences)
        try:
            with reading(store.folder) as refusal:
                if refusal is not None:
                    store.saving_off = f"cannot write {refusal.filename or store.folder} ({refusal.strerror})"
                notes = store._load(store.path)
                if notes is None:
                    notes = store._previous_version()
                else:
                    store.known = True
        except OSError as error:
            raise NoteStoreError(f"cannot open notes in {store.folder}: {error.strerror or error}") from None
        if notes is not None:
            store._notes = notes
        orphans = len(store.orphans)
        if orphans:
            store.warnings.append(
                f"{orphans} highlight{'s' if orphans > 1 else ''} no longer found in the article text;"
                " they are kept as orphans"
            )
        return store

    @property
    def read_only(self) -> bool:
        """Whether changes stay in memory only, because the data folder or its lock cannot be written."""
        return self.saving_off is not None

    # Reading

    @property
    def highlights(self) -> list[Highlight]:
        """The highlights found in the text, in reading order, with sentence id and label when known."""
        return self._ordered()[0]

    @property
    def orphans(self) -> list[Highlight]:
        """Highlights whose passage is no longer in the text; kept and shown, never dropped."""
        return self._ordered()[1]

    @property
    def corrections(self) -> list[Correction]:
        """The reader's corrections, orphans too, in reading order (orphans last)."""
        return sorted(self._notes.corrections.values(), key=lambda c: (c.orphan, c.start, c.end, c.created))

    def correction_for(self, sentence: Sentence) -> Correction | None:
        """The reader's correction of `sentence`, if any."""
        return next((c for c in self._notes.corrections.values() if c.is_on(sentence)), None)

    def attach_sentences(self, sentences: Sequence[Sentence]) -> None:
        """Give the store the analysis sentences, so each highlight knows its sentence and label."""
        self._sentences = list(sentences)
        self._view = None

    def highlight_for(self, sentence: Sentence) -> Highlight | None:
        """The highlight on `sentence`, if any."""
        for highlight in self.highlights:
            if highlight.start >= sentence.end:
                break
            if is_on(highlight, sentence):
                return highlight
        return None

    def next_highlight(self, after: Sentence | int) -> Highlight | None:
        """For `}`: the first highlight on a sentence after `after`, or starting after an offset."""
        return next((h for h in self.highlights if _ahead(h, after)), None)

    def previous_highlight(self, before: Sentence | int) -> Highlight | None:
        """For `{`: the last highlight on a sentence before `before`, or starting before an offset."""
        return next((h for h in reversed(self.highlights) if _behind(h, before)), None)

    # Changing; every change is saved before the method returns, or NoteStoreError says why not.

    def toggle(self, sentence: Sentence) -> Highlight | None:
        """Highlight `sentence`, or remove its highlight; the new highlight, or None when removed."""
        existing = self.highlight_for(sentence)
        if existing is not None:
            self.remove(existing)
            return None
        return self.add(sentence.start, sentence.end)

    def add(self, start: int, end: int, note: str | None = None) -> Highlight | None:
        """Highlight the text between two offsets (code points); the highlight as saved."""
        text = self.article.text
        if not 0 <= start < end <= len(text):
            raise ValueError(f"no text to highlight between {start} and {end}")
        now = self._clock()
        prefix, suffix = context(text, start, end)
        highlight = Highlight(new_id(), start, end, text[start:end], prefix, suffix, clean_note(note), now, now)
        self._notes.highlights[highlight.id] = highlight
        self._save(now)
        return self._saved(highlight)

    def remove(self, highlight: Highlight) -> None:
        """Remove a highlight (or an orphan) and its note, also in other open instances.

        The removal remembers the version it removed: a note that another instance writes later, unaware
        of the removal, brings the highlight back rather than being lost.
        """
        seen = self._notes.highlights.pop(highlight.id, highlight)
        self._notes.removed[highlight.id] = max(seen.updated, self._notes.removed.get(highlight.id, seen.updated))
        self._save(self._clock())

    def set_note(self, target: Sentence | Highlight, text: str) -> Highlight | None:
        """Set the note of a sentence (highlighting it) or of a highlight; empty text clears the note."""
        note = clean_note(text)
        existing = target if isinstance(target, Highlight) else self.highlight_for(target)
        if existing is None:
            return None if note is None else self.add(target.start, target.end, note)
        return self._changed(existing, lambda current, now: replace(current, note=note, updated=now))

    def set_colour(self, highlight: Highlight, colour: str) -> Highlight | None:
        """Give `highlight` one of `COLOURS`; the highlight as saved."""
        return self._changed(highlight, lambda current, now: replace(current, colour=colour, updated=now))

    def _changed(self, highlight: Highlight, change: Callable[[Highlight, datetime], Highlight]) -> Highlight | None:
        """Save `highlight` as `change` makes it now (the later change wins a merge); None when it is gone."""
        current = self._notes.highlights.get(highlight.id)
        if current is None:
            return None
        now = self._clock()
        self._notes.highlights[highlight.id] = change(current, now)
        self._save(now)
        return self._saved(current)

    def correct(self, sentence: Sentence, label: Label, speaker: str | None, was_speaker: str | None,
                was_label: Label | None = None) -> Correction | None:
        """Say that `sentence` (as the analysis labelled it, or `was_label`) is a `label` said by `speaker` (None: as
        found); the correction as saved, or None when that is what the analysis said and any correction is taken
        back."""
        existing = self.correction_for(sentence)
        original = existing.was_label if existing is not None else was_label or sentence.label
        original_speaker = existing.was_speaker if existing is not None else was_speaker
        speaker = clean_speaker(speaker)
        if speaker == original_speaker:
            speaker = None
        if label == original and speaker is None:
            if existing is not None:
                self.remove_correction(existing)
            return None
        now = self._clock()
        if existing is not None:
            correction = replace(existing, label=label, speaker=speaker, updated=now)
        else:
            prefix, suffix = context(self.article.text, sentence.start, sentence.end)
            correction = Correction(new_id(), sentence.start, sentence.end, sentence.text, prefix, suffix, label,
                                    speaker, original, original_speaker, sentence.number, now, now)
        self._notes.corrections[correction.id] = correction
        self._save(now)
        return self._notes.corrections.get(correction.id)

    def remove_correction(self, correction: Correction) -> None:
        """Take a correction back, also in other open instances (as `remove` does a highlight)."""
        seen = self._notes.corrections.pop(correction.id, correction)
        self._notes.removed[correction.id] = max(seen.updated, self._notes.removed.get(correction.id, seen.updated))
        self._save(self._clock())

    def mark_opened(self) -> None:
        """Note that the article was opened now, for the library's order; best effort, and only once it has notes."""
        if not self.known or self.read_only:
            return
        now = self._clock()
        self._notes.opened = now
        pending = self.pending
        try:
            self._save(now)
        except NoteStoreError:
            self.pending = pending  # an opening not remembered loses the reader nothing

    def save_again(self) -> None:
        """Save the changes a failed save held in memory; NoteStoreError says why they still can't be."""
        self._save(self._clock())

    def write_copy(self, path: Path) -> None:
        """Write the notes, as their file here would hold them, to `path` (where there is room); OSError if it can't be.

        Put back in the notes folder as `<sha256>.json`, the file gives them back to reader.
        """
        write_atomic(path, self._encoded(self._notes))

    def reload(self) -> None:
        """Take in what other instances saved for this article since the last change here."""
        try:
            with reading(self.folder):
                disk = self._load(self.path)
        except OSError as error:
            raise NoteStoreError(f"cannot read notes in {self.folder}: {error.strerror or error}") from None
        if disk is not None:
            self.known = True
            self._notes = merge(self._notes, disk)
            self._view = None

    def _saved(self, highlight: Highlight) -> Highlight | None:
        """`highlight` as saved; if another instance had highlighted the same passage, the merge kept theirs."""
        saved = self._notes.highlights.get(highlight.id)
        if saved is None:
            span = (highlight.start, highlight.end, False)
            saved = next((h for h in self._notes.highlights.values() if (h.start, h.end, h.orphan) == span), None)
        return None if saved is None else place([saved], self._sentences)[0]

    # Persistence

    def _save(self, now: datetime) -> None:
        """Merge with what is on disk under the lock, then write atomically; `now` is when the change was made."""
        self._view = None
        # The article is open while it changes: a first save is its first opening too.
        if self._notes.opened is None:
            self._notes.opened = now
        try:
            with locked(self.folder):
                disk = self._load(self.path)
                if disk is not None:
                    self._notes = merge(self._notes, disk)
                remove_leftovers(self.path)
                write_atomic(self.path, self._encoded(self._notes))
                remember_version(self.directory, self.article.origin, self.sha256)
        except ValueError as error:
            self.pending = True
            raise NoteStoreError(f"cannot save notes to {self.path}: {error}") from None
        except OSError as error:
            self.pending = True
            raise NoteStoreError(f"cannot save notes to {self.path}: {error.strerror or error}") from None
        self.known = True
        self.saving_off = None
        self.pending = False

    def _encoded(self, notes: Notes) -> bytes:
        origin = origin_key(self.article.origin) or self.article.origin
        return encode(ArticleRecord.of(self.article, origin), notes)

    def _load(self, path: Path) -> Notes | None:
        """The notes saved at `path`, found again in this text; None if none. A bad file is set aside."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            stored = decode(data, path.stem)
        except Unreadable as problem:
            self._set_aside(path, str(problem))
            return None
        if stored.unreadable:
            self._keep_unreadable(path, stored.unreadable, stored.notes)
        return reanchor(stored.notes, self.article.text)

    def _set_aside(self, path: Path, problem: str) -> None:
        what = f"the notes file {path} could not be read ({problem})"
        try:
            if not self.read_only:
                self.warnings.append(f"{what}; it was moved to {set_aside(path, self._stamp())}")
                return
        except OSError:
            pass
        self.warnings.append(f"{what}; it is left as it is")

    def _keep_unreadable(self, path: Path, problems: Sequence[str], readable: Notes) -> None:
        """Keep a copy of a file with entries that could not be read, and write it again without them."""
        what = (f"{len(problems)} entr{'y' if len(problems) == 1 else 'ies'} of the notes file {path}"
                f" could not be read ({problems[0]}); the rest is kept")
        try:
            if not self.read_only and path == self.path:
                copy = set_aside(path, self._stamp(), keep=True)
                write_atomic(path, self._encoded(readable))
                self.warnings.append(f"{what}, and the file as it was is in {copy}")
                return
        except OSError:
            pass
        self.warnings.append(what)

    def _stamp(self) -> str:
        return self._clock().strftime("%Y%m%dT%H%M%SZ")

    def _previous_version(self) -> Notes | None:
        """The highlights saved for an earlier text of the same origin, re-attached to this text."""
        previous = latest_version(self.directory, self.article.origin)
        if previous is None or previous == self.sha256:
            return None
        notes = self._load(self.path.with_name(f"{previous}.json"))
        if notes is not None:
            self.known = True
        return notes

    # Views

    def _ordered(self) -> tuple[list[Highlight], list[Highlight]]:
        if self._view is None:
            values = self._notes.highlights.values()
            attached = sorted((h for h in values if not h.orphan), key=lambda h: (h.start, h.end, h.created))
            orphans = sorted((h for h in values if h.orphan), key=lambda h: (h.start, h.created))
            self._view = (place(attached, self._sentences), orphans)
        return self._view


def _ahead(highlight: Highlight, after: Sentence | int) -> bool:
    if isinstance(after, int):
        return highlight.start > after
    if highlight.sentence_id is not None:
        return highlight.sentence_id > after.id
    return highlight.start >= after.end


def _behind(highlight: Highlight, before: Sentence | int) -> bool:
    if isinstance(before, int):
        return highlight.start < before
    if highlight.sentence_id is not None:
        return highlight.sentence_id < before.id
    return highlight.end <= before.start
