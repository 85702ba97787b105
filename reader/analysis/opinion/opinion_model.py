"""The learned opinion model: a fine-tuned MiniLM in ONNX that scores sentences on the CPU, without torch.

The model (`opinion_model/model.onnx`, int8) reads a sentence and returns its log-odds of being the author's
opinion; `stack.txt` weighs those log-odds against the hand features of `signals.py` (`scoring.py` combines
them), so that every cue's push on the score can still be shown. Both are fitted by training/opinion.py;
nothing loads at import time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable

from reader.frozen_mapping import FrozenMapping
from reader.resources import Damaged

FOLDER = files("reader.analysis.opinion").joinpath("opinion_model")
WEIGHTS = ("model.onnx", "tokenizer.json", "stack.txt")
"""The files that decide the learned model's scores."""
# The model was fine-tuned on sentences cut to 64 tokens; longer ones are cut the same way here.
MAX_TOKENS = 64
# Scored once as the model loads: a model that can't score it can't score an article.
PROBE = "The council approved the harbour plan on Monday."


class ModelBroken(Damaged):
    """A file of the learned model is missing or damaged; `--model rules` works without it."""

    def __init__(self, file: str, reason: str | Exception) -> None:
        why = reason if isinstance(reason, str) else str(reason) or type(reason).__name__
        self.problem = f"the opinion model's {file} is missing or damaged ({' '.join(why.split())})"
        """What is broken, without what to do about it."""
        super().__init__(f"{self.problem}: reinstall reader, or use --model rules")


class SentenceModel:
    """An ONNX sentence classifier with its tokenizer: the log-odds that each sentence is an opinion."""

    def __init__(self, folder: Traversable = FOLDER, threads: int = 1):
        """Load the model in `folder`; ModelBroken says which of its files is missing or damaged."""
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Spinning threads would busy-wait on a core the interface and spaCy need between sentences.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # The fused kernels of the higher levels are written per instruction set and round differently on each:
        # the same sentence moved by up to 0.15 log-odds between two CPUs, by 0.02 at this level, for 6% more time.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        # From the file, not its bytes: onnxruntime then maps it in, instead of a copy on top of its own.
        try:
            with as_file(folder.joinpath("model.onnx")) as path:
                self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime's own errors, a missing file, a file that is no model
            raise ModelBroken("model.onnx", error) from None
        try:
            self._tokenizer = Tokenizer.from_str(folder.joinpath("tokenizer.json").read_text(encoding="utf-8"))
        except Exception as error:  # tokenizers raises a bare Exception for a file that is not its JSON
            raise ModelBroken("tokenizer.json", error) from None
        # Padding to a fixed length would average the padding into the sentence and run several times slower.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._ahead: dict[str, Future[float]] = {}
        self._thread: ThreadPoolExecutor | None = None
        try:
            probe = self._score(PROBE)
        except Exception as error:  # a model of other inputs, a tokenizer of another model
            raise ModelBroken("model.onnx", error) from None
        if not math.isfinite(probe):
            raise ModelBroken("model.onnx", f"it scores a sentence {probe}")

    def log_odds(self, texts: Sequence[str]) -> list[float]:
        """The model's log-odds, per text, that it is the author's opinion (above 0: more likely than not).

        Each text runs on its own: the int8 model scales its activations over the whole input, so in a batch a
        sentence's score moved with its neighbours (by up to 0.4 log-odds), and batching gained no speed.
        A text scored ahead (see `ahead`) is taken from there: the same score, worked out on another core.
        """
        return [self._claimed(text) for text in texts]

    @contextlib.contextmanager
    def ahead(self, texts: Iterable[str]) -> Iterator[None]:
        """Within the block, score `texts` on a thread of their own, while this one does something else (spaCy).

        `log_odds` then takes a text's score from that thread: waiting for it when that thread is on it, working it
        out itself when that thread has not got to it. What is not asked for by the end of the block is dropped.
        """
        with ThreadPoolExecutor(1, thread_name_prefix="reader sentence model") as thread:
            self._thread = thread
            self.also_ahead(texts)
            try:
                yield
            finally:
                self._thread = None
                for future in self._ahead.values():
                    future.cancel()
                self._ahead.clear()

    def also_ahead(self, texts: Iterable[str]) -> None:
        """Within an `ahead` block, score `texts` too on its thread, after what it has been given; else nothing."""
        if self._thread is not None:
            for text in texts:
                if text not in self._ahead:
                    self._ahead[text] = self._thread.submit(self._score, text)

    def only_ahead(self, texts: Iterable[str]) -> None:
        """Within an `ahead` block, score `texts` on its thread, dropping what it was given before and has not begun
        unless it is one of them: once the analysis knows what it will ask for, guesses only hold the thread up."""
        wanted = list(texts)
        keep = set(wanted)
        for text, future in list(self._ahead.items()):
            if text not in keep and future.cancel():
                del self._ahead[text]
        self.also_ahead(wanted)

    def _claimed(self, text: str) -> float:
        future = self._ahead.pop(text, None)
        if future is None or future.cancel():
            return self._score(text)
        return future.result()

    def _score(self, text: str) -> float:
        import numpy

        ids = numpy.array([self._tokenizer.encode(text).ids], dtype=numpy.int64)
        (output,) = self._session.run(None, {"input_ids": ids, "attention_mask": numpy.ones_like(ids)})
        return float(output[0])


@functools.cache
def load(threads: int = 1) -> SentenceModel:
    """The shipped model, loaded once per process (about 0.3 s)."""
    return SentenceModel(FOLDER, threads)


def fingerprint() -> str:
    """Which weights score opinion, for a bug report: the start of what `sha256sum WEIGHTS | sha256sum` prints, or
    which of them can't be read (a report is most wanted when reader is broken)."""
    listing = []
    for name in WEIGHTS:
        try:
            with as_file(FOLDER.joinpath(name)) as path, open(path, "rb") as file:
                listing.append(f"{hashlib.file_digest(file, 'sha256').hexdigest()}  {name}\n")
        except OSError as error:
            return f"{name} cannot be read ({error.strerror or error})"
    return hashlib.sha256("".join(listing).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Stack:
    """The logistic regression that stacks the model's log-odds with the hand features."""

    bias: float
    model: float
    weights: FrozenMapping[str, float]

    @classmethod
    def parse(cls, text: str) -> Stack:
        """Read a stack file: lines of `name weight` (`bias`, `model`, then one per feature), `#` for comments;
        ValueError says what is wrong with one that is not."""
        weights = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.startswith("#"):
                try:
                    name, value = line.split()
                    weight = float(value)
                except ValueError:
                    raise ValueError(f"line {number} is not a name and a weight") from None
                if not math.isfinite(weight):
                    raise ValueError(f"line {number} weighs {name} {value}")
                weights[name] = weight
        missing = [name for name in ("bias", "model") if name not in weights]
        if missing:
            raise ValueError(f"no {' or '.join(missing)} weight")
        return cls(weights.pop("bias"), weights.pop("model"), FrozenMapping(weights))


@functools.cache
def stack() -> Stack:
    """The shipped stack weights; ModelBroken when their file is missing or damaged."""
    try:
        return Stack.parse(FOLDER.joinpath("stack.txt").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ModelBroken("stack.txt", error) from None
