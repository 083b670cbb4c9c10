"""Stage 6 (map half): a story as a folium map, an embeddable fragment, a PNG.

The map is meant to be read offline and pasted into reports:

* self-contained by default: Leaflet is inlined from the ``xstatic-leaflet``
  package and nothing else is loaded, so the page works air-gapped; the
  basemap is Natural Earth country outlines and names from the gazetteer,
  with OpenStreetMap tiles as a switchable (online) layer;
* deterministic: folium's random element ids are replaced by stable ones, so
  the same story gives byte-identical HTML and diffs of ``maps/`` are readable;
* safe: article text is data, never template source. branca compiles the
  output of every element's macro as a new Jinja template (a second pass),
  so text holding ``{{ ... }}`` would run. geomap's own elements therefore
  render once (:class:`_Raw`, :class:`_RenderedOnce`), and every piece of
  text that reaches the page goes through :func:`_text`: HTML-escaped, with
  braces as character references, so no pass can read a template tag in it.
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import box

from . import shapes
from .export import rounded_geometry
from .lexicon import load, role_lexicon
from .model import Place, Shape, Story

ROLE_ORDER = role_lexicon()["order"]
ROLE_LABELS = {key: spec["label"] for key, spec in role_lexicon()["roles"].items()}
STYLES = load("styles")
#: Roles that say where the story happens: the view is fitted to these. The
#: dateline and actors may be far away (London, Moscow): a locator inset
#: shows every place, with the main view outlined on it.
WHERE_ROLES = {"strike", "not_targeted", "zone", "position", "border", "mention"}
CREDITS = ("Places: <a href=\"https://www.geonames.org/\">GeoNames</a> (CC BY 4.0) · "
           "Borders: <a href=\"https://www.naturalearthdata.com/\">Natural Earth</a> (public domain)")
OSM_CREDIT = "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"
#: Places named on the map beside their pin; the others are named on hover.
NAMED_ON_MAP = ("city", "airport")
#: Places that stand for an area: drawn with a larger pin.
AREA_KINDS = ("country", "group", "region", "admin1", "admin2", "water", "landform", "island")
#: Towns closer than this (degrees) have their names on opposite sides.
LABEL_CLASH_DEGREES = 0.5
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PNG_TIMEOUT_SECONDS = 60
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--hide-scrollbars"]


def _rank(role: str) -> int:
    """A role's place in roles.toml's display order; roles missing from it come last."""
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def _roles_in_order(roles) -> list[str]:
    return sorted(set(roles), key=lambda r: (_rank(r), r))


# -- public API -------------------------------------------------------------------
def render_map(story: Story, *, self_contained: bool = True, gazetteer=None) -> folium.Map:
    """The interactive map of a story, as a folium object to adjust or save."""
    if gazetteer is None:
        from gazetteer import Gazetteer
        gazetteer = Gazetteer()
    bounds = _story_bounds(story)
    fmap = folium.Map(location=_centre(bounds), zoom_start=5 if bounds is not None else 2,   # world
                      tiles=None, control_scale=True, prefer_canvas=False)
    if self_contained:
        fmap.default_js, fmap.default_css = [], []
        fmap.get_root().header.add_child(_Raw(_inline_leaflet()), name="leaflet")
    fmap.get_root().header.add_child(_Raw(f"<style>{_page_css()}</style>"), name="geomap_css")
    countries = _add_basemap(fmap, story, bounds, gazetteer)
    _add_story_layers(fmap, story)
    if story.places:
        fmap.get_root().html.add_child(_Raw('<div id="geomap-inset" class="geomap-inset"></div>'),
                                       name="geomap_inset")
        _Inset(countries, story).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    fmap.get_root().html.add_child(_Raw(_title_block(story)), name="geomap_title")
    fmap.get_root().html.add_child(_Raw(_legend(story)), name="geomap_legend")
    _Credits().add_to(fmap)
    if bounds is not None:
        fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], padding=(30, 30))
    _stable_ids(fmap.get_root())
    return fmap


def map_html(story: Story, *, self_contained: bool = True, gazetteer=None) -> str:
    """The map as a complete HTML page."""
    page = render_map(story, self_contained=self_contained, gazetteer=gazetteer).get_root().render()
    return page if page.endswith("\n") else page + "\n"


def embed_fragment(story: Story, gazetteer=None) -> str:
    """A fragment to paste into a report page: the self-contained map in an
    ``iframe srcdoc`` (the way folium shows maps in notebooks), so its
    scripts and styles cannot clash with the page's, and a caption."""
    page = map_html(story, gazetteer=gazetteer)
    caption = _text(story.article.headline or "geomap")
    return (f'<figure class="geomap-embed" style="margin:0">\n'
            f'<iframe srcdoc="{html.escape(page, quote=True)}" title="{caption}" '
            f'style="width:100%;height:600px;border:1px solid #ccc" loading="lazy" '
            f'sandbox="allow-scripts"></iframe>\n'
            f'<figcaption style="font:12px sans-serif;color:#555">{caption}. {CREDITS}.</figcaption>\n'
            f'</figure>\n')


