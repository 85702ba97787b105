"""How much text and how large a page `reader analyze` gets through in a minute: where --max-size's default comes from;
and how its time grows with the size of text made to be hard (runs of one mark or phrase).

Reads ../shared/eval/attribution/dev/text (never copied into the repo) for text and pages.
Usage: python benchmarks/limits.py [--eval DIR] [--sizes 125000,250000,500000,1000000] [--pages 1,5,10,20]
                                   [--pathological 1000,10000,100000] [--only text|pages|pathological]

- text: the 84 dev articles joined (and repeated past 411k characters), cut to each size, written to
  a file and run through `reader analyze --format jsonl` as a new process: wall time (model load
  included, as the user waits for it), CPU time (what the wall time would be on an idle machine: the
  analysis runs on one core, and this machine is shared) and peak memory (the child's maxrss).
  A straight line through each gives the size analysed in 60 s.
- pages: an HTML page of each size in MB, an article of about 20k characters among menus, link lists
  and scripts (a news page is mostly markup), through the same command: trafilatura plus analysis.
- pathological: a headline, then one mark or short phrase repeated to each size (1, 10 and 100 kB by default):
  apostrophes, parentheses, quotation marks, commas, dashes, each alone and between spaces, names in a list,
  a speech tag, a transcript's labels. Each goes through the same command, and the table gives its wall and CPU
  seconds at each size, beside those of a one-sentence article (start-up). Time should grow about linearly with
  size: the 100 kB run about ten times the 10 kB one, less start-up.

Every run is given all the time it takes (--max-seconds far out of the way).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
MINUTE = 60.0
NO_LIMIT = "1G"
NO_TIME_LIMIT = "1e6"
# Each repeated after a headline to the size asked for: marks spaCy's tokenizer peels off one by one, runs of
# them the parser makes one sentence of, and phrases that the speaker and entity steps see over and over.
PATHOLOGICAL = {
    "apostrophes": "'",
    "apostrophes spaced": "' ",
    "parentheses": "(",
    "parentheses spaced": "( ",
    "closing parentheses": ")",
    "straight quotes": '"',
    "straight quotes spaced": '" ',
    "curly quotes": "“",
    "commas": ",",
    "commas spaced": ", ",
    "dashes": "—",
    "dollar signs": "$",
    "initials": "A. ",
    "names in a list": "Ann, ",
    "speech tags": '"a," Ann said, ',
    "according to": "according to ",
    "transcript labels": "WALLACE: ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--sizes", default="125000,250000,500000,1000000", help="text sizes in bytes")
    parser.add_argument("--pages", default="1,5,10,20", help="page sizes in MB")
    parser.add_argument("--pathological", default="1000,10000,100000", help="sizes in bytes of the hard texts")
    parser.add_argument("--only", choices=["text", "pages", "pathological"], help="run one part")
    options = parser.parse_args()
    print(f"CPU load {', '.join(f'{load:.2f}' for load in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        if options.only in (None, "text", "pages"):
            paths = sorted((options.eval / "attribution" / "dev" / "text").glob("*.txt"))
            if not paths:
                sys.exit(f"no articles in {options.eval / 'attribution' / 'dev' / 'text'}")
            corpus = "\n\n".join(path.read_text(encoding="utf-8") for path in paths)
            if options.only in (None, "text"):
                text_rate(corpus, [int(size) for size in options.sizes.split(",")], Path(folder))
            if options.only in (None, "pages"):
                pages(corpus, [float(size) for size in options.pages.split(",")], Path(folder))
        if options.only in (None, "pathological"):
            pathological([int(size) for size in options.pathological.split(",")], Path(folder))


def text_rate(corpus: str, sizes: list[int], folder: Path) -> None:
    print("\ntext: bytes -> wall seconds, CPU seconds, peak MB")
    wall_points, cpu_points = [], []
    for size in sizes:
        text = (corpus * (size // len(corpus) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")
        path = folder / f"text-{size}.txt"
        path.write_text(text, encoding="utf-8")
        seconds, cpu, peak = _run(path)
        wall_points.append((size, seconds))
        cpu_points.append((size, cpu))
        print(f"  {size:>10,} -> {seconds:6.1f} s, {cpu:6.1f} s, {peak:6.0f} MB")
    for name, points in (("wall", wall_points), ("CPU", cpu_points)):
        slope, intercept = _line(points)
        print(f"  {name}: {intercept:.1f} s + {slope * 1e6:.1f} s per MB; in {MINUTE:.0f} s: "
              f"{(MINUTE - intercept) / slope:,.0f} bytes")


def pages(corpus: str, sizes: list[float], folder: Path) -> None:
    print("\npages (about 20k characters of article): MB -> wall seconds, CPU seconds, peak MB")
    for size in sizes:
        path = folder / f"page-{size:g}.html"
        path.write_text(_page(corpus, int(size * 1e6)), encoding="utf-8")
        seconds, cpu, peak = _run(path)
        print(f"  {size:>10g} -> {seconds:6.1f} s, {cpu:6.1f} s, {peak:6.0f} MB")


def pathological(sizes: list[int], folder: Path) -> None:
    print("\npathological: wall seconds / CPU seconds at each size in bytes")
    start_up = folder / "start-up.txt"
    start_up.write_text("The harbour reopened on Monday, officials said.\n", encoding="utf-8")
    seconds, cpu, _ = _run(start_up)
    print(f"  start-up (one sentence): {seconds:.1f} s / {cpu:.1f} s")
    print(f"  {'':24}" + "".join(f"{size:>18,}" for size in sizes))
    for name, unit in PATHOLOGICAL.items():
        path = folder / "pathological.txt"
        cells = []
        for size in sizes:
            path.write_text("Pathological\n\n" + unit * (size // len(unit)), encoding="utf-8")
            seconds, cpu, _ = _run(path)
            cells.append(f"{seconds:7.1f} / {cpu:6.1f}")
        print(f"  {name:24}" + "".join(f"{cell:>18}" for cell in cells), flush=True)


def _page(corpus: str, size: int) -> str:
    paragraphs = [line for line in corpus[:20000].split("\n") if line.strip()]
    article = "<article><h1>A long page</h1>" + "".join(f"<p>{line}</p>" for line in paragraphs) + "</article>"
    filler, total, index = [], len(article), 0
    while total < size:
        words = corpus[index * 80 % len(corpus) :][:80].replace("<", " ")
        chunk = (
            f'<div class="menu-{index}"><ul><li><a href="/section/{index}">Section {index}</a></li>'
            f"<li><span>{words}</span></li></ul></div>\n"
            f'<script>window.data{index} = {{"items": [1, 2, 3], "key": "{"x" * 200}"}};</script>\n'
        )
        filler.append(chunk)
        total += len(chunk)
        index += 1
    half = len(filler) // 2
    body = f"{''.join(filler[:half])}{article}{''.join(filler[half:])}"
    return f"<html><head><title>A long page</title></head><body>{body}</body></html>"


def _run(path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of `reader analyze PATH` in a new process, with no limit on either."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "reader", "analyze", "--format", "jsonl", "--max-size", NO_LIMIT,
             "--max-seconds", NO_TIME_LIMIT, str(path)],
            stdout=sink,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    errors = child.stderr.read().decode(errors="replace").strip()
    child.stderr.close()
    if status != 0:
        print(f"  ({path.name}: {errors})")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _line(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares slope and intercept."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
    return slope, mean_y - slope * mean_x


if __name__ == "__main__":
    main()
