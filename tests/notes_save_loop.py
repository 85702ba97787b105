"""Toggle highlights in a loop, reporting each change once saved: the child that the SIGKILL test kills.

Usage: python notes_save_loop.py ARTICLE_FILE DATA_DIR SEED [K/N]; with K/N it uses only the sentences
whose number is K modulo N, so that two children share a store without touching the same sentence.
It imports only the store, not spaCy, so that it starts fast enough to be killed 200 times in a test.
"""

import random
import sys
from pathlib import Path

from reader.model import Article, Sentence
from reader.notes import NoteStore


def sentences(text: str) -> list[Sentence]:
    """One sentence per line of the test article."""
    found, start = [], 0
    for line in text.split("\n"):
        found.append(Sentence(len(found), start, start + len(line), line, len(found), "reported", 1.0, {}))
        start += len(line) + 1
    return found


def main() -> None:
    article_file, directory, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    part, parts = (int(number) for number in (sys.argv[4] if len(sys.argv) > 4 else "0/1").split("/"))
    article = Article(Path(article_file).read_text(encoding="utf-8"), "Durability", article_file)
    every = sentences(article.text)
    store = NoteStore.open(article, every, directory=directory)
    choices = [sentence for sentence in every if sentence.id % parts == part]
    print("ready", flush=True)
    pick = random.Random(seed)
    while True:
        sentence = pick.choice(choices)
        existing = store.highlight_for(sentence)
        if existing is None:
            added = store.add(sentence.start, sentence.end)
            print("added", added.id, flush=True)
        else:
            # Said before, so that a removal cut short by the kill is known to be in doubt.
            print("removing", existing.id, flush=True)
            store.remove(existing)
            print("removed", existing.id, flush=True)


if __name__ == "__main__":
    main()
