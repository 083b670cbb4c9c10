"""The local gazetteer, as a specification."""

import json
import subprocess
import sys

import pytest
from shapely.geometry import Point

from gazetteer import Gazetteer, GazetteerError, LocalGazetteer


def top(gazetteer, name):
    return gazetteer.candidates(name, limit=1)[0]


def test_accented_plain_and_caps_spellings_find_the_same_town(gazetteer):
    found = {top(gazetteer, name).id for name in ("Morek", "Mūrak", "MOREK", "mūrak")}
    assert len(found) == 1
    town = top(gazetteer, "Morek")
    assert (town.country_code, town.kind) == ("SY", "city")
    assert town.latitude == pytest.approx(35.376, abs=0.01)
    assert town.longitude == pytest.approx(36.690, abs=0.01)


def test_all_caps_dateline_name_finds_the_capital_first(gazetteer):
    london = top(gazetteer, "LONDON")
    assert (london.name, london.country_code) == ("London", "GB")


@pytest.mark.parametrize("name, kind, country", [
    ("Hama", "city", "SY"),
    ("London", "city", "GB"),
    ("Jordan", "country", "JO"),
    ("Turkey", "country", "TR"),
    ("Georgia", "country", "GE"),
    ("Paris", "city", "FR"),
])
def test_ambiguous_names_rank_the_best_known_place_first(gazetteer, name, kind, country):
    best = top(gazetteer, name)
    assert (best.kind, best.country_code) == (kind, country)


def test_ambiguous_names_keep_their_other_candidates(gazetteer):
    countries = {c.country_code for c in gazetteer.candidates("London")}
    assert {"GB", "CA", "US"} <= countries


@pytest.mark.parametrize("word, code", [("Syrian", "SY"), ("Russian", "RU"), ("Jordanian", "JO"),
                                        ("Turkish", "TR"), ("Israeli", "IL"), ("British", "GB"),
                                        ("Russians", "RU")])
def test_demonyms_lead_to_their_country(gazetteer, word, code):
    assert gazetteer.demonym(word).id == f"country:{code}"


@pytest.mark.parametrize("word, region", [("European", "europe"), ("African", "africa"),
                                          ("Latin American", "latin-america"), ("Soviet", "soviet-union")])
def test_the_adjectives_of_continents_and_regions_lead_to_them(gazetteer, word, region):
    assert gazetteer.demonym(word).id == f"region:{region}"


def test_a_group_expands_to_its_member_countries(gazetteer):
    gulf = top(gazetteer, "Gulf Arab states")
    assert gulf.kind == "group"
    assert {c.country_code for c in gazetteer.members(gulf)} == {"SA", "AE", "QA", "KW", "BH", "OM"}


def test_curated_regions_resolve(gazetteer):
    golan = top(gazetteer, "Golan Heights")
    assert golan.kind == "region"
    assert 32.5 < golan.latitude < 33.5 and 35.5 < golan.longitude < 36.2


def test_first_level_divisions_are_indexed_with_a_location(gazetteer):
    bavaria = next(c for c in gazetteer.candidates("Bavaria") if c.kind == "admin1")
    assert bavaria.country_code == "DE"
    assert 47 < bavaria.latitude < 51 and 9 < bavaria.longitude < 14


def test_an_unknown_name_gives_no_candidates(gazetteer):
    assert gazetteer.candidates("Xqzzyplatz") == []
    assert gazetteer.candidates("") == []


def test_country_has_codes_and_an_outline_containing_its_capital(gazetteer):
    syria = gazetteer.country("SY")
    assert (syria.iso3, syria.name, syria.capital) == ("SYR", "Syria", "Damascus")
    assert syria.geometry.contains(Point(36.29, 33.51))


def test_every_country_at_once_is_each_country_alone(gazetteer):
    countries = gazetteer.countries()
    assert [c.code for c in countries] == gazetteer.country_codes()
    for listed in countries[::25]:
        alone = gazetteer.country(listed.code)
        assert (listed.name, listed.iso3, listed.neighbours, listed.demonyms) == \
            (alone.name, alone.iso3, alone.neighbours, alone.demonyms)
        assert (listed.geometry is None and alone.geometry is None) or \
            listed.geometry.equals(alone.geometry)


def test_country_at_is_the_reverse_of_the_outline(gazetteer):
    assert gazetteer.country_at(33.51, 36.29).code == "SY"
    assert gazetteer.country_at(0.0, -30.0) is None   # mid-Atlantic


