"""People are not places: a given name and a surname, a surname named again,
a given name alone, are no towns, whatever towns share the words. The
given names come from the US Census lists (``geomap/data/given_names.txt``)."""


def places(mapper, text):
    return {(p.name, p.country_code) for p in mapper.geoparse(text, shapes=False).places}


def non_places(mapper, text):
    return {(m.text, m.type) for m in mapper.geoparse(text, shapes=False).non_places}


def test_a_given_name_and_a_surname_is_a_person_not_a_town(mapper):
    assert places(mapper, "Victoria Rowell earned three nominations.") == set()


def test_a_surname_after_a_name_with_an_initial_is_the_person(mapper):
    text = "Gino D. Bassett, 56, was charged. Police say Bassett approached the victim."
    assert places(mapper, text) == set()
    assert ("Bassett", "person") in non_places(mapper, text)


def test_a_given_name_alone_is_a_person_not_a_small_town(mapper):
    assert places(mapper, "He is survived by his brother Alex and girlfriend Olivia.") == set()


def test_a_list_of_given_names_is_no_town_and_its_county(mapper):
    assert places(mapper, "Justice in the deaths of Helen, Clarence, Irene and Marie.") == set()


def test_a_given_name_the_text_places_is_a_place(mapper):
    assert ("Barry", "GB") in places(mapper, "He grew up in Barry, Wales.")


def test_a_big_city_named_like_a_person_stays_a_city(mapper):
    assert ("Houston", "US") in places(mapper, "Officials in Houston said the storm had passed.")


def test_a_given_names_older_reading_of_a_big_city_does_not_count(mapper):
    # "Julia" is an old name of Plovdiv: the wife is not the city
    assert places(mapper, "Rozen's wife, Julia, has taken on the search.") == set()


def test_a_sentence_of_names_is_not_read_as_a_headline(mapper):
    assert places(mapper, "Nick Shell, 38, and David Watson, 48, are the inmates.") == set()


def test_a_two_letter_surname_is_no_place(mapper):
    assert places(mapper, "For nearly three years, Li has made dozens of requests.") == set()


def test_a_name_after_bin_is_a_fathers_name_not_a_place(mapper):
    text = "Hamdan bin Rashid Al Maktoum attended the race in Dubai."
    assert places(mapper, text) == {("Dubai", "AE")}
    assert ("Rashid", "person") in non_places(mapper, text)


def test_a_name_with_bin_is_a_person_even_in_a_headline(mapper):
    text = "Mohammed bin Rashid Opens New Dubai Airport Terminal"
    assert ("Rashid", "person") in non_places(mapper, text)


def test_a_town_that_tweets_is_a_person(mapper):
    assert places(mapper, "The singer was ill. Garland tweeted on Thursday that he was better.") == set()


def test_a_city_named_in_an_organisation_is_still_a_place_alone_afterwards(mapper):
    text = ("The award went to Smart Dubai, a government office. "
            "The festival will feature a song written for the city of Dubai.")
    assert ("Dubai", "AE") in places(mapper, text)


def test_a_surname_shared_with_a_city_stays_the_persons(mapper):
    text = "Minister Mark Bolton spoke first. Later, Bolton said the plan would go ahead."
    assert ("Bolton", "GB") not in places(mapper, text)


def test_a_name_with_a_churchmans_title_is_a_person(mapper):
    text = "Manila Archbishop Luis Antonio Cardinal Tagle leads the Easter Vigil on March 31."
    assert ("Luís Antônio", "BR") not in places(mapper, text)


def test_the_place_an_office_governs_is_a_place(mapper):
    text = "The Governor of Idlib said the city was calm. Later, shelling hit Idlib and Saraqib."
    assert ("Idlib", "SY") in places(mapper, text)
    assert not any(name == "Idlib" for name, _ in non_places(mapper, text))


def test_the_place_after_of_in_a_name_is_no_surname_for_later(mapper):
    text = "The Earl of Arundel came. Later, crowds gathered in Arundel on Monday."
    assert "Arundel" in {name for name, _ in places(mapper, text)}


def test_a_sentence_of_titles_and_names_with_a_lowercase_verb_is_prose_not_a_headline(mapper):
    text = ("Russian Minister of Industry and Trade Oleg Ryazantsev and Venezuela's Sectoral Vice "
            "President of Economy Castro Soteldo participated in the negotiations.")
    assert {name for name, _ in places(mapper, text)} == {"Russia", "Venezuela"}


