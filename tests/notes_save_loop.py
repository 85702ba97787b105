"""Toggle highlights in a loop, reporting each change once saved: the child that the SIGKILL tests kill.

`forked` runs the loop in a forked copy of the test's process, which has the store imported already: it starts in
milliseconds instead of the tenth of a second of a new interpreter, so that it can be killed 200 times in a test.
A child given part K of N uses only the sentences whose number is K modulo N, so that two children share a store
without touching the same sentence.
"""

import os
import random
from pathlib import Path
from typing import NoReturn, TextIO

from reader.model import Article, Sentence
from reader.notes import NoteStore


def sentences(text: str) -> list[Sentence]:
    """One sentence per line of the test article."""
    found, start = [], 0
    for line in text.split("\n"):
        found.append(Sentence(len(found), start, start + len(line), line, len(found), "reported", 1.0, {}))
        start += len(line) + 1
    return found


def forked(article_file: Path, directory: Path, seed: int, part: int = 0, parts: int = 1) -> tuple[int, TextIO]:
    """Start the loop in a child process: its pid, and the lines it writes (`ready`, then each change)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into the test: it loops until killed, or leaves at once
        os.close(read)
        try:
            _save_loop(article_file, directory, seed, part, parts, os.fdopen(write, "w"))
        finally:
            os._exit(1)
    os.close(write)
    return pid, os.fdopen(read)


def _save_loop(article_file: Path, directory: Path, seed: int, part: int, parts: int, out: TextIO) -> NoReturn:
    article = Article(article_file.read_text(encoding="utf-8"), "Durability", str(article_file))
    every = sentences(article.text)
    store = NoteStore.open(article, every, directory=directory)
    choices = [sentence for sentence in every if sentence.id % parts == part]
    _say(out, "ready")
    pick = random.Random(seed)
    while True:
        sentence = pick.choice(choices)
        existing = store.highlight_for(sentence)
        if existing is None:
            added = store.add(sentence.start, sentence.end)
            _say(out, f"added {added.id}")
        else:
            # Said before, so that a removal cut short by the kill is known to be in doubt.
            _say(out, f"removing {existing.id}")
            store.remove(existing)
            _say(out, f"removed {existing.id}")


def _say(out: TextIO, line: str) -> None:
    out.write(line + "\n")
    out.flush()
