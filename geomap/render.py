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

What the reader sees (the rules, each in one function):

* names as the article writes them (:func:`shown_name`): labels, tooltips,
  the legend and the title say "Hama", not GeoNames's "Ḩamāh"; the popup
  gives the gazetteer's entry (name, division, country; kind, population);
* a view fitted to the story's main cluster (:func:`_story_bounds`), never
  to doubtful places or far-away outliers, which stay on the map and in the
  locator inset;
* town labels placed in the page after layout, at the current zoom, and
  again after every zoom, pan or layer switch (``_Labels``): each label
  tries right, left, above and below its pin and is dropped (its name stays
  in the pin's tooltip) when no side is free of other labels, pins and the
  map's panels;
* one legend row per layer of the layer control, each a toggle for it; the
  legend, layer control and inset fold away on small maps (an embed
  600x400), and a picture (``map.html#static``, what :func:`save_png`
  loads) has no buttons, with its text scaled to the picture.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import box

from . import shapes
from .export import rounded_geometry
from .lexicon import load, role_lexicon
from .model import DEMONYM, Place, Shape, Story

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
NAMED_ON_MAP = ("city", "airport", "facility")
#: Places that stand for an area: drawn with a larger pin.
AREA_KINDS = ("country", "group", "region", "admin1", "admin2", "water", "landform", "island")
#: The view's cluster: places farther from the median point of the story's
#: confident places than FIT_SPREAD times their median distance from it (and
#: than FIT_MIN_KM) are outliers: on the map and in the inset, not in the view.
FIT_MIN_KM = 100.0
FIT_SPREAD = 3.0
MIN_VIEW_DEGREES = 1.2
#: Maps smaller than this (CSS media query) fold the legend, layer control and inset.
SMALL_MAP = "(max-width: 720px), (max-height: 480px)"
DATA_CREDIT = ("Places: GeoNames (CC BY 4.0); borders: Natural Earth (public domain)")
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
def render_map(story: Story, *, self_contained: bool = True, gazetteer=None,
               assets: str | None = None) -> folium.Map:
    """The interactive map of a story, as a folium object to adjust or save.

    ``assets``: the (relative) URL of a folder :func:`write_assets` filled;
    the page then loads Leaflet and the world basemap from there instead of
    holding them (an atlas of many maps), and holds only its story."""
    if gazetteer is None:
        from gazetteer import Gazetteer
        gazetteer = Gazetteer()
    bounds = _story_bounds(story, gazetteer)
    fmap = folium.Map(location=_centre(bounds), zoom_start=5 if bounds is not None else 2,   # world
                      tiles=None, control_scale=True, prefer_canvas=False)
    if assets is not None:
        fmap.default_js, fmap.default_css = [], []
        base = html.escape(assets, quote=True)
        fmap.get_root().header.add_child(_Raw(
            f'<link rel="stylesheet" href="{base}leaflet.css"><script src="{base}leaflet.js"></script>'
            f'<script src="{base}{BASEMAP_ASSET}"></script>'), name="leaflet")
    elif self_contained:
        fmap.default_js, fmap.default_css = [], []
        fmap.get_root().header.add_child(_Raw(_inline_leaflet()), name="leaflet")
    fmap.get_root().header.add_child(_Raw(f"<style>{_page_css()}</style>{_STATIC_SWITCH}"),
                                     name="geomap_css")
    countries = _add_basemap(fmap, story, bounds, gazetteer, shared=assets is not None)
    groups, labelled = _add_story_layers(fmap, story, gazetteer)
    if story.places:
        fmap.get_root().html.add_child(_Raw(
            '<details class="geomap-inset-box geomap-fold" open><summary>Locator</summary>'
            '<div id="geomap-inset" class="geomap-inset"></div></details>'), name="geomap_inset")
        _Inset(countries, story).add_to(fmap)
    _LayerControl(position="topright").add_to(fmap)
    fmap.get_root().html.add_child(_Raw(_title_block(story)), name="geomap_title")
    fmap.get_root().html.add_child(_Raw(_legend(story, groups)), name="geomap_legend")
    _Credits().add_to(fmap)
    _Legend([group for _, group in groups]).add_to(fmap)
    if bounds is not None:
        _FitView([[bounds[1], bounds[0]], [bounds[3], bounds[2]]]).add_to(fmap)
    _Labels(labelled).add_to(fmap)
    _stable_ids(fmap.get_root())
    return fmap


def map_html(story: Story, *, self_contained: bool = True, gazetteer=None,
             assets: str | None = None) -> str:
    """The map as a complete HTML page (see :func:`render_map` for ``assets``)."""
    page = render_map(story, self_contained=self_contained, gazetteer=gazetteer,
                      assets=assets).get_root().render()
    return page if page.endswith("\n") else page + "\n"


def caption_text(story: Story) -> str:
    """A figure caption for a report: what the map shows, the source article,
    the data credits. Plain text (escape it for HTML: :func:`caption_html`)."""
    article = story.article
    headline = " ".join((article.headline or "").split())
    source = [f"\u201c{headline}\u201d" if headline else "an article"]
    details = []
    dateline = _dateline_place(story)
    if dateline is not None:
        details.append(f"dateline {shown_name(dateline)}")
    elif article.dateline:
        details.append(f"dateline {article.dateline}")
    if article.dates:
        details.append(article.dates[0])
    if article.path:
        details.append(Path(article.path).name)
    if details:
        source.append(f"({'; '.join(details)})")
    roles = _roles_in_order({_main_role(p) for p in story.places} | {s.role for s in story.shapes})
    titles = [_role_title(story, role) for role in roles]
    doubtful = sum(p.doubtful for p in story.places)
    counts = f"{len(story.places)} place{'s' if len(story.places) != 1 else ''} mapped"
    if doubtful:
        counts += f", {doubtful} doubtful (drawn hollow and grey, marked ?)"
    if story.unresolved:
        counts += f", {len(story.unresolved)} named but not mapped"
    what = f"Places named in {' '.join(source)}"
    if titles:
        what += f", by role in the story ({', '.join(titles)})"
    corrected = story.corrections.summary() if story.corrections is not None else ""
    if corrected:
        counts += f"; corrected by hand: {corrected}"
    text = f"{what}; {counts}. {DATA_CREDIT}. Map: geomap."
    return " ".join(text.split())


def caption_html(story: Story) -> str:
    """:func:`caption_text`, escaped for a page."""
    return _text(caption_text(story))


def embed_fragment(story: Story, gazetteer=None, *, height: int = 600) -> str:
    """A fragment to paste into a report page: the self-contained map in an
    ``iframe srcdoc`` (the way folium shows maps in notebooks), so its
    scripts and styles cannot clash with the page's, and its figure caption."""
    page = map_html(story, gazetteer=gazetteer)
    title = _text(shown_headline(story))
    return (f'<figure class="geomap-embed" style="margin:0">\n'
            f'<iframe srcdoc="{html.escape(page, quote=True)}" title="{title}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ccc" loading="lazy" '
            f'sandbox="allow-scripts"></iframe>\n'
            f'<figcaption style="font:12px sans-serif;color:#555">{caption_html(story)}</figcaption>\n'
            f'</figure>\n')


def iframe_snippet(map_url: str, *, height: int = 600) -> str:
    """An iframe pointing at a published map page."""
    return (f'<iframe src="{html.escape(map_url, quote=True)}" style="width:100%;height:{int(height)}px;'
            f'border:1px solid #ccc" loading="lazy" title="geomap"></iframe>')


def shown_headline(story: Story) -> str:
    article = story.article
    return article.headline or (Path(article.path).stem if article.path else "geomap")


def shown_name(place: Place) -> str:
    """The name as the article writes it: the spelling its mentions use most
    (the first written wins a tie), adjectives ("Syrian") aside. A name in
    capitals ("LONDON", a dateline) is written as the gazetteer writes it, or
    in title case; a place named only by adjectives keeps the gazetteer's name."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for mention in sorted(place.mentions, key=lambda m: m.start):
        if mention.type == DEMONYM:
            continue
        text = " ".join(mention.text.split())
        counts[text] += 1
        first.setdefault(text, mention.start)
    if not counts:
        return place.name
    text = max(counts, key=lambda t: (counts[t], -first[t]))
    if text.isupper() and len(text) > 3:
        return place.name if place.name.casefold() == text.casefold() else text.title()
    return text


def named_by_adjective_only(place: Place) -> bool:
    """A country the article names only by adjectives ("Russian jets"): a small pin."""
    return bool(place.mentions) and all(m.type == DEMONYM for m in place.mentions)


class PngError(Exception):
    """chromium failed, timed out or wrote no valid picture; one line."""


def save_png(html_path, png_path, *, width: int = 1400, height: int = 900,
             timeout: float = PNG_TIMEOUT_SECONDS) -> Path:
    """A static picture of a map page, made offline by headless chromium.

    The page is loaded as ``map.html#static``: a picture with no zoom
    buttons or layer switches, the legend open and its text scaled to the
    picture (``--window-size``), the title on top.

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
                                       f"--screenshot={scratch}", Path(html_path).resolve().as_uri() + "#static"],
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
def _basemap_feature(gazetteer, country, tolerance_km: float) -> str:
    """A country for the basemap: a GeoJSON Feature as JSON text, safe in a
    script, whose outline is the cached text itself (never parsed)."""
    name = json.dumps({"name": country.name}, separators=(",", ":")).replace("<", "\\u003c") \
        .replace(">", "\\u003e").replace("&", "\\u0026")
    outline = _basemap_outlines(gazetteer, tolerance_km)[country.code]
    return f'{{"type":"Feature","properties":{name},"geometry":{outline}}}'


