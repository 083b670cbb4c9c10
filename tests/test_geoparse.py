"""Geoparsing, as a specification: which words are places, which place they
are, and how each is typed. Passages come from stories about many regions;
none from the seed article."""

import pytest


def places(mapper, text):
    return {p.name: p for p in mapper.geoparse(text, shapes=False).places}


def non_places(mapper, text):
    return {(m.text, m.type) for m in mapper.geoparse(text, shapes=False).non_places}


def types_of(place):
    return {m.type for m in place.mentions}


# -- datelines ---------------------------------------------------------------

def test_all_caps_dateline_with_agency_in_parentheses_is_the_dateline_place(mapper):
    story = mapper.geoparse("BEIRUT (AP) - Government forces shelled Aleppo on Tuesday.")
    assert story.article.dateline == "BEIRUT"
    beirut = places(mapper, story.article.text)["Beirut"]
    assert beirut.country_code == "LB"


def test_dateline_with_country_after_comma_resolves_the_city(mapper):
    found = places(mapper, "NAIROBI, Kenya (AP) - Police clashed with protesters in Mombasa.")
    assert found["Nairobi"].country_code == "KE"
    assert {"Kenya", "Mombasa"} <= set(found)


def test_dateline_prefers_the_city_over_a_province_of_the_same_name(mapper):
    found = places(mapper, "KIEV (Reuters) - Ukrainian drones struck refineries overnight.")
    assert found["Kyiv"].kind == "city"


def test_two_word_dateline_is_one_place(mapper):
    found = places(mapper, "MEXICO CITY (Reuters) - Violence in Sinaloa has fallen, officials said.")
    assert "Mexico City" in found


def test_dateline_followed_by_a_colon_is_the_dateline(mapper):
    story = mapper.geoparse("NEW DELHI: Heavy rains flooded parts of Assam on Monday.")
    assert story.article.dateline == "NEW DELHI"
    new_delhi = next(p for p in story.places if p.name == "New Delhi")
    assert {r.name for r in new_delhi.roles} == {"dateline"}


def test_a_label_in_capitals_before_a_colon_is_no_dateline(mapper):
    assert mapper.geoparse("UPDATE: Heavy rains flooded parts of Assam.").article.dateline is None


# -- what kind of place ------------------------------------------------------

def test_first_level_division_is_found(mapper):
    found = places(mapper, "Floods in Bavaria and Saxony forced thousands from their homes.")
    assert found["Bavaria"].kind == "admin1" and found["Saxony"].country_code == "DE"


def test_a_division_named_for_its_side_is_found_by_the_short_direction_too(mapper):
    # GeoNames writes "Southern Darfur" and "Western Darfur"; news "South" and "West"
    found = places(mapper, "RSF fighters moved from South Darfur into West Darfur.")
    assert {(p.name, p.kind, p.country_code) for p in found.values()} == {
        ("Southern Darfur", "admin1", "SD"), ("Western Darfur", "admin1", "SD")}


def test_a_short_direction_name_takes_no_name_from_a_place_that_owns_it(mapper):
    assert places(mapper, "Tourists sailed round the North Cape in June.")["North Cape"].kind == "landform"


def test_state_beats_a_village_of_the_same_name(mapper):
    found = places(mapper, "Violence in Sinaloa and Michoacan has fallen, the governor said.")
    assert found["Sinaloa"].kind == "admin1"


def test_curated_regions_and_landforms_are_places(mapper):
    found = places(mapper, "Troops moved into Crimea and the Donbas in 2014.")
    assert found["Crimea"].kind == "landform" and found["Donbas"].kind == "region"


def test_ceasefire_lines_and_corridors_are_places_drawn_along_their_course(mapper):
    story = mapper.geoparse("Shelling hit villages along the Line of Control. "
                            "Israeli troops seized the Philadelphi Corridor.")
    assert {"Line of Control", "Philadelphi Corridor"} <= {p.name for p in story.places}
    (area,) = [s for s in story.shapes if s.role == "strike"]
    assert area.geometry.geom_type == "Polygon" and area.geometry.bounds[3] > 34.5


def test_seas_are_places(mapper):
    found = places(mapper, "Houthi forces fired missiles at ships in the Red Sea.")
    assert "Red Sea" in found


def test_group_of_countries_is_one_place_with_members(mapper):
    found = places(mapper, "Diplomats from Gulf Arab states met in Riyadh.")
    gulf = found["Gulf Arab states"]
    assert gulf.kind == "group" and {"SA", "AE", "QA"} <= set(gulf.members)


def test_a_country_named_with_a_possessive_inside_is_one_name(mapper):
    found = places(mapper, "The Democratic People's Republic of Korea's leader spoke on Monday.")
    assert [(p.name, p.country_code) for p in found.values()] == [("North Korea", "KP")]


def test_list_of_places_is_split_into_places(mapper):
    found = places(mapper, "Weapons reached the rebels through Rwanda and Uganda, a report said.")
    assert {"Rwanda", "Uganda"} <= set(found)


