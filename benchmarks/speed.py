"""How fast `reader analyze` is against bare spaCy, how fast reader starts, and its peak memory on a long text.

Reads ../shared/eval/attribution/dev/text (never copied into the repo).
Usage: python benchmarks/speed.py [--eval DIR] [--rounds 3]

- analyze: `reader analyze --format jsonl ARTICLE` for each of the 84 dev articles in turn, run in this
  process through reader.cli.main (the code path of the command: load, analyse, serialise, write; output
  to /dev/null), after the model is loaded once and timed on its own. Beside the time, the CPU time of
  every thread: with the learned model, the sentence model works on the second core while spaCy parses
  (as it does for one article when the machine has a core to spare; `--jobs 1` keeps to one core).
- spaCy: `spacy.load(model)` (timed on its own), then `list(nlp.pipe(texts))` with the default pipeline.
  The two alternate, best of --rounds; the ratio is best against best.
- start-up: `reader --help` and `python -c "import reader.cli"` as new processes, best of 5.
- memory: a new process analyses the 84 articles joined into one text; its peak RSS (VmHWM, else
  getrusage) after loading the model and after the analysis; beside it, another new process runs bare
  spaCy over the same text as one document (`nlp(text)`). Measured first, while this process is small.
- jobs (--only jobs): `reader analyze --format jsonl --jobs 2` against `--jobs 1` over the PolNeAR
  train articles (840), as new processes, alternating, best of --rounds; the outputs must be the same bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
TARGET_RATIOS = {"learned": 1.35, "rules": 1.05}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (default 3)")
    parser.add_argument("--only", choices=["memory", "throughput", "startup", "jobs"], help="run one part")
    parser.add_argument("--memory-child", choices=["reader", "spacy"], help=argparse.SUPPRESS)
    options = parser.parse_args()
    paths = sorted((options.eval / "attribution" / "dev" / "text").glob("*.txt"))
    if not paths:
        sys.exit(f"no articles in {options.eval / 'attribution' / 'dev' / 'text'}")
    if options.memory_child:
        print(json.dumps(_memory(paths, options.memory_child)))
        return

    texts = [path.read_text(encoding="utf-8") for path in paths]
    print(f"{len(paths)} articles, {sum(len(text) for text in texts):,} characters; CPU load {_load()}")
    if options.only in (None, "memory"):
        memory(options.eval)
    if options.only in (None, "throughput"):
        throughput(paths, texts, options.rounds)
    if options.only in (None, "startup"):
        startup()
    if options.only == "jobs":
        jobs(sorted((options.eval / "attribution" / "train" / "text").glob("*.txt")), options.rounds)


def throughput(paths: list[Path], texts: list[str], rounds: int) -> None:
    """reader analyze --format jsonl, with each opinion model, against bare nlp.pipe, in turn, best of `rounds`."""
    import spacy

    from reader import cli, nlp
    from reader.analysis.opinion import opinion_model

    started = time.perf_counter()
    reader_pipeline = nlp.pipeline()
    reader_load = time.perf_counter() - started
    started = time.perf_counter()
    opinion_model.load()
    opinion_load = time.perf_counter() - started
    started = time.perf_counter()
    model, bare = _bare_spacy(spacy, nlp.MODEL_NAMES)
    spacy_load = time.perf_counter() - started
    print(f"model load: reader {reader_load:.2f} s and its opinion model {opinion_load:.2f} s, "
          f"spacy.load({model!r}) {spacy_load:.2f} s (not in the times below)")
    print(f"reader pipeline: {', '.join(reader_pipeline.pipe_names)}")
    print(f"spaCy pipeline:  {', '.join(bare.pipe_names)}")

    def run_reader(opinion_model: str) -> tuple[float, float]:
        with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
            started, cpu = time.perf_counter(), time.process_time()
            for path in paths:
                status = cli.main(["analyze", "--format", "jsonl", "--model", opinion_model, str(path)])
                if status != 0:
                    sys.exit(f"reader analyze {path} failed with status {status}")
            return time.perf_counter() - started, time.process_time() - cpu

    def run_spacy() -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        list(bare.pipe(texts))
        return time.perf_counter() - started, time.process_time() - cpu

    runs = {"learned": lambda: run_reader("learned"), "rules": lambda: run_reader("rules"), "spaCy": run_spacy}
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    # Take turns, starting each round with the next one, so that none always runs on a warmer (or busier) machine.
    names = list(runs)
    for round_number in range(rounds):
        for name in names[round_number % 3 :] + names[: round_number % 3]:
            seconds, used = runs[name]()
            times[name].append(seconds)
            cpu[name].append(used)
    for name, seconds in times.items():
        what = f"reader analyze --model {name}" if name != "spaCy" else "spaCy nlp.pipe"
        print(f"{what:<30} best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s"
              f" (rounds {_seconds(seconds)}); CPU time, every thread: best {min(cpu[name]):.2f} s")
    for name, target in TARGET_RATIOS.items():
        ratio = min(times[name]) / min(times["spaCy"])
        verdict = "within" if ratio <= target else "over"
        print(f"ratio reader --model {name} / spaCy: {ratio:.2f}x (best/best; target <= {target}x: {verdict});"
              f" in CPU time {min(cpu[name]) / min(cpu['spaCy']):.2f}x")


def _bare_spacy(spacy, names: tuple[str, ...]):
    """The same model as reader's, loaded by spaCy alone with its default pipeline."""
    for name in names:
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    sys.exit(f"none of the models {', '.join(names)} is installed")


