"""How quick the reading app feels, measured headless.

On the sample article: from launch (before Python starts) to the article text drawn, and to the labels
drawn, in a fresh process each run. On a long article (the 84 PolNeAR dev texts joined, about 400k
characters): the time from a key press to the new frame composed, for `j` while the analysis runs
(the screen must never freeze) and for `j` and `]` once the labels are in, and how long the screen
takes to receive the finished analysis.

    python benchmarks/tui.py [--runs 5] [--presses 200] [--skip-long]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

EVAL_TEXTS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "attribution" / "dev" / "text"
TARGET_VISIBLE = 0.5
TARGET_KEY = 0.050


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches of the app on the sample")
    parser.add_argument("--presses", type=int, default=200, help="presses of each key on the long article")
    parser.add_argument("--skip-long", action="store_true", help="only the launch figures")
    parser.add_argument("--launch-child", type=float, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.launch_child is not None:
        _launch_child(arguments.launch_child)
        return

    texts, labels = launch_times(arguments.runs)
    print(f"sample article, {arguments.runs} launches in a fresh process each:")
    print(f"  launch -> article text drawn   median {_ms(statistics.median(texts))}   max {_ms(max(texts))}"
          f"   (target <= {_ms(TARGET_VISIBLE)})")
    print(f"  launch -> labels drawn         median {_ms(statistics.median(labels))}   max {_ms(max(labels))}")
    if arguments.skip_long:
        return
    if not EVAL_TEXTS.is_dir():
        print(f"long article skipped: {EVAL_TEXTS} not found")
        return
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(EVAL_TEXTS.glob("*.txt")))
    analysed, handoff, latencies = asyncio.run(key_latencies(text, arguments.presses))
    print(f"long article, {len(text):,} characters: labels in after {analysed:.1f} s,"
          f" handed to the screen in {_ms(handoff)}")
    for key, times in latencies.items():
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"  {key!r:>19} x{len(times)}: median {_ms(statistics.median(times))}   p95 {_ms(p95)}"
              f"   max {_ms(times[-1])}   (target <= {_ms(TARGET_KEY)})")


def launch_times(runs: int) -> tuple[list[float], list[float]]:
    """Seconds from starting a Python process to the text drawn, and to the labels drawn."""
    texts, labels = [], []
    for _ in range(runs):
        started = time.time()
        output = subprocess.run(
            [sys.executable, __file__, "--launch-child", str(started)],
            capture_output=True, text=True, check=True, timeout=300,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        texts.append(result["text"] - started)
        labels.append(result["labels"] - started)
    return texts, labels


def _launch_child(started: float) -> None:
    """In a fresh process: open the sample, note when its text and then its labels are first drawn."""
    from reader.model import Article
    from reader.resources import sample_article
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_view import ArticleView

    seen: dict[str, float] = {}
    render_line = ArticleView.render_line

    def watched(view: ArticleView, y: int):
        strip = render_line(view, y)
        if strip.text.strip():
            seen.setdefault("text", time.time())
            if view.sentences is not None:
                seen.setdefault("labels", time.time())
        return strip

    ArticleView.render_line = watched
    path = sample_article()
    text = path.read_text(encoding="utf-8")
    app = ReaderApp(Article(text, text.splitlines()[0], str(path)))

    async def until_labelled(pilot) -> None:
        while "labels" not in seen:
            await asyncio.sleep(0.002)
        app.exit()

    app.run(headless=True, size=(100, 30), auto_pilot=until_labelled)
    print(json.dumps(seen))


async def key_latencies(text: str, presses: int) -> tuple[float, float, dict[str, list[float]]]:
    """Seconds until the labels are in, seconds the screen took to take them, and per key the seconds
    from each press to its frame: `j` while the analysis runs (it scrolls), then `j` and `]` with labels."""
    from reader.model import Article
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_view import ArticleView

    app = ReaderApp(Article(text, "PolNeAR dev articles", "dev"))
    handoff: list[float] = []
    reading = app.reading
    show_analysis = reading.show_analysis

    def timed_show_analysis(analysis) -> None:
        began = time.perf_counter()
        show_analysis(analysis)
        handoff.append(time.perf_counter() - began)

    reading.show_analysis = timed_show_analysis
    latencies: dict[str, list[float]] = {"j while analysing": [], "j": [], "]": []}
    async with app.run_test(size=(100, 30)) as pilot:
        started = time.perf_counter()
        view = app.query_one(ArticleView)
        while not app.query("#search"):  # until the screen is complete (the search bar comes last)
            await asyncio.sleep(0.01)
        await pilot.pause()
        while reading.analysis is None:
            if len(latencies["j while analysing"]) < presses:
                before = view.scroll_offset.y
                latencies["j while analysing"].append(
                    await _press(pilot, "j", "j", lambda: view.scroll_offset.y != before or reading.analysis is not None)
                )
            await asyncio.sleep(0.05)
        analysed = time.perf_counter() - started
        await pilot.pause()
        for key, name in (("j", "j"), ("]", "right_square_bracket")):
            view.select(0)
            await pilot.pause()
            for _ in range(presses):
                before = view.cursor
                latencies[key].append(await _press(pilot, name, key, lambda: view.cursor != before))
    return analysed, handoff[0], latencies


async def _press(pilot, name: str, character: str, moved) -> float:
    """Send one key as the terminal would; seconds until `moved()` and the next frame is composed."""
    from textual import events

    app = pilot.app
    began = time.perf_counter()
    app._driver.send_message(events.Key(name, character))
    while not moved():
        if time.perf_counter() - began > 10:
            raise RuntimeError(f"{character!r} changed nothing")
        await asyncio.sleep(0)
    # The detail line and the header follow by message; then the frame is composed.
    await pilot._wait_for_screen()
    app.screen._on_timer_update()
    return time.perf_counter() - began


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
