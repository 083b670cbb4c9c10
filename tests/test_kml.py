"""KML for Google Earth, as a specification: a KML 2.2 document with a
style per role (the map's colours), a folder per role, placemarks whose
descriptions quote the evidence (escaped), zones as polygons and routes as
lines, coordinates in lon,lat order."""

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from geomap.export import to_kml
from geomap.lexicon import load

KML = "{http://www.opengis.net/kml/2.2}"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_9d32f7770be8cbd3.txt"
#: The order KML 2.2's schema gives the children we write (AbstractFeatureGroup,
#: then Document's features or Placemark's geometry).
FEATURE_ORDER = ["name", "open", "description", "styleUrl", "Style", "ExtendedData",
                 "Folder", "Placemark", "Point", "LineString", "Polygon", "MultiGeometry"]


@pytest.fixture(scope="module")
def seed_story(mapper):
    return mapper.geoparse_file(SEED)


@pytest.fixture(scope="module")
def document(seed_story):
    root = ET.fromstring(to_kml(seed_story))
    assert root.tag == f"{KML}kml"
    return root.find(f"{KML}Document")


def local(element) -> str:
    return element.tag.removeprefix(KML)


def placemarks(document):
    return document.iter(f"{KML}Placemark")


def test_the_document_is_kml_2_2_with_styles_then_role_folders(document):
    children = [local(child) for child in document]
    assert children[:3] == ["name", "open", "description"]
    assert children == sorted(children, key=FEATURE_ORDER.index)
    assert "Style" in children and "Folder" in children


def test_each_placemark_has_its_children_in_schema_order(document):
    for placemark in placemarks(document):
        children = [local(child) for child in placemark]
        assert children == sorted(children, key=FEATURE_ORDER.index)
        assert children[0] == "name" and children[-1] in ("Point", "LineString", "Polygon", "MultiGeometry")


def test_every_placemark_uses_a_style_the_document_defines(document):
    styles = {style.get("id") for style in document.findall(f"{KML}Style")}
    for placemark in placemarks(document):
        assert placemark.findtext(f"{KML}styleUrl").removeprefix("#") in styles


def test_styles_carry_the_map_colours_as_kml_aabbggrr(document):
    strike = next(s for s in document.findall(f"{KML}Style") if s.get("id") == "role-strike")
    rgb = load("styles")["roles"]["strike"]["color"].lstrip("#")
    assert strike.findtext(f"{KML}LineStyle/{KML}color") == "ff" + rgb[4:6] + rgb[2:4] + rgb[0:2]


def test_places_are_grouped_in_a_folder_per_role(document):
    folders = {folder.findtext(f"{KML}name"): folder for folder in document.findall(f"{KML}Folder")}
    assert {"dateline", "actor", "strike area", "supply route"} <= set(folders)
    names = [p.findtext(f"{KML}name") for p in folders["dateline"].findall(f"{KML}Placemark")]
    assert names == ["London"]


def test_point_coordinates_are_longitude_then_latitude(document, seed_story):
    london = next(p for p in placemarks(document) if p.findtext(f"{KML}name") == "London")
    lon, lat = map(float, london.findtext(f"{KML}Point/{KML}coordinates").split(","))
    place = next(p for p in seed_story.places if p.name == "London")
    assert (lon, lat) == pytest.approx((place.longitude, place.latitude), abs=1e-5)
    assert -1 < lon < 1 and 51 < lat < 52


def test_zones_are_polygons_and_routes_are_lines(document):
    geometry = {p.findtext(f"{KML}name"): local(p[-1]) for p in placemarks(document)}
    assert geometry["Southern Front zone"] == "Polygon"
    assert geometry["supply route: Turkey → Syria"] == "LineString"
    assert "MultiGeometry" in geometry.values()     # "Syria, further north" is in two parts


def test_polygon_rings_are_closed_lon_lat_coordinates(document):
    zone = next(p for p in placemarks(document) if p.findtext(f"{KML}name") == "Southern Front zone")
    ring = zone.findtext(f"{KML}Polygon/{KML}outerBoundaryIs/{KML}LinearRing/{KML}coordinates").split()
    points = [tuple(map(float, xy.split(","))) for xy in ring]
    assert points[0] == points[-1] and len(points) >= 4
    assert all(35 < lon < 40 and 32 < lat < 34 for lon, lat in points)    # southern Syria


def test_the_description_quotes_the_evidence(document):
    hama = next(p for p in placemarks(document) if p.findtext(f"{KML}name") == "Ḩamāh")
    description = hama.findtext(f"{KML}description")
    assert "frontline/position" in description and "Hama" in description


def test_article_text_is_escaped_never_markup(mapper):
    text = ('KABUL (Reuters) - <script>alert(1)</script> Taliban fighters attacked police posts '
            'in Kunduz & <b onmouseover="x()">Baghlan</b>\x07, officials said.\n')
    kml = to_kml(mapper.geoparse(text))
    root = ET.fromstring(kml)                      # well-formed: the bell character is gone
    descriptions = [e.text for e in root.iter(f"{KML}description")]
    evidence = next(d for d in descriptions if "Taliban" in d)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evidence and "&amp;" in evidence
    assert "<script" not in evidence and "<b onmouseover" not in evidence
    assert "\x07" not in kml


def test_export_kml_writes_a_kml_file(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("KABUL (Reuters) - Taliban fighters attacked police posts in Kunduz.\n",
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "geomap", "export", str(article), "--kml",
                             "-o", str(tmp_path / "story.kml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "story.kml").getroot()
    assert [p.findtext(f"{KML}name") for p in root.iter(f"{KML}Placemark")][:2] == ["Kabul", "Kunduz"]
