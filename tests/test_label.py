"""Each sentence gets one label — quote, reported or opinion — with the cues that decided it."""

import pytest

from reader.analysis import classify

# (sentence, label, cues that must be among the sentence's cues as (kind, words))
CASES = [
    ("The storm knocked out power to 12,000 homes in the county on Sunday night.",
     "reported", {("figure", "12,000"), ("past", "knocked")}),
    ("The council approved the budget on Tuesday by a vote of seven to two.",
     "reported", {("figure", "Tuesday")}),
    ("The mayor said the plan was a disaster for the city.",
     "reported", {("attribution", "said")}),
    ("Officials told reporters that the decision was cruel and pointless.",
     "reported", {("attribution", "told")}),
    ("“We will rebuild the bridge by spring,” the minister told reporters.",
     "quote", {("quote", "We will rebuild the bridge by spring,")}),
    ("This reckless plan will only deepen the crisis.",
     "opinion", {("evaluative", "reckless")}),
    ("Why would anyone trust such a reckless government?",
     "opinion", {("question", "?"), ("evaluative", "reckless")}),
    ("The ministers might possibly have ignored the warnings.",
     "opinion", {("modal", "might"), ("hedge", "possibly")}),
    ("The closure raises serious questions about the board's judgement.",
     "opinion", {("framing", "raises serious questions"), ("evaluative", "serious")}),
    ("We must stop pretending that this is normal!",
     "opinion", {("first_person", "We"), ("modal", "must"), ("exclamation", "!")}),
    ("I think the deal is a terrible mistake.",
     "opinion", {("first_person", "I"), ("evaluative", "terrible")}),
    ("You cannot run a railway on good intentions.",
     "opinion", {("second_person", "You")}),
    # The author's own turns with a reporting verb in them attribute nothing, so they can read as opinion.
    ("The new tax can be said to help nobody at all.",
     "opinion", {("framing", "can be said"), ("intensifier", "at all")}),
    ("If they find that the road is shoddy, the council should pay for it.",
     "opinion", {("evaluative", "shoddy"), ("unattributed", "pay")}),
]


@pytest.mark.parametrize(("text", "label", "cues"), CASES, ids=[case[0][:40] for case in CASES])
def test_sentence_gets_its_label_and_the_cues_behind_it(text, label, cues):
    [sentence] = classify([text])
    assert sentence.label == label
    found = {(cue.kind, cue.text) for cue in sentence.cues}
    assert cues <= found
    for cue in sentence.cues:
        assert text[cue.start : cue.end] == cue.text


@pytest.mark.parametrize("text", [case[0] for case in CASES], ids=[case[0][:40] for case in CASES])
def test_scores_sum_to_one_and_confidence_is_the_label_score(text):
    [sentence] = classify([text])
    assert sum(sentence.scores.values()) == pytest.approx(1, abs=0.01)
    assert set(sentence.scores) == {"quote", "reported", "opinion"}
    assert sentence.confidence == sentence.scores[sentence.label]
    assert 0 <= sentence.confidence <= 1


def test_an_attributed_opinion_is_reported_not_opinion():
    [sentence] = classify(["Critics argue that the new tax is unfair, reckless and badly designed."])
    assert sentence.label == "reported"
    assert ("attribution", "argue") in {(cue.kind, cue.text) for cue in sentence.cues}
    # The judging words still show, but as someone else's: opinion scores well below report.
    assert sentence.scores["opinion"] < 0.2


def test_the_author_speaking_in_the_first_person_is_not_an_attribution():
    [sentence] = classify(["I believe the whole scheme is a shameful waste of money."])
    assert sentence.label == "opinion"
    assert "attribution" not in {cue.kind for cue in sentence.cues}


def test_a_plain_fact_shows_no_opinion_cue():
    [sentence] = classify(["The bridge, which opened in 1932, carries about 40,000 vehicles a day."])
    assert sentence.label == "reported"
    assert {cue.kind for cue in sentence.cues} <= {"figure", "name", "past"}


def test_opinion_words_inside_a_quote_are_the_speakers_not_the_authors():
    text = "The minister answered: “This is a reckless, shameful and stupid plan, and we must stop it!”"
    [sentence] = classify([text])
    assert sentence.label == "quote"
    assert not {"evaluative", "first_person", "exclamation"} & {cue.kind for cue in sentence.cues}


SEED_OPINIONS = [
    ("The Biden administration’s growing relationship", {("evaluative", "serious")}),
    ("With demands like amnesty being blindly given", {("evaluative", "blindly"), ("modal", "may not")}),
    ("Not to mention the record amount", {("framing", "Not to mention"), ("framing", "leaves doubt")}),
    ("The upcoming meeting in Washington leaves many worried", {("modal", "might")}),
]


@pytest.mark.parametrize(("start", "cues"), SEED_OPINIONS, ids=[start[:30] for start, _ in SEED_OPINIONS])
def test_the_seed_articles_closing_sentences_are_opinion(sample_analysis, start, cues):
    [sentence] = [s for s in sample_analysis.sentences if s.text.startswith(start)]
    assert sentence.label == "opinion"
    assert cues <= {(cue.kind, cue.text) for cue in sentence.cues}
    for cue in sentence.cues:
        assert sample_analysis.article.text[cue.start : cue.end] == cue.text


def test_the_seed_articles_reports_are_not_opinion(sample_analysis):
    reports = [s for s in sample_analysis.sentences if s.text.startswith(("According to a report", "Secretary of State",
                                                                "Mexico’s president", "U.S. negotiators"))]
    assert len(reports) == 4
    assert all(s.label == "reported" for s in reports)


def test_a_report_does_not_show_a_charged_word_as_its_reason():
    # "United" in the United States and "approval" are VADER words; they did not make the sentence reported.
    (sentence,) = classify(["Officials in the United States said on Friday that the approval came in May."])
    assert sentence.label == "reported"
    assert [cue.kind for cue in sentence.cues if cue.kind == "sentiment"] == []
    assert "attribution" in [cue.kind for cue in sentence.cues]


@pytest.mark.parametrize("text", [
    "Trump, the most dangerous demagogue of our lifetime, sadly.",
    "Hillary Clinton, frankly the worst candidate ever and a total disgrace!",
])
def test_no_name_is_given_as_the_word_a_sentence_asserts_without_a_source(text):
    # The parser makes the name the root of such a fragment; 'unattributed' points at a word that asserts.
    [sentence] = classify([text])
    assert sentence.label == "opinion"
    assert not [cue for cue in sentence.cues if cue.kind == "unattributed" and cue.text in text.split(",")[0]]


@pytest.mark.parametrize(("text", "hedged"), [
    ("The plan is fairly good but somewhat late, and it is a shame.", ["fairly", "somewhat"]),
    # How something is done, and a choice between two, soften no quality.
    ("The media is not reporting fairly, and it is shameful.", []),
    ("He chose to fight rather than quit, sadly, and it was a terrible mistake.", []),
])
def test_a_hedge_of_degree_softens_only_an_adjective_or_adverb(text, hedged):
    [sentence] = classify([text])
    assert [cue.text for cue in sentence.cues if cue.kind == "hedge"] == hedged
