"""Roles in the story, as a specification: each rule on sentences from other
stories, each role with the sentence that supports it."""

from story_roles import role_of, roles


def test_dateline_place_has_the_dateline_role(mapper):
    assert "dateline" in roles(mapper, "BEIRUT (AP) - Talks resumed on Monday.")["Beirut"]


def test_struck_place_after_the_verb_is_a_strike_area(mapper):
    assert "strike" in roles(mapper, "Ukrainian drones struck refineries in southern Russia.")["Russia"]


def test_directional_strike_area_keeps_its_side(mapper):
    role = role_of(mapper, "Ukrainian drones struck refineries in southern Russia.", "Russia", "strike")
    assert (role.extent.kind, role.extent.direction) == ("side", "south")


def test_passive_strike_names_the_place_before_the_verb(mapper):
    assert "strike" in roles(mapper, "Aleppo was shelled overnight.")["Aleppo"]


def test_place_in_an_attribution_is_not_struck(mapper):
    found = roles(mapper, "Drones struck refineries in southern Russia, officials in Kyiv said.")
    assert "strike" not in found["Kyiv"]


def test_attacker_demonym_is_an_actor_not_a_target(mapper):
    found = roles(mapper, "Israeli jets bombed targets in southern Lebanon.")
    assert "actor" in found["Israel"] and "strike" not in found["Israel"]
    assert "strike" in found["Lebanon"]


def test_spared_place_is_not_targeted(mapper):
    found = roles(mapper, "The strikes spared the capital, Damascus, but hit Douma.")
    assert found["Damascus"] == {"not_targeted"}
    assert "strike" in found["Dūmā"]


def test_negated_strike_is_not_targeted_never_a_strike_area(mapper):
    found = roles(mapper, "Villages near Kharkiv have not been targeted by the latest attacks.")
    assert found["Kharkiv"] == {"not_targeted"}


def test_transit_country_of_a_supply_route(mapper):
    found = roles(mapper, "Aid trucks reached Gaza via Egypt on Sunday.")
    assert "supply_route" in found["Egypt"] and "supply_route" in found["Gaza Strip"]


def test_route_destination_lists_its_transit_countries(mapper):
    role = role_of(mapper, "Smuggled fuel passes through Iraq to Syria.", "Syria", "supply_route")
    assert role.extent.kind == "route" and role.extent.via == ("country:IQ",)


def test_route_origins_named_with_from(mapper):
    role = role_of(mapper, "Fighters and weapons flow into Libya from Sudan and Chad.", "Libya",
                   "supply_route")
    assert set(role.extent.origins) == {"country:SD", "country:TD"}


def test_transit_only_route_has_no_invented_destination(mapper):
    found = roles(mapper, "Weapons reached the rebels through Rwanda and Uganda, a report said.")
    story = mapper.geoparse("Weapons reached the rebels through Rwanda and Uganda.", shapes=False)
    assert all(r.extent is None for p in story.places for r in p.roles if r.name == "supply_route")
    assert "supply_route" in found["Rwanda"]


def test_origins_listed_in_the_next_sentence_join_the_route(mapper):
    text = ("They were supplied with arms from countries opposed to the junta via Thailand. "
            "The junta's opponents include China and India.")
    story = mapper.geoparse(text, shapes=False)
    origins = {p.name for p in story.places
               if any(r.name == "supply_route" and "origin" in r.label for r in p.roles)}
    assert {"China", "India"} <= origins


def test_group_operating_near_a_border_gets_a_zone_named_for_it(mapper):
    text = "Areas where Hezbollah operates near the border with Israel have been quiet in Lebanon."
    role = role_of(mapper, text, "Lebanon", "zone")
    assert role.label == "Hezbollah zone"
    assert role.extent.kind == "border" and role.extent.neighbours == ("country:IL",)


def test_generic_group_zone_is_labelled_by_the_noun(mapper):
    role = role_of(mapper, "Rebels who control areas near the border with Turkey said they "
                           "would not withdraw from Syria.", "Syria", "zone")
    assert role.label == "rebel zone"


