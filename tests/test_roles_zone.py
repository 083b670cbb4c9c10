"""Zones as a specification: a named group and the ground it holds, in any
phrasing, drawn from the area the text gives and labelled with the group's
name. Each test is one phrasing on a sentence of its own story; the polygon
must hold a point the sentence puts in the zone and not one far from it.
Points are (lon, lat)."""

from shapely.geometry import Point

# inside Colombia, a few km from the border with Venezuela (Cúcuta) / far from it (Cali)
CUCUTA, CALI = Point(-72.50, 7.89), Point(-76.53, 3.45)
# inside Nigeria, near Cameroon (Gwoza) / far from it (Lagos)
GWOZA, LAGOS = Point(13.69, 11.08), Point(3.39, 6.45)


def zones(story, group):
    """The zone shapes whose label names the group."""
    return [s for s in story.shapes if s.role == "zone" and group in s.label]


def holds(story, group, inside, outside):
    """One polygon labelled with the group holds every inside point and no outside point."""
    return any(all(s.geometry.contains(p) for p in inside) and not any(s.geometry.contains(p) for p in outside)
               for s in zones(story, group))


def test_areas_where_a_group_operates_near_a_border_are_the_band_along_it(mapper):
    story = mapper.geoparse("BOGOTA (Reuters) - Areas where the ELN operates near the border with "
                            "Venezuela were bombed overnight in Colombia.")
    assert holds(story, "ELN zone", [CUCUTA], [CALI])


def test_relative_clause_after_the_group_gives_its_zone(mapper):
    story = mapper.geoparse("ABUJA (Reuters) - Boko Haram, which controls territory along the border "
                            "with Cameroon, attacked a village in Nigeria on Sunday.")
    assert holds(story, "Boko Haram zone", [GWOZA], [LAGOS])


def test_appositive_group_that_operates_near_a_border(mapper):
    story = mapper.geoparse("BOGOTA (Reuters) - The army blamed the ELN, a guerrilla group that operates "
                            "in remote areas near the border with Venezuela, for the attack in Colombia.")
    assert holds(story, "ELN zone", [CUCUTA], [CALI])


def test_second_verb_of_a_relative_clause_keeps_its_group(mapper):
    story = mapper.geoparse("ABUJA (Reuters) - Boko Haram, which has bases in the forest and operates "
                            "along the border with Cameroon, attacked a village in Nigeria.")
    assert holds(story, "Boko Haram zone", [GWOZA], [LAGOS])


def test_common_noun_group_is_labelled_singular_and_lower_case(mapper):
    story = mapper.geoparse("YAOUNDE (Reuters) - Separatists who control areas near the border with "
                            "Nigeria burned a school in Cameroon.")
    assert {s.label for s in story.shapes if s.role == "zone"} == {"separatist zone"}
    assert holds(story, "separatist zone", [Point(9.05, 5.75)], [Point(11.52, 3.87)])   # Mamfe / Yaounde


def test_group_named_with_a_demonym_holds_its_own_side_of_the_border(mapper):
    story = mapper.geoparse("QUITO (Reuters) - Ecuador said Colombian guerrillas, which operate in areas "
                            "near the border with Ecuador, had crossed into Ecuador twice this month.")
    ipiales, quito = Point(-77.64, 0.83), Point(-78.47, -0.18)
    assert holds(story, "Colombian guerrilla zone", [ipiales], [quito, CALI])


def test_band_is_on_the_side_where_the_story_s_places_lie_when_the_neighbour_is_named_most(mapper):
    story = mapper.geoparse("KHARTOUM (Reuters) - Sudan closed its airspace. Sudan's army said rebels who "
                            "control areas near the border with Sudan had attacked Abeche on Monday.")
    adre, ndjamena = Point(22.20, 13.47), Point(15.04, 12.11)
    assert holds(story, "rebel zone", [adre], [ndjamena])


