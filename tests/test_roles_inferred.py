"""Roles inferred from the map, as a specification: a town that lies inside a
strike area or a zone the story draws gets a role saying so, marked as
inferred, with the sentence the area was drawn from as its evidence."""

ZONE_STORY = ("ABUJA (Reuters) - Boko Haram, which controls territory along the border with Cameroon, "
              "attacked a village in Nigeria on Sunday. Residents of Gwoza and Lagos closed their shops.")
STRIKE_STORY = "DAMASCUS (Reuters) - Jets struck northern Syria overnight. Shops in Aleppo stayed shut."


def inferred(story, name):
    place = next(p for p in story.places if p.name == name)
    return [r for r in place.roles if r.name == "inferred"]


def test_town_inside_a_group_s_zone_is_inferred_to_be_in_it(mapper):
    roles = inferred(mapper.geoparse(ZONE_STORY), "Gwoza")
    assert [r.label for r in roles] == ["in Boko Haram zone (inferred)"]


def test_inferred_role_s_evidence_is_the_sentence_the_area_was_drawn_from(mapper):
    role = inferred(mapper.geoparse(ZONE_STORY), "Gwoza")[0]
    assert role.evidence.startswith("ABUJA (Reuters) - Boko Haram, which controls territory")


def test_town_outside_the_zone_is_not_inferred_in_it(mapper):
    assert inferred(mapper.geoparse(ZONE_STORY), "Lagos") == []


def test_town_inside_a_strike_area_is_inferred_in_it_but_is_no_strike(mapper):
    story = mapper.geoparse(STRIKE_STORY)
    roles = inferred(story, "Aleppo")
    assert [r.label for r in roles] == ["in strike area (inferred)"]
    aleppo = next(p for p in story.places if p.name == "Aleppo")
    assert "strike" not in {r.name for r in aleppo.roles}
    assert "strike area" not in {r.label.lower() for r in aleppo.roles}


def test_the_place_an_area_is_drawn_from_gets_no_inferred_role(mapper):
    story = mapper.geoparse(STRIKE_STORY)
    assert inferred(story, "Syria") == []


def test_a_town_the_text_already_puts_in_the_area_gets_nothing_more(mapper):
    story = mapper.geoparse("KINSHASA (Reuters) - Army jets bombed Beni, an ADF stronghold, on Sunday.")
    assert inferred(story, "Beni") == []


def test_countries_and_provinces_are_not_inferred_to_lie_in_an_area(mapper):
    story = mapper.geoparse("ABUJA (Reuters) - Boko Haram, which controls territory along the border with "
                            "Cameroon, attacked Borno state in Nigeria.")
    assert not [r for p in story.places if p.kind != "city" for r in p.roles if r.name == "inferred"]


def test_a_whole_country_struck_puts_no_town_in_a_strike_area(mapper):
    story = mapper.geoparse("KYIV (Reuters) - Drones struck Russia overnight. Traffic in Kazan was normal.")
    assert inferred(story, "Kazan") == []


def test_a_town_the_text_says_was_spared_is_not_inferred_struck(mapper):
    story = mapper.geoparse("DAMASCUS (Reuters) - Jets struck northern Syria overnight. Aleppo was not "
                            "targeted, officials said.")
    assert inferred(story, "Aleppo") == []


def test_a_story_without_shapes_has_the_same_inferred_roles(mapper):
    with_shapes, without = mapper.geoparse(STRIKE_STORY), mapper.geoparse(STRIKE_STORY, shapes=False)
    assert without.shapes == [] and with_shapes.shapes
    assert inferred(without, "Aleppo") == inferred(with_shapes, "Aleppo") != []
