"""Entities: spaCy's names grouped by kind, with their aliases merged."""

import pytest

from reader import nlp, resources
from reader.analysis import entities, voices
from reader.model import Attribution, Entity, Quote, Segment, Span, Speaker


def find(text: str) -> list[Entity]:
    doc = nlp.parse(text)
    sentences = [Segment(index, sent.start_char, sent.end_char, sent.text, 0) for index, sent in enumerate(doc.sents)]
    return entities.find_entities(doc, sentences)


def named(found: list[Entity], name: str) -> Entity:
    """The entity called `name` or having it as an alias."""
    matches = [entity for entity in found if name == entity.name or name in entity.aliases]
    assert len(matches) == 1, f"{name!r} in {[(e.name, e.aliases) for e in found]}"
    return matches[0]


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Entity]]:
    text = resources.sample_article().read_text(encoding="utf-8")
    return text, find(text)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Biden", "person"),
        ("Antony Blinken", "person"),
        ("Alejandro Mayorkas", "person"),
        ("Obrador", "person"),
        ("NBC News", "org"),
        ("White House", "org"),
        ("Congress", "org"),
        ("Mexico", "place"),
        ("U.S.", "place"),
        ("Venezuela", "place"),
        ("Cuba", "place"),
        ("Guatemala", "place"),
        ("Washington", "place"),
        ("Mexican", "group"),
    ],
)
def test_seed_entities_are_found_with_their_kind(seed, name, kind):
    assert named(seed[1], name).kind == kind


def test_seed_misspelt_names_of_obrador_are_one_person(seed):
    obrador = named(seed[1], "Obrador")
    assert {obrador.name, *obrador.aliases} == {"Lopex Obrador", "Orbrador", "Obrador"}
    assert obrador.kind == "person"


def test_seed_merges_every_name_of_the_united_states(seed):
    united_states = named(seed[1], "U.S.")
    assert united_states.name == "United States"
    assert len(united_states.mentions) == 7


def test_seed_headline_words_are_not_an_organisation(seed):
    text, found = seed
    headline_end = text.index("\n")
    names_in_headline = [
        text[mention.start : mention.end]
        for entity in found
        for mention in entity.mentions
        if mention.start < headline_end
    ]
    assert names_in_headline == ["Mexico"]
    assert not any("Seeks" in entity.name or "Amnesty" in entity.name for entity in found)


def test_seed_office_is_not_an_entity(seed):
    names = {alias for entity in seed[1] for alias in [entity.name, *entity.aliases]}
    assert "State" not in names


def test_seed_entities_are_ordered_by_mentions_then_first_appearance(seed):
    found = seed[1]
    keys = [(-len(entity.mentions), entity.mentions[0].start) for entity in found]
    assert keys == sorted(keys)
    assert [entity.name for entity in found[:3]] == ["Mexico", "United States", "Joe Biden"]


def test_mentions_index_the_text_and_their_sentence():
    text = "Joe Biden spoke on Monday. Later, Biden’s aides said the plan was ready. Biden's critics disagreed."
    biden = named(find(text), "Biden")
    assert biden.name == "Joe Biden"
    assert [text[mention.start : mention.end] for mention in biden.mentions] == ["Joe Biden", "Biden", "Biden"]
    assert [mention.sentence_id for mention in biden.mentions] == [0, 1, 2]
    assert biden.kind == "person"


def test_seed_mentions_are_in_order_and_index_the_text(seed):
    text, found = seed
    for entity in found:
        starts = [mention.start for mention in entity.mentions]
        assert starts == sorted(starts)
        for mention in entity.mentions:
            assert text[mention.start : mention.end] in {entity.name, *entity.aliases}


def test_the_united_states_us_usa_and_america_are_one_place():
    text = (
        "Officials in the United States were cautious. The U.S. economy grew, and America's allies took note. "
        "Trade with the US rose, the USA said."
    )
    united_states = named(find(text), "America")
    assert united_states.name == "United States"
    assert set(united_states.aliases) == {"U.S.", "America", "US", "USA"}
    assert united_states.kind == "place"