def test_division_named_with_the_border_narrows_the_band(mapper):
    story = mapper.geoparse("MEXICO CITY (Reuters) - The Juarez Cartel, which controls areas near the border "
                            "with the United States in Chihuahua state, denied any role in Mexico's latest "
                            "killings.")
    juarez, nogales = Point(-106.45, 31.70), Point(-110.94, 31.30)   # Chihuahua / Sonora, both at the border
    assert holds(story, "Juarez Cartel zone", [juarez], [nogales])


def test_group_held_direction_is_that_side_of_the_country(mapper):
    story = mapper.geoparse("SANAA (Reuters) - Saudi jets struck the Houthi-held north of the country on "
                            "Monday, officials in Yemen said.")
    saada, aden = Point(43.76, 16.94), Point(45.04, 12.78)
    assert holds(story, "Houthi zone", [saada], [aden])


def test_the_north_of_the_country_is_read_as_the_country_s_north(mapper):
    story = mapper.geoparse("BAMAKO (Reuters) - Militants who control much of the north of the country "
                            "attacked a convoy in Mali.")
    kidal, kayes = Point(1.41, 18.44), Point(-11.44, 14.45)
    assert holds(story, "militant zone", [kidal], [kayes])


def test_group_which_holds_much_of_a_region_holds_that_part(mapper):
    story = mapper.geoparse("BAMAKO (Reuters) - JNIM, which holds much of central Mali, claimed the attack.")
    timbuktu, kayes = Point(-3.00, 16.77), Point(-11.44, 14.45)
    assert holds(story, "JNIM zone", [timbuktu], [kayes])


def test_fighters_active_in_a_province_hold_the_province(mapper):
    story = mapper.geoparse("KINSHASA (Reuters) - ADF fighters active in Ituri province killed 20 people.")
    bunia, kinshasa = Point(30.25, 1.56), Point(15.31, -4.33)
    assert holds(story, "ADF zone", [bunia], [kinshasa])


def test_strongholds_in_a_town_are_its_surroundings(mapper):
    story = mapper.geoparse("KINSHASA (Reuters) - Army jets struck ADF strongholds around Beni on Sunday.")
    near_beni, bunia = Point(29.55, 0.60), Point(30.25, 1.56)
    assert holds(story, "ADF zone", [near_beni], [bunia])


def test_a_town_named_as_a_group_s_stronghold_is_in_its_zone(mapper):
    story = mapper.geoparse("KINSHASA (Reuters) - Army jets bombed Beni, an ADF stronghold, on Sunday.")
    assert holds(story, "ADF zone", [Point(29.47, 0.49)], [Point(30.25, 1.56)])


def test_town_controlled_by_a_group_is_in_its_zone(mapper):
    story = mapper.geoparse("DAMASCUS (Reuters) - Idlib, controlled by Hayat Tahrir al-Sham since 2015, "
                            "was shelled on Monday.")
    assert holds(story, "Hayat Tahrir al-Sham zone", [Point(36.63, 35.93)], [Point(36.29, 33.51)])


def test_place_before_which_is_held_by_a_group_is_in_its_zone(mapper):
    story = mapper.geoparse("KHARTOUM (Reuters) - Drones hit Nyala, which is held by the RSF, on Sunday.")
    assert holds(story, "RSF zone", [Point(24.88, 12.05)], [Point(32.53, 15.55)])   # Nyala / Khartoum


def test_group_given_two_areas_in_one_sentence_draws_both(mapper):
    story = mapper.geoparse("ABUJA (Reuters) - Boko Haram, which controls much of Borno and the areas near "
                            "the border with Cameroon, denied the attack in Nigeria.")
    maiduguri = Point(13.16, 11.85)     # in Borno, 120 km from Cameroon
    assert holds(story, "Boko Haram zone", [maiduguri], [LAGOS])
    assert holds(story, "Boko Haram zone", [GWOZA], [maiduguri, LAGOS])


