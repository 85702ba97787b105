"""Figures: money, percentages, counts, dates and quantities, found and normalised."""

from datetime import date

import pytest

from reader import nlp, resources
from reader.analysis import figures
from reader.analysis.figures import dates
from reader.model import Figure, Segment


def find(text: str, reference: str | None = None) -> list[Figure]:
    doc = nlp.parse(text)
    sentences = [Segment(index, sent.start_char, sent.end_char, sent.text, 0) for index, sent in enumerate(doc.sents)]
    return figures.find(doc, sentences, reference, sourced=())


def figure(found: list[Figure], text: str) -> Figure:
    matches = [item for item in found if item.text == text]
    assert len(matches) == 1, f"{text!r} in {[(f.text, f.kind) for f in found]}"
    return matches[0]


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value", "unit"),
    [
        ("The plan costs $20 billion in all.", "$20 billion", "money", 20_000_000_000, "USD"),
        ("The club paid £3.5m for the striker.", "£3.5m", "money", 3_500_000, "GBP"),
        ("The bank raised €2bn from investors.", "€2bn", "money", 2_000_000_000, "EUR"),
        ("The fine came to 500 dollars.", "500 dollars", "money", 500, "USD"),
        ("The start-up was sold for $5M last week.", "$5M", "money", 5_000_000, "USD"),
        ("The deal is worth US$2.5bn to the group.", "US$2.5bn", "money", 2_500_000_000, "USD"),
        ("The prize is C$40k this season.", "C$40k", "money", 40_000, "CAD"),
        ("Grants worth 3 million euros were paid.", "3 million euros", "money", 3_000_000, "EUR"),
        ("The grant granted amnesty to some 10 million immigrants.", "some 10 million", "count", 10_000_000, None),
        ("Inflation rose 5% over the year.", "5%", "percent", 0.05, None),
        ("Inflation rose 5 percent over the year.", "5 percent", "percent", 0.05, None),
        ("Prices in Britain rose 3.5 per cent.", "3.5 per cent", "percent", 0.035, None),
        ("Support fell 12 percentage points in a week.", "12 percentage points", "percent", 0.12, "percentage point"),
        ("Half of the voters stayed home.", "Half", "percent", 0.5, None),
        ("The bill needs two-thirds of the votes.", "two-thirds", "percent", 0.6666666667, None),
        ("One in five voters stayed home.", "One in five", "percent", 0.2, None),
        ("About 1,200 workers lost their jobs.", "About 1,200", "count", 1200, None),
        ("12 managers lost their jobs.", "12", "count", 12, None),
        ("He hired a dozen lawyers.", "a dozen", "count", 12, None),
        ("Half a million people marched.", "Half a million", "count", 500_000, None),
        ("The firm employs twenty-five thousand staff.", "twenty-five thousand", "count", 25_000, None),
        ("The debate was watched by millions at home.", "millions", "count", None, None),
        ("Tens of thousands fled the city.", "Tens of thousands", "count", None, None),
        ("The storm travelled 5 miles inland.", "5 miles", "quantity", 5, "mi"),
        ("Hail weighing 30 kg fell on the town.", "30 kg", "quantity", 30, "kg"),
        ("The park covers 5 square miles.", "5 square miles", "quantity", 5, "sq mi"),
        ("The talks lasted two years.", "two years", "quantity", 2, "year"),
        ("A 43-year-old man was arrested.", "43-year-old", "quantity", 43, "year"),
        ("He resigned on Dec. 5, 2023, after the vote.", "Dec. 5, 2023", "date", "2023-12-05", None),
        ("The vote is due in November 2024.", "November 2024", "date", "2024-11", None),
        ("The law was passed in 2019 by parliament.", "2019", "date", "2019", None),
        ("The file was dated 2023-12-05 by the clerk.", "2023-12-05", "date", "2023-12-05", None),
        ("The talks were held in December.", "December", "date", None, None),
        ("Crossings rose again last month.", "last month", "date", None, None),
    ],
)
def test_figures_are_normalised(sentence, text, kind, value, unit):
    found = figure(find(sentence), text)
    assert (found.kind, found.value, found.unit) == (kind, value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("December", "2023-12"),
        ("November", "2023-11"),
        ("Friday", "2024-01-05"),
        ("on Wednesday", "2024-01-10"),
        ("Tuesday", "2024-01-09"),
        ("last month", "2023-12"),
        ("later this month", "2024-01"),
        ("yesterday", "2024-01-09"),
        ("Sept. 28", "2023-09-28"),
        ("March 2019", "2019-03"),
        ("the 1990s", None),
    ],
)
def test_dates_resolve_against_the_article_date(text, value):
    assert dates.resolve_date(text, date(2024, 1, 10)) == value


