"""Sentences: in order, inside their paragraph, and not split around quotation marks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import nlp
from reader.analysis import segment


def split(text: str) -> list[str]:
    doc = nlp.parse(text)
    return [sentence.text for sentence in segment.sentences(doc, segment.paragraphs(text))]


def test_headline_is_its_own_sentence_even_with_a_stop_inside():
    text = "Rates rise. Again.\n\nThe central bank raised rates on Tuesday for the third time this year."
    assert split(text) == ["Rates rise. Again.",
                           "The central bank raised rates on Tuesday for the third time this year."]


def test_seed_headline_is_its_own_sentence(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    assert split(text)[0] == "Mexico Seeks Amnesty In Exchange For Border Aid"


def test_sentence_never_crosses_a_paragraph_break():
    text = "Intro\n\nThe first paragraph ends without a stop\n\nand the second begins in lower case."
    doc = nlp.parse(text)
    paragraphs = segment.paragraphs(text)
    sentences = segment.sentences(doc, paragraphs)
    assert [s.text for s in sentences] == [
        "Intro", "The first paragraph ends without a stop", "and the second begins in lower case."]
    assert [s.paragraph for s in sentences] == [0, 1, 2]


def test_speech_tag_after_a_quoted_question_stays_with_it():
    text = '"Is this really the best plan we have?" Graham asked. Nobody answered.'
    assert split(text) == ['"Is this really the best plan we have?" Graham asked.', "Nobody answered."]


def test_lower_case_speech_tag_after_a_quoted_question_stays_with_it():
    text = '"Is this the best we can do?" the senator asked. Nobody answered.'
    assert split(text) == ['"Is this the best we can do?" the senator asked.', "Nobody answered."]


def test_closing_quotation_mark_stays_with_its_sentence():
    text = ('The council met on Monday. "We will not raise taxes this year, and we will not cut '
            'the school budget either." "')
    assert split(text)[1].endswith('either." "')



def test_an_opening_quotation_mark_goes_with_the_sentence_it_opens():
    # PolNeAR's texts open quotes with '' as often as they close them; spaCy left the opening one behind.
    text = ("Harbour Vote\n\nNo photographers were invited to record the moment. ''That wasn't a good way to "
            "start,'' Mr. Arad said. \"We will rebuild,\" she said.")
    expected = ["Harbour Vote", "No photographers were invited to record the moment.",
                "''That wasn't a good way to start,'' Mr. Arad said.", '"We will rebuild," she said.']
    assert split(text) == expected
    # So does a first look, before spaCy has loaded.
    assert [sentence.text for sentence in segment.rough_sentences(text, segment.paragraphs(text))] == expected

def test_name_after_a_quote_and_a_dash_stays_with_the_quote():
    text = ("Readers wrote in.\n“The bridge has been closed for far too long and nobody cares.” ― Ann Smith\n"
            "“Fix it now.” ― Bob Jones")
    assert split(text) == [
        "Readers wrote in.",
        "“The bridge has been closed for far too long and nobody cares.” ― Ann Smith",
        "“Fix it now.” ― Bob Jones",
    ]


def test_hard_wrapped_lines_do_not_cut_a_sentence():
    text = "The committee will meet again\nnext week to vote on the budget.\n\nNothing else was decided."
    assert split(text) == ["The committee will meet again\nnext week to vote on the budget.",
                           "Nothing else was decided."]


_PIECES = st.sampled_from([
    "The mayor said", " ", "  ", "\n", "\n\n", "\n \n", "\t", ".", "?", "!", ",", "“", "”", '"', "'", "’",
    "―", "—", "Smith", "said.", "é", "中文", "🙂", "\u00a0", "\u2028", "Mr.", "U.S.", "…", "(", ")", ":",
    "x", "A senior official", "calling it a", "very ambitious agenda.",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=30).map("".join)))
def test_sentences_lie_in_order_without_overlap_and_index_the_text(text):
    doc = nlp.parse(text)
    paragraphs = segment.paragraphs(text)
    sentences = segment.sentences(doc, paragraphs)
    previous_end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.id == index
        assert previous_end <= sentence.start < sentence.end
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        paragraph = paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start and sentence.end <= paragraph.end
        previous_end = sentence.end
    # The sentences tile the text: only white space lies between them, and text with words has sentences.
    bounds = [0, *(edge for sentence in sentences for edge in (sentence.start, sentence.end)), len(text)]
    assert all(not text[start:end].strip() for start, end in zip(bounds[::2], bounds[1::2], strict=True))
    assert bool(sentences) == bool(text.strip())


def test_speaker_label_stays_with_its_words():
    assert split("HOST: Welcome back to the program tonight.") == ["HOST: Welcome back to the program tonight."]


def test_an_abbreviation_before_a_number_does_not_end_the_sentence():
    text = ("Patriot Coal had bigger problems. The word underground was that Federal mine No. 2 would soon "
            "have to close. Miners there worried about their pensions.")
    assert split(text) == [
        "Patriot Coal had bigger problems.",
        "The word underground was that Federal mine No. 2 would soon have to close.",
        "Miners there worried about their pensions.",
    ]