def test_group_name_with_an_arabic_article_is_a_zone(mapper):
    found = roles(mapper, "Areas where al-Shabaab operates in southern Somalia were hit by drones.")
    assert "zone" in found["Somalia"]


def test_border_countries_are_border_references(mapper):
    found = roles(mapper, "Areas where Hezbollah operates near the border with Israel have been quiet "
                          "in Lebanon.")
    assert "border" in found["Israel"]


def test_country_that_must_act_is_an_actor(mapper):
    assert "actor" in roles(mapper, "Russia must stop its offensive, the minister said.")["Russia"]


def test_capital_that_acts_is_an_actor(mapper):
    assert "actor" in roles(mapper, "Washington warned Beijing over the drills.")["Washington"]


def test_each_place_of_a_list_troops_deployed_to_is_a_position(mapper):
    found = roles(mapper, "Troops were deployed to Lagos and Abuja after the unrest.")
    assert "position" in found["Lagos"] and "position" in found["Abuja"]


def test_the_country_locating_a_deployment_is_no_position(mapper):
    assert "position" not in roles(mapper, "Troops were deployed to Lagos, Nigeria, after the unrest.")["Nigeria"]


def test_position_near_a_town_is_a_position(mapper):
    assert "position" in roles(mapper, "Government troops took up positions near the town of Goma.")["Goma"]


def test_where_heavy_fighting_is_the_front_runs(mapper):
    assert "position" in roles(mapper, "Heavy fighting around Pokrovsk continued on Monday.")["Pokrovsk"]


def test_fighting_at_a_sentence_start_is_the_noun(mapper):
    assert "position" in roles(mapper, "Fighting raged in El Fasher on Sunday.")["El Fasher"]


def test_a_group_fighting_in_a_country_puts_no_front_there(mapper):
    assert "position" not in roles(mapper, "The coalition fighting in Yemen bought artillery.")["Yemen"]


def test_position_the_verb_is_no_position(mapper):
    assert "position" not in roles(mapper, "The bill has tools that position Iowa farmers for success.")["Iowa"]


def test_further_in_a_direction_refers_to_the_area_named_before(mapper):
    text = ("Areas where Hezbollah operates near the border with Israel have not been targeted "
            "by air strikes in Lebanon, which have struck areas further north.")
    role = role_of(mapper, text, "Lebanon", "strike")
    assert role.extent.kind == "further" and role.extent.direction == "north"
    assert role.extent.reference.kind == "border"


def test_place_without_a_cue_is_a_plain_mention(mapper):
    assert roles(mapper, "Talks were held in Geneva.")["Geneva"] == {"mention"}


def test_a_place_can_hold_several_roles(mapper):
    text = "Egypt said it would keep the crossing open. Aid trucks reached Gaza via Egypt."
    assert {"actor", "supply_route"} <= roles(mapper, text)["Egypt"]


def test_each_role_keeps_its_sentence_and_offsets(mapper):
    text = "Talks were held in Geneva. Aleppo was shelled overnight."
    role = role_of(mapper, text, "Aleppo", "strike")
    assert role.evidence == "Aleppo was shelled overnight."
    assert text[role.start:role.end] == role.evidence


def test_the_capital_that_was_spared_is_not_targeted(mapper):
    found = roles(mapper, "Air raids hit Homs in Syria. The strikes spared the capital.")
    assert found["Damascus"] == {"not_targeted"}


def test_a_direction_between_preposition_and_place_keeps_the_route(mapper):
    role = role_of(mapper, "Aid convoys crossed from Chad into western Sudan.", "Sudan", "supply_route")
    assert role.extent.origins == ("country:TD",)


def test_the_area_that_locates_a_struck_town_is_not_itself_struck(mapper):
    found = roles(mapper, "Paramilitary forces shelled El Fasher in Darfur on Sunday.")
    assert "strike" in found["El Fasher"] and "strike" not in found["Darfur"]


def test_the_country_across_the_border_is_not_the_group_s_zone(mapper):
    found = roles(mapper, "Rebels who control areas near the border with Turkey said they would stay.")
    assert found["Turkey"] == {"border"}
