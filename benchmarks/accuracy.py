"""How well the analysis labels sentences, finds quotes and speakers, entities and figures.

Reads ../shared/eval (never copied into the repo). Usage: python benchmarks/accuracy.py [--eval DIR]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
CHECKED_ENTITIES = Path(__file__).resolve().parents[1] / "tests" / "data" / "entities_checked.json"
CHECKED_ENTITIES_TRAIN = CHECKED_ENTITIES.with_name("entities_checked_train.json")


def seed(eval_dir: Path, model: str) -> None:
    """Seed article: sentence labels (17 of its 18 scored, one is ambiguous), every listed entity and figure found."""
    from reader.analysis import analyze
    from reader.model import Article
    from reader.resources import sample_article

    gold = json.loads((eval_dir / "seed_gold.json").read_text(encoding="utf-8"))
    path = sample_article()
    text = path.read_bytes().decode("utf-8")
    analysis = analyze(Article(text, text.split("\n", 1)[0], str(path)), model=model)
    print("== seed:", path.name)
    scored = right = 0
    pairs = []
    for prefix, expected in gold["sentences"]:
        sentence = next((s for s in analysis.sentences if s.text.startswith(prefix)), None)
        got = sentence.label if sentence else "(no sentence)"
        if expected == "ambiguous":
            print(f"  skip   {got:9} {prefix[:60]}")
            continue
        allowed = expected if isinstance(expected, list) else [expected]
        scored += 1
        right += got in allowed
        pairs.append((allowed[0] if got not in allowed else got, got))
        mark = "ok " if got in allowed else "BAD"
        print(f"  {mark}    {got:9} {prefix[:60]}  (gold {'/'.join(allowed)})")
    print(f"sentences right: {right}/{scored}")
    _print_confusion(pairs, ["reported", "quote", "opinion"])
    for kind, names in gold["entities"].items():
        missing = [name for name in names if not _seed_entity_found(analysis, kind, name)]
        print(f"entities {kind}: {len(names) - len(missing)}/{len(names)} found"
              + (f", missing {missing}" if missing else ""))
    found_figures = [f.text for f in analysis.figures]
    missing = [text for text in gold["figures"] if not any(text in found for found in found_figures)]
    print(f"figures: {len(gold['figures']) - len(missing)}/{len(gold['figures'])} found"
          + (f", missing {missing}" if missing else ""))


def subjectivity(eval_dir: Path, split: str, model: str) -> None:
    """CheckThat! subjectivity: opinion = SUBJ; per-class P/R/F1, confusion, macro-F1."""
    import csv

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from reader.analysis import classify

    with open(eval_dir / "subjectivity" / f"{split}_en.tsv", newline="", encoding="utf-8") as file:
        # Dev has rows without the last column, so read every row as it comes.
        rows = list(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    lines = [row[1] for row in rows]
    gold = ["SUBJ" if row[2] == "SUBJ" else "OBJ" for row in rows]
    print(f"== subjectivity ({split}): {len(rows)} sentences, {gold.count('SUBJ')} SUBJ")
    guess = ["SUBJ" if sentence.label == "opinion" else "OBJ" for sentence in classify(lines, model)]
    _print_subjectivity(f"reader (opinion model: {model})", gold, guess)
    analyzer = SentimentIntensityAnalyzer()
    # VADER's own convention: |compound| below 0.05 is neutral, so read it as objective.
    vader = ["SUBJ" if abs(analyzer.polarity_scores(line)["compound"]) >= 0.05 else "OBJ" for line in lines]
    _print_subjectivity("VADER alone (baseline)", gold, vader)


def _print_subjectivity(name: str, gold: list[str], guess: list[str]) -> None:
    """Per-class P/R/F1, the confusion table and macro-F1 of one subjectivity classifier."""
    print(f"-- {name}")
    f1s = []
    for cls in ("SUBJ", "OBJ"):
        pairs = [(g == cls, p == cls) for g, p in zip(gold, guess, strict=True)]
        _print_prf(cls, pairs)
        f1s.append(_prf(pairs)[2])
    _print_confusion(list(zip(gold, guess, strict=True)), ["SUBJ", "OBJ"])
    print(f"macro-F1 {sum(f1s) / 2:.3f}")


def attribution(eval_dir: Path, split: str) -> None:
    """PolNeAR: quote F1, attributed F1, speaker accuracy, as ../shared/eval/README.md scores them."""
    from reader.analysis import analyze_many
    from reader.model import Article

    folder = eval_dir / "attribution" / split
    names = sorted(path.stem for path in (folder / "text").glob("*.txt"))
    # Offsets in the .ann files index the .txt decoded as UTF-8, byte for byte.
    articles = [Article((folder / "text" / f"{name}.txt").read_bytes().decode("utf-8"), None, name)
                for name in names]
    rows = []
    for name, analysis in zip(names, analyze_many(articles), strict=True):
        gold = _polnear_attributions((folder / "attributions" / f"{name}.ann").read_text(encoding="utf-8"))
        quoted = _quoted_regions(analysis.article.text)
        for sentence in analysis.sentences:
            rows.append((name, sentence, *_gold_sentence(sentence, gold, quoted)))
    print(f"== attribution (PolNeAR {split}): {len(names)} articles, {len(rows)} sentences")
    _print_prf("quote", [(g == "quote", s.label == "quote") for _, s, g, _ in rows])
    _print_prf("attributed", [(g != "none", _predicted_attributed(s)) for _, s, g, _ in rows])
    speakers = [(_speaker_right(s, gold_sources)) for _, s, g, gold_sources in rows
                if g != "none" and gold_sources and _predicted_attributed(s)]
    everyone = sum(1 for _, s, g, gold_sources in rows if g != "none" and gold_sources)
    print(f"speaker accuracy: {sum(speakers) / max(len(speakers), 1):.3f} "
          f"({sum(speakers)}/{len(speakers)} sentences attributed in gold and prediction, gold source known;"
          f" {sum(speakers) / max(everyone, 1):.3f} of all {everyone} gold attributed with a source)")
    print(f"speaker of all gold-sourced: {sum(speakers) / max(everyone, 1):.3f} ({sum(speakers)}/{everyone}:"
          f" right speaker over every sentence attributed in gold with a source, predicted or not)")
    _print_confusion([(g, _predicted_category(s)) for _, s, g, _ in rows], ["quote", "attributed", "none"])
    texts = {name: article.text for name, article in zip(names, articles, strict=True)}
    quoted_rows = [(name, s, sources) for name, s, g, sources in rows if g == "quote" and sources]
    right = [_speaker_right(s, sources) for _, s, sources in quoted_rows]
    print(f"quote speaker: {sum(right) / max(len(right), 1):.3f} ({sum(right)}/{len(right)} sentences gold calls"
          " quote with a gold source, reader's source span overlapping it)")
    named = [(s, _capitalised(" ".join(texts[name][a:b] for a, b in sources))) for name, s, sources in quoted_rows]
    shown = [bool(gold & _capitalised(_shown(s))) for s, gold in named if gold]
    print(f"name shown: {sum(shown) / max(len(shown), 1):.3f} ({sum(shown)}/{len(shown)} of those whose gold source"
          " holds a capitalised name: the name reader shows shares one of its capitalised words)")
    halves = {"even": names[0::2], "odd": names[1::2]}
    for half, members in halves.items():
        subset = [row for row in rows if row[0] in set(members)]
        quote = _f1([(g == "quote", s.label == "quote") for _, s, g, _ in subset])
        attributed = _f1([(g != "none", _predicted_attributed(s)) for _, s, g, _ in subset])
        spoken = [_speaker_right(s, gs) for _, s, g, gs in subset if g != "none" and gs and _predicted_attributed(s)]
        print(f"  {half} half ({len(members)} articles): quote F1 {quote:.3f}, attributed F1 {attributed:.3f},"
              f" speaker {sum(spoken) / max(len(spoken), 1):.3f}")


def entities(eval_dir: Path) -> None:
    """Entities on the hand-checked PolNeAR articles (tests/data/entities_checked*.json), dev and train: entity
    precision (the names listed that are entities of the article), kind right (of those, the kind shown is the
    true one) and precision per kind."""
    from reader.analysis import analyze_many
    from reader.model import Article

    for split, checked_file in (("dev", CHECKED_ENTITIES), ("train", CHECKED_ENTITIES_TRAIN)):
        checked = json.loads(checked_file.read_text(encoding="utf-8"))["articles"]
        folder = eval_dir / "attribution" / split / "text"
        names = sorted(checked)
        articles = [Article((folder / name).read_bytes().decode("utf-8"), None, name) for name in names]
        tally: dict[str, list[int]] = {kind: [0, 0] for kind in ("person", "org", "place")}
        listed = real = right = 0
        wrong = []
        for name, analysis in zip(names, analyze_many(articles), strict=True):
            for entity in analysis.entities:
                truth = checked[name].get(entity.name, "unchecked")
                listed += 1
                real += truth not in ("none", "unchecked")
                right += truth == entity.kind
                if entity.kind in tally:
                    tally[entity.kind][0] += truth == entity.kind
                    tally[entity.kind][1] += 1
                if truth != entity.kind:
                    wrong.append(f"  {entity.kind:6} {entity.name!r} is {truth}  ({name[:40]})")
        print(f"== entities (PolNeAR {split}, {len(names)} hand-checked articles)")
        print("\n".join(wrong))
        print(f"entity precision {real / max(listed, 1):.3f} ({real}/{listed}), kind right {right / max(real, 1):.3f}"
              f" ({right}/{real})")
        for kind, (kind_right, shown) in tally.items():
            print(f"{kind:6} precision {kind_right / max(shown, 1):.3f} ({kind_right}/{shown})")


_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Curly and straight double quotes, and two apostrophes (as the NYT texts write them); a paragraph break ends a quote.
_QUOTE_MARK = re.compile(r"[\"“”]|''|\n\s*\n")


def _seed_entity_found(analysis, kind: str, name: str) -> bool:
    """Whether an entity of `kind` goes by `name` (as its name or an alias)."""
    wanted = name.casefold()
    return any(entity.kind == kind and wanted in {n.casefold() for n in [entity.name, *entity.aliases]}
               for entity in analysis.entities)


def _polnear_attributions(ann: str) -> list[dict[str, list[tuple[int, int]]]]:
    """The attributions of one brat .ann file: role (Source, Cue, Content) -> character spans."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in ann.splitlines():
        # A span's text may hold a line break, so its second line is no annotation of its own.
        if re.match(r"T\d+\t", line):
            ident, kind_and_offsets, _ = line.split("\t", 2)
            offsets = kind_and_offsets.split(" ", 1)[1]
            spans[ident] = [tuple(map(int, part.split())) for part in offsets.split(";")]
    found = []
    for line in ann.splitlines():
        if re.match(r"E\d+\t", line):
            roles: dict[str, list[tuple[int, int]]] = {}
            for argument in line.split("\t")[1].split():
                role, ident = argument.split(":")
                role = role.rstrip("0123456789")
                roles.setdefault(role, []).extend(spans.get(ident, []))
            found.append(roles)
    return found


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Stretches between quotation marks, counting marks paragraph by paragraph (independent of reader)."""
    regions, opened = [], None
    for match in _QUOTE_MARK.finditer(text):
        mark = match.group()
        if mark.strip() == "":
            if opened is not None:
                regions.append((opened, match.start()))
            opened = None
        elif opened is None and mark != "”":
            opened = match.end()
        elif opened is not None and mark != "“":
            regions.append((opened, match.start()))
            opened = None
    if opened is not None:
        regions.append((opened, len(text)))
    return regions


def _gold_sentence(sentence, gold, quoted) -> tuple[str, list[tuple[int, int]]]:
    """The gold category of a sentence (quote, attributed, none) and the Source spans of its attributions."""
    words = [(m.start() + sentence.start, m.end() + sentence.start) for m in _WORD.finditer(sentence.text)]
    contents = [span for roles in gold for span in roles.get("Content", [])]
    quoted_words = [w for w in words if _inside(w, contents) and _inside(w, quoted)]
    mine = [roles for roles in gold
            if any(s < sentence.end and e > sentence.start for s, e in roles.get("Cue", []))
            or sum(_inside(w, roles.get("Content", [])) for w in words) >= 3]
    sources = [span for roles in mine for span in roles.get("Source", [])]
    if words and len(quoted_words) >= len(words) / 2:
        return "quote", sources
    return ("attributed" if mine else "none"), sources


def _inside(word: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= word[0] and word[1] <= end for start, end in spans)


def _predicted_attributed(sentence) -> bool:
    return sentence.label == "quote" or sentence.attribution is not None


def _predicted_category(sentence) -> str:
    if sentence.label == "quote":
        return "quote"
    return "attributed" if sentence.attribution is not None else "none"


def _speaker_right(sentence, gold_sources: list[tuple[int, int]]) -> bool:
    source = sentence.attribution.speaker if sentence.attribution else None
    return source is not None and any(s < source.end and e > source.start for s, e in gold_sources)


# Capitalised words that name nobody: titles, parties, pronouns and the other words a sentence or a phrase opens
# with, and the "Transcript" PolNeAR gives as the source of a transcript's lines.
_NOT_NAMES = {
    "he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "who", "transcript", "partial",
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "lt", "gen", "col", "rev", "sgt", "capt", "president",
    "senator", "representative", "governor", "secretary", "speaker", "leader", "chairman", "chairwoman", "judge",
    "democrat", "democrats", "democratic", "republican", "republicans", "gop", "the", "a", "an", "his", "her",
    "their", "its", "our", "both", "two", "some", "many", "other", "former", "top", "senior", "state", "house",
}


def _capitalised(text: str) -> set[str]:
    """The capitalised words of a source that could name someone, ignoring titles, parties and openers."""
    words = {word.strip("’'.").casefold() for word in re.findall(r"\b[A-Z][\w’'.-]*", text)}
    return {word for word in words if word and word not in _NOT_NAMES}


def _shown(sentence) -> str:
    """The speaker reader shows for a sentence: the entity's name, else the words that name them."""
    source = sentence.attribution.speaker if sentence.attribution else None
    return "" if source is None else source.name or source.text


