"""Story packs, as a specification: role rules beyond conflict (disasters,
migration), applied when the story's words call for them; a new pack is a
data file."""

import pytest

from geomap import Geomapper
from geomap.roles.packs import Packs
from story_roles import roles


def test_where_a_storm_made_landfall(mapper):
    found = roles(mapper, "Hurricane Maria made landfall near Yabucoa on Wednesday.")
    assert "landfall" in found["Yabucoa"]


def test_a_place_under_water_is_flooded(mapper):
    found = roles(mapper, "After the cyclone, the road from Ponce was under water.")
    assert "flooded" in found["Ponce"]


def test_only_the_subject_of_its_own_clause_is_flooded(mapper):
    found = roles(mapper, "Aid reached Arecibo, because the road from Ponce was under water after the storm surge.")
    assert "flooded" not in found["Arecibo"]


def test_a_place_the_disaster_struck_is_hit(mapper):
    found = roles(mapper, "Floods after the cyclone hit Ponce on Monday.")
    assert "hit" in found["Ponce"]


def test_a_place_struck_in_the_passive_is_hit(mapper):
    found = roles(mapper, "After the hurricane made landfall, Arecibo was battered by winds.")
    assert "hit" in found["Arecibo"]


def test_where_the_speakers_are_is_not_flooded(mapper):
    found = roles(mapper, "After the cyclone, officials in Ponce said roads were flooded.")
    assert "flooded" not in found["Ponce"]


def test_a_missile_hit_in_a_story_with_floods_is_no_disaster_hit(mapper):
    found = roles(mapper, "Russian missiles hit Kyiv on Monday. Floods have also affected the south.")
    assert "hit" not in found["Kyiv"]


def test_a_named_storm_hits_without_striking(mapper):
    found = roles(mapper, "Cyclone Idai hit Beira on Thursday.")
    assert "hit" in found["Beira"] and "strike" not in found["Beira"]


def test_a_named_storm_at_a_sentence_start_is_no_assault(mapper):
    found = roles(mapper, "Storm Florence flooded parts of North Carolina.")
    assert "strike" not in found["North Carolina"]


def test_the_country_locating_a_flooded_town_is_not_flooded(mapper):
    found = roles(mapper, "Flooding submerged Pemba, in Mozambique's Cabo Delgado province.")
    assert "flooded" in found["Pemba"]
    assert "flooded" not in found["Mozambique"] and "flooded" not in found["Cabo Delgado"]


def test_where_a_storm_went_after_landfall_is_not_its_landfall(mapper):
    found = roles(mapper, "The cyclone made landfall near Sittwe before moving north into Chin State.")
    assert "landfall" in found["Sittwe"] and "landfall" not in found["Chin"]


def test_a_hit_after_a_disaster_named_in_another_clause_is_no_disaster_hit(mapper):
    found = roles(mapper, "After the earthquake, missiles hit Kharkiv.")
    assert "hit" not in found["Kharkiv"]


def test_where_a_quake_struck_offshore_is_its_epicentre(mapper):
    found = roles(mapper, "A magnitude 6.2 earthquake struck off the coast of Hualien County.")
    assert "epicentre" in found["Hualien"]


def test_the_place_named_as_the_epicentre_is_the_epicentre(mapper):
    found = roles(mapper, "The quake hit Morocco on Friday, with its epicentre in Al Haouz province.")
    assert "epicentre" in found["Al-Haouz"] and "epicentre" not in found["Morocco"]


def test_a_place_a_quake_struck_is_hit_not_its_epicentre(mapper):
    found = roles(mapper, "The earthquake hit Hatay province, killing thousands.")
    assert found["Hatay"] == {"hit"}


def test_a_place_people_were_evacuated_from(mapper):
    found = roles(mapper, "After the earthquake, residents were evacuated from Humacao.")
    assert "evacuation" in found["Humacao"]


def test_a_road_closed_by_a_storm(mapper):
    found = roles(mapper, "The typhoon cut power and the highway to Tacloban was closed.")
    assert "closed" in found["Tacloban"]


def test_a_pack_needs_its_trigger_in_the_story(mapper):
    found = roles(mapper, "Troops closed the road to Gao after the attack.")
    assert "closed" not in found["Gao"]


def test_the_migration_pack_names_departure_and_arrival(mapper):
    found = roles(mapper, "Migrants set sail from Sfax and landed on Lampedusa on Sunday.")
    assert "departure" in found["Sfax"] and "arrival" in found["Lampedusa"]


def test_the_role_has_the_pack_label_and_its_sentence(mapper):
    text = "Hurricane Maria made landfall near Yabucoa on Wednesday."
    yabucoa = next(p for p in mapper.geoparse(text, shapes=False).places if p.name == "Yabucoa")
    role = next(r for r in yabucoa.roles if r.name == "landfall")
    assert role.label == "landfall" and role.evidence == text


@pytest.fixture
def outbreak_pack(tmp_path):
    (tmp_path / "epidemic.toml").write_text(
        "[pack]\n"
        "triggers = ['cholera', 'outbreaks?']\n"
        "[roles.outbreak]\n"
        "label = 'outbreak'\n"
        "cues = ['cases? (?:were|was) reported', 'outbreak']\n"
        "after = ['in']\n", encoding="utf-8")
    return tmp_path


def test_a_new_pack_is_a_data_file(gazetteer, outbreak_pack):
    mapper = Geomapper(gazetteer)
    mapper.roles.packs = Packs([outbreak_pack])
    story = mapper.geoparse("A cholera outbreak in Beira has killed 12 people.", shapes=False)
    beira = next(p for p in story.places if p.name == "Beira")
    assert {r.name for r in beira.roles} == {"outbreak"}


def test_a_pack_can_bring_its_own_route_kind(gazetteer, tmp_path):
    (tmp_path / "livestock.toml").write_text(
        "[pack]\n"
        "triggers = ['herders?']\n"
        "[route_kinds.herding]\n"
        "role = 'supply_route'\n"
        "cues = ['cattle', 'herds?']\n", encoding="utf-8")
    mapper = Geomapper(gazetteer)
    mapper.roles.packs = Packs([tmp_path])
    story = mapper.geoparse("Herders drove cattle from Niger into Nigeria.", shapes=False)
    nigeria = next(p for p in story.places if p.name == "Nigeria")
    assert any(r.name == "supply_route" and r.cue.startswith("herding") for r in nigeria.roles)


def test_a_place_named_after_the_word_for_its_kind_is_hit(mapper):
    found = roles(mapper, "Floods hit the coastal town of Derna on Monday.")
    assert "hit" in found["Darnah"]


def test_a_quake_struck_near_the_city_of_a_place_is_centred_there(mapper):
    found = roles(mapper, "The earthquake struck near the city of Herat on Saturday.")
    assert "epicentre" in found["Herāt"]


def test_the_country_whose_capital_a_quake_struck_near_is_no_epicentre(mapper):
    found = roles(mapper, "The earthquake struck near the capital of Nepal on Saturday.")
    assert "epicentre" not in found["Nepal"]
