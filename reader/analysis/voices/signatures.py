"""Words whose speaker a label or a signature names: "WALLACE: …" in a transcript, "Sanders: Clinton Email Story
Has Moved" as a headline gives it, "… — Jane Doe (@jane) May 2, 2016" under a post, "“…” ― Jane A. Doe" closing
a line of quoted words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.model import Attribution, Segment, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "WALLACE: …" or "SEN. JONES: …" opening a paragraph of a transcript.
_SPEAKER_LABEL = re.compile(r"[\"“]?\s*(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):(?:\s|$)")
# An embedded post signs off with a dash, its author's name, the account and the date.
_SIGNATURE = re.compile(
    r"(?P<dash>[-–—―])\s*(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})\s*\(@\w+\)"
    r"(?:\s*[A-Z][a-z]+\.? \d{1,2}, \d{4})?\W*$")
# "Gov. Fallin: Trump Is Trying …": a name of a few capitalised words, a colon, and what they said.
# "Teachers to Governor: Fund the Schools": who speaks, "to", whom they tell.
_NAME_LABEL = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})"
                         r"(?P<to> to [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})?:\s+\S+(?:\s+\S+){2}")
# Words that head a line with a colon without speaking it: "Update: …", "Watch: …".
_HEADINGS = {"update", "updated", "breaking", "exclusive", "watch", "video", "photos", "live", "opinion", "analysis",
             "editorial", "note", "correction", "editor's", "transcript", "read", "listen", "related", "poll", "q",
             "a", "faq", "timeline", "explainer", "review", "report", "fact", "check", "why", "how", "what"}
# A place is where a dateline was written, not a speaker: "WASHINGTON: …".
_PLACES = {"GPE", "LOC", "FAC", "DATE", "TIME"}
# “…” ― Jane A. de Souza: a dash and a name after the closing mark end a line of quoted words, as readers' letters
# and epigraphs sign them. The name's words are capitalised or initials, with a particle between them.
SIGNED_LINE = re.compile(
    r"[”\"’]\s*(?P<dash>[―—])\s*(?P<name>[A-Z](?:[\w’'-]*|\.)(?: (?:[a-z]{1,3} )?[A-Z](?:[\w’'-]*|\.)){0,4})\.?\s*$")
# "- Hillary Clinton." or "-President Obama, tweeting after the speech." alone on a line signs the quoted
# paragraphs above it.
_SIGNING_LINE = re.compile(
    r"\s*[-–—―]\s*(?P<name>[A-Z](?:[\w’'-]*|\.)(?: (?:[a-z]{1,3} )?[A-Z](?:[\w’'-]*|\.)){0,4})\.?"
    r"(?:,\s[^\n]{0,100})?\s*$")
# "[Sanders] should stay in …\nFormer NAACP president Ben Jealous.": a pull quote's last line, inside its closing
# mark, is who said it: a few words, capitalised first, with no mark of their own.
_SIGNED_WITHIN = re.compile(r"(?P<name>[A-Z][^\"“”\n]{1,100}?)[.,]?[\"”]\s*$")
# Quoted words open a paragraph that goes on with a transcript's turn, unless the one before closed its quote.
_OPENING_MARKS = ("\"", "“")
_CLOSING_MARKS = ("\"", "”")
_NAMED = {"PERSON", "ORG"}


def signed(doc: Doc, sentences: list[Segment], text: str) -> dict[int, Attribution]:
    """The attribution of each sentence (by id) that a label or a signature speaks (`text`: the doc's, at hand,
    which `doc.text` would join anew)."""
    found: dict[int, Attribution] = {}
    paragraphs: dict[int, list[Segment]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
        labelled = _name_label(doc, sentence, headline=sentence.paragraph == sentences[0].paragraph)
        if labelled is not None:
            found[sentence.id] = labelled
    transcript = _transcript(paragraphs)
    for number, members in paragraphs.items():
        attribution = transcript.get(number) or _signature(members[-1])
        if attribution is not None:
            found.update((sentence.id, attribution) for sentence in members)
    found.update(_signed_lines(text, sentences))
    found.update(_signed_paragraphs(doc, paragraphs))
    found.update(_signed_within(doc, paragraphs, text))
    return found


def _name_label(doc: Doc, sentence: Segment, headline: bool) -> Attribution | None:
    """The speaker a sentence opens with, a name and a colon, as headlines quote people ("Lee: Council Could
    Impeach Mayor"; "Teachers to Governor: Fund the Schools"). A headline's name may be one the tagger missed."""
    label = _NAME_LABEL.match(sentence.text)
    if label is None:
        return None
    start = sentence.start + label.start("name")
    end = start + len(label.group("name"))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(token.pos_ in ("VERB", "AUX") or token.ent_type_ in _PLACES for token in span) \
            or any(token.lower_ in _HEADINGS for token in span):
        return None
    named = any(token.ent_type_ in _NAMED for token in span)
    if not (named or (headline and (label.group("to") or all(token.pos_ in ("PROPN", "NOUN") for token in span)))):
        return None
    colon = sentence.start + label.end("to" if label.group("to") else "name")
    return Attribution(Speaker(label.group("name"), start, end), Span(":", colon, colon + 1))


def _transcript(paragraphs: dict[int, list[Segment]]) -> dict[int, Attribution]:
    """In a transcript ("WALLACE: …" paragraphs), who speaks each labelled paragraph."""
    labelled = {}
    names = set()
    for number, members in paragraphs.items():
        label = _SPEAKER_LABEL.match(members[0].text)
        if label:
            name_start, colon = members[0].start + label.start("name"), members[0].start + label.end("name")
            labelled[number] = Attribution(Speaker(label.group("name"), name_start, colon), Span(":", colon, colon + 1))
            names.add(label.group("name"))
    # One label could be a heading ("UPDATE:"); a transcript has several.
    if len(names) < 2:
        return {}
    # A paragraph with no label of its own goes on with the turn before it where that one leaves its quote open
    # and it opens with a quotation mark, as a quote running over several paragraphs does.
    turn = None
    for number, members in paragraphs.items():
        if number in labelled:
            turn = labelled[number]
        elif turn is not None and members[0].text.startswith(_OPENING_MARKS):
            labelled[number] = turn
        else:
            turn = None
        if members[-1].text.rstrip().endswith(_CLOSING_MARKS):
            turn = None
    return labelled


def _signed_lines(text: str, sentences: list[Segment]) -> dict[int, Attribution]:
    """The attribution of each sentence (by id) on a line of quoted words that ends with its author's name."""
    found: dict[int, Attribution] = {}
    for sentence in sentences:
        signed = SIGNED_LINE.search(sentence.text)
        line_end = text.find("\n", sentence.end)
        if signed is None or text[sentence.end : line_end if line_end >= 0 else len(text)].strip():
            continue
        name_start, dash = sentence.start + signed.start("name"), sentence.start + signed.start("dash")
        attribution = Attribution(Speaker(signed.group("name"), name_start, name_start + len(signed.group("name"))),
                                  Span(signed.group("dash"), dash, dash + 1))
        line_start = text.rfind("\n", 0, sentence.start) + 1
        found.update((member.id, attribution) for member in sentences
                     if line_start <= member.start <= sentence.start)
    return found


def _signed_paragraphs(doc: Doc, paragraphs: dict[int, list[Segment]]) -> dict[int, Attribution]:
    """The attribution of each sentence (by id) of a quote that a line of a dash and a name signs: the paragraph
    above, which closes the quote, and those above it that the quote runs over (each opening with a mark, none
    closing it)."""
    found: dict[int, Attribution] = {}
    numbers = sorted(paragraphs)
    for place in range(1, len(numbers)):
        line = paragraphs[numbers[place]]
        signed = _SIGNING_LINE.fullmatch(line[0].text) if len(line) == 1 else None
        if signed is None or not paragraphs[numbers[place - 1]][-1].text.rstrip().endswith(_CLOSING_MARKS):
            continue
        start = line[0].start + signed.start("name")
        span = doc.char_span(start, start + len(signed.group("name")), alignment_mode="expand")
        if span is None or not any(token.ent_type_ in _NAMED or token.pos_ == "PROPN" for token in span):
            continue
        dash = line[0].start + len(line[0].text) - len(line[0].text.lstrip())
        attribution = Attribution(Speaker(signed.group("name"), start, start + len(signed.group("name"))),
                                  Span(line[0].text.lstrip()[0], dash, dash + 1))
        for above in range(place - 1, -1, -1):
            quoted = paragraphs[numbers[above]]
            if not quoted[0].text.startswith(_OPENING_MARKS) \
                    or (above < place - 1 and quoted[-1].text.rstrip().endswith(_CLOSING_MARKS)):
                break
            found.update((sentence.id, attribution) for sentence in quoted)
    return found


def _signed_within(doc: Doc, paragraphs: dict[int, list[Segment]], text: str) -> dict[int, Attribution]:
    """The attribution of each sentence (by id) of a pull quote: a paragraph that opens with a quotation mark and
    whose last line, before the closing mark, names a person and says nothing ("Dean Baker, Center for Economic and
    Policy Research.\"")."""
    found: dict[int, Attribution] = {}
    for members in paragraphs.values():
        if not members[0].text.startswith(_OPENING_MARKS):
            continue
        line_start = text.rfind("\n", members[0].start, members[-1].end) + 1
        signed = _SIGNED_WITHIN.fullmatch(text, line_start, members[-1].end) if line_start else None
        if signed is None or len(signed.group("name").split()) > 12:
            continue
        span = doc.char_span(signed.start("name"), signed.end("name"), alignment_mode="expand")
        if span is None or not any(token.ent_type_ == "PERSON" for token in span) \
                or any(token.pos_ in ("VERB", "AUX") for token in span):
            continue
        # The speaker is the person named and what follows: "Ben Jealous" of "Former NAACP president Ben Jealous",
        # whom a title or a place before the name ("S.C. Rep. Jim Clyburn") would hide.
        start = next(token.idx for token in span if token.ent_type_ == "PERSON")
        mark = members[-1].end - 1
        attribution = Attribution(Speaker(text[start : signed.end("name")], start, signed.end("name")),
                                  Span(text[mark], mark, mark + 1))
        found.update((sentence.id, attribution) for sentence in members)
    return found


def _signature(last: Segment) -> Attribution | None:
    """The author of a post whose last sentence ends with its signature."""
    signed = _SIGNATURE.search(last.text)
    if signed is None:
        return None
    name_start = last.start + signed.start("name")
    dash = last.start + signed.start("dash")
    return Attribution(Speaker(signed.group("name"), name_start, name_start + len(signed.group("name"))),
                       Span(signed.group("dash"), dash, dash + 1))
