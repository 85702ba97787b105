"""Direct speech: spans between quotation marks, their speaker and cue."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.voices import speakers, tags
from reader.analysis.voices.attribution import Candidate, best_cue, cues
from reader.analysis.voices.quotation_marks import QuoteIndex
from reader.model import Attribution, Quote, Segment, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as Tokens

# A sentence of at most this many words that ends with a colon may head a transcript: "Transcript as follows:".
_HEADER = 8
# A speech tag this close after the quote ("…,” Smith said) is the quote's own.
_NEAR_TAG = 60
_OPENING_MARKS = "“\"'`"
# The most words (a comma, "that", a day) between a report noun and the quote it gives: "his comment Monday that “".
_OWNER_GAP = 4


def find_quotes(doc: Doc, sentences: list[Segment], quoted: QuoteIndex,
                signed: dict[int, Attribution]) -> list[Quote]:
    """The direct quotes of the text, each with the sentences it covers, its speaker and cue; `signed` are the
    sentences a label or a signature speaks (signatures.signed)."""
    text = quoted.text
    ends = [sentence.end for sentence in sentences]
    found: list[Quote] = []
    for start, end in quoted.speech:
        covered = []
        for sentence in sentences[bisect.bisect_right(ends, start) :]:
            if sentence.start >= end:
                break
            covered.append(sentence)
        signer = signed.get(covered[0].id) if covered else None
        # Who a label or a signature names speaks the quote ("PENCE: “…”", "“…” ― Jane Doe"); else its cue says.
        candidate = Candidate(signer.cue, signer.speaker, 0) if signer is not None \
            else _speech_cue(doc, text, start, end, covered, sentences, quoted)
        # A quote set in a clause of the author's ("In fact, he founded “…”", "his act, “…”, wears thin") is a name,
        # a title or a phrase the author uses: it goes on with no one's words before it.
        framed = bool(covered) and _framed(doc, covered[0], start, quoted)
        continuing = bool(found and found[-1].speaker is not None and covered and not framed
                          and _paragraph_gap(found[-1], covered[0], sentences) <= 1)
        if candidate is not None and candidate.speaker is None and not tags.awaits_tag(text, end):
            # A cue that names nobody, in no tag's place ("…two-step,' ” — increasing his name recognition and
            # convincing voters"), leaves the quote to whoever the text has speaking.
            candidate = None
        previous = None
        speaker: Speaker | None
        cue: Span | None
        if candidate is None and covered and not framed:
            previous = _previous_speaker(doc, covered[0], sentences, quoted, start)
        if candidate is not None:
            speaker, cue = candidate.speaker, candidate.cue
        elif previous is not None and not (continuing and covered[0].id - 1 in found[-1].sentence_ids):
            # A quote right after someone's reported words is usually theirs too, even when someone
            # else was quoted before them.
            speaker, cue = previous.speaker, previous.cue
        elif continuing:
            # News convention: a quote with no cue of its own continues the last speaker's words.
            speaker, cue = found[-1].speaker, found[-1].cue
        else:
            speaker = cue = None
        found.append(Quote(start, end, text[start:end], tuple(s.id for s in covered), speaker, cue))
    return found


def _speech_cue(doc: Doc, text: str, start: int, end: int, covered: list[Segment], sentences: list[Segment],
                quoted: QuoteIndex) -> Candidate | None:
    """The reporting cue nearest the quote, after it in its last sentence or before it in its first; failing a
    reporting verb there, a tag read by its place (see tags.py)."""
    if not covered:
        return None
    first, last = covered[0], covered[-1]
    owned = _owned(doc, start, first, quoted)
    if owned is not None and tags.after(doc, end, _tokens(doc, last), quoted) is None:
        # "Trump stood by his comment that “Islam hates us,” refusing …": the comment's owner says it, whatever
        # the verb after it.
        return Candidate(*owned, 0)
    after = _named(cues(doc, end, last.end, quoted))
    tag = min(after, key=lambda candidate: candidate.cue.start, default=None)
    near = tag if tag is not None and tag.cue.start - end <= _NEAR_TAG else None
    if near is not None and near.speaker is not None:
        return near
    # The parser may leave the name after a tag's verb out of its subject ("“…,” added Gowdy."): its place says it.
    placed = tags.after(doc, end, _tokens(doc, last), quoted)
    if placed is not None:
        return Candidate(*placed, 0)
    # The opening mark may be two characters: the NYT texts quote with two apostrophes ('' … '').
    if text[first.start : start].rstrip(_OPENING_MARKS).rstrip().endswith(":"):
        # A colon hands the quote to the clause it ends: "Reid said both are “non-entities,” but he gave the Texan a
        # back-handed compliment: “…”" is the compliment's, and a cue after it that names no one ("Rubio fired back:
        # “…,” referencing …") leaves it theirs.
        placed = tags.before(doc, start, _tokens(doc, first), quoted) or _colon_clause(doc, start, first, quoted)
        if placed is not None and not _reported(doc, placed[0], quoted):
            return Candidate(*placed, 0)
    if near is not None:
        return near
    before = _named(cues(doc, first.start, start, quoted))
    if not before and first.id > 0 and not text[first.start:start].strip():
        previous = sentences[first.id - 1]
        # "Smith said:" closing the sentence (or paragraph) just before the quote.
        if previous.text.rstrip().endswith((":", ",")):
            before = _named(cues(doc, previous.start, previous.end, quoted))
    if not before:
        following = _tag_sentence(text, end, last, sentences)
        placed = tags.before(doc, start, _tokens(doc, first), quoted) \
            or (tags.after(doc, end, _tokens(doc, following), quoted) if following is not last else None)
        if placed is not None:
            return Candidate(*placed, 0)
    # Before the quote the outermost report speaks ("She said she recalls “…”" is hers, via "said"),
    # and of its cues the nearest ("…, calling it “…”").
    return min(before, key=lambda candidate: (candidate.embedding, -candidate.cue.start), default=tag)


def _owned(doc: Doc, start: int, first: Segment, quoted: QuoteIndex) -> tuple[Span, Speaker] | None:
    """The report noun whose words a quote opening at `start` gives, and its owner: "his comment Monday that “…”",
    "From Bush's Facebook post: “…”". Where someone in the sentence reports it ("Gowdy referenced an inspector
    general's report that “…”", "Ryan said Ginsburg's comments “…”") they speak, and the noun is what is spoken of."""
    words = _tokens(doc, first)
    mark = next((token for token in reversed(words) if token.idx < start), None)
    if mark is None or mark.text[:1] not in _OPENING_MARKS:
        return None
    handed = False
    for token in reversed(doc[max(words.start, mark.i - _OWNER_GAP) : mark.i]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.words("reporting_nouns"):
            owner = next((child for child in token.children if child.dep_ == "poss"), None)
            if owner is None or not handed or any(candidate.speaker is not None and not candidate.weak
                                                  for candidate in cues(doc, first.start, start, quoted)):
                return None
            speaker = speakers.headed_by(doc, owner, quoted)
            return (Span(token.text, token.idx, token.idx + len(token)), speaker) if speaker is not None else None
        handed = handed or token.lower_ in (":", "that")
        if token.lower_ not in (",", ":", "that") and token.ent_type_ not in ("DATE", "TIME"):
            return None
    return None


def _colon_clause(doc: Doc, start: int, first: Segment, quoted: QuoteIndex) -> tuple[Span, Speaker] | None:
    """The verb of the clause a colon ends before a quote opening at `start`, and the person it says did it, however
    far the verb stands from the colon ("Rep. Lee Zeldin … gave the technique a whirl in an interview …: “…”")."""
    words = _tokens(doc, first)
    colon = next((token for token in reversed(words) if token.idx < start and token.text == ":"), None)
    if colon is None or colon.head.pos_ != "VERB" or quoted.in_speech(colon.head.idx) or colon.head.i > colon.i:
        return None
    speaker = speakers.of_verb(doc, colon.head, quoted)
    subject = doc.char_span(speaker.start, speaker.end, alignment_mode="expand") if speaker is not None else None
    if speaker is None or not subject or not (any(token.ent_type_ == "PERSON" for token in subject)
                                              or subject.root.lower_ in ("he", "she")):
        return None
    verb = colon.head
    return Span(verb.text, verb.idx, verb.idx + len(verb)), speaker


def _reported(doc: Doc, cue: Span, quoted: QuoteIndex) -> bool:
    """Whether a cue lies in what someone else is reported to say ("Axelrod said … that she has learned her
    lesson: “…”"), where the outer report speaks. A quote's own words report nothing: the parser may hang the cue
    on a verb inside the quote."""
    words = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if words is None or len(words) == 0:
        return False
    token = words[0]
    while token.head.i != token.i and not quoted.in_speech(token.head.idx):
        if token.dep_ == "ccomp":
            return True
        token = token.head
    return False


def _tag_sentence(text: str, end: int, last: Segment, sentences: list[Segment]) -> Segment:
    """Where a quote's tag may stand: its last sentence, or the next one where a question or an exclamation closed
    the sentence with the quote (“…!” he said)."""
    if not text[end:last.end].strip("”\"' ") and text[:end].rstrip().endswith(("?", "!")) \
            and last.id + 1 < len(sentences) and sentences[last.id + 1].paragraph == last.paragraph:
        return sentences[last.id + 1]
    return last


def _tokens(doc: Doc, sentence: Segment) -> Tokens:
    return doc.char_span(sentence.start, sentence.end, alignment_mode="expand") or doc[0:0]


def _previous_speaker(doc: Doc, first: Segment, sentences: list[Segment], quoted: QuoteIndex,
                      start: int) -> Candidate | None:
    """The named source of the sentence just before a quote's first sentence, in the same or previous paragraph.

    Failing a source, the person that sentence is about, with the quote's opening mark (before `start`) as its cue.
    """
    if first.id == 0 or sentences[first.id - 1].paragraph < first.paragraph - 1:
        return None
    previous = sentences[first.id - 1]
    best = best_cue(cues(doc, previous.start, previous.end, quoted))
    if best is not None and best.speaker is not None:
        return best
    # "Gov. Jane Doe toured the mine. “We will reopen it,” …": the person the sentence is about speaks next,
    # and whoever a colon hands the quote to ("Caddell continued:", "Rasmussen has a similar question:").
    span = doc.char_span(previous.start, previous.end, alignment_mode="expand")
    subject = next((child for child in span.root.children if child.dep_ == "nsubj"), None) if span else None
    introduced = previous.text.rstrip().endswith(":")
    if subject is None and introduced and span and span.root.pos_ in ("NOUN", "PROPN") and len(span) <= _HEADER:
        # "Transcript as follows:", "Full statement:": a header hands over the words of whoever they are.
        speaker = speakers.headed_by(doc, span.root, quoted, whole=False)
        return Candidate(Span(":", previous.end - 1, previous.end), speaker, 0) if speaker else None
    if subject is None or quoted.speech_overlaps(previous.start, previous.end) or not (
            subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she")
            or (introduced and (subject.pos_ == "PROPN" or subject.lower_ == "they"))):
        return None
    speaker = speakers.headed_by(doc, subject, quoted)
    return Candidate(Span(quoted.text[start - 1 : start], start - 1, start), speaker, 0) if speaker else None


def _named(candidates: list[Candidate]) -> list[Candidate]:
    """The reporting verbs that name a source, else any verb, else the stance nouns and adjectives alike."""
    strong = [candidate for candidate in candidates if not candidate.weak] or candidates
    return [candidate for candidate in strong if candidate.speaker is not None] or strong


def _framed(doc: Doc, first: Segment, start: int, quoted: QuoteIndex) -> bool:
    """Whether a quote starts inside a clause of the author's: after words of theirs, in a sentence whose main verb
    lies outside the quotation marks ("Chatwal was the founder of “…”", not "Indeed, “we cite …”")."""
    if not any(character.isalnum() for character in quoted.text[first.start : start]):
        return False
    words = _tokens(doc, first)
    return len(words) > 0 and not quoted.in_speech(words.root.idx)


def _paragraph_gap(previous: Quote, sentence: Segment, sentences: list[Segment]) -> int:
    """How many paragraph breaks lie between the end of the previous quote and a sentence."""
    return sentence.paragraph - sentences[previous.sentence_ids[-1]].paragraph if previous.sentence_ids else 99
