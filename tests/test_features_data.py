"""The curated water bodies and landforms file, gazetteer/data/features.csv.

Checks on the data alone: the file parses, every row is complete and in range,
geometry is valid WKT that sits where the row says the feature is (a cheap way to
catch swapped latitude/longitude), and no name collides with another row or with
regions.csv.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from pathlib import Path

import pytest
from shapely import wkt
from shapely.geometry import Point

DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
FEATURES = DATA / "features.csv"
REGIONS = DATA / "regions.csv"

COLUMNS = ["id", "name", "kind", "lat", "lon", "radius_km", "country_codes",
           "alternate_names", "geometry", "source"]
REQUIRED = ["id", "name", "kind", "lat", "lon", "radius_km", "source"]
KINDS = {"sea", "gulf", "bay", "strait", "channel", "canal", "cape", "river", "lake",
         "desert", "mountains", "plateau", "valley", "peninsula", "island", "islands", "ocean",
         "boundary", "corridor"}
SOURCE = "general knowledge (curated)"
TRACED = "general knowledge (curated); course approximate"


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return read(FEATURES)


@pytest.fixture(scope="module")
def shaped(rows) -> list[tuple[dict, object]]:
    return [(row, wkt.loads(row["geometry"])) for row in rows if row["geometry"]]


def fold(name: str) -> str:
    """Case, accents, hyphens, apostrophes and a leading "the" folded away."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['\u2018\u2019\u02bc\u02bb.]", "", text)
    text = re.sub(r"[\s\-\u2010-\u2015_/,;:()]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def names_of(row: dict) -> list[str]:
    alternates = [a for a in row.get("alternate_names", "").split(";") if a.strip()]
    return [row["name"], *alternates]


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def vertices(geometry) -> list[tuple[float, float]]:
    coords = geometry.exterior.coords if geometry.geom_type == "Polygon" else geometry.coords
    return [(x, y) for x, y, *_ in coords]


def test_file_parses_with_the_documented_header():
    with open(FEATURES, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        assert all(None not in row and len(row) == len(COLUMNS) for row in reader)


def test_file_holds_several_hundred_rows(rows):
    assert 400 <= len(rows) <= 700


def test_every_row_fills_the_required_columns(rows):
    missing = [(row["id"], column) for row in rows for column in REQUIRED
               if not (row[column] or "").strip()]
    assert missing == []


def test_every_kind_is_a_known_kind(rows):
    assert {row["id"]: row["kind"] for row in rows if row["kind"] not in KINDS} == {}


def test_every_point_is_in_latitude_and_longitude_range(rows):
    bad = [row["id"] for row in rows
           if not (-90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180)]
    assert bad == []


def test_every_radius_is_positive(rows):
    assert [row["id"] for row in rows if not float(row["radius_km"]) > 0] == []


def test_ids_are_unique_slugs(rows):
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i)] == []


def test_names_are_unique(rows):
    seen: dict[str, str] = {}
    clashes = []
    for row in rows:
        key = fold(row["name"])
        if key in seen:
            clashes.append((seen[key], row["id"]))
        seen[key] = row["id"]
    assert clashes == []


def test_no_name_or_alternate_is_shared_by_two_rows(rows):
    owner: dict[str, str] = {}
    clashes = []
    for row in rows:
        for name in {fold(n) for n in names_of(row)}:
            if name in owner and owner[name] != row["id"]:
                clashes.append((name, owner[name], row["id"]))
            owner.setdefault(name, row["id"])
    assert clashes == []


def test_no_name_or_alternate_repeats_a_name_in_regions_csv(rows):
    taken = {fold(n) for region in read(REGIONS) for n in names_of(region)}
    repeats = [(row["id"], n) for row in rows for n in names_of(row) if fold(n) in taken]
    assert repeats == []


def test_names_are_written_without_a_leading_article(rows):
    assert [n for row in rows for n in names_of(row) if re.match(r"(?i)the\s", n)] == []


def test_country_codes_are_alpha2_codes(rows):
    bad = [(row["id"], code) for row in rows for code in row["country_codes"].split(";")
           if code and not re.fullmatch(r"[A-Z]{2}", code)]
    assert bad == []


def test_source_says_curated_and_marks_traced_geometry(rows):
    bad = [row["id"] for row in rows
           if row["source"] != (TRACED if row["geometry"] else SOURCE)]
    assert bad == []


def test_every_geometry_parses_as_a_valid_line_or_polygon(shaped):
    bad = [row["id"] for row, geometry in shaped
           if geometry.geom_type not in ("LineString", "Polygon") or not geometry.is_valid]
    assert bad == []


def test_geometry_coordinates_are_longitude_then_latitude_in_range(shaped):
    bad = [row["id"] for row, geometry in shaped
           if not all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in vertices(geometry))]
    assert bad == []


def test_geometry_stays_within_the_radius_of_the_point(shaped):
    """A generous margin, so only gross errors (swapped coordinates, a sign
    dropped, a vertex from another continent) fail."""
    far = []
    for row, geometry in shaped:
        lat, lon, radius = float(row["lat"]), float(row["lon"]), float(row["radius_km"])
        limit = radius + max(100.0, 0.25 * radius)
        worst = max(km_between(lat, lon, y, x) for x, y in vertices(geometry))
        if worst > limit:
            far.append((row["id"], round(worst), radius))
    assert far == []


def test_point_lies_on_its_own_geometry(shaped):
    """Inside a polygon; within a few kilometres of a line (its course, not its
    end or a nearby town)."""
    off = []
    for row, geometry in shaped:
        point = Point(float(row["lon"]), float(row["lat"]))
        if geometry.geom_type == "Polygon":
            if not geometry.contains(point):
                off.append(row["id"])
        elif geometry.distance(point) > 0.1:  # degrees, about 10 km
            off.append(row["id"])
    assert off == []


def test_rivers_and_canals_trace_their_course_as_a_linestring(rows):
    bad = [row["id"] for row in rows if row["kind"] in ("river", "canal")
           and not row["geometry"].startswith("LINESTRING(")]
    assert bad == []


def test_lines_have_4_to_12_vertices_and_polygons_5_to_15(shaped):
    bad = []
    for row, geometry in shaped:
        count = len(vertices(geometry)) - (1 if geometry.geom_type == "Polygon" else 0)
        low, high = (4, 12) if geometry.geom_type == "LineString" else (5, 15)
        if not low <= count <= high:
            bad.append((row["id"], count))
    assert bad == []


def test_the_arctic_is_the_arctic_ocean(gazetteer):
    assert gazetteer.candidates("Arctic", limit=1)[0].id == "feature:arctic-ocean"
