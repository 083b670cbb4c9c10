"""A qualifier in the text is a constraint, not a hint: the place lies in the
area the text puts it in, whatever bigger namesake lies elsewhere."""

import pytest

from geomap.qualifiers import COMMA, DEMONYM, IN, LIST, OF, PARENTHESIS, containing_areas


def places(mapper, text):
    return [(p.name, p.country_code) for p in mapper.geoparse(text, shapes=False).places]


def read(text, name):
    start = text.index(name)
    return containing_areas(text, start, start + len(name))


# -- what the text says ---------------------------------------------------------------------
@pytest.mark.parametrize("text, name, expected", [
    ("Flooding hit Paris, Texas, on Monday.", "Paris", (("Texas",), COMMA)),
    ("Police in Franklin, Tenn., said", "Franklin", (("Tenn.",), COMMA)),
    ("Gunmen attacked Mora (Mayo-Sava, Far North) on Sunday.", "Mora", (("Mayo-Sava", "Far North"), PARENTHESIS)),
    ("Kasese in western Uganda was flooded.", "Kasese", (("Uganda",), IN)),
    ("Shells hit the Turkish town of Akcakale.", "Akcakale", (("Turkish",), DEMONYM)),
    ("Homs, Hama and Aleppo were shelled.", "Homs", (("Hama",), LIST)),
    ("Herdsmen raided Guma LGA of Benue State on Monday.", "Guma", (("Benue State",), OF)),
    ("Shells hit Kafr Nabl district of Idlib on Monday.", "Kafr Nabl district", (("Idlib",), OF)),
])
def test_each_qualifier_form_is_read_from_the_text(text, name, expected):
    assert read(text, name) == expected


def test_a_qualifier_ends_with_its_sentence():
    text = "The company runs Crossroads Correctional Center in Shelby. Montana officials met."
    assert read(text, "Crossroads Correctional Center") == (("Shelby",), IN)


def test_an_abbreviation_inside_a_qualifier_does_not_end_it():
    assert read("Protests spread from Ferguson, St. Louis County, on Monday.", "Ferguson") == \
        (("St. Louis County",), COMMA)


def test_a_name_with_nothing_around_it_has_no_qualifier():
    assert read("Rebels shelled Aleppo on Monday.", "Aleppo") == ((), "")


# -- what the resolver does with it -------------------------------------------------------------
def test_a_town_qualified_by_its_state_is_the_town_in_that_state(mapper):
    assert ("Paris", "US") in places(mapper, "Flooding hit Paris, Texas, on Monday.")


def test_a_town_named_like_a_country_is_the_town_when_qualified(mapper):
    found = places(mapper, "Lebanon, Pennsylvania, was flooded.")
    assert ("Lebanon", "US") in found and ("Lebanon", "LB") not in found


def test_an_abbreviated_state_qualifies_a_town_named_like_a_person(mapper):
    assert ("Franklin", "US") in places(mapper, "Flooding hit Franklin, Tenn., on Monday.")


def test_two_places_of_one_name_in_one_story_each_follow_their_qualifier(mapper):
    found = places(mapper, "Perth, Scotland and Perth, Western Australia are far apart.")
    assert ("Perth", "GB") in found and ("Perth", "AU") in found


def test_a_name_repeated_alone_keeps_its_qualified_reading(mapper):
    story = mapper.geoparse("Floods hit Perth, Scotland on Monday. Perth was cut off.", shapes=False)
    perth = next(p for p in story.places if p.name == "Perth")
    assert perth.country_code == "GB" and len(perth.mentions) == 2


def test_event_report_parentheses_place_a_town_in_its_province(mapper):
    assert ("Mora", "CM") in places(mapper, "Gunmen attacked Mora (Mayo-Sava, Far North) on Sunday.")


def test_a_town_in_a_direction_of_a_country_lies_in_that_country(mapper):
    assert ("Kasese", "UG") in places(mapper, "Kasese in western Uganda was flooded.")


def test_a_demonym_town_of_lies_in_the_demonyms_country(mapper):
    found = places(mapper, "Shells hit the Turkish town of Akcakale.")
    assert any(code == "TR" and name.startswith("Ak") for name, code in found)


def test_a_list_of_towns_is_not_read_as_qualifiers(mapper):
    found = places(mapper, "Homs, Hama and Aleppo were shelled.")
    assert {"Homs", "Aleppo"} <= {name for name, _ in found}


def test_a_list_of_countries_is_not_read_as_qualifiers(mapper):
    found = places(mapper, "Jordan, Syria and Iraq met on Monday.")
    assert {("Jordan", "JO"), ("Syria", "SY"), ("Iraq", "IQ")} <= set(found)


