"""Entities: spaCy's names grouped by kind, with their aliases merged."""

import json

import pytest

from reader import nlp, resources
from reader.analysis import analyze, entities, segment
from reader.cli import main
from reader.model import Article, Entity


def find(text: str) -> list[Entity]:
    doc = nlp.parse(text)
    return entities.find(doc, segment.sentences(doc, segment.paragraphs(text)))


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


def test_an_acronym_joins_the_full_name_and_its_misspelling():
    found = find(
        "WASHINGTON (AP) — Exit polls were conducted for the Associated Press and networks. Polls conducted for the "
        "Associates Press showed a lead."
    )
    assert named(found, "AP") is named(found, "Associated Press") is named(found, "Associates Press")


def test_a_surname_shared_by_two_people_stays_apart():
    found = find("George Bush and Jeb Bush arrived. Bush spoke first.")
    assert named(found, "Bush").name == "Bush"
    assert named(found, "George Bush") is not named(found, "Jeb Bush")


# A couple the article names together, then by honorific: neither given name is in the lists, so the order of
# "Mr. and Mrs." tells them apart.
COUPLE = (
    "The parents, Tariq and Nazia Aziz, spoke out against Mr. Trump on Sunday. Mr. Aziz said the candidate had "
    "sacrificed nothing. Ms. Aziz said she had stayed silent because of her grief. Senators defended the Aziz family, "
    "and the Azizes thanked them. “I am a grieving mother,” Ms. Aziz wrote. She continued: “He has children.”"
)


def written(text: str, entity: Entity) -> list[str]:
    """Each mention of the entity with the word before it."""
    return [" ".join(text[: mention.end].split()[-2:]) for mention in entity.mentions]


def test_a_couple_sharing_a_surname_are_two_people_told_apart_by_their_honorifics():
    found = find(COUPLE)
    husband, wife = named(found, "Tariq Aziz"), named(found, "Nazia Aziz")
    assert (husband.kind, wife.kind) == ("person", "person")
    assert written(COUPLE, husband) == ["parents, Tariq", "Mr. Aziz"]
    assert written(COUPLE, wife) == ["Nazia Aziz", "Ms. Aziz", "Ms. Aziz"]


def test_a_family_named_by_its_surname_is_no_person():
    names = {(entity.name, entity.kind) for entity in find(COUPLE)}
    assert not names & {("Aziz", "person"), ("Azizes", "person")}


def test_analyze_lists_a_couple_sharing_a_surname_as_two_people(tmp_path, capsys):
    article = tmp_path / "couple.txt"
    article.write_text(COUPLE + "\n", encoding="utf-8")
    assert main(["analyze", str(article), "--format", "json"]) == 0
    people = {
        entity["name"] for entity in json.loads(capsys.readouterr().out)["entities"] if entity["kind"] == "person"
    }
    assert people == {"Tariq Aziz", "Nazia Aziz", "Trump"}


def test_honorifics_give_a_surname_to_the_person_of_their_gender():
    text = (
        "Bill Clinton and Hillary Clinton arrived. Mrs. Clinton spoke first, and Mr. Clinton said nothing. "
        "Clinton left at noon."
    )
    found = find(text)
    # The last, with no honorific, is the one named last in full.
    assert written(text, named(found, "Hillary Clinton")) == ["Hillary Clinton", "Mrs. Clinton", "nothing. Clinton"]
    assert written(text, named(found, "Bill Clinton")) == ["Bill Clinton", "Mr. Clinton"]


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
    text = (
        "Senator Elizabeth Warren criticised the bill. Warren later spoke to reporters, and Warrenn's office said no."
    )
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


def test_a_word_of_a_days_name_or_a_piece_of_a_hyphenated_name_is_no_entity():
    found = find("Trump spoke at his sprawling Mar-a-Lago club in Palm Beach on Super Tuesday.")
    assert [entity.name for entity in found] == ["Palm Beach"]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Beyond Washington, other Republicans were blunt.", "Washington", "place"),
        ("Voters in next Tuesday's District of Columbia primary came out.", "District of Columbia", "place"),
        ("The Independent Vermont senator vowed to stay in the race.", "Vermont", "place"),
    ],
)
def test_a_states_name_is_a_place_whatever_spacy_calls_it(text, name, kind):
    assert named(find(text), name).kind == kind


