"""Stage 5: turn roles with extents into shapes the map draws.

The geometry rules themselves (widths, fractions, where a route ends) are in
:mod:`geomap.shapes`; this module decides which rule each role asks for and
what area each place stands for.

Cost: each distinct (place, extent) area is built once per story, however
many sentences ask for it, and a map draws it once (see
:func:`_merge_duplicates`).

Failure: a shape that cannot be built (any error from a rule or from
shapely, or a geometry with coordinates that are not finite) never stops the
story. It is still drawn, at the place's point (a route: as a straight line
between the two places), with its role and evidence, and its label says the
area could not be drawn; the error is logged. A map reader then still sees
that the story gives the place that role, and is told the outline is missing,
rather than silently losing the role or the whole map.
"""

from __future__ import annotations

import logging

import numpy as np
import shapely
from shapely.geometry import GeometryCollection, LineString, Point

from . import shapes
from .lexicon import direction as vocabulary_direction
from .model import Extent, Place, Role, Shape

log = logging.getLogger(__name__)

#: Kinds the gazetteer may hold an outline (or a line) for.
OUTLINED_KINDS = ("admin1", "admin2", "water", "landform", "island")
#: Kinds whose disc (no outline in the gazetteer: "Darfur", "Jubaland") is cut
#: to their country's outline: a region does not reach across its border.
CLIPPED_KINDS = ("region", "admin1", "admin2")
#: Extent of a town given only as a point (km): a struck town is drawn as a disc.
TOWN_RADIUS_KM = 8.0
#: Default "countryside" radius around a town (km), when the gazetteer gives none.
SURROUNDINGS_KM = 25.0
AREA_ROLES = ("strike", "not_targeted", "zone", "position")
#: What is left of a strike area once the spared areas are taken out is
#: dropped in pieces smaller than this share of it: rounding slivers along
#: borders both areas share, not ground anyone struck.
SLIVER_SHARE = 1e-6
#: Added to the label of a shape whose area, or route, could not be drawn.
UNDRAWN_AREA_NOTE = " (area could not be drawn; shown at the place)"
UNDRAWN_ROUTE_NOTE = " (route could not be drawn; drawn straight)"


#: Places whose areas a builder keeps between stories (the oldest go first).
AREA_CACHE_SIZE = 4096


class UndrawableError(Exception):
    """A geometry rule failed for one shape (logged once; the shape falls back)."""