def iframe_snippet(map_url: str) -> str:
    """An iframe pointing at a published map page."""
    return (f'<iframe src="{html.escape(map_url, quote=True)}" style="width:100%;height:600px;'
            f'border:1px solid #ccc" loading="lazy" title="geomap"></iframe>')


class PngError(Exception):
    """chromium failed, timed out or wrote no valid picture; one line."""


def save_png(html_path, png_path, *, width: int = 1400, height: int = 900,
             timeout: float = PNG_TIMEOUT_SECONDS) -> Path:
    """A static picture of a map page, made offline by headless chromium.

    The picture is written beside ``png_path`` under a temporary name,
    checked (a complete PNG of the asked size: a full disk or a crashed
    browser leaves a truncated one) and only then renamed into place.
    """
    from .output import check_output_path, temporary_path

    browser = next((shutil.which(name) for name in CHROMIUM_NAMES if shutil.which(name)), None)
    if browser is None:
        raise FileNotFoundError("chromium not found: install it (apt-get install chromium) to make PNGs")
    png_path = check_output_path(png_path)
    png_path.parent.mkdir(parents=True, exist_ok=True)
    scratch = temporary_path(png_path, suffix=".png")
    try:
        with tempfile.TemporaryDirectory() as profile:
            try:
                done = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                       f"--window-size={width},{height}", "--virtual-time-budget=5000",
                                       f"--screenshot={scratch}", Path(html_path).resolve().as_uri()],
                                      capture_output=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise PngError(f"chromium did not finish the picture within {timeout:g} s") from None
        if done.returncode != 0:
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1][:200]
            raise PngError(f"chromium failed with exit code {done.returncode}: {last}")
        _check_png(scratch, width, height)
        os.chmod(scratch, 0o644)
        check_output_path(png_path)
        os.replace(scratch, png_path)
    finally:
        scratch.unlink(missing_ok=True)
    return png_path


def _check_png(path: Path, width: int, height: int) -> None:
    """A complete PNG of ``width`` x ``height``: signature, header, and every
    chunk present up to IEND (a truncated file fails the walk)."""
    data = path.read_bytes()
    if len(data) < 33 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise PngError(f"chromium wrote no valid PNG ({len(data)} bytes)")
    size = struct.unpack(">II", data[16:24])
    if size != (width, height):
        raise PngError(f"chromium wrote a {size[0]}x{size[1]} picture, not {width}x{height}")
    offset = 8
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        offset += 12 + length
        if kind == b"IEND":
            if offset <= len(data):
                return
            break
    raise PngError("chromium wrote an incomplete PNG (disk full?)")


