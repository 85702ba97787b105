"""Reported speech without quotation marks: who a sentence's claim is attributed to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.voices import speakers, stances
from reader.analysis.voices.quotation_marks import QuoteIndex
from reader.analysis.voices.stances import depth
from reader.model import Attribution, Quote, Segment, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NOT_REPORTING = {"amod", "compound", "acl", "pobj", "dobj", "nsubj", "nsubjpass", "attr"}
# A reporting verb's dependents that hold what is reported: "said [the plan would fail]".
_REPORTED = {"ccomp", "xcomp", "parataxis"}


@dataclass(frozen=True)
class Candidate:
    """A reporting cue found in the text, with the speaker it names (if any)."""

    cue: Span
    speaker: Speaker | None
    depth: int
    embedding: int = 0
    weak: bool = False
    """A stance noun or adjective, which yields to a reporting verb of the same sentence."""

    @property
    def sources(self) -> bool:
        """Whether the cue names where the whole sentence comes from ("…, according to a new poll"): it outranks
        what the people in the sentence are said to think ("most voters say …")."""
        return self.cue.text.lower().startswith("according")

    @property
    def attribution(self) -> Attribution:
        return Attribution(self.speaker, self.cue)


def attribute(doc: Doc, sentences: list[Segment], quoted: QuoteIndex, quotes: list[Quote],
              signed: dict[int, Attribution], held: bool = True) -> list[Attribution | None]:
    """One attribution (or None) per sentence, aligned with `sentences`; `signed` are the sentences a label or a
    signature speaks (signatures.signed).

    Where no reporting cue attributes a sentence, a view it says someone holds (see stances.py) is named
    theirs; `held` false leaves those out (training/stances.py fits them on what the cues miss). A cue
    that names nobody ("reportedly") still relays someone, so a view does not take its place.
    """
    by_sentence: dict[int, Attribution] = {}
    for quote in quotes:
        if quote.speaker is not None:
            # find_quotes gives a quote its speaker together with the cue that names them, never alone.
            assert quote.cue is not None
            for sentence_id in quote.sentence_ids:
                by_sentence.setdefault(sentence_id, Attribution(quote.speaker, quote.cue))
    found: list[Attribution | None] = []
    for sentence in sentences:
        if sentence.id in signed:
            found.append(signed[sentence.id])
            continue
        best = best_cue(cues(doc, sentence.start, sentence.end, quoted))
        quoting = by_sentence.get(sentence.id)
        # The quote's own cue wins where it lies: "…, calling it “…”" is the quote's, not "responded".
        if quoting is not None and (best is None or _within(quoting.cue, sentence)):
            found.append(quoting)
        else:
            found.append(best.attribution if best is not None else None)
        if held and found[-1] is None:
            view = stances.strongest(held_views(doc, sentence.start, sentence.end, quoted))
            if view is not None:
                found[-1] = Attribution(view.holder, view.cue, held=True)
    return found


def held_views(doc: Doc, start: int, end: int, quoted: QuoteIndex) -> list[stances.Stance]:
    """The views held in doc.text[start:end] (see stances.py), but nobody's ("Few voters thought …") and
    those the author's voice keeps unrealised ("would hope", "if they fear")."""
    return [view for view in stances.stances(doc, start, end, quoted)
            if not _nobody(view.holder.text)
            and not _authors_voice(view.predicate.head if view.predicate.pos_ == "ADJ" else view.predicate, quoted)]


