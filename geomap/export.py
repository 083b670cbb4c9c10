"""Stage 6 (data half): a story as records, GeoJSON, CSV and a text table.

Every export carries the same facts as ``geomap places``: each place with its
roles, and each role with the sentence that supports it, so a figure pasted
into a report can always be traced back to the text.
"""

from __future__ import annotations

import csv
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
               "confidence", "doubtful", "placed_at", "roles", "mentions", "mention_types", "evidence"]


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
    return {
        "article": story.article.path,
        "headline": story.article.headline,
        "dateline": story.article.dateline,
        "dates": list(story.article.dates),
        "places": places,
        "non_places": non_places,
        "unresolved": unresolved,
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
        lines.append(f"  {place.name} [{place.kind}, {code}] {where}{at}  confidence {place.confidence:.2f}{doubt}")
        lines.append(f"      mentions: {mentions}")
        for role in place.roles:
            lines.append(f"      {role.label}: \"{_clip(role.evidence)}\"")
    if story.unresolved:
        lines.append("  not mapped (no reading the text supports): " + ", ".join(
            dict.fromkeys(repr(m.text) for m in story.unresolved)))
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
