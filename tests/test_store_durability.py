"""A store killed at any moment of a save is never empty, never unreadable, and loses nothing saved."""

import json
import os
import random
import signal
import time

import pytest
from notes_save_loop import forked

from reader.model import Article
from reader.notes import SCHEMA, NoteStore


# A few kills on every run check that a save cut short loses nothing; the 200 of CI give rarer timings their chance.
@pytest.mark.parametrize("kills", [20, pytest.param(200, marks=pytest.mark.slow)])
def test_sigkill_during_saves_never_loses_a_saved_highlight(tmp_path, kills):
    article_file = tmp_path / "article.txt"
    article_file.write_text(
        "\n".join(f"Sentence {n} of the durability article says nothing in particular." for n in range(400)),
        encoding="utf-8",
    )
    article = Article(article_file.read_text(encoding="utf-8"), "Durability", str(article_file))
    directory = tmp_path / "data"
    store_file = directory / "notes" / f"{article.sha256}.json"
    saved: set[str] = set()
    removed: set[str] = set()
    pick = random.Random(20261128)
    for kill in range(kills):
        child, lines = forked(article_file, directory, kill)
        assert lines.readline() == "ready\n"
        # Once the child is saving in its loop, kill it at a random moment of a later save.
        first_change = lines.readline()
        time.sleep(pick.uniform(0, 0.02))
        os.kill(child, signal.SIGKILL)
        output = first_change + lines.read()
        lines.close()
        os.waitpid(child, 0)
        in_doubt: set[str] = set()
        for line in output.splitlines(keepends=True):
            if not line.endswith("\n"):
                continue
            change, key = line.split()
            if change == "added":
                saved.add(key)
            elif change == "removing":
                in_doubt.add(key)
            elif change == "removed":
                in_doubt.discard(key)
                saved.discard(key)
                removed.add(key)
        document = json.loads(store_file.read_bytes())
        assert document["schema"] == SCHEMA
        store = NoteStore.open(article, directory=directory)
        assert store.warnings == []
        ids = {highlight.id for highlight in store.highlights}
        assert saved - in_doubt <= ids, f"kill {kill} lost highlights"
        assert not ids & removed, f"kill {kill} brought back removed highlights"
        saved -= in_doubt - ids
        removed |= in_doubt - ids
    assert not list(directory.glob("notes/*.corrupt-*"))


def test_two_processes_saving_at_once_keep_each_others_highlights(tmp_path):
    article_file = tmp_path / "article.txt"
    article_file.write_text("\n".join(f"Line {n} of a shared article." for n in range(60)), encoding="utf-8")
    article = Article(article_file.read_text(encoding="utf-8"), "Shared", str(article_file))
    directory = tmp_path / "data"
    children = [forked(article_file, directory, seed, seed, 2) for seed in (0, 1)]
    for _, lines in children:
        assert lines.readline() == "ready\n"
    time.sleep(1.0)
    said = []
    for child, lines in children:
        os.kill(child, signal.SIGKILL)
        said += [line.split() for line in lines.read().splitlines(keepends=True) if line.endswith("\n")]
        lines.close()
        os.waitpid(child, 0)
    added = {key for change, key in said if change == "added"}
    removed = {key for change, key in said if change == "removed"}
    in_doubt = {key for change, key in said if change == "removing"} - removed
    assert len(added) > 20
    ids = {highlight.id for highlight in NoteStore.open(article, directory=directory).highlights}
    assert added - removed - in_doubt <= ids
    assert not ids & removed
