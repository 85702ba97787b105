"""The opinion score: several signals, each shown as the words that fired, combined by a small model."""

from importlib.resources import files

import pytest

from reader import nlp
from reader.analysis import opinion
from reader.model import Attribution, Sentence, Speaker, Span


def assess(text: str, attribution: Attribution | None = None) -> opinion.Opinion:
    sentence = Sentence(0, 0, len(text), text, 0, attribution=attribution)
    return opinion.assess(nlp.parse(text), sentence)


def kinds(result: opinion.Opinion) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for cue in result.cues:
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
    ("Our city deserves better than this.", "first_person", ["Our"]),
    ("You would never accept this at home.", "second_person", ["You"]),
    ("Who could possibly defend this?", "question", ["?"]),
    ("This is a scandal!", "exclamation", ["!"]),
    ("The storm destroyed 300 homes on Sunday.", "figure", ["300", "Sunday"]),
])
def test_each_signal_fires_as_a_cue_with_its_words(text, kind, words):
    result = assess(text)
    assert kinds(result).get(kind) == words
    for cue in result.cues:
        assert text[cue.start : cue.end] == cue.text


def test_cues_index_the_article_text_not_the_sentence():
    text = "The bridge opened in 1932.\n\nThis reckless plan may not survive the winter."
    doc = nlp.parse(text)
    start = text.index("This")
    result = opinion.assess(doc, Sentence(1, start, len(text), text[start:], 1))
    assert {(cue.kind, cue.text) for cue in result.cues} >= {("evaluative", "reckless"), ("modal", "may not")}
    for cue in result.cues:
        assert text[cue.start : cue.end] == cue.text


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


def test_a_sentence_attributed_to_someone_else_is_not_unattributed():
    text = "The mayor said the plan was reckless."
    said = text.index("said")
    attribution = Attribution(Speaker("The mayor", 0, 9), Span("said", said, said + 4))
    result = assess(text, attribution)
    assert "unattributed" not in kinds(result)
    assert result.score < assess(text).score


def test_first_person_inside_quotation_marks_is_the_speakers():
    assert "first_person" not in kinds(assess("The minister replied, “we will not back down on this.”"))


def test_signals_inside_a_quote_no_longer_count():
    text = "The minister called it a “reckless and shameful betrayal” of voters."
    result = assess(text)
    quote = (text.index("“") + 1, text.index("”"))
    inside = result.outside([quote])
    assert "evaluative" in kinds(result)
    assert "evaluative" not in kinds(inside)
    assert inside.score < result.score


def test_more_signals_raise_the_score():
    plain = assess("The council will meet on Monday.")
    slanted = assess("The council will surely waste yet another Monday on this absurd, pointless farce!")
    assert 0 <= plain.score < opinion.THRESHOLD <= slanted.score <= 1


def test_a_phrase_gap_spans_at_most_two_words():
    lexicon = opinion.Lexicon(["raise * concern"])
    near = nlp.parse("It raises some serious concerns.")
    far = nlp.parse("It raises some very serious new concerns.")

    def forms(doc):
        return [(token.lower_, token.lemma_.lower()) for token in doc]

    assert [near[a : b + 1].text for a, b in lexicon.find(forms(near))] == ["raises some serious concerns"]
    assert lexicon.find(forms(far)) == []


@pytest.mark.parametrize("name", ["hedges.txt", "evaluative.txt", "intensifiers.txt", "framing.txt",
                                  "opinion_weights.txt"])
def test_each_lexicon_opens_with_a_header_saying_what_it_is(name):
    lines = files("reader.analysis").joinpath(name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and len(lines[0]) > 40
    assert all(line and not line.startswith("#") for line in lines[1:])


def test_every_feature_of_the_model_has_a_weight():
    model = opinion._model()
    assert set(model.weights) == set(opinion.FEATURES)
