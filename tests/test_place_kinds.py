"""Articles name provinces, districts, counties, airports, waters and
abbreviated states: geomap finds each as its kind and draws its real shape."""



def places(mapper, text):
    return {p.name: p for p in mapper.geoparse(text).places}


def test_an_abbreviated_state_after_a_town_is_the_state(mapper):
    found = places(mapper, "Police in Lexington, Ky. said two people died.")
    assert found["Kentucky"].kind == "admin1"
    assert [m.text for m in found["Kentucky"].mentions] == ["Ky."]


def test_an_abbreviation_with_its_period_elsewhere_is_a_word(mapper):
    assert "Massachusetts" not in places(mapper, "They attended Mass. Then they left Boston.")


def test_a_district_written_with_a_lower_case_word_is_the_district(mapper):
    found = places(mapper, "Fighting spread across Sargodha district on Monday.")
    assert found["Sargodha District"].kind == "admin2"


def test_a_strait_is_mapped_as_water(mapper):
    found = places(mapper, "A tanker was attacked near the Kerch Strait.")
    assert found["Kerch Strait"].kind == "water"


def test_an_airport_named_with_the_cue_word_is_the_airport(mapper):
    found = places(mapper, "Kabul airport closed after the attack.")
    assert found["Kabul International Airport"].kind == "airport"


def test_a_struck_province_is_drawn_as_its_outline(mapper, gazetteer):
    story = mapper.geoparse("Air strikes hit Idlib province on Monday.")
    strike = next(s for s in story.shapes if s.role == "strike")
    idlib = next(p for p in story.places if p.kind == "admin1")
    outline = gazetteer.outline(idlib.id)
    assert strike.geometry.intersection(outline).area > 0.9 * outline.area


def test_strikes_along_a_river_are_a_corridor_along_it(mapper, gazetteer):
    story = mapper.geoparse("Drones struck along the Euphrates river.")
    strike = next(s for s in story.shapes if s.role == "strike")
    river = gazetteer.outline(next(p for p in story.places if p.kind == "water").id)
    assert strike.geometry.contains(river.interpolate(0.5, normalized=True))
    assert strike.geometry.area < 10                  # a corridor, not a disc over the region


def test_an_abbreviated_state_in_a_dateline_is_the_state(mapper):
    found = places(mapper, "RALEIGH, N.C. (AP) - A new report shows that.")
    assert found["North Carolina"].kind == "admin1"


def test_an_abbreviation_whose_letters_alone_name_a_town_still_takes_its_period(mapper):
    found = places(mapper, "HELENA, Mont. (AP) - Lawmakers agreed.")
    assert "Mont." in [m.text for m in found["Montana"].mentions]


def test_a_country_at_a_sentences_end_leaves_the_full_stop_out(mapper):
    found = places(mapper, "Clashes erupted in Tripoli, Lebanon.")
    assert [m.text for m in found["Lebanon"].mentions] == ["Lebanon"]


def test_a_generic_word_after_a_name_is_kept_out_of_the_name_as_written(mapper):
    story = mapper.geoparse("Drones set fire to a fuel depot in the Bryansk region overnight.", shapes=False)
    [place] = story.places
    assert place.kind == "admin1"
    assert [(m.text, m.generic) for m in place.mentions] == [("Bryansk", "region")]


def test_an_article_joined_to_a_name_with_an_apostrophe_continues_it(mapper):
    assert "CI" in {p.country_code for p in mapper.geoparse(
        "Thousands have fled to Ghana and Côte d'Ivoire.", shapes=False).places}
