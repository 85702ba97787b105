"""How quick the reading app feels, measured headless.

On the sample article: from launch (before Python starts) to the article text drawn, and to the labels
drawn, in a fresh process each run. On a long article (the 84 PolNeAR dev texts joined, about 400k
characters): the time from a key press (`j`, `]`) to the new frame composed, once the labels are in.

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
    analysed, latencies = asyncio.run(key_latencies(text, arguments.presses))
    print(f"long article, {len(text):,} characters, labels in after {analysed:.1f} s:")
    for key, times in latencies.items():
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"  {key!r:>4} x{len(times)}: median {_ms(statistics.median(times))}   p95 {_ms(p95)}"
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
            if view.analysis is not None:
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


async def key_latencies(text: str, presses: int) -> tuple[float, dict[str, list[float]]]:
    """Seconds until the labels are in; then, per key, seconds from each press to its frame composed."""
    from textual import events

    from reader.model import Article
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_view import ArticleView

    app = ReaderApp(Article(text, "PolNeAR dev articles", "dev"))
    latencies: dict[str, list[float]] = {"j": [], "]": []}
    async with app.run_test(size=(100, 30)) as pilot:
        started = time.perf_counter()
        while app.analysis is None:
            await asyncio.sleep(0.1)
        analysed = time.perf_counter() - started
        await pilot.pause()
        view = app.query_one(ArticleView)
        for key, name in (("j", "j"), ("]", "right_square_bracket")):
            view.select(0)
            await pilot.pause()
            for _ in range(presses):
                before = view.cursor
                began = time.perf_counter()
                app._driver.send_message(events.Key(name, key))
                while view.cursor == before:
                    if time.perf_counter() - began > 5:
                        raise RuntimeError(f"{key!r} did not move the cursor from sentence {before}")
                    await asyncio.sleep(0)
                # The detail line and the header follow by message; then the frame is composed.
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                latencies[key].append(time.perf_counter() - began)
    return analysed, latencies


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
