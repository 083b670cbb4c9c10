"""Article text and file names are untrusted input: every payload comes out of
every output inert and verbatim (docs/security.md).

Each payload is put in an article's headline and at the start of a sentence
that names a place, so it reaches the map's title and popups, the fragment,
the GeoJSON evidence, the CSV evidence cell and the terminal table.
"""

import csv
import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chromium import CHROMIUM, dump_dom
from geomap import embed_fragment, map_html, to_csv, to_geojson, to_table

PAYLOADS = {
    "jinja expression": "{{ 7*7 }}",
    "jinja statement": "{% if true %}yes{% endif %}",
    "jinja comment": "{# hidden #}",
    "jinja opener alone": "{{ {% {#",
    "jinja code execution": "{{ cycler.__init__.__globals__.os.popen('touch /tmp/geomap-pwned').read() }}",
    "script tag": "<script>alert(1)</script>",
    "closing script": "</script><script>alert(2)</script>",
    "event handler": "\"'><img src=x onerror=alert(3)>",
    "template literal": "`${alert(4)}`",
    "javascript url": "javascript:alert(5)",
    "spreadsheet formula": "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "spreadsheet plus": "+1+cmd|' /C calc'!A0",
    "spreadsheet at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "terminal escape": "\x1b[31mRED\x1b]0;title\x07",
}


def article_with(payload: str) -> str:
    return f"{payload} headline\n\n{payload} Rebels shelled Aleppo on Monday, officials said.\n"


@pytest.fixture(scope="module")
def stories(mapper):
    return {name: mapper.geoparse(article_with(payload)) for name, payload in PAYLOADS.items()}


def popups(page: str) -> list[str]:
    """The popup HTML of every bound layer, as the browser receives it."""
    found = re.findall(r"\.bindPopup\((\"(?:[^\"\\]|\\.)*\")", page)
    return [json.loads(text) for text in found]


def visible(markup: str) -> str:
    """What a browser shows of some HTML: tags dropped, references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("name", PAYLOADS)
def test_the_map_holds_no_template_tag_whatever_the_article_says(stories, name):
    page = map_html(stories[name])
    assert not re.search(r"\{\{|\{%|\{#", page)
    assert not Path("/tmp/geomap-pwned").exists()


@pytest.mark.parametrize("name", PAYLOADS)
def test_the_map_title_shows_the_headline_verbatim(stories, name):
    page = map_html(stories[name])
    title = re.search(r'<div class="geomap-headline">(.*?)</div>', page, re.S).group(1)
    assert visible(title) == stories[name].article.headline


@pytest.mark.parametrize("name", PAYLOADS)
def test_popups_quote_the_sentence_verbatim(stories, name):
    payload = " ".join(PAYLOADS[name].split())
    shown = [visible(popup) for popup in popups(map_html(stories[name]))]
    assert any(payload in text for text in shown)


@pytest.mark.parametrize("name", PAYLOADS)
def test_html_payloads_never_reach_the_page_as_markup(stories, name):
    page = map_html(stories[name])
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "</script><script>alert(2)" not in page


@pytest.mark.parametrize("name", ["script tag", "jinja expression", "event handler"])
def test_the_fragment_carries_the_page_escaped_in_its_srcdoc(stories, name):
    fragment = embed_fragment(stories[name])
    srcdoc = re.search(r'srcdoc="([^"]*)"', fragment).group(1)
    assert "<" not in srcdoc                       # the whole page is one attribute value
    assert not re.search(r"\{\{|\{%|\{#", html.unescape(srcdoc))
    assert "<script>alert" not in fragment.replace(srcdoc, "")


@pytest.mark.parametrize("name", PAYLOADS)
def test_geojson_keeps_the_evidence_verbatim(stories, name):
    data = json.loads(json.dumps(to_geojson(stories[name])))
    evidence = [r["evidence"] for f in data["features"] if f["properties"]["feature"] == "place"
                for r in f["properties"]["role_evidence"]]
    assert any(PAYLOADS[name] in text for text in evidence)


@pytest.mark.parametrize("name", ["spreadsheet formula", "spreadsheet plus", "spreadsheet at"])
def test_csv_cells_that_would_be_formulas_are_neutralised(stories, name):
    rows = list(csv.DictReader(io.StringIO(to_csv(stories[name]))))
    aleppo = next(row for row in rows if row["name"] == "Aleppo")
    assert aleppo["evidence"].startswith("'" + PAYLOADS[name])


def test_csv_neutralises_a_leading_minus_too(mapper):
    rows = list(csv.DictReader(io.StringIO(to_csv(mapper.geoparse("-2+3 Rebels shelled Aleppo.\n")))))
    assert rows[0]["evidence"].startswith("'-2+3")


def test_csv_keeps_numbers_as_numbers(stories):
    rows = list(csv.DictReader(io.StringIO(to_csv(stories["spreadsheet formula"]))))
    assert all(not row["lat"].startswith("'") for row in rows)


def test_the_terminal_table_carries_no_control_character(stories):
    table = to_table(stories["terminal escape"])
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", table)
    assert "[31mRED" in table


def test_index_page_links_stay_relative_whatever_the_file_name(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "javascript:alert(1).txt").write_text("Rebels shelled Aleppo.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "geomap", "build", seeds, "-o", tmp_path / "maps",
                             "--quiet"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "maps" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*)"', page)
    assert links and all(link.startswith("./") and ":" not in link for link in links)




@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_in_the_browser_every_payload_is_text_and_nothing_runs(mapper):
    payloads = " ".join(PAYLOADS.values())
    headline = " ".join(PAYLOADS[name] for name in ("jinja expression", "script tag", "event handler",
                                                    "template literal"))
    story = mapper.geoparse(f"{headline}\n\nRebels shelled Aleppo. {payloads} Hama was hit too.\n")
    probe = """<script>window.__alerts = []; window.alert = function (m) { window.__alerts.push(m); };
    window.addEventListener("load", function () {
      var title = document.querySelector(".geomap-headline").textContent;
      document.body.setAttribute("data-probe", JSON.stringify({alerts: window.__alerts, title: title,
        images: document.querySelectorAll('img[src="x"]').length}));
    });</script>"""
    result = dump_dom(map_html(story).replace("<head>", "<head>" + probe, 1))
    found = re.search(r'data-probe="([^"]*)"', result.stdout)
    assert found, result.stderr[-500:]
    probe = json.loads(html.unescape(found.group(1)))
    assert probe["alerts"] == [] and probe["images"] == 0
    assert probe["title"] == headline
