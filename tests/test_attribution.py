"""Reported speech: the cue that attributes a sentence's claim and the source it names."""

from __future__ import annotations

import pytest

from reader import nlp
from reader.analysis import analyze
from reader.analysis.voices import attribution
from reader.model import Article, Segment


def first_sentence(text: str):
    return analyze(Article(text, None, "test")).sentences[0]


@pytest.mark.parametrize(("text", "source", "cue"), [
    ("The plant will close in March, the company said on Tuesday.", "the company", "said"),
    ("Officials said the plant would close in March.", "Officials", "said"),
    ("According to the union, the plant will close in March.", "the union", "According to"),
    ("According to a report from the Daily Ledger, the plant will close in March.",
     "the Daily Ledger", "According to"),
    ("A report from the Daily Ledger found that the plant will close in March.",
     "the Daily Ledger", "found"),
    ("The manager told workers that the plant would close in March.", "The manager", "told"),
    ("The mayor added that the plant would close in March.", "The mayor", "added"),
    ("The union claimed the plant would close in March.", "The union", "claimed"),
    ("The company announced that the plant would close in March.", "The company", "announced"),
    ("Her lawyers argued that the contract was never signed.", "Her lawyers", "argued"),
    ("The senator, who spoke to reporters on Monday, said the vote would be delayed.",
     "The senator, who spoke to reporters on Monday", "said"),
    # Verbs outside Levin's classes that PolNeAR train marks as cues at least half the time.
    ("A federal judge ordered the county to release the emails.", "A federal judge", "ordered"),
    ("The senator referred to the plan as a giveaway.", "The senator", "referred"),
    # A stance no one owns is voiced by the subject of the verb it is the object of.
    ("France and Germany unveiled a proposal for a joint military headquarters.", "France and Germany", "proposal"),
    ("Democrats persisted in arguments that the panel was biased.", "Democrats", "arguments"),
    # A report set in the middle of what it reports frames the whole sentence.
    ("But without a campaign, Ms. Gedrich said, she thought she would use whatever tool she had.", "Ms. Gedrich",
     "said"),
    # Of the two subjects the parser gives "went", the nearest calls him that.
    ("Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him a total stiff.",
     "Trump", "calling"),
    # Where a sentence comes from outranks what the people in it are said to think.
    ("Most voters say the plan will fail, according to a new poll by the Daily Ledger.",
     "the Daily Ledger", "according to"),
    ("According to a Daily Ledger survey, 51 percent of respondents said they would vote for the plan.",
     "a Daily Ledger survey", "According to"),
])
def test_reporting_cue_and_its_source(text, source, cue):
    sentence = first_sentence(text)
    assert sentence.attribution is not None
    assert sentence.attribution.speaker.text == source
    assert text[sentence.attribution.speaker.start : sentence.attribution.speaker.end] == source
    assert sentence.attribution.cue.text == cue
    assert not sentence.attribution.held
    assert sentence.label == "reported"
    assert any(c.kind == "attribution" and c.text == cue for c in sentence.cues)


@pytest.mark.parametrize(("text", "holder", "cue"), [
    ("Trump responded by using the example of Chicago.", "Trump", "responded"),
    ("Other officials weighed in Friday about whether the video should be released.", "Other officials", "weighed"),
    ("Mr. Obama set about persuading President Xi Jinping to join the United States.", "Mr. Obama", "set"),
])
def test_a_view_someone_is_said_to_hold_names_its_holder_without_relaying_them(text, holder, cue):
    sentence = first_sentence(text)
    assert sentence.attribution is not None
    assert (sentence.attribution.speaker.text, sentence.attribution.cue.text) == (holder, cue)
    assert sentence.attribution.held
    # The author still speaks: the holder's view is no reason for the label.
    assert not any(c.kind == "attribution" for c in sentence.cues)


