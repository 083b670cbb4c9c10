"""A spelling the gazetteer lacks is matched through its transliteration key,
only where the story supports that reading."""


def places(mapper, text):
    return {(p.name, p.country_code) for p in mapper.geoparse(text, shapes=False).places}


def test_another_spelling_after_a_place_cue_in_a_story_about_its_country_is_the_place(mapper):
    # "Tikreet" is no spelling the gazetteer holds; "Tikrit" is
    found = places(mapper, "Iraqi troops left Baghdad and fought in Tikreet on Monday.")
    assert any(code == "IQ" and name.startswith("Tikr") for name, code in found)


def test_another_spelling_of_several_words_after_a_place_cue_is_the_place(mapper):
    # the gazetteer holds "Dayr al Balah"
    found = places(mapper, "Thousands fled Rafah for Khan Younis. Many sheltered in Deir al-Balah.")
    assert any(code == "PS" and name.startswith("Dayr al Bala") for name, code in found)


def test_an_unknown_name_of_several_words_holding_a_given_name_is_no_place(mapper):
    story = mapper.geoparse("Gaza families fled Rafah. They met in Ahmed Balah on Monday.", shapes=False)
    assert "Ahmed Balah" not in {m.text for m in story.unresolved}


def test_another_spelling_without_the_storys_support_is_not_matched(mapper):
    found = places(mapper, "Fighters attacked the town of Tikreet on Monday.")
    assert found == set()


def test_a_persons_name_in_a_story_about_a_country_is_not_taken_for_a_village(mapper):
    found = places(mapper, "Syrian rebels fought near Aleppo. Commander Hammad said they would stay.")
    assert {name for name, _ in found} == {"Syria", "Aleppo"}


def test_saint_and_st_are_one_word_in_a_name():
    from gazetteer import normalize
    assert normalize("Saint Petersburg") == normalize("St. Petersburg") == normalize("St Petersburg")
    assert normalize("Sainte-Foy") == normalize("Ste. Foy")
    assert normalize("Saintes") == "saintes"     # a word that begins so is not folded


def test_st_petersburg_in_a_story_about_russia_is_the_russian_city(mapper):
    found = places(mapper, "Russia will close the US consulate in St. Petersburg, "
                           "Russian Foreign Minister Sergey Lavrov said.")
    assert ("Saint Petersburg", "RU") in found


def test_st_petersburg_with_its_state_is_the_florida_city(mapper):
    found = places(mapper, "Police in St. Petersburg, Florida, said the road was closed.")
    assert any(name.startswith("St") and code == "US" and "Petersburg" in name for name, code in found)


def test_a_name_known_only_with_its_division_word_is_that_division(mapper):
    # the gazetteer has "Oromiya"; "Oromia" alone is no name it knows
    found = places(mapper, "Gunmen killed ten people in Ethiopia's Oromia region on Sunday.")
    assert ("Oromiya", "ET") in found


def test_a_city_with_the_division_word_written_after_it_is_the_division(mapper):
    story = mapper.geoparse("Drones struck the Kyiv region overnight, officials said.", shapes=False)
    assert [(p.kind, p.country_code) for p in story.places] == [("admin1", "UA")]


def test_a_town_in_a_division_drawn_after_the_division_data_is_placed_in_it(mapper):
    story = mapper.geoparse("Fighters captured the town of Babanusa in West Kordofan state.", shapes=False)
    assert {(p.name, p.kind) for p in story.places} >= {("West Kordofan", "admin1")}


def test_an_unknown_name_after_the_town_of_is_listed_as_not_mapped(mapper):
    story = mapper.geoparse("Rebels captured the town of Paletwa in Chin State.", shapes=False)
    assert [m.text for m in story.unresolved] == ["Paletwa"]


def test_an_unknown_name_the_text_calls_a_town_in_apposition_is_listed_as_not_mapped(mapper):
    story = mapper.geoparse("Rebels captured Paletwa, a strategic town near the border.", shapes=False)
    assert [m.text for m in story.unresolved] == ["Paletwa"]


def test_a_person_in_apposition_is_no_unknown_place(mapper):
    story = mapper.geoparse("Police questioned Okonjo, a farmer in Benue State.", shapes=False)
    assert story.unresolved == []
