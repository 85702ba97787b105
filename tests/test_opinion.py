"""The opinion score: several signals, each shown as the words that fired, combined by a small model."""

from importlib.resources import files

import pytest

from reader import nlp
from reader.analysis import lexicon, opinion
from reader.analysis.voices import quotation_marks
from reader.model import Attribution, Cue, Segment, Span, Speaker


def assess(text: str, attribution: Attribution | None = None, model: str = "learned") -> opinion.Opinion:
    segments = [Segment(0, 0, len(text), text, 0)]
    return opinion.assess(nlp.parse(text), segments[0], quotation_marks.index(text, segments), attribution, model)


def kinds(result: opinion.Opinion) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for cue, _ in result.cues():
        found.setdefault(cue.kind, []).append(cue.text)
    return found


@pytest.mark.parametrize(("text", "kind", "words"), [
    ("The plan may not work, and it might cost more.", "modal", ["may not", "might"]),
    ("Perhaps the ministers simply ignored the warnings.", "hedge", ["Perhaps"]),
    ("The rollout was blindly rushed and badly managed.", "evaluative", ["blindly", "badly"]),
    ("The shoddy rollout was wasteful.", "evaluative", ["shoddy", "wasteful"]),
    ("The scheme is a boondoggle and a grift.", "evaluative", ["boondoggle", "grift"]),
    ("The rollout was utterly chaotic.", "intensifier", ["utterly"]),
    ("The closure leaves doubt about the board.", "framing", ["leaves doubt"]),
    ("The closure raises some serious concerns.", "framing", ["raises some serious concerns"]),
    ("Lee failed to act, and now it's too late.", "framing", ["failed to act", "too late"]),
    ("Our city deserves better than this.", "first_person", ["Our"]),
    ("You would never accept this at home.", "second_person", ["You"]),
    ("Who could possibly defend this?", "question", ["?"]),
    ("This is a scandal!", "exclamation", ["!"]),
    ("The storm destroyed 300 homes on Sunday.", "figure", ["300", "Sunday"]),
])
def test_each_signal_fires_as_a_cue_with_its_words(text, kind, words):
    result = assess(text)
    assert kinds(result).get(kind) == words
    for cue, _ in result.cues():
        assert text[cue.start : cue.end] == cue.text


def test_cues_index_the_article_text_not_the_sentence():
    text = "The bridge opened in 1932.\n\nNot to mention its cost, this reckless plan may not survive the winter."
    doc = nlp.parse(text)
    start = text.index("Not to")
    segments = [Segment(0, 0, start - 2, text[: start - 2], 0), Segment(1, start, len(text), text[start:], 1)]
    result = opinion.assess(doc, segments[1], quotation_marks.index(text, segments), None)
    cues = [cue for cue, _ in result.cues()]
    assert {(cue.kind, cue.text) for cue in cues} >= {
        ("evaluative", "reckless"), ("modal", "may not"), ("framing", "Not to mention")}
    for cue in cues:
        assert text[cue.start : cue.end] == cue.text


def test_a_predicate_the_lexicons_do_not_know_judges_but_a_comparison_measures():
    assert kinds(assess("The plan is unworkable.")).get("evaluative") == ["unworkable"]
    for text in ("Including superdelegates, the lead is bigger.", "Turnout was highest in the north."):
        assert "evaluative" not in kinds(assess(text)), text


def test_a_vice_president_is_no_judgement():
    # "vice" names a deputy in every one of PolNeAR train's 150 uses ("vice president", "vice-presidential").
    for text in ("Pence, the vice presidential nominee, spoke on Monday.", "She was vice chair of the board."):
        assert not {"evaluative", "judging_noun"} & kinds(assess(text)).keys(), text


def test_sentiment_is_one_signal_not_the_verdict():
    result = assess("The flood killed three people and destroyed dozens of homes.")
    assert "sentiment" in kinds(result)
    assert result.score < opinion.THRESHOLD


def test_sentiment_is_the_strongest_charged_word_of_the_author():
    result = assess("The nice crowd watched the disastrous vote.")
    assert kinds(result)["sentiment"] == ["disastrous"]
    quoted = assess("The mayor called the delay “a shameful waste of everyone's time” on Monday.")
    assert kinds(quoted)["sentiment"] == ["delay"]  # not "shameful": the mayor's word


def test_a_sentence_without_attribution_says_so():
    assert "unattributed" in kinds(assess("This reckless plan will only deepen the crisis."))