def test_a_village_missing_from_the_gazetteer_stays_unmapped_rather_than_abroad(mapper):
    # no Rockingham lies in Northamptonshire in the gazetteer (a village below
    # GeoNames' cities500): the Australian and Canadian ones must not stand in
    found = places(mapper, "Racing resumes at Rockingham, Northamptonshire, in August.")
    assert all(name != "Rockingham" for name, _ in found)


def test_a_month_after_in_is_no_qualifier(mapper):
    assert ("Aleppo", "SY") in places(mapper, "Rebels shelled Aleppo in March.")


def test_a_person_with_a_job_title_after_the_comma_is_no_town(mapper):
    assert all(name != "Brown" for name, _ in places(mapper, "Senator Brown, Texas Senator, spoke."))


def test_a_lost_full_stop_after_a_qualifier_leaves_it_a_qualifier(mapper):
    found = places(mapper, "He died in the school shooting in Parkland, Florida The controversy grew.")
    assert ("Parkland", "US") in found and ("Florida", "US") in found


def test_a_list_comma_puts_a_place_in_the_next_area_only_under_its_own_name(mapper):
    found = places(mapper, "After stops in Washington, New York and Boston, the crown prince flew home.")
    washington = next(p for p in mapper.geoparse("After stops in Washington, New York and Boston, the "
                                                 "crown prince flew home.", shapes=False).places
                      if p.mentions[0].text == "Washington")
    assert washington.name == "Washington" and abs(washington.longitude + 77.04) < 0.5
    assert ("Boston", "US") in found


def test_a_qualifier_is_itself_a_mention_of_its_area(mapper):
    found = mapper.geoparse("A baker from Tacoma, Washington shares tips.", shapes=False).places
    assert [(p.name, p.kind) for p in found] == [("Tacoma", "city"), ("Washington", "admin1")]


def test_a_qualifier_named_like_a_capital_is_the_area_not_the_capital(mapper):
    found = {p.name: p for p in mapper.geoparse("The mayor of Tacoma, Washington said the port would reopen.",
                                                 shapes=False).places}
    assert found["Washington"].kind == "admin1"


def test_a_district_the_gazetteer_lacks_leaves_the_state_it_is_of_a_place(mapper):
    found = mapper.geoparse("Gunmen attacked villages in Guma LGA of Benue State, Nigeria.", shapes=False)
    assert "strike" in {r.name for p in found.places if p.name == "Benue" for r in p.roles}


def test_a_word_before_of_that_is_no_division_word_is_no_qualifier():
    assert read("Beirut was once the Paris of the Middle East.", "Paris") == ((), "")


def test_a_name_the_text_puts_where_the_gazetteer_has_none_is_not_pinned_abroad(mapper):
    # the gazetteer knows "Guma" only as another name of Goma, Congo
    found = mapper.geoparse("Herdsmen attacked villages in Guma LGA of Benue State on Monday.", shapes=False)
    assert [p.name for p in found.places] == ["Benue"]
    assert [m.text for m in found.unresolved] == ["Guma"]


def test_a_name_placed_nowhere_by_its_qualifier_stays_unmapped_when_it_comes_back(mapper):
    found = mapper.geoparse("Herdsmen attacked villages in Guma LGA of Benue State. "
                            "Residents of Guma fled to Makurdi.", shapes=False)
    assert "Goma" not in {p.name for p in found.places}
    assert [m.text for m in found.unresolved] == ["Guma", "Guma"]


def test_a_division_word_of_several_words_before_of_leaves_the_area_a_place(mapper):
    found = places(mapper, "Gunmen attacked Guma Local Government Area of Benue State.")
    assert found == [("Benue", "NG")]


def test_a_division_named_with_its_division_word_is_named_by_its_own_name(mapper):
    found = mapper.geoparse("Gunmen attacked Benue State on Monday.", shapes=False).places
    assert [p.name for p in found] == ["Benue"] and not found[0].doubtful




def test_a_division_word_only_some_countries_use_keeps_a_name_out_of_other_countries(mapper):
    # no "of Benue State" here: "LGA" alone says Nigeria (or Australia)
    found = mapper.geoparse("The children were displaced from a village of Guma LGA, officials said.",
                            shapes=False)
    assert found.places == []
    assert [m.text for m in found.unresolved] == ["Guma"]


def test_a_state_before_the_word_city_of_is_the_state_not_a_city_of_that_name(mapper):
    found = places(mapper, "A gunman opened fire in the Texas city of El Paso.")
    assert ("Texas", "US") in found and ("Texas City", "US") not in found


def test_a_sea_before_the_word_port_of_is_the_sea_not_a_town_of_that_name(mapper):
    found = places(mapper, "Grain is carried to the Gulf port of Bandar Abbas for export.")
    assert ("Gulfport", "US") not in found and ("Bandar Abbas", "IR") in found


def test_a_city_named_with_the_word_city_is_still_that_city(mapper):
    assert ("Texas City", "US") in places(mapper, "A refinery exploded in Texas City on Monday.")