def test_relative_dates_have_no_value_without_an_article_date():
    assert dates.resolve_date("Friday") is None
    assert dates.resolve_date("last month") is None


def test_figures_resolve_against_the_reference_date():
    found = find("Crossings rose again last month, officials said on Friday.", reference="2024-01-10")
    assert figure(found, "last month").value == "2023-12"
    assert figure(found, "Friday").value == "2024-01-05"


@pytest.mark.parametrize(
    ("sentence", "not_a_figure"),
    [
        ("He said one of the officials resigned.", "one"),
        ("Section 230 was debated at length.", "230"),
        ("They worked through the night.", "night"),
        ("Between 5 and 10 people died.", "Between 5"),
        ("The attacks of 9/11 changed the country.", "9/11"),
        ("He won 3 in 2016 and lost two.", "3 in 2016"),
        ("Only 5 in 10,000 applicants were chosen.", "5 in 10"),
        ("The firm took control of Uranium One in three deals.", "One in three"),
    ],
)
def test_words_that_are_not_figures(sentence, not_a_figure):
    assert not_a_figure not in [item.text for item in find(sentence)]


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value", "unit"),
    [
        # Vague: no exact value at all.
        ("He raised several million dollars for the campaign.", "several million dollars", "money", None, "USD"),
        ("Dozens of protesters gathered outside.", "Dozens", "count", None, None),
        ("Police arrested hundreds of marchers.", "hundreds", "count", None, None),
        ("A few thousand people marched on Sunday.", "A few thousand", "count", None, None),
        ("Several hundred voters stayed home.", "Several hundred", "count", None, None),
        ("The city has 5 to 10 new cases.", "5 to 10", "count", None, None),
        ("He said 90 to 95 percent of the e-mails were sent.", "90 to 95 percent", "percent", None, None),
        ("You got 60-70% of the American people.", "60-70%", "percent", None, None),
        ("Israel has 80-200 nuclear weapons.", "80-200", "count", None, None),
        ("They found between 600-700 Clinton emails.", "600-700", "count", None, None),
        # Hedged: the number said, marked as an estimate; a hedge before a currency sign belongs to the figure.
        ("About 1,200 workers lost their jobs.", "About 1,200", "count", 1200, None),
        ("The plan would cost about $20 billion over a decade.", "about $20 billion", "money", 20_000_000_000, "USD"),
        ("It is probably going to be close to two million dollars, he said.", "close to two million dollars", "money",
         2_000_000, "USD"),
        ("Turnout rose more than 5% in a year.", "more than 5%", "percent", 0.05, None),
        ("About 4 in 10 voters backed the plan.", "About 4 in 10", "percent", 0.4, None),
        ("The talks lasted nearly two years.", "nearly two years", "quantity", 2, "year"),
    ],
)
def test_an_amount_the_words_give_no_exact_number_for_is_approximate(sentence, text, kind, value, unit):
    found = figure(find(sentence), text)
    assert (found.kind, found.value, found.unit, found.approximate) == (kind, value, unit, True)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The plan costs $20 billion in all.", "$20 billion"),
        ("Inflation rose 5% over the year.", "5%"),
        ("1,237 delegates are needed to win.", "1,237"),
    ],
)
def test_an_exact_amount_is_not_approximate(sentence, text):
    assert figure(find(sentence), text).approximate is False


