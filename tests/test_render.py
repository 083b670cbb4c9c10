"""The map page, as a specification (no browser needed here)."""

import re

import pytest
from shapely.geometry import Polygon

from geomap import embed_fragment, iframe_snippet, map_html, save_png
from geomap.model import Article, Mention, Place, Role, Shape, Story

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> `${alert(2)}`'
STORY = ("Flooding in Mozambique\n\nMAPUTO (Reuters) - Floods hit Beira and Chimoio in central "
         "Mozambique on Monday " + HOSTILE + ". Aid trucks reached Beira via Malawi.\n")


@pytest.fixture(scope="module")
def story(mapper):
    return mapper.geoparse(STORY)


@pytest.fixture(scope="module")
def page(story, gazetteer):
    return map_html(story, gazetteer=gazetteer)


def test_self_contained_map_loads_nothing_from_the_network(page):
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', page)
    assert "L.map(" in page and "leafletjs.com" in page   # Leaflet itself is inlined


def test_map_is_byte_identical_across_runs(story, gazetteer, page):
    assert map_html(story, gazetteer=gazetteer) == page


def test_article_text_reaches_the_page_only_escaped(page):
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    # article text sits in JSON strings, never in a JavaScript template literal
    assert "$(`" not in page and "bindTooltip(`" not in page


def test_popups_quote_the_evidence_with_the_place_highlighted(page):
    assert "\\u003cmark\\u003eBeira\\u003c/mark\\u003e" in page


def test_legend_lists_each_role_present(story, page):
    legend = page[page.index('class="geomap-legend"'):]
    for label in ("dateline", "strike area", "supply route"):
        assert label in legend.split("geomap-credit")[0]
    assert "Southern Front zone" not in legend


def test_there_is_a_layer_per_role(page):
    for layer in ("dateline", "strike area", "supply route"):
        assert f'"{layer}"' in page


def test_title_shows_headline_and_dateline(page):
    title = page[page.index('class="geomap-title"'):][:400]
    assert "Flooding in Mozambique" in title and "Maputo" in title


def test_map_credits_geonames_and_natural_earth(page):
    assert "GeoNames" in page and "Natural Earth" in page and "CC BY 4.0" in page


def test_online_tiles_are_a_switchable_layer_not_the_default(page):
    assert "OpenStreetMap (online)" in page
    assert "Natural Earth (offline)" in page


def test_embed_fragment_is_a_self_contained_figure(story, gazetteer):
    fragment = embed_fragment(story, gazetteer=gazetteer)
    assert fragment.startswith("<figure") and "<html" not in fragment.replace("&lt;html", "")
    assert "srcdoc=" in fragment


def test_iframe_snippet_escapes_the_url():
    assert 'src="maps/a.html?x=1&amp;y=&quot;2&quot;"' in iframe_snippet('maps/a.html?x=1&y="2"')


def test_png_without_chromium_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(FileNotFoundError, match="chromium not found"):
        save_png(tmp_path / "map.html", tmp_path / "map.png")


def test_a_story_with_no_places_gets_a_world_view(gazetteer):
    page = map_html(Story(Article(text="Nothing here.", headline="Nothing"), []), gazetteer=gazetteer)
    assert '"zoom": 2' in page


def test_a_role_missing_from_the_order_list_is_still_drawn(gazetteer):
    mention = Mention("Beira", 0, 5, "literal", "Beira flooded.", 0)
    place = Place("x", "Beira", "city", -19.8, 34.8, "MZ", 1, 1, 0.9, [mention],
                  [Role("flood", "flooded area", "Beira flooded.", 0, 5)])
    shape = Shape("flood", "flooded area", Polygon([(34, -20), (35, -20), (35, -19)]), "Beira flooded.", 0, 5)
    page = map_html(Story(Article(text="Beira flooded."), [place], [shape]), gazetteer=gazetteer)
    assert '"flooded area"' in page and "circleMarker" in page
