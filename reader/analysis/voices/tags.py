"""Speech tags read by where their words stand: “…,” he surmised; “…,” tweeted Ann Lee; Skelly called Braynard “…”;
Continued Stone: “…”; Rep. Jane Doe (D-Ore.): “…”.

The reporting-verb lexicon knows "said" wherever it stands. Here the place does the work: any verb right after a
quote that ends on a comma, a question or an exclamation tags it, as does the verb that leads into a quote, or a
name and a colon before one. The small parser often mistakes the words of such fragments ("Skelly" an adverb,
"Husted" a verb), so the names around the verb are read by their spelling.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.voices import speakers
from reader.analysis.voices.quotation_marks import QuoteIndex
from reader.model import Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Tokens

_CLOSING = {"”", '"', "''"}
_OPENING = {"“", '"', "``", "''"}
_MARKS = _CLOSING | _OPENING
# A quote that ends on one of these is waiting for its tag: “…,” he said / “…?” she asked.
_TAG_OPENERS = (",", "?", "!", "—", "-", "–")
_PRONOUNS = {"he", "she", "they", "i", "we"}
# Words that open a sentence without naming anyone: "And Skelly called …".
_OPENERS = {"and", "but", "so", "then", "yet", "or", "also", "still", "later", "now"}
# Capitalised at a sentence's start, and no one: "That makes her …", "There's still …".
_NOBODY = {"that", "this", "there", "it", "which", "what", "these", "those"}
_NOUN_PHRASE = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"}
_LONGEST_NAME = 6
_LONGEST_APPOSITION = 15
# What a reporting verb may end with in a tag: read, answers, noted, replied.
_VERB_ENDINGS = ("", "s", "es", "d", "ed")
# A name (its party and state in brackets left out) and a colon just before a quote's opening mark.
_LABEL = re.compile(r"(?:^|(?<=[-–—―]\s))(?P<name>[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|and|of|&))*)"
                    r"(?: \([^()]{1,12}\))?(?P<colon>:)\s*$")
# A clause of these says what would happen, not who speaks: "Unless rivals quit, “…”" (but "As Milbank puts it, “…”").
_CONDITIONS = {"if", "unless", "because", "although", "though", "while", "whether"}
# How far before a quote the verb that leads into it may stand.
_LEAD = 8


def after(doc: Doc, end: int, sentence: Tokens, quoted: QuoteIndex) -> tuple[Span, Speaker] | None:
    """The tag right after a quote that ends at `end` (its closing mark) within `sentence`: the verb and who speaks."""
    text = quoted.text
    if not awaits_tag(text, end):
        return None
    first = next((token.i for token in doc[max(sentence.start - 3, 0) : sentence.end] if token.idx >= end), None)
    if first is None:
        return None
    # The closing mark may be an opening one misused (“…?“ he asked), or glued to the name after it (“…,”Clinton said).
    glued = doc[first].text[:1] in _MARKS and doc[first].text[1:2].isalpha()
    if doc[first].text not in _MARKS and not glued:
        return None
    position = first if glued else first + 1
    while position < sentence.end and doc[position].is_punct and doc[position].text not in (",", "."):
        position += 1  # a dash between the quote and its tag
    if position >= sentence.end or quoted.in_speech(doc[position].idx):
        return None
    token = doc[position]
    if _verb(token) or (token.tag_ == "VB" and token.lower_ in lexicon.reporting_verbs()):
        # “…,” tweeted Ann Lee; “…,” read the email (a past tense the parser took for a command).
        last = _name_end(doc, position + 1, sentence.end)
        if last is None or token.tag_ == "VBG" or _reports_clause(token, quoted):
            return None
        return _tagged(doc, _cue(token), speakers.between(doc, position + 1, last))
    # “…,” Murphy, the head of Right to Rise, tweeted.
    last = _name_end(doc, position, sentence.end)
    if last is None:
        return None
    verb = last + 1
    if verb < sentence.end and doc[verb].text == ",":
        closing = next((t.i for t in doc[verb + 1 : min(verb + _LONGEST_APPOSITION, sentence.end)] if t.text == ","),
                       None)
        verb = closing + 1 if closing is not None else sentence.end
    if verb >= sentence.end or not _verb(doc[verb]) or _reports_clause(doc[verb], quoted):
        return None
    speaker = speakers.between(doc, position, last)
    if glued:
        speaker = Speaker(speaker.text[1:], speaker.start + 1, speaker.end)
    return _tagged(doc, _cue(doc[verb]), speaker)


def awaits_tag(text: str, end: int) -> bool:
    """Whether the quote ending at `end` ends where its tag follows: “…,” he said / “…?” she asked."""
    return text[:end].rstrip().endswith(_TAG_OPENERS)


def before(doc: Doc, start: int, sentence: Tokens, quoted: QuoteIndex) -> tuple[Span, Speaker] | None:
    """The tag that leads into a quote opening at `start`, in its sentence: a name and a colon, or a verb."""
    label = _label(doc, quoted.text, sentence.start_char, start)
    if label is not None:
        return label
    mark = next((token.i for token in reversed(sentence) if token.idx < start), None)
    if mark is None or doc[mark].text not in _OPENING:
        return None
    last = mark - 1
    while last >= sentence.start and doc[last].is_space:
        last -= 1
    # Words run into a quote without a colon or a comma ("has directed ''a very ambitious …''") quote it as the
    # object of their verb; only a reporting verb then says the subject speaks ("called Braynard “a real …”").
    introduced = last >= sentence.start and doc[last].text in (":", ",")
    while last >= sentence.start and doc[last].text in (":", ","):
        last -= 1
    if last < sentence.start or quoted.in_speech(doc[last].idx):
        return None
    for verb in range(last, max(sentence.start, mark - _LEAD) - 1, -1):
        token = doc[verb]
        if token.text in (".", ";", "?", "!") or quoted.in_speech(token.idx):
            return None
        if _verb(token) and (introduced or token.lemma_.lower() in lexicon.reporting_verbs()) \
                and not any(child.dep_ == "mark" and child.lower_ in _CONDITIONS for child in token.children):
            speaker = speakers.of_verb(doc, token, quoted) or _named_around(doc, verb, sentence, last)
            if speaker is not None and _somebody(doc, speaker):
                return _cue(token), speaker
    return None


def _label(doc: Doc, text: str, first: int, start: int) -> tuple[Span, Speaker] | None:
    """The name and colon that hand over a quote opening at `start` ("Mark Blumenthal and Jon Cohen: “…",
    "Rep. Trey Gowdy (R-S.C.):“…"), read in the text, back to the sentence's start or a dash: the parser may glue
    the colon and the mark to the words around them."""
    found = _LABEL.search(text[first : max(first, start - 1)])
    if found is None:
        return None
    name_start, name_end = first + found.start("name"), first + found.end("name")
    words = doc.char_span(name_start, name_end, alignment_mode="expand")
    if words is None:
        return None
    if (words[0].pos_ == "VERB" or words[0].lower_ in _OPENERS) and len(words) > 1:
        name_start = words[1].idx  # "Continued Stone:" is Stone's, "Then Rep. Doe:" Rep. Doe's
        words = words[1:]
    if not any(token.pos_ == "PROPN" or token.ent_type_ == "PERSON" for token in words):
        return None
    colon = first + found.start("colon")
    return Span(":", colon, colon + 1), Speaker(text[name_start:name_end], name_start, name_end)


def _named_around(doc: Doc, verb: int, sentence: Tokens, last: int) -> Speaker | None:
    """A name right before the verb ("And Skelly called …") or right after it ("Continued Stone: …")."""
    first = verb
    while first > sentence.start and _capitalised(doc[first - 1]) and doc[first - 1].lower_ not in _OPENERS:
        first -= 1
    if first < verb:
        return speakers.between(doc, first, verb - 1)
    end = _name_end(doc, verb + 1, last + 1)
    return speakers.between(doc, verb + 1, end) if end is not None else None


def _tagged(doc: Doc, cue: Span, speaker: Speaker) -> tuple[Span, Speaker] | None:
    return (cue, speaker) if _somebody(doc, speaker) else None


def _reports_clause(verb: Token, quoted: QuoteIndex) -> bool:
    """Whether a verb reports a clause of its own ("Trump acknowledged that …"): a new report, not a quote's tag.
    The quote itself often hangs on its tag's verb as its clause."""
    return any(child.dep_ in ("ccomp", "xcomp") and not quoted.in_speech(child.idx) for child in verb.children)