@pytest.mark.parametrize(
    ("figure_", "shown"),
    [
        (Figure("about $20 billion", "money", 20_000_000_000, "USD", 0, 17, 0, approximate=True),
         "≈ 20,000,000,000 USD"),
        (Figure("several million dollars", "money", None, "USD", 0, 23, 0, approximate=True), "no exact value (USD)"),
        (Figure("dozens", "count", None, None, 0, 6, 0, approximate=True), "no exact value"),
        (Figure("12.5%", "percent", 0.125, None, 0, 5, 0), "12.5 %"),
        (Figure("12 percentage points", "percent", 0.12, "percentage point", 0, 20, 0), "12 percentage points"),
        (Figure("December", "date", None, None, 0, 8, 0), ""),
        (Figure("less than a third", "percent", 1 / 3, None, 0, 17, 0, approximate=True), "≈ 33.3 %"),
        (Figure("the last two weeks", "quantity", 2, "week", 0, 18, 0), "2 weeks"),
        (Figure("a century", "quantity", 1, "century", 0, 9, 0), "1 century"),
        (Figure("three centuries", "quantity", 3, "century", 0, 15, 0), "3 centuries"),
        (Figure("12 feet", "quantity", 12, "ft", 0, 7, 0), "12 ft"),
    ],
)
def test_the_normalised_value_says_what_the_reader_can_rely_on(figure_, shown):
    assert figure_.normalised == shown


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        # spaCy cuts the range after "and": the phrase ends where its figure does.
        ("Between Saturday morning and Sunday night, police arrested 40 people.", ["Saturday morning", "Sunday", "40"]),
        ("Between September 2011 and November 2012, he was paid twice.", ["September 2011", "November 2012"]),
        ("The poll was conducted between Oct. 30 and Nov. 9, and surveyed 2,000 people.",
         ["between Oct. 30 and Nov. 9", "2,000"]),
    ],
)
def test_a_figures_phrase_is_never_cut_mid_way(sentence, texts):
    assert [item.text for item in find(sentence)] == texts


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The town marked its 125-year history with a parade.", "125-year", 125),
        ("After a two-week recess, the Senate returned.", "two-week", 2),
    ],
)
def test_an_n_year_phrase_is_a_duration(sentence, text, value):
    found = figure(find(sentence), text)
    assert (found.kind, found.value) == ("quantity", value)


@pytest.mark.parametrize(
    "sentence",
    [
        "The two candidates met three times, and only one of them won.",
        "Four aides left, at least five stayed and about one in nine agreed.",
    ],
)
def test_small_counts_written_in_words_are_not_listed(sentence):
    assert [item for item in find(sentence) if item.kind == "count"] == []


def test_larger_counts_and_counts_in_digits_are_listed():
    found = find("He met 2 of the 12 jurors and a dozen lawyers, but two dozen reporters and one million viewers.")
    assert [(item.text, item.value) for item in found if item.kind == "count"] == [
        ("2", 2), ("12", 12), ("a dozen", 12), ("two dozen", 24), ("one million", 1_000_000),
    ]


def test_a_currency_word_used_as_a_verb_is_no_money():
    assert [item.kind for item in find("Of the 12 races, only one won a majority.")] == ["count"]


def test_a_range_keeps_no_single_value():
    found = find("The city has 5 to 10 new cases.")
    assert [item.value for item in found if item.kind == "count"] == [None]


def test_seed_figures_are_found_in_their_sentences():
    text = resources.sample_article().read_text(encoding="utf-8")
    found = find(text)
    doc_sentences = list(nlp.parse(text).sents)
    expected = {
        "10 million": ("count", 10_000_000),
        "$20 billion": ("money", 20_000_000_000),
        "December": ("date", None),
        "Friday": ("date", None),
        "last month": ("date", None),
        "November": ("date", None),
    }
    for words, (kind, value) in expected.items():
        item = next(item for item in found if item.text.endswith(words))
        assert (item.kind, item.value) == (kind, value)
        holder = doc_sentences[item.sentence_id]
        assert holder.start_char <= item.start < item.end <= holder.end_char
    for item in found:
        assert text[item.start : item.end] == item.text
    assert [item.start for item in found] == sorted(item.start for item in found)


def test_superscript_digits_are_not_amounts():
    # '²'.isdigit() is true but float('²') fails: an area in m² must not crash the analysis.
    figures = find("The flat measures 45 m² and costs $300,000.")
    assert [figure.value for figure in figures if figure.kind == "money"] == [300000]