def startup() -> None:
    """Time the start of new processes: `reader --help` and importing the CLI module."""
    reader_script = Path(sys.executable).parent / "reader"
    reader_command = [str(reader_script)] if reader_script.exists() else [sys.executable, "-m", "reader"]
    commands = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        'python -c "import reader.cli"': [sys.executable, "-c", "import reader.cli"],
        "reader --help": [*reader_command, "--help"],
    }
    for name, command in commands.items():
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        print(f"start-up, {name}: best {min(times):.3f} s, median {statistics.median(times):.3f} s")


def memory(eval_dir: Path) -> None:
    """Peak memory of analysing the dev articles joined into one text, against bare spaCy's on it as one document."""
    figures = {}
    for who in ("reader", "spacy"):
        child = subprocess.run(
            [sys.executable, __file__, "--eval", str(eval_dir), "--memory-child", who],
            check=True,
            capture_output=True,
            text=True,
        )
        figures[who] = json.loads(child.stdout)
    reader, spacy = figures["reader"], figures["spacy"]
    print(
        f"memory, one {reader['characters']:,}-character text ({reader['sentences']:,} sentences): reader peak RSS "
        f"{reader['peak_mb']:.0f} MB ({reader['model_mb']:.0f} MB after loading the model; "
        f"analysis {reader['seconds']:.1f} s); "
        f"bare spaCy nlp(text) {spacy['peak_mb']:.0f} MB "
        f"({spacy['model_mb']:.0f} MB after loading; {spacy['seconds']:.1f} s)"
    )
    print(f"memory ratio reader/spaCy: {reader['peak_mb'] / spacy['peak_mb']:.2f}x (peak against peak)")


def _memory(paths: list[Path], who: str) -> dict:
    from reader import nlp
    from reader.analysis import analyze
    from reader.model import Article

    text = "\n\n".join(path.read_text(encoding="utf-8").strip() for path in paths)
    pipeline = nlp.pipeline()
    model_mb = _peak_rss_mb()
    started = time.perf_counter()
    if who == "reader":
        sentences = len(analyze(Article(text, None, "joined dev articles")).sentences)
    else:
        pipeline.max_length = max(pipeline.max_length, len(text) + 1)
        sentences = len(list(pipeline(text).sents))
    seconds = time.perf_counter() - started
    return {
        "characters": len(text),
        "sentences": sentences,
        "model_mb": model_mb,
        "peak_mb": _peak_rss_mb(),
        "seconds": seconds,
    }


def jobs(paths: list[Path], rounds: int) -> None:
    """`reader analyze --jobs 2` against `--jobs 1` over many articles: throughput, and the same bytes out."""
    if not paths:
        sys.exit("no PolNeAR train articles to run")
    reader_script = Path(sys.executable).parent / "reader"
    command = [str(reader_script)] if reader_script.exists() else [sys.executable, "-m", "reader"]
    times: dict[int, list[float]] = {1: [], 2: []}
    outputs: dict[int, bytes] = {}
    for round_number in range(rounds):
        for count in (1, 2) if round_number % 2 == 0 else (2, 1):
            started = time.perf_counter()
            done = subprocess.run([*command, "analyze", "--format", "jsonl", "--jobs", str(count), *map(str, paths)],
                                  capture_output=True, check=False)
            times[count].append(time.perf_counter() - started)
            outputs[count] = done.stdout
    characters = sum(path.stat().st_size for path in paths)
    for count, seconds in times.items():
        best = min(seconds)
        print(f"reader analyze --jobs {count}: {len(paths)} articles in best {best:.1f} s "
              f"({characters / best / 1000:.0f} kB/s; rounds {_seconds(seconds)})")
    print(f"throughput --jobs 2 / --jobs 1: {min(times[1]) / min(times[2]):.2f}x; "
          f"same bytes out: {outputs[1] == outputs[2]}")


def _peak_rss_mb() -> float:
    # Linux carries ru_maxrss over from the parent through fork and exec; VmHWM starts afresh.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 2**10)


def _seconds(times: list[float]) -> str:
    return ", ".join(f"{seconds:.2f}" for seconds in times)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