class GeometryBuilder:
    """Builds shapes for a story's places from country outlines in the gazetteer."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self._outlines: dict[str, object] = {}
        self._areas: dict[tuple, object] = {}      # place (id, kind, point) -> area, oldest first
        self._crossings: dict[tuple, tuple | None] = {}   # (place key, place key) -> leg

    def build(self, places: list[Place], roles: tuple[str, ...] | None = None) -> list[Shape]:
        """The shapes of a story's roles; never raises for one bad shape (see the module doc).
        ``roles``: only the areas of these roles (no routes), each drawn as
        in the whole story's shapes: what inferred roles read, at a fraction
        of the cost."""
        by_id = {p.id: p for p in places}
        memo: dict[tuple, tuple] = {}     # what a geometry is made from -> (geometry, failure)
        drawn: list[tuple[tuple, Shape]] = []
        try:
            spared_area = _remembered(memo, ("spared",), "areas not targeted",
                                      lambda: shapes.union(self._spared_areas(places, by_id, memo)))
        except UndrawableError:   # strike areas are then drawn whole
            spared_area = GeometryCollection()
        for place in places:
            # a band measured on the place's country (see _band_area) is no
            # part of the place: it does not replace the place's own area
            specific = {r.name for r in place.roles if r.extent is not None
                        and not (r.extent.kind == "border" and self._bands_its_country(place))}
            for role in place.roles:
                if role.extent is not None and role.extent.kind == "route":
                    if roles is None:
                        drawn.extend(self._routes(place, role, by_id, memo))
                    continue
                if role.name not in AREA_ROLES or roles is not None and role.name not in roles:
                    continue
                # The most specific evidence wins: "strikes in Syria" and "strikes
                # in western Syria" draw western Syria.
                if role.extent is None and role.name in specific:
                    continue
                if role.extent is None and place.kind in ("city",) and role.name == "position":
                    continue
                shape = self._area_shape(place, role, by_id, memo, spared_area)
                if shape is not None:
                    drawn.append(shape)
        return _merge_duplicates(drawn)

    def _area_shape(self, place, role, by_id, memo, spared_area) -> tuple[tuple, Shape] | None:
        """(what is drawn, the shape) for an area role, or None when the area is empty."""
        label = _shape_label(place, role, by_id)
        key = (place.id, role.extent)
        try:
            area = _remembered(memo, key, label, lambda: self._extent_area(place, role.extent, by_id, memo))
            if area is None or area.is_empty:
                return None
            if role.name == "strike" and not spared_area.is_empty:
                key = (place.id, role.extent, "not spared")
                area = _remembered(memo, key, label, lambda: _without_slivers(
                    area.difference(spared_area), area.area))
                if area.is_empty:
                    return None
        except UndrawableError:   # one shape's failure is not the story's
            area, label = Point(place.longitude, place.latitude), label + UNDRAWN_AREA_NOTE
        shape = Shape(role=role.name, label=label, geometry=area, evidence=role.evidence,
                      start=role.start, end=role.end, places=(place.id,) + _related(role.extent))
        return (role.name, label, shape.places, key), shape

    def _spared_areas(self, places, by_id, memo) -> list:
        """Areas the story says were not targeted; one that cannot be built is left out."""
        spared = []
        for place in places:
            for role in place.roles:
                if role.name != "not_targeted":
                    continue
                try:
                    spared.append(_remembered(memo, (place.id, role.extent),
                                              _shape_label(place, role, by_id),
                                              lambda: self._extent_area(place, role.extent, by_id, memo)))
                except UndrawableError:
                    continue
        # each distinct area once: a thousand sentences sparing X give one X
        return list({id(g): g for g in spared if g is not None}.values())

    # -- areas ----------------------------------------------------------------
    def area_of(self, place: Place):
        """The area a place stands for: a country's or division's outline, a
        group's members, a region's or town's disc. Worked out once per
        place per builder, not per story: a corpus names "Europe" (43
        countries unioned) or Syria again and again."""
        key = _place_key(place)
        area = self._areas.get(key)
        if area is None:
            if len(self._areas) >= AREA_CACHE_SIZE:
                self._areas.pop(next(iter(self._areas)))
            area = self._areas[key] = self._area_of(place)
        return area

    def _area_of(self, place: Place):
        if place.kind == "country" and place.country_code:
            outline = self._outline(place.country_code)
            if outline is not None:
                return outline
        # divisions, US counties, and waters and landforms drawn with a shape:
        # their outline (a river or canal: a corridor along it)
        if place.kind in OUTLINED_KINDS:
            outline = self._place_outline(place.id)
            if outline is not None:
                return outline if outline.area > 0 else shapes.corridor(outline)
        # groups, and regions defined by their member countries ("the Levant")
        if place.members and (place.kind == "group" or place.radius_km is None):
            return shapes.union([self._outline(code) for code in place.members])
        radius = place.radius_km or TOWN_RADIUS_KM
        area = shapes.disc(place.longitude, place.latitude, radius)
        if place.kind in CLIPPED_KINDS and place.country_code:
            # a region known only by its point and size stays in its country
            country = self._outline(place.country_code)
            if country is not None and country.intersects(area):
                clipped = area.intersection(country)
                if clipped.area > 0:
                    return clipped
        return area

    def _place_outline(self, place_id: str):
        """A place's outline from the gazetteer, repaired once if not valid
        (a self-intersecting ring makes every overlay on it fail)."""
        if place_id not in self._outlines:
            outline = self.gazetteer.outline(place_id)
            if outline is not None and not outline.is_valid:
                outline = shapely.make_valid(outline)
            self._outlines[place_id] = outline
        return self._outlines[place_id]

    def _outline(self, code: str):
        """A country's outline (see :meth:`_place_outline`)."""
        return self._place_outline(f"country:{code}")

    def _area(self, place: Place, memo):
        """:meth:`area_of`, once per place per story."""
        return _remembered(memo, (place.id,), place.name, lambda: self.area_of(place))

    def _band_area(self, place: Place, memo):
        """The area a border band is cut from: the place's outline; a place
        geomap has no outline for (a town, a division known only by its point:
        "near the border with Rwanda in North Kivu") stands for its country."""
        if self._bands_its_country(place):
            return self._outline(place.country_code)
        return self._area(place, memo)

    def _bands_its_country(self, place: Place) -> bool:
        """Whether a border band on the place is cut from its country (see :meth:`_band_area`)."""
        outlined = place.kind == "country" or (place.kind in OUTLINED_KINDS
                                               and self._place_outline(place.id) is not None)
        return not outlined and bool(place.country_code) and self._outline(place.country_code) is not None

    def _extent_area(self, place: Place, extent: Extent | None, by_id, memo):
        if extent is None or extent.kind == "place":
            return self._area(place, memo)
        if extent.kind == "side":
            return shapes.side_of(self._area(place, memo), extent.direction or "central")
        if extent.kind == "around":
            radius = place.radius_km or SURROUNDINGS_KM
            return shapes.around(place.longitude, place.latitude, radius, extent.direction)
        if extent.kind == "border":
            neighbours = [self._area(by_id[i], memo) for i in extent.neighbours if i in by_id]
            return shapes.border_band(self._band_area(place, memo), neighbours)
        if extent.kind == "further":
            area = self._area(place, memo)
            reference = (self._extent_area(place, extent.reference, by_id, memo)
                         if extent.reference else None)
            if reference is None or reference.is_empty:
                return shapes.side_of(area, extent.direction)
            return shapes.further(area, reference, extent.direction)
        return None

    def _routes(self, destination: Place, role: Role, by_id, memo) -> list[tuple[tuple, Shape]]:
        """The route as chains of stops, each drawn as one line in the order
        travelled: from each origin through the transits (``via``, in order)
        into the destination, and from the first transit on. Where a sentence
        gives alternative paths (one role each), an origin is drawn through
        the first only; the others are drawn from their own transits."""
        path = [by_id[i] for i in role.extent.via if i in by_id and i != destination.id]
        origins = [by_id[i] for i in role.extent.origins
                   if i in by_id and i != destination.id and i not in role.extent.via]
        chains = []
        for origin in origins:
            # "from A via B and C": A's line goes through one of them; each is drawn from itself
            once = ("origin drawn", origin.id, destination.id, role.start)
            if once not in memo:
                memo[once] = (None, None)
                chains.append([origin] + path + [destination])
        if path:
            chains.append(path + [destination])
        drawn = []
        for chain in chains:
            line = self._route_line(chain, memo)
            if line is None or not line.is_empty:   # empty: a transit town inside the destination
                drawn.append(self._route_shape(chain, role, line))
        return drawn

    def _origin_line(self, here: Place, there: Place, start, memo) -> list[tuple]:
        """One leg of a chain, from ``start`` (None: the leg begins the chain)
        into ``there``: between neighbouring areas across the middle of their
        shared border; to a town, straight to it; into an area not reached
        yet, to a set distance past its nearest point. A leg that begins
        inside ``there`` has arrived: it adds nothing."""
        there_area = self._area(there, memo)
        if start is None:
            if _drawn_as_area(here) and _drawn_as_area(there):
                crossing = self._border_crossing(here, there, memo)
                if crossing is not None:
                    return list(crossing)
            start = (_anchor(here, self._area(here, memo)) if _drawn_as_area(here)
                     else (here.longitude, here.latitude))
        if not _drawn_as_area(there):
            return [start, (there.longitude, there.latitude)]
        if there_area.contains(Point(start)):
            return [start]
        here_area = self._area(here, memo) if _drawn_as_area(here) else None
        if here_area is not None and here_area.contains(Point(start)) and _touching(here_area, there_area):
            _, crossing, end = shapes.route(here_area, there_area).coords
            return [start, crossing, end]
        line = shapes.route(shapes.disc(start[0], start[1], 1.0), there_area)
        return [start] + list(line.coords)[1:]

    def _border_crossing(self, here: Place, there: Place, memo) -> tuple | None:
        """The leg from area ``here`` across the middle of its border with
        ``there`` (coordinates), or None when they share none; worked out
        once per pair per builder: a corpus sends Turkey's supplies into
        Syria story after story."""
        key = (_place_key(here), _place_key(there))
        if key not in self._crossings:
            if len(self._crossings) >= AREA_CACHE_SIZE:
                self._crossings.pop(next(iter(self._crossings)))
            here_area, there_area = self._area(here, memo), self._area(there, memo)
            self._crossings[key] = tuple(shapes.route(here_area, there_area).coords) \
                if _touching(here_area, there_area) else None
        return self._crossings[key]

    def _route_line(self, chain: list[Place], memo) -> LineString | None:
        """The chain's line, once per story, or None when it cannot be drawn."""
        def make():
            coords: list[tuple] = []
            for here, there in zip(chain, chain[1:]):
                leg = self._origin_line(here, there, coords[-1] if coords else None, memo)
                coords.extend(leg if not coords else leg[1:])
            coords = [xy for index, xy in enumerate(coords) if index == 0 or xy != coords[index - 1]]
            return LineString(coords) if len(coords) > 1 else LineString()
        try:
            return _remembered(memo, ("route",) + tuple(p.id for p in chain), _route_label(chain), make)
        except UndrawableError:
            return None

    @staticmethod
    def _route_shape(chain: list[Place], role: Role, line) -> tuple[tuple, Shape]:
        """(what is drawn, the shape) for a route; ``line`` None: drawn straight
        through the places' points, and the label says so."""
        label = _route_label(chain, role)
        if line is None:
            points = [(p.longitude, p.latitude) for p in chain]
            line = LineString(points if len(set(points)) > 1 else points[:1] * 2)
            label += UNDRAWN_ROUTE_NOTE
        shape = Shape(role=role.name, label=label, geometry=line, evidence=role.evidence,
                      start=role.start, end=role.end, places=tuple(p.id for p in chain))
        return (role.name, label, shape.places, tuple(line.coords)), shape