def _somebody(doc: Doc, speaker: Speaker) -> bool:
    """Whether a speaker is someone: a noun or a name, not "that" or "there"."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand") if speaker.text.strip() else None
    return span is not None and any(token.pos_ in ("PROPN", "NOUN", "ADJ") or token.lower_ in _PRONOUNS
                                    or (_capitalised(token) and token.lower_ not in _NOBODY) for token in span)


def _name_end(doc: Doc, first: int, limit: int) -> int | None:
    """The last token of the name or noun phrase that starts at `first` ("he", "Ann Lee", "the businessman")."""
    if first >= limit or not (doc[first].pos_ in ("DET", "PROPN", "PRON", "NOUN", "ADJ") or _capitalised(doc[first])):
        return None
    if doc[first].lower_ in _PRONOUNS:
        return first
    last = first
    while last + 1 < limit and last + 1 - first < _LONGEST_NAME and (
            doc[last + 1].pos_ in _NOUN_PHRASE or _capitalised(doc[last + 1]) or doc[last + 1].text == ".") \
            and not _verb(doc[last + 1]):
        last += 1
    while last > first and doc[last].is_punct:
        last -= 1
    head = doc[first : last + 1]
    if not any(token.pos_ in ("PROPN", "NOUN", "ADJ") or _capitalised(token) for token in head):
        return None
    return last


def _verb(token: Token) -> bool:
    """A verb, or in a tag's place a reporting verb the small parser took for a noun ("the editorial read",
    "Bozell answers")."""
    if token.pos_ == "VERB" and token.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG"):
        return True
    word, verbs = token.lower_, lexicon.reporting_verbs()
    return token.is_lower and token.tag_ != "VB" and any(
        word.endswith(ending) and word[: len(word) - len(ending)] in verbs for ending in _VERB_ENDINGS)


def _capitalised(token: Token) -> bool:
    """A capitalised word or initials ("Lee", "S.C."), or the parenthesis of "(D-Ore.)"."""
    return token.text[:1].isupper() and (token.is_alpha or token.text.endswith(".")) or token.text in ("(", ")")


def _cue(token: Token) -> Span:
    return Span(token.text, token.idx, token.idx + len(token))