def test_a_title_case_headline_yields_only_names_known_from_the_article():
    text = "Canada Plans New Tax On Imports\n\nCanada said on Monday that it would tax steel."
    found = find(text)
    assert [(entity.name, len(entity.mentions)) for entity in found] == [("Canada", 2)]


def test_speakers_are_named_after_the_entity_at_their_head():
    text = "Mexico’s president, Lopex Obrador called. A senior Biden official said no. Obrador’s aide said yes."
    attributions = [sentence.attribution for sentence in analyze(Article(text, None, "test")).sentences]
    assert [found.speaker.name for found in attributions] == ["Lopex Obrador", None, None]


def test_a_speaker_naming_two_people_names_them_both(seed):
    text, _ = seed
    analysis = analyze(Article(text, None, "seed"))
    sentence = next(s for s in analysis.sentences if s.text.startswith("Secretary of State"))
    assert sentence.attribution.speaker.name == "Antony Blinken and Alejandro Mayorkas"


def names_of(found: list[Entity]) -> set[str]:
    return {alias for entity in found for alias in [entity.name, *entity.aliases]}


# Sentences shaped like the news a user read, each with a name spaCy's small model gets the kind of wrong.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # A company's last word (Coal, Fuels, Media) beats spaCy's PERSON.
        ("Liberty Coal filed for bankruptcy in 2015 and sold the mine to Dan Weller.", "Liberty Coal", "org"),
        ("One of the firms he founded with a mine owner, GRP Clean Fuels, now sells coal.", "GRP Clean Fuels", "org"),
        ("Ridge Media licenses the show. Mr. Dale co-owns Ridge with a banker.", "Ridge", "org"),
        # A region, a town before its state, places named by the noun before them.
        ("The firm took over mines across Appalachia; its rival kept the ones in Appalachia.", "Appalachia", "place"),
        ("MORGANTOWN, W.Va. - The mine closed on Friday.", "MORGANTOWN", "place"),
        ("Volunteers rallied in the city of Opa-Locka, near Miami.", "Opa-Locka", "place"),
        ("The governor visited Broward and St. Lucie counties on Friday.", "St. Lucie", "place"),
        ("Marchers circled Bank of America Stadium while chanting.", "Bank of America Stadium", "place"),
        # Bodies: a group known as…, a well-known platform, a city's team.
        ("Security experts linked the breach to a hacking group known as Fancy Bear.", "Fancy Bear", "org"),
        ("She posted the video on Twitter, and Twitter removed it.", "Twitter", "org"),
        (
            "Marchers circled the stadium, where the league's Charlotte Panthers faced the Minnesota Vikings. "
            "Charlotte stayed calm.",
            "Charlotte Panthers",
            "org",
        ),
        # A given name makes a person of what spaCy calls an ORG.
        ("Trump told Lester Holt on Monday that he would win.", "Lester Holt", "person"),
        ("Arch gave Harbor 13 percent of its reserves.", "Harbor", "org"),
        # Short capitals are a body's initials, whatever spaCy says, unless a public figure goes by them.
        (
            "In truth, FBN has always been a gem, the home of Lou Dobbs. Cruz opened up the daylight for FBN.",
            "FBN",
            "org",
        ),
    ],
)
def test_names_in_real_news_get_their_kind(text, name, kind):
    assert named(find(text), name).kind == kind


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("CNN Headline News will get a new name, its chief said. CNN has more viewers than ever.", "CNN", None),
        ("Fox News disagreed, and Fox said so on Monday.", "Fox", "Fox News"),
    ],
)
def test_a_companys_first_word_is_the_company_only_when_the_rest_says_what_it_is(text, short, full):
    """Fox of Fox News, but not CNN of CNN Headline News, another channel."""
    entity = named(find(text), short)
    assert entity.name == (full or short)


def test_a_first_name_spacy_cuts_from_a_persons_name_is_the_person():
    text = (
        "John Kasich is simply not likable. And oh yes, Carly Fiorina: What, exactly, are her qualifications? She once "
        "said that flying is an activity. Touché, Carly, but getting fired is not an accomplishment."
    )
    carly = named(find(text), "Carly")
    assert (carly.name, carly.kind, len(carly.mentions)) == ("Carly Fiorina", "person", 2)