def _remembered(memo: dict, key: tuple, label: str, make):
    """``make()``'s checked geometry, made once per key. A failure is
    remembered too, logged once, and raised as :class:`UndrawableError`
    each time it is asked for: a thousand sentences cost one attempt."""
    if key not in memo:
        try:
            memo[key] = (_checked(make()), None)
        except Exception as error:   # shapely's, numpy's or ours: any of them
            reason = f"{type(error).__name__}: {error}"
            log.warning("%s: not drawn (%s)", label, reason)
            memo[key] = (None, reason)
    geometry, reason = memo[key]
    if reason is not None:
        raise UndrawableError(reason)
    return geometry


def _checked(geometry):
    """A geometry a map can draw: valid (repaired when not), with finite
    coordinates (else a ValueError: the caller falls back to the place)."""
    if geometry is None or geometry.is_empty:
        return geometry
    if not np.isfinite(shapely.get_coordinates(geometry)).all():
        raise ValueError("geometry with coordinates that are not finite")
    return geometry if geometry.is_valid else shapely.make_valid(geometry)


def _without_slivers(geometry, whole_area: float):
    """The geometry without the polygons smaller than ``SLIVER_SHARE`` of
    ``whole_area`` (and without stray lines and points an overlay can leave)."""
    parts = shapely.get_parts(geometry)
    kept = [p for p in parts if p.geom_type == "Polygon" and p.area >= SLIVER_SHARE * whole_area]
    if len(kept) == len(parts):
        return geometry
    return shapes.union(kept)


