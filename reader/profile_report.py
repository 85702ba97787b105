"""The profile in words: plain text for a terminal, Markdown for a note; both with a bar for each label's share."""

from __future__ import annotations

from collections.abc import Mapping

from reader.control import clean_text
from reader.markdown import escape, escape_lines
from reader.model import LABELS, Label
from reader.profile import WORDS_PER_MINUTE, Profile, VoiceShare

BAR_WIDTH = 20
"""The characters of a whole bar: a label with every sentence of the article."""

SHOWN_CUES = 10
"""The most loaded words listed (the JSON has them all)."""

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar `fraction` of `width` long, to an eighth of a character."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    whole, part = divmod(eighths, 8)
    return "█" * whole + (_EIGHTHS[part] if part else "")


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def percent(part: int, whole: int) -> str:
    return f"{round(100 * share(part, whole))} %"


def reading_time(profile: Profile) -> str:
    """How long the article takes to read, and how that was worked out."""
    minutes = profile.reading_minutes
    return (f"about {minutes} minute{'s' if minutes != 1 else ''} ({profile.total_words} words at"
            f" {WORDS_PER_MINUTE} words a minute)")


def voice_name(voice: VoiceShare) -> str:
    return " ".join(clean_text(voice.name).split()) if voice.name else "someone not named"


def voice_counts(voice: VoiceShare) -> str:
    """`quoted 2 (40 % of quoted words) · cited 1`."""
    counts = []
    if voice.quoted:
        counts.append(f"quoted {voice.quoted} ({round(100 * voice.share)} % of quoted words)")
    if voice.cited:
        counts.append(f"cited {voice.cited}")
    return " · ".join(counts)


def unnamed_line(profile: Profile) -> str:
    """How many claims rest on sources the article does not name."""
    claims = profile.unnamed_claims
    return f"{claims} claim{'s' if claims != 1 else ''} rest{'s' if claims == 1 else ''} on unnamed sources"


def figures_line(profile: Profile) -> str:
    return f"{profile.figures} figure{'s' if profile.figures != 1 else ''}, {profile.unsourced_figures} unsourced"


def shown_cues(profile: Profile) -> list[tuple[str, int]]:
    """The loaded words worth listing: the recurring ones, else the first few."""
    return list(profile.recurring_cues or profile.opinion_cues)[:SHOWN_CUES]


def text(profile: Profile) -> str:
    """The profile as plain text for a terminal (outside text cleaned, on one line each)."""
    where = f"{_flat(profile.source)} · reading time {reading_time(profile)}"
    lines = [_flat(profile.title or profile.source), where, ""]
    lines += _label_rows("Sentences", profile.sentences, profile.total_sentences) + [""]
    lines += _label_rows("Words", profile.words, profile.total_words)
    lines += ["", f"Voices ({len(profile.voices)}; {unnamed_line(profile)})"]
    width = max((len(voice_name(voice)) for voice in profile.voices), default=0)
    lines += [f"  {voice_name(voice):<{width}}  {voice.kind:<12}  {voice_counts(voice)}" for voice in profile.voices]
    if not profile.voices:
        lines.append("  nobody is quoted or cited")
    lines += ["", f"Figures: {figures_line(profile)}", "", _cues_line(profile), ""]
    first = profile.first_opinion
    if first is None:
        lines.append("First opinion: none")
    else:
        lines.append(f"First opinion (sentence {first.number}): {_flat(first.text)}")
    return "\n".join(lines) + "\n"


def _label_rows(title: str, counts: Mapping[Label, int], total: int) -> list[str]:
    rows = [f"{title} ({total})"]
    for label in LABELS:
        count = counts[label]
        rows.append(f"  {label:<8} {count:>5} {percent(count, total):>6}  {bar(share(count, total))}".rstrip())
    return rows


def _cues_line(profile: Profile) -> str:
    cues = shown_cues(profile)
    if not cues:
        return "Loaded words: none"
    title = "Loaded words that recur" if profile.recurring_cues else "Loaded words"
    return f"{title}: " + ", ".join(f"{_flat(word)} ×{count}" for word, count in cues)


def markdown(profile: Profile, level: int = 1) -> str:
    """The profile as Markdown, its heading at `level`; outside text escaped. Below the top level (inside a notes
    export, under the article's own title) the heading is `Profile` alone."""
    top, sub = "#" * level, "#" * (level + 1)
    named = f": {_escape(profile.title or profile.source)}" if level == 1 else ""
    lines = [f"{top} Profile{named}", ""]
    lines += [f"- Source: {_escape(profile.source)}", f"- Reading time: {reading_time(profile)}", ""]
    lines += ["| Label | Sentences | % | Words | % | |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for label in LABELS:
        sentences, words = profile.sentences[label], profile.words[label]
        lines.append(f"| {label} | {sentences} | {percent(sentences, profile.total_sentences)} | {words}"
                     f" | {percent(words, profile.total_words)} | {bar(share(words, profile.total_words))} |")
    lines += ["", f"{sub} Voices", ""]
    if profile.voices:
        lines += ["| Voice | Kind | Quoted | Cited | Share of quoted words |", "| --- | --- | ---: | ---: | ---: |"]
        lines += [f"| {_escape(voice_name(voice))} | {voice.kind} | {voice.quoted} | {voice.cited}"
                  f" | {round(100 * voice.share)} % |" for voice in profile.voices]
        lines.append("")
    else:
        lines += ["Nobody is quoted or cited.", ""]
    lines += [f"{unnamed_line(profile).capitalize()}.", "", f"{sub} Figures", "", f"{figures_line(profile)}.", ""]
    lines += [f"{sub} Loaded words", ""]
    cues = shown_cues(profile)
    lines += [f"- {_escape(word)} ×{count}" for word, count in cues] or ["None found."]
    lines += ["", f"{sub} First opinion", ""]
    first = profile.first_opinion
    if first is None:
        lines.append("None: no sentence is labelled opinion.")
    else:
        lines.append(f"Sentence {first.number}:")
        lines.append("")
        lines += [f"> {line}" if line else ">" for line in escape_lines(clean_text(" ".join(first.text.split())))]
    return "\n".join(lines) + "\n"


def _flat(outside: str) -> str:
    """Outside text on one line, without control characters."""
    return " ".join(clean_text(outside).split())


def _escape(outside: str) -> str:
    return escape(_flat(outside))
