"""The gazetteer knows the names news uses all the time: continents' parts
and other regions made of countries, historic states, the other names of
countries, regions that are neither divisions nor towns, English counties
that the division data splits up, and Arabic town names written without
their article."""

import pytest

from gazetteer.populate import _without_arabic_article
from gazetteer.sources import distance_km


def top(gazetteer, name):
    found = gazetteer.candidates(name, limit=1)
    assert found, f"nothing named {name!r}"
    return found[0]


def member_codes(gazetteer, name):
    return {c.country_code for c in gazetteer.members(top(gazetteer, name))}


# -- regions made of countries ------------------------------------------------------------------
def test_north_america_is_a_region_of_its_countries(gazetteer):
    north_america = top(gazetteer, "North America")
    assert north_america.kind == "region"
    assert {"US", "CA", "MX"} <= member_codes(gazetteer, "North America")


@pytest.mark.parametrize("name, inside, outside", [
    ("South America", "BR", "MX"), ("Central America", "GT", "CO"),
    ("Oceania", "FJ", "ID"), ("Sub-Saharan Africa", "NG", "EG"),
    ("Southern Africa", "ZA", "KE"), ("Central Africa", "CF", "NG"),
    ("South Asia", "IN", "CN"), ("East Asia", "JP", "IN"),
    ("Western Europe", "FR", "PL"), ("Eastern Europe", "PL", "FR"),
    ("Northern Europe", "SE", "IT"), ("Southern Europe", "IT", "SE"),
    ("Asia-Pacific", "AU", "DE"), ("Gulf region", "KW", "EG"),
])
def test_a_part_of_a_continent_is_a_region_of_its_countries(gazetteer, name, inside, outside):
    assert top(gazetteer, name).kind == "region"
    members = member_codes(gazetteer, name)
    assert inside in members and outside not in members


def test_the_caribbean_is_the_region_before_the_sea(gazetteer):
    found = gazetteer.candidates("the Caribbean")
    assert found[0].kind == "region" and "JM" in found[0].members
    assert any(c.kind == "water" for c in gazetteer.candidates("Caribbean Sea", limit=1))


def test_a_region_is_found_however_its_hyphen_is_written(gazetteer):
    assert top(gazetteer, "Asia Pacific").id == top(gazetteer, "Asia-Pacific").id


def test_a_region_of_countries_is_drawn_as_them_not_as_a_disc(gazetteer):
    assert top(gazetteer, "Sub-Saharan Africa").radius_km is None


# -- historic states ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Soviet Union", "the Soviet Union", "USSR", "former Soviet Union"])
def test_the_soviet_union_is_its_fifteen_successor_states(gazetteer, name):
    members = member_codes(gazetteer, name)
    assert len(members) == 15 and {"RU", "UA", "KZ", "EE", "GE"} <= members


def test_yugoslavia_is_its_successor_states(gazetteer):
    assert {"SI", "HR", "BA", "RS", "ME", "MK"} <= member_codes(gazetteer, "former Yugoslavia")


# -- other names of countries ---------------------------------------------------------------------
def test_holy_see_is_the_vatican(gazetteer):
    assert top(gazetteer, "Holy See").id == "country:VA"


@pytest.mark.parametrize("name, code", [
    ("Burma", "MM"), ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Czechia", "CZ"),
    ("Czech Republic", "CZ"), ("East Timor", "TL"), ("Timor-Leste", "TL"), ("Swaziland", "SZ"),
    ("Eswatini", "SZ"), ("Macedonia", "MK"), ("North Macedonia", "MK"), ("Cape Verde", "CV"),
    ("Cabo Verde", "CV"), ("Congo-Brazzaville", "CG"), ("Congo-Kinshasa", "CD"), ("Bosnia", "BA"),
    ("Palestine", "PS"), ("Falklands", "FK"), ("Viet Nam", "VN"), ("Republic of Ireland", "IE"),
])
def test_a_country_is_found_by_the_names_news_gives_it(gazetteer, name, code):
    assert top(gazetteer, name).id == f"country:{code}"


def test_palestine_the_country_outranks_the_us_towns_named_after_it(gazetteer):
    found = gazetteer.candidates("Palestine")
    assert found[0].kind == "country" and any(c.country_code == "US" for c in found[1:])


