"""Routes, as a specification: whatever moves (goods, aid, weapons, fuel,
grain, ships, people), from where, through where, to where; drawn as one
chain in the order travelled. Sentences of other stories than the role set's."""

from shapely.geometry import Point

from gazetteer import Gazetteer


def places(mapper, text, shapes=False):
    return {p.name: p for p in mapper.geoparse(text, shapes=shapes).places}


def labels(place, role_name=None):
    return {r.label for r in place.roles if role_name is None or r.name == role_name}


def route_lines(story, role="supply_route"):
    return [s for s in story.shapes if s.role == role]


def distance_along(line, code):
    """How far along the line it first enters the country (None: it never does)."""
    crossed = line.intersection(Gazetteer().country(code).geometry)
    if crossed.is_empty:
        return None
    return min(line.project(Point(xy)) for part in getattr(crossed, "geoms", [crossed])
               for xy in part.coords)


def test_goods_by_rail_are_a_supply_route_from_origin_via_transit_to_destination(mapper):
    found = places(mapper, "Copper is shipped from Lubumbashi by rail via Zambia to the port of Dar es Salaam.")
    assert labels(found["Lubumbashi"]) == {"supply route (origin)"}
    assert labels(found["Zambia"]) == {"supply route (transit)"}
    assert labels(found["Dar es Salaam"]) == {"supply route (destination)"}


def test_the_route_is_one_line_through_each_country_in_the_order_travelled(mapper):
    story = mapper.geoparse("Copper is shipped from Lubumbashi by rail via Zambia to the port of Dar es Salaam.")
    chain = next(s for s in route_lines(story) if len(s.places) == 3)
    assert [story_place.split(":")[0] for story_place in chain.places] == ["geonames", "country", "geonames"]
    along = [distance_along(chain.geometry, code) for code in ("CD", "ZM", "TZ")]
    assert None not in along and along == sorted(along)


def test_the_line_keeps_the_sentence_as_evidence(mapper):
    text = "Copper is shipped from Lubumbashi by rail via Zambia to the port of Dar es Salaam."
    story = mapper.geoparse(text)
    assert {s.evidence for s in route_lines(story)} == {text}


def test_what_moves_is_recorded_as_the_route_kind(mapper):
    syria = places(mapper, "Aid entered Syria through the Bab al-Hawa crossing from Turkey.")["Syria"]
    role = next(r for r in syria.roles if r.name == "supply_route")
    assert role.cue.startswith("aid:") and role.label == "supply route (destination)"


def test_the_line_label_names_the_kind_and_the_stops(mapper):
    story = mapper.geoparse("Aid entered Syria from Turkey on Monday.")
    assert [s.label for s in route_lines(story)] == ["supply route (aid): Turkey → Syria"]


def test_fuel_trucked_in_from_a_neighbour_goes_to_the_story_country(mapper):
    found = places(mapper, "Fuel is trucked in from Kenya to keep hospitals running in South Sudan.")
    assert "supply route (origin)" in labels(found["Kenya"])
    assert "supply route (destination)" in labels(found["South Sudan"])


def test_weapons_smuggled_into_a_country_from_another_are_a_supply_route(mapper):
    found = places(mapper, "Arms are smuggled across the desert into Niger from Libya.")
    assert labels(found["Libya"], "supply_route") == {"supply route (origin)"}
    assert labels(found["Niger"], "supply_route") == {"supply route (destination)"}


def test_ships_diverted_around_a_cape_pass_it_and_go_nowhere_invented(mapper):
    story = mapper.geoparse("Freighters were diverted around Cape Horn after the drought.")
    cape = next(p for p in story.places if p.name == "Cape Horn")
    assert labels(cape) == {"supply route (transit)"}
    assert route_lines(story) == []


def test_around_a_town_is_no_route(mapper):
    found = places(mapper, "Convoys carrying fuel waited around Kaduna for days.")
    assert not any(r.name == "supply_route" for r in found["Kaduna"].roles)


def test_a_place_in_the_noun_phrase_after_the_preposition_is_the_destination(mapper):
    found = places(mapper, "Grain sails from Mykolaiv to buyers in Tunisia and Libya.")
    assert "supply route (destination)" in labels(found["Tunisia"])
    assert "supply route (destination)" in labels(found["Libya"])