@pytest.mark.parametrize("text", [
    "The bridge collapsed in 2019.",  # a thing's doing
    "The company hired 200 workers last year.",  # an act, no view
    "I despise the plan because it is cruel.",  # the author's own view
    "Few voters responded to the survey.",  # nobody in particular
    "The senator would respond to the criticism.",  # a response yet to come
    "To be sure, the council voted seven to two on Tuesday.",  # the author's fixed phrase, no one's certainty
    "To be fair, the mayor was out of town.",
])
def test_what_things_do_or_the_author_holds_is_no_view_held(text):
    assert first_sentence(text).attribution is None


@pytest.mark.parametrize(("text", "source", "cue"), [
    # Stance, intention and judgment verbs count as PolNeAR annotates them.
    ("The council plans to vote on the budget next week.", "The council", "plans"),
    ("Farmers view the new rule as a threat to their land.", "Farmers", "view"),
    ("The governor denounced the ruling on Friday.", "The governor", "denounced"),
    ("The union refused to sign the contract.", "The union", "refused"),
    # An attitude its subject holds.
    ("The mayor is confident that the bridge will reopen in May.", "The mayor", "confident"),
    ("Voters were wary of the new tax.", "Voters", "wary"),
    # A stance someone holds, with what it is about.
    ("The senator's call for a ban on the pesticide drew cheers from farmers.", "The senator's", "call"),
    # The parser hangs the name on the phrase before it and leaves "said" without a subject.
    ("Saturday at the state party's convention Sen. Jane Harlow (D-Ore.) said the nominee was a failure.",
     "Sen. Jane Harlow (D-Ore.)", "said"),
    # A dateline before a dash is no speaker, even when the parser makes it the subject.
    ("DAYTON, May 3 (UPI) — Former Attorney General Ann Mears told the delegates that the server was a risk.",
     "Former Attorney General Ann Mears", "told"),
])
def test_stance_and_its_holder(text, source, cue):
    attributed = first_sentence(text).attribution
    assert attributed is not None
    assert (attributed.speaker.text, attributed.cue.text) == (source, cue)
    assert text[attributed.speaker.start : attributed.speaker.end] == source


def test_a_reporting_verb_yields_to_no_stance_noun():
    text = "Clinton noted the attacks, her support for the first responders and her work on jobs."
    attributed = first_sentence(text).attribution
    assert (attributed.speaker.text, attributed.cue.text) == ("Clinton", "noted")


def test_what_is_expected_is_attributed_to_someone_unnamed():
    attributed = first_sentence("The plant is expected to close in March.").attribution
    assert attributed.cue.text == "expected"
    assert attributed.speaker is None


def test_a_party_and_state_after_a_name_still_name_the_speaker():
    text = "Sen. Jane Harlow (D-Ore.) toured the plant. Sen. Jane Harlow (D-Ore.) said the plant would close."
    attributed = analyze(Article(text, None, "test")).sentences[1].attribution
    assert attributed.speaker.name == "Jane Harlow"


def test_pronoun_speaker_is_named_by_the_entity_it_refers_to():
    text = ("Governor Jim Justice spoke first. Justice toured the mine with a reporter. "
            "He said it would reopen in the spring.")
    attributed = analyze(Article(text, None, "test")).sentences[2].attribution
    assert attributed.speaker.text == "He"
    # The entity's full name, not the "Justice" written nearest before the pronoun.
    assert attributed.speaker.name == "Jim Justice"


def test_signed_post_is_its_authors_and_the_speaker_stops_at_the_dash():
    text = ("Laura Vance spoke at a rally in Ohio on Thursday.\n\n"
            "Who would have believed the polls would turn so fast? "
            "So predictable - Jane Q. Public (@janeqpublic) October 1, 2016")
    sentences = analyze(Article(text, None, "test")).sentences
    assert sentences[0].attribution is None
    for sentence in sentences[1:]:
        assert sentence.attribution.speaker.text == "Jane Q. Public"
        assert sentence.attribution.cue.text == "-"


def test_reportedly_is_a_cue_without_a_source():
    sentence = first_sentence("The minister reportedly left the country on Friday.")
    assert sentence.attribution.cue.text == "reportedly"
    assert sentence.attribution.speaker is None