@lru_cache(maxsize=8)
def _basemap_outlines(gazetteer, tolerance_km: float) -> dict[str, str]:
    """Every country's basemap outline at this tolerance (code -> GeoJSON
    text), made once per index and kept in a file beside it, read back by
    every later process: simplifying the world's outlines was most of a
    cold ``geomap map`` (0.2 s) and three quarters of a ``geomap build``
    map. One line per country, pasted into pages as it is. The file is
    named for the index's inputs and for the code that simplifies, so a
    rebuilt index or changed code makes a new one (and the one it replaces
    is removed); an index in a read-only place goes without."""
    path = _basemap_cache_path(gazetteer, tolerance_km)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return dict(line.split("\t", 1) for line in lines)
    except (OSError, ValueError):
        pass
    outlines = {country.code: json.dumps(rounded_geometry(shapes.simplify_km(country.geometry, tolerance_km), 3),
                                         separators=(",", ":"))
                for country in gazetteer.countries() if country.geometry is not None}
    try:
        from .output import write_atomic
        write_atomic(path, "".join(f"{code}\t{outline}\n" for code, outline in outlines.items()))
        for stale in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.tsv"):
            if stale != path:
                stale.unlink()
    except OSError:
        pass
    return outlines


def _feature_collection(features: list[str]) -> str:
    """A GeoJSON FeatureCollection, as JSON text, of features given as JSON text."""
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def _basemap_cache_path(gazetteer, tolerance_km: float) -> Path:
    code = [Path(module.__file__).stat() for module in (shapes, sys.modules[__name__])]
    key = hashlib.sha256(repr((gazetteer.fingerprint(), tolerance_km,
                               [(s.st_size, s.st_mtime_ns) for s in code])).encode()).hexdigest()
    return gazetteer.path.with_name(f"basemap-{tolerance_km:g}km-{key[:16]}.tsv")


