"""Control of ground and sieges, as a specification: ground that changed
hands ("control") and places under siege ("siege"), on sentences of other
stories."""

from story_roles import role_of, roles


# -- control ------------------------------------------------------------------------------
def test_a_seized_town_changed_hands(mapper):
    assert "control" in roles(mapper, "M23 rebels seized the town of Bunia on Monday.")["Bunia"]


def test_the_label_names_who_seized_it(mapper):
    role = role_of(mapper, "M23 rebels seized the town of Bunia on Monday.", "Bunia", "control")
    assert role.label == "captured by M23 rebels"


def test_a_passive_capture_names_the_group_of_its_by_phrase(mapper):
    role = role_of(mapper, "The city of Kherson was captured by Russian forces in March.", "Kherson",
                   "control")
    assert role.label == "captured by Russian forces"


def test_a_town_that_fell_to_a_group_changed_hands(mapper):
    role = role_of(mapper, "Gao fell to the rebels on Tuesday.", "Gao", "control")
    assert role.label == "captured by rebels"


def test_took_control_of_is_a_capture(mapper):
    text = "Kyiv said Russian forces took control of Avdiivka after months of fighting."
    assert "control" in roles(mapper, text)["Avdiyivka"]


def test_every_town_a_group_overran_changed_hands(mapper):
    found = roles(mapper, "Rebels overran Goma and Sake in North Kivu.")
    assert "control" in found["Goma"] and "control" in found["Sake"]


def test_the_division_locating_overrun_towns_did_not_change_hands(mapper):
    assert "control" not in roles(mapper, "Rebels overran Goma and Sake in North Kivu.")["North Kivu"]


def test_a_recapture_is_a_change_of_control(mapper):
    assert "control" in roles(mapper, "Troops recaptured Kherson from Russian forces.")["Kherson"]


def test_a_common_noun_opening_the_sentence_is_written_lower_case(mapper):
    role = role_of(mapper, "Troops recaptured Kherson from Russian forces.", "Kherson", "control")
    assert role.label == "captured by troops"


def test_a_town_an_armed_group_took_changed_hands(mapper):
    role = role_of(mapper, "Rebels took the town of Kidal on Sunday.", "Kidal", "control")
    assert role.label == "captured by rebels"


def test_a_town_taken_by_a_named_group_changed_hands(mapper):
    assert "control" in roles(mapper, "Bukavu was taken by M23 on Sunday.")["Bukavu"]


def test_took_joined_by_and_to_a_capture_is_a_capture_too(mapper):
    found = roles(mapper, "M23 rebels captured Goma in January and later took Bukavu.")
    assert "control" in found["Bukavu"]


def test_a_state_a_candidate_took_changed_no_hands(mapper):
    assert "control" not in roles(mapper, "Biden took Pennsylvania in 2020.")["Pennsylvania"]


def test_where_troops_took_someone_changed_no_hands(mapper):
    assert "control" not in roles(mapper, "The army took the wounded to Goma.")["Goma"]


def test_a_place_taken_by_surprise_changed_no_hands(mapper):
    assert "control" not in roles(mapper, "Kyiv was taken by surprise.")["Kyiv"]


def test_captured_people_are_no_captured_place(mapper):
    found = roles(mapper, "Insurgents captured two soldiers near Gao on Sunday.")
    assert "control" not in found["Gao"]


def test_a_failed_capture_is_none(mapper):
    assert "control" not in roles(mapper, "The army failed to capture Kharkiv.")["Kharkiv"]


def test_a_place_named_as_who_captured_is_not_the_group(mapper):
    role = role_of(mapper, "Fighters from Mali seized the town of Menaka.", "Ménaka", "control")
    assert "Mali" not in role.label


# -- siege --------------------------------------------------------------------------------
def test_an_encircled_town_is_under_siege(mapper):
    assert "siege" in roles(mapper, "Government troops encircled Avdiivka last week.")["Avdiyivka"]


def test_the_siege_label_says_siege(mapper):
    role = role_of(mapper, "Government troops encircled Avdiivka last week.", "Avdiyivka", "siege")
    assert "siege" in role.label


def test_the_besieged_city_of_is_under_siege(mapper):
    assert "siege" in roles(mapper, "Aid reached the besieged city of Mariupol.")["Mariupol"]


def test_a_place_that_remains_under_siege_is_under_siege(mapper):
    assert "siege" in roles(mapper, "Sittwe remains under siege, residents said.")["Sittwe"]


def test_the_place_named_before_siege_is_under_siege(mapper):
    found = roles(mapper, "Food ran short as the Mosul siege entered its fourth month.")
    assert "siege" in found["Mosul"]


def test_besieging_is_a_siege_not_a_position(mapper):
    found = roles(mapper, "Paramilitary fighters have besieged Kadugli for a year.")
    assert "siege" in found["Kadugli"] and "position" not in found["Kadugli"]


def test_an_area_called_occupied_is_no_seizure_the_story_reports(mapper):
    found = roles(mapper, "Israeli forces raided a refugee camp in the occupied West Bank.")
    assert "control" not in found["West Bank"]


def test_a_place_occupied_by_an_army_is_seized(mapper):
    assert "control" in roles(mapper, "Russian troops occupied Kherson in March.")["Kherson"]
