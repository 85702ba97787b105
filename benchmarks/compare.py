"""How quick `reader compare` is against analysing its two articles one after the other (issue 21's target: labels and
pairs within 1.2x that time, text on screen as fast as the reading view's).

Two reports of one story of about 8,000 characters each, from PolNeAR train (../shared/eval, never copied into the
repo): pair 2 of benchmarks/alignment_pairs.json, the eve of the New Hampshire primary. Each repetition, in turn:

- one after the other: `reader analyze A --format json`, then `reader analyze B --format json`, each a fresh process
  (start-up, model load, analysis and output, as a user would run them);
- `reader compare A B --format json`, a fresh process, end to end;
- the compare view, launched as `reader compare A B` launches it on a terminal (both analyses in processes of their
  own, started before Textual), headless: to both texts drawn, to both columns labelled, to the pairs worked out;
- the reading view on A, launched as `reader A` launches it (benchmarks/tui.py's launch, the same measure): to the
  text drawn and to all labels in.

Medians over the repetitions; the ratios are median against median.

    python benchmarks/compare.py [--runs 5] [--articles A B]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAIN_TEXTS = ROOT.parent / "shared" / "eval" / "attribution" / "train" / "text"
STORY = ("wash-post_2016-02-09_barbs-and-pleas-before-n-h-vote.txt",
         "usa-today_2016-02-09_new-hampshire-primary-game-on-wh.txt")
TARGET_RATIO = 1.2
SIZE = (160, 40)
"""The terminal of the headless app: two columns of about 75 cells, as on a wide terminal."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each measure (default 5)")
    parser.add_argument("--articles", nargs=2, type=Path, metavar=("A", "B"),
                        help="two text files to compare instead of the PolNeAR pair")
    parser.add_argument("--compare-child", nargs=3, metavar=("STARTED", "A", "B"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.compare_child is not None:
        started, first, second = arguments.compare_child
        _compare_child(float(started), first, second)
        return
    first, second = arguments.articles or (TRAIN_TEXTS / STORY[0], TRAIN_TEXTS / STORY[1])
    missing = [path for path in (first, second) if not path.is_file()]
    if missing:
        sys.exit(f"{missing[0]} not found: this benchmark reads two PolNeAR train articles from ../shared/eval beside"
                 " the checkout; give two text files with --articles A B instead")

    sizes = [len(path.read_text(encoding="utf-8")) for path in (first, second)]
    print(f"A {first.name} ({sizes[0]:,} characters), B {second.name} ({sizes[1]:,} characters); {arguments.runs} runs,"
          f" load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    figures: dict[str, list[float]] = {name: [] for name in (
        "serial", "compare json", "view text", "view labels", "view pairs", "reading text", "reading labels")}
    for _ in range(arguments.runs):
        # Each measure once a run, in turn, so that what else the machine does weighs on all of them alike.
        figures["serial"].append(_timed(_reader("analyze", first, "--format", "json"),
                                        _reader("analyze", second, "--format", "json")))
        figures["compare json"].append(_timed(_reader("compare", first, second, "--format", "json")))
        view = _moments([sys.executable, __file__, "--compare-child"], first, second)
        for moment in ("text", "labels", "pairs"):
            figures[f"view {moment}"].append(view[moment])
        reading = _moments([sys.executable, str(ROOT / "benchmarks" / "tui.py"), "--launch-child"], first)
        figures["reading text"].append(reading["text"])
        figures["reading labels"].append(reading["whole"])
    _report({name: statistics.median(times) for name, times in figures.items()}, figures)


def _report(median: dict[str, float], figures: dict[str, list[float]]) -> None:
    rows = (("serial", "reader analyze A, then reader analyze B"),
            ("compare json", "reader compare A B --format json"),
            ("view text", "compare view: both texts drawn"),
            ("view labels", "compare view: both columns labelled"),
            ("view pairs", "compare view: pairs worked out"),
            ("reading text", "reading view on A: text drawn"),
            ("reading labels", "reading view on A: all labels in"))
    for name, label in rows:
        print(f"  {label:<42} median {_seconds(median[name])}   max {_seconds(max(figures[name]))}")
    serial = median["serial"]
    print(f"compare --format json / one after the other: {median['compare json'] / serial:.2f}x"
          f"   (target <= {TARGET_RATIO}x)")
    print(f"compare view, pairs in / one after the other: {median['view pairs'] / serial:.2f}x"
          f"   (target <= {TARGET_RATIO}x)")
    print(f"compare view, text drawn / reading view, text drawn: {median['view text'] / median['reading text']:.2f}x")


def _reader(*arguments: object) -> list[str]:
    """The command line of `reader` with this checkout's code."""
    return [sys.executable, "-m", "reader", *map(str, arguments)]


def _environment() -> dict[str, str]:
    """This checkout first on the path, whichever reader the interpreter has installed."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}


def _timed(*commands: list[str]) -> float:
    """The seconds `commands` take, run one after the other, each a fresh process."""
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=_environment(), timeout=600)
    return time.perf_counter() - started


def _moments(command: list[str], *paths: Path) -> dict[str, float]:
    """Run a launch child; the seconds from before its start to each moment it reports."""
    started = time.time()
    output = subprocess.run([*command, str(started), *map(str, paths)], capture_output=True, text=True, check=True,
                            cwd=ROOT, env=_environment(), timeout=600).stdout
    moments = json.loads(output.strip().splitlines()[-1])
    return {moment: when - started for moment, when in moments.items()}


def _compare_child(started: float, first: str, second: str) -> None:
    """In a fresh process, as `reader compare A B` runs on a terminal: note when both texts are drawn, when both
    columns are drawn labelled, and when the pairs are worked out."""
    from reader.sources import load
    from reader.tui import comparison_analyses, lasting_imports

    articles = load(first), load(second)
    apart = comparison_analyses(*articles)  # before Textual is imported, as reader.tui.run_comparison starts them
    with lasting_imports():
        from reader.background.batches import progressively
        from reader.tui.comparison_app import ComparisonApp
        from reader.tui.widgets.compared_article import ComparedArticle

    drawn: dict[tuple[str, str], float] = {}
    render_line = ComparedArticle.render_line

    def watched(column: ComparedArticle, y: int):
        strip = render_line(column, y)
        if strip.text.strip():
            drawn.setdefault((column.side, "text"), time.time())
            if column.sentences is not None:
                drawn.setdefault((column.side, "labels"), time.time())
        return strip

    ComparedArticle.render_line = watched  # type: ignore[method-assign]
    app = ComparisonApp(articles[0], articles[1], progressively(), apart)
    seen: dict[str, float] = {}

    async def until_paired(pilot) -> None:
        while app.comparison.comparison is None or len(drawn) < 4:
            await asyncio.sleep(0.002)
        seen["pairs"] = time.time()
        app.exit()

    try:
        app.run(headless=True, size=SIZE, auto_pilot=until_paired)
    finally:
        for analysis in apart:
            analysis.stop()
    for moment in ("text", "labels"):
        seen[moment] = max(drawn[side, moment] for side in ("A", "B"))
    print(json.dumps(seen))


def _seconds(seconds: float) -> str:
    return f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
