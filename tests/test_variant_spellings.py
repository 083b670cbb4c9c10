"""A spelling the gazetteer lacks is matched through its transliteration key,
only where the story supports that reading."""


def places(mapper, text):
    return {(p.name, p.country_code) for p in mapper.geoparse(text, shapes=False).places}


def test_another_spelling_after_a_place_cue_in_a_story_about_its_country_is_the_place(mapper):
    # "Tikreet" is no spelling the gazetteer holds; "Tikrit" is
    found = places(mapper, "Iraqi troops left Baghdad and fought in Tikreet on Monday.")
    assert any(code == "IQ" and name.startswith("Tikr") for name, code in found)


def test_another_spelling_without_the_storys_support_is_not_matched(mapper):
    found = places(mapper, "Fighters attacked the town of Tikreet on Monday.")
    assert found == set()


def test_a_persons_name_in_a_story_about_a_country_is_not_taken_for_a_village(mapper):
    found = places(mapper, "Syrian rebels fought near Aleppo. Commander Hammad said they would stay.")
    assert {name for name, _ in found} == {"Syria", "Aleppo"}
