"""Words and adjectives are not towns: a demonym or a common-noun use wins
over a look-alike place name."""


def places(mapper, text):
    return {(p.name, p.kind) for p in mapper.geoparse(text, shapes=False).places}


def test_another_places_former_name_used_as_a_word_is_no_place(mapper):
    assert {name for name, _ in places(mapper, "Protesters threw a Molotov cocktail at police.")} == set()


def test_a_places_own_name_used_before_a_noun_is_still_the_place(mapper):
    assert ("Texas", "admin1") in places(mapper, "It was a Texas town of 500 people.")


def test_an_adjective_wins_over_a_province_of_the_same_spelling(mapper):
    found = places(mapper, "Migrants took the Balkan route to Germany.")
    assert ("Balkans", "region") in found and ("Balkan", "admin1") not in found


def test_the_province_is_meant_when_a_place_noun_follows(mapper):
    assert ("Balkan", "admin1") in places(mapper, "Troops entered Balkan province in Turkmenistan.")


def test_a_nationality_adjective_is_its_country_not_a_town(mapper):
    story = mapper.geoparse("Afghan troops and Pakistani police met.", shapes=False)
    assert {(p.name, p.kind) for p in story.places} == {("Afghanistan", "country"), ("Pakistan", "country")}
    assert all(m.type == "demonym" for p in story.places for m in p.mentions)


def test_an_adjective_of_two_words_is_its_country(mapper):
    found = places(mapper, "Officials said South Korean and Sri Lankan ships docked.")
    assert found == {("South Korea", "country"), ("Sri Lanka", "country")}


def test_an_adjective_of_two_words_is_not_cut_at_an_ordinary_first_word(mapper):
    found = places(mapper, "South African officials met Central African troops.")
    assert found == {("South Africa", "country"), ("Central African Republic", "country")}


def test_an_adjective_after_a_or_an_still_names_its_country(mapper):
    assert places(mapper, "He said a Syrian court had ruled.") == {("Syria", "country")}


def test_an_adjective_before_an_outlets_noun_is_the_outlets_country(mapper):
    assert places(mapper, "The Russian news agency Tass said so.") == {("Russia", "country")}


def test_an_outlets_own_name_before_its_noun_stays_a_name(mapper):
    story = mapper.geoparse("The Houthi-run Saba news agency said so.", shapes=False)
    assert story.places == [] and [m.text for m in story.non_places] == ["Saba"]


def test_a_continents_adjective_names_the_continent(mapper):
    assert places(mapper, "The modern African project is under way.") == {("Africa", "region")}


def test_an_american_community_named_for_a_continent_is_no_place(mapper):
    for text in ("African-American voters turned out.", "Asian American voters turned out."):
        assert places(mapper, text) == set()


def test_a_country_code_written_with_a_currency_is_the_currency(mapper):
    text = "They seized $US1.7 billion, rejected a grant of US$3.7m and paid 40 US dollars."
    assert places(mapper, text) == set()


def test_a_weather_pattern_named_like_a_place_is_no_place(mapper):
    assert {n for n, _ in places(mapper, "A strong El Niño warms the Pacific Ocean.")} == {"Pacific Ocean"}


def test_a_weather_pattern_in_a_list_is_no_place(mapper):
    assert places(mapper, "Forecasters watch El Niño and La Niña closely.") == set()


def test_a_weather_pattern_after_a_sentence_s_first_word_is_no_place(mapper):
    assert {n for n, _ in places(mapper, "While El Niño lasts, the Pacific Ocean warms.")} == {"Pacific Ocean"}


def test_two_places_joined_by_a_hyphen_are_both_places(mapper):
    found = {n for n, _ in places(mapper, "Both hope for a DPRK-South Korea summit soon.")}
    assert {"North Korea", "South Korea"} <= found


def test_a_name_with_an_arabic_article_is_one_name(mapper):
    assert ("Deir ez-Zor", "city") in places(mapper, "Fighting hit Deir ez-Zor on Monday.")


def test_an_abbreviated_saint_starts_the_name(mapper):
    assert ("St. Louis", "city") in places(mapper, "He moved to St. Louis in May.")


def test_a_name_an_acronym_spells_out_holds_no_places(mapper):
    story = mapper.geoparse("Troops raided hideouts of the Islamic State in Iraq and Syria (ISIS) near Rutba.",
                            shapes=False)
    assert [m.text for p in story.places for m in p.mentions] == ["Rutba"]
    assert {m.text for m in story.non_places} >= {"Iraq", "Syria"}