def test_town_written_with_its_country_after_a_comma_is_that_country_s_town(mapper):
    found = places(mapper, "A car bomb exploded in Tikrit, Iraq, on Monday.")
    assert found["Tikrīt"].country_code == "IQ"


# -- disambiguation from the story -------------------------------------------

def test_town_is_pulled_to_the_story_s_country(mapper):
    found = places(mapper, "Fighting spread from Syria to Palmyra on Monday.")
    assert found["Tadmur"].country_code == "SY"


def test_organisation_demonym_still_sets_the_story_s_country(mapper):
    found = places(mapper, "The Syrian Observatory for Human Rights said fighters left Palmyra.")
    assert found["Tadmur"].country_code == "SY"


def test_nearby_places_pull_each_other(mapper):
    found = places(mapper, "Protesters marched from Paris to Versailles and Saint-Denis.")
    assert found["Paris"].country_code == "FR"


def test_a_bare_name_resolves_to_the_best_known_place(mapper):
    found = places(mapper, "She moved to Paris after the war.")
    assert found["Paris"].country_code == "FR"


def test_a_dominant_reading_is_more_confident_than_a_contested_one(mapper):
    found = places(mapper, "He flew from Paris to Kisumu.")
    assert found["Paris"].confidence > 0.8


def test_capital_name_means_the_capital_not_a_state(mapper):
    found = places(mapper, "Washington warned Beijing on Friday over the drills.")
    assert found["Washington"].kind == "city"
    assert found["Washington"].latitude == pytest.approx(38.9, abs=0.2)


# -- mention types -------------------------------------------------------------

def test_demonym_links_to_its_country(mapper):
    found = places(mapper, "Kenyan police clashed with protesters on Monday.")
    assert types_of(found["Kenya"]) == {"demonym"}


def test_capital_that_acts_is_metonymy(mapper):
    found = places(mapper, "Washington warned Beijing on Friday over the drills.")
    assert types_of(found["Washington"]) == {"metonymy"}


def test_country_that_must_act_is_metonymy(mapper):
    found = places(mapper, "The president said Iran must stop enriching uranium.")
    assert types_of(found["Iran"]) == {"metonymy"}


def test_possessive_country_with_government_noun_is_metonymy(mapper):
    found = places(mapper, "Mexico's president said violence had fallen.")
    assert types_of(found["Mexico"]) == {"metonymy"}


def test_country_as_location_is_literal(mapper):
    found = places(mapper, "Thousands of refugees live in Lebanon.")
    assert types_of(found["Lebanon"]) == {"literal"}


def test_country_after_a_preposition_is_literal_even_before_a_verb(mapper):
    found = places(mapper, "Groups in southern Iraq said they would fight on.")
    assert types_of(found["Iraq"]) == {"literal"}


# -- not places -----------------------------------------------------------------

def test_organisation_holding_a_place_name_is_not_a_place(mapper):
    text = "The Islamic State of Iraq and the Levant withdrew from the town."
    assert "Iraq" not in places(mapper, text) and "Levant" not in places(mapper, text)
    assert ("Iraq", "organisation") in non_places(mapper, text)


def test_army_named_for_a_country_is_an_organisation(mapper):
    text = "Fighters of the Free Syrian Army took the hill."
    assert "Syria" not in places(mapper, text)
    assert ("Syrian", "organisation") in non_places(mapper, text)


def test_observatory_named_for_a_country_is_an_organisation(mapper):
    assert not places(mapper, "The Syrian Observatory for Human Rights reported the deaths.")


def test_agency_names_are_not_places(mapper):
    assert not places(mapper, "A spokesman for the Central Intelligence Agency declined to comment "
                              "to the BBC and Reuters.")


def test_front_named_for_a_direction_is_not_a_place(mapper):
    assert not places(mapper, "The Nusra Front and the Southern Front fought for the hill.")


def test_person_named_like_a_country_is_not_a_place(mapper):
    text = "Michael Jordan visited the team on Monday."
    assert "Jordan" not in places(mapper, text)
    assert ("Jordan", "name") in non_places(mapper, text)


def test_person_named_like_a_city_is_not_a_place(mapper):
    assert "Paris" not in places(mapper, "The heiress Paris Hilton arrived late.")


def test_titled_person_with_a_place_name_is_a_person(mapper):
    text = "President Bashar al-Assad met Foreign Minister Sergei Lavrov."
    assert not places(mapper, text)


def test_ordinary_capitalised_word_that_is_a_town_is_not_a_place(mapper):
    assert not places(mapper, "Reading the report, she said: Hope is not a plan.")


def test_sentence_opening_ordinary_word_is_dropped_before_a_place(mapper):
    found = places(mapper, "Despite Turkey's objections, the deal went ahead.")
    assert set(found) == {"Turkey"}


