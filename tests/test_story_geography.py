"""Every mention is resolved with the others: the story's countries, its
divisions and its dateline pull each candidate."""


def places(mapper, text):
    return {p.name: p for p in mapper.geoparse(text, shapes=False).places}


def test_a_state_named_like_a_country_is_the_state_in_a_story_datelined_from_its_capital(mapper):
    found = places(mapper, "ATLANTA (AP) — Georgia lawmakers passed a budget on Monday.")
    assert found["Georgia"].kind == "admin1" and found["Georgia"].country_code == "US"


def test_the_country_is_meant_in_a_story_datelined_from_its_own_capital(mapper):
    found = places(mapper, "TBILISI (Reuters) - Georgia said Russian troops moved.")
    assert found["Georgia"].kind == "country"


def test_a_state_named_like_a_country_is_the_state_next_to_a_state_the_story_names(mapper):
    found = places(mapper, "Tornadoes tore through Alabama and Georgia on Tuesday.")
    assert found["Georgia"].kind == "admin1" and found["Georgia"].country_code == "US"


def test_the_country_is_meant_beside_the_countries_around_it(mapper):
    found = places(mapper, "Russia and Georgia fought a short war over South Ossetia in 2008.")
    assert found["Georgia"].kind == "country"


def test_a_name_repeated_does_not_vouch_for_its_own_reading(mapper):
    found = places(mapper, "ATLANTA (AP) — Georgia lawmakers met. The governor of Georgia spoke.")
    assert found["Georgia"].kind == "admin1"


def test_towns_of_a_state_the_story_names_are_not_doubtful(mapper):
    found = places(mapper, "Floods hit Iowa. Towns including Ames and Cedar Falls were evacuated.")
    assert found["Cedar Falls"].country_code == "US" and not found["Cedar Falls"].doubtful


def test_a_division_holding_the_storys_places_does_not_replace_its_own_town(mapper):
    found = places(mapper, "Shelling hit Tadef near Aleppo on Monday.")
    assert found["Aleppo"].kind == "city"


def test_a_village_the_gazetteer_lacks_is_listed_not_mapped_with_its_sentence(mapper):
    story = mapper.geoparse("There are 26 applicants in Portroe with 24 in Nenagh, Ireland.", shapes=False)
    assert "Portroe" not in {p.name for p in story.places}
    assert [(m.text, m.sentence) for m in story.unresolved] == [
        ("Portroe", "There are 26 applicants in Portroe with 24 in Nenagh, Ireland.")]


def test_a_name_whose_readings_all_lie_together_anchors_its_neighbours(mapper):
    # Dundrum is a suburb of Dublin and a village of County Down: either way,
    # the story is near Dundalk, Ireland, not Dundalk, Maryland
    found = places(mapper, "A man was charged over a stabbing in Dundalk in January. "
                           "He is held at the Central Mental Hospital in Dundrum.")
    assert found["Dundalk"].country_code == "IE"


def test_states_far_above_their_namesakes_say_the_story_is_about_their_country(mapper):
    # New Zealand's West Coast region is no reading of a story about Texas and Arizona
    found = mapper.geoparse("The prince met investors in Texas and Arizona, then spent "
                            "a week on the West Coast.", shapes=False).places
    coast = [p for p in found if p.mentions[0].text == "West Coast"]
    assert all(p.country_code == "US" or p.doubtful for p in coast)


def test_a_country_the_size_of_a_city_anchors_the_places_beside_it(mapper):
    # Rome, Georgia lies in the country the story names twice; the Vatican
    # is a country, but one as small as a town, and it lies in Rome, Italy
    found = places(mapper, "His parents want to take him to the Vatican-owned hospital in Rome. "
                           "Another boy was taken to the United States. In the U.S., families decide.")
    assert found["Rome"].country_code == "IT"


def test_an_island_of_a_two_island_nation_is_read_in_that_nation(mapper):
    found = places(mapper, "Talks between the mission and the ministry in Trinidad, on what "
                           "position T&T should take, went on.")
    assert (found["Trinidad"].kind, found["Trinidad"].country_code) == ("island", "TT")


def test_congo_alone_is_the_larger_congo_not_a_brazilian_town(mapper):
    found = places(mapper, "Fighting continues in Congo, the UN said.")
    assert {p.id for p in found.values()} == {"country:CD"}


def test_congo_beside_brazzaville_is_the_republic_of_congo(mapper):
    found = places(mapper, "Talks in Brazzaville, Congo, ended on Monday.")
    assert "country:CG" in {p.id for p in found.values()}


def test_korea_alone_is_a_korea_not_a_town_in_ivory_coast(mapper):
    found = places(mapper, "Korea's exports rose 5% in May.")
    assert {p.id for p in found.values()} == {"country:KR"}


def test_a_countrys_historic_name_is_the_country(mapper):
    found = places(mapper, "Ancient Persia traded silk with Siam and Ceylon.")
    assert {p.id for p in found.values()} == {"country:IR", "country:TH", "country:LK"}
