"""The learned opinion model: a fine-tuned MiniLM in ONNX that scores sentences on the CPU, without torch.

The model (`opinion_model/model.onnx`, int8) reads a sentence and returns its log-odds of being the author's
opinion; `stack.txt` weighs those log-odds against the hand features of `opinion.py` (which combines them),
so that every cue's push on the score can still be shown. Both are fitted by training/opinion.py;
nothing loads at import time.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

FOLDER = files("reader.analysis").joinpath("opinion_model")
# The model was fine-tuned on sentences cut to 64 tokens; longer ones are cut the same way here.
MAX_TOKENS = 64


class SentenceModel:
    """An ONNX sentence classifier with its tokenizer: the log-odds that each sentence is an opinion."""

    def __init__(self, folder: Traversable = FOLDER, threads: int = 1):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Spinning threads would busy-wait on a core the interface and spaCy need between sentences.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            folder.joinpath("model.onnx").read_bytes(), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_str(folder.joinpath("tokenizer.json").read_text(encoding="utf-8"))
        # Padding to a fixed length would average the padding into the sentence and run several times slower.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)

    def log_odds(self, texts: Sequence[str]) -> list[float]:
        """The model's log-odds, per text, that it is the author's opinion (above 0: more likely than not).

        Each text runs on its own: the int8 model scales its activations over the whole input, so in a batch a
        sentence's score moved with its neighbours (by up to 0.4 log-odds), and batching gained no speed.
        """
        import numpy

        scores = []
        for encoding in self._tokenizer.encode_batch(list(texts)):
            ids = numpy.array([encoding.ids], dtype=numpy.int64)
            (output,) = self._session.run(None, {"input_ids": ids, "attention_mask": numpy.ones_like(ids)})
            scores.append(float(output[0]))
        return scores


@functools.cache
def load(threads: int = 1) -> SentenceModel:
    """The shipped model, loaded once per process (about 0.3 s)."""
    return SentenceModel(FOLDER, threads)


@dataclass(frozen=True)
class Stack:
    """The logistic regression that stacks the model's log-odds with the hand features."""

    bias: float
    model: float
    weights: dict[str, float]

    @classmethod
    def parse(cls, text: str) -> Stack:
        """Read a stack file: lines of `name weight` (`bias`, `model`, then one per feature), `#` for comments."""
        weights = {}
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                name, value = line.split()
                weights[name] = float(value)
        return cls(weights.pop("bias"), weights.pop("model"), weights)


@functools.cache
def stack() -> Stack:
    """The shipped stack weights."""
    return Stack.parse(FOLDER.joinpath("stack.txt").read_text(encoding="utf-8"))