def write_assets(folder: Path, gazetteer) -> None:
    """Leaflet (from xstatic-leaflet) and the world basemap (every country,
    simplified as a page's view is) into ``folder``, for pages rendered with
    ``assets``: written once for a whole atlas, atomically."""
    from xstatic.pkg import leaflet

    from .output import write_atomic
    folder.mkdir(parents=True, exist_ok=True)
    source = Path(leaflet.BASE_DIR)
    script = re.sub(r"//# sourceMappingURL=.*$", "", (source / "leaflet.js").read_text(encoding="utf-8"),
                    flags=re.MULTILINE)
    write_atomic(folder / "leaflet.js", script)
    write_atomic(folder / "leaflet.css", (source / "leaflet.css").read_text(encoding="utf-8"))
    tolerance = STYLES["basemap"]["simplify_km"]
    features = [_basemap_feature(gazetteer, country, tolerance)
                for country in gazetteer.countries() if country.geometry is not None]
    write_atomic(folder / BASEMAP_ASSET, f"var GEOMAP_BASEMAP = {_feature_collection(features)};\n")


def _add_basemap(fmap, story: Story, bounds, gazetteer, shared: bool = False) -> None:
    """Natural Earth outlines and names: the map means something with no tiles.
    ``shared``: the outlines come from the atlas's basemap asset, not the page."""
    style = STYLES["basemap"]
    margin = style["margin_degrees"]
    west, south, east, north = bounds or (-180, -60, 180, 80)
    view = box(west - margin, max(-90, south - margin), east + margin, min(90, north + margin))
    # the locator inset shows every place: countries around far ones (a
    # London dateline) are drawn too, coarser, as only the inset shows them
    inset = view
    if story.places:
        lats = [p.latitude for p in story.places]
        lons = [p.longitude for p in story.places]
        inset = box(min(lons) - 4, max(-90, min(lats) - 4), max(lons) + 4, min(90, max(lats) + 4))
    base = folium.FeatureGroup(name="Natural Earth (offline)", overlay=False, control=True)
    story_view = box(west, south, east, north)
    story_countries = {p.country_code for p in story.places}
    features, labels = [], []
    for country in gazetteer.countries():
        code = country.code
        if country.geometry is None:
            continue
        if shared:
            pass        # every country comes from the asset; only the names are the page's
        elif country.geometry.intersects(view):
            tolerance = style["simplify_km"]
        elif country.geometry.intersects(inset):
            tolerance = style["inset_simplify_km"]
        else:
            continue
        if not shared:
            features.append(_basemap_feature(gazetteer, country, tolerance))
        elif not country.geometry.intersects(view):
            continue
        # names for the story's countries and the larger ones in view: small
        # states' names would only pile up on each other
        if code in story_countries or (country.geometry.area >= style["label_min_area"]
                                       and story_view.buffer(style["label_margin_degrees"])
                                       .contains(country.geometry.representative_point())):
            labels.append((country.name, country.latitude, country.longitude))
    # an empty layer, filled by a script rendered once: folium's GeoJson
    # would compile its inlined outlines as a second template
    countries = folium.GeoJson({"type": "FeatureCollection", "features": []}, name="countries",
                               interactive=False, control=False)
    countries.add_to(base)
    _BasemapOutlines(countries, None if shared else features).add_to(base)
    _CountryNames(sorted(labels)).add_to(base)
    base.add_to(fmap)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", attr=OSM_CREDIT, overlay=False,
                     show=False, control=True).add_to(fmap)
    return countries


def _add_story_layers(fmap, story: Story, gazetteer=None):
    """One layer per role: its areas and routes, and the places whose main
    role it is. Returns the layers in legend order, as (role, layer), and
    the markers to label on the map, as (marker, name, priority)."""
    groups: dict[str, folium.FeatureGroup] = {}

    def layer(role: str) -> folium.FeatureGroup:
        if role not in groups:
            groups[role] = folium.FeatureGroup(name=_text(_role_title(story, role)))
        return groups[role]

    for shape in sorted(story.shapes, key=lambda s: _rank(s.role)):
        _add_shape(layer(shape.role), shape, story)
    labelled = []
    for place in story.places:
        marker = _add_marker(layer(_main_role(place)), place, gazetteer)
        if place.kind in NAMED_ON_MAP or _main_role(place) == "dateline":
            labelled.append((marker, place))
    ordered = [(role, groups[role]) for role in _roles_in_order(groups)]
    for _, group in ordered:
        group.add_to(fmap)
    # labels are placed in this order: the dateline, then the surest and
    # most important places of the story first
    labelled.sort(key=lambda item: (_main_role(item[1]) != "dateline", item[1].doubtful,
                                    _rank(_main_role(item[1])), -item[1].population))
    return ordered, labelled


def _role_title(story: Story, role: str) -> str:
    """A role as the layer control and legend name it: a zone by its groups."""
    labels = sorted({s.label for s in story.shapes if s.role == role}) if role == "zone" else []
    return "; ".join(labels) if labels else ROLE_LABELS.get(role, role)


