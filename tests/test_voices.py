"""Who a speaker is: pronouns, titles and stand-ins resolved to people, and one row per voice in Sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import analyzed, app_detail, select

from reader import resources
from reader.analysis import analyze
from reader.cli import main
from reader.model import Analysis, Article
from reader.sources import load
from reader.tui.app import ReaderApp


def analysis_of(text: str) -> Analysis:
    return analyze(Article(text, None, "test"))


def quote_speakers(text: str) -> list[tuple[str, str | None]]:
    """Each quote's speaker: the words the text gives, and the name reader gives them."""
    return [(quote.speaker.text, quote.speaker.name) if quote.speaker else (None, None)
            for quote in analysis_of(text).quotes]


@pytest.mark.parametrize(("text", "name"), [
    # A pronoun goes to the nearest person of its gender, never to one of the other.
    ("Hillary Clinton met Bernie Sanders in Iowa. “We will win this state,” she said.", "Hillary Clinton"),
    ("Hillary Clinton met Bernie Sanders in Iowa. “We will win this state,” he said.", "Bernie Sanders"),
    ("Ms. Lee and Mr. Park toured the plant. “The line will reopen in May,” he said.", "Park"),
    # Of the people in the sentence before, its subject speaks next; a name inside a quote is no antecedent.
    ("Richard Viguerie is upbeat about Cruz’s chances. “Not only can Ted Cruz win in November, he is the best,” "
     "he said.", "Richard Viguerie"),
    # The subject of the sentence's main clause, not of the clause it reports (PolNeAR train: 96 pronouns that
    # changed, all for the better).
    ("Mr. Coffman said Mr. Trump had disrespected the troops. “I am deeply offended,” he said.", "Coffman"),
    # But the subject of a clause in the pronoun's own sentence comes before the subject of the sentence before.
    ("Mr. Trump spoke first. While President Obama has cautioned against “a betrayal of our values,” he said the "
     "program will be reviewed.", "Obama"),
    # "X said" set into the sentence speaks as its main clause does.
    ("Trump, Mr. Sexton said, has created a “strange zone.” “His supporters feel justified,” he said.", "Sexton"),
])
def test_a_pronoun_speaks_for_the_nearest_person_it_can_be(text, name):
    assert quote_speakers(text)[0][1] == name


def test_a_pronoun_no_person_fits_keeps_no_name():
    [(words, name)] = quote_speakers("John Doe toured the plant. “The line will reopen in May,” she said.")
    assert (words, name) == ("she", None)
    voices = analysis_of("John Doe toured the plant. “The line will reopen in May,” she said.").voices
    assert [voice.name for voice in voices] == [None], "a pronoun is never a row of its own"


@pytest.mark.parametrize(("text", "words", "name"), [
    # The entity at the head of the speaker's words names them, not one its description mentions.
    ("“We will not back down from this,” said Michael Baselice, a pollster who worked for David Dewhurst.",
     "Michael Baselice, a pollster who worked for David Dewhurst", "Michael Baselice"),
    ("“It is a clear violation of the law,” said Stephen Vladeck of the University of Texas School of Law.",
     "Stephen Vladeck of the University of Texas School of Law", "Stephen Vladeck"),
    ("“We will not back down,” said Jim Lee, the third-ranking House Democrat.",
     "Jim Lee, the third-ranking House Democrat", "Jim Lee"),
    ("Speaker of the House Rep. Paul Ryan (R-WI) said “anti-Semitic images have no place in a campaign.”",
     "Speaker of the House Rep. Paul Ryan (R-WI)", "Paul Ryan"),
    # Someone speaking for a person is not that person; one of a group is not the group.
    ("A spokeswoman for Hillary Clinton said: “We will not comment on this at all.”",
     "A spokeswoman for Hillary Clinton", None),
    ("“I am for Bernie all the way, no question,” said one New Hampshire Democrat.",
     "one New Hampshire Democrat", None),
])
def test_the_name_is_the_one_at_the_head_of_the_speakers_words(text, words, name):
    assert quote_speakers(text)[0] == (words, name)


def test_a_title_his_office_and_a_transcript_stand_for_their_person():
    text = ("Sen. Marco Rubio spoke in Iowa on Monday. “We will win this,” the senator said.\n\n"
            "Rubio later wrote to donors. “Thank you for everything you have done,” his office said.\n\n"
            "Transcript as follows:\n\n“Tonight we arrived in Des Moines. We went to a diner.”")
    assert [name for _, name in quote_speakers(text)] == ["Marco Rubio"] * 3