def test_the_same_zone_in_one_sentence_is_drawn_once(mapper):
    story = mapper.geoparse("BOGOTA (Reuters) - Areas where the ELN operates near the border with "
                            "Venezuela, areas the ELN controls near the border with Venezuela, were quiet "
                            "in Colombia.")
    assert len(zones(story, "ELN zone")) == 1


def test_a_group_that_does_not_control_an_area_has_no_zone_there(mapper):
    story = mapper.geoparse("BOGOTA (Reuters) - The ELN no longer controls areas near the border with "
                            "Venezuela, officials in Colombia said.")
    assert not zones(story, "ELN")


def test_holding_talks_in_a_city_is_no_zone(mapper):
    story = mapper.geoparse("NAIROBI (Reuters) - The Sudan Liberation Movement holds talks in Mombasa "
                            "with Kenya's government this week.")
    assert not [s for s in story.shapes if s.role == "zone"]


def test_a_country_acting_is_no_group(mapper):
    story = mapper.geoparse("KYIV (Reuters) - Russia controls most of Luhansk, Ukraine said.")
    assert not [s for s in story.shapes if s.role == "zone"]


def test_zone_role_keeps_the_sentence_as_evidence(mapper):
    text = "ABUJA (Reuters) - Boko Haram, which controls territory along the border with Cameroon, attacked."
    story = mapper.geoparse(text, shapes=False)
    nigeria_roles = [r for p in story.places for r in p.roles if r.name == "zone"]
    assert nigeria_roles and all("Boko Haram, which controls territory" in r.evidence for r in nigeria_roles)


def test_areas_under_a_group_s_control_in_a_region_are_that_region(mapper):
    story = mapper.geoparse("SANAA (Reuters) - Areas under Houthi control in northern Yemen were bombed.")
    saada, aden = Point(43.76, 16.94), Point(45.04, 12.78)
    assert holds(story, "Houthi zone", [saada], [aden])


def test_a_town_a_group_seized_control_of_is_in_its_zone(mapper):
    story = mapper.geoparse("BAMAKO (Reuters) - Rebels seized control of Kidal in northern Mali last year.")
    assert holds(story, "rebel zone", [Point(1.41, 18.44)], [Point(-8.00, 12.65)])   # Kidal / Bamako


def test_a_territory_a_group_governs_is_its_zone(mapper):
    story = mapper.geoparse("Hamas, which has governed Gaza since 2007, rejected the plan.", shapes=False)
    assert any(r.name == "zone" for p in story.places if p.name == "Gaza Strip" for r in p.roles)


def test_a_group_that_runs_much_of_a_region_holds_that_part(mapper):
    story = mapper.geoparse("SANAA (Reuters) - The Houthis, who run much of northern Yemen, fired a missile.")
    assert holds(story, "Houthi", [Point(43.76, 16.94)], [Point(45.04, 12.78)])   # Saada / Aden


def test_running_a_factory_somewhere_is_no_zone(mapper):
    story = mapper.geoparse("The company runs a factory in Ohio, its chief said.")
    assert not [s for s in story.shapes if s.role == "zone"]


def test_a_groups_presence_in_a_region_is_its_zone_not_the_countrys(mapper):
    story = mapper.geoparse("JNIM has expanded its presence in Burkina Faso's Est region.", shapes=False)
    found = {p.name: {r.name for r in p.roles} for p in story.places}
    assert "zone" in found["Est"] and "zone" not in found["Burkina Faso"]


def test_a_foothold_in_a_region_is_a_zone(mapper):
    story = mapper.geoparse("Al-Shabaab retains a strong foothold in Middle Juba.", shapes=False)
    assert any(r.name == "zone" for p in story.places if p.name == "Middle Juba" for r in p.roles)


def test_a_group_holding_a_list_of_towns_in_a_relative_clause_holds_them_all(mapper):
    story = mapper.geoparse("The rebels, who hold Kidal, Gao and Timbuktu, attacked Mopti.", shapes=False)
    zoned = {p.name for p in story.places if any(r.name == "zone" for r in p.roles)}
    assert zoned == {"Kidal", "Gao", "Timbuktu"}