def _add_shape(group, shape: Shape, story: Story) -> None:
    style = STYLES["roles"].get(shape.role, {})
    color = style.get("color", "#333333")
    popup, tooltip = _shape_popup(shape, story), _text(_shape_label(shape, story))
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
    # detail in proportion to the area: a town's ring keeps half a kilometre,
    # a strike area the size of Russia its shape without every inlet or
    # islet, and coordinates no finer than that detail
    detail = max(SHAPE_DETAIL_KM, math.sqrt(shapes.area_km2(shape.geometry)) / SHAPE_DETAIL_PARTS)
    outline = shapes.simplify_km(shape.geometry, detail, min_part_km2=(SPECK_DETAILS * detail) ** 2)
    digits = math.ceil(math.log10(KM_PER_DEGREE * COORDINATE_STEPS_PER_DETAIL / detail))
    geojson = folium.GeoJson(
        {"type": "Feature", "properties": {"label": _text(_shape_label(shape, story))},
         "geometry": rounded_geometry(outline, digits)},
        style_function=lambda _: {"color": color, "weight": style.get("weight", 1.5),
                                  "fillColor": color, "fillOpacity": style.get("fill_opacity", 0.25),
                                  "dashArray": style.get("dash")})
    _Bind(popup, tooltip).add_to(geojson)
    geojson.add_to(group)


def _shape_label(shape: Shape, story: Story) -> str:
    """A shape's label with its places named as the article writes them
    ("frontline/position: around north of Hama", not "... of Ḩamāh")."""
    label = shape.label
    for place in story.places:
        if place.id in shape.places and place.name != shown_name(place):
            label = label.replace(place.name, shown_name(place))
    return label


def _add_marker(group, place: Place, gazetteer=None):
    role = _main_role(place)
    style = STYLES["roles"].get(role, {})
    color = style.get("color", "#333333")
    markers = STYLES["markers"]
    radius = markers["radius"] + (2 if place.kind in AREA_KINDS else 0)
    if named_by_adjective_only(place):       # "Russian jets": the country is context, not a place
        radius = markers["adjective_radius"]
    name = shown_name(place) + (" ?" if place.doubtful else "")
    tooltip = _text(f"{name} · {', '.join(place.role_names)}" if place.role_names else name)
    binding = _Bind(_place_popup(place, gazetteer), tooltip)
    location = [round(place.latitude, 5), round(place.longitude, 5)]
    if style.get("marker") == "square":
        fill = STYLES["doubtful"]["color"] if place.doubtful else color
        marker = folium.Marker(location, icon=folium.DivIcon(
            html=f'<div class="geomap-dateline" style="background:{fill}"></div>',
            icon_size=(14, 14), icon_anchor=(7, 7), class_name="geomap-marker"))
    elif place.doubtful:                     # hollow, grey, dashed: never read as sure
        doubt = STYLES["doubtful"]
        marker = folium.CircleMarker(location, radius=radius, color=doubt["color"], weight=2,
                                     dash_array=doubt["dash"], fill=True, fill_color="#ffffff",
                                     fill_opacity=0.6)
    else:
        ring = style.get("marker") == "ring"
        marker = folium.CircleMarker(location, radius=radius, color=color, weight=4 if ring else 1.5,
                                     fill=True, fill_color="#ffffff" if ring else color,
                                     fill_opacity=0.9)
    binding.add_to(marker)
    marker.add_to(group)
    return marker


def _main_role(place: Place) -> str:
    names = [r.name for r in place.roles] or ["mention"]
    return min(names, key=_rank)


# -- popups, title, legend -------------------------------------------------------------
KIND_WORDS = {"admin1": "province or state", "admin2": "district", "group": "group of countries",
              "facility": "building or site"}


def gazetteer_entry(place: Place, gazetteer=None) -> str:
    """The gazetteer's name and kind of a place: "Kharkiv, UA; city,
    population 1,421,125"."""
    parts = [place.name]
    entry = None
    if gazetteer is not None and not place.host:
        try:
            entry = gazetteer.get(place.id)
        except Exception:             # an id the index lacks: say what the place itself knows
            entry = None
    if entry is not None and entry.admin1 and entry.admin1 != place.name and place.kind != "admin1":
        parts.append(entry.admin1)
    if place.kind != "country" and place.country_code:
        country = None
        if gazetteer is not None:
            try:
                country = gazetteer.country(place.country_code)
            except Exception:
                country = None
        parts.append(country.name if country is not None else place.country_code)
    if place.kind == "city":
        kind = "city" if place.population >= 100_000 else "town"
    else:
        kind = KIND_WORDS.get(place.kind, place.kind)
    if place.population > 0 and place.kind not in ("group",):
        kind += f", population {place.population:,}"
    return f"{', '.join(parts)}; {kind}"


def _place_popup(place: Place, gazetteer=None) -> str:
    doubt = " <span class='geomap-doubtful'>?</span>" if place.doubtful else ""
    lines = [f"<div class='geomap-popup'><b>{_text(shown_name(place))}</b>{doubt}"
             f"<div class='geomap-meta'>{_text(gazetteer_entry(place, gazetteer))}</div>"
             f"<div class='geomap-meta'>{place.latitude:.3f}, {place.longitude:.3f}; "
             f"confidence {place.confidence:.2f}</div>"]
    if place.doubtful:
        lines.append("<p class='geomap-doubtful'>Doubtful: geomap is unsure this is the place meant. "
                     "Drawn hollow and grey; it does not set the map's view.</p>")
    if place.pinned or place.correction:
        lines.append(f"<p class='geomap-corrected'>Corrected by hand: "
                     f"{_text(place.correction or 'pinned')}.</p>")
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


def _dateline_place(story: Story) -> Place | None:
    """The place the story was filed from, if geomap mapped it."""
    return next((p for p in story.places if any(r.name == "dateline" for r in p.roles)), None)