def test_local_gazetteer_is_a_geopy_geocoder():
    from geopy.geocoders.base import Geocoder

    geocoder = LocalGazetteer()
    assert isinstance(geocoder, Geocoder)
    location = geocoder.geocode("Morek")
    assert location.latitude == pytest.approx(35.376, abs=0.01)
    assert location.raw["country_code"] == "SY"
    assert len(geocoder.geocode("London", exactly_one=False)) > 1


def test_a_file_that_is_not_an_index_is_never_rebuilt_over(tmp_path):
    index = tmp_path / "index.sqlite"
    index.write_bytes(b"this is not a database")
    with pytest.raises(GazetteerError):
        Gazetteer(index)
    assert index.read_bytes() == b"this is not a database"


def test_corrupt_index_without_rebuild_is_a_one_line_error(tmp_path):
    index = tmp_path / "index.sqlite"
    index.write_bytes(b"garbage")
    with pytest.raises(GazetteerError) as error:
        Gazetteer(index, build_if_missing=False)
    assert "\n" not in str(error.value) and "geomap gazetteer build" in str(error.value)


def test_lookup_command_prints_name_country_coordinates_population():
    result = subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "lookup", "Morek"],
                            capture_output=True, text=True, check=True)
    first = result.stdout.splitlines()[0]
    assert first.startswith("Mūrak, SY, 35.376, 36.690") and "population 14,307" in first


def test_lookup_command_json_gives_the_same_candidate():
    result = subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "lookup", "Morek",
                             "--json"], capture_output=True, text=True, check=True)
    first = json.loads(result.stdout)[0]
    assert (first["name"], first["country_code"], first["population"]) == ("Mūrak", "SY", 14307)


def test_unbuildable_index_is_a_one_line_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "lookup", "Morek",
                             "--index", str(blocker / "sub" / "index.sqlite")],
                            capture_output=True, text=True)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("geomap: error: cannot build gazetteer index")


def test_a_remembered_lookup_hands_each_caller_its_own_list(gazetteer):
    """Lookups are cached per process; a caller that edits its answer
    changes no later answer."""
    for lookup, name in ((gazetteer.qualifier, "Texas"), (gazetteer.variants, "Mosoul"),
                         (gazetteer.candidates, "Paris")):
        first = lookup(name)
        assert first, name
        first.clear()
        assert lookup(name), name


def test_a_province_is_not_ranked_down_to_a_small_town_of_its_name_elsewhere(gazetteer):
    """Hama ranks Hama province below it; Wyoming, Michigan (75,000 people,
    in another state) is no such namesake of the state of Wyoming, which
    ranks above a town of 10,000 in New South Wales."""
    ranked = [(c.kind, c.country_code) for c in gazetteer.candidates("Wyoming")]
    assert ranked.index(("admin1", "US")) < ranked.index(("city", "AU"))
    hama = gazetteer.candidates("Hama")
    assert hama[0].kind == "city" and hama[0].country_code == "SY"


@pytest.mark.parametrize("name", ["Wyoming", "Montana", "Delaware"])
def test_a_state_with_no_town_of_its_name_outranks_a_smaller_town_of_it(gazetteer, name):
    """Wyoming, Michigan (75,000); Montana, Bulgaria (47,000); Delaware,
    Ohio (40,000): a state keeps its own name's rank, as a town does."""
    top = gazetteer.candidates(name)[0]
    assert (top.kind, top.country_code) == ("admin1", "US")


@pytest.mark.parametrize("name, country", [("Oklahoma", "US"), ("Cebu", "PH")])
def test_a_division_keeps_its_name_from_the_city_named_for_it(gazetteer, name, country):
    """Oklahoma City and Cebu City list "Oklahoma" and "Cebu" as short
    forms; written alone, news means the state and the province."""
    top = gazetteer.candidates(name)[0]
    assert (top.kind, top.country_code) == ("admin1", country)


def test_a_world_city_keeps_the_short_form_of_its_name(gazetteer):
    """"New York" alone is the city, as news writes it."""
    top = gazetteer.candidates("New York")[0]
    assert (top.name, top.kind) == ("New York City", "city")


def test_a_division_with_a_town_of_its_name_inside_leaves_the_bare_name_to_the_town(gazetteer):
    """"near Tillaberi": the seat town, though the region is far bigger."""
    top = gazetteer.candidates("Tillaberi")[0]
    assert (top.kind, top.country_code) == ("city", "NE")


def test_divisions_that_share_a_border_touch_and_others_do_not(gazetteer):
    assert gazetteer.borders("admin1:US.FL", "admin1:US.GA")
    assert not gazetteer.borders("admin1:US.FL", "admin1:US.TX")
