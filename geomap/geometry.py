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


class UndrawableError(Exception):
    """A geometry rule failed for one shape (logged once; the shape falls back)."""


class GeometryBuilder:
    """Builds shapes for a story's places from country outlines in the gazetteer."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self._outlines: dict[str, object] = {}

    def build(self, places: list[Place]) -> list[Shape]:
        """The shapes of a story's roles; never raises for one bad shape (see the module doc)."""
        by_id = {p.id: p for p in places}
        memo: dict[tuple, tuple] = {}     # what a geometry is made from -> (geometry, failure)
        drawn: list[tuple[tuple, Shape]] = []
        try:
            spared_area = _remembered(memo, ("spared",), "areas not targeted",
                                      lambda: shapes.union(self._spared_areas(places, by_id, memo)))
        except UndrawableError:   # strike areas are then drawn whole
            spared_area = GeometryCollection()
        for place in places:
            specific = {r.name for r in place.roles if r.extent is not None}
            for role in place.roles:
                if role.name == "supply_route" and role.extent is not None:
                    drawn.extend(self._routes(place, role, by_id, memo))
                    continue
                if role.name not in AREA_ROLES:
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
        group's members, a region's or town's disc."""
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
        return shapes.disc(place.longitude, place.latitude, radius)

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
            return shapes.border_band(self._area(place, memo), neighbours)
        if extent.kind == "further":
            area = self._area(place, memo)
            reference = (self._extent_area(place, extent.reference, by_id, memo)
                         if extent.reference else None)
            if reference is None or reference.is_empty:
                return shapes.side_of(area, extent.direction)
            return shapes.further(area, reference, extent.direction)
        return None

    def _routes(self, destination: Place, role: Role, by_id, memo) -> list[tuple[tuple, Shape]]:
        """A line from each transit country into the destination, and from each
        named origin: straight into the destination where they share a border,
        else to where the nearest transit route starts."""
        routes = []
        starts = {}
        for place_id in role.extent.via:
            transit = by_id.get(place_id)
            if transit is None:
                continue
            line = self._route_line(transit, destination, memo, (transit.id, destination.id),
                                    lambda: shapes.route(self._area(transit, memo),
                                                         self._area(destination, memo)))
            if line is not None:
                starts[place_id] = line.coords[0]
            routes.append(self._route_shape(transit, destination, role, line))
        for place_id in role.extent.origins:
            origin = by_id.get(place_id)
            if origin is None or place_id in starts:
                continue
            line = self._route_line(origin, destination, memo,
                                    (origin.id, destination.id, tuple(starts.items())),
                                    lambda: self._origin_line(origin, destination, starts, memo))
            routes.append(self._route_shape(origin, destination, role, line))
        return routes

    def _origin_line(self, origin: Place, destination: Place, starts, memo) -> LineString:
        origin_area, target = self._area(origin, memo), self._area(destination, memo)
        if starts and not _remembered(memo, (origin.id, "reach"), origin.name,
                                      lambda: origin_area.buffer(0.05)).intersects(target):
            begin = origin_area.representative_point()
            nearest = min(starts.values(), key=lambda xy: begin.distance(Point(xy)))
            return LineString([begin.coords[0], nearest])
        return shapes.route(origin_area, target)

    @staticmethod
    def _route_line(origin: Place, destination: Place, memo, key, make) -> LineString | None:
        """The route ``make()`` draws, once per story, or None when it fails."""
        try:
            return _remembered(memo, ("route",) + key, _route_label(origin, destination), make)
        except UndrawableError:
            return None

    @staticmethod
    def _route_shape(origin: Place, destination: Place, role: Role, line) -> tuple[tuple, Shape]:
        """(what is drawn, the shape) for a route; ``line`` None: drawn straight
        between the two places, and the label says so."""
        label = _route_label(origin, destination)
        if line is None:
            line = LineString([(origin.longitude, origin.latitude),
                               (destination.longitude, destination.latitude)])
            label += UNDRAWN_ROUTE_NOTE
        shape = Shape(role="supply_route", label=label, geometry=line, evidence=role.evidence,
                      start=role.start, end=role.end, places=(origin.id, destination.id))
        return ("supply_route", label, shape.places, tuple(line.coords)), shape


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


def _route_label(origin: Place, destination: Place) -> str:
    return f"supply route: {origin.name} → {destination.name}"


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
    """One shape per (role, label, sentence): the same sentence naming a zone
    twice draws it once. Then one shape per drawn thing: the same role,
    label, places and geometry given by many sentences is drawn once, with
    the first sentence as its evidence (the place's roles keep every
    sentence), so a story repeating "strikes on X" a thousand times draws X once."""
    per_sentence: dict[tuple, tuple[tuple, Shape]] = {}
    for what, shape in drawn:
        per_sentence.setdefault((shape.role, shape.label, shape.start), (what, shape))
    per_drawing: dict[tuple, Shape] = {}
    for what, shape in per_sentence.values():
        per_drawing.setdefault(what, shape)
    return list(per_drawing.values())
