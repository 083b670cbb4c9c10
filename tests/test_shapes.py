"""The geometry rules, on two made-up neighbouring countries at 33°N:
country A (33–36°E) and country B (36–39°E), sharing the meridian 36°E."""

import math

import pytest
from shapely.geometry import GeometryCollection, LineString, Point, Polygon, box

from geomap import shapes

COUNTRY_A = box(33, 31, 36, 35)
COUNTRY_B = box(36, 31, 39, 35)
BORDER = LineString([(36, 31), (36, 35)])
KM_PER_DEGREE_LON = 111.32 * 0.8387   # cos(33°)
KM_PER_DEGREE_LAT = 110.57


def km_east(lon, lat, km):
    return Point(lon + km / KM_PER_DEGREE_LON, lat)


def km_north(lon, lat, km):
    return Point(lon, lat + km / KM_PER_DEGREE_LAT)


def km_between(a, b):
    return math.hypot((a[0] - b[0]) * KM_PER_DEGREE_LON, (a[1] - b[1]) * KM_PER_DEGREE_LAT)


def test_disc_radius_is_in_kilometres_not_degrees():
    disc = shapes.disc(36.0, 33.0, 50)
    assert disc.contains(km_east(36.0, 33.0, 45)) and not disc.contains(km_east(36.0, 33.0, 55))
    assert disc.contains(km_north(36.0, 33.0, 45)) and not disc.contains(km_north(36.0, 33.0, 55))


def test_side_of_north_keeps_the_northern_part():
    north = shapes.side_of(COUNTRY_B, "north")
    assert north.contains(Point(37.5, 34.5)) and not north.contains(Point(37.5, 31.5))


def test_side_of_keeps_the_given_fraction_of_the_extent():
    assert shapes.side_of(COUNTRY_B, "north").area == pytest.approx(COUNTRY_B.area / 2, rel=0.01)
    assert shapes.side_of(COUNTRY_B, "north", 0.25).area == pytest.approx(COUNTRY_B.area / 4, rel=0.01)


def test_side_of_west_keeps_the_western_part():
    west = shapes.side_of(COUNTRY_B, "west")
    assert west.contains(Point(36.5, 33)) and not west.contains(Point(38.5, 33))


def test_side_of_southeast_keeps_the_southeastern_corner():
    corner = shapes.side_of(COUNTRY_B, "southeast")
    assert corner.contains(Point(38.5, 31.5)) and not corner.contains(Point(36.5, 34.5))


def test_side_of_central_keeps_the_middle():
    middle = shapes.side_of(COUNTRY_B, "central")
    assert middle.contains(COUNTRY_B.centroid) and not middle.contains(Point(36.1, 31.1))


def test_side_of_is_never_outside_the_area():
    assert shapes.side_of(COUNTRY_B, "northwest").within(COUNTRY_B.buffer(1e-9))


def test_side_of_a_long_thin_area_keeps_its_whole_length():
    long_thin = box(30, 0, 31, 40)   # 110 km wide, 4,400 km long
    east = shapes.side_of(long_thin, "east")
    assert east.contains(Point(30.8, 1)) and east.contains(Point(30.8, 39))


def test_side_of_an_empty_area_is_empty():
    assert shapes.side_of(GeometryCollection(), "north").is_empty


def test_side_of_rejects_unknown_direction():
    with pytest.raises(ValueError, match="unknown direction"):
        shapes.side_of(COUNTRY_B, "upwards")


def test_around_north_lies_mostly_north_of_the_place():
    area = shapes.around(37.5, 33.0, 25, "north")
    assert area.contains(km_north(37.5, 33.0, 15)) and area.contains(km_north(37.5, 33.0, 35))
    assert not area.contains(km_north(37.5, 33.0, -20))
    assert area.centroid.y > 33.0


def test_around_with_a_direction_still_holds_the_place():
    assert shapes.around(37.5, 33.0, 25, "west").contains(Point(37.5, 33.0))


def test_around_without_direction_is_a_disc():
    assert shapes.around(37.5, 33.0, 25).equals(shapes.disc(37.5, 33.0, 25))


def test_border_band_hugs_the_shared_border():
    band = shapes.border_band(COUNTRY_B, [COUNTRY_A])
    assert band.contains(km_east(36.0, 33.0, 30))
    assert not band.contains(km_east(36.0, 33.0, 80))
    assert band.within(COUNTRY_B.buffer(1e-9))


def test_border_band_width_is_in_kilometres():
    band = shapes.border_band(COUNTRY_B, [COUNTRY_A], width_km=100)
    assert band.contains(km_east(36.0, 33.0, 90)) and not band.contains(km_east(36.0, 33.0, 110))


def test_border_band_covers_only_the_border_with_the_neighbour():
    southern_neighbour = box(36, 28, 39, 31)
    band = shapes.border_band(COUNTRY_B, [southern_neighbour])
    assert band.contains(km_north(37.5, 31.0, 30)) and not band.contains(km_east(36.0, 33.0, 30))


