"""In a notebook: a Story shows as its map, and ``to_geojson`` loads in
geopandas unchanged (that test needs the ``geo`` extra and skips without it)."""

import html
import json

import pytest

from geomap import to_geojson

STORY = "KABUL (Reuters) - Taliban fighters attacked police posts in Kunduz, officials said.\n"


@pytest.fixture(scope="module")
def story(mapper):
    return mapper.geoparse(STORY)


def test_a_story_displays_as_its_self_contained_map_in_an_iframe(story):
    from geomap import map_html

    shown = story._repr_html_()
    assert shown.startswith("<iframe srcdoc=\"") and shown.endswith("</iframe>")
    page = html.unescape(shown.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert page == map_html(story)


def test_the_notebook_iframe_escapes_the_page(story):
    shown = story._repr_html_()
    assert "<html" not in shown and "&lt;html" in shown.lower()


def test_geojson_loads_in_geopandas_unchanged(story, tmp_path):
    geopandas = pytest.importorskip("geopandas", reason="needs the geo extra: pip install -e '.[geo]'")
    collection = to_geojson(story)
    frame = geopandas.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    assert len(frame) == len(collection["features"])
    kunduz = frame[frame["name"] == "Kunduz"].iloc[0]
    feature = next(f for f in collection["features"] if f["properties"].get("name") == "Kunduz")
    assert (kunduz.geometry.x, kunduz.geometry.y) == tuple(feature["geometry"]["coordinates"])
    assert {"Point", "Polygon"} <= set(frame.geom_type)
    path = tmp_path / "story.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert len(geopandas.read_file(path)) == len(frame)