def test_a_company_name_used_alone_is_the_company_not_a_person():
    found = find("Ridge Media licenses the show. It is also streamed on Netflix and Ridge's own site. Ridge pays well.")
    ridge = named(found, "Ridge")
    assert (ridge.name, ridge.kind, len(ridge.mentions)) == ("Ridge Media", "org", 3)


def test_a_figure_glued_onto_a_name_is_cut_off():
    found = find("Arch gave Harbor 13 percent of its reserves but 40 percent of its debts.")
    assert not any(any(char.isdigit() for char in name) for name in names_of(found))


def test_a_state_and_its_abbreviation_are_one_place_and_states_stay_apart():
    text = (
        "MORGANTOWN, W.Va. - The mine closed. Officials in West Virginia and in Virginia disagreed. "
        "He opened a shop in Roanoke, Va. and another in Charleston, W. Va., last year. Virginia sued."
    )
    found = find(text)
    west_virginia, virginia = named(found, "West Virginia"), named(found, "Virginia")
    assert west_virginia is not virginia
    assert {"W.Va", "W. Va."} <= set(west_virginia.aliases)
    assert virginia.aliases == ("Va.",)
    assert [text[m.start : m.end] for m in virginia.mentions] == ["Virginia", "Va.", "Virginia"]


def test_a_state_abbreviation_needs_its_dot():
    found = find("The VA hospital in Richmond treated him. He later moved to Virginia.")
    assert "VA" not in named(found, "Virginia").aliases


def test_headline_and_section_words_are_no_names():
    text = (
        "A Bold Plan to Save the River: Buy Farms, Sell Water.\n\nCorrection Appended.\n\n"
        "Knack for Deals.\n\nThe farms were dry, and the water was scarce."
    )
    assert names_of(find(text)) == set()


def test_a_signature_line_keeps_its_name():
    found = find("The plan will fail, and everyone knows it.\n\nDavid Groner.\n\nRhinelander, Wis.")
    assert named(found, "David Groner").kind == "person"
    assert named(found, "Rhinelander").kind == "place"


def test_an_ordinary_word_with_a_capital_is_no_entity():
    text = "'Coal Is Not the Villain.'\n\nCoal is cheap, he said, the cheapest fuel in the world. The World watched."
    found = find(text)
    assert not {"Coal", "Villain", "World"} & names_of(found)


def test_two_names_run_together_are_two_entities():
    found = find("Clips were also streamed on Hulu and Ora's site. John Dale said the money came from Ora.")
    assert named(found, "Hulu").kind == "org"
    assert named(found, "Ora") is not named(found, "Hulu")


def test_a_person_spacy_took_for_a_place_joins_the_full_name():
    found = find("Judge Merrick Garland has recused himself. Garland is the president's nominee.")
    garland = named(found, "Garland")
    assert (garland.name, garland.kind) == ("Merrick Garland", "person")


def test_a_possessive_name_before_another_name_is_two_entities():
    found = find(
        "Marco Rubio said to Fox News’ Megyn Kelly that he would stay. Ted Cruz campaigned in Rubio’s Miami backyard "
        "on Wednesday, a day after a rally in Miami. His critique of Trump’s Middle Eastern policy was sharp, and "
        "Donald Trump laughed. The donors met at Martha’s Vineyard."
    )
    assert (named(found, "Megyn Kelly").kind, named(found, "Fox News").kind) == ("person", "org")
    assert named(found, "Rubio").name == "Marco Rubio"
    assert named(found, "Miami").kind == "place"
    assert named(found, "Trump").kind == "person"
    assert not [entity.name for entity in found if "Eastern" in entity.name]
    assert [entity.name for entity in found if "’" in entity.name] == ["Martha’s Vineyard"]


def test_a_surname_joins_the_person_named_in_full_whatever_spacy_calls_it():
    text = (
        "The race is now a test for native sons John Kasich and Marco Rubio. Polls show a tie for Rubio and Kasich, "
        "who may win. Trump is at 151, or Kasich, at 54. Kasich cautioned voters on Tuesday."
    )
    found = find(text)
    for surname, full in (("Kasich", "John Kasich"), ("Rubio", "Marco Rubio")):
        entity = named(found, surname)
        assert (entity.name, entity.kind) == (full, "person")


