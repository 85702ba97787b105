"""The Markdown report of an analysis: every sentence with its label and reasons, then the people and figures."""

from __future__ import annotations

import re
from collections import Counter

from reader.model import LABELS, Analysis, Cue, Sentence

# Article text is data: characters Markdown would read as formatting are escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def markdown(analysis: Analysis) -> str:
    """A readable Markdown report of one analysis."""
    article = analysis.article
    lines = [f"# {_escape(article.title or article.origin)}", ""]
    lines.append(f"Speaker: {_escape(article.origin)}  ")
    if article.author:
        lines.append(f"Author: {_escape(article.author)}  ")
    if article.date:
        lines.append(f"Date: {_escape(article.date)}  ")
    counts = Counter(sentence.label for sentence in analysis.sentences)
    tally = ", ".join(f"{counts[label]} {label}" for label in LABELS)
    lines += [f"Sentences: {len(analysis.sentences)} ({tally})", ""]

    lines += ["## Sentences", ""]
    paragraph = None
    for sentence in analysis.sentences:
        if paragraph is not None and sentence.paragraph != paragraph:
            lines.append("")
        paragraph = sentence.paragraph
        lines += _sentence(sentence)
    lines.append("")

    lines += ["## Quotes", ""]
    for quote in analysis.quotes:
        speaker = (quote.speaker.name or quote.speaker.text) if quote.speaker else "unknown speaker"
        lines.append(f"- {_escape(speaker)}: {_escape(_one_line(quote.text))}")
    if not analysis.quotes:
        lines.append("None found.")
    lines.append("")

    lines += ["## Entities", ""]
    if analysis.entities:
        lines += ["| Name | Kind | Also called | Mentions |", "| --- | --- | --- | ---: |"]
        for entity in analysis.entities:
            aliases = ", ".join(_escape(alias) for alias in entity.aliases)
            lines.append(f"| {_escape(entity.name)} | {entity.kind} | {aliases} | {len(entity.mentions)} |")
    else:
        lines.append("None found.")
    lines.append("")

    lines += ["## Figures", ""]
    if analysis.figures:
        lines += ["| Figure | Kind | Value | Unit | Sentence |", "| --- | --- | ---: | --- | ---: |"]
        for figure in analysis.figures:
            lines.append(
                f"| {_escape(figure.text)} | {figure.kind} | {_escape(_value(figure.value))} "
                f"| {_escape(figure.unit or '')} | {figure.sentence_id + 1} |"
            )
    else:
        lines.append("None found.")
    lines.append("")
    return "\n".join(lines)


def _sentence(sentence: Sentence) -> list[str]:
    lines = [f"- **{sentence.label}** {sentence.confidence:.2f} — {_escape(_one_line(sentence.text))}"]
    if sentence.cues:
        lines.append(f"  - cues: {'; '.join(_cue(cue) for cue in sentence.cues)}")
    if sentence.attribution:
        source = sentence.attribution.speaker
        who = (source.name or source.text) if source else "unnamed source"
        lines.append(f"  - attributed to {_escape(who)} by “{_escape(sentence.attribution.cue.text)}”")
    return lines


def _cue(cue: Cue) -> str:
    return f"{cue.kind} “{_escape(cue.text)}”"


def _value(value: float | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