def test_photo_caption_places_are_found(mapper):
    text = ("Afghan policemen stand guard near the city of Kunduz, Afghanistan "
            "September 29, 2015. Reuters Photo")
    found = places(mapper, text)
    assert found["Kunduz"].country_code == "AF" and "Afghanistan" in found


def test_title_case_headline_places_are_found(mapper):
    story = mapper.geoparse("Floods Hit Northern Italy As Rivers Burst Banks\n\nRain fell all week.")
    assert "Italy" in {p.name for p in story.places}


# -- article metadata ---------------------------------------------------------

def test_headline_is_the_first_line(mapper):
    story = mapper.geoparse("Quake shakes Lima\n\nLIMA (Reuters) - A strong quake shook Peru.")
    assert story.article.headline == "Quake shakes Lima"


def test_dates_mentioned_are_collected(mapper):
    story = mapper.geoparse("Talks in Geneva ended on Oct. 26 after starting on October 14, 2015.")
    assert {"Oct. 26", "October 14, 2015"} <= set(story.article.dates)


def test_mention_offsets_point_into_the_text(mapper):
    text = "Clashes erupted in Tripoli, Libya, on Sunday."
    story = mapper.geoparse(text, shapes=False)
    for place in story.places:
        for mention in place.mentions:
            assert text[mention.start:mention.end] == mention.text


def test_the_capital_is_the_capital_of_the_story_s_country(mapper):
    found = places(mapper, "Protests spread across Kenya. The capital was calm.")
    assert found["Nairobi"].mentions[0].text == "capital"


def test_a_capital_that_is_named_is_not_counted_twice(mapper):
    found = places(mapper, "Protests spread across Kenya. The capital, Nairobi, was calm.")
    assert [m.text for m in found["Nairobi"].mentions] == ["Nairobi"]


def test_a_surname_after_the_full_name_is_the_person(mapper):
    text = "Charlie Chen, 48, was charged on Monday. Chen denied wrongdoing in Boston."
    assert "Chenzhou" not in places(mapper, text)
    assert ("Chen", "person") in non_places(mapper, text)


def test_a_town_that_speaks_is_a_person(mapper):
    text = "Floods reached Ohio on Monday. \"We were ready,\" said Bassett, a firefighter."
    assert "Bassett" not in places(mapper, text)


def test_an_alliance_named_in_a_story_is_an_organisation(mapper):
    text = "NATO condemned the strikes on Odesa."
    assert "NATO" not in places(mapper, text) and ("NATO", "organisation") in non_places(mapper, text)


def test_a_listed_organisation_beats_a_town_of_that_name(mapper):
    assert not places(mapper, "The White House declined to comment.")


def test_contractions_and_mixed_case_acronyms_are_not_places(mapper):
    assert not places(mapper, "“I've recorded 400 CDs,” he said. The MoD confirmed the death.")


def test_a_function_word_does_not_start_a_name(mapper):
    assert "Paris" in places(mapper, "the train was six minutes late After Paris, it sped up.")


def test_a_participle_opening_a_sentence_is_not_a_first_name(mapper):
    assert "Tunisia" in places(mapper, "Considering Tunisia’s interest, the deal matters.")


def test_a_region_of_countries_is_a_region_with_its_members(mapper):
    found = places(mapper, "Leaders across the Middle East reacted on Monday.")
    assert found["Middle East"].kind == "region" and "SY" in found["Middle East"].members


def test_a_lone_small_town_at_a_sentence_start_is_an_ordinary_word(mapper):
    assert "None" not in places(mapper, "None of the injured were British, sources said.")


def test_a_dateline_in_capitals_after_a_byline_is_a_place(mapper):
    text = "By JILL COLVIN, Associated Press WASHINGTON (AP) — China vowed on Friday to fight."
    assert "Washington" in {p.name for p in mapper.geoparse(text, shapes=False).places}


# -- pairs joined by a hyphen ----------------------------------------------------

def test_a_country_paired_with_a_listed_organisation_is_still_a_place(mapper):
    found = places(mapper, "Talks on the Israel-Hamas war resumed in Cairo.")
    assert {"Israel", "Cairo"} <= set(found)


def test_a_country_paired_with_an_unknown_name_is_still_a_place(mapper):
    assert set(places(mapper, "Turkey-PKK talks resumed on Monday.")) == {"Turkey"}


def test_a_small_town_hyphenated_to_an_unknown_name_is_half_a_surname(mapper):
    text = "Headline: Diaz-Balart Speaks at Immokalee Grant Event"
    assert set(places(mapper, text)) == {"Immokalee"}


def test_a_countrys_initials_joined_by_an_ampersand_name_the_country(mapper):
    assert set(places(mapper, "He gave a brief on all that T&T had done to support Dominica.")) == \
        {"Trinidad and Tobago", "Dominica"}


def test_a_companys_initials_joined_by_an_ampersand_are_one_word_and_no_place(mapper):
    assert set(places(mapper, "AT&T said its network in Dallas was down.")) == {"Dallas"}