def authors_words(doc: Doc, sentence: Segment, cue: Span) -> list[Token]:
    """The words of a sentence that are not the ones its cue reports: the author's frame around someone's words.

    "Zakharova, who has made a career out of vitriol, described it as [immoral]" frames the report in
    the author's own words; "[The plan will fail], he said" and "according to the mayor" frame it plainly.
    """
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    cue_words = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or not cue_words or not span.start <= cue_words.start < span.end:
        return []
    token = cue_words[0]
    if cue.text == ":":
        # "Smith: Generals Don't Want War": a label's name and colon, all else the words it hands over.
        return [word for word in span if word.idx < cue.start]
    if token.lower_ == "according":
        # "According to the mayor, …": the phrase is the frame, whatever the parse hangs on it. The cue ends
        # with the "to" that `_cue_at` found.
        words = {token.i, *_subtree(cue_words[-1])}
    elif token.head.i != token.i and (token.dep_ in ("parataxis", "ccomp") or (
            token.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "as" for child in token.children))):
        # The cue hangs on what it reports ("…, he said", "as she noted, …"): its own clause is the frame.
        words = _subtree(token)
    else:
        words = set(range(span.start, span.end))
    for child in token.children:
        # What a verb reports is its clause, or how it calls something ("called it [a disgrace]",
        # "described it [as immoral]"); what a noun or adjective reports hangs on it ("his call [for a ban]").
        if child.dep_ in _REPORTED or child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as") \
                or (child.dep_ in ("acl", "prep") and token.pos_ != "VERB"):
            words.difference_update(_subtree(child))
    return [doc[i] for i in range(span.start, span.end) if i in words]


def _subtree(token: Token) -> set[int]:
    """The indices of a token's subtree (not always a contiguous run: the parse may cross its own arcs)."""
    return {t.i for t in token.subtree}


def _within(cue: Span, sentence: Segment) -> bool:
    return sentence.start <= cue.start and cue.end <= sentence.end


def best_cue(candidates: list[Candidate]) -> Candidate | None:
    """The cue of the main clause, preferring one that names its speaker."""
    return min(candidates, key=lambda c: (c.speaker is None, c.weak, not c.sources, c.depth, c.cue.start), default=None)


def cues(doc: Doc, start: int, end: int, quoted: QuoteIndex) -> list[Candidate]:
    """Every reporting cue in doc.text[start:end] that lies outside direct quotes."""
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is None:
        return []
    found = []
    for token in span:
        if quoted.in_speech(token.idx) or token.is_punct or token.is_space:
            continue
        candidate = _cue_at(doc, token, quoted)
        if candidate is not None:
            found.append(candidate)
    return found