# -- layers --------------------------------------------------------------------------
def _add_basemap(fmap, story: Story, bounds, gazetteer) -> None:
    """Natural Earth outlines and names: the map means something with no tiles."""
    style = STYLES["basemap"]
    margin = style["margin_degrees"]
    west, south, east, north = bounds or (-180, -60, 180, 80)
    view = box(west - margin, max(-90, south - margin), east + margin, min(90, north + margin))
    base = folium.FeatureGroup(name="Natural Earth (offline)", overlay=False, control=True)
    story_view = box(west, south, east, north)
    story_countries = {p.country_code for p in story.places}
    features, labels = [], []
    for code in gazetteer.country_codes():
        country = gazetteer.country(code)
        if country is None or country.geometry is None or not country.geometry.intersects(view):
            continue
        outline = shapes.simplify_km(country.geometry, style["simplify_km"])
        features.append({"type": "Feature", "properties": {"name": country.name},
                         "geometry": rounded_geometry(outline, 3)})
        # names for the story's countries and the larger ones in view: small
        # states' names would only pile up on each other
        if code in story_countries or (country.geometry.area >= style["label_min_area"]
                                       and story_view.buffer(style["label_margin_degrees"])
                                       .contains(country.geometry.representative_point())):
            labels.append((country.name, country.latitude, country.longitude))
    countries = folium.GeoJson({"type": "FeatureCollection", "features": features}, name="countries",
                               style_function=lambda _: {"color": style["border"], "weight": 0.8,
                                                         "fillColor": style["land"], "fillOpacity": 1},
                               interactive=False, control=False)
    countries.add_to(base)
    for name, lat, lon in sorted(labels):
        folium.Marker([lat, lon], interactive=False, icon=folium.DivIcon(
            html=f'<div class="geomap-country">{_text(name)}</div>',
            icon_size=(120, 14), icon_anchor=(60, 7), class_name="geomap-country-icon")).add_to(base)
    base.add_to(fmap)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", attr=OSM_CREDIT, overlay=False,
                     show=False, control=True).add_to(fmap)
    return countries


def _add_story_layers(fmap, story: Story) -> None:
    """One layer per role: its areas and routes, and the places whose main role it is."""
    groups: dict[str, folium.FeatureGroup] = {}

    def layer(role: str) -> folium.FeatureGroup:
        if role not in groups:
            groups[role] = folium.FeatureGroup(name=_text(_role_title(story, role)))
        return groups[role]

    for shape in sorted(story.shapes, key=lambda s: _rank(s.role)):
        _add_shape(layer(shape.role), shape, story)
    for place in story.places:
        _add_marker(layer(_main_role(place)), place, _label_side(place, story.places))
    for role in _roles_in_order(groups):
        groups[role].add_to(fmap)


def _role_title(story: Story, role: str) -> str:
    """A role as the layer control and legend name it: a zone by its groups."""
    labels = sorted({s.label for s in story.shapes if s.role == role}) if role == "zone" else []
    return "; ".join(labels) if labels else ROLE_LABELS.get(role, role)


def _add_shape(group, shape: Shape, story: Story) -> None:
    style = STYLES["roles"].get(shape.role, {})
    color = style.get("color", "#333333")
    popup, tooltip = _shape_popup(shape, story), _text(shape.label)
    if shape.geometry.geom_type in ("LineString", "MultiLineString"):
        for line in getattr(shape.geometry, "geoms", [shape.geometry]):
            points = [(round(y, 4), round(x, 4)) for x, y in line.coords]
            polyline = folium.PolyLine(points, color=color, weight=style.get("weight", 3), opacity=0.95,
                                       dash_array=style.get("dash"))
            _Bind(popup, tooltip).add_to(polyline)
            polyline.add_to(group)
            folium.Polygon(_arrowhead(line.coords), color=color, weight=1, fill=True, fill_color=color,
                           fill_opacity=0.95, interactive=False).add_to(group)
        return
    outline = shapes.simplify_km(shape.geometry, 0.5)
    geojson = folium.GeoJson(
        {"type": "Feature", "properties": {"label": _text(shape.label)}, "geometry": rounded_geometry(outline, 4)},
        style_function=lambda _: {"color": color, "weight": style.get("weight", 1.5),
                                  "fillColor": color, "fillOpacity": style.get("fill_opacity", 0.25),
                                  "dashArray": style.get("dash")})
    _Bind(popup, tooltip).add_to(geojson)
    geojson.add_to(group)


