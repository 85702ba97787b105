"""A comparison in words, as plain text or Markdown: the two articles in brief, the claims both make, who and what each
has alone, the figures that differ."""

from __future__ import annotations

from reader.compare import Comparison, Split
from reader.control import clean_text
from reader.markdown import escape
from reader.model import LABELS, Label
from reader.profile import Profile
from reader.profile_report import figures_line, percent, unnamed_line

EXCERPT = 160
"""The most characters of a sentence shown in the table of claims."""


def markdown(comparison: Comparison) -> str:
    """The comparison as Markdown; outside text escaped."""
    a, b = comparison.a, comparison.b
    lines = [f"# Compared: {_escape(a.title or a.source)} / {_escape(b.title or b.source)}", ""]
    lines += ["| | A | B |", "| --- | --- | --- |"]
    lines += [f"| Source | {_escape(a.source)} | {_escape(b.source)} |"]
    lines += [f"| Sentences | {a.total_sentences} | {b.total_sentences} |",
              f"| Words | {a.total_words} | {b.total_words} |"]
    lines += [f"| {label} | {_label_share(a, label)} | {_label_share(b, label)} |" for label in LABELS]
    lines += [f"| Voices | {len(a.voices)}; {unnamed_line(a)} | {len(b.voices)}; {unnamed_line(b)} |",
              f"| Figures | {figures_line(a)} | {figures_line(b)} |", ""]
    lines += ["## Claims both make", ""]
    if comparison.pairs:
        lines += ["| A | B | Alike |", "| --- | --- | ---: |"]
        lines += [f"| {pair.a.number}. {_excerpt(pair.a.text)} | {pair.b.number}. {_excerpt(pair.b.text)}"
                  f" | {pair.score:.2f} |" for pair in comparison.pairs]
    else:
        lines.append("None found: the two tell different stories, or one story in other words (reader pairs only"
                     " claims told in much the same words).")
    lines += ["", "## Voices", ""] + _split(comparison.voices)
    lines += ["## Names", ""] + _split(comparison.entities)
    lines += ["## Figures that differ", ""]
    if comparison.figures_differ:
        lines += ["| About | A | B |", "| --- | --- | --- |"]
        lines += [f"| {_escape(found.about)} | {_escape(found.a.text)} (sentence {found.pair.a.number})"
                  f" | {_escape(found.b.text)} (sentence {found.pair.b.number}) |"
                  for found in comparison.figures_differ]
    else:
        lines.append("None: the claims both make give the same figures, or none.")
    return "\n".join(lines) + "\n"


def text(comparison: Comparison) -> str:
    """The comparison as plain text for a terminal or a script (outside text cleaned, on one line each)."""
    a, b = comparison.a, comparison.b
    lines = [f"{side}: {_flat(one.title or one.source)} ({_flat(one.source)})" for side, one in (("A", a), ("B", b))]
    lines.append("")
    rows = [("", "A", "B"), ("Sentences", str(a.total_sentences), str(b.total_sentences)),
            ("Words", str(a.total_words), str(b.total_words))]
    rows += [(label, _label_share(a, label), _label_share(b, label)) for label in LABELS]
    rows += [("Voices", str(len(a.voices)), str(len(b.voices))),
             ("Unnamed", _claims(a.unnamed_claims), _claims(b.unnamed_claims)),
             ("Figures", figures_line(a), figures_line(b))]
    width = max(len(row[1]) for row in rows) + 2
    lines += [f"{title:<11}{first:<{width}}{second}".rstrip() for title, first, second in rows]
    lines += ["", f"Claims both make ({len(comparison.pairs)})"]
    for number, pair in enumerate(comparison.pairs, start=1):
        lines += [f"  {number}. A {pair.a.number} / B {pair.b.number}, alike {pair.score:.2f}",
                  f"     A: {_flat(pair.a.text)}", f"     B: {_flat(pair.b.text)}"]
    if not comparison.pairs:
        lines.append("  none found: the two tell different stories, or one story in other words")
    for title, split in (("Voices", comparison.voices), ("Names", comparison.entities)):
        lines += ["", title] + [f"  {where}: {', '.join(_flat(name) for name in names) or 'none'}"
                                for where, names in (("in both", split.both), ("only in A", split.only_a),
                                                     ("only in B", split.only_b))]
    lines += ["", "Figures that differ"]
    lines += [f"  {_flat(found.about)}: {_flat(found.a.text)} in A (sentence {found.pair.a.number}),"
              f" {_flat(found.b.text)} in B (sentence {found.pair.b.number})" for found in comparison.figures_differ]
    if not comparison.figures_differ:
        lines.append("  none")
    return "\n".join(lines) + "\n"


def _label_share(profile: Profile, label: Label) -> str:
    count = profile.sentences[label]
    return f"{count} ({percent(count, profile.total_sentences)})"


def _split(split: Split) -> list[str]:
    return [f"- Both: {_names(split.both)}", f"- Only A: {_names(split.only_a)}", f"- Only B: {_names(split.only_b)}",
            ""]


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(_escape(name) for name in names) or "none"


def _excerpt(text: str) -> str:
    flat = " ".join(clean_text(text).split())
    if len(flat) > EXCERPT:
        flat = flat[:EXCERPT].rsplit(" ", 1)[0] + "…"
    return escape(flat)


def _claims(count: int) -> str:
    return f"{count} claim{'s' if count != 1 else ''}"


def _flat(outside: str) -> str:
    return " ".join(clean_text(outside).split())


def _escape(outside: str) -> str:
    return escape(_flat(outside))