@pytest.mark.parametrize(
    ("sentence", "figures_"),
    [
        # A tally gives each side's number: two exact counts, not one range with no value, nor one side only.
        ("Cruz trails Trump 458 to 359 in delegates.", [("458", "count", 458), ("359", "count", 359)]),
        ("The Supreme Court voted 5 to 4 to stall the plan.", [("5", "count", 5), ("4", "count", 4)]),
        ("The council voted 6-1 for the resolution.", [("6", "count", 6), ("1", "count", 1)]),
        ("He compiled a record of 216-146 while pitching.", [("216", "count", 216), ("146", "count", 146)]),
        ("The court deadlocked 4-4 on the case.", [("4", "count", 4), ("4", "count", 4)]),
        ("The case was decided by a 5-to-3 vote.", [("5", "count", 5), ("3", "count", 3)]),
        ("Romney's 73-to-25 percent victory stood.", [("73", "percent", 0.73), ("25 percent", "percent", 0.25)]),
        ("Clinton would beat Trump 46 to 40 percent in the poll.",
         [("46", "percent", 0.46), ("40 percent", "percent", 0.4)]),
        ("Her 64%-27% advantage held.", [("64%", "percent", 0.64), ("27%", "percent", 0.27)]),
    ],
)
def test_a_tally_lists_each_sides_number(sentence, figures_):
    assert [(item.text, item.kind, item.value) for item in find(sentence) if item.kind != "date"] == figures_
    assert not any(item.approximate for item in find(sentence))


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The city has 5 to 10 new cases.", "5 to 10"),  # low to high: a range
        ("The poll was conducted Nov. 6 to 10 by phone.", "Nov. 6 to 10"),
        ("The poll ran between 10-11 a.m. on Friday.", "10-11 a.m."),
    ],
)
def test_a_range_or_a_change_is_no_tally(sentence, text):
    assert text in [item.text for item in find(sentence)]


def test_a_placing_is_no_count():
    # "1-2" is first and second place: nothing in it counts anything.
    assert [item.text for item in find("He and Trump finished 1-2 in each of the 14 states.")] == ["14"]


@pytest.mark.parametrize(
    ("sentence", "in_the_name"),
    [
        ("He pointed to the Fight for 15 protesters outside.", "15"),
        ('It was a victory for the "Fight for 15" movement.', "15"),
        ("They embrace the Fight for Fifteen campaign.", "Fifteen"),
        ("The union-backed “Fight for $15” movement plans to protest.", "$15"),
        ("Obama and Putin met during a Group of 20 meeting in China.", "20"),
        ("He gave his assessment of Super Bowl 50 between the two teams.", "50"),
        ("John Bulgaro, the president of Teamsters Local 294 in Albany, said so.", "294"),
    ],
)
def test_a_number_in_a_capitalised_name_is_no_figure(sentence, in_the_name):
    assert in_the_name not in [item.text for item in find(sentence)]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("The AP-GfK Poll of 1,033 adults was conducted online.", "1,033"),
        ("Delegates so far: Rubio 151, and Kasich 37.", "37"),
        ("Republicans have 24 Senate seats up in November, Democrats 10.", "10"),
        ("One poll shows Ted Cruz 16 points ahead of Trump.", "16"),
    ],
)
def test_a_count_after_a_name_is_still_a_count(sentence, count):
    assert count in [item.text for item in find(sentence) if item.kind == "count"]


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("He has a negative 42%-49% approval rating.", ["42%", "49%"]),  # a poll's tally, low side first
        ("She rose from 40 percent on July 14 to 46 percent.", ["40 percent", "July 14", "46 percent"]),
    ],
)
def test_no_range_of_percentages_is_read_across_a_tally_or_a_date(sentence, texts):
    assert [item.text for item in find(sentence)] == texts


@pytest.mark.parametrize(
    ("sentence", "not_money"),
    [
        ("Mateen was killed in a police shootout.", "Mateen"),
        ("A federal judge handling a Freedom of Information Act lawsuit ordered the release.",
         "a Freedom of Information Act"),
        ("“We are not going to pay any single cent for such a stupid wall,” Calderon said.", "any single cent"),
    ],
)
def test_words_that_say_no_sum_and_no_currency_are_no_money(sentence, not_money):
    assert not_money not in [item.text for item in find(sentence)]


def test_a_vague_sum_is_still_money():
    assert figure(find("He spent millions of dollars on ads."), "millions of dollars").kind == "money"


def test_a_quantity_with_nothing_it_measures_in_is_a_count_and_its_hedge_no_unit():
    # spaCy calls "more than 11 million" a quantity here; it read as "≈ 11,000,000 than".
    [found] = find("His call to deport more than 11 million undocumented people in the country drew cheers.")
    assert (found.text, found.kind, found.value, found.unit, found.approximate) == (
        "more than 11 million", "count", 11_000_000, None, True)
    assert found.normalised == "≈ 11,000,000"
