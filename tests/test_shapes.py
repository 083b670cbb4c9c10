"""The geometry rules, on two made-up neighbouring countries at 33°N:
West (33–36°E) and East (36–39°E), sharing the meridian 36°E."""

import pytest
from shapely.geometry import LineString, Point, box

from geomap import shapes

WEST = box(33, 31, 36, 35)
EAST = box(36, 31, 39, 35)
KM_PER_DEGREE_LON = 111.32 * 0.8387   # cos(33°)


def km_east(lon, lat, km):
    return Point(lon + km / KM_PER_DEGREE_LON, lat)


def km_north(lon, lat, km):
    return Point(lon, lat + km / 110.57)


def test_disc_radius_is_in_kilometres_not_degrees():
    disc = shapes.disc(36.0, 33.0, 50)
    assert disc.contains(km_east(36.0, 33.0, 45)) and not disc.contains(km_east(36.0, 33.0, 55))
    assert disc.contains(km_north(36.0, 33.0, 45)) and not disc.contains(km_north(36.0, 33.0, 55))


def test_side_of_north_keeps_the_northern_half():
    north = shapes.side_of(EAST, "north")
    assert north.contains(Point(37.5, 34.5)) and not north.contains(Point(37.5, 31.5))
    assert north.area == pytest.approx(EAST.area / 2, rel=0.01)


def test_side_of_west_keeps_the_western_part():
    west = shapes.side_of(EAST, "west")
    assert west.contains(Point(36.5, 33)) and not west.contains(Point(38.5, 33))


def test_side_of_central_keeps_the_middle():
    middle = shapes.side_of(EAST, "central")
    assert middle.contains(EAST.centroid) and not middle.contains(Point(36.1, 31.1))


def test_side_of_rejects_an_unknown_direction():
    with pytest.raises(ValueError, match="unknown direction"):
        shapes.side_of(EAST, "upwards")


def test_around_north_lies_mostly_north_of_the_place():
    area = shapes.around(37.5, 33.0, 25, "north")
    assert area.contains(km_north(37.5, 33.0, 15)) and area.contains(km_north(37.5, 33.0, 35))
    assert not area.contains(km_north(37.5, 33.0, -20))
    assert area.centroid.y > 33.0


def test_around_without_direction_is_a_disc():
    assert shapes.around(37.5, 33.0, 25).equals(shapes.disc(37.5, 33.0, 25))


def test_border_band_hugs_the_shared_border():
    band = shapes.border_band(EAST, [WEST])
    assert band.contains(km_east(36.0, 33.0, 30))
    assert not band.contains(km_east(36.0, 33.0, 80))
    assert band.within(EAST.buffer(1e-9))


def test_border_band_width_is_in_kilometres():
    band = shapes.border_band(EAST, [WEST], width_km=100)
    assert band.contains(km_east(36.0, 33.0, 90)) and not band.contains(km_east(36.0, 33.0, 110))


def test_border_band_without_neighbours_is_empty():
    assert shapes.border_band(EAST, []).is_empty


def test_border_band_with_a_distant_neighbour_measures_from_the_neighbour():
    far = box(33, 31, 35.8, 35)   # a gap of about 19 km
    band = shapes.border_band(EAST, [far], width_km=50)
    assert band.contains(km_east(36.0, 33.0, 20)) and not band.contains(km_east(36.0, 33.0, 40))


def test_further_north_lies_beyond_the_reference():
    reference = box(36, 31, 39, 32)
    beyond = shapes.further(EAST, reference, "north")
    assert beyond.contains(Point(37.5, 33.5)) and not beyond.contains(Point(37.5, 31.5))


def test_route_starts_in_origin_crosses_the_border_and_ends_inside_destination():
    line = shapes.route(WEST, EAST)
    assert isinstance(line, LineString)
    assert WEST.contains(Point(line.coords[0])) and EAST.contains(Point(line.coords[-1]))
    assert line.crosses(LineString([(36, 31), (36, 35)]))


def test_route_end_is_a_set_distance_inside_the_destination():
    end = Point(shapes.route(WEST, EAST).coords[-1])
    assert (end.x - 36.0) * KM_PER_DEGREE_LON == pytest.approx(shapes.ROUTE_INTO_KM, rel=0.05)


def test_route_between_non_neighbours_reaches_into_the_destination():
    line = shapes.route(box(20, 31, 25, 35), EAST)
    assert EAST.contains(Point(line.coords[-1]))


def test_union_of_nothing_is_empty():
    assert shapes.union([]).is_empty


def test_simplify_km_reduces_vertices_within_tolerance():
    wiggly = shapes.disc(37.0, 33.0, 100)
    simple = shapes.simplify_km(wiggly, 5)
    assert len(simple.exterior.coords) < len(wiggly.exterior.coords)
    assert simple.symmetric_difference(wiggly).area < 0.05 * wiggly.area
