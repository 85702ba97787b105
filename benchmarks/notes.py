"""How long the notes store takes to save a highlight, to open, and to list the library.

Usage: python benchmarks/notes.py [--eval DIR] [--rounds 40]

- save: one highlight added then removed (two saves: lock, read, merge, encode, atomic write, fsync), on the
  sample and on a long article (the 84 PolNeAR dev texts of ../shared/eval joined, if there; else the sample
  repeated to 400k characters). The baseline, measured in the same run, is the floor of any durable save:
  an atomic write of a file of the same size (temporary file, fsync, rename, fsync of the folder).
- open: NoteStore.open of the long article with 20 highlights.
- library: `reader.notes.library.entries()` over 200 annotated articles.
Medians over --rounds; the data folder is a temporary one on the same file system as /tmp.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--rounds", type=int, default=40, help="timed rounds of each (default 40)")
    options = parser.parse_args()

    from reader.resources import sample_article
    from reader.sources import load

    sample = load(str(sample_article()))
    long = _long_article(options.eval, sample.text)
    with tempfile.TemporaryDirectory() as folder:
        for name, article in (("sample", sample), ("long", long)):
            save(name, article, Path(folder) / name, options.rounds)
        opening(long, Path(folder) / "open", options.rounds)
        listing(sample, Path(folder) / "library", options.rounds)


def save(name: str, article, folder: Path, rounds: int) -> None:
    from reader.atomic import write_atomic
    from reader.notes import NoteStore

    store = NoteStore.open(article, directory=folder)
    end = article.text.index(".") + 1
    store.add(0, end)
    size = store.path.stat().st_size
    saves, floors = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        highlight = store.add(end + 1, end + 40)
        store.remove(highlight)
        saves.append((time.perf_counter() - started) / 2)
        started = time.perf_counter()
        write_atomic(folder / "floor.json", b"x" * size)
        floors.append(time.perf_counter() - started)
    save_ms, floor_ms = statistics.median(saves) * 1000, statistics.median(floors) * 1000
    print(f"save ({name}, {len(article.text):,} characters, file {size:,} bytes): {save_ms:.1f} ms;"
          f" atomic write of the same size {floor_ms:.1f} ms; ratio {save_ms / floor_ms:.2f}")


def opening(article, folder: Path, rounds: int) -> None:
    from reader.notes import NoteStore

    store = NoteStore.open(article, directory=folder)
    step = len(article.text) // 21
    for number in range(1, 21):
        store.add(number * step, number * step + 30, f"note {number}")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        NoteStore.open(article, directory=folder)
        times.append(time.perf_counter() - started)
    print(f"open (long article, 20 highlights): {statistics.median(times) * 1000:.1f} ms")


def listing(sample, folder: Path, rounds: int) -> None:
    from reader.model import Article
    from reader.notes import NoteStore, library

    for number in range(200):
        article = Article(f"{sample.text}\n\nVersion {number}.", sample.title, f"https://example.org/{number}")
        NoteStore.open(article, directory=folder).add(0, 20)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        entries = library.entries(folder)
        times.append(time.perf_counter() - started)
    assert len(entries) == 200
    print(f"library of 200 articles ({len(sample.text):,} characters each): {statistics.median(times) * 1000:.1f} ms")


def _long_article(eval_folder: Path, fallback: str):
    from reader.model import Article

    paths = sorted((eval_folder / "attribution" / "dev" / "text").glob("*.txt"))
    if paths:
        text = "\n\n".join(path.read_text(encoding="utf-8") for path in paths)
    else:
        print("no eval data: the long article is the sample repeated", file=sys.stderr)
        text = "\n\n".join([fallback] * (400_000 // len(fallback) + 1))
    return Article(text, "Long", "https://example.org/long")


if __name__ == "__main__":
    main()