def test_a_bodys_last_word_alone_is_that_body_only_when_the_rest_names_its_place():
    text = (
        "House Speaker Paul Ryan said he disagreed. The White House declined to comment. The Washington Post "
        "reported it first, and the Post said the U.S. Senate would vote. The Senate met on Monday."
    )
    found = find(text)
    assert named(found, "House") is not named(found, "White House")
    assert named(found, "Post").name == "Washington Post"
    assert named(found, "Senate").name == "U.S. Senate"


def test_a_title_case_headline_gives_no_name_cue():
    text = "Peru Seeks Amnesty In Exchange For Border Aid\n\nPeru said on Monday that it wanted help at the border."
    headline = analyze(Article(text, None, "test")).sentences[0]
    assert not [cue for cue in headline.cues if cue.kind == "name"]


def test_analyze_lists_a_coal_company_as_an_organisation(tmp_path, capsys):
    article = tmp_path / "mine.txt"
    article.write_text(
        "A Plan for the Mines: Buy Land, Sell Coal.\n\n"
        "Liberty Coal filed for bankruptcy in 2015. Mr. Weller bought its mines across Appalachia.\n",
        encoding="utf-8",
    )
    assert main(["analyze", str(article), "--format", "json"]) == 0
    listed = {(entity["name"], entity["kind"]) for entity in json.loads(capsys.readouterr().out)["entities"]}
    assert listed == {("Liberty Coal", "org"), ("Weller", "person"), ("Appalachia", "place")}


def test_handles_and_hashtags_are_left_out():
    text = (
        "Donald Trump thanked @SenSanders and his fans. #ImWithHer trended, and Jeb Bush wore a hat at a Trump "
        "#immigration speech.\n\nTwitter: @Milbank."
    )
    names = names_of(find(text))
    assert not any(char in name for name in names for char in "@#")
    assert not {"ImWithHer", "SenSanders", "Milbank"} & names


def test_a_possessive_glued_onto_a_name_is_no_part_of_it():
    found = find("Grassley downplayed Donald Trump‘s attack on a judge. That is different from Trump’s. He said so.")
    assert named(found, "Trump").name == "Donald Trump"
    assert not any("’" in name or "‘" in name for name in names_of(found))


def test_a_labelled_title_case_headline_yields_no_fragments():
    text = (
        "Poll: Bernie Sanders Burns Hillary Clinton With First-Ever National Lead.\n\n"
        "For the first time, a poll shows Sen. Bernie Sanders leading Hillary Clinton nationally."
    )
    assert names_of(find(text)) == {"Bernie Sanders", "Hillary Clinton"}


def test_an_interview_turn_is_no_headline():
    found = find("Q: Does Ted Cruz?\n\nA: No, he does not.")
    assert named(found, "Ted Cruz").kind == "person"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chairperson Jane Doe said the vote was close.", "Jane Doe"),
        ("Rabbi Rick Jacobs, president of the Union for Reform Judaism, objected.", "Rick Jacobs"),
        ("Senators Harry Reid and Mitch McConnell met on Tuesday.", "Mitch McConnell"),
        ("Assemblywoman Claudia Tenney voted against the bill.", "Claudia Tenney"),
        # A title word that is the surname itself, after a given name.
        ("Grassley will face former Iowa Lt. Gov. Patty Judge (D) in November.", "Patty Judge"),
    ],
)
def test_a_title_is_no_part_of_a_name(text, name):
    entity = named(find(text), name)
    assert (entity.name, entity.kind) == (name, "person")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“The state has a history,” said Paloma Wu, legal director for the ACLU.", "Paloma Wu"),
        ("The DNC chair Debbie Wasserman Schultz resigned on Sunday.", "Debbie Wasserman Schultz"),
    ],
)
def test_a_first_name_spacy_leaves_out_is_kept(text, name):
    assert named(find(text), name).kind == "person"


def test_a_role_before_a_name_is_no_first_name():
    found = find("Breitbart Editor Matthew Boyle wrote it, and Crooked Hillary Clinton lost.")
    assert {"Matthew Boyle", "Hillary Clinton"} <= names_of(found)


