"""How quick the reading app feels, measured headless, started as `reader` starts it.

Launches (a fresh process each, the analysis in its own process as `reader` runs it): from before Python
starts to the article text drawn, to the first labels drawn (a first look's, before spaCy has loaded), to the
first labels of the analysis itself, and to the whole analysis on screen, on the
sample and on a long article (the 84 PolNeAR dev texts joined, about 411k characters); beside them, in a
fresh process each, the whole-text path: load the model and `analyze()` the long article, on one core as the
app's analysis keeps to, and on two (the sentence model beside spaCy). Then on
the long article, the time from a key press to its frame: `j` while the labels come in (the screen must
never freeze), then `j` and `]` once they are all in. Beside each launch on the sample, the baseline: a bare
Textual app that shows the same text in one `Static`, the floor Textual itself sets; the ratio of the medians
says what reader adds, whatever the load of the machine.

    python benchmarks/tui.py [--runs 5] [--presses 200] [--skip-long]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EVAL_TEXTS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "attribution" / "dev" / "text"
TARGET_VISIBLE = 0.5
TARGET_FIRST_LABELS = {"sample": 1.0, "long": 1.5}
TARGET_KEY = 0.050


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches of the app on each article")
    parser.add_argument("--presses", type=int, default=200, help="presses of each key on the long article")
    parser.add_argument("--skip-long", action="store_true", help="only the sample's launch figures")
    parser.add_argument("--launch-child", nargs=2, metavar=("STARTED", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--bare-child", nargs=2, metavar=("STARTED", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--whole-child", nargs=3, metavar=("STARTED", "PATH", "CORES"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.launch_child is not None:
        _launch_child(float(arguments.launch_child[0]), arguments.launch_child[1])
        return
    if arguments.bare_child is not None:
        _bare_child(float(arguments.bare_child[0]), arguments.bare_child[1])
        return
    if arguments.whole_child is not None:
        _whole_child(float(arguments.whole_child[0]), arguments.whole_child[1], int(arguments.whole_child[2]))
        return

    from reader.resources import sample_article

    articles = {"sample": sample_article()}
    long_text = None
    if not arguments.skip_long and EVAL_TEXTS.is_dir():
        long_text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(EVAL_TEXTS.glob("*.txt")))
        folder = tempfile.mkdtemp(prefix="reader-tui-")
        articles["long"] = Path(folder) / "polnear-dev.txt"
        articles["long"].write_text(long_text, encoding="utf-8")
    elif not arguments.skip_long:
        print(f"long article skipped: {EVAL_TEXTS} not found")
    for name, path in articles.items():
        # On the sample, each launch beside one of the baseline, in turn, so that both meet the same load on a
        # shared machine (a Static would wrap all of the long article at once: no floor for a view that wraps it
        # once and draws only what is on screen).
        figures, bare = [], []
        for _ in range(arguments.runs):
            figures.append(_child("--launch-child", path))
            if name == "sample":
                bare.append(_child("--bare-child", path)["text"])
        print(f"{name} ({len(path.read_text(encoding='utf-8')):,} characters), {arguments.runs} launches:")
        for moment, label, target in (("text", "article text drawn", TARGET_VISIBLE),
                                      ("labels", "first labels drawn", TARGET_FIRST_LABELS[name]),
                                      ("parsed", "first parsed labels", None),
                                      ("whole", "all labels in", None)):
            times = [figure[moment] for figure in figures]
            goal = f"   (target <= {_ms(target)})" if target else ""
            print(f"  launch -> {label:<20} median {_ms(statistics.median(times))}   max {_ms(max(times))}{goal}")
            if moment == "text" and bare:
                ratio = statistics.median(times) / statistics.median(bare)
                print(f"     the baseline, a bare Textual app showing the text in one Static: median"
                      f" {_ms(statistics.median(bare))}, so reader takes {ratio:.2f}x")
        if name == "long":
            # The app's analysis keeps to one core (the other is the interface's): so does the first comparison.
            for cores in (1, 2):
                whole = [_child("--whole-child", path, str(cores))["whole"] for _ in range(arguments.runs)]
                print(f"  a fresh process loading the model and analyze()-ing the whole text on {cores} core(s):"
                      f" median {_ms(statistics.median(whole))}   max {_ms(max(whole))}")
                ratio = statistics.median([figure["whole"] for figure in figures]) / statistics.median(whole)
                print(f"  all labels in the app / that whole-text analysis: {ratio:.2f}x (medians)")
    if long_text is None:
        return
    analyzed, latencies = _latencies(long_text, arguments.presses)
    print(f"long article keys: all labels in after {analyzed:.1f} s")
    for key, times in latencies.items():
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"  {key!r:>19} x{len(times)}: median {_ms(statistics.median(times))}   p95 {_ms(p95)}"
              f"   max {_ms(times[-1])}   (target <= {_ms(TARGET_KEY)})")


def _child(option: str, path: Path, *more: str) -> dict[str, float]:
    """Run this script as a fresh process; the seconds from its start to each moment it reports."""
    started = time.time()
    output = subprocess.run(
        [sys.executable, __file__, option, str(started), str(path), *more],
        capture_output=True, text=True, check=True, timeout=900,
    ).stdout
    moments = json.loads(output.strip().splitlines()[-1])
    return {moment: when - started for moment, when in moments.items()}


def _launch_child(started: float, path: str) -> None:
    """In a fresh process, as `reader PATH` runs: note when the text, the first labels (a first look's, then the
    analysis's) and all labels are drawn."""
    from reader.background.process import AnalysisProcess
    from reader.sources import load
    from reader.tui import lasting_imports

    article = load(path)
    analysis = AnalysisProcess.start(article)
    with lasting_imports():  # as reader.tui.run imports the app
        from reader.tui.app import ReaderApp
        from reader.tui.widgets.article_view import ArticleView

    seen: dict[str, float] = {}

    def drawn(view: ArticleView) -> None:
        seen.setdefault("text", time.time())
        if view.sentences is not None:
            seen.setdefault("labels", time.time())
            if app.reading.labelled.parsed or app.reading.analysis is not None:
                seen.setdefault("parsed", time.time())

    _on_text_drawn(ArticleView, drawn)
    app = ReaderApp(article, analyzer=analysis)

    async def until_whole(pilot) -> None:
        while "parsed" not in seen or app.reading.analysis is None:
            await asyncio.sleep(0.002)
        seen["whole"] = time.time()
        app.exit()

    app.run(headless=True, size=(100, 30), auto_pilot=until_whole)
    analysis.stop()
    print(json.dumps(seen))


def _bare_child(started: float, path: str) -> None:
    """In a fresh process, the floor under the first paint: the least a Textual app can do to show the text,
    the same text in one `Static`, in a terminal of the same size; when its text is first drawn."""
    from textual.app import App
    from textual.widgets import Static

    seen: dict[str, float] = {}
    _on_text_drawn(Static, lambda static: seen.setdefault("text", time.time()))
    app = App()
    app.compose = lambda: iter([Static(Path(path).read_text(encoding="utf-8"), markup=False)])

    async def until_drawn(pilot) -> None:
        while "text" not in seen:
            await asyncio.sleep(0.002)
        app.exit()

    app.run(headless=True, size=(100, 30), auto_pilot=until_drawn)
    print(json.dumps(seen))


def _on_text_drawn(widget: type, drawn: Callable[[Any], object]) -> None:
    """Have every `widget` call `drawn(itself)` each time it draws a line that shows text."""
    render_line = widget.render_line

    def watched(self, y: int):
        strip = render_line(self, y)
        if strip.text.strip():
            drawn(self)
        return strip

    widget.render_line = watched


def _whole_child(started: float, path: str, cores: int) -> None:
    """In a fresh process, the whole-text path: load the model, then analyse all of the text at once (on two cores,
    the sentence model beside spaCy)."""
    from reader import nlp
    from reader.analysis import analyze
    from reader.sources import load

    article = load(path)
    nlp.pipeline()
    analyze(article, ahead=cores > 1)
    print(json.dumps({"whole": time.time()}))


def _latencies(text: str, presses: int) -> tuple[float, dict[str, list[float]]]:
    """Key latencies on the long article, its analysis in a process of its own as `reader` runs it."""
    from reader.background.process import AnalysisProcess
    from reader.model import Article

    article = Article(text, "PolNeAR dev articles", "dev")
    analysis = AnalysisProcess.start(article)
    try:
        return asyncio.run(key_latencies(article, analysis, presses))
    finally:
        analysis.stop()


async def key_latencies(article, analyzer, presses: int) -> tuple[float, dict[str, list[float]]]:
    """Seconds until all labels are in, and per key the seconds from each press to its frame: `j` while
    the labels come in (it moves or scrolls), then `j` and `]` once they are all in."""
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_view import ArticleView

    app = ReaderApp(article, analyzer=analyzer)
    reading = app.reading
    latencies: dict[str, list[float]] = {"j while analysing": [], "j": [], "]": []}
    async with app.run_test(size=(100, 30)) as pilot:
        started = time.perf_counter()
        view = app.query_one(ArticleView)

        def place() -> tuple:
            return view.scroll_offset.y, view.cursor, view.sentences

        while not app.query("#search"):  # until the screen is complete (the search bar comes last)
            await asyncio.sleep(0.01)
        await pilot.pause()
        while reading.analysis is None:
            if len(latencies["j while analysing"]) < presses:
                # The press counts from where this one starts, so the closure keeps its own `before`.
                before = place()
                latencies["j while analysing"].append(await _press(
                    pilot, "j", "j", lambda before=before: place() != before or reading.analysis is not None,
                ))
            await asyncio.sleep(0.05)
        analyzed = time.perf_counter() - started
        await pilot.pause()
        for key, name in (("j", "j"), ("]", "right_square_bracket")):
            view.select(0)
            await pilot.pause()
            for _ in range(presses):
                before = view.cursor
                latencies[key].append(await _press(pilot, name, key, lambda before=before: view.cursor != before))
    return analyzed, latencies


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