def test_a_verdict_of_the_author_is_opinion_and_a_failed_vote_is_not():
    assert assess("Lee failed to act, and now it's too late.").score >= opinion.THRESHOLD
    assert assess("The measure failed to pass the Senate on Tuesday.").score < opinion.THRESHOLD


def test_a_title_is_judged_on_its_words_not_on_lacking_a_source():
    """A short line of its own without a full stop is a title: unsourced is its form, not the author's voice."""
    doc = nlp.parse("Chaos Reigns\n\nThe council met on Tuesday. Chaos reigns.")
    title, last = Segment(0, 0, 12, "Chaos Reigns", 0), Segment(2, 42, 55, "Chaos reigns.", 1)
    index = quotation_marks.index(doc.text, [title, last])
    features = [{signal.feature for signal in opinion.assess(doc, sentence, index, None).signals}
                for sentence in (title, last)]
    assert "unattributed" not in features[0]
    assert "unattributed" in features[1]


def test_a_title_in_title_case_is_a_title_whatever_it_ends_with():
    text = "Clinton and Sanders Aren't Butting Heads Over The Platform — Yet.\n\nThe campaigns met on Friday."
    doc = nlp.parse(text)
    title = Segment(0, 0, text.index("\n"), text[: text.index("\n")], 0)
    index = quotation_marks.index(doc.text, [title])
    assert "unattributed" not in {signal.feature for signal in opinion.assess(doc, title, index, None).signals}


def test_a_sentence_attributed_to_someone_else_is_not_unattributed():
    text = "The mayor said the plan was reckless."
    said = text.index("said")
    attribution = Attribution(Speaker("The mayor", 0, 9), Span("said", said, said + 4))
    result = assess(text, attribution, model="rules")
    assert "unattributed" not in kinds(result)
    assert result.score < assess(text, model="rules").score


def test_the_learned_model_reads_the_authors_own_sentences_only():
    text = "The mayor said the plan was reckless."
    said = text.index("said")
    attribution = Attribution(Speaker("The mayor", 0, 9), Span("said", said, said + 4))
    assert assess(text, attribution).model == 0  # someone else's words: the signals alone score it
    assert assess(text).model != 0
    assert assess(text, model="rules").model == 0


def test_first_person_inside_quotation_marks_is_the_speakers():
    assert "first_person" not in kinds(assess("The minister replied, “we will not back down on this.”"))


def test_signals_inside_someones_quoted_words_do_not_count():
    plain = assess("The minister called the plan a reckless and shameful betrayal of every voter on Monday.")
    spoken = assess("The minister called the plan “a reckless and shameful betrayal of every voter,” on Monday.")
    assert "evaluative" in kinds(plain)
    assert "evaluative" not in kinds(spoken)
    assert spoken.score < plain.score


def test_scare_quotes_are_the_authors_own_words():
    result = assess("The council's “plan” is a shameful waste.")
    assert kinds(result)["scare_quote"] == ["plan"]
    assert "shameful" in kinds(result)["evaluative"]


def test_more_signals_raise_the_score():
    plain = assess("The council will meet on Monday.")
    slanted = assess("The council will surely waste yet another Monday on this absurd, pointless farce!")
    assert 0 <= plain.score < opinion.THRESHOLD <= slanted.score <= 1


def test_a_phrase_gap_spans_at_most_two_words():
    assert kinds(assess("It raises some serious concerns."))["framing"] == ["raises some serious concerns"]
    assert "framing" not in kinds(assess("It raises some very serious new concerns."))


def test_the_longest_phrase_starting_at_a_word_wins():
    assert kinds(assess("The closure raises serious questions about the board."))["framing"] == [
        "raises serious questions"]


@pytest.mark.parametrize(("package", "path"), [
    *(("reader.analysis", f"lexicons/{entry.name}")
      for entry in files("reader.analysis").joinpath("lexicons").iterdir() if entry.name.endswith(".txt")),
    ("reader.analysis.opinion", "opinion_weights.txt"),
    ("reader.analysis.voices", "stance_weights.txt"),
])
def test_each_data_file_opens_with_a_header_saying_what_it_is(package, path):
    lines = files(package).joinpath(path).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and len(lines[0]) > 40
    assert lexicon.read(path, package)
    assert all(entry and not entry.startswith("#") for entry in lexicon.read(path, package))


@pytest.mark.parametrize("feature", opinion.FEATURES)
def test_every_feature_of_the_model_moves_the_score(feature):
    signal = opinion.Signal(feature, Cue("", "word", 0, 4))
    assert opinion.score([signal]).pushes[0] != 0