def _route_label(chain: list[Place], role: Role | None = None) -> str:
    """"supply route (aid): Blantyre → Milange → Mozambique": the role's
    name (its label without the part), what moves (the cue's kind), the stops."""
    stops = " → ".join(p.name for p in chain)
    if role is None:
        return f"route: {stops}"
    name = role.label.split(" (")[0]
    kind = role.cue.split(":")[0] if ":" in role.cue else ""
    shown = f"{name} ({kind})" if kind and kind not in name else name
    return f"{shown}: {stops}"


#: Kinds drawn as areas on a route; other places (towns, facilities) are points on it.
_ROUTE_AREAS = ("country", "admin1", "admin2", "group", "region", "water", "landform", "island")


def _drawn_as_area(place: Place) -> bool:
    return place.kind in _ROUTE_AREAS


def _place_key(place: Place) -> tuple:
    """What a place's area depends on: the same key, the same area."""
    return place.id, place.kind, place.latitude, place.longitude, place.radius_km


def _touching(area, other) -> bool:
    """The two areas share a border (within the outlines' usual mismatch of
    0.05 degrees): an exact distance test, no buffered copy of a country."""
    return bool(shapely.dwithin(area, other, 0.05))


def _anchor(place: Place, area) -> tuple:
    """Where a route leaving an area starts: the place's own point when it
    lies inside the area, else a point inside the area."""
    point = Point(place.longitude, place.latitude)
    return point.coords[0] if area.contains(point) else area.representative_point().coords[0]