def _label_side(place: Place, places: list[Place]) -> str:
    """Names go right of their dot, but left when a town close by to the east
    would put its name on top (two towns 30 km apart at this zoom)."""
    for other in places:
        if other is not place and other.kind in NAMED_ON_MAP and other.longitude > place.longitude \
                and abs(other.latitude - place.latitude) < LABEL_CLASH_DEGREES \
                and other.longitude - place.longitude < 4 * LABEL_CLASH_DEGREES:
            return "left"
    return "right"


def _add_marker(group, place: Place, label_side: str = "right") -> None:
    role = _main_role(place)
    style = STYLES["roles"].get(role, {})
    color = style.get("color", "#333333")
    radius = STYLES["markers"]["radius"] + (2 if place.kind in AREA_KINDS else 0)
    # towns and airports are named on the map (several often sit close
    # together); areas are large or carry the basemap's label: theirs shows on hover
    doubt = " ?" if place.doubtful else ""
    if place.kind in NAMED_ON_MAP and style.get("marker") != "square":
        binding = _Bind(_place_popup(place), _text(place.name + doubt), permanent=label_side)
    else:
        binding = _Bind(_place_popup(place), _text(f"{place.name}{doubt} · {', '.join(place.role_names)}"))
    location = [round(place.latitude, 5), round(place.longitude, 5)]
    if style.get("marker") == "square":
        marker = folium.Marker(location, icon=folium.DivIcon(
            html=f'<div class="geomap-dateline" style="background:{color}"></div>'
                 f'<div class="geomap-place-label">{_text(place.name)}</div>',
            icon_size=(14, 14), icon_anchor=(7, 7), class_name="geomap-marker"))
    else:
        ring = style.get("marker") == "ring"
        marker = folium.CircleMarker(location, radius=radius, color=color, weight=4 if ring else 1.5,
                                     fill=True, fill_color="#ffffff" if ring else color,
                                     fill_opacity=0.9)
    binding.add_to(marker)
    marker.add_to(group)


def _main_role(place: Place) -> str:
    names = [r.name for r in place.roles] or ["mention"]
    return min(names, key=_rank)


# -- popups, title, legend -------------------------------------------------------------
def _place_popup(place: Place) -> str:
    where = f"{place.kind}, {place.country_code}" if place.country_code else place.kind
    lines = [f"<div class='geomap-popup'><b>{_text(place.name)}</b> "
             f"<span class='geomap-meta'>({_text(where)}; {place.latitude:.3f}, "
             f"{place.longitude:.3f}; confidence {place.confidence:.2f})</span>"]
    if place.doubtful:
        lines.append("<p class='geomap-doubtful'>Doubtful: geomap is unsure this is the place meant.</p>")
    if place.host:
        lines.append(f"<p class='geomap-meta'>Drawn at {_text(place.host)}'s point: the gazetteer "
                     f"does not know where in {_text(place.host)} it lies.</p>")
    names = sorted({m.text for m in place.mentions}, key=len, reverse=True)
    seen = set()
    for role in place.roles:
        if (role.label, role.start) in seen:
            continue
        seen.add((role.label, role.start))
        lines.append(f"<p><span class='geomap-role'>{_text(role.label)}</span> "
                     f"<q>{_highlight(role.evidence, names)}</q></p>")
    mention_types = sorted({m.type for m in place.mentions})
    lines.append(f"<p class='geomap-meta'>written as: "
                 f"{_text(', '.join(sorted({m.text for m in place.mentions})))}"
                 f" ({_text(', '.join(mention_types))})</p></div>")
    return "".join(lines)


def _shape_popup(shape: Shape, story: Story) -> str:
    names = sorted({m.text for p in story.places if p.id in shape.places for m in p.mentions},
                   key=len, reverse=True)
    return (f"<div class='geomap-popup'><b>{_text(shape.label)}</b>"
            f"<p><q>{_highlight(shape.evidence, names)}</q></p></div>")


def _highlight(sentence: str, names: list[str]) -> str:
    """The sentence, escaped, with the place's names in <mark>."""
    text = " ".join(sentence.split())
    if not names:
        return _text(text)
    pattern = re.compile("|".join(re.escape(n) for n in names))
    out, cursor = [], 0
    for match in pattern.finditer(text):
        out.append(_text(text[cursor:match.start()]))
        out.append(f"<mark>{_text(match.group(0))}</mark>")
        cursor = match.end()
    out.append(_text(text[cursor:]))
    return "".join(out)