def test_people_named_together_are_each_a_voice_and_the_two_credits_both():
    text = ("Secretary of State Antony Blinken and Homeland Security Secretary Alejandro Mayorkas traveled to "
            "Mexico, officials said. “We need Congress to act on this,” the two said in a joint statement.")
    analysis = analysis_of(text)
    rows = {voice.name: (voice.kind, voice.quoted, voice.cited) for voice in analysis.voices}
    assert rows["Antony Blinken"] == ("person", 1, 0)
    assert rows["Alejandro Mayorkas"] == ("person", 1, 0)
    assert analysis.quotes[0].speaker.name == "Antony Blinken and Alejandro Mayorkas"


def test_sources_list_each_person_once_under_their_full_name():
    text = ("Jim Lee, a senator from Ohio, spoke first. “We will vote no,” Lee said. "
            "“The bill is dead,” said Mr. Lee. “It was never alive,” he added. "
            "“We disagree with every word of it,” said Ann Park, a senator from Iowa.")
    voices = analysis_of(text).voices
    assert [(voice.name, voice.kind, voice.quoted) for voice in voices] == [
        ("Jim Lee", "person", 3), ("Ann Park", "person", 1)]


def test_a_couple_sharing_a_surname_speak_each_for_themselves():
    text = ("The parents, Tariq and Nazia Aziz, spoke out on Sunday. “He has sacrificed nothing,” Mr. Aziz said. "
            "“I am a grieving mother,” Ms. Aziz wrote. She continued: “He has children.”")
    assert [name for _, name in quote_speakers(text)] == ["Tariq Aziz", "Nazia Aziz", "Nazia Aziz"]
    voices = analysis_of(text).voices
    assert [(voice.name, voice.quoted) for voice in voices] == [("Nazia Aziz", 2), ("Tariq Aziz", 1)]


@pytest.mark.parametrize(("text", "words"), [
    # A colon hands the quote to the clause it ends, even where the parser hangs that clause on the quote's words.
    ("Harry Reid said both men are “non-entities,” but Mitch McConnell offered a kinder view: “He is smart, I will "
     "give him that.”", "Mitch McConnell"),
    # A name and a colon, its party and state in brackets, with no space before the mark.
    ("The hearing went on for hours. Rep. Trey Gowdy (R-S.C.):“Where were you that night?”", "Rep. Trey Gowdy"),
    # The name after a tag's verb, which the parser leaves out of its subject in a long sentence.
    ("The chairman spoke last.\n\n“If anyone wonders why the investigation is not yet complete, the malfeasance and "
     "numerous problems identified in this report are Exhibit A, and prove the committee has faced serial delays "
     "from Day One at the hands of public officials who sought to avoid transparency and accountability,” added "
     "Gowdy.", "Gowdy"),
    # A past tense the parser takes for a command.
    ("The board met on Monday. “The senator must resign,” the editorial read.", "the editorial"),
    # A clause of what would happen is no one speaking: the tag after the quote is.
    ("Unless rivals quit the race, “the party will split in two,” the memo warned.", "the memo"),
])
def test_a_tag_the_parser_misreads_is_read_by_its_place(text, words):
    assert quote_speakers(text)[0][0] == words


def test_a_line_of_a_dash_and_a_name_signs_the_quote_above_it():
    signed = ("The Post asked again on Feb. 4.\n\n\"I went to Wall Street before the crash. I was the one saying "
              "you're going to wreck the economy.\"\n\n- Hillary Clinton.\n\nShe tends to overstate it.")
    assert quote_speakers(signed) == [("Hillary Clinton", "Hillary Clinton")]
    # A list's dash is no signature, and what is no name signs nothing.
    listed = "The plan has three parts, aides said:\n\n\"Cut taxes.\"\n\n- Reduce spending."
    assert all(words != "Reduce spending" for words, _ in quote_speakers(listed))


KAINE = ("Kaine has adopted the stance common among some Catholics in public office: “I’m pro-life in my personal "
         "life, but support abortion in my public life.”")


