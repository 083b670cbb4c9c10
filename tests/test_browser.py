"""The maps in a real browser: Debian's headless chromium, with no network.

Each page gets two small probes: one at the top of <head> that records
console errors, failed loads and alert() calls, and one at the end of <body>
that, once the page has loaded, writes what Leaflet built (per layer of the
layer control) into a DOM attribute that --dump-dom prints.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest

from chromium import CHROMIUM, dump_dom
from geomap import map_html

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium; .ci/run installs it)")
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_9d32f7770be8cbd3.txt"

RECORDER = """<script>
window.__errors = []; window.__alerts = [];
console.error = function () { window.__errors.push(Array.from(arguments).join(" ")); };
window.addEventListener("error", function (e) {
  window.__errors.push("error: " + (e.message || (e.target && (e.target.src || e.target.href))));
}, true);
window.alert = function (m) { window.__alerts.push(String(m)); };
</script>"""

SUMMARISER = """<script>
window.addEventListener("load", function () {
  var summary = {leaflet: typeof L !== "undefined", maps: 0, layers: {}, errors: window.__errors,
                 alerts: window.__alerts, requests: [], legend_visible: false, injected_images: 0};
  function count(layer, tally) {
    if (layer instanceof L.LayerGroup) { layer.eachLayer(function (l) { count(l, tally); }); return; }
    if (layer instanceof L.Polygon) tally.polygons++;
    else if (layer instanceof L.Polyline) tally.lines++;
    else if (layer instanceof L.CircleMarker || layer instanceof L.Marker) tally.markers++;
  }
  summary.maps = document.querySelectorAll(".leaflet-container .leaflet-map-pane").length;
  Object.keys(window).forEach(function (key) {
    var value = window[key];
    if (/^layer_control_.*_layers$/.test(key)) {
      Object.keys(value.overlays).forEach(function (name) {
        var tally = {markers: 0, polygons: 0, lines: 0};
        count(value.overlays[name], tally);
        summary.layers[name] = tally;
      });
    }
  });
  var legend = document.querySelector(".geomap-legend");
  summary.legend_visible = !!legend && legend.offsetHeight > 0 &&
      getComputedStyle(legend).display !== "none" && getComputedStyle(legend).visibility !== "hidden";
  summary.requests = performance.getEntriesByType("resource").map(function (r) { return r.name; });
  summary.injected_images = document.querySelectorAll('img[src="x"]').length;
  document.body.setAttribute("data-summary", JSON.stringify(summary));
});
</script>"""


def open_in_chromium(page: str) -> dict:
    page = page.replace("<head>", "<head>" + RECORDER, 1).replace("</body>", SUMMARISER + "</body>", 1)
    result = dump_dom(page)
    match = re.search(r'data-summary="([^"]*)"', result.stdout)
    assert match, f"the page never finished loading: {result.stderr[-500:]}"
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.fixture(scope="module")
def seed_map(mapper):
    return open_in_chromium(map_html(mapper.geoparse_file(SEED)))


def test_leaflet_initialises_the_map_and_its_locator_inset(seed_map):
    assert seed_map["leaflet"] and seed_map["maps"] == 2


def test_console_logs_no_error(seed_map):
    assert seed_map["errors"] == []


def test_the_page_requests_nothing(seed_map):
    assert seed_map["requests"] == []


def test_legend_is_visible(seed_map):
    assert seed_map["legend_visible"]


def test_zone_layer_draws_its_polygon(seed_map):
    assert seed_map["layers"]["Southern Front zone"]["polygons"] >= 1


def test_strike_layer_draws_areas_and_marks_places(seed_map):
    strike = seed_map["layers"]["strike area"]
    assert strike["polygons"] >= 2 and strike["markers"] >= 1


def test_supply_route_layer_draws_a_line_per_route(seed_map, mapper):
    story = mapper.geoparse_file(SEED)   # routes from Turkey, Jordan and the Gulf Arab states
    lines = sum(len(getattr(s.geometry, "geoms", [s.geometry])) for s in story.shapes if s.role == "supply_route")
    routes = seed_map["layers"]["supply route"]
    assert lines >= 3 and routes["lines"] == lines
    assert routes["polygons"] == lines   # an arrowhead on each


def test_dateline_and_actor_layers_mark_their_places(seed_map):
    assert seed_map["layers"]["dateline"]["markers"] == 1
    assert seed_map["layers"]["actor"]["markers"] == 2   # Russia, Moscow


def test_hostile_article_text_does_not_execute(mapper):
    story = mapper.geoparse(
        "Strikes hit Aleppo\n\nBEIRUT (Reuters) - Air strikes hit Aleppo <script>alert(1)</script> "
        "near the border with Turkey. \"><img src=x onerror=alert(1)> Rebels in Hama said `${alert(2)}` "
        "they would fight on.\n")
    summary = open_in_chromium(map_html(story))
    assert summary["maps"] == 2
    assert summary["alerts"] == [] and summary["injected_images"] == 0
    assert summary["errors"] == []


def test_png_command_writes_a_picture(tmp_path):
    import sys
    target = tmp_path / "seed.png"
    result = subprocess.run([sys.executable, "-m", "geomap", "png", str(SEED), "-o", str(target),
                             "--width", "800", "--height", "500"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["seed.png"]   # no temporary file left
