"""Stage 6 (data half): a story as records, GeoJSON, CSV, KML and a text table.

Every export carries the same facts as ``geomap places``: each place with its
roles, and each role with the sentence that supports it, so a figure pasted
into a report can always be traced back to the text.
"""

from __future__ import annotations

import csv
import html
import io
import re

import numpy as np
import shapely
from shapely.geometry import mapping

from .model import Place, Role, Story

#: Coordinates are rounded to this many decimals (about 1 m): enough for a
#: map, and small stable diffs in the committed outputs.
COORDINATE_DECIMALS = 5

#: What a spreadsheet reads as the start of a formula (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: C0 and C1 control characters but newline and tab: an ANSI escape sequence
#: in an article must not reach the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

CSV_COLUMNS = ["article", "name", "kind", "lat", "lon", "country_code", "geonameid",
               "confidence", "doubtful", "placed_at", "roles", "mentions", "mention_types", "evidence",
               "correction", "article_corrections"]


def to_record(story: Story) -> dict:
    """The JSON record of one article: the ``--format jsonl`` line.

    Each sentence quoted as evidence appears once, in ``sentences``; mentions
    and roles point at it by index (``"sentence": 3``), so an article with
    many mentions in one sentence does not repeat that sentence for each.
    """
    sentences = _SentenceTable()
    places = [_place_record(place, sentences) for place in story.places]
    non_places = [{"text": m.text, "start": m.start, "end": m.end, "type": m.type,
                   "part_of": m.organisation, "sentence": sentences.of_mention(m)}
                  for m in story.non_places]
    unresolved = [{"text": m.text, "start": m.start, "end": m.end, "sentence": sentences.of_mention(m)}
                  for m in story.unresolved]
    excluded = [{"text": m.text, "start": m.start, "end": m.end, "sentence": sentences.of_mention(m)}
                for m in story.excluded]
    return {
        "article": story.article.path,
        "headline": story.article.headline,
        "dateline": story.article.dateline,
        "dates": list(story.article.dates),
        "places": places,
        "non_places": non_places,
        "unresolved": unresolved,
        "excluded": excluded,
        "corrections": story.corrections.record() if story.corrections else None,
        "sentences": sentences.rows,
    }


class _SentenceTable:
    """Sentences and clauses quoted by a record, each stored once."""

    def __init__(self):
        self.rows: list[dict] = []
        self._index: dict[tuple[int, int], int] = {}

    def add(self, start: int, end: int, text: str) -> int:
        key = (start, end)
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append({"start": start, "end": end, "text": text})
        return self._index[key]

    def of_mention(self, mention) -> int:
        start = mention.sentence_start
        return self.add(start, start + len(mention.sentence), mention.sentence)

    def of_role(self, role: Role) -> int:
        return self.add(role.start, role.end, role.evidence)


def _place_record(place: Place, sentences: _SentenceTable | None = None) -> dict:
    """A place's facts; with ``sentences``, evidence is referenced by index
    into that table, else quoted in full (a GeoJSON feature stands alone)."""
    record = {
        "name": place.name,
        "id": place.id,
        "lat": round(place.latitude, COORDINATE_DECIMALS),
        "lon": round(place.longitude, COORDINATE_DECIMALS),
        "kind": place.kind,
        "country_code": place.country_code,
        "geonameid": place.geonameid,
        "population": place.population,
        "confidence": round(place.confidence, 3),
        "doubtful": place.doubtful,
        "placed_at": place.host,
        "pinned": place.pinned,
        "correction": place.correction,
        "members": list(place.members),
        "roles": place.role_names,
        "role_evidence": [_role_record(role, sentences) for role in place.roles],
        "mentions": [{"text": m.text, "start": m.start, "end": m.end, "type": m.type}
                     for m in place.mentions],
    }
    if sentences is not None:
        for entry, mention in zip(record["mentions"], place.mentions):
            entry["sentence"] = sentences.of_mention(mention)
    return record


def _role_record(role: Role, sentences: _SentenceTable | None) -> dict:
    record = {"role": role.name, "label": role.label, "cue": role.cue,
              "start": role.start, "end": role.end}
    if sentences is None:
        record["evidence"] = role.evidence
    else:
        record["sentence"] = sentences.of_role(role)
    return record


