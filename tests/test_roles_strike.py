"""Strike areas are what was struck, as a specification: each rule of the
strike family and of the shallow grammar that reads its cues
(geomap/roles/clauses.py, read_cue), on sentences of other stories."""

import pytest

from geomap.roles import clauses
from story_roles import role_of, roles


# -- the target: object, passive subject, attached places ------------------------------
def test_the_object_of_an_attack_verb_is_struck(mapper):
    assert "strike" in roles(mapper, "Drones launched overnight struck an oil depot in Novorossiysk.")[
        "Novorossiysk"]


def test_the_subject_of_a_passive_attack_verb_is_struck(mapper):
    found = roles(mapper, "Hospitals in Khartoum were shelled by paramilitary forces, the ministry said.")
    assert "strike" in found["Khartoum"]


def test_came_under_fire_is_passive(mapper):
    assert "strike" in roles(mapper, "Homs came under heavy fire on Sunday.")["Homs"]


def test_a_place_near_the_unnamed_target_is_struck(mapper):
    found = roles(mapper, "Officials in Amman said Jordanian jets bombed hideouts near Sweida.")
    assert "strike" in found["As-Suwayda"]


def test_a_projectile_landing_in_a_town_strikes_it(mapper):
    found = roles(mapper, "Rockets fired from Lebanon landed in Kiryat Shmona.")
    assert "strike" in found["Qiryat Shmona"]


def test_a_verb_of_landing_without_a_projectile_strikes_nothing(mapper):
    assert roles(mapper, "The delegation landed in Kabul on Monday.")["Kabul"] == {"mention"}


@pytest.mark.parametrize("sentence, place", [
    ("Gunmen killed 12 villagers in Sokoto on Sunday.", "Sokoto"),
    ("Bandits abducted 40 travellers near Funtua.", "Funtua"),
    ("A suicide bomber blew himself up at a market in Maiduguri.", "Maiduguri"),
    ("An explosion rocked central Kabul on Monday.", "Kabul"),
])
def test_armed_men_or_a_blast_doing_violence_in_a_town_strike_it(mapper, sentence, place):
    assert "strike" in roles(mapper, sentence)[place]


@pytest.mark.parametrize("sentence", ["A fire killed three people in Lagos.",
                                      "Twelve soldiers were killed in Lagos."])
def test_a_killing_with_no_armed_men_doing_it_strikes_nothing(mapper, sentence):
    assert roles(mapper, sentence)["Lagos"] == {"mention"}


def test_a_verb_of_firing_strikes_what_it_is_aimed_at(mapper):
    found = roles(mapper, "Russia launched 40 drones and six missiles at Ukraine overnight.")
    assert "strike" in found["Ukraine"] and "strike" not in found["Russia"]


def test_a_verb_of_firing_strikes_nothing_it_is_not_aimed_at(mapper):
    assert roles(mapper, "The government launched an appeal in Geneva.")["Geneva"] == {"mention"}


def test_the_city_in_a_strike_s_phrase_is_the_town_named_before_it(mapper):
    found = roles(mapper, "Explosions were heard in Belgorod, near the border with Ukraine, after "
                          "Ukrainian drones attacked the city.")
    assert "strike" in found["Belgorod"]


def test_the_city_is_not_the_town_the_fire_came_from(mapper):
    assert roles(mapper, "Missiles fired from Belgorod hit the city.")["Belgorod"] == {"mention"}


# -- what is not struck -----------------------------------------------------------------
def test_a_place_joined_to_a_participle_is_not_struck(mapper):
    found = roles(mapper, "US forces carried out strikes against Iran-backed militias in Iraq.")
    assert "strike" not in found["Iran"] and "strike" in found["Iraq"]


@pytest.mark.parametrize("sentence, place", [
    ("Missiles struck the Kerch bridge linking Crimea to Russia.", "Russia"),
    ("Militants attacked a convoy heading to Gao.", "Gao"),
])
def test_where_the_struck_thing_leads_is_not_struck(mapper, sentence, place):
    assert "strike" not in roles(mapper, sentence)[place]


def test_the_country_off_whose_coast_a_ship_was_attacked_is_not_struck(mapper):
    found = roles(mapper, "The Houthis claimed an attack on a cargo ship off the coast of Eritrea.")
    assert "strike" not in found["Eritrea"]


def test_drones_shot_down_over_a_region_do_not_strike_it(mapper):
    found = roles(mapper, "Air defences shot down 20 drones over the Kyiv region.")
    assert "strike" not in found["Kyiv Oblast"]