def _title_block(story: Story) -> str:
    article = story.article
    headline = _text(shown_headline(story))
    facts = []
    dateline = _dateline_place(story)
    if dateline is not None:
        facts.append(f"Dateline: {_text(shown_name(dateline))}, {_text(dateline.country_code or '')}")
    elif article.dateline:
        facts.append(f"Dateline: {_text(article.dateline)}")
    if article.dates:
        facts.append(_text(", ".join(article.dates[:2])))
    facts.append(f"{len(story.places)} places, {len(story.shapes)} areas and routes")
    return (f'<div class="geomap-title"><div class="geomap-headline">{headline}</div>'
            f'<div class="geomap-meta">{" · ".join(facts)}</div></div>')


def _legend(story: Story, groups) -> str:
    """One row per layer of the layer control, in its order; a row toggles its layer."""
    rows = []
    for index, (role, _) in enumerate(groups):
        style = STYLES["roles"].get(role, {})
        color = style.get("color", "#333")
        if style.get("dash") and "fill_opacity" not in style and "marker" not in style:
            # a route of any kind: supply, migration, evacuation
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
        rows.append(f"<div class='geomap-legend-row' data-layer='{index}' role='button' tabindex='0' "
                    f"title='show or hide'>{swatch}<span class='geomap-legend-name'>"
                    f"{_text(_role_title(story, role))}</span></div>")
    notes = []
    if any(p.doubtful for p in story.places):
        grey = STYLES["doubtful"]["color"]
        notes.append(f"<div class='geomap-legend-note'><span class='geomap-swatch geomap-round' "
                     f"style='border:2px dashed {grey}'></span>? doubtful: geomap is unsure of the place</div>")
    return (f'<details class="geomap-legend geomap-fold" open><summary class="geomap-legend-title">'
            f'Role in the story</summary>{"".join(rows)}{"".join(notes)}'
            f'<div class="geomap-credit">{CREDITS}</div></details>')


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


class _BasemapOutlines(_RenderedOnce):
    """Fills the countries layer with the page's outlines, or with the
    atlas's basemap asset (GEOMAP_BASEMAP) when ``features`` is None."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this.countries.get_name() }}.addData({{ this.collection }});
        {{ this.countries.get_name() }}.setStyle({{ this.style|tojson }});
    {% endmacro %}""")

    def __init__(self, countries, features: list[str] | None):
        """``features``: each from :func:`_basemap_feature`."""
        super().__init__()
        self._name = "BasemapOutlines"
        self.countries = countries
        self.collection = "GEOMAP_BASEMAP" if features is None else _feature_collection(features)
        basemap = STYLES["basemap"]
        self.style = {"color": basemap["border"], "weight": 0.8, "fillColor": basemap["land"], "fillOpacity": 1}


class _CountryNames(_RenderedOnce):
    """The basemap's country names, as one list and one loop: a hundred
    names as folium markers were a third of a world map's page. Each name
    is set as text, never parsed as HTML; it sits just below the country's
    point, where a story's pin for the country sits."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this.labels|tojson }}.forEach(function (c) {
            var name = document.createElement("div");
            name.className = "geomap-country";
            name.textContent = c[0];
            L.marker([c[1], c[2]], {interactive: false, icon: L.divIcon({html: name,
                iconSize: [120, 14], iconAnchor: [60, -10], className: "geomap-country-icon"})})
                .addTo({{ this._parent.get_name() }});
        });
    {% endmacro %}""")

    def __init__(self, labels: list[tuple[str, float, float]]):
        """``labels``: (name, latitude, longitude) of each country named."""
        super().__init__()
        self._name = "CountryNames"
        self.labels = [[name, round(lat, 4), round(lon, 4)] for name, lat, lon in labels]


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
                var dot = L.circleMarker([p[0], p[1]], {radius: 3, weight: 1, color: p[2],
                    fillColor: p[4] ? "#ffffff" : p[2], fillOpacity: 1, interactive: false}).addTo(inset);
                if (p[3]) dot.bindTooltip(p[3], {permanent: true, direction: "right", className: "geomap-inset-label"});
            });
            var view = L.rectangle(main.getBounds(), {color: "#d7301f", weight: 1.5, fill: false,
                interactive: false}).addTo(inset);
            main.on("moveend", function () { view.setBounds(main.getBounds()); });
            var box = document.getElementById("geomap-inset").parentNode;
            box.addEventListener("toggle", function () {
                if (!box.open) return;
                inset.invalidateSize();
                inset.fitBounds({{ this.bounds|tojson }}, {padding: [8, 8]});
            });
        })();
    {% endmacro %}""")

    def __init__(self, countries, story: Story):
        super().__init__()
        self._name = "Inset"
        self.countries = countries
        self.border, self.land = STYLES["basemap"]["border"], STYLES["basemap"]["land"]
        # the dateline is named: it is often the one place outside the main view
        self.points = [[round(p.latitude, 3), round(p.longitude, 3),
                        STYLES["doubtful"]["color"] if p.doubtful
                        else STYLES["roles"].get(_main_role(p), {}).get("color", "#333"),
                        _text(shown_name(p)) if _main_role(p) == "dateline" else "", int(p.doubtful)]
                       for p in story.places]
        lats = [p[0] for p in self.points]
        lons = [p[1] for p in self.points]
        self.bounds = [[min(lats) - 2, min(lons) - 2], [max(lats) + 2, max(lons) + 2]]


class _LayerControl(folium.LayerControl):
    """folium's layer control, folded into a button on small maps (decided
    in the page, where the map's size is known)."""

    _template = Template("""
        {% macro script(this,kwargs) %}
            var {{ this.get_name() }}_layers = {
                base_layers : {
                    {%- for key, val in this.base_layers.items() %}
                    {{ key|tojson }} : {{val}},
                    {%- endfor %}
                },
                overlays :  {
                    {%- for key, val in this.overlays.items() %}
                    {{ key|tojson }} : {{val}},
                    {%- endfor %}
                },
            };
            let {{ this.get_name() }} = L.control.layers(
                {{ this.get_name() }}_layers.base_layers,
                {{ this.get_name() }}_layers.overlays,
                Object.assign({{ this.options|tojson }},
                              {collapsed: window.matchMedia({{ this.small|tojson }}).matches})
            ).addTo({{this._parent.get_name()}});
        {% endmacro %}
        """)

    def __init__(self, position: str = "topright"):
        super().__init__(position=position, collapsed=False)
        self.small = SMALL_MAP