def test_a_country_its_acronym_spells_out_stays_a_place(mapper):
    found = places(mapper, "Troops of the Democratic Republic of Congo (DRC) entered Goma.")
    assert ("Democratic Republic of the Congo", "country") in found


def test_a_name_before_an_outlet_noun_is_the_outlet(mapper):
    found = {n for n, _ in places(mapper, "The Saba news agency said the airport in Sanaa was hit.")}
    assert found == {"Sanaa"}


def test_at_between_two_names_parts_them(mapper):
    found = {n for n, _ in places(mapper, "Trains cross into Iran at Sarakhs every day.")}
    assert {"Iran", "Sarakhs"} <= found


def test_a_word_opening_a_sentence_is_no_small_town_of_the_storys_country_alone(mapper):
    text = ("Hawaii's economy grew as a record 9.4 million visitors came to the United States islands. "
            "Strong hiring and income gains followed.")
    assert "Strong" not in {p.name for p in mapper.geoparse(text, shapes=False).places}


def test_a_small_town_opening_a_sentence_stands_with_a_neighbour_named(mapper):
    text = "Fighting spread from Maiduguri in Borno. Gwoza fell to the insurgents on Monday."
    assert "Gwoza" in {p.name for p in mapper.geoparse(text, shapes=False).places}


def places_named(mapper, text):
    return {p.name for p in mapper.geoparse(text, shapes=False).places}


def test_a_listed_organisation_in_a_list_leaves_the_other_items_places(mapper):
    assert "Tunisia" in places_named(mapper, "Relations between NATO and Tunisia seemed solid.")


def test_two_countries_without_the_comma_between_are_two_places(mapper):
    found = places_named(mapper, "Unemployment is high in countries such as Cyprus, Greece Italy or Spain.")
    assert {"Greece", "Italy"} <= found


def test_a_town_and_its_state_without_a_comma_are_two_places(mapper):
    found = places_named(mapper, "Troops gathered at the headquarters of Operation Lafiya Dole "
                                 "in Maiduguri Borno State on Monday.")
    assert "Maiduguri" in found


def test_a_body_named_by_its_head_word_after_the_is_no_town(mapper):
    text = "Tunisia seeks cooperation with NATO and the Alliance's eagerness to help Tunisia is clear."
    assert "Alliance" not in places_named(mapper, text)


def test_two_names_side_by_side_are_still_a_person(mapper):
    assert "Jordan" not in places_named(mapper, "Michael Jordan visited Paris.")


def test_a_place_opening_a_list_keeps_its_first_word(mapper):
    found = places_named(mapper, "Rescue teams came from New Quay and Gwbert on Monday.")
    assert "New Quay" in found


def test_a_place_followed_by_how_often_is_no_newspaper(mapper):
    text = "He visited the complaints office of the court in Beijing weekly to no avail."
    assert "Beijing" in places_named(mapper, text)


def test_a_place_followed_by_an_outlets_noun_is_the_outlet(mapper):
    assert places_named(mapper, "The Houthi-run Saba news agency said the port was hit.") == set()


def test_a_month_in_capitals_is_no_town(mapper):
    found = places_named(mapper, "TIJUANA & SAN DIEGO, MARCH 29, 2018 -- The Mexican government said.")
    assert "March" not in found and "Tijuana" in found


def test_a_place_named_like_a_word_is_a_place_where_someone_sets_out_for_it(mapper):
    assert ("Washington", "city") in places(mapper, "Freeland left for Washington earlier in the day.")
    assert ("Mobile", "city") in places(mapper, "The tanker was bound for Mobile when it sank.")


def test_for_alone_makes_no_place_of_a_word(mapper):
    assert places(mapper, "Voters went for Lincoln in 1860.") == set()


def test_a_plural_acronym_is_a_common_noun_not_the_start_of_a_name(mapper):
    assert ("Europe", "region") in places(mapper, "The CEOs of Europe’s five largest airlines met.")


def test_the_adjective_of_a_region_joined_to_its_partner_names_the_whole_region(mapper):
    text = "Russia wants a greater role in the Asian-Pacific region, officials said."
    assert ("Asia-Pacific", "region") in places(mapper, text)


