"""A place geomap is unsure of says so in every output, and a small namesake
tied to nothing else in the story is one."""

import csv
import io

from geomap import to_csv, to_geojson, to_record, to_table

STORY = "Syrian rebels fought near Aleppo and Homs. Supplies came in from Tobermory on Monday.\n"


def test_a_small_town_tied_to_nothing_in_the_story_is_doubtful(mapper):
    places = {p.name: p for p in mapper.geoparse(STORY).places}
    assert places["Tobermory"].doubtful and not places["Aleppo"].doubtful


def test_a_province_named_by_another_of_its_names_abroad_is_doubtful(mapper):
    story = "Americans filled the stands in Kentucky. The horse from the West Coast won by a length.\n"
    places = {p.name: p for p in mapper.geoparse(story, shapes=False).places}
    province = next(p for p in places.values() if p.kind == "admin1" and p.country_code != "US")
    assert province.doubtful and not places["Kentucky"].doubtful


def test_a_province_named_by_its_own_name_abroad_is_not_doubtful(mapper):
    story = "Americans watched as floods hit Queensland on Monday.\n"
    places = {p.name: p for p in mapper.geoparse(story, shapes=False).places}
    assert not places["Queensland"].doubtful


def test_an_area_the_gazetteer_holds_twice_is_not_doubtful(mapper):
    # the West Bank is a curated region and a first-level division: one area
    story = "Settlers attacked a village in the West Bank on Monday.\n"
    places = {p.name: p for p in mapper.geoparse(story, shapes=False).places}
    assert places["West Bank"].confidence > 0.9


def test_a_town_in_an_area_the_gazetteer_holds_twice_is_placed_by_it(mapper):
    story = "Israeli forces raided Jenin in the West Bank.\n"
    places = {p.name: p for p in mapper.geoparse(story, shapes=False).places}
    assert not places["Janīn"].doubtful


def test_the_json_record_marks_a_doubtful_place(mapper):
    record = to_record(mapper.geoparse(STORY))
    assert {p["name"]: p["doubtful"] for p in record["places"]}["Tobermory"] is True


def test_the_csv_marks_a_doubtful_place(mapper):
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(to_csv(mapper.geoparse(STORY))))}
    assert rows["Tobermory"]["doubtful"] == "yes" and rows["Aleppo"]["doubtful"] == ""


def test_geojson_marks_a_doubtful_place(mapper):
    features = to_geojson(mapper.geoparse(STORY))["features"]
    assert any(f["properties"].get("name") == "Tobermory" and f["properties"]["doubtful"] for f in features)


def test_the_table_marks_a_doubtful_place(mapper):
    assert "(doubtful)" in next(line for line in to_table(mapper.geoparse(STORY)).splitlines()
                                if line.strip().startswith("Tobermory"))


def test_the_map_popup_says_a_place_is_doubtful(mapper):
    from geomap import map_html
    assert "Doubtful: geomap is unsure this is the place meant." in map_html(mapper.geoparse(STORY))


def test_a_town_in_the_storys_own_country_is_not_doubtful(mapper):
    story = mapper.geoparse("Syrian rebels fought near Aleppo. Shells hit Tadef on Monday.\n")
    assert all(not p.doubtful for p in story.places)


def test_a_small_town_in_a_story_that_names_no_country_is_doubtful(mapper):
    story = mapper.geoparse("Berkshire Hathaway bought shares in Occidental.", shapes=False)
    assert {p.name: p for p in story.places}["Occidental"].doubtful