def test_a_port_named_after_its_descriptor_is_on_the_route(mapper):
    found = places(mapper, "Cars shipped from Japan arrive through the northern port of Mombasa.")
    assert "supply route (transit)" in labels(found["Mombasa"])


def test_the_subject_of_a_verb_of_sending_is_the_origin(mapper):
    found = places(mapper, "Belarus has supplied ammunition to Russia.")
    assert "supply route (origin)" in labels(found["Belarus"])
    assert "supply route (destination)" in labels(found["Russia"])


def test_the_subject_of_a_verb_of_receiving_is_the_destination(mapper):
    found = places(mapper, "Mali receives most of its fuel via Senegal and Guinea.")
    assert "supply route (destination)" in labels(found["Mali"])


def test_transits_listed_together_are_alternative_routes_not_one_chain(mapper):
    story = mapper.geoparse("Mali receives most of its fuel via Senegal and Guinea.")
    drawn = {s.places for s in route_lines(story)}
    assert drawn == {("country:SN", "country:ML"), ("country:GN", "country:ML")}


def test_the_country_that_locates_the_origin_is_no_stop_of_its_own(mapper):
    story = mapper.geoparse("Fuel is trucked from the port of Mombasa in Kenya through Uganda to Rwanda.")
    kenya = next(p for p in story.places if p.name == "Kenya")
    assert "supply route (origin)" in labels(kenya)
    assert all(s.places[0] != kenya.id for s in route_lines(story))


def test_a_place_something_is_linked_to_is_not_on_the_route(mapper):
    found = places(mapper, "Gangs linked to Venezuela smuggle cocaine from Colombia into Ecuador.")
    assert not any("route" in r.name for r in found["Venezuela"].roles)


def test_refugees_fleeing_to_a_country_do_not_make_it_a_supply_route(mapper):
    kenya = places(mapper, "Thousands of refugees fled to Kenya from Somalia last month.")["Kenya"]
    assert labels(kenya) == {"migration route (destination)"}
    assert not any("supply" in label for label in labels(kenya))


def test_refugees_helped_by_aid_agencies_still_flee(mapper):
    found = places(mapper, "Aid agencies are helping families who fled to Uganda from South Sudan.")
    assert not any("supply" in label for label in labels(found["Uganda"]))


def test_people_fleeing_are_drawn_as_a_migration_line_not_a_supply_line(mapper):
    story = mapper.geoparse("Thousands of refugees fled to Kenya from Somalia last month.")
    assert route_lines(story) == []
    (line,) = route_lines(story, "migration_route")
    assert line.label == "migration route: Somalia → Kenya"


def test_people_of_a_country_fleeing_leave_from_it(mapper):
    found = places(mapper, "Hundreds of thousands of Eritreans have fled to Ethiopia.")
    assert "migration route (origin)" in labels(found["Eritrea"])


def test_the_place_people_flee_is_the_origin_as_if_after_from(mapper):
    found = places(mapper, "Thousands fled Rafah for Khan Younis as the tanks advanced.")
    assert labels(found["Rafaḩ"]) == {"migration route (origin)"}
    assert labels(found["Khān Yūnis"]) == {"migration route (destination)"}


def test_the_storys_country_is_no_origin_where_the_text_names_the_place_fled(mapper):
    found = places(mapper, "Civilians fled Mosul for Erbil as Iraqi forces advanced.")
    assert not any("route" in r.name for r in found["Iraq"].roles)


def test_evacuees_take_an_evacuation_route(mapper):
    found = places(mapper, "Residents were evacuated from Kherson to Mykolaiv by bus.")
    assert labels(found["Kherson"]) == {"evacuation route (origin)"}


def test_a_reason_after_because_is_not_part_of_the_movement(mapper):
    found = places(mapper, "Aid reaches Malawi through Zambia, because the road from Tete is closed.")
    assert not any(r.name == "supply_route" for r in found["Tete"].roles)


def test_people_fleeing_toward_a_place_head_for_it(mapper):
    found = places(mapper, "Thousands of refugees fled toward Sennar on foot.")
    assert labels(found["Sennar"]) == {"migration route (destination)"}