def test_the_after_a_connector_other_than_english_ones_ends_a_name(mapper):
    text = "Tunisia worked with the United States as the Government of National Accord took office."
    assert ("United States", "country") in places(mapper, text)


def test_a_kind_of_place_after_the_refers_back_and_pins_no_town_of_that_name(mapper):
    found = places(mapper, "People from the Republic and Northern Ireland attend the clinic.")
    assert found == {("Northern Ireland", "admin1")}


def test_a_town_named_by_a_kind_of_place_is_a_place_when_the_text_places_it(mapper):
    assert ("Republic", "city") in places(mapper, "He lives in Republic, Missouri.")


def test_an_english_word_that_names_a_small_town_is_the_word(mapper):
    found = places(mapper, "The portal's content is protected under the Law on copyright of India, "
                           "officials in New Delhi said.")
    assert found == {("India", "country"), ("New Delhi", "city")}


def test_an_english_word_that_is_another_name_of_a_province_is_the_word(mapper):
    found = places(mapper, '"Free trade is a very important concern," the South African minister said in Pretoria.')
    assert ("Orange Free State", "admin1") not in found and ("Pretoria", "city") in found


def test_an_english_word_that_is_another_name_of_a_province_is_the_word_at_a_sentences_start(mapper):
    assert places(mapper, "Pool is a game of skill, the owner said in Brazzaville.") == {("Brazzaville", "city")}


def test_a_small_town_named_by_an_english_word_is_a_place_after_a_cue(mapper):
    assert ("Winner", "city") in places(mapper, "Farmers in Winner, South Dakota, said the harvest was late.")


def test_a_small_town_named_by_an_english_word_is_a_place_in_a_comma_list_of_places(mapper):
    found = places(mapper, "Villages around Salqin, Harem, Armanaz and Lislamin were also struck.")
    assert {name for name, _ in found} >= {"Salqīn", "Ḩārim", "Armanāz"}


def test_a_big_city_named_by_an_english_word_stays_a_place(mapper):
    assert ("Buffalo", "city") in places(mapper, "Buffalo police said roads were closed.")


def test_an_english_word_opening_a_sentence_does_not_make_a_name_of_the_place_after_it(mapper):
    assert places(mapper, "News Russia announces tit-for-tat expulsions of Western diplomats.") == \
        {("Russia", "country")}


def test_a_section_label_before_a_possessive_country_leaves_the_country(mapper):
    found = places(mapper, "Politics Ukraine's asset declaration system should hold officials accountable.")
    assert found == {("Ukraine", "country")}


def test_a_heading_run_into_its_text_ends_the_name_at_a_function_word(mapper):
    found = places(mapper, "A greater role for France Another reason may be found in Paris.")
    assert ("France", "country") in found


def test_a_capitalised_direction_before_an_english_word_is_part_of_a_name_not_a_cue(mapper):
    assert places(mapper, "The memo dismayed a number of West Wing staffers.") == set()


def test_a_storms_name_is_no_place(mapper):
    found = places(mapper, "Hurricane Milton made landfall near Siesta Key on Wednesday.")
    assert {name for name, _ in found} == {"Siesta Key"}


def test_a_storms_name_after_a_two_word_head_is_no_place(mapper):
    assert places(mapper, "Tropical Storm Florence weakened overnight.") == set()


def test_the_country_in_an_operations_name_is_no_place(mapper):
    assert places(mapper, "Operation Iraqi Freedom began in March.") == set()


def test_a_town_named_with_a_storm_word_is_still_the_town(mapper):
    assert {name for name, _ in places(mapper, "Storm Lake police said the road was open.")} == {"Storm Lake"}


def test_a_small_town_in_a_list_that_a_place_cue_heads_is_a_place(mapper):
    assert ("Ansongo", "city") in places(mapper, "Fighting spread to Gao and Ansongo.")


def test_a_sizeable_town_whose_name_is_no_word_is_a_place_at_a_sentences_start(mapper):
    assert ("Kherson", "city") in places(mapper, "Kherson was shelled on Monday.")


def test_a_town_named_like_a_brand_at_a_sentences_start_needs_more_than_its_country(mapper):
    found = places(mapper, "Cadillac’s new V8 is a brutal thing. It goes on sale in Texas and Ohio.")
    assert ("Cadillac", "city") not in found