def _title_block(story: Story) -> str:
    article = story.article
    headline = _text(article.headline or (Path(article.path).stem if article.path else "geomap"))
    facts = []
    dateline = next((p for p in story.places if any(r.name == "dateline" for r in p.roles)), None)
    if dateline is not None:
        facts.append(f"Dateline: {_text(dateline.name)}, {_text(dateline.country_code or '')}")
    elif article.dateline:
        facts.append(f"Dateline: {_text(article.dateline)}")
    if article.dates:
        facts.append(_text(", ".join(article.dates[:2])))
    facts.append(f"{len(story.places)} places, {len(story.shapes)} areas and routes")
    return (f'<div class="geomap-title"><div class="geomap-headline">{headline}</div>'
            f'<div class="geomap-meta">{" · ".join(facts)}</div></div>')


def _legend(story: Story) -> str:
    present = {s.role for s in story.shapes} | {r.name for p in story.places for r in p.roles}
    rows = []
    for role in _roles_in_order(present):
        style = STYLES["roles"].get(role, {})
        color = style.get("color", "#333")
        if role == "supply_route":
            swatch = f"<span class='geomap-swatch-line' style='border-top:3px dashed {color}'></span>"
        elif style.get("fill_opacity"):
            swatch = (f"<span class='geomap-swatch' style='background:{color}55;"
                      f"border:1.5px solid {color}'></span>")
        elif "fill_opacity" in style:
            swatch = f"<span class='geomap-swatch' style='border:2px dashed {color}'></span>"
        elif style.get("marker") == "square":
            swatch = f"<span class='geomap-swatch' style='background:{color}'></span>"
        elif style.get("marker") == "ring":
            swatch = f"<span class='geomap-swatch geomap-round' style='border:3px solid {color}'></span>"
        else:
            swatch = f"<span class='geomap-swatch geomap-round' style='background:{color}'></span>"
        rows.append(f"<div>{swatch}{_text(_role_title(story, role))}</div>")
    return (f'<div class="geomap-legend"><div class="geomap-legend-title">Role in the story</div>'
            f'{"".join(rows)}<div class="geomap-credit">{CREDITS}</div></div>')


def _text(value) -> str:
    """Text for the page: HTML-escaped, with ``{`` and ``}`` as character
    references. Browsers show the same characters; no Jinja pass can find a
    ``{{``, ``{%`` or ``{#`` in it, whichever template it passes through."""
    return html.escape(str(value)).replace("{", "&#123;").replace("}", "&#125;")


class _Raw(Element):
    """Finished HTML added to the page as it is: never compiled as a
    template (``Element(html)`` would compile it)."""

    def __init__(self, markup: str):
        super().__init__()
        self.markup = markup

    def render(self, **kwargs) -> str:
        return self.markup


class _RenderedOnce(MacroElement):
    """A macro element whose script macro is rendered once, with its data
    passed as variables. branca's ``MacroElement.render`` wraps the macro's
    output in ``Element(...)``, which compiles it as a second template."""

    def render(self, **kwargs) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_Raw(script(self, kwargs)), name=self.get_name())


class _Bind(_RenderedOnce):
    """A popup and a tooltip for the parent layer, passed to Leaflet as JSON
    strings. (folium's own Popup and Tooltip put their HTML in a JavaScript
    template literal, where article text holding a backtick or "${" would
    run as code, and need jQuery.) The HTML is built from escaped text."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.popup|tojson }}, {maxWidth: 440});
        {{ this._parent.get_name() }}.bindTooltip({{ this.tooltip|tojson }}, {{ this.options|tojson }});
    {% endmacro %}""")

    def __init__(self, popup: str, tooltip: str, permanent: str | None = None):
        """``permanent``: the side ("left", "right") of a tooltip always shown."""
        super().__init__()
        self._name = "Bind"
        self.popup, self.tooltip = popup, tooltip
        self.options = ({"permanent": True, "direction": permanent, "className": "geomap-place-name"}
                        if permanent else {"sticky": True})


