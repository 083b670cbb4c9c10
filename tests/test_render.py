"""The map page, as a specification (no browser needed here)."""

import json
import re
import subprocess

import pytest
from shapely.geometry import Polygon

from pathlib import Path

from geomap import embed_fragment, iframe_snippet, map_html, save_png
from geomap.model import Article, Mention, Place, Role, Shape, Story
from geomap.render import (_story_bounds, caption_html, caption_text, gazetteer_entry, named_by_adjective_only,
                           shown_name)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9d32f7770be8cbd3.txt"

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> `${alert(2)}`'
STORY = ("Fighting in Mozambique\n\nMAPUTO (Reuters) - Insurgents shelled Beira and Chimoio in central "
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
    legend = page[page.index('class="geomap-legend'):]
    for label in ("dateline", "strike area", "supply route"):
        assert label in legend.split("geomap-credit")[0]
    assert "Southern Front zone" not in legend


def test_legend_rows_are_the_layers_in_the_same_order(page):
    legend = page[page.index('class="geomap-legend'):].split("geomap-credit")[0]
    rows = re.findall(r"<span class='geomap-legend-name'>([^<]*)</span>", legend)
    control = re.search(r"overlays :  \{(.*?)\},", page, re.S).group(1)
    assert rows and rows == re.findall(r'"([^"]+)" :', control)


def test_there_is_a_layer_per_role(page):
    for layer in ("dateline", "strike area", "supply route"):
        assert f'"{layer}"' in page


def test_title_shows_headline_and_dateline(page):
    title = page[page.index('class="geomap-title"'):][:400]
    assert "Fighting in Mozambique" in title and "Maputo" in title


def test_map_credits_geonames_and_natural_earth(page):
    assert "GeoNames" in page and "Natural Earth" in page and "CC BY 4.0" in page


def test_online_tiles_are_a_switchable_layer_not_the_default(page):
    assert "OpenStreetMap (online)" in page
    assert "Natural Earth (offline)" in page


def test_embed_fragment_is_a_self_contained_figure(story, gazetteer):
    fragment = embed_fragment(story, gazetteer=gazetteer)
    assert fragment.startswith("<figure") and "<html" not in fragment.replace("&lt;html", "")
    assert "srcdoc=" in fragment
    caption = re.search(r"<figcaption[^>]*>(.*)</figcaption>", fragment).group(1)
    assert "GeoNames (CC BY 4.0)" in caption and "Natural Earth (public domain)" in caption
    assert "Fighting in Mozambique" in caption


def test_a_fragment_of_30_places_stays_under_a_megabyte(mapper, gazetteer):
    text = (ROOT / "tests" / "stories" / "idlib_25_towns.txt").read_text(encoding="utf-8")
    text = text.replace("BEIRUT (Reuters)", "LONDON (Reuters)") + (
        "\nRebels in Hama, Aleppo and Latakia said they would fight on; aid came via Turkey.\n")
    story = mapper.geoparse(text)
    assert len(story.places) >= 30
    assert len(embed_fragment(story, gazetteer=gazetteer).encode("utf-8")) < 1_000_000


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


# -- what the reader sees (issue 14) ----------------------------------------------------
def mention(text, start=0, kind="literal"):
    return Mention(text, start, start + len(text), kind, f"{text} was hit.", 0)


def town(name, lat, lon, mentions, confidence=0.95, role="strike", kind="city", code="SY"):
    roles = [Role(role, role, f"{name} was hit.", 0, 5)] if role else []
    return Place(f"x:{name}", name, kind, lat, lon, code, None, 1000, confidence, mentions, roles)


@pytest.fixture(scope="module")
def seed(mapper):
    return mapper.geoparse_file(SEED)


def test_names_are_shown_as_the_article_writes_them(seed):
    names = {p.name: shown_name(p) for p in seed.places}
    assert names["Mūrak"] == "Morek" and names["Ḩamāh"] == "Hama"
    assert names["London"] == "London"          # "LONDON" in the dateline
    assert names["Syria"] == "Syria"            # "Syrian" (an adjective) and "Syria": the name


def test_the_most_used_spelling_wins_and_the_first_breaks_a_tie():
    place = town("Mūrak", 35, 36, [mention("Morek", 0), mention("Murak", 10), mention("Murak", 20)])
    assert shown_name(place) == "Murak"
    assert shown_name(town("Mūrak", 35, 36, [mention("Morek", 0), mention("Murak", 10)])) == "Morek"
    assert shown_name(town("Russia", 55, 37, [mention("Russian", 0, "demonym")], kind="country")) == "Russia"


def test_the_map_says_morek_and_the_popup_gives_the_gazetteer_entry(seed, gazetteer):
    page = map_html(seed, gazetteer=gazetteer)
    murak = next(p for p in seed.places if p.name == "Mūrak")
    assert gazetteer_entry(murak, gazetteer) == "Mūrak, Hama, Syria; town, population 14,307"
    strings = [json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', page[page.index("</body>"):])]
    labels = json.loads(re.search(r"(\[\[\"London\", 0\].*?\]\])\.map", page).group(1))
    assert ["Morek", 0] in labels and ["Hama", 0] in labels
    tooltips = [s for s in strings if s.startswith(("Morek", "Hama", "Mūrak", "Ḩamāh"))]
    assert tooltips and all(not s.startswith(("Mūrak", "Ḩamāh")) for s in tooltips)
    assert any("Mūrak, Hama, Syria; town, population 14,307" in s for s in strings)   # the popup
    legend = page[page.index('class="geomap-legend'):].split("geomap-credit")[0]
    title = page[page.index('class="geomap-title"'):][:400]
    assert "Ḩamāh" not in legend and "Dateline: London" in title


def test_countries_named_only_by_adjectives_get_small_pins(gazetteer):
    russia = town("Russia", 55.7, 37.6, [mention("Russian", 0, "demonym")], role="actor", kind="country", code="RU")
    syria = town("Syria", 35, 38, [mention("Syria", 0)], kind="country")
    assert named_by_adjective_only(russia) and not named_by_adjective_only(syria)
    page = map_html(Story(Article(text="Russian jets hit Syria."), [russia, syria]), gazetteer=gazetteer)
    assert '"radius": 4' in page and '"radius": 9' in page


def test_doubtful_places_are_drawn_hollow_and_grey_with_a_question_mark(gazetteer):
    sure = town("Idlib", 35.93, 36.63, [mention("Idlib")])
    unsure = town("Ariha", 35.81, 36.61, [mention("Ariha")], confidence=0.5)
    page = map_html(Story(Article(text="Idlib and Ariha were hit."), [sure, unsure]), gazetteer=gazetteer)
    strings = [json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', page[page.index("</body>"):])]
    assert "Ariha ? · strike" in strings and "Idlib · strike" in strings
    assert '["Ariha ?", 1]' in page
    assert '"color": "#8c8c8c"' in page and '"dashArray": "3 3"' in page and '"fillColor": "#ffffff"' in page
    assert "? doubtful" in page and "Doubtful: geomap is unsure" in page


def test_the_view_fits_the_cluster_not_outliers_nor_doubtful_places():
    idlib = [town(f"t{i}", 35.5 + i * 0.05, 36.3 + (i % 5) * 0.1, [mention(f"t{i}")]) for i in range(8)]
    damascus = town("Damascus", 33.51, 36.29, [mention("Damascus")])          # 270 km off: outlier
    paris = town("Paris", 48.85, 2.35, [mention("Paris")], confidence=0.4)     # doubtful: never
    story = Story(Article(text="x"), [*idlib, damascus, paris])
    west, south, east, north = _story_bounds(story)
    assert south <= 35.5 and north >= 35.85 and south > 33.6
    assert east < 10 or west > 3                                           # Paris pulls nothing
    # a doubtful place alone still gets a view (there is nothing else to show)
    assert _story_bounds(Story(Article(text="x"), [paris])) is not None


def test_far_away_places_stay_on_the_map_and_in_the_inset(gazetteer):
    idlib = [town(f"t{i}", 35.5 + i * 0.05, 36.3 + (i % 5) * 0.1, [mention(f"t{i}")]) for i in range(8)]
    paris = town("Paris", 48.85, 2.35, [mention("Paris")], confidence=0.4)
    page = map_html(Story(Article(text="x"), [*idlib, paris]), gazetteer=gazetteer)
    assert "[48.85, 2.35]" in page                                         # its pin
    inset = page[page.index('L.map("geomap-inset"'):][:3000]
    assert "[48.85, 2.35, \"#8c8c8c\", \"\", 1]" in inset                     # a hollow grey dot


def cli(*args):
    import sys
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT)


def test_embed_prints_one_snippet_and_the_alternative_with_a_flag():
    default = cli("embed", SEED)
    assert default.returncode == 0, default.stderr
    assert default.stdout.count("<iframe") == 1 and "srcdoc=" in default.stdout
    linked = cli("embed", SEED, "--map-url", "https://example.org/m.html", "--height", "400")
    assert linked.stdout.count("<iframe") == 1 and "srcdoc=" not in linked.stdout
    assert 'src="https://example.org/m.html"' in linked.stdout and "height:400px" in linked.stdout
    assert "GeoNames (CC BY 4.0)" in linked.stdout


def test_caption_command_prints_the_caption_line():
    result = cli("caption", SEED)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and "Natural Earth (public domain)" in result.stdout


def test_png_help_shows_the_default_sizes():
    help_text = cli("png", "--help").stdout
    assert "(default: 1400)" in help_text and "(default: 900)" in help_text


def test_the_caption_says_what_the_map_shows_its_source_and_credits(seed):
    caption = caption_text(seed)
    assert caption.startswith("Places named in \u201cSyrian rebel alliance says Russia must stop bombing FSA\u201d")
    assert "000_9d32f7770be8cbd3.txt" in caption and "dateline London" in caption
    assert "strike area" in caption and "supply route" in caption
    assert "GeoNames (CC BY 4.0)" in caption and "Natural Earth (public domain)" in caption


def test_the_caption_is_escaped_for_a_page():
    story = Story(Article(text="x", headline='<script>alert(1)</script> {{ 7*7 }}'), [])
    assert "<script>" not in caption_html(story) and "{{" not in caption_html(story)


def test_a_picture_loads_the_static_view(monkeypatch, tmp_path):
    seen = {}

    def run(command, **kwargs):
        seen["url"] = command[-1]
        raise subprocess.TimeoutExpired(command, 1)

    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/chromium")
    monkeypatch.setattr("subprocess.run", run)
    with pytest.raises(Exception):
        save_png(tmp_path / "map.html", tmp_path / "map.png")
    assert seen["url"].endswith("map.html#static")


def test_basemap_outlines_are_kept_beside_the_index_and_read_back_by_the_next_process(
        tmp_path, story, monkeypatch):
    import shutil
    from gazetteer import Gazetteer
    from geomap import render
    index = tmp_path / "index.sqlite"
    shutil.copy(Gazetteer().path, index)
    copy = Gazetteer(index, build_if_missing=False)
    tolerance = render.STYLES["basemap"]["simplify_km"]
    made = render._basemap_outlines(copy, tolerance)
    assert len(list(tmp_path.glob("basemap-*.tsv"))) == 1
    render._basemap_outlines.cache_clear()      # as a new process starts
    monkeypatch.setattr(render.shapes, "simplify_km", None)     # nothing may be simplified again
    try:
        assert render._basemap_outlines(copy, tolerance) == made and "SY" in made
    finally:
        render._basemap_outlines.cache_clear()


def test_new_basemap_outlines_replace_those_of_older_code_at_that_tolerance(tmp_path, story):
    import shutil
    from gazetteer import Gazetteer
    from geomap import render
    index = tmp_path / "index.sqlite"
    shutil.copy(Gazetteer().path, index)
    copy = Gazetteer(index, build_if_missing=False)
    tolerance = render.STYLES["basemap"]["simplify_km"]
    current = render._basemap_cache_path(copy, tolerance)
    older = current.with_name(current.name.rsplit("-", 1)[0] + "-0123456789abcdef.tsv")
    other_tolerance = tmp_path / "basemap-999km-0123456789abcdef.tsv"
    older.write_text("SY\t{}\n")
    other_tolerance.write_text("SY\t{}\n")
    try:
        render._basemap_outlines(copy, tolerance)
    finally:
        render._basemap_outlines.cache_clear()
    assert current.exists() and not older.exists() and other_tolerance.exists()


def test_basemap_outlines_are_made_in_memory_when_the_index_folder_is_read_only(
        tmp_path, story, monkeypatch):
    import shutil
    from gazetteer import Gazetteer
    from geomap import output

    def read_only(path, data):
        raise PermissionError(f"{path}: read-only file system")

    index = tmp_path / "index.sqlite"
    shutil.copy(Gazetteer().path, index)
    monkeypatch.setattr(output, "write_atomic", read_only)
    page = map_html(story, gazetteer=Gazetteer(index, build_if_missing=False))
    assert "L.map(" in page and not list(tmp_path.glob("basemap-*"))


def test_country_names_on_the_basemap_are_set_as_text_not_html(page):
    assert "textContent = c[0]" in page
    assert 'class=\\"geomap-country\\"' not in page          # no name inside markup
