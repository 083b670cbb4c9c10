"""Acceptance on the first article in seeds/: the places, roles and shapes an
analyst reading it would draw. Nothing here is in geomap's code or data."""

from pathlib import Path

import pytest
from shapely.geometry import Point

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_9d32f7770be8cbd3.txt"

DARAA = Point(36.10, 32.62)
QUNEITRA = Point(35.82, 33.13)
HAMA = Point(36.75, 35.13)
MOREK = Point(36.69, 35.376)
HOMS = Point(36.72, 34.73)
ALEPPO = Point(37.16, 36.20)


@pytest.fixture(scope="module")
def story(mapper):
    return mapper.geoparse_file(SEED)


def place(story, name):
    return next(p for p in story.places if p.name == name)


def shape_union(story, role):
    from shapely import union_all
    return union_all([s.geometry for s in story.shapes if s.role == role])


def test_the_story_s_places_are_resolved(story):
    codes = {p.country_code for p in story.places if p.kind == "country"}
    assert {"SY", "JO", "IL", "TR", "RU"} <= codes
    london = next(p for p in story.places if p.name == "London")
    assert london.country_code == "GB"


def test_towns_are_within_15_km_of_geonames(story):
    from geopy.distance import great_circle
    for mentioned, (lat, lon) in {"Morek": (35.376, 36.690), "Hama": (35.132, 36.758),
                                  "LONDON": (51.509, -0.126)}.items():
        town = next(p for p in story.places if mentioned in {m.text for m in p.mentions})
        assert great_circle((town.latitude, town.longitude), (lat, lon)).km < 15, mentioned


def test_country_points_lie_inside_their_countries(story, gazetteer):
    for country in (p for p in story.places if p.kind == "country"):
        outline = gazetteer.country(country.country_code).geometry
        assert outline.contains(Point(country.longitude, country.latitude)), country.name


def test_no_literal_iraq_or_levant(story):
    assert not {"Iraq", "Levant"} & {p.name for p in story.places}
    assert {"Iraq", "Levant"} <= {m.text for m in story.non_places}


def test_moscow_is_metonymy_and_demonyms_are_typed(story):
    assert {m.type for m in place(story, "Moscow").mentions} == {"metonymy"}
    syria_types = {(m.text, m.type) for m in place(story, "Syria").mentions}
    assert ("Syrian", "demonym") in syria_types
    assert ("Russian", "demonym") in {(m.text, m.type) for m in place(story, "Russia").mentions}


def test_london_is_the_dateline(story):
    assert "dateline" in {r.name for r in place(story, "London").roles}


def test_russia_is_an_actor(story):
    assert "actor" in {r.name for r in place(story, "Russia").roles}


def test_zone_contains_daraa_and_quneitra_and_not_the_north(story):
    zone = shape_union(story, "zone")
    assert zone.contains(DARAA) and zone.contains(QUNEITRA)
    assert not any(zone.contains(p) for p in (HAMA, HOMS, ALEPPO))


def test_zone_is_labelled_with_its_group(story):
    assert {s.label for s in story.shapes if s.role == "zone"} == {"Southern Front zone"}


def test_southern_zone_is_not_targeted(story):
    assert shape_union(story, "not_targeted").contains(DARAA)


def test_strike_area_contains_hama_and_morek_not_daraa(story):
    strike = shape_union(story, "strike")
    assert strike.contains(HAMA) and strike.contains(MOREK)
    assert not strike.contains(DARAA)


def test_supply_routes_run_from_turkey_and_jordan_into_syria(story):
    syria = place(story, "Syria")
    routes = [s for s in story.shapes if s.role == "supply_route"]
    starts = {s.places[0] for s in routes}
    assert {"country:TR", "country:JO"} <= starts
    from gazetteer import Gazetteer
    outline = Gazetteer().country("SY").geometry
    for route in routes:
        if route.places[0] in ("country:TR", "country:JO"):
            assert outline.contains(Point(route.geometry.coords[-1])), route.label
    assert syria.id in {s.places[1] for s in routes}


def test_gulf_arab_states_are_named_origins(story):
    routes = [s for s in story.shapes if s.role == "supply_route"]
    assert "group:gcc" in {s.places[0] for s in routes}
