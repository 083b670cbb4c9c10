"""Stage 6 (data half): a story as records, GeoJSON, CSV and a text table.

Every export carries the same facts as ``geomap places``: each place with its
roles, and each role with the sentence that supports it, so a figure pasted
into a report can always be traced back to the text.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping

from .model import Place, Role, Story

#: Coordinates are rounded to this many decimals (about 1 m): enough for a
#: map, and small stable diffs in the committed outputs.
COORDINATE_DECIMALS = 5

CSV_COLUMNS = ["article", "name", "kind", "lat", "lon", "country_code", "geonameid",
               "confidence", "roles", "mentions", "mention_types", "evidence"]


def to_record(story: Story) -> dict:
    """The JSON record of one article: the ``--format jsonl`` line."""
    return {
        "article": story.article.path,
        "headline": story.article.headline,
        "dateline": story.article.dateline,
        "dates": list(story.article.dates),
        "places": [_place_record(place) for place in story.places],
        "non_places": [{"text": m.text, "start": m.start, "end": m.end, "type": m.type,
                        "part_of": m.organisation, "sentence": m.sentence}
                       for m in story.non_places],
    }


def _place_record(place: Place) -> dict:
    return {
        "name": place.name,
        "id": place.id,
        "lat": round(place.latitude, COORDINATE_DECIMALS),
        "lon": round(place.longitude, COORDINATE_DECIMALS),
        "kind": place.kind,
        "country_code": place.country_code,
        "geonameid": place.geonameid,
        "population": place.population,
        "confidence": round(place.confidence, 3),
        "members": list(place.members),
        "roles": place.role_names,
        "role_evidence": [_role_record(role) for role in place.roles],
        "mentions": [{"text": m.text, "start": m.start, "end": m.end, "type": m.type,
                      "sentence": m.sentence} for m in place.mentions],
    }


def _role_record(role: Role) -> dict:
    return {"role": role.name, "label": role.label, "cue": role.cue,
            "evidence": role.evidence, "start": role.start, "end": role.end}


def to_geojson(story: Story) -> dict:
    """A FeatureCollection: a Point per place, then the zones, areas and routes."""
    features = []
    for place in story.places:
        properties = _place_record(place)
        properties.pop("lat"), properties.pop("lon")
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(place.longitude, COORDINATE_DECIMALS),
                                                          round(place.latitude, COORDINATE_DECIMALS)]},
            "properties": {"feature": "place", "article": story.article.path, **properties},
        })
    for shape in story.shapes:
        features.append({
            "type": "Feature",
            "geometry": rounded_geometry(shape.geometry),
            "properties": {"feature": "shape", "article": story.article.path, "role": shape.role,
                           "label": shape.label, "evidence": shape.evidence,
                           "start": shape.start, "end": shape.end, "places": list(shape.places)},
        })
    return {"type": "FeatureCollection", "features": features}


def rounded_geometry(geometry, digits: int = COORDINATE_DECIMALS) -> dict:
    """A shapely geometry as GeoJSON with its coordinates rounded: smaller
    files and pages, stable diffs. Rounded by numpy, in one pass."""
    return mapping(shapely.transform(geometry, lambda xy: np.round(xy, digits)))


def to_csv(story: Story) -> str:
    """One row per place: where it is, its roles, and the sentence for its first role."""
    return to_csv_rows([story])


def to_csv_rows(stories: list[Story]) -> str:
    """The places of many articles in one CSV table."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for story in stories:
        for place in story.places:
            evidence = place.roles[0].evidence if place.roles else (
                place.mentions[0].sentence if place.mentions else "")
            writer.writerow({
                "article": story.article.path or "",
                "name": place.name, "kind": place.kind,
                "lat": round(place.latitude, COORDINATE_DECIMALS),
                "lon": round(place.longitude, COORDINATE_DECIMALS),
                "country_code": place.country_code or "", "geonameid": place.geonameid or "",
                "confidence": round(place.confidence, 3),
                "roles": "; ".join(place.role_names),
                "mentions": "; ".join(dict.fromkeys(m.text for m in place.mentions)),
                "mention_types": "; ".join(dict.fromkeys(m.type for m in place.mentions)),
                "evidence": " ".join(evidence.split()),
            })
    return buffer.getvalue()


def to_table(story: Story) -> str:
    """A plain-text summary for the terminal: places, roles with evidence, non-places."""
    article = story.article
    lines = [f"{article.path or '<text>'}: {article.headline or '(no headline)'}"]
    if article.dateline:
        lines.append(f"  dateline: {article.dateline}")
    for place in story.places:
        where = f"{place.latitude:.3f}, {place.longitude:.3f}"
        code = place.country_code or "-"
        mentions = ", ".join(f"{m.text!r} ({m.type})" for m in _unique_mentions(place))
        lines.append(f"  {place.name} [{place.kind}, {code}] {where}  confidence {place.confidence:.2f}")
        lines.append(f"      mentions: {mentions}")
        for role in place.roles:
            lines.append(f"      {role.label}: \"{_clip(role.evidence)}\"")
    if story.non_places:
        lines.append("  not places: " + ", ".join(
            f"{m.text!r} ({m.type}{': ' + m.organisation if m.organisation else ''})"
            for m in story.non_places))
    return "\n".join(lines)


def _unique_mentions(place: Place):
    seen = {}
    for mention in place.mentions:
        seen.setdefault((mention.text, mention.type), mention)
    return seen.values()


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same
    directory and a rename: a reader never sees a half-written output."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(scratch, 0o644)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return path
