"""Does every real article analyse? The whole analysis over each PolNeAR train article, as `reader analyze` runs it,
and the app's first look at the whole of it.

Prints how many crashed (with the first error of each), the slowest article and the peak memory.
Exit status 1 when any article crashed. Reads ../shared/eval in place.
Usage: python benchmarks/robustness.py [--eval DIR] [--split train]
"""

from __future__ import annotations

import argparse
import resource
import time
import traceback
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--split", default="train", help="the PolNeAR split to run (default: train)")
    args = parser.parse_args()

    from reader import nlp
    from reader.analysis import analyze
    from reader.analysis.first_look import first_look
    from reader.sources import load

    paths = sorted((args.eval / "attribution" / args.split / "text").glob("*.txt"))
    started = time.perf_counter()
    nlp.pipeline()
    load_seconds = time.perf_counter() - started
    crashed: list[tuple[str, str]] = []
    timings: list[tuple[float, str, int]] = []
    characters = 0
    for path in paths:
        began = time.perf_counter()
        try:
            article = load(str(path))
            analyze(article).to_json()
            first_look(article, 0, len(article.text))
            characters += len(article.text)
        except Exception as error:  # the point is to count them all, whatever they are
            crashed.append((path.name, "".join(traceback.format_exception_only(error)).strip()))
        timings.append((time.perf_counter() - began, path.name, path.stat().st_size))
    total = sum(seconds for seconds, _, _ in timings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    slowest = max(timings, default=(0.0, "-", 0))
    print(f"articles: {len(paths)} ({characters:,} characters) from {args.eval / 'attribution' / args.split}")
    print(f"crashed: {len(crashed)}")
    for name, error in crashed:
        print(f"  {name}: {error}")
    print(f"model load: {load_seconds:.2f} s; "
          f"analysis: {total:.1f} s in all, {total / max(len(paths), 1):.3f} s an article")
    print(f"slowest: {slowest[1]} ({slowest[2]:,} bytes) in {slowest[0]:.2f} s")
    print(f"peak memory (max RSS): {peak:.0f} MB")
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
