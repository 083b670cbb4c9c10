"""Roles on the role stories: geomap against the gold roles of ``roles_dev.json``.

    python bench/eval_roles.py [STORIES] [--stories] [--misses] [--json]

STORIES is the role set (format in ``README-roles.md`` beside it); by default
``../shared/eval/roles_dev.json`` beside the repository. Each story's text is
given to ``Geomapper().geoparse(text)`` as is, shapes included.

Scoring, as ``README-roles.md`` defines it:

* Role recall: the share of ``must_map`` entries whose place is found (its
  resolved name or one of its mention texts equals the entry's name, case
  and accents ignored) within ``km`` of the gold point, with one of its role
  labels containing one of ``role_any`` (lower case; ``[]`` is any role or a
  plain mention). Place recall: the same, roles ignored.
* not_role violations: entries whose named place carries a role whose label
  equals ``role`` (lower case); places absent from the output do not count.
  Reported also as a rate over the places geomap mapped.
* must_not_map violations: literal or metonymy mentions overlapping any
  occurrence of a must-not-map string.
* Zones: per gold zone, the shapes whose role or label contains ``key``
  (lower case): the zone holds if one of them contains every inside point
  and no outside point; inside points contained and outside points wrongly
  contained are counted over the union of those shapes; a zone with no such
  shape counts as missing.
* Routes: the share of ``[A, B]`` pairs that one supply line (a line shape
  whose role or label contains "supply") intersects both of, with the
  countries' Natural Earth outlines from the gazetteer.

``--stories`` prints one line per story; ``--misses`` every failed check.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from geopy.distance import great_circle
from shapely.geometry import Point

DEFAULT_STORIES = Path(__file__).resolve().parents[1] / "../shared/eval/roles_dev.json"
LINE_TYPES = ("LineString", "MultiLineString")
POLYGON_TYPES = ("Polygon", "MultiPolygon")


def fold(text: str) -> str:
    """Case and accents ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass
class Tally:
    must_map: int = 0
    placed: int = 0
    roled: int = 0
    not_role: int = 0
    not_role_violations: int = 0
    places_mapped: int = 0
    must_not_map_violations: int = 0
    zones: int = 0
    zones_held: int = 0
    zones_missing: int = 0
    inside: int = 0
    inside_contained: int = 0
    outside: int = 0
    outside_contained: int = 0
    routes: int = 0
    routes_joined: int = 0
    misses: list[str] = field(default_factory=list)
    per_role: Counter = field(default_factory=Counter)       # role -> entries
    per_role_hit: Counter = field(default_factory=Counter)   # role -> satisfied

    def add(self, other: "Tally") -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.misses.extend(other.misses)
        self.per_role.update(other.per_role)
        self.per_role_hit.update(other.per_role_hit)


def _matches(place, name: str) -> bool:
    wanted = fold(name)
    return fold(place.name) == wanted or any(fold(m.text) == wanted for m in place.mentions)


def _role_key(role_any: list[str]) -> str:
    return "/".join(role_any) if role_any else "(any)"


def score_story(story, gold: dict, gazetteer) -> Tally:
    tally = Tally()
    sid = gold["id"]
    for entry in gold["must_map"]:
        tally.must_map += 1
        key = _role_key(entry["role_any"])
        tally.per_role[key] += 1
        near = [p for p in story.places if _matches(p, entry["name"])
                and great_circle((p.latitude, p.longitude), (entry["lat"], entry["lon"])).km <= entry["km"]]
        if not near:
            tally.misses.append(f"{sid}: {entry['name']} not found within {entry['km']} km")
            continue
        tally.placed += 1
        labels = [label.lower() for p in near for label in p.role_names]
        if not entry["role_any"] or any(want in label for want in entry["role_any"] for label in labels):
            tally.roled += 1
            tally.per_role_hit[key] += 1
        else:
            tally.misses.append(f"{sid}: {entry['name']} lacks {key} (has {', '.join(labels) or 'no role'})")
    tally.places_mapped = len(story.places)
    for entry in gold["not_role"]:
        tally.not_role += 1
        if any(_matches(p, entry["name"]) and entry["role"] in (label.lower() for label in p.role_names)
               for p in story.places):
            tally.not_role_violations += 1
            tally.misses.append(f"{sid}: {entry['name']} wrongly has {entry['role']!r}")
    text = gold["text"]
    forbidden = [(start, start + len(name), name) for name in gold["must_not_map"]
                 for start in _occurrences(text, name)]
    for place in story.places:
        for mention in place.mentions:
            if mention.type not in ("literal", "metonymy"):
                continue
            for start, end, name in forbidden:
                if mention.start < end and start < mention.end:
                    tally.must_not_map_violations += 1
                    tally.misses.append(f"{sid}: {mention.text!r} mapped inside {name!r}")
    for zone in gold["zones"]:
        _score_zone(story, zone, tally, sid)
    for a, b in gold["routes"]:
        tally.routes += 1
        if _route_joins(story, a, b, gazetteer):
            tally.routes_joined += 1
        else:
            tally.misses.append(f"{sid}: no supply line joins {a} and {b}")
    return tally


def _occurrences(text: str, name: str):
    start = text.find(name)
    while start != -1:
        yield start
        start = text.find(name, start + 1)


