"""Stage 5: turn roles with extents into shapes the map draws.

The geometry rules themselves (widths, fractions, where a route ends) are in
:mod:`geomap.shapes`; this module decides which rule each role asks for and
what area each place stands for.
"""

from __future__ import annotations

from shapely.geometry import LineString, Point

from . import shapes
from .model import Extent, Place, Role, Shape

#: Extent of a town given only as a point (km): a struck town is drawn as a disc.
TOWN_RADIUS_KM = 8.0
#: Default "countryside" radius around a town (km), when the gazetteer gives none.
SURROUNDINGS_KM = 25.0
AREA_ROLES = ("strike", "not_targeted", "zone", "position")


class GeometryBuilder:
    """Builds shapes for a story's places from country outlines in the gazetteer."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer

    def build(self, places: list[Place]) -> list[Shape]:
        by_id = {p.id: p for p in places}
        built: list[Shape] = []
        spared = [self._extent_area(p, r.extent, by_id) for p in places for r in p.roles
                  if r.name == "not_targeted"]
        spared_area = shapes.union([g for g in spared if g is not None])
        for place in places:
            specific = {r.name for r in place.roles if r.extent is not None}
            for role in place.roles:
                if role.name == "supply_route" and role.extent is not None:
                    built.extend(self._routes(place, role, by_id))
                    continue
                if role.name not in AREA_ROLES:
                    continue
                # The most specific evidence wins: "strikes in Syria" and "strikes
                # in western Syria" draw western Syria.
                if role.extent is None and role.name in specific:
                    continue
                if role.extent is None and place.kind in ("city",) and role.name == "position":
                    continue
                area = self._extent_area(place, role.extent, by_id)
                if area is None or area.is_empty:
                    continue
                if role.name == "strike" and not spared_area.is_empty:
                    area = area.difference(spared_area)
                    if area.is_empty:
                        continue
                built.append(Shape(role=role.name, label=_shape_label(place, role, by_id), geometry=area,
                                   evidence=role.evidence, start=role.start, end=role.end,
                                   places=(place.id,) + _related(role.extent)))
        return _merge_duplicates(built)

    # -- areas ----------------------------------------------------------------
    def area_of(self, place: Place):
        """The area a place stands for: a country's outline, a group's members,
        a region's or town's disc."""
        if place.kind == "country" and place.country_code:
            country = self.gazetteer.country(place.country_code)
            if country is not None and country.geometry is not None:
                return country.geometry
        # groups, and regions defined by their member countries ("the Levant")
        if place.members and (place.kind == "group" or place.radius_km is None):
            outlines = [self.gazetteer.country(code) for code in place.members]
            return shapes.union([c.geometry for c in outlines if c and c.geometry is not None])
        radius = place.radius_km or TOWN_RADIUS_KM
        return shapes.disc(place.longitude, place.latitude, radius)

    def _extent_area(self, place: Place, extent: Extent | None, by_id):
        if extent is None or extent.kind == "place":
            return self.area_of(place)
        if extent.kind == "side":
            return shapes.side_of(self.area_of(place), extent.direction or "central")
        if extent.kind == "around":
            radius = place.radius_km or SURROUNDINGS_KM
            return shapes.around(place.longitude, place.latitude, radius, extent.direction)
        if extent.kind == "border":
            neighbours = [self.area_of(by_id[i]) for i in extent.neighbours if i in by_id]
            return shapes.border_band(self.area_of(place), neighbours)
        if extent.kind == "further":
            area = self.area_of(place)
            reference = self._extent_area(place, extent.reference, by_id) if extent.reference else None
            if reference is None or reference.is_empty:
                return shapes.side_of(area, extent.direction)
            return shapes.further(area, reference, extent.direction)
        return None

    def _routes(self, destination: Place, role: Role, by_id) -> list[Shape]:
        """A line from each transit country into the destination, and from each
        named origin: straight into the destination where they share a border,
        else to where the nearest transit route starts."""
        target = self.area_of(destination)
        routes: list[Shape] = []
        starts = {}
        for place_id in role.extent.via:
            transit = by_id[place_id]
            line = shapes.route(self.area_of(transit), target)
            starts[place_id] = line.coords[0]
            routes.append(self._route_shape(transit, destination, role, line))
        for place_id in role.extent.origins:
            if place_id in starts:
                continue
            origin = by_id[place_id]
            origin_area = self.area_of(origin)
            if starts and not origin_area.buffer(0.05).intersects(target):
                begin = origin_area.representative_point()
                nearest = min(starts.values(), key=lambda xy: begin.distance(Point(xy)))
                line = LineString([begin.coords[0], nearest])
            else:
                line = shapes.route(origin_area, target)
            routes.append(self._route_shape(origin, destination, role, line))
        return routes

    def _route_shape(self, origin: Place, destination: Place, role: Role, line) -> Shape:
        return Shape(role="supply_route", label=f"supply route: {origin.name} → {destination.name}",
                     geometry=line, evidence=role.evidence, start=role.start, end=role.end,
                     places=(origin.id, destination.id))


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
        where = f"{extent.direction} of " if extent.direction else ""
        return f"{role.label}: around {where}{place.name}"
    if extent is not None and extent.kind == "border":
        names = " and ".join(by_id[i].name for i in extent.neighbours if i in by_id)
        return f"{role.label}: {place.name} near the border with {names}"
    return f"{role.label}: {place.name}"


def _adjective(direction: str) -> str:
    """"north" -> "northern", as a reader writes it."""
    return direction if direction == "central" else f"{direction}ern"


def _merge_duplicates(built: list[Shape]) -> list[Shape]:
    """One shape per (role, label, evidence): the same sentence naming a zone twice draws it once."""
    seen: dict[tuple, Shape] = {}
    for shape in built:
        key = (shape.role, shape.label, shape.start)
        if key not in seen:
            seen[key] = shape
    return list(seen.values())