@pytest.mark.parametrize(
    ("text", "alone", "full"),
    [
        ("Sen. Rand Paul argued with Marco Rubio. “I know that Rand is no hawk,” Rubio said.", "Rand", "Rand Paul"),
        ("Rand Paul argued with Marco Rubio. “Add it to Marco’s plan,” Paul said.", "Marco", "Marco Rubio"),
        ("Sen. Jim Lee spoke on Monday. Later, Lee took questions.", "Lee", "Jim Lee"),
    ],
)
def test_a_lone_first_name_or_surname_joins_the_one_person_who_has_it(text, alone, full):
    entity = named(find(text), alone)
    assert (entity.name, entity.kind) == (full, "person")


def test_a_surname_two_full_names_share_is_still_a_person():
    text = (
        "Sen. Chuck Grassley spoke on Wednesday. Grassley later walked it back. An editorial mocked Sen. Charles "
        "Grassley, and Grassley said nothing."
    )
    grassley = named(find(text), "Grassley")
    assert (grassley.name, grassley.kind) == ("Grassley", "person")


def test_a_surname_spacy_takes_for_a_group_joins_the_full_name():
    text = (
        "Back in 1972 George McGovern was at the top of the ticket. Does Sanders represent the same left that "
        "McGovern did?"
    )
    assert named(find(text), "McGovern").name == "George McGovern"


def test_a_groups_noun_plural_and_adjective_are_one_group():
    text = (
        "A Democrat won the seat. Democrats cheered, and the Democratic primary drew crowds. "
        "Republicans and a Republican senator objected."
    )
    found = find(text)
    democrats = named(found, "Democratic")
    assert {democrats.name, *democrats.aliases} == {"Democrat", "Democrats", "Democratic"}
    assert democrats.kind == "group"
    assert named(found, "Republicans") is named(found, "Republican")
    assert named(found, "Republicans") is not democrats


def test_a_partys_people_are_a_group_named_by_their_plural_and_the_party_a_body_with_its_initials():
    found = find(
        "A Republican senator objected, and Republicans in the House agreed. The Republican Party will meet in July; "
        "the GOP has not said where. The G.O.P. nominee is Trump. A Democratic aide said the Democratic Party was "
        "united, and Democrats agreed."
    )
    republicans, party = named(found, "Republican"), named(found, "GOP")
    assert (republicans.name, republicans.kind) == ("Republicans", "group")
    assert (party.name, party.kind, set(party.aliases)) == ("Republican Party", "org", {"GOP", "G.O.P."})
    assert (named(found, "Democratic").name, named(found, "Democratic Party").kind) == ("Democrats", "org")


def test_the_islamic_state_is_one_body_by_whichever_of_its_names():
    found = find(
        "The Islamic State claimed the attack. Obama said the strategy against ISIL was working, and Clinton said "
        "ISIS had to be beaten. The French call the group Daesh."
    )
    group = named(found, "Islamic State")
    assert (group.kind, set(group.aliases)) == ("org", {"ISIL", "ISIS", "Daesh"})
    assert named(found, "ISIS") is named(found, "Daesh") is group


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Daily Courier reported on Monday that the mayor had resigned.", "Daily Courier"),
        ("He told the Las Vegas Sun that he would run again.", "Las Vegas Sun"),
        ("The story first ran in the Daily Beast, and HuffPost picked it up.", "Daily Beast"),
        ("The story first ran in the Daily Beast, and HuffPost picked it up.", "HuffPost"),
        ("In an essay for the New Republic, she argued that the party had lost its way.", "New Republic"),
        ("Sanders told The Hill that he would stay in the race.", "Hill"),
    ],
)
def test_a_news_outlet_is_an_organisation_never_a_place(text, name):
    assert named(find(text), name).kind == "org"


@pytest.mark.parametrize(
    ("text", "initials", "name"),
    [
        ("Hillary Clinton spoke on Monday. Supporters of HRC cheered.", "HRC", "Hillary Clinton"),
        ("It would have been madness to Franklin Delano Roosevelt. FDR knew it.", "FDR", "Franklin Delano Roosevelt"),
        ("Donald J. Trump spoke at noon. DJT said the wall would rise.", "DJT", "Donald J. Trump"),
        ("A Republican who voted for JFK and Bill Clinton said so.", "JFK", "JFK"),
    ],
)
def test_a_politicians_initials_are_the_person(text, initials, name):
    person = named(find(text), initials)
    assert (person.name, person.kind) == (name, "person")


