"""Named buildings, streets and sites the gazetteer lacks ("Al-Shifa
Hospital", "Royal Street") are places inside another place: drawn at that
host's point when the text names it, said so, and listed as not mapped
when the text gives no host."""

from geomap.export import csv_rows, to_record, to_table


def story(mapper, text):
    return mapper.geoparse(text, shapes=False)


def by_name(found):
    return {p.name: p for p in found.places}


def test_a_hospital_is_drawn_at_the_town_the_text_puts_it_in(mapper):
    places = by_name(story(mapper, "Strikes hit Al-Shifa Hospital in Gaza City on Monday."))
    hospital = places["Al-Shifa Hospital"]
    assert hospital.kind == "facility" and hospital.host == "Gaza"
    assert (hospital.latitude, hospital.longitude) == (places["Gaza"].latitude, places["Gaza"].longitude)


def test_a_facility_is_no_surer_than_the_text_tie_to_its_host(mapper):
    found = by_name(story(mapper, "GAZA CITY (AP) — Doctors said.\n\nShelling damaged Al-Shifa Hospital overnight."))
    assert found["Al-Shifa Hospital"].doubtful      # tied by the dateline only


def test_a_facility_the_text_gives_no_host_is_listed_not_mapped(mapper):
    found = story(mapper, "Shelling damaged Al-Shifa Hospital overnight.")
    assert found.places == []
    assert [m.text for m in found.unresolved] == ["Al-Shifa Hospital"]


def test_a_facility_that_speaks_is_an_institution_not_a_place(mapper):
    assert story(mapper, "The Carter Center said it would observe the vote.").places == []


def test_a_facility_named_for_a_town_of_the_story_country_is_drawn_there(mapper):
    found = by_name(story(mapper, "A cyclist from Essex, England, was taken to Colchester General Hospital."))
    assert found["Colchester General Hospital"].host == "Colchester"


def test_a_facility_named_for_a_town_abroad_is_not_placed_on_a_guess(mapper):
    found = story(mapper, "He was taken to Colchester General Hospital.")
    assert found.places == [] and [m.text for m in found.unresolved] == ["Colchester General Hospital"]


def test_a_possessive_inside_a_facility_name_keeps_it_one_name(mapper):
    found = by_name(story(mapper, "In Rome, Pope Francis celebrated Mass in St. Peter's Basilica."))
    assert found["St. Peter's Basilica"].host == "Rome"


def test_every_output_says_where_a_facility_is_drawn_and_what_is_not_mapped(mapper):
    found = story(mapper, "Strikes hit Al-Shifa Hospital in Gaza City. Shelling hit Nasser Hospital too.")
    record = to_record(found)
    assert {p["name"]: p["placed_at"] for p in record["places"]}["Al-Shifa Hospital"] == "Gaza"
    assert {row["name"]: row["placed_at"] for row in csv_rows(found)}["Al-Shifa Hospital"] == "Gaza"
    assert "drawn at Gaza" in to_table(found)


def test_a_facility_name_starts_after_at(mapper):
    text = "The archbishop led the Easter Vigil at the Manila Cathedral in Manila on Saturday."
    facilities = [p.name for p in mapper.geoparse(text, shapes=False).places if p.kind == "facility"]
    assert facilities == ["Manila Cathedral"]


def test_the_town_a_facility_is_named_for_hosts_it_when_the_text_after_it_names_no_place(mapper):
    text = ("Pilgrims filled Manila, the Philippine capital. At the Manila Cathedral, "
            "Cardinal Tagle recalled the story.")
    facility = next(p for p in mapper.geoparse(text, shapes=False).places if p.kind == "facility")
    assert (facility.host, facility.country_code) == ("Manila", "PH")


def test_a_street_is_not_placed_in_a_town_its_name_shares(mapper):
    text = "Residents of New Orleans gathered on Royal Street on Monday."
    street = next(p for p in mapper.geoparse(text, shapes=False).places if p.name == "Royal Street")
    assert street.host == "New Orleans"