def _related(extent: Extent | None) -> tuple[str, ...]:
    if extent is None:
        return ()
    return tuple(dict.fromkeys(extent.neighbours + extent.via + extent.origins))


def _shape_label(place: Place, role: Role, by_id) -> str:
    extent = role.extent
    if role.name == "zone":
        return role.label
    if extent is not None and extent.kind == "side" and extent.direction:
        return f"{role.label}: {_adjective(extent.direction)} {place.name}"
    if extent is not None and extent.kind == "further" and extent.direction:
        return f"{role.label}: {place.name}, further {extent.direction}"
    if extent is not None and extent.kind == "around":
        entry = vocabulary_direction(extent.direction)
        if entry is not None and entry.bearing is None:   # "the central district of X"
            return f"{role.label}: {entry.adjective} {place.name}"
        where = f"{extent.direction} of " if extent.direction else ""
        return f"{role.label}: around {where}{place.name}"
    if extent is not None and extent.kind == "border":
        names = " and ".join(by_id[i].name for i in extent.neighbours if i in by_id)
        return f"{role.label}: {place.name} near the border with {names}"
    return f"{role.label}: {place.name}"


def _adjective(direction: str) -> str:
    """"north" -> "northern", "centre" -> "central", as a reader writes it."""
    entry = vocabulary_direction(direction)
    return entry.adjective if entry else direction


def _merge_duplicates(drawn: list[tuple[tuple, Shape]]) -> list[Shape]:
    """One shape per (role, label, places, sentence): the same sentence naming
    a zone twice draws it once (but a sentence giving a group two areas, "most
    of Darfur and the areas near the border with Chad", draws both). Then one shape per drawn thing: the same role,
    label, places and geometry given by many sentences is drawn once, with
    the first sentence as its evidence (the place's roles keep every
    sentence), so a story repeating "strikes on X" a thousand times draws X once."""
    per_sentence: dict[tuple, tuple[tuple, Shape]] = {}
    for what, shape in drawn:
        per_sentence.setdefault((shape.role, shape.label, shape.places, shape.start), (what, shape))
    per_drawing: dict[tuple, Shape] = {}
    for what, shape in per_sentence.values():
        per_drawing.setdefault(what, shape)
    return list(per_drawing.values())