class _Legend(_RenderedOnce):
    """Each legend row shows or hides its layer (and follows the layer
    control); on small maps the legend, layer control and inset start folded."""

    _template = Template("""{% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var layers = [{% for layer in this.layers %}{{ layer.get_name() }}{{ "," if not loop.last }}{% endfor %}];
            var rows = document.querySelectorAll(".geomap-legend-row");
            function sync() {
                rows.forEach(function (row) {
                    var on = map.hasLayer(layers[+row.getAttribute("data-layer")]);
                    row.classList.toggle("geomap-off", !on);
                    row.setAttribute("aria-pressed", on ? "true" : "false");
                });
            }
            rows.forEach(function (row) {
                function toggle() {
                    var layer = layers[+row.getAttribute("data-layer")];
                    if (map.hasLayer(layer)) map.removeLayer(layer); else map.addLayer(layer);
                    sync();
                }
                row.addEventListener("click", toggle);
                row.addEventListener("keydown", function (e) {
                    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
                });
            });
            map.on("overlayadd overlayremove", sync);
            sync();
            var small = window.matchMedia({{ this.small|tojson }}).matches;
            var still = document.documentElement.classList.contains("geomap-static");
            document.querySelectorAll(".geomap-fold").forEach(function (fold) {
                var legend = fold.classList.contains("geomap-legend");
                if (small && !(still && legend)) fold.removeAttribute("open");
            });
        })();
    {% endmacro %}""")

    def __init__(self, layers):
        super().__init__()
        self._name = "Legend"
        self.layers = layers
        self.small = SMALL_MAP


class _Labels(_RenderedOnce):
    """Town names beside their pins, placed in the page after layout, and
    again after every zoom, pan, resize or layer switch.

    Labels are placed one by one, most important first (the dateline, then
    sure places before doubtful ones, by role and population). Each tries
    the right of its pin, then left, above and below; a side is taken when
    the label's box stays inside the map and touches no label placed
    before, no pin and none of the map's panels (title, legend, layer
    control, inset). A label with no free side is not shown: the name stays
    in its pin's tooltip."""

    _template = Template("""{% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var pane = map.createPane("geomap-labels");
            pane.style.zIndex = 620;
            pane.style.pointerEvents = "none";
            var markers = [{% for m in this.markers %}{{ m.get_name() }}{{ "," if not loop.last }}{% endfor %}];
            var labels = {{ this.labels|tojson }}.map(function (d, i) {
                var el = L.DomUtil.create("div", "geomap-label" + (d[1] ? " geomap-label-doubtful" : ""), pane);
                el.innerHTML = d[0];
                el.style.display = "none";
                return {marker: markers[i], el: el};
            });
            var GAP = 2, SIDES = ["right", "left", "above", "below"];
            var PANELS = ".geomap-title, .geomap-legend, .geomap-inset-box, .leaflet-control-layers, " +
                         ".leaflet-control-zoom, .leaflet-control-scale, .leaflet-control-attribution";
            function pinBox(layer) {
                var p = map.latLngToContainerPoint(layer.getLatLng()), r;
                if (layer instanceof L.CircleMarker) r = layer.getRadius() + (layer.options.weight || 0) / 2;
                else if (layer.options.icon && layer.options.icon.options.className === "geomap-marker") r = 7;
                else return null;
                return [p.x - r, p.y - r, p.x + r, p.y + r];
            }
            function hit(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
            function place() {
                var size = map.getSize(), frame = map.getContainer().getBoundingClientRect();
                var taken = [];
                map.eachLayer(function (layer) {
                    if (layer instanceof L.Marker || layer instanceof L.CircleMarker) {
                        var b = pinBox(layer);
                        if (b) taken.push(b);
                    }
                });
                document.querySelectorAll(PANELS).forEach(function (panel) {
                    var r = panel.getBoundingClientRect();
                    if (r.width > 0 && r.height > 0)
                        taken.push([r.left - frame.left - 2, r.top - frame.top - 2,
                                    r.right - frame.left + 2, r.bottom - frame.top + 2]);
                });
                labels.forEach(function (label) {
                    var el = label.el;
                    el.style.display = "none";
                    el.removeAttribute("data-side");
                    if (!map.hasLayer(label.marker)) return;
                    var own = pinBox(label.marker);
                    if (!own) return;
                    var cx = (own[0] + own[2]) / 2, cy = (own[1] + own[3]) / 2, r = (own[2] - own[0]) / 2 + GAP;
                    el.style.visibility = "hidden";
                    el.style.display = "block";
                    var w = el.offsetWidth, h = el.offsetHeight;
                    for (var i = 0; i < SIDES.length; i++) {
                        var b = SIDES[i] === "right" ? [cx + r, cy - h / 2, cx + r + w, cy + h / 2]
                              : SIDES[i] === "left" ? [cx - r - w, cy - h / 2, cx - r, cy + h / 2]
                              : SIDES[i] === "above" ? [cx - w / 2, cy - r - h, cx + w / 2, cy - r]
                              : [cx - w / 2, cy + r, cx + w / 2, cy + r + h];
                        if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) continue;
                        if (taken.some(function (t) { return hit(b, t); })) continue;
                        taken.push(b);
                        L.DomUtil.setPosition(el, map.containerPointToLayerPoint([b[0], b[1]]));
                        el.setAttribute("data-side", SIDES[i]);
                        el.style.visibility = "visible";
                        return;
                    }
                    el.style.display = "none";
                });
            }
            map.on("zoomstart", function () { pane.style.display = "none"; });
            map.on("zoomend", function () { pane.style.display = ""; });
            map.on("zoomend moveend resize overlayadd overlayremove", place);
            document.querySelectorAll("details").forEach(function (d) { d.addEventListener("toggle", place); });
            window.addEventListener("load", place);
            window.geomapPlaceLabels = place;
            place();
        })();
    {% endmacro %}""")

    def __init__(self, labelled):
        super().__init__()
        self._name = "Labels"
        self.markers = [marker for marker, _ in labelled]
        self.labels = [[_text(shown_name(place) + (" ?" if place.doubtful else "")), int(place.doubtful)]
                       for _, place in labelled]