class _Inset(_RenderedOnce):
    """A locator map: the country outlines already on the page, every place
    of the story as a dot, and the main map's view as a rectangle."""

    _template = Template("""{% macro script(this, kwargs) %}
        (function () {
            var main = {{ this._parent.get_name() }};
            var inset = L.map("geomap-inset", {zoomControl: false, attributionControl: false,
                dragging: false, scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false,
                keyboard: false, touchZoom: false});
            inset.fitBounds({{ this.bounds|tojson }}, {padding: [8, 8]});   // a view before any layer
            L.geoJSON({{ this.countries.get_name() }}.toGeoJSON(), {interactive: false,
                style: {color: {{ this.border|tojson }}, weight: 0.5, fillColor: {{ this.land|tojson }},
                        fillOpacity: 1}}).addTo(inset);
            {{ this.points|tojson }}.forEach(function (p) {
                var dot = L.circleMarker([p[0], p[1]], {radius: 3, weight: 1, color: p[2], fillColor: p[2],
                    fillOpacity: 1, interactive: false}).addTo(inset);
                if (p[3]) dot.bindTooltip(p[3], {permanent: true, direction: "right", className: "geomap-inset-label"});
            });
            var view = L.rectangle(main.getBounds(), {color: "#d7301f", weight: 1.5, fill: false,
                interactive: false}).addTo(inset);
            main.on("moveend", function () { view.setBounds(main.getBounds()); });
        })();
    {% endmacro %}""")

    def __init__(self, countries, story: Story):
        super().__init__()
        self._name = "Inset"
        self.countries = countries
        self.border, self.land = STYLES["basemap"]["border"], STYLES["basemap"]["land"]
        # the dateline is named: it is often the one place outside the main view
        self.points = [[round(p.latitude, 3), round(p.longitude, 3),
                        STYLES["roles"].get(_main_role(p), {}).get("color", "#333"),
                        _text(p.name) if _main_role(p) == "dateline" else ""]
                       for p in story.places]
        lats = [p[0] for p in self.points]
        lons = [p[1] for p in self.points]
        self.bounds = [[min(lats) - 2, min(lons) - 2], [max(lats) + 2, max(lons) + 2]]


class _Credits(_RenderedOnce):
    """Sources in Leaflet's attribution line, for every base layer."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.credits|tojson }});
    {% endmacro %}""")

    def __init__(self):
        super().__init__()
        self._name = "Credits"
        self.credits = CREDITS


# -- mechanics -------------------------------------------------------------------------
def _story_bounds(story: Story):
    """(west, south, east, north) of where the story happens: its areas,
    routes and the places with a 'where' role; all places if none has one."""
    geometries = [s.geometry for s in story.shapes]
    located = [p for p in story.places if {r.name for r in p.roles} & WHERE_ROLES
               or any(r.name == "supply_route" and r.extent is not None for r in p.roles)] or story.places
    points = [(p.longitude, p.latitude) for p in located]
    if not geometries and not points:
        return None
    xs, ys = [], []
    for geometry in geometries:
        west, south, east, north = geometry.bounds
        xs += [west, east]
        ys += [south, north]
    for lon, lat in points:
        xs.append(lon)
        ys.append(lat)
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    pad = 0.5 if (east - west) < 1 and (north - south) < 1 else 0
    return west - pad, south - pad, east + pad, north + pad


def _centre(bounds):
    if bounds is None:
        return [20, 0]
    return [(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2]


def _arrowhead(coords, size_km: float = 40.0):
    """A triangle at the end of a line, pointing along its last segment;
    never longer than a sixth of the line, so short routes keep their shape."""
    (x1, y1), (x2, y2) = coords[-2], coords[-1]
    kx = 111.32 * math.cos(math.radians(y2))
    dx, dy = (x2 - x1) * kx, (y2 - y1) * 110.57
    length = math.hypot(dx, dy) or 1.0
    line_km = sum(math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * 110.57) for a, b in zip(coords, coords[1:]))
    size_km = min(size_km, line_km / 6)
    ux, uy = dx / length, dy / length
    back = (-ux * size_km, -uy * size_km)
    side = (-uy * size_km * 0.5, ux * size_km * 0.5)
    corners = [(0, 0), (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])]
    return [(round(y2 + cy / 110.57, 4), round(x2 + cx / kx, 4)) for cx, cy in corners]