def test_a_title_case_headline_with_small_words_in_lower_case_is_still_a_headline():
    from geomap.mentions.text import Sentence, is_title_case
    text = "Syrian Rebels Retreat from Aleppo After Heavy Russian Bombing"
    words = Sentence(text, 0, len(text)).tokens
    assert is_title_case(words, {"After"}, {"retreat", "heavy"}, set(), {"from"})


def test_the_place_a_person_is_of_is_a_place(mapper):
    text = "The mark set by Charlotte Smith of North Carolina in 1994 stood."
    assert places(mapper, text) == {("North Carolina", "US")}


def test_a_single_name_of_a_place_stays_one_name(mapper):
    assert places(mapper, "Catherine of Aragon was queen.") == set()


def test_a_famous_place_is_the_place_without_a_cue(mapper):
    text = "Tunis shares intelligence under an agreement with Washington."
    assert ("Washington", "US") in places(mapper, text)


def test_a_famous_place_leading_a_sentence_is_the_place(mapper):
    assert ("Washington", "US") in places(mapper, "Washington is already reacting to the expulsions.")


def test_a_famous_place_named_by_a_word_needs_a_cue(mapper):
    text = "The president visited troops to mark the 57th Independence anniversary."
    assert places(mapper, text) == set()


def test_a_person_named_earlier_takes_a_famous_place_back(mapper):
    text = "John Washington starred in the play. Washington said he loved the part."
    assert places(mapper, text) == set()


def test_a_name_after_a_short_title_is_a_person(mapper):
    assert places(mapper, "Mr. Washington said he loved the part.") == set()


def test_the_place_after_a_titled_person_and_of_stays_a_place(mapper):
    assert ("Mosul", "IQ") in places(mapper, "Dr. Ali Hassan of Mosul spoke to reporters.")


def test_a_small_town_before_a_title_other_than_its_own_is_a_company(mapper):
    text = "In an interview Cadillac President Johan de Nysschen praised the engine."
    assert places(mapper, text) == set()


def test_a_town_before_its_mayor_is_the_town_at_a_sentence_start(mapper):
    text = "Kenosha Mayor John Antaramian said the town was calm."
    assert ("Kenosha", "US") in places(mapper, text)


def test_a_town_before_its_mayor_after_said_is_no_speaker(mapper):
    text = "The town was calm, said Kenosha Mayor John Antaramian."
    assert ("Kenosha", "US") in places(mapper, text)


def test_a_titled_persons_surname_after_of_an_institution_is_the_person_later(mapper):
    text = ("Judge Danilo Suarez of the Paranaque Regional Trial Court ruled on Monday. "
            "Suarez ordered the four convicts freed.")
    assert places(mapper, text) == set()
    assert ("Suarez", "person") in non_places(mapper, text)


def test_the_country_after_a_titled_person_and_of_is_a_place(mapper):
    assert ("Jordan", "JO") in places(mapper, "King Abdullah of Jordan met the envoy.")


def test_an_accounts_handle_is_no_place(mapper):
    assert places(mapper, "If you are going to promote values, @Gillette, then stop.") == set()


def test_a_given_name_that_is_a_small_parish_abroad_is_a_person(mapper):
    # Paul is a municipality of Cape Verde with 4,000 people
    text = "There was a bit of robbing Peter to pay Paul when it came to coal money in Kentucky."
    assert places(mapper, text) == {("Kentucky", "US")}


def test_a_surname_after_a_hyphenated_given_name_is_the_person_when_named_again_even_a_provinces(mapper):
    story = mapper.geoparse("Lin-Manuel Miranda had shingles. Miranda tweeted on Thursday the diagnosis.",
                            shapes=False)
    assert story.places == []
    assert {m.organisation for m in story.non_places} == {"Lin-Manuel Miranda"}


def test_a_given_name_that_is_a_town_then_a_state_is_still_the_state(mapper):
    assert ("Texas", "US") in places(mapper, "Austin Texas is growing fast.")


def test_a_big_city_that_speaks_is_its_club_or_council_not_a_person(mapper):
    assert ("Liverpool", "GB") in places(mapper, "In a statement, Liverpool said it condemned the damage.")


def test_a_big_city_named_by_a_given_name_that_speaks_is_a_person(mapper):
    assert places(mapper, "Charlotte said she would stay.") == set()