def test_a_report_from_names_its_author():
    text = "The figures come from a report by the national statistics office."
    sentence = first_sentence(text)
    assert sentence.attribution.cue.text == "a report by"
    assert sentence.attribution.speaker.text == "the national statistics office"


def test_seed_opening_is_attributed_to_nbc_news(sample_analysis):
    attributed = sample_analysis.sentences[1].attribution
    assert attributed.cue.text == "According to"
    assert attributed.speaker.text == "NBC News"


def test_seed_quoted_sentences_are_quotes_end_to_end(sample_analysis):
    sentences = sample_analysis.sentences
    assert sentences[8].text.startswith("A senior Biden official")
    assert sentences[8].label in ("quote", "reported")
    assert sentences[9].text.startswith("For some of these things")
    assert sentences[10].text.startswith("We share the vision")
    assert [sentences[9].label, sentences[10].label] == ["quote", "quote"]
    for sentence in sentences[8:11]:
        assert sentence.attribution.speaker.text == "A senior Biden official"
        assert sentence.attribution.cue.text == "calling"


@pytest.mark.parametrize("text", [
    "The plant closed in March after a fire.",
    "Not to mention the cost of the new roads and the bridges.",
    "The bridge was called the longest in the state.",
])
def test_sentences_without_reported_speech_have_no_attribution(text):
    assert first_sentence(text).attribution is None


@pytest.mark.parametrize("text", [
    "Observe that the budget grows in every good year.",  # an imperative addresses the reader
    "If they find that the budget grows, the council cuts taxes.",  # a condition
    "Watching which side wins will tell us much about the party.",  # speech yet to come
    "The plan can be said to help nobody.",  # a possible saying
    "Such a council may be called a failure.",
    "Few voters thought to ask why the road was built.",  # a thought of asking
    "Nobody wanted to say what the road would cost.",  # a wish to say
    "The coal company failed as predicted.",  # says nothing of who predicted it
    "Not to mention that the state never paid for the roads.",  # the author's own aside
    # The doubt left is the author's: no act of anyone's.
    "Not to mention the cost of the roads and the failed plans leaves doubt about the mayor's ability to act.",
    "Reading the reports takes most of the morning.",  # reading is no report without the words read
])
def test_the_authors_own_turns_are_no_attribution(text):
    assert first_sentence(text).attribution is None


@pytest.mark.parametrize("text", [
    # A thing or an act that a reporting verb or a stance hangs on speaks for no one: PolNeAR train never marks
    # such a subject as a source.
    "In some respects, the confrontation between the mayor and the council echoes a quarrel of last year.",
    "Pressure rises on the mayor after criticism of the budget.",
    # A meeting or an event is no voice either: "as the platform committee meeting began vowing to …" (the vow is
    # the email's sender's).
    "He sent out a fundraising email as the platform committee meeting began vowing to “fight for every vote” in "
    "the last primary.",
])
def test_a_thing_or_an_act_is_nobodys_voice(text):
    analysis = analyze(Article(text, None, "test"))
    found = analysis.sentences[0].attribution
    assert found is None or found.speaker is None
    assert [voice.name for voice in analysis.voices if voice.name is not None] == []


@pytest.mark.parametrize(("text", "source", "cue"), [
    # What an attempt does or a record holds is the doing of whoever made it or is on it.
    ("On Sunday morning Mr. Lee made a third attempt to deflect Mr. Park's criticism, writing on Twitter that the "
     "real issue at stake in the election was the budget.", "Mr. Lee", "writing"),
    ("The two senators are on record opposing the plan, but neither has said more.", "The two senators",
     "opposing"),
])
def test_a_cue_hung_on_an_attempt_or_a_record_is_its_subjects(text, source, cue):
    sentence = first_sentence(text)
    assert (sentence.attribution.speaker.text, sentence.attribution.cue.text) == (source, cue)