def to_geojson(story: Story) -> dict:
    """A FeatureCollection: a Point per place, then the zones, areas and routes.
    Every feature's ``corrections`` says which corrections the article was
    read with (the flags' syntax, see :mod:`geomap.corrections`), or is null."""
    features = []
    corrections = _corrections_summary(story)
    for place in story.places:
        properties = _place_record(place)
        properties.pop("lat"), properties.pop("lon")
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(place.longitude, COORDINATE_DECIMALS),
                                                          round(place.latitude, COORDINATE_DECIMALS)]},
            "properties": {"feature": "place", "article": story.article.path, **properties,
                           "corrections": corrections},
        })
    for shape in story.shapes:
        features.append({
            "type": "Feature",
            "geometry": rounded_geometry(shape.geometry),
            "properties": {"feature": "shape", "article": story.article.path, "role": shape.role,
                           "label": shape.label, "evidence": shape.evidence,
                           "start": shape.start, "end": shape.end, "places": list(shape.places),
                           "corrections": corrections},
        })
    return {"type": "FeatureCollection", "features": features}


def _corrections_summary(story: Story) -> str | None:
    return story.corrections.summary() if story.corrections else None


def rounded_geometry(geometry, digits: int = COORDINATE_DECIMALS) -> dict:
    """A shapely geometry as GeoJSON with its coordinates rounded: smaller
    files and pages, stable diffs. Rounded by numpy, in one pass."""
    return mapping(shapely.transform(geometry, lambda xy: np.round(xy, digits)))


def to_csv(story: Story) -> str:
    """One row per place: where it is, its roles, and the sentence for its first role."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerows(csv_rows(story))
    return buffer.getvalue()


def csv_writer(stream) -> csv.DictWriter:
    """A CSV writer for :func:`csv_rows`, its header already written."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    return writer


def csv_rows(story: Story) -> list[dict]:
    """The CSV rows of one article. Text cells that a spreadsheet would read
    as a formula (``=``, ``+``, ``-``, ``@``, tab or carriage return first)
    are prefixed with ``'``: article text is never a formula."""
    rows = []
    corrections = _corrections_summary(story) or ""
    for place in story.places:
        evidence = place.roles[0].evidence if place.roles else (
            place.mentions[0].sentence if place.mentions else "")
        rows.append({
            "article": story.article.path or "",
            "name": place.name, "kind": place.kind,
            "lat": round(place.latitude, COORDINATE_DECIMALS),
            "lon": round(place.longitude, COORDINATE_DECIMALS),
            "country_code": place.country_code or "", "geonameid": place.geonameid or "",
            "confidence": round(place.confidence, 3),
            "doubtful": "yes" if place.doubtful else "",
            "placed_at": place.host or "",
            "roles": "; ".join(place.role_names),
            "mentions": "; ".join(dict.fromkeys(m.text for m in place.mentions)),
            "mention_types": "; ".join(dict.fromkeys(m.type for m in place.mentions)),
            "evidence": " ".join(evidence.split()),
            "correction": place.correction or "",
            "article_corrections": corrections,
        })
    return [{key: _not_a_formula(value) for key, value in row.items()} for row in rows]