def test_an_acronym_joins_the_full_name():
    found = find("The Federal Bureau of Investigation opened a case. The FBI declined to comment.")
    assert named(found, "FBI").name == "Federal Bureau of Investigation"


def test_a_surname_shared_by_two_people_stays_apart():
    found = find("George Bush and Jeb Bush arrived. Bush spoke first.")
    assert named(found, "Bush").name == "Bush"
    assert named(found, "George Bush") is not named(found, "Jeb Bush")


def test_a_near_surname_shared_by_two_people_joins_neither():
    found = find("Hillary Clinton met Bill Clinton. The Clintons left. Clinton spoke.")
    assert named(found, "Hillary Clinton") is not named(found, "Bill Clinton")
    assert named(found, "Clinton") not in (named(found, "Hillary Clinton"), named(found, "Bill Clinton"))


def test_an_acronym_is_never_a_surname():
    found = find("Kim Jong Un met U.N. officials. The U.N. said no.")
    assert named(found, "U.N.") is not named(found, "Kim Jong Un")


def test_a_dateline_in_capitals_does_not_name_the_place():
    place = named(find("WASHINGTON — Officials in Washington said so."), "WASHINGTON")
    assert place.name == "Washington"


def test_a_misspelt_and_an_untagged_surname_join_the_full_name():
    text = "Senator Elizabeth Warren criticised the bill. Warren later spoke to reporters, and Warrenn's office said no."
    warren = named(find(text), "Warrenn")
    assert warren.name == "Elizabeth Warren"
    assert warren.aliases == ("Warren", "Warrenn")


def test_places_one_letter_apart_stay_apart():
    found = find("Colombia sent troops. Columbia is in South Carolina. Colombia later withdrew.")
    assert named(found, "Colombia") is not named(found, "Columbia")


def test_a_name_after_a_title_is_a_person_even_when_spacy_misses_it(seed):
    text = seed[0]
    mayorkas = named(seed[1], "Alejandro Mayorkas")
    assert [text[m.start : m.end] for m in mayorkas.mentions] == ["Alejandro Mayorkas"]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The French delegation met Microsoft executives in Paris.", "French", "group"),
        ("The French delegation met Microsoft executives in Paris.", "Microsoft", "org"),
        ("The French delegation met Microsoft executives in Paris.", "Paris", "place"),
        ("Delegates met to discuss the Paris Agreement.", "Paris Agreement", "other"),
        ("Donald Trump spoke. Trump said the plan would win.", "Trump", "person"),
    ],
)
def test_kinds(text, name, kind):
    assert named(find(text), name).kind == kind


def test_a_title_case_headline_yields_only_names_known_from_the_article():
    text = "Canada Plans New Tax On Imports\n\nCanada said on Monday that it would tax steel."
    found = find(text)
    assert [(entity.name, len(entity.mentions)) for entity in found] == [("Canada", 2)]


def test_speakers_are_named_after_the_entity_at_their_head():
    text = "Mexico’s president, Lopex Obrador called. A senior Biden official said no. Obrador said yes."
    names = voices.Names(find(text))
    president = Speaker("Mexico’s president, Lopex Obrador", 0, 33)
    official = Speaker("A senior Biden official", text.index("A senior"), text.index("A senior") + 23)
    obrador_start = text.index("Obrador said")
    quote = Quote(0, 0, "", (2,), Speaker("Obrador’s", obrador_start, obrador_start + 9), None)
    assert names.attribution(Attribution(president, Span("called", 34, 40))).speaker.name == "Lopex Obrador"
    assert names.attribution(Attribution(official, Span("said", 66, 70))).speaker.name is None
    assert names.quote(quote).speaker.name == "Lopex Obrador"


def test_a_speaker_naming_two_people_gets_no_single_name(seed):
    text, found = seed
    start = text.index("Secretary of State")
    end = text.index(" reportedly")
    assert voices.Names(found).speaker(Speaker(text[start:end], start, end)).name is None
