"""Actors, as a specification: a country or its capital that acts, speaks or
is addressed as a government, read from the sentence's grammar."""

import pytest
from story_roles import roles


def test_capital_that_speaks_is_an_actor(mapper):
    assert "actor" in roles(mapper, "Ankara said the talks would resume in Geneva.")["Ankara"]


def test_subject_past_a_relative_clause_is_an_actor(mapper):
    found = roles(mapper, "Nairobi, which hosts the peace talks, called for calm in Juba.")
    assert "actor" in found["Nairobi"] and "actor" not in found["Juba"]


def test_country_that_withdraws_its_troops_is_an_actor(mapper):
    found = roles(mapper, "Germany, which withdrew its last troops from Mali in 2023, urged restraint.")
    assert "actor" in found["Germany"]


def test_country_accused_of_something_is_an_actor(mapper):
    assert "actor" in roles(mapper, "Caracas accused Bogota of harbouring rebels.")["Bogotá"]


def test_agent_after_a_participle_is_an_actor(mapper):
    found = roles(mapper, "Fighting eased after a truce brokered by Oman and Jordan.")
    assert "actor" in found["Oman"] and "actor" in found["Jordan"]


@pytest.mark.parametrize("sentence, country", [
    ("Israeli strikes on Rafah killed dozens.", "Israel"),
    ("Pakistani security forces killed six militants in North Waziristan.", "Pakistan"),
    ("Turkish shelling hit villages near Kobani.", "Turkey"),
])
def test_a_demonym_before_what_its_forces_do_makes_an_actor(mapper, sentence, country):
    assert "actor" in roles(mapper, sentence)[country]


def test_agent_of_geography_is_no_actor(mapper):
    assert "actor" not in roles(mapper, "The province is bordered by Angola.")["Angola"]


def test_capital_before_backed_is_an_actor(mapper):
    found = roles(mapper, "Militias backed by no one and Nairobi-backed forces clashed in Somalia.")
    assert "actor" in found["Nairobi"]


def test_capital_with_a_possessive_government_noun_is_an_actor(mapper):
    assert "actor" in roles(mapper, "Bamako's junta expelled the envoy.")["Bamako"]


def test_seat_named_after_a_government_noun_is_an_actor(mapper):
    assert "actor" in roles(mapper, "The authorities in Accra announced new checks.")["Accra"]


def test_source_of_a_claim_is_an_actor(mapper):
    found = roles(mapper, "Militants hide in the hills, according to Kabul.")
    assert "actor" in found["Kabul"]


def test_a_town_that_is_no_capital_is_no_actor(mapper):
    assert "actor" not in roles(mapper, "Officials in Aleppo said power had been restored.")["Aleppo"]


def test_an_actor_is_not_thereby_struck(mapper):
    found = roles(mapper, "Ankara denied that its jets had struck Dohuk.")
    assert "actor" in found["Ankara"] and "strike" not in found["Ankara"]


def test_an_actor_is_not_thereby_on_a_route(mapper):
    found = roles(mapper, "Ankara said aid would reach Syria through Jordan.")
    assert found["Ankara"] == {"actor"}


def test_a_countrys_name_before_its_forces_makes_it_an_actor(mapper):
    found = roles(mapper, "The Pentagon said US forces struck Houthi targets in Yemen.")
    assert "actor" in found["United States"]


def test_a_countrys_name_before_an_act_in_it_is_no_actor(mapper):
    assert "actor" not in roles(mapper, "Veterans of the Iraq campaign met in Ohio.")["Iraq"]


def test_a_capitals_police_are_the_citys_not_an_acting_government(mapper):
    assert "actor" not in roles(mapper, "He spoke to the Rome police captain on Monday.")["Rome"]