def test_what_strikes_destroyed_is_struck(mapper):
    assert "strike" in roles(mapper, "Strikes destroyed a bridge in Kherson.")["Kherson"]


def test_the_attacker_named_in_a_by_phrase_is_not_struck(mapper):
    found = roles(mapper, "A drone strike by Kenyan forces killed two militants near Kismayo.")
    assert "strike" not in found["Kenya"] and "strike" in found["Kismayo"]


def test_the_attacker_country_named_in_a_by_phrase_is_not_struck(mapper):
    found = roles(mapper, "A drone strike by US forces killed two militants near Marib.")
    assert "strike" not in found["United States"] and "strike" in found["Ma'rib"]


def test_the_attacker_s_missiles_do_not_strike_their_country(mapper):
    found = roles(mapper, "Russian missiles hit a power plant in Sumy.")
    assert "strike" not in found["Russia"] and "strike" in found["Sumy"]


def test_the_source_of_fire_after_a_passive_verb_is_not_struck(mapper):
    found = roles(mapper, "Kharkiv was hit by missiles fired from Belgorod.")
    assert "strike" in found["Kharkiv"] and "strike" not in found["Belgorod"]


def test_the_launch_site_before_the_verb_is_not_struck(mapper):
    found = roles(mapper, "Drones launched from Crimea struck an oil depot in Novorossiysk.")
    assert "strike" not in found["Crimea"]


def test_a_speaker_between_a_comma_and_said_is_not_struck(mapper):
    found = roles(mapper, "Artillery shelled Vovchansk overnight, the head of the Kharkiv regional "
                          "military administration said.")
    assert "strike" in found["Vovchansk"] and "strike" not in found["Kharkiv"]


def test_officials_in_a_city_after_a_passive_strike_are_not_struck(mapper):
    found = roles(mapper, "Dnipro was attacked overnight, officials in Kyiv said.")
    assert "strike" in found["Dnipro"] and "strike" not in found["Kyiv"]


def test_a_reference_point_north_of_which_the_target_lies_is_not_struck(mapper):
    assert roles(mapper, "Jets bombed a fuel depot 40 km south of Tobruk.")["Tobruk"] == {"mention"}


def test_a_place_across_the_river_from_the_target_is_not_struck(mapper):
    found = roles(mapper, "Pokrovsk, across the river from Myrnohrad, was shelled overnight.")
    assert "strike" in found["Pokrovsk"] and "strike" not in found["Myrnohrad"]


def test_a_place_near_which_a_named_target_lies_is_not_struck(mapper):
    found = roles(mapper, "Lysychansk, near Sievierodonetsk, was shelled on Monday.")
    assert "strike" in found["Lysychansk"] and "strike" not in found["Siverskodonetsk"]


def test_the_place_people_were_displaced_from_is_not_struck(mapper):
    found = roles(mapper, "Shells hit a school sheltering families displaced from Bakhmut in "
                          "Kostiantynivka.")
    assert "strike" not in found["Bakhmut"] and "strike" in found["Kostyantynivka"]


def test_a_place_in_a_later_clause_of_the_headline_is_not_struck(mapper):
    found = roles(mapper, "Drones hit Sumy as talks open in Geneva")
    assert "strike" in found["Sumy"] and "strike" not in found["Geneva"]


def test_a_risked_attack_is_no_strike(mapper):
    found = roles(mapper, "Tankers now sail around Africa rather than risk attack off Oman.")
    assert "strike" not in found["Oman"]


# -- a town's strike never shades its country ----------------------------------------------
def test_the_country_after_a_comma_only_locates_the_town(mapper):
    found = roles(mapper, "Air strikes hit Idlib, Syria, on Monday.")
    assert "strike" in found["Idlib"] and "strike" not in found["Syria"]


def test_the_country_after_in_only_locates_the_town(mapper):
    found = roles(mapper, "Jets bombed Raqqa in Syria.")
    assert "strike" in found["Ar Raqqah"] and "strike" not in found["Syria"]


def test_the_country_in_the_possessive_only_locates_the_division(mapper):
    found = roles(mapper, "Jets struck depots in Russia's Belgorod region.")
    assert "strike" in found["Belgorod"] and "strike" not in found["Russia"]


def test_a_division_in_the_possessive_after_its_word_only_locates_the_town(mapper):
    found = roles(mapper, "Militants attacked an army base in Borno state's Konduga area.")
    assert "strike" in found["Konduga"] and "strike" not in found["Borno"]


def test_a_division_after_a_possessive_locator_only_locates_the_town(mapper):
    found = roles(mapper, "Drones struck an oil depot in Novorossiysk, in Russia's Krasnodar Krai, overnight.")
    assert "strike" in found["Novorossiysk"] and "strike" not in found["Krasnodarskiy"]