def _cue_at(doc: Doc, token: Token, quoted: QuoteIndex) -> Candidate | None:
    lower = token.lower_
    if lower == "according":
        to = next((child for child in token.children if child.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        if to is None:
            return None
        objects = [child for child in to.children if child.dep_ == "pobj"]
        speaker = speakers.headed_by(doc, objects[0], quoted) if objects else None
        return Candidate(_span(doc, token.i, to.i), speaker, depth(token), _embedding(token))
    if lower in lexicon.words("reporting_adverbs"):
        return Candidate(_span(doc, token.i, token.i), None, depth(token), _embedding(token))
    if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.words("reporting_nouns"):
        return _noun_cue(doc, token, quoted)
    if token.pos_ == "VERB":
        return _verb_cue(doc, token, quoted)
    if token.pos_ == "ADJ" and token.lemma_.lower() in lexicon.words("reporting_adjectives"):
        return _adjective_cue(doc, token, quoted)
    return None


def _verb_cue(doc: Doc, verb: Token, quoted: QuoteIndex) -> Candidate | None:
    lemma = verb.lemma_.lower()
    if lemma not in lexicon.reporting_verbs() or _authors_voice(verb, quoted):
        return None
    if verb.dep_ in _NOT_REPORTING and not (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return None
    has_clause = any(child.dep_ in ("ccomp", "parataxis") for child in verb.children)
    condition = lexicon.reporting_verbs()[lemma]
    if condition == "clause" and not (has_clause or verb.dep_ in ("parataxis", "ccomp")):
        return None
    last = verb.i
    # Phrasal reporting verbs: "pointed out", "called for", "called on".
    for child in verb.children:
        if child.dep_ == "prt" or (lemma == "call" and child.dep_ == "prep" and child.lower_ in ("for", "on")):
            last = max(last, child.i)
    speaker = speakers.of_verb(doc, verb, quoted)
    if speaker is not None and _nobody(speaker.text):
        # "Nobody wanted to say …", "Few voters thought …": no one is reported.
        return None
    if speaker is not None and _abstract(doc, speaker):
        # "The confrontation echoes …": a thing speaks for no one. PolNeAR train still marks most such sentences as
        # reporting someone (34 of the 49 that had a thing for their only speaker), so the cue stays, naming nobody.
        return Candidate(_span(doc, verb.i, last), None, depth(verb) - (verb.dep_ == "parataxis"), _embedding(verb))
    if condition == "named" and not speakers.is_named(doc, speaker):
        # Stance verbs ("wants", "supports") report someone's position only when that someone is named.
        return None
    if condition == "subject" and not has_clause and (speaker is None or _thing(speaker.text)):
        # "It shows" or "which sees" is a thing's doing, not someone's view.
        return None
    reports_unnamed = speakers.passive(verb) and any(child.dep_ in ("ccomp", "xcomp") for child in verb.children)
    if speaker is None and not reports_unnamed and (
            not has_clause or any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)):
        # A passive with what was said or expected ("is expected to win", "it was announced that …")
        # reports someone unnamed; otherwise, with neither a speaker nor a reported clause nothing is
        # attributed, and an infinitive nobody speaks ("Not to mention that …") is the author's own turn.
        return None
    # A report set in the middle of what it reports ("At one point, she said, she was considering …") frames the
    # whole sentence, as high as the clause the parser hangs it on.
    return Candidate(_span(doc, verb.i, last), speaker, depth(verb) - (verb.dep_ == "parataxis"), _embedding(verb))


def _authors_voice(verb: Token, quoted: QuoteIndex) -> bool:
    """Whether a reporting verb is the author's own turn rather than someone's reported words."""
    # An imperative ("Observe that …") addresses the reader; a modal ("can be said", "will tell us"),
    # a condition ("if they find that …") or an intent ("thought to ask") tells of speech that never happened.
    # A modal inside the quote the verb reports ("“… it will at some point,” said Acton") is the speaker's.
    children = list(verb.children)
    own = [child for child in children if not quoted.in_speech(child.idx)]
    if any(child.dep_ == "aux" and child.lower_ in lexicon.words("unrealised_modals") for child in own):
        return True
    if any(child.dep_ == "mark" and child.lower_ in lexicon.words("conditional_conjunctions") for child in own):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.words("intent_verbs"):
        return True
    return verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(
        child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in children)


def _noun_cue(doc: Doc, noun: Token, quoted: QuoteIndex) -> Candidate | None:
    """ "a report from NBC News", "a statement by the White House", "the senator's proposal": the author speaks."""
    author = speakers.author(noun)
    if author is None and noun.dep_ == "pobj" and noun.head.lower_ == "in" \
            and noun.lemma_.lower() in lexicon.words("saying_nouns") \
            and noun.head.head.dep_ == "ROOT" and not _authors_voice(noun.head.head, quoted):
        # "In an interview, the senator attacked the plan": the words are the interviewed subject's.
        holder = next((child for child in noun.children if child.dep_ == "poss"), None)
        speaker = speakers.headed_by(doc, holder, quoted) if holder is not None \
            else speakers.of_verb(doc, noun.head.head, quoted)
        return Candidate(_span(doc, noun.head.i, noun.i), speaker, depth(noun), _embedding(noun), weak=True)
    if author is None:
        # A stance says what it is about ("his call for a ban"); "made his remarks" only names them.
        holder = next((child for child in noun.children if child.dep_ == "poss"), None)
        held = noun.lemma_.lower() in lexicon.words("stance_nouns") if holder is None else not _nobody(holder.text)
        about = lexicon.words("stance_prepositions")
        if not held or not any(child.dep_ in ("acl", "ccomp") or (child.dep_ == "prep" and child.lower_ in about)
                               for child in noun.children):
            return None
        speaker = speakers.headed_by(doc, holder, quoted) if holder is not None else _voiced_by(doc, noun, quoted)
        return Candidate(_span(doc, noun.i, noun.i), speaker, depth(noun), _embedding(noun), weak=True)
    first = min((child.i for child in noun.lefts if child.dep_ in ("det", "amod", "compound", "poss", "nummod")),
                default=noun.i)
    speaker = speakers.headed_by(doc, author, quoted)
    return Candidate(_span(doc, first, author.head.i), speaker, depth(noun), _embedding(noun))


def _voiced_by(doc: Doc, noun: Token, quoted: QuoteIndex) -> Speaker | None:
    """Who voices a stance no one owns: the subject of the verb it is the object of ("France and Germany
    unveiled a proposal for …", "Democrats persisted in arguments that …")."""
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    if verb is None or verb.pos_ != "VERB" or speakers.passive(verb) or _authors_voice(verb, quoted):
        return None
    speaker = speakers.of_verb(doc, verb, quoted)
    return speaker if _somebody(doc, speaker) else None


def _somebody(doc: Doc, speaker: Speaker | None) -> bool:
    """Whether a subject names someone: not a thing ("it shows", "pressure rises") and not nobody ("few voters")."""
    return speaker is not None and not _thing(speaker.text) and not _nobody(speaker.text) \
        and not _abstract(doc, speaker)


def _abstract(doc: Doc, speaker: Speaker) -> bool:
    """Whether a speaker's words are headed by a thing, an act or a state (see speakers.abstract)."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and speakers.abstract(span.root)


def _thing(subject: str) -> bool:
    """Whether a subject is a thing, not a person ("it", "which")."""
    return subject.lower() in lexicon.words("thing_subjects")


def _nobody(subject: str) -> bool:
    """Whether a subject names no one ("Nobody", "few voters")."""
    return subject.split()[0].lower() in lexicon.words("nobody")


def _adjective_cue(doc: Doc, adjective: Token, quoted: QuoteIndex) -> Candidate | None:
    """ "The mayor is confident that …", "voters were wary of …": a stance its subject holds."""
    if adjective.dep_ != "acomp" or adjective.head.pos_ not in ("AUX", "VERB") \
            or _authors_voice(adjective.head, quoted) or _infinitive(adjective.head):
        return None
    speaker = speakers.of_verb(doc, adjective.head, quoted)
    if not _somebody(doc, speaker) or (speaker is not None and speaker.start > adjective.idx):
        # Who holds a stance comes before it ("The mayor is sure …"); in "Rubio made sure his critique was …" the
        # parse hangs "sure" on a clause whose subject is what Rubio made sure of.
        return None
    return Candidate(_span(doc, adjective.i, adjective.i), speaker, depth(adjective), _embedding(adjective),
                     weak=True)


def _infinitive(verb: Token) -> bool:
    """Whether a verb is an infinitive with no subject of its own, as in the author's "To be sure, …" or "To be
    fair, …", which hold no one's stance."""
    children = list(verb.children)
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in children) \
        and not any(child.dep_ in ("nsubj", "nsubjpass") for child in children)


def _span(doc: Doc, first: int, last: int) -> Span:
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Span(doc[first : last + 1].text, start, end)


def _embedding(token: Token) -> int:
    """How many reported clauses a token sits in: "recalls" in "She said she recalls …" sits in one."""
    embedding = 0
    while token.head.i != token.i:
        embedding += token.dep_ == "ccomp"
        token = token.head
    return embedding


def frame_text(doc: Doc, sentence: Segment, attribution: Attribution | None) -> str:
    """The words of the frame `opinion.assess` gives the sentence model, when the sentence relays someone ("" else)."""
    if attribution is None or attribution.held:
        return ""
    words = authors_words(doc, sentence, attribution.cue)
    return "".join(token.text_with_ws for token in words).strip() if _says_more(words, attribution) else ""


def _says_more(words: list[Token], attribution: Attribution) -> bool:
    """Whether a frame holds a word of the author's beyond who speaks and the verb: "He said." has none, and the
    sentence model, read on it, adds nothing but a run (a third of all frames are such)."""
    taken = [(attribution.cue.start, attribution.cue.end)]
    if attribution.speaker is not None:
        taken.append((attribution.speaker.start, attribution.speaker.end))
    return any(not (token.is_punct or token.is_stop or any(start <= token.idx < end for start, end in taken))
               for token in words)