class _FitView(_RenderedOnce):
    """The first view, fitted at once: no zoom animation for a picture or
    the label placer to catch half-way."""

    _template = Template("""{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, {padding: [30, 30], animate: false});
    {% endmacro %}""")

    def __init__(self, bounds):
        super().__init__()
        self._name = "FitView"
        self.bounds = bounds


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
def _story_bounds(story: Story, gazetteer=None):
    """(west, south, east, north) of the view: the story's main cluster.

    1. The places that say where the story happens: confident places with a
       'where' role (or a route); all confident places if none has one;
       doubtful places never, unless the story has nothing else.
    2. An area (country, province, ...) holding another of those places
       counts through them: "Syria's Idlib province" is Idlib's towns.
    3. Outliers drop out: places farther from the median point of the
       others than ``FIT_SPREAD`` times their median distance from it (and
       than ``FIT_MIN_KM``). They stay on the map and in the locator inset.
    4. Areas and routes count by their part within that radius: an area by
       its bounds when its representative point is inside, a route by its
       vertices inside; shapes made only of doubtful places or of areas of
       step 2 do not count.
    """
    def where(place: Place) -> bool:
        return bool({r.name for r in place.roles} & WHERE_ROLES) or any(
            r.extent is not None and r.extent.kind == "route" for r in place.roles)

    confident = [p for p in story.places if not p.doubtful]
    located = [p for p in confident if where(p)] or confident or story.places
    context = {p.id for p in located if p.kind in AREA_KINDS and
               any(q is not p and q.kind not in AREA_KINDS and _inside(q, p, gazetteer) for q in located)}
    points = [(p.longitude, p.latitude) for p in located if p.id not in context]
    if not points and not story.shapes:
        return None
    xs, ys = [], []
    if points:
        centre = (statistics.median(x for x, _ in points), statistics.median(y for _, y in points))
        distances = [_km(centre, point) for point in points]
        radius = max(FIT_MIN_KM, FIT_SPREAD * statistics.median(distances))
        for (lon, lat), distance in zip(points, distances):
            if distance <= radius:
                xs.append(lon)
                ys.append(lat)
    else:
        centre, radius = None, math.inf
    doubtful = {p.id for p in story.places if p.doubtful}
    for shape in story.shapes:
        if shape.places and all(pid in doubtful or pid in context for pid in shape.places):
            continue
        geometry = shape.geometry
        if geometry.geom_type in ("LineString", "MultiLineString"):
            for line in getattr(geometry, "geoms", [geometry]):
                for lon, lat in line.coords:
                    if centre is None or _km(centre, (lon, lat)) <= radius:
                        xs.append(lon)
                        ys.append(lat)
            continue
        point = geometry.representative_point()
        if centre is None or _km(centre, (point.x, point.y)) <= radius:
            west, south, east, north = geometry.bounds
            xs += [west, east]
            ys += [south, north]
    if not xs:
        xs, ys = [x for x, _ in points], [y for _, y in points]
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    # a view at least MIN_VIEW_DEGREES across: one town is not shown at street level
    pad_x, pad_y = max(0.0, (MIN_VIEW_DEGREES - (east - west)) / 2), max(0.0, (MIN_VIEW_DEGREES - (north - south)) / 2)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def _inside(place: Place, area: Place, gazetteer) -> bool:
    """Whether the gazetteer puts ``place`` in ``area`` (a country by its
    code, a province by the town's admin-1)."""
    if area.kind == "country":
        return place.country_code is not None and place.country_code == area.country_code
    if area.kind == "admin1" and gazetteer is not None:
        try:
            entry = gazetteer.get(place.id)
        except Exception:
            return False
        return entry is not None and getattr(entry, "admin1_id", None) == area.id
    return False