async def test_the_json_the_detail_line_and_sources_name_one_speaker_for_a_quote(tmp_path, capsys):
    # The quote's speaker comes from its sentence's attribution, outside the quote, when no tag names one: the
    # detail line said "quoted; speaker unknown" where reader analyze gave the sentence a source.
    source = tmp_path / "kaine.txt"
    source.write_text(KAINE, encoding="utf-8")
    assert main(["analyze", str(source), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    [quote] = document["quotes"]
    [sentence] = document["sentences"]
    assert quote["speaker"]["name"] == sentence["attribution"]["source"]["name"] == "Kaine"
    assert [(voice["name"], voice["quoted"]) for voice in document["voices"]] == [("Kaine", 1)]
    analysis = analysis_of(KAINE)
    app = ReaderApp(Article(KAINE, "Kaine", str(source)), analyzer=lambda article, progress=None: analysis)
    async with app.run_test() as pilot:
        await analyzed(pilot)
        await select(pilot, 0)
        assert "said by Kaine (‘adopted’)" in app_detail(app)


def test_a_quote_and_its_sentences_never_tell_different_speakers():
    pages = [resources.sample_article(), Path(__file__).parent / "data" / "council-bridge.html"]
    for page in pages:
        analysis = analyze(load(str(page)))
        for sentence in analysis.sentences:
            quote = analysis.quote_of(sentence.id)
            if quote is not None and sentence.attribution is not None and sentence.attribution.speaker is not None:
                assert quote.speaker is not None, (page.name, sentence.text)
        heard = {voice.name for voice in analysis.voices}
        assert {quote.speaker.name for quote in analysis.quotes if quote.speaker and quote.speaker.name} <= heard


@pytest.mark.parametrize(("headline", "source"), [
    ("Lee: Council could impeach the mayor.", "Lee"),
    # A name the tagger misses in a headline, and whose words are no opinion of the author's.
    ("Smith: Generals don't want another war.", "Smith"),
    ("Teachers to Governor: Fund the schools.", "Teachers"),
    # A heading's word and a dateline's place speak nothing.
    ("Update: The council will vote again on Friday.", None),
    ("WASHINGTON: The council will vote again on Friday.", None),
])
def test_a_headline_that_names_its_speaker_and_a_colon_is_theirs(headline, source):
    [first, *_] = analysis_of(f"{headline}\n\nThe council met on Tuesday. Jim Lee spoke after the vote.").sentences
    assert (first.attribution.speaker.text if first.attribution and first.attribution.speaker else None) == source
    if source is not None:
        assert first.label == "reported" and first.attribution.cue.text == ":"


@pytest.mark.parametrize("text", [
    "The rally ended late. “We will win this state,” they said.",  # a pronoun nothing resolves
    "Seventy-two percent said they backed the plan, the poll found. Many said they would vote for it.",
    "It is the way things work, his remarks suggested.",
])
def test_sources_list_no_pronoun_figure_or_thing(text):
    rows = [voice.name for voice in analysis_of(text).voices]
    assert all(row is None or row == "the poll" for row in rows), rows


def test_a_lone_surname_counts_under_the_one_full_name_among_the_voices():
    text = ("Sen. Chuck Grassley spoke on Wednesday. “The judge should recuse himself,” Grassley said. Charles "
            "Grassley Sr. farmed in Iowa for decades. “We will hold no hearings,” Grassley told reporters.")
    rows = {voice.name: voice.quoted for voice in analysis_of(text).voices}
    assert rows == {"Chuck Grassley": 2}


@pytest.mark.parametrize(("text", "name"), [
    # The sentences of a quote put its speaker no further off: "he" after four quoted sentences is still Trump; but
    # a sentence of the author's after a quote is as far from those named before it as ever.
    ("Cruz warned against a brokered convention. As for Donald Trump, he said he’s not worried. “First of all, I "
     "think I'm going to have the delegates, OK? I think. Let's see what happens. Let's see what happens,” he said.",
     "Donald Trump"),
    ("“Trump says the things people want to say,” Marco Rubio said. “But presidents can’t just say anything they "
     "want. It has consequences around the world. “I'm not interested in being politically correct. I'm just "
     "interested in being correct,” he continued.", "Marco Rubio"),
    ("“He has been so successful,” said Mr. Gunnels. “He sees himself as fighting for working people. He built "
     "coalitions.” But in Mr. Sanders's proudest moments, it is the losses that stand out. He was among 25 senators "
     "against the bailout. “I said no to the Iraq war,” he said.", "Sanders"),
])
def test_a_pronoun_after_a_long_quote_is_the_person_named_before_it(text, name):
    assert quote_speakers(text)[-1][1] == name


def test_the_authors_own_i_think_is_no_source():
    text = ("I know Donald Trump personally. But I don't think his interviews are the only thing that has him "
            "leading in the polls. Officials said the plan would fail.")
    assert [(voice.name, voice.cited) for voice in analysis_of(text).voices] == [("Officials", 1)]