def test_border_band_tolerates_outlines_that_do_not_quite_meet():
    slightly_apart = box(33, 31, 35.99, 35)   # about 1 km short of the border
    band = shapes.border_band(COUNTRY_B, [slightly_apart], width_km=50)
    assert band.contains(km_east(36.0, 33.0, 45))


def test_border_band_with_a_distant_neighbour_measures_from_the_neighbour():
    far = box(33, 31, 35.8, 35)   # a gap of about 19 km
    band = shapes.border_band(COUNTRY_B, [far], width_km=50)
    assert band.contains(km_east(36.0, 33.0, 20)) and not band.contains(km_east(36.0, 33.0, 40))


def test_border_band_without_neighbours_is_empty():
    assert shapes.border_band(COUNTRY_B, []).is_empty


def test_further_north_lies_beyond_the_reference():
    reference = box(36, 31, 39, 32)
    beyond = shapes.further(COUNTRY_B, reference, "north")
    assert beyond.contains(Point(37.5, 33.5)) and not beyond.contains(Point(37.5, 31.5))


def test_further_north_than_a_distant_southern_reference_is_the_whole_area():
    beyond = shapes.further(COUNTRY_B, box(36, -11, 39, -10), "north")
    assert beyond.equals(COUNTRY_B)


def test_further_with_nothing_beyond_the_reference_falls_back_to_that_side():
    beyond = shapes.further(COUNTRY_B, box(35, 30, 40, 36), "north")
    assert beyond.equals(shapes.side_of(COUNTRY_B, "north"))


def test_route_starts_in_origin_crosses_border_and_ends_inside_destination():
    line = shapes.route(COUNTRY_A, COUNTRY_B)
    assert isinstance(line, LineString)
    assert COUNTRY_A.contains(Point(line.coords[0])) and COUNTRY_B.contains(Point(line.coords[-1]))
    assert line.crosses(BORDER)


def test_route_runs_from_origin_to_destination_not_back():
    line = shapes.route(COUNTRY_B, COUNTRY_A)
    assert COUNTRY_B.contains(Point(line.coords[0])) and COUNTRY_A.contains(Point(line.coords[-1]))


def test_route_crosses_the_middle_of_the_shared_border():
    # the outline's ring starts halfway along the border, splitting it in two
    country_a = Polygon([(36, 32), (36, 35), (33, 35), (33, 31), (36, 31)])
    crossing = shapes.route(country_a, COUNTRY_B).intersection(BORDER)
    assert crossing.y == pytest.approx(33.0, abs=0.01)


def test_route_starts_a_set_distance_inside_the_origin():
    wide_origin = box(30, 31, 36, 35)   # its interior is further back than ROUTE_BACK_KM
    start, crossing, _ = shapes.route(wide_origin, COUNTRY_B).coords
    assert km_between(start, crossing) == pytest.approx(shapes.ROUTE_BACK_KM, rel=0.05)


def test_route_ends_a_set_distance_inside_the_destination():
    _, crossing, end = shapes.route(COUNTRY_A, COUNTRY_B).coords
    assert km_between(crossing, end) == pytest.approx(shapes.ROUTE_INTO_KM, rel=0.05)


def test_route_into_a_small_destination_stops_at_its_interior():
    small = box(36, 32.9, 36.5, 33.1)   # 45 km deep, less than ROUTE_INTO_KM
    end = Point(shapes.route(COUNTRY_A, small).coords[-1])
    assert small.contains(end)
    assert end.x <= small.representative_point().x + 1e-9


def test_route_between_non_neighbours_reaches_destination():
    line = shapes.route(box(20, 31, 25, 35), COUNTRY_B)
    assert box(20, 31, 25, 35).contains(Point(line.coords[0]))
    assert COUNTRY_B.contains(Point(line.coords[-1]))


def test_union_merges_neighbours_into_one_area():
    merged = shapes.union([COUNTRY_A, COUNTRY_B])
    assert merged.equals(box(33, 31, 39, 35))


def test_union_of_nothing_is_empty():
    nothing = shapes.union([])
    assert nothing.is_empty and isinstance(nothing, GeometryCollection)


def test_simplify_km_reduces_vertices():
    wiggly = shapes.disc(37.0, 33.0, 100)
    simple = shapes.simplify_km(wiggly, 5)
    assert len(simple.exterior.coords) < len(wiggly.exterior.coords)


def test_simplify_km_stays_within_the_tolerance():
    wiggly = shapes.disc(37.0, 33.0, 100)
    simple = shapes.simplify_km(wiggly, 5)
    assert simple.contains(shapes.disc(37.0, 33.0, 94))
    assert simple.within(shapes.disc(37.0, 33.0, 100.5))


def test_simplifying_with_a_smallest_part_leaves_out_islets_but_never_the_largest_part():
    from shapely.geometry import MultiPolygon
    mainland, islet = box(30, 30, 32, 32), box(35, 30, 35.01, 30.01)      # ~1 km² islet
    kept = shapes.simplify_km(MultiPolygon([islet, mainland]), 1.0, min_part_km2=10.0)
    assert kept.bounds == pytest.approx((30, 30, 32, 32))
    alone = shapes.simplify_km(MultiPolygon([islet]), 1.0, min_part_km2=10.0)
    assert not alone.is_empty