def _not_a_formula(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_table(story: Story) -> str:
    """A plain-text summary for the terminal: places, roles with evidence,
    non-places; control characters removed (the terminal never receives an
    escape sequence from an article)."""
    article = story.article
    lines = [f"{article.path or '<text>'}: {article.headline or '(no headline)'}"]
    if article.dateline:
        lines.append(f"  dateline: {article.dateline}")
    for place in story.places:
        where = f"{place.latitude:.3f}, {place.longitude:.3f}"
        code = place.country_code or "-"
        mentions = ", ".join(f"{m.text!r} ({m.type})" for m in _unique_mentions(place))
        doubt = " (doubtful)" if place.doubtful else ""
        at = f" (drawn at {place.host})" if place.host else ""
        corrected = f" ({place.correction})" if place.correction else ""
        lines.append(f"  {place.name} [{place.kind}, {code}] {where}{at}  confidence "
                     f"{place.confidence:.2f}{doubt}{corrected}")
        lines.append(f"      mentions: {mentions}")
        for role in place.roles:
            lines.append(f"      {role.label}: \"{_clip(role.evidence)}\"")
    if story.unresolved:
        lines.append("  not mapped (no reading the text supports): " + ", ".join(
            dict.fromkeys(repr(m.text) for m in story.unresolved)))
    if story.excluded:
        lines.append("  excluded by the corrections: " + ", ".join(
            dict.fromkeys(repr(m.text) for m in story.excluded)))
    if story.corrections:
        lines.append(f"  corrections: {story.corrections.summary()}")
    if story.non_places:
        lines.append("  not places: " + ", ".join(
            f"{m.text!r} ({m.type}{': ' + m.organisation if m.organisation else ''})"
            for m in story.non_places))
    return _CONTROL.sub("", "\n".join(lines))


def _unique_mentions(place: Place):
    seen = {}
    for mention in place.mentions:
        seen.setdefault((mention.text, mention.type), mention)
    return seen.values()


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- KML (Google Earth) -------------------------------------------------------------
KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
#: What XML 1.0 cannot hold (C0 controls but tab and newlines, lone
#: surrogates, U+FFFE/U+FFFF): removed, so an article never makes the file unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def to_kml(story: Story) -> str:
    """The story as a KML 2.2 document for Google Earth.

    A folder per role (in the map's role order), holding the places whose
    main role it is and the zones, areas and routes drawn for it (polygons
    and lines); a style per role with the map's colours (``styles.toml``).
    Each placemark's description quotes its evidence sentences; Google
    Earth reads descriptions as HTML, so article text is HTML-escaped there
    (and XML-escaped around that): it never becomes markup. Coordinates are
    ``lon,lat``, rounded as in GeoJSON.
    """
    from xml.etree import ElementTree as ET

    from .lexicon import load, role_lexicon

    lexicon = role_lexicon()
    styles = load("styles")["roles"]
    folders: dict[str, list] = {}
    for place in story.places:
        main = min((r.name for r in place.roles), key=_role_rank, default="mention")
        folders.setdefault(main, []).append(_kml_place(place, story))
    for shape in story.shapes:
        folders.setdefault(shape.role, []).append(_kml_shape(shape, story))

    root = ET.Element("kml", xmlns=KML_NAMESPACE)
    document = ET.SubElement(root, "Document")
    _sub(document, "name", story.article.headline or story.article.path or "geomap")
    _sub(document, "open", "1")
    about = [f"<p>Places in {html.escape(story.article.path or 'the article')}, mapped by geomap "
             "from an offline gazetteer: GeoNames (CC BY 4.0), Natural Earth (public domain).</p>"]
    if story.article.dateline:
        about.append(f"<p>Dateline: {html.escape(story.article.dateline)}</p>")
    if story.corrections:
        about.append(f"<p>Corrected by hand: {html.escape(story.corrections.summary())}</p>")
    if story.excluded:
        about.append("<p>Excluded by the corrections: " + html.escape(", ".join(
            dict.fromkeys(m.text for m in story.excluded))) + "</p>")
    _sub(document, "description", "".join(about))
    roles = sorted(folders, key=lambda r: (_role_rank(r), r))
    for role in roles:
        document.append(_kml_style(role, styles.get(role, styles.get("mention", {}))))
    for role in roles:
        folder = ET.SubElement(document, "Folder")
        label = lexicon["roles"].get(role, {}).get("label", role).replace("{group} ", "")
        _sub(folder, "name", label)
        folder.extend(folders[role])
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _sub(parent, tag: str, text: str | None = None):
    from xml.etree import ElementTree as ET
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _kml_color(hex_color: str, opacity: float = 1.0) -> str:
    """``#rrggbb`` and an opacity as KML's ``aabbggrr``."""
    rgb = hex_color.lstrip("#")
    return f"{round(max(0.0, min(1.0, opacity)) * 255):02x}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}".lower()


def _kml_style(role: str, style: dict):
    from xml.etree import ElementTree as ET
    color = style.get("color", "#1b9e9e")
    element = ET.Element("Style", id=f"role-{role}")
    icon = _sub(element, "IconStyle")
    _sub(icon, "color", _kml_color(color))
    line = _sub(element, "LineStyle")
    _sub(line, "color", _kml_color(color))
    _sub(line, "width", f"{style.get('weight', 2):g}")
    poly = _sub(element, "PolyStyle")
    _sub(poly, "color", _kml_color(color, style.get("fill_opacity", 0.25)))
    _sub(poly, "outline", "1")
    return element


def _kml_place(place: Place, story: Story):
    from xml.etree import ElementTree as ET
    placemark = ET.Element("Placemark")
    _sub(placemark, "name", place.name)
    where = f"{place.kind}, {place.country_code}" if place.country_code else place.kind
    parts = [f"<p>{html.escape(where)}; confidence {place.confidence:.2f}"
             + (" (doubtful: geomap is unsure this is the place meant)" if place.doubtful else "") + "</p>"]
    if place.correction:
        parts.append(f"<p>{html.escape(place.correction)}</p>")
    if place.host:
        parts.append(f"<p>Drawn at {html.escape(place.host)}'s point.</p>")
    seen = set()
    for role in place.roles:
        if (role.label, role.start) not in seen:
            seen.add((role.label, role.start))
            parts.append(f"<p><b>{html.escape(role.label)}</b>: “{html.escape(_clip(role.evidence, 600))}”</p>")
    if not place.roles and place.mentions:
        parts.append(f"<p>“{html.escape(_clip(place.mentions[0].sentence, 600))}”</p>")
    parts.append("<p>Written as: " + html.escape(", ".join(sorted({m.text for m in place.mentions}))) + "</p>")
    _sub(placemark, "description", "".join(parts))
    main = min((r.name for r in place.roles), key=_role_rank, default="mention")
    _sub(placemark, "styleUrl", f"#role-{main}")
    data = _sub(placemark, "ExtendedData")
    for key, value in (("id", place.id), ("kind", place.kind), ("country_code", place.country_code or ""),
                       ("confidence", f"{place.confidence:.3f}"), ("doubtful", "yes" if place.doubtful else ""),
                       ("roles", "; ".join(place.role_names)), ("correction", place.correction or "")):
        item = ET.SubElement(data, "Data", name=key)
        _sub(item, "value", value)
    point = _sub(placemark, "Point")
    _sub(point, "coordinates", _kml_coordinates([(place.longitude, place.latitude)]))
    return placemark


def _role_rank(role: str) -> int:
    from .lexicon import role_lexicon
    order = role_lexicon()["order"]
    return order.index(role) if role in order else len(order)


def _kml_shape(shape, story: Story):
    from xml.etree import ElementTree as ET
    placemark = ET.Element("Placemark")
    _sub(placemark, "name", shape.label)
    names = [p.name for p in story.places if p.id in shape.places]
    _sub(placemark, "description",
         f"<p><b>{html.escape(shape.label)}</b>: “{html.escape(_clip(shape.evidence, 600))}”</p>"
         + (f"<p>Drawn from: {html.escape(', '.join(names))}</p>" if names else ""))
    _sub(placemark, "styleUrl", f"#role-{shape.role}")
    placemark.append(_kml_geometry(shape.geometry))
    return placemark


def _kml_geometry(geometry):
    from xml.etree import ElementTree as ET
    kind = geometry.geom_type
    if kind == "Point":
        element = ET.Element("Point")
        _sub(element, "coordinates", _kml_coordinates(geometry.coords))
    elif kind in ("LineString", "LinearRing"):
        element = ET.Element("LineString")
        _sub(element, "tessellate", "1")
        _sub(element, "coordinates", _kml_coordinates(geometry.coords))
    elif kind == "Polygon":
        element = ET.Element("Polygon")
        _sub(element, "tessellate", "1")
        for tag, ring in (("outerBoundaryIs", geometry.exterior),
                          *(("innerBoundaryIs", r) for r in geometry.interiors)):
            _sub(_sub(_sub(element, tag), "LinearRing"), "coordinates", _kml_coordinates(ring.coords))
    else:       # Multi* and collections
        element = ET.Element("MultiGeometry")
        element.extend(_kml_geometry(part) for part in geometry.geoms if not part.is_empty)
    return element


def _kml_coordinates(coords) -> str:
    def number(value: float) -> str:
        text = f"{round(value, COORDINATE_DECIMALS):.{COORDINATE_DECIMALS}f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return " ".join(f"{number(xy[0])},{number(xy[1])}" for xy in coords)