def _f1(pairs: list[tuple[bool, bool]]) -> float:
    return _prf(pairs)[2]


def _prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of (gold, predicted) yes/no pairs."""
    both = sum(1 for gold, predicted in pairs if gold and predicted)
    precision = both / max(sum(1 for _, predicted in pairs if predicted), 1)
    recall = both / max(sum(1 for gold, _ in pairs if gold), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def _print_prf(name: str, pairs: list[tuple[bool, bool]]) -> None:
    precision, recall, f1 = _prf(pairs)
    gold = sum(1 for g, _ in pairs if g)
    print(f"{name:11} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  (gold {gold})")


def _print_confusion(pairs: list[tuple[str, str]], classes: list[str]) -> None:
    """Gold classes down, predicted across."""
    print("gold \\ predicted " + " ".join(f"{c:>10}" for c in classes))
    for gold in classes:
        counts = [sum(1 for g, p in pairs if g == gold and p == predicted) for predicted in classes]
        print(f"{gold:>17} " + " ".join(f"{n:>10}" for n in counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--only", choices=["seed", "subjectivity", "attribution", "entities"], help="run one part")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="the split to report (default: dev)")
    parser.add_argument("--model", default="learned", choices=["learned", "rules"], help="how opinion is scored")
    args = parser.parse_args()
    if args.only in (None, "seed"):
        seed(args.eval, args.model)
    if args.only in (None, "subjectivity"):
        subjectivity(args.eval, args.split, args.model)
    if args.only in (None, "attribution"):
        attribution(args.eval, args.split)
    if args.only in (None, "entities"):
        entities(args.eval)


if __name__ == "__main__":
    main()