def test_initials_of_a_body_stay_a_body():
    found = find("Donald J. Trump spoke. The DNC and the RNC objected.")
    assert named(found, "DNC").kind == named(found, "RNC").kind == "org"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Matt Sinovic, director of the advocacy group Progress Iowa, objected.", "Progress Iowa", "org"),
        ("Spacey plays the character Frank Underwood, a ruthless congressman.", "Frank Underwood", "person"),
        ("In the film, a character called Gordon Gekko says greed is good.", "Gordon Gekko", "person"),
        # A clause's subject after a noun is no name of its kind.
        ("Non-college voters, a group Barack Obama won by 2 points, stayed home.", "Barack Obama", "person"),
    ],
)
def test_a_noun_before_a_name_gives_its_kind(text, name, kind):
    assert named(find(text), name).kind == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Clinton has the support of Latinos, and a wise Latina would agree.", "Latinos"),
        ("The law put LGBT citizens back in their place, the judge wrote.", "LGBT"),
        ("Mississippi, a former Confederate state, passed the law.", "Confederate"),
        # A faith is read as its people are, never as a body.
        ("The general said Mr. Trump was ignorant of Islam and criticized his attacks on Islam.", "Islam"),
    ],
)
def test_a_group_of_people_spacy_takes_for_a_body_is_a_group(text, name):
    assert named(find(text), name).kind == "group"


def test_a_piece_of_a_longer_name_is_no_entity_of_its_own():
    found = find("It comes after U.S. District Court Judge Daniel Porter Jordan III voided the ban.")
    assert named(found, "Daniel Porter Jordan III").kind == "person"
    assert "Daniel Porter" not in names_of(found)


def test_a_body_spacy_cuts_short_for_a_person_keeps_its_last_word():
    found = find("The poll was conducted jointly with Anderson Robbins Research (D) and Shaw & Company Research (R).")
    assert named(found, "Anderson Robbins Research").kind == "org"
    assert "Anderson Robbins" not in names_of(found)


def test_a_clause_of_a_law_is_no_body():
    assert named(find("The Equal Protection Clause is violated by the law."), "Equal Protection Clause").kind == "other"


@pytest.mark.parametrize(
    "text",
    [
        "The Latest on the Nevada caucuses (all times are Eastern Standard Time): Clinton won.",
        "The Latest on the New York primary (all times Eastern Daylight Time): Trump spoke.",
    ],
)
def test_a_time_zone_is_no_entity(text):
    assert not [name for name in names_of(find(text)) if "Time" in name]


@pytest.mark.parametrize(
    "text",
    [
        "There's only one way to talk about Gold Star parents: with honor and respect.",
        "I would never, ever want to wish a Gold Star status on anyone, Woods told Hewitt.",
    ],
)
def test_a_designation_before_a_common_noun_is_no_entity(text):
    assert "Gold Star" not in names_of(find(text))


def test_a_marine_is_one_of_a_group_and_the_marine_corps_a_body():
    found = find("He served in combat as a Marine, denounced Mr. Trump. He spent 22 years in the Marine Corps.")
    assert named(found, "Marine").kind == "group"
    assert named(found, "Marine Corps").kind == "org"


def test_a_known_name_spacy_splits_in_two_is_one_entity():
    # spaCy reads Islamic State as a group Islamic and a body State, or leaves State out.
    found = find(
        "Trump vowed to bomb the hell out of Islamic State terrorists. He took a more hands-off approach to the "
        "Islamic State, suggesting others do it. The departments of State and Defense met."
    )
    assert named(found, "Islamic State").kind == "org"
    assert len(named(found, "Islamic State").mentions) == 2
    assert "Islamic" not in names_of(found)
    assert len(named(found, "State").mentions) == 1


def test_one_of_a_known_names_people_is_not_that_name():
    found = find("Trump is a New Yorker in ways even Clinton can't match, and a USA TODAY/Suffolk poll found it.")
    assert "New Yorker" not in names_of(found)
    assert named(found, "USA TODAY").kind == "org"
