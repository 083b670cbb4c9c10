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