def test_divisions_in_parentheses_only_locate_the_town(mapper):
    found = roles(mapper, "Militants ambushed a convoy near Djibo (Soum, Sahel) on Tuesday.")
    assert "strike" in found["Djibo"] and "strike" not in found["Soum"] and "strike" not in found["Sahel"]


def test_the_area_after_a_camp_named_for_its_town_only_locates_the_town(mapper):
    found = roles(mapper, "Israeli forces raided the Jenin refugee camp in the West Bank.")
    assert "strike" in found["Janīn"] and "strike" not in found["West Bank"]


def test_where_people_were_forced_to_flee_to_is_not_struck(mapper):
    found = roles(mapper, "Missiles hit Kharkiv, forcing residents to flee to Poltava.")
    assert "strike" in found["Kharkiv"] and "strike" not in found["Poltava"]


def test_troops_storming_a_camp_strike_it(mapper):
    assert "strike" in roles(mapper, "Israeli troops storm Jenin camp.")["Janīn"]


def test_the_place_a_relative_clause_says_was_shelled_is_struck(mapper):
    found = roles(mapper, "Residents of Kherson, which Russia shelled daily, fled to Odesa.")
    assert "strike" in found["Kherson"]


def test_where_people_went_after_a_relative_clause_is_not_struck(mapper):
    found = roles(mapper, "Residents of Kherson, which Russia shelled daily, fled to Odesa.")
    assert "strike" not in found["Odesa"]


def test_the_place_a_passive_relative_clause_says_was_shelled_is_struck(mapper):
    assert "strike" in roles(mapper, "Civilians left Kherson, which was shelled overnight.")["Kherson"]


def test_the_subject_of_a_relative_clause_that_shelled_is_not_struck(mapper):
    found = roles(mapper, "Russia, which shelled Kherson overnight, denied it.")
    assert "strike" not in found["Russia"] and "strike" in found["Kherson"]


def test_a_country_the_text_says_was_struck_is_struck(mapper):
    assert "strike" in roles(mapper, "Jets bombed hideouts in Syria.")["Syria"]


def test_strikes_across_a_directional_part_strike_that_part(mapper):
    role = role_of(mapper, "Missiles struck power stations across eastern Ukraine.", "Ukraine", "strike")
    assert (role.extent.kind, role.extent.direction) == ("side", "east")


def test_the_north_of_the_country_strikes_that_part_of_the_town_s_country(mapper):
    text = "Mali's army said jets bombed a convoy near Gao in the north of the country."
    role = role_of(mapper, text, "Mali", "strike")
    assert (role.extent.kind, role.extent.direction) == ("side", "north")


# -- negation and sparing ----------------------------------------------------------------
def test_a_negated_strike_does_not_silence_a_later_one_in_the_sentence(mapper):
    found = roles(mapper, "Dnipro was not targeted, though drones struck Pavlohrad.")
    assert found["Dnipro"] == {"not_targeted"} and "strike" in found["Pavlohrad"]


def test_a_place_is_never_struck_and_spared_by_one_sentence(mapper):
    found = roles(mapper, "Missiles hit Rivne and Lutsk, but Lutsk itself was spared.")
    assert found["Lutsk"] == {"not_targeted"} and "strike" in found["Rivne"]


def test_the_speaker_of_a_negated_passive_is_not_spared(mapper):
    found = roles(mapper, "Romania's defence ministry said its port of Constanta had not been hit.")
    assert "not_targeted" in found["Constanţa"] and "not_targeted" not in found["Romania"]


# -- the headline --------------------------------------------------------------------------
HEADLINE_STORY = ("Drones hit Odesa port\n\n"
                  "KYIV (Reuters) - Officials in Lviv met donors on Monday. "
                  "Drones hit Odesa port overnight, the navy said.")


def test_a_headline_s_roles_never_spill_onto_the_first_paragraph(mapper):
    found = roles(mapper, HEADLINE_STORY)
    assert "strike" in found["Odesa"] and "strike" not in found["Lviv"]


def test_a_headline_is_the_evidence_of_its_own_roles(mapper):
    story = mapper.geoparse(HEADLINE_STORY, shapes=False)
    odesa = next(p for p in story.places if p.name == "Odesa")
    assert "Drones hit Odesa port" in {r.evidence for r in odesa.roles if r.name == "strike"}


def test_a_headline_restating_the_body_draws_one_strike_shape(mapper):
    story = mapper.geoparse(HEADLINE_STORY)
    odesa = next(p for p in story.places if p.name == "Odesa")
    assert len([s for s in story.shapes if s.role == "strike" and odesa.id in s.places]) == 1