@pytest.mark.parametrize(("text", "source", "cue"), [
    # "made sure" hangs "sure" on the clause after it: what she made sure of holds no stance.
    ("Later, Ms. Ortiz made sure her critique of the budget was as polite as it was firm.", "her", "critique"),
    # The subject of "who" is the person an organisation's name is hung on, not the organisation.
    ("The mayor invited Ana Reyes, the director of the Center for Water Policy, who often criticizes the council, "
     "to speak.", "Ana Reyes", "criticizes"),
    # An act someone did speaks for its doer, not for the person it was done to.
    ("His nomination of Carl Webb, the head of the Farm Bureau, to the board suggests that he wants a softer line.",
     "His", "suggests"),
])
def test_people_merely_mentioned_are_no_source(text, source, cue):
    sentence = first_sentence(text)
    assert (sentence.attribution.speaker.text, sentence.attribution.cue.text) == (source, cue)


def test_what_a_text_reads_is_attributed_to_it():
    sentence = first_sentence("The sign read: the road is closed until spring.")
    assert sentence.attribution.cue.text == "read"
    assert sentence.attribution.speaker.text == "The sign"


def test_transcript_labels_speak_their_paragraphs():
    text = ("Debate night\n\nHOST: Welcome back to the program tonight.\n\n"
            "SMITH: Thank you for having me. It is good to be here.\n\nHOST: Let us begin with taxes.")
    sentences = analyze(Article(text, None, "test")).sentences
    assert sentences[0].attribution is None
    assert [s.attribution.speaker.text for s in sentences[1:]] == ["HOST", "SMITH", "SMITH", "HOST"]
    assert all(s.attribution.cue.text == ":" for s in sentences[1:])


def test_a_quoted_transcript_paragraph_without_a_label_goes_on_with_the_turn_before_it():
    # A quote running over paragraphs leaves each open; the last turn closes its quote, so the quote after it
    # is the next speaker's.
    text = ("Debate night\n\n\"HOST: Welcome back to the program tonight.\n\n"
            "\"SMITH: Thank you for having me.\n\n\"It is good to be here. Taxes are too high.\n\n"
            "\"HOST: Let us begin with taxes.\"\n\n\"It was a good night for us,\" Jones said.")
    analysis = analyze(Article(text, None, "test"))
    assert [s.attribution.speaker.text if s.attribution else None for s in analysis.sentences] == [
        None, "HOST", "SMITH", "SMITH", "SMITH", "HOST", "Jones"]


def test_a_single_capitalised_heading_is_not_a_transcript():
    text = "UPDATE: The plant will close in March after a fire."
    assert first_sentence(text).attribution is None


@pytest.mark.parametrize(("text", "frame"), [
    ("The plant will close in March, the company said.", "the company said."),
    ("According to the union, the plant will close in March.", "According to the union"),
    ("As the mayor noted, the plant will close in March.", "As the mayor noted"),
    ("Officials said the plant would close in March.", "Officials said ."),
    ("The senator called the bill a disgrace.", "The senator called the bill ."),
    ("The mayor described the plan as immoral.", "The mayor described the plan ."),
    ("The board denounced the ruling.", "The board denounced the ruling."),  # an act, no words relayed
])
def test_the_authors_words_around_a_report_leave_out_what_it_reports(text, frame):
    segment = Segment(0, 0, len(text), text, 0)
    found = first_sentence(text).attribution
    words = attribution.authors_words(nlp.parse(text), segment, found.cue)
    assert "".join(token.text_with_ws for token in words).strip(" ,") == frame


def test_a_subject_the_parse_hangs_on_a_noun_is_no_part_of_the_speaker():
    # A deck under the title is headline-speak: the parser reads "drives" as a noun and hangs "Criticism within
    # party" on "candidate" as its subject; the candidate says it, not "Criticism within party drives candidate".
    text = ("Ryan calls Trump line 'racist,' but backs him; \n"
            "Criticism within party drives candidate to say remarks 'misconstrued.'\n\n"
            "Speaker Paul D. Ryan on Tuesday called Donald J. Trump's remarks about a judge racist.")
    deck = analyze(Article(text, None, "test")).sentences[1]
    assert deck.attribution.speaker.text == "candidate"
    assert deck.attribution.cue.text == "say"