def test_what_spread_before_people_were_forced_to_flee_is_no_route_of_theirs(mapper):
    found = places(mapper, "War spread from Khartoum to Wad Madani, forcing thousands to flee to Sennar.")
    assert not labels(found["Khartoum"], "migration_route") and not labels(found["Wad Medani"], "migration_route")
    assert labels(found["Sennar"]) == {"migration route (destination)"}


# -- what moves nothing --------------------------------------------------------------------
def test_a_suspects_flight_is_no_migration_route(mapper):
    found = places(mapper, "Police said the suspect fled to Kansas after the robbery.")
    assert not labels(found["Kansas"], "migration_route")


def test_one_persons_flight_is_no_migration_route(mapper):
    found = places(mapper, "He fled to Turkey in 2019 after his arrest.")
    assert not labels(found["Turkey"], "migration_route")


def test_a_cue_word_inside_a_name_moves_nothing(mapper):
    found = places(mapper, "A delegation led by the Minister of Agriculture and Food from Kenya visited Lagos.")
    assert not labels(found["Kenya"], "supply_route") and not labels(found["Lagos"], "supply_route")


def test_from_after_a_person_says_where_they_belong(mapper):
    found = places(mapper, "Inspectors from Norway examined fuel shipments bound for Valparaiso.")
    assert not labels(found["Norway"], "supply_route")


def test_from_after_a_person_still_starts_a_movement_the_clause_names(mapper):
    found = places(mapper, "Officials said rifles were smuggled from Albania into Greece.")
    assert "supply route (origin)" in labels(found["Albania"])


def test_sending_a_message_moves_nothing(mapper):
    found = places(mapper, "Chile sent a message of support to Peru after the vote.")
    assert not labels(found["Peru"], "supply_route")


def test_a_headline_in_capitals_still_has_its_route(mapper):
    found = places(mapper, "Belarus Sends Fuel To Lithuania Despite Ban")
    assert "supply route (destination)" in labels(found["Lithuania"])


def test_imports_and_exports_are_trade_not_grain(mapper):
    story = mapper.geoparse("Vietnam exported rubber to Malaysia last year.", shapes=False)
    malaysia = next(p for p in story.places if p.name == "Malaysia")
    assert [r.cue for r in malaysia.roles if r.name == "supply_route"] == ["trade: to"]


def test_goods_that_were_from_a_country_still_come_from_it(mapper):
    found = places(mapper, "The rifles seized in Mombasa were from Yemen.")
    assert "supply route (origin)" in labels(found["Yemen"])


def test_a_place_before_a_title_is_a_persons_office_not_where_a_movement_starts(mapper):
    found = places(mapper, "Migrants have begun to leave a caravan camp in southern Mexico that has "
                           "drawn criticism from U.S. President Donald Trump.")
    assert "migration_route" not in {r.name for r in found["United States"].roles}


# -- a demonym says whose, unless something moves ------------------------------------------
def test_a_demonym_before_a_vehicle_that_does_not_move_makes_no_route(mapper):
    found = places(mapper, "A Philippine supply boat was rammed by Chinese vessels near the shoal.")
    assert not any(labels(place, "supply_route") for place in found.values())


def test_people_named_by_nationality_who_do_not_move_make_no_migration_route(mapper):
    found = places(mapper, "In Santiago, police detained about 300 Haitian migrants at the weekend.")
    assert not labels(found["Haiti"], "migration_route")


def test_people_named_by_nationality_who_flee_come_from_their_country(mapper):
    found = places(mapper, "Sudanese have fled in their thousands since April.")
    assert labels(found["Sudan"], "migration_route")


def test_goods_named_by_nationality_that_reach_a_place_come_from_their_country(mapper):
    found = places(mapper, "Iranian weapons reached Yemen via Oman, investigators said.")
    assert "supply route (origin)" in labels(found["Iran"], "supply_route")


def test_a_destination_inside_a_phrase_keeps_its_part_past_a_direction(mapper):
    found = places(mapper, "Weapons are smuggled from Libya through Niger to militants in northern Mali.")
    assert "supply route (destination)" in labels(found["Mali"], "supply_route")