def test_two_cues_in_one_clause_give_one_role(mapper):
    story = mapper.geoparse("Jets bombed and shelled Saraqib.", shapes=False)
    saraqib = next(p for p in story.places if p.name == "Saraqib")
    assert len([r for r in saraqib.roles if r.name == "strike"]) == 1


# -- the grammar itself --------------------------------------------------------------------
def test_a_cue_s_phrase_is_bounded_in_words():
    clause = clauses.Clause("struck " + "far " * 500 + "Idlib", 0, "", 0, 0, [], clauses.Ledger())
    reading = clauses.read_cue(clause, 0, len("struck"))
    assert len(clause.text[reading.end:reading.phrase_end].split()) <= clauses.PHRASE_WORDS


def test_a_cue_s_subject_is_bounded_in_words():
    text = "people " * 500 + "were shelled"
    clause = clauses.Clause(text, 0, "", 0, 0, [], clauses.Ledger())
    start = text.index("shelled")
    reading = clauses.read_cue(clause, start, start + len("shelled"))
    assert len(text[reading.subject_start:reading.subject_end].split()) <= clauses.SUBJECT_WORDS


@pytest.mark.parametrize("text,passive", [("Idlib was heavily shelled", True),
                                          ("Jets shelled Idlib", False)])
def test_a_cue_s_voice_is_read_from_its_auxiliary(text, passive):
    clause = clauses.Clause(text, 0, "", 0, 0, [], clauses.Ledger())
    start = text.index("shelled")
    assert clauses.read_cue(clause, start, start + len("shelled")).passive is passive


# -- work stoppages ----------------------------------------------------------------------
def test_a_labour_strike_strikes_no_place(mapper):
    found = roles(mapper, "Air traffic controllers' strikes grounded flights across Italy on Friday.")
    assert "strike" not in found["Italy"]


def test_workers_going_on_strike_in_a_town_strike_nothing(mapper):
    found = roles(mapper, "Dock workers went on strike in Antwerp over pay.")
    assert "strike" not in found["Antwerp"]


def test_a_general_strike_is_no_attack(mapper):
    assert "strike" not in roles(mapper, "A general strike shut shops in Kathmandu on Tuesday.")["Kathmandu"]


def test_an_air_strike_beside_a_labour_word_is_still_a_strike(mapper):
    found = roles(mapper, "Air strikes hit Mosul as workers protested over pay.")
    assert "strike" in found["Mosul"]


def test_a_police_raid_is_no_strike(mapper):
    assert "strike" not in roles(mapper, "Two men were detained in a police raid in Rotterdam.")["Rotterdam"]


# -- what hits without attacking ------------------------------------------------------------
def test_weather_that_hits_a_town_strikes_nothing(mapper):
    assert "strike" not in roles(mapper, "Heavy rains hit Sylhet on Sunday.")["Sylhet"]


def test_a_country_hit_by_protests_is_no_strike_area(mapper):
    assert "strike" not in roles(mapper, "Chile has been hit by weeks of protests over fares.")["Chile"]


def test_tariffs_that_target_a_country_strike_nothing(mapper):
    assert "strike" not in roles(mapper, "The tariffs that have targeted Canada hurt farmers.")["Canada"]


def test_a_weapon_named_for_a_storm_still_strikes(mapper):
    assert "strike" in roles(mapper, "Storm Shadow missiles hit Sevastopol overnight.")["Sevastopol"]


def test_a_lawsuit_launched_against_a_city_strikes_nothing(mapper):
    found = roles(mapper, "Residents launched a lawsuit against Baltimore over the water supply.")
    assert "strike" not in found["Baltimore"]


def test_firing_without_an_object_still_strikes_what_it_is_aimed_at(mapper):
    assert "strike" in roles(mapper, "Troops fired on Kismayo at dawn.")["Kismayo"]


# -- the dateline ---------------------------------------------------------------------------
def test_the_dateline_is_never_the_subject_of_the_sentence_after_it(mapper):
    story = mapper.geoparse("HARARE (Reuters) - Bulawayo was shelled on Monday.")
    found = {p.name: {r.name for r in p.roles} for p in story.places}
    assert found["Harare"] == {"dateline"} and "strike" in found["Bulawayo"]


def test_the_area_an_occupied_place_lies_in_only_locates_it(mapper):
    found = roles(mapper, "Israeli forces raided the Jenin refugee camp in the occupied West Bank.")
    assert "strike" in found["Janīn"] and "strike" not in found["West Bank"]
