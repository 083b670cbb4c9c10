"""The geometry rules of the map, in one place, with their parameters.

Every distance is in kilometres, never in degrees (a degree of longitude is
93 km at 33°N but 111 km at the equator). Geometries arrive and leave in
lon/lat degrees; each rule works in a local equirectangular plane
(x = (lon - lon0) * 111.32 * cos(lat0), y = (lat - lat0) * 110.57, in km)
centred on the middle of the bounding box of the geometries it is given. That
is accurate to a few per cent over a country-sized area, needs no projection
library, and is defined alike for points, lines and polygons.

Directions come from the one vocabulary in ``geomap/data/lexicon.toml``
(:func:`geomap.lexicon.direction`): every builder that takes a direction
accepts every key and word there ("north", "northern", "south-west",
"centre"), and "central" (no bearing) always means the middle part.

Rules, and the module constants that set them:

* ``disc(lon, lat, radius_km)``: a town or region given only as a point.
* ``side_of(area, direction, fraction=SIDE_FRACTION)``: "western Syria" is
  the western ``fraction`` of Syria's extent measured along the direction
  (diagonals included); "central Syria" is Syria shrunk by ``fraction``
  about its centroid, intersected with itself.
* ``around(lon, lat, radius_km, direction)``: "the northern countryside of
  Aleppo": a disc pushed ``AROUND_SHIFT`` radii towards the side named and
  cut ``AROUND_BEHIND`` radii behind the place, so the place sits near its
  edge and the bulk lies on that side; "the central district of X" is the
  disc shrunk by ``SIDE_FRACTION``.
* ``border_band(area, neighbours, width_km=BORDER_BAND_KM)``: "near the
  border with Jordan": the part of the area within ``width_km`` of the
  border it shares with the neighbours. Natural Earth outlines of two
  neighbours do not coincide, so the area's boundary within
  ``BORDER_TOLERANCE_KM`` of a neighbour counts as shared; a neighbour that
  does not touch the area is measured from its own outline.
* ``further(area, reference, direction)``: "areas further north": the part
  of the area beyond the reference area in that direction (for "central",
  which has no beyond, the middle part).
* ``route(origin, destination)``: a supply line: from ``ROUTE_BACK_KM``
  inside the origin, across the middle of the shared border, to
  ``ROUTE_INTO_KM`` inside the destination (towards its interior, never past
  it); between countries with no common border, from the origin's interior
  to ``ROUTE_INTO_KM`` past the nearest point of the destination.
* ``union(geometries)`` and ``simplify_km(geometry, tolerance_km)``: many
  areas drawn as one, and outlines light enough for a map page;
  ``area_km2(geometry)``: how large an area is.

Results never leave the globe: whatever reaches past a pole or the
antimeridian (a disc around a polar station) is cut at lon ±180, lat ±90.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, box
from shapely.ops import nearest_points

from .lexicon import direction as _vocabulary_direction
from .lexicon import directions as _vocabulary

#: Width of the band along a border that "near the border" covers.
BORDER_BAND_KM = 50.0
#: Share of an area's extent that "northern X" covers.
SIDE_FRACTION = 0.5
#: Natural Earth borders of two neighbours do not coincide exactly: lines
#: within this distance of the neighbour count as the shared border.
BORDER_TOLERANCE_KM = 3.0
#: How far "around" pushes the area towards the side named, and how far
#: behind the place the area still reaches, as shares of its radius.
AROUND_SHIFT = 0.6
AROUND_BEHIND = 0.2
#: Where a route starts (inside the origin) and ends (inside the destination).
ROUTE_BACK_KM = 150.0
ROUTE_INTO_KM = 120.0

#: Half-width of the area a river or canal stands for.
CORRIDOR_KM = 10.0
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON_EQUATOR = 111.32
#: The local plane's east-west scale is taken no closer to a pole than this
#: latitude: at the pole itself a degree of longitude has no length.
PLANE_MAX_LATITUDE = 89.0
_GLOBE = box(-180.0, -90.0, 180.0, 90.0)


class _Plane:
    """A local km plane around a point, and the way back to degrees."""

    def __init__(self, lon0: float, lat0: float):
        self.lon0, self.lat0 = lon0, lat0
        scale_lat = max(-PLANE_MAX_LATITUDE, min(PLANE_MAX_LATITUDE, lat0))
        self.kx = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(scale_lat))

    @classmethod
    def around(cls, *geometries) -> "_Plane":
        west, south, east, north = shapely.total_bounds([g for g in geometries if g is not None])
        return cls((west + east) / 2, (south + north) / 2)

    def to_km(self, geometry):
        return shapely.transform(geometry, lambda xy: (xy - (self.lon0, self.lat0)) * (self.kx, KM_PER_DEGREE_LAT))

    def to_degrees(self, geometry):
        degrees = shapely.transform(geometry, lambda xy: xy / (self.kx, KM_PER_DEGREE_LAT) + (self.lon0, self.lat0))
        return _on_the_globe(degrees)


def _on_the_globe(geometry):
    """The geometry cut to lon -180..180, lat -90..90 (untouched when inside)."""
    if geometry.is_empty:
        return geometry
    west, south, east, north = geometry.bounds
    if west >= -180.0 and east <= 180.0 and south >= -90.0 and north <= 90.0:
        return geometry
    return geometry.intersection(_GLOBE)


def _unit(direction: str) -> tuple[float, float] | None:
    """The unit (east, north) step a direction word names; None for the
    middle ("central"). A word outside the vocabulary is a ValueError."""
    entry = _vocabulary_direction(direction)
    if entry is None:
        raise ValueError(f"unknown direction {direction!r}; expected one of "
                         f"{', '.join(_vocabulary())} (or any of their words)")
    return entry.unit


def _half_plane(unit, threshold: float, covering):
    """The part of the (km) plane where position along ``unit`` exceeds
    ``threshold``, large enough to hold all of ``covering`` whatever its shape
    (a country long across the direction, a threshold far outside it)."""
    ux, uy = unit
    reach = float(np.hypot(*shapely.get_coordinates(covering).T).max()) + abs(threshold) + 1.0
    # a large square, rotated so its lower edge is the threshold line
    corners = [(-reach, 0.0), (reach, 0.0), (reach, 2 * reach), (-reach, 2 * reach)]
    return shapely.Polygon([(threshold * ux + a * uy + b * ux, threshold * uy - a * ux + b * uy)
                            for a, b in corners])


def _extent_along(geometry, unit) -> tuple[float, float]:
    coords = shapely.get_coordinates(geometry)
    projected = coords @ unit
    return float(projected.min()), float(projected.max())


def disc(lon: float, lat: float, radius_km: float):
    """A circle of ``radius_km`` around the point (an ellipse in degrees)."""
    plane = _Plane(lon, lat)
    return plane.to_degrees(Point(0, 0).buffer(radius_km, quad_segs=16))


def corridor(line, width_km: float = CORRIDOR_KM):
    """The ground within ``width_km`` of a line: a river or canal as an area
    ("strikes along the Euphrates")."""
    plane = _Plane.around(line)
    return plane.to_degrees(plane.to_km(line).buffer(width_km, quad_segs=8))


def side_of(area, direction: str, fraction: float = SIDE_FRACTION):
    """The ``direction`` part of ``area``: "northern" keeps the northern
    ``fraction`` of its north-south extent; "central" the middle part.
    An empty area (a group none of whose members has an outline) stays empty."""
    unit = _unit(direction)
    if area.is_empty:
        return area
    plane = _Plane.around(area)
    local = plane.to_km(area)
    if unit is None:
        centre = local.centroid
        middle = affinity.scale(local, fraction, fraction, origin=centre)
        return plane.to_degrees(local.intersection(middle))
    low, high = _extent_along(local, unit)
    threshold = high - fraction * (high - low)
    return plane.to_degrees(local.intersection(_half_plane(unit, threshold, local)))


def around(lon: float, lat: float, radius_km: float, direction: str | None = None):
    """The surroundings of a place; with a direction, mostly on that side:
    a disc pushed ``AROUND_SHIFT`` radii that way, cut ``AROUND_BEHIND``
    radii behind the place. "central" is the middle: the disc shrunk by
    ``SIDE_FRACTION``, as :func:`side_of` shrinks an area."""
    if not direction:
        return disc(lon, lat, radius_km)
    unit = _unit(direction)
    if unit is None:
        return disc(lon, lat, radius_km * SIDE_FRACTION)
    if not radius_km > 0:
        return GeometryCollection()
    plane = _Plane(lon, lat)
    shifted = Point(unit[0] * AROUND_SHIFT * radius_km, unit[1] * AROUND_SHIFT * radius_km)
    local = shifted.buffer(radius_km, quad_segs=16)
    local = local.intersection(_half_plane(unit, -AROUND_BEHIND * radius_km, local))
    return plane.to_degrees(local)


def border_band(area, neighbours, width_km: float = BORDER_BAND_KM):
    """The part of ``area`` within ``width_km`` of its border with any of ``neighbours``."""
    neighbours = [n for n in neighbours if n is not None and not n.is_empty]
    if not neighbours or area is None or area.is_empty:
        return GeometryCollection()
    plane = _Plane.around(area)
    local = plane.to_km(area)
    near = shapely.union_all([plane.to_km(n) for n in neighbours])
    shared = local.boundary.intersection(near.buffer(BORDER_TOLERANCE_KM))
    # no common border (or outlines that do not meet): measure from the neighbour itself
    source = shared if not shared.is_empty else near
    return plane.to_degrees(local.intersection(source.buffer(width_km)))


def further(area, reference, direction: str):
    """The part of ``area`` beyond ``reference`` towards ``direction``; when
    none of it is beyond (the reference covers it), the writer still means
    that side of it. With no reference, that side; "central" has no beyond,
    so it is the middle part."""
    unit = _unit(direction)
    if area.is_empty:
        return area
    if unit is None or reference is None or reference.is_empty:
        return side_of(area, direction)
    plane = _Plane.around(area)
    local, ref = plane.to_km(area), plane.to_km(reference)
    _, ref_high = _extent_along(ref, unit)
    beyond = local.intersection(_half_plane(unit, ref_high, local))
    if beyond.is_empty:
        return side_of(area, direction)
    return plane.to_degrees(beyond)


def route(origin, destination) -> LineString:
    """A directed line from ``origin`` into ``destination`` (first point in the origin)."""
    plane = _Plane.around(origin, destination)
    start_area, end_area = plane.to_km(origin), plane.to_km(destination)
    shared = start_area.boundary.intersection(end_area.buffer(BORDER_TOLERANCE_KM))
    if not shared.is_empty:
        crossing = _middle_of(shared)
        start = _step_towards(crossing, start_area.representative_point(), ROUTE_BACK_KM, start_area)
    else:
        start = start_area.representative_point()
        crossing = nearest_points(end_area, start)[0]
    end = _step_towards(crossing, end_area.representative_point(), ROUTE_INTO_KM, end_area)
    return plane.to_degrees(LineString([start, crossing, end]))


def _middle_of(shared) -> Point:
    """The point halfway along the longest stretch of a shared border. The
    stretch is merged first: an outline's ring may start in the middle of
    the border and cut it in two."""
    lines = [g for g in shapely.get_parts(shared) if g.geom_type == "LineString"]
    if not lines:   # the outlines only touch at a corner
        return shared.representative_point()
    stretches = shapely.get_parts(shapely.line_merge(shapely.MultiLineString(lines)))
    return max(stretches, key=lambda g: g.length).interpolate(0.5, normalized=True)


def _step_towards(start: Point, target: Point, distance_km: float, inside) -> Point:
    """``distance_km`` from ``start`` towards ``target``, no further than it,
    and inside ``inside`` (else the target itself)."""
    dx, dy = target.x - start.x, target.y - start.y
    length = math.hypot(dx, dy)
    if length == 0:
        return target
    step = min(distance_km, length) / length
    point = Point(start.x + dx * step, start.y + dy * step)
    return point if inside.contains(point) else target


def union(geometries):
    """One geometry for many; nothing gives an empty collection."""
    geometries = [g for g in geometries if g is not None and not g.is_empty]
    return shapely.union_all(geometries) if geometries else GeometryCollection()


def area_km2(geometry) -> float:
    """The area of a geometry in square kilometres (in its local plane)."""
    if geometry is None or geometry.is_empty:
        return 0.0
    plane = _Plane.around(geometry)
    return float(plane.to_km(geometry).area)


def simplify_km(geometry, tolerance_km: float, min_part_km2: float = 0.0):
    """Fewer vertices, within ``tolerance_km``: keeps map pages small.
    ``min_part_km2``: the pieces of an area smaller than this are left out
    (islets a drawing of that detail shows as specks, each still costing
    its vertices), never the largest."""
    if geometry.is_empty:
        return geometry
    plane = _Plane.around(geometry)
    flat = plane.to_km(geometry)
    if min_part_km2 > 0 and flat.geom_type == "MultiPolygon":
        parts = sorted(flat.geoms, key=lambda part: part.area, reverse=True)
        flat = MultiPolygon(parts[:1] + [part for part in parts[1:] if part.area >= min_part_km2])
    return plane.to_degrees(flat.simplify(tolerance_km, preserve_topology=True))