def _score_zone(story, zone: dict, tally: Tally, sid: str) -> None:
    key = zone["key"].lower()
    tally.zones += 1
    tally.inside += len(zone["inside"])
    tally.outside += len(zone["outside"])
    shapes = [s.geometry for s in story.shapes
              if s.geometry.geom_type in POLYGON_TYPES and (key in s.role.lower() or key in s.label.lower())]
    if not shapes:
        tally.zones_missing += 1
        tally.misses.append(f"{sid}: no zone shape for {key!r}")
        return
    inside = [Point(lon, lat) for lat, lon in zone["inside"]]
    outside = [Point(lon, lat) for lat, lon in zone["outside"]]
    tally.inside_contained += sum(any(s.covers(p) for s in shapes) for p in inside)
    tally.outside_contained += sum(any(s.covers(p) for s in shapes) for p in outside)
    if any(all(s.covers(p) for p in inside) and not any(s.covers(p) for p in outside) for s in shapes):
        tally.zones_held += 1
    else:
        tally.misses.append(f"{sid}: zone {key!r} misses its inside points or covers outside ones")


def _route_joins(story, a: str, b: str, gazetteer) -> bool:
    outline_a, outline_b = gazetteer.outline(f"country:{a}"), gazetteer.outline(f"country:{b}")
    if outline_a is None or outline_b is None:
        return False
    return any(s.geometry.geom_type in LINE_TYPES and ("supply" in s.role.lower() or "supply" in s.label.lower())
               and s.geometry.intersects(outline_a) and s.geometry.intersects(outline_b)
               for s in story.shapes)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def summary(t: Tally) -> dict:
    return {
        "role_recall": round(_ratio(t.roled, t.must_map), 3),
        "place_recall": round(_ratio(t.placed, t.must_map), 3),
        "must_map": t.must_map,
        "not_role_violations": t.not_role_violations,
        "not_role_entries": t.not_role,
        "wrong_role_rate": round(_ratio(t.not_role_violations, t.places_mapped), 3),
        "places_mapped": t.places_mapped,
        "must_not_map_violations": t.must_not_map_violations,
        "zones_held": t.zones_held, "zones": t.zones, "zones_missing": t.zones_missing,
        "inside_contained": t.inside_contained, "inside": t.inside,
        "outside_contained": t.outside_contained, "outside": t.outside,
        "routes_joined": t.routes_joined, "routes": t.routes,
        "route_share": round(_ratio(t.routes_joined, t.routes), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="?", type=Path, default=DEFAULT_STORIES,
                        help="the role stories (default: ../shared/eval/roles_dev.json)")
    parser.add_argument("--stories", dest="per_story", action="store_true", help="one line per story")
    parser.add_argument("--misses", action="store_true", help="list every failed check")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    path = args.stories.resolve()
    if not path.is_file():
        sys.exit(f"eval_roles: no role stories at {path}")
    gold_stories = json.loads(path.read_text(encoding="utf-8"))

    from geomap import Geomapper
    mapper = Geomapper()
    total, per_story = Tally(), []
    started = time.perf_counter()
    for gold in gold_stories:
        story = mapper.geoparse(gold["text"])
        tally = score_story(story, gold, mapper.gazetteer)
        per_story.append((gold["id"], tally))
        total.add(tally)
    elapsed = time.perf_counter() - started
    result = summary(total)
    command = shlex.join(["python", *sys.argv])
    if args.json:
        print(json.dumps({"total": result, "stories": {sid: summary(t) for sid, t in per_story},
                          "command": command}, indent=1))
        return
    print(f"{len(gold_stories)} stories, {elapsed:.2f} s")
    print(f"role recall      {result['role_recall']:.3f}  ({total.roled}/{total.must_map} must-map entries)")
    print(f"place recall     {result['place_recall']:.3f}  ({total.placed}/{total.must_map})")
    print(f"wrong roles      {total.not_role_violations} of {total.not_role} not-role entries violated; "
          f"rate {result['wrong_role_rate']:.3f} of {total.places_mapped} places mapped")
    print(f"must-not-map     {total.must_not_map_violations} violations")
    print(f"zones            {total.zones_held}/{total.zones} held, {total.zones_missing} missing; inside points "
          f"{total.inside_contained}/{total.inside} contained, outside points {total.outside_contained}/"
          f"{total.outside} wrongly contained")
    print(f"routes           {total.routes_joined}/{total.routes} supply pairs joined")
    print("\nper role (must-map entries by role_any):")
    print(f"{'role_any':40} {'entries':>7} {'hit':>5} {'recall':>7}")
    for key in sorted(total.per_role, key=lambda k: -total.per_role[k]):
        n, hit = total.per_role[key], total.per_role_hit[key]
        print(f"{key:40} {n:7d} {hit:5d} {_ratio(hit, n):7.3f}")
    if args.per_story:
        print(f"\n{'story':28} {'role rec':>8} {'place rec':>9} {'wrong':>5} {'mnm':>4} {'zones':>6} {'routes':>6}")
        for sid, t in per_story:
            s = summary(t)
            print(f"{sid:28} {s['role_recall']:8.3f} {s['place_recall']:9.3f} {t.not_role_violations:5d} "
                  f"{t.must_not_map_violations:4d} {t.zones_held:>3}/{t.zones:<2} {t.routes_joined:>3}/{t.routes:<2}")
    if args.misses:
        print("\nmisses:")
        for line in total.misses:
            print(f"  {line}")
    print(f"\ncommand: {command}")


if __name__ == "__main__":
    main()