def _km(a, b) -> float:
    """Great-circle distance between two (lon, lat) points."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


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


#: The finest detail a story's area keeps on the map (km); larger areas
#: keep less (their side / ``SHAPE_DETAIL_PARTS``): pages stay small
#: whatever was struck.
SHAPE_DETAIL_KM = 0.5
SHAPE_DETAIL_PARTS = 300
#: Pieces of an area less than this many details across (islets) are left out.
SPECK_DETAILS = 2
#: Coordinates are rounded to a tenth of the detail kept.
COORDINATE_STEPS_PER_DETAIL = 10
KM_PER_DEGREE = 111.32

#: The atlas's world basemap, beside Leaflet in its assets folder.
BASEMAP_ASSET = "basemap.js"

#: ``map.html#static`` (what save_png loads) is a picture: no buttons, text scaled to it.
_STATIC_SWITCH = ('<script>if (/(^|[#&])static\\b/.test(location.hash)) '
                  'document.documentElement.classList.add("geomap-static");</script>')


def _page_css() -> str:
    sea = STYLES["basemap"]["sea"]
    label = STYLES["basemap"]["label"]
    grey = STYLES["doubtful"]["color"]
    return f"""
html {{ font-size: 13px; }}
html.geomap-static {{ font-size: clamp(7px, 1.45vmin, 40px); }}
html, body {{ margin: 0; height: 100%; font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }}
.leaflet-container {{ background: {sea}; font-size: 0.92rem; }}
.geomap-title {{ position: fixed; top: 10px; left: 54px; z-index: 1000; max-width: 46%;
  background: rgba(255,255,255,.94); padding: 0.6rem 0.9rem; border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,.3); }}
.geomap-headline {{ font-size: 1.23rem; font-weight: 700; line-height: 1.25; }}
.geomap-meta {{ font-size: 0.92rem; color: #555; }}
.geomap-legend {{ position: fixed; bottom: 58px; left: 10px; z-index: 1000; background: rgba(255,255,255,.94);
  padding: 0.6rem 0.8rem; border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,.3); font-size: 1rem; line-height: 1.7; max-width: 26rem; }}
.geomap-legend-title {{ font-weight: 700; margin-bottom: 2px; cursor: pointer; }}
.geomap-legend-row {{ cursor: pointer; user-select: none; }}
.geomap-legend-row.geomap-off {{ opacity: .4; text-decoration: line-through; }}
.geomap-legend-note {{ font-size: 0.85rem; color: #555; }}
.geomap-swatch {{ display: inline-block; width: 1.08rem; height: 1.08rem; margin-right: 0.55rem; vertical-align: -0.15rem; box-sizing: border-box; }}
.geomap-swatch-line {{ display: inline-block; width: 1.7rem; margin-right: 0.55rem; vertical-align: 0.23rem; }}
.geomap-round {{ border-radius: 50%; }}
.geomap-credit {{ font-size: 0.77rem; color: #777; margin-top: 4px; line-height: 1.3; }}
.geomap-country {{ font-size: 0.85rem; letter-spacing: .06em; text-transform: uppercase; color: {label};
  text-align: center; white-space: nowrap; pointer-events: none; }}
.geomap-country-icon, .geomap-marker {{ background: none; border: none; }}
.geomap-dateline {{ width: 14px; height: 14px; border: 2px solid #fff; box-sizing: border-box; box-shadow: 0 0 3px #000; }}
.geomap-label {{ position: absolute; left: 0; top: 0; font-size: 0.85rem; font-weight: 600; line-height: 1.25;
  padding: 0 0.25rem; white-space: nowrap; background: rgba(255,255,255,.85); border-radius: 2px; color: #222; }}
.geomap-label-doubtful {{ color: {grey}; font-style: italic; }}
.geomap-inset-box {{ position: fixed; bottom: 34px; right: 10px; z-index: 1000; background: rgba(255,255,255,.94);
  border: 1px solid #999; box-shadow: 0 1px 5px rgba(0,0,0,.3); font-size: 0.85rem; }}
.geomap-inset-box > summary {{ padding: 1px 6px; cursor: pointer; }}
.geomap-inset-box[open] > summary {{ display: none; }}
.geomap-inset {{ width: 20rem; height: 13rem; max-width: 40vw; max-height: 30vh; background: {sea}; }}
.geomap-inset-label {{ font-size: 0.77rem; padding: 0 3px; }}
.leaflet-control-layers-toggle {{ background-image: none !important; width: auto !important; height: auto !important;
  padding: 4px 8px; font-size: 1rem; color: #333; text-decoration: none; }}
.leaflet-control-layers-toggle::after {{ content: "Layers"; }}
.geomap-popup q {{ display: block; margin: 4px 0; font-style: italic; }}
.geomap-popup mark {{ background: #ffe066; padding: 0 1px; }}
.geomap-doubtful {{ color: #a94400; font-weight: 600; }}
.geomap-corrected {{ color: #1f5fa8; font-weight: 600; }}
.geomap-role {{ font-weight: 700; font-size: 0.92rem; text-transform: uppercase; letter-spacing: .04em; }}
@media {SMALL_MAP} {{
  .geomap-title {{ max-width: 60%; padding: 4px 8px; }}
  .geomap-headline {{ font-size: 1rem; }}
  .geomap-title .geomap-meta {{ display: none; }}
  .geomap-legend {{ bottom: 34px; }}
}}
html.geomap-static .leaflet-control-zoom, html.geomap-static .leaflet-control-layers,
html.geomap-static .geomap-inset-box > summary {{ display: none; }}
html.geomap-static .geomap-title {{ left: 10px; max-width: 60%; }}
html.geomap-static .geomap-legend {{ bottom: 2.6rem; }}
html.geomap-static .geomap-legend-row {{ cursor: default; }}
html.geomap-static .geomap-legend > summary {{ list-style: none; cursor: default; }}
html.geomap-static .geomap-legend > summary::-webkit-details-marker {{ display: none; }}
html.geomap-static .leaflet-control-attribution {{ font-size: 0.85rem; }}
"""