def _stable_ids(root) -> None:
    """Replace folium's random element ids with ids in tree order."""
    counter = 0

    def visit(element):
        nonlocal counter
        element._id = f"{counter:04d}"
        counter += 1
        for child in list(element._children.values()):
            visit(child)
        for part in ("header", "html", "script"):   # a Figure's or Popup's sections
            if isinstance(getattr(element, part, None), Element):
                visit(getattr(element, part))

    visit(root)


def _inline_leaflet() -> str:
    """Leaflet's JS and CSS from the xstatic-leaflet package, inline."""
    from xstatic.pkg import leaflet
    base = Path(leaflet.BASE_DIR)
    script = (base / "leaflet.js").read_text(encoding="utf-8")
    script = re.sub(r"//# sourceMappingURL=.*$", "", script, flags=re.MULTILINE)
    style = (base / "leaflet.css").read_text(encoding="utf-8")
    return f"<style>{style}</style>\n<script>{script}</script>"


def _page_css() -> str:
    sea = STYLES["basemap"]["sea"]
    label = STYLES["basemap"]["label"]
    return f"""
html, body {{ margin: 0; height: 100%; font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }}
.leaflet-container {{ background: {sea}; }}
.geomap-title {{ position: fixed; top: 10px; left: 54px; z-index: 1000; max-width: 46%;
  background: rgba(255,255,255,.94); padding: 8px 12px; border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,.3); }}
.geomap-headline {{ font-size: 16px; font-weight: 700; line-height: 1.25; }}
.geomap-meta {{ font-size: 12px; color: #555; }}
.geomap-legend {{ position: fixed; bottom: 58px; left: 10px; z-index: 1000; background: rgba(255,255,255,.94);
  padding: 8px 10px; border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,.3); font-size: 13px; line-height: 1.7; max-width: 340px; }}
.geomap-legend-title {{ font-weight: 700; margin-bottom: 2px; }}
.geomap-swatch {{ display: inline-block; width: 14px; height: 14px; margin-right: 7px; vertical-align: -2px; box-sizing: border-box; }}
.geomap-swatch-line {{ display: inline-block; width: 22px; margin-right: 7px; vertical-align: 3px; }}
.geomap-round {{ border-radius: 50%; }}
.geomap-credit {{ font-size: 10px; color: #777; margin-top: 4px; line-height: 1.3; }}
.geomap-country {{ font-size: 11px; letter-spacing: .06em; text-transform: uppercase; color: {label};
  text-align: center; white-space: nowrap; pointer-events: none; }}
.geomap-country-icon, .geomap-marker {{ background: none; border: none; }}
.geomap-dateline {{ width: 14px; height: 14px; border: 2px solid #fff; box-sizing: border-box; box-shadow: 0 0 3px #000; }}
.geomap-place-label {{ position: absolute; left: 16px; top: -2px; font-size: 12px; font-weight: 700; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; }}
.geomap-inset {{ position: fixed; bottom: 34px; right: 10px; z-index: 1000; width: 260px; height: 170px;
  border: 1px solid #999; box-shadow: 0 1px 5px rgba(0,0,0,.3); background: {sea}; }}
.geomap-inset-label {{ font-size: 10px; padding: 0 3px; }}
.geomap-place-name {{ font-size: 11px; font-weight: 600; padding: 0 4px; background: rgba(255,255,255,.85);
  border: none; box-shadow: none; }}
.geomap-place-name::before {{ display: none; }}
.geomap-popup q {{ display: block; margin: 4px 0; font-style: italic; }}
.geomap-popup mark {{ background: #ffe066; padding: 0 1px; }}
.geomap-doubtful {{ color: #a94400; font-weight: 600; }}
.geomap-role {{ font-weight: 700; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }}
"""
