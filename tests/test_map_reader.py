"""What a reader of the map sees, measured in a real browser (issue 14).

Headless chromium (Debian's package, no network) loads each map at a given
window size; a probe at the end of <body> waits for the page's own layout
(labels are placed after load) and writes what the reader would see into a
DOM attribute that --dump-dom prints: the town labels with their boxes, the
pins, the legend rows and the layer control's entries, the view, which
panels are folded. The tests skip where chromium is missing.
"""

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from chromium import CHROMIUM, dump_dom
from geomap import map_html
from geomap.model import Mention, Place, Role

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium; .ci/run installs it)")
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9d32f7770be8cbd3.txt"
#: 25 towns of Syria's Idlib governorate in one article: a crowded map.
CROWDED = ROOT / "tests" / "stories" / "idlib_25_towns.txt"

PROBE = """<script>
window.addEventListener("load", function () { setTimeout(function () {
  var map = null;
  Object.keys(window).forEach(function (k) {
    if (/^map_/.test(k) && window[k] instanceof L.Map && window[k].getContainer().id !== "geomap-inset") map = window[k];
  });
  function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }
  function shown(el) { var s = getComputedStyle(el); var r = el.getBoundingClientRect();
    return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0; }
  var frame = map.getContainer().getBoundingClientRect();
  var out = {labels: [], pins: [], legend: [], control: [], checked: [], view: null, size: null};
  document.querySelectorAll(".geomap-label").forEach(function (el) {
    out.labels.push({text: el.textContent, shown: shown(el), box: box(el)});
  });
  map.eachLayer(function (layer) {
    if (layer instanceof L.CircleMarker) {
      var p = map.latLngToContainerPoint(layer.getLatLng()), r = layer.getRadius();
      out.pins.push({lat: layer.getLatLng().lat, lon: layer.getLatLng().lng,
                     box: [frame.left + p.x - r, frame.top + p.y - r, frame.left + p.x + r, frame.top + p.y + r]});
    }
  });
  document.querySelectorAll(".geomap-legend-row .geomap-legend-name").forEach(function (el) {
    out.legend.push(el.textContent.trim()); });
  document.querySelectorAll(".leaflet-control-layers-overlays label span span, .leaflet-control-layers-overlays label > span")
    .forEach(function (el) { if (!el.querySelector("span")) out.control.push(el.textContent.trim()); });
  var b = map.getBounds();
  out.view = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
  out.size = [window.innerWidth, window.innerHeight];
  out.legend_open = document.querySelector(".geomap-legend").open;
  var inset = document.querySelector(".geomap-inset-box");
  out.inset_open = inset ? inset.open : null;
  var control = document.querySelector(".leaflet-control-layers");
  out.control_expanded = control.classList.contains("leaflet-control-layers-expanded");
  out.buttons_shown = Array.from(document.querySelectorAll(
      ".leaflet-control-zoom, .leaflet-control-layers, input")).filter(shown).length;
  out.title_shown = shown(document.querySelector(".geomap-title"));
  out.legend_font = parseFloat(getComputedStyle(document.querySelector(".geomap-legend")).fontSize);
  out.legend_box = box(document.querySelector(".geomap-legend"));
  // a legend row toggles its layer: click the first, read the control's checkbox
  var row = document.querySelector(".geomap-legend-row");
  if (row && window.__click) {
    function input() { return document.querySelector(".leaflet-control-layers-overlays input").checked; }
    out.checked.push(input());
    row.click(); out.checked.push(input(), row.classList.contains("geomap-off"));
    row.click(); out.checked.push(input());
  }
  document.body.setAttribute("data-probe", JSON.stringify(out));
}, 400); });
</script>"""


def look(page: str, size=(1400, 900), fragment: str = "", click: bool = False) -> dict:
    probe = PROBE if not click else "<script>window.__click = true;</script>" + PROBE
    result = dump_dom(page.replace("</body>", probe + "</body>", 1), window_size=size, fragment=fragment)
    found = re.search(r'data-probe="([^"]*)"', result.stdout)
    assert found, f"the page never finished loading: {result.stderr[-500:]}"
    return json.loads(html.unescape(found.group(1)))


def overlap(a, b, slack: float = 0.5) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


@pytest.fixture(scope="module")
def seed(mapper):
    return mapper.geoparse_file(SEED)


@pytest.fixture(scope="module")
def crowded(mapper):
    return mapper.geoparse_file(CROWDED)


@pytest.fixture(scope="module")
def seed_view(seed, gazetteer):
    return look(map_html(seed, gazetteer=gazetteer), click=True)


@pytest.fixture(scope="module")
def crowded_view(crowded, gazetteer):
    return look(map_html(crowded, gazetteer=gazetteer))


def test_the_crowded_story_has_25_towns(crowded):
    towns = [p for p in crowded.places if p.kind == "city" and p.country_code == "SY"]
    assert len(towns) == 25