# -- regions that are neither divisions nor towns ---------------------------------------------------
@pytest.mark.parametrize("name, country, point", [
    ("Eastern Ghouta", "SY", (33.55, 36.40)), ("Ghouta", "SY", (33.55, 36.40)),
    ("Nile Delta", "EG", (30.9, 31.1)), ("Galilee", "IL", (32.8, 35.4)),
    ("South Ossetia", "GE", (42.3, 44.0)), ("Casamance", "SN", (12.7, -15.5)),
    ("Puntland", "SO", (9.0, 48.8)), ("Midwest", "US", (41.5, -90.0)),
    ("New England", "US", (44.0, -71.5)), ("Bay Area", "US", (37.7, -122.2)),
    ("Outback", "AU", (-25.0, 134.0)), ("Manchuria", "CN", (45.5, 126.5)),
    ("Ruhr", "DE", (51.5, 7.2)), ("Transylvania", "RO", (46.5, 24.5)),
    ("Normandy", "FR", (49.1, 0.1)), ("Algarve", "PT", (37.1, -8.1)),
])
def test_a_region_news_names_sits_near_its_usual_point(gazetteer, name, country, point):
    region = top(gazetteer, name)
    assert region.kind == "region" and region.country_code == country
    assert distance_km(region.latitude, region.longitude, *point) < 100


def test_a_region_spanning_countries_names_them_all(gazetteer):
    lake_chad = top(gazetteer, "Lake Chad region")
    assert set(lake_chad.members) == {"NG", "NE", "TD", "CM"} and lake_chad.country_code is None


def test_a_curated_region_has_a_radius_to_draw_it_with(gazetteer):
    assert top(gazetteer, "Nile Delta").radius_km > 50


def test_a_region_named_like_a_town_elsewhere_outranks_the_town(gazetteer):
    found = gazetteer.candidates("Bohemia")
    assert found[0].country_code == "CZ" and any(c.country_code == "US" for c in found[1:])


# -- English counties ---------------------------------------------------------------------------------
def test_yorkshire_is_the_english_county_not_a_us_town(gazetteer):
    found = gazetteer.candidates("Yorkshire")
    assert found[0].country_code == "GB" and found[0].kind == "region"
    assert distance_km(found[0].latitude, found[0].longitude, 53.95, -1.4) < 60
    assert any(c.country_code == "US" for c in found[1:])        # the towns stay candidates


@pytest.mark.parametrize("name", ["Cheshire", "Berkshire", "Bedfordshire", "Sussex",
                                  "Greater Manchester", "West Yorkshire", "Tyne and Wear"])
def test_an_english_county_the_division_data_splits_is_found(gazetteer, name):
    county = top(gazetteer, name)
    assert county.country_code == "GB" and county.subkind == "county"


def test_a_county_the_division_data_has_keeps_its_division(gazetteer):
    county = top(gazetteer, "Lincolnshire")
    assert county.kind in ("admin1", "admin2") and county.country_code == "GB"
    assert gazetteer.outline(county.id) is not None


# -- Arabic names without their article -----------------------------------------------------------------
@pytest.mark.parametrize("written, country", [("Qamishli", "SY"), ("Raqqa", "SY"), ("Hasakah", "SY"),
                                              ("Mukalla", "YE"), ("Hudaydah", "YE"), ("Fasher", "SD"),
                                              ("Obeid", "SD")])
def test_a_name_written_without_its_arabic_article_is_found(gazetteer, written, country):
    town = top(gazetteer, written)
    assert (town.kind, town.country_code) == ("city", country)


def test_a_name_without_its_article_is_not_the_towns_own_name(gazetteer):
    with_article, without = top(gazetteer, "Al Qamishli"), top(gazetteer, "Qamishli")
    assert with_article.id == without.id
    assert without.importance < with_article.importance        # no primary-name bonus


@pytest.mark.parametrize("name, bare", [
    ("Al Qāmishlī", {"qamishli"}), ("Ad-Damazin", {"damazin"}), ("Aş Şanamayn", {"sanamayn"}),
    ("El Fasher", {"fasher"}), ("Ash Shaykh Miskin", {"shaykh miskin"}),
])
def test_the_arabic_article_is_taken_away_in_each_of_its_spellings(name, bare):
    assert _without_arabic_article([name]) == bare


@pytest.mark.parametrize("name", ["Al Bāb", "Al Kut", "Alexandria", "Almaty", "Elmira", "Astana"])
def test_a_short_remainder_or_a_name_merely_starting_like_the_article_is_left_alone(name):
    assert _without_arabic_article([name]) == set()


def test_a_town_outside_arabic_speaking_countries_keeps_its_article(gazetteer):
    # El Paso, Texas, is never written "Paso"
    el_paso = next(c for c in gazetteer.candidates("El Paso") if c.country_code == "US")
    assert all(c.id != el_paso.id for c in gazetteer.candidates("Paso"))


def test_a_villages_name_without_its_article_is_not_indexed(gazetteer):
    # As Salmān, Iraq, a village: "Salman" in news is a person
    assert all(c.country_code != "IQ" for c in gazetteer.candidates("Salman"))