def test_labels_carry_the_articles_spellings(seed_view):
    shown = {label["text"] for label in seed_view["labels"] if label["shown"]}
    every = {label["text"] for label in seed_view["labels"]}
    assert {"Morek", "Hama"} <= shown
    assert not every & {"Mūrak", "Ḩamāh", "LONDON"}
    assert "London" in every            # the dateline, named as the gazetteer writes it


def test_crowded_labels_carry_the_articles_spellings(crowded_view):
    every = {label["text"] for label in crowded_view["labels"]}
    assert {"Khan Sheikhoun", "Jisr al-Shughour", "Kafr Nubl", "Maarrat an Numan"} <= every
    assert not every & {"Khān Shaykhūn", "Jisr ash Shughūr", "Kafranbel"}


@pytest.mark.parametrize("which", ["seed_view", "crowded_view"])
def test_no_two_visible_labels_overlap_nor_cover_a_pin(which, request):
    view = request.getfixturevalue(which)
    shown = [label for label in view["labels"] if label["shown"]]
    assert shown
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            assert not overlap(a["box"], b["box"]), f"{a['text']} overlaps {b['text']}"
        for pin in view["pins"]:
            assert not overlap(a["box"], pin["box"], slack=1.0), f"{a['text']} covers a pin at {pin['lat']:.3f}"


def test_a_crowded_map_still_names_most_of_its_towns(crowded_view):
    shown = [label for label in crowded_view["labels"] if label["shown"]]
    assert len(shown) >= 18, [label["text"] for label in crowded_view["labels"] if not label["shown"]]


def test_a_label_that_cannot_fit_stays_in_its_pins_tooltip(crowded, gazetteer, crowded_view):
    page = map_html(crowded, gazetteer=gazetteer)
    for label in crowded_view["labels"]:
        if not label["shown"]:
            assert f'bindTooltip({json.dumps(label["text"])[:-1]}' in page.replace("\\u00b7", "·") or \
                json.dumps(label["text"])[1:-1] in page


@pytest.mark.parametrize("which", ["seed_view", "crowded_view"])
def test_legend_rows_are_the_layer_control_entries(which, request):
    view = request.getfixturevalue(which)
    assert view["legend"] and view["legend"] == view["control"]


def test_every_legend_row_toggles_its_layer(seed_view):
    # checked before; unchecked and greyed after a click; checked again after another
    assert seed_view["checked"] == [True, False, True, True]


def test_the_view_holds_the_story_not_a_far_away_doubtful_place(crowded, gazetteer):
    mention = Mention("Paris", 0, 5, "literal", "Paris was hit too.", 0)
    planted = Place("geonames:2988507", "Paris", "city", 48.853, 2.349, "FR", 2988507, 2_138_551, 0.41,
                    [mention], [Role("strike", "strike area", "Paris was hit too.", 0, 5)])
    story = dataclasses.replace(crowded, places=[*crowded.places, planted])
    view = look(map_html(story, gazetteer=gazetteer))
    south, west, north, east = view["view"]
    where = [p for p in crowded.places if not p.doubtful and any(r.name == "strike" for r in p.roles)
             and p.kind == "city"]
    assert len(where) >= 24
    for place in where:
        assert south <= place.latitude <= north and west <= place.longitude <= east, place.name
    assert not (south <= planted.latitude <= north and west <= planted.longitude <= east)
    assert "Paris ?" in {label["text"] for label in view["labels"]}   # drawn, as doubtful


def test_a_600x400_embed_shows_the_story_with_its_panels_folded(seed, gazetteer):
    view = look(map_html(seed, gazetteer=gazetteer), size=(600, 400))
    assert view["size"][0] == 600 and view["size"][1] <= 400   # the window, less its frame
    assert not view["legend_open"] and not view["inset_open"] and not view["control_expanded"]
    for name in ("Morek", "Hama"):
        place = next(p for p in seed.places if name in {m.text for m in p.mentions})
        pin = next(p for p in view["pins"] if abs(p["lat"] - place.latitude) < 1e-3)
        assert 0 <= pin["box"][0] and pin["box"][2] <= 600 and 0 <= pin["box"][1] and pin["box"][3] <= 400
    assert {"Morek", "Hama"} <= {label["text"] for label in view["labels"] if label["shown"]}


def test_a_picture_has_no_buttons_a_title_and_a_legend_scaled_to_it(seed, gazetteer):
    page = map_html(seed, gazetteer=gazetteer)
    small = look(page, size=(1400, 900), fragment="#static")
    large = look(page, size=(2800, 1800), fragment="#static")
    for view in (small, large):
        assert view["buttons_shown"] == 0 and view["title_shown"] and view["legend_open"]
    assert large["legend_font"] >= 1.8 * small["legend_font"]
    width = lambda view: view["legend_box"][2] - view["legend_box"][0]   # noqa: E731
    assert width(large) / 2800 == pytest.approx(width(small) / 1400, rel=0.15)
