"""The pipeline never crashes, and its cost grows with the text, not faster.

One behaviour per test. Speed itself is measured in
bench/bench_pathological.py, never here: these tests check the structure
that keeps cost linear (bounded sentences, bounded anchors, patterns that
cannot backtrack over a run, rules that visit each mention a bounded number
of times), so they pass or fail alike on a fast or a loaded machine.
"""

import logging
from types import SimpleNamespace

import pytest
import shapely
from shapely.geometry import Point, Polygon, box

import geomap
from geomap import geometry, roles, shapes
from geomap.roles import clauses, route
from geomap.geometry import UNDRAWN_AREA_NOTE, UNDRAWN_ROUTE_NOTE, GeometryBuilder
from geomap.lexicon import direction, direction_words, directions
from geomap.mentions import MAX_SENTENCE_CHARS, sentence_spans
from geomap.model import Extent, Place, Role
from geomap.resolve import MAX_ANCHORS, _Anchors

AREA = box(36, 31, 39, 35)            # a made-up country at 33°N
NEIGHBOUR = box(33, 31, 36, 35)       # its western neighbour
KEYS = list(directions())


# -- made-up places, for the geometry stage alone -----------------------------
class _Outlines:
    """A gazetteer that knows only country outlines."""

    def __init__(self, **outlines):
        self.outlines = outlines

    def outline(self, place_id):
        kind, _, code = place_id.partition(":")
        return self.outlines.get(code) if kind == "country" else None


def _place(code, outline, kind="country"):
    centre = outline.centroid
    return Place(id=f"country:{code}", name=f"Land {code}", kind=kind, latitude=centre.y,
                 longitude=centre.x, country_code=code, geonameid=None, population=1,
                 confidence=1.0)


def _role(name, extent=None, sentence="Something happened there."):
    return Role(name=name, label=name, evidence=sentence, start=0, end=len(sentence), extent=extent)


def _story_places():
    return _place("AA", AREA), _place("BB", NEIGHBOUR)


# -- one vocabulary of directions ------------------------------------------------
def test_units_in_the_central_district_of_a_town_are_mapped():
    story = geomap.geoparse("Russian jets struck units in the central district of Bitlis on Monday.")
    bitlis = next(p for p in story.places if p.name == "Bitlis")
    assert [m.qualifier for m in bitlis.mentions] == ["around:central"]
    area = next(s for s in story.shapes if bitlis.id in s.places)
    assert area.geometry.contains(Point(bitlis.longitude, bitlis.latitude))
    assert UNDRAWN_AREA_NOTE not in area.label


def test_centre_center_and_middle_are_all_the_central_direction():
    assert {direction(w).key for w in ("central", "Centre", "center", "middle")} == {"central"}


def test_a_hyphenated_direction_qualifies_the_place_after_it():
    story = geomap.geoparse("Jets struck south-west Texas and the north-eastern outskirts of Aleppo.")
    qualifiers = {p.name: p.mentions[0].qualifier for p in story.places}
    assert qualifiers["Texas"] == "side:southwest"
    assert qualifiers["Aleppo"] == "around:northeast"


@pytest.mark.parametrize("word", direction_words())
def test_every_direction_word_builds_a_side_of_an_area(word):
    side = shapes.side_of(AREA, word)
    assert not side.is_empty and side.is_valid and side.within(AREA.buffer(1e-9))


@pytest.mark.parametrize("word", direction_words())
def test_every_direction_word_builds_an_area_around_a_place(word):
    around = shapes.around(37.0, 33.0, 25.0, word)
    assert not around.is_empty and around.is_valid


@pytest.mark.parametrize("word", direction_words())
def test_every_direction_word_builds_an_area_further_than_a_reference(word):
    further = shapes.further(AREA, box(37, 32, 38, 34), word)
    assert not further.is_empty and further.is_valid


@pytest.mark.parametrize("key", KEYS)
def test_every_direction_builds_every_kind_of_extent(key):
    here, there = _story_places()
    here.roles = [
        _role("strike", Extent(kind="side", direction=key)),
        _role("zone", Extent(kind="around", direction=key)),
        _role("position", Extent(kind="further", direction=key,
                                 reference=Extent(kind="side", direction="south"))),
        _role("not_targeted", Extent(kind="border", direction=key, neighbours=(there.id,))),
        _role("supply_route", Extent(kind="route", direction=key, via=(there.id,))),
    ]
    built = GeometryBuilder(_Outlines(AA=AREA, BB=NEIGHBOUR)).build([here, there])
    assert {s.role for s in built} == {"strike", "zone", "position", "not_targeted", "supply_route"}
    assert not any(UNDRAWN_AREA_NOTE in s.label or UNDRAWN_ROUTE_NOTE in s.label for s in built)


def test_central_is_the_middle_part_for_every_builder():
    middle = shapes.side_of(AREA, "centre")
    around = shapes.around(37.0, 33.0, 20.0, "middle")
    assert middle.contains(AREA.centroid) and not middle.intersects(box(36, 31, 36.3, 35))
    assert around.contains(Point(37.0, 33.0)) and around.area < shapes.disc(37.0, 33.0, 20.0).area
    assert shapes.further(AREA, box(37, 32, 38, 34), "central").equals(middle)


# -- a shape that cannot be built ------------------------------------------------
def _failing(*args, **kwargs):
    raise shapely.errors.GEOSException("TopologyException: side location conflict")


def test_an_area_that_fails_to_build_is_drawn_at_the_place(monkeypatch):
    monkeypatch.setattr(shapes, "side_of", _failing)
    story = geomap.geoparse("Russian jets bombed western Syria on Monday.")
    syria = next(p for p in story.places if p.name == "Syria")
    assert "strike" in {r.name for r in syria.roles}
    (shape,) = story.shapes
    assert shape.geometry.equals(Point(syria.longitude, syria.latitude))
    assert shape.label.endswith(UNDRAWN_AREA_NOTE)
    assert shape.evidence == "Russian jets bombed western Syria on Monday."


def test_a_route_that_fails_to_build_is_drawn_straight(monkeypatch):
    monkeypatch.setattr(shapes, "route", _failing)
    story = geomap.geoparse("Syria's rebels have been supplied with weapons via Turkey.")
    (route,) = [s for s in story.shapes if s.role == "supply_route"]
    assert route.geometry.geom_type == "LineString" and len(route.geometry.coords) == 2
    assert route.label.endswith(UNDRAWN_ROUTE_NOTE)


def test_a_failing_area_is_tried_and_logged_once_however_many_sentences_ask_for_it(monkeypatch, caplog):
    calls = []
    monkeypatch.setattr(shapes, "side_of", lambda *a, **k: calls.append(1) or _failing())
    with caplog.at_level(logging.WARNING, logger=geometry.__name__):
        story = geomap.geoparse("Russian jets bombed western Syria. " * 50)
    assert len(calls) == 1 and len(caplog.records) == 1
    assert len(story.shapes) == 1


def test_one_area_that_fails_leaves_the_others_drawn(monkeypatch):
    side_of = shapes.side_of
    monkeypatch.setattr(shapes, "side_of",
                        lambda area, word, *a: _failing() if word == "west" else side_of(area, word, *a))
    story = geomap.geoparse("Jets bombed western Syria. Jets bombed eastern Iraq.")
    drawn = {s.label: s.geometry.geom_type for s in story.shapes}
    assert drawn["strike area: eastern Iraq"] in ("Polygon", "MultiPolygon")
    assert drawn["strike area: western Syria" + UNDRAWN_AREA_NOTE] == "Point"


def test_a_country_outline_that_is_not_valid_is_repaired_before_use():
    bow_tie = Polygon([(36, 31), (39, 35), (39, 31), (36, 35)])
    place = _place("AA", box(36, 31, 39, 35))
    place.roles = [_role("strike", Extent(kind="side", direction="north"))]
    (shape,) = GeometryBuilder(_Outlines(AA=bow_tie)).build([place])
    assert shape.geometry.is_valid and not shape.geometry.is_empty
    assert UNDRAWN_AREA_NOTE not in shape.label


def test_areas_near_a_pole_or_the_antimeridian_stay_on_the_globe():
    for geometry_ in (shapes.around(0.0, 89.9, 500.0, "north"), shapes.disc(179.9, 10.0, 100.0),
                      shapes.disc(-179.9, -89.5, 300.0)):
        west, south, east, north = geometry_.bounds
        assert -180 <= west and east <= 180 and -90 <= south and north <= 90


def test_a_strike_area_wholly_within_a_spared_area_draws_nothing():
    here, there = _story_places()
    here.roles = [_role("strike", Extent(kind="side", direction="west")),
                  _role("not_targeted", Extent(kind="side", direction="west", neighbours=())),
                  _role("not_targeted", Extent(kind="side", direction="east"))]
    built = GeometryBuilder(_Outlines(AA=AREA, BB=NEIGHBOUR)).build([here, there])
    assert [s.role for s in built] == ["not_targeted", "not_targeted"]


def test_a_sentence_repeated_a_thousand_times_draws_its_area_once_and_keeps_every_sentence():
    story = geomap.geoparse("Russian jets struck targets in northern Aleppo. " * 1000)
    aleppo = next(p for p in story.places if p.name == "Aleppo")
    assert len([r for r in aleppo.roles if r.name == "strike"]) == 1000
    assert len(story.shapes) == 1


# -- bounded sentences ------------------------------------------------------------
def test_sentences_are_never_longer_than_the_bound_and_lose_no_word():
    text = "near the border with Jordan " * 9000     # 250 KB, no full stop
    spans = sentence_spans(text)
    assert max(end - start for start, end in spans) <= MAX_SENTENCE_CHARS
    assert " ".join(text[start:end] for start, end in spans).split() == text.split()


def test_an_over_long_sentence_is_cut_after_a_clause_mark():
    text = "Jets struck the town of Idlib, " * 100
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert len(pieces) > 1 and all(piece.endswith(",") for piece in pieces)


def test_an_over_long_sentence_without_clause_marks_is_cut_between_words():
    text = "jets struck the town of Idlib " * 100
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert len(pieces) > 1 and [w for piece in pieces for w in piece.split()] == text.split()


def test_a_word_longer_than_the_bound_is_cut_at_the_bound():
    spans = sentence_spans("x" * (3 * MAX_SENTENCE_CHARS))
    assert [end - start for start, end in spans] == [MAX_SENTENCE_CHARS] * 3


def test_an_ordinary_long_sentence_is_not_cut():
    sentence = ("Areas where the rebels operate near the border with Jordan and Israel have not "
                "been targeted in Russian air strikes, which have struck areas further north, "
                "officials said on Monday, adding that ") * 2 + "fighting continued."
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert sentence_spans(sentence) == [(0, len(sentence))]


def test_a_250_kb_article_gives_mentions_and_roles_in_proportion_to_its_length():
    unit = "near the border with Jordan "

    def counts(repeats):
        story = geomap.geoparse(unit * repeats)
        mentions = [m for p in story.places for m in p.mentions]
        assert all(len(m.sentence) <= MAX_SENTENCE_CHARS for m in mentions)
        return len(mentions), sum(len(p.roles) for p in story.places)

    half, whole = counts(4500), counts(9000)      # 125 KB and 250 KB
    assert whole[0] == 9000 and whole[0] == 2 * half[0]
    assert whole[1] <= 2 * half[1] + 1


# -- patterns that cannot backtrack over a run ------------------------------------
def test_the_clause_splitter_tries_a_run_of_spaces_only_from_its_start():
    text = "Jets struck Idlib" + " " * 1000 + "but spared Aleppo"
    inside_the_run = len("Jets struck Idlib") + 500
    assert clauses._CLAUSE_BREAK.match(text, inside_the_run) is None
    assert clauses._CLAUSE_BREAK.search(text).start() == len("Jets struck Idlib")


@pytest.mark.parametrize("joint", [" but ", " -- ", " — ", "; ", ", which ", ", officials in Kyiv said "])
def test_the_clause_splitter_still_splits_at_its_joints(joint):
    text = f"Jets struck Idlib{joint}it was calm"
    assert clauses._CLAUSE_BREAK.search(text) is not None


def test_the_further_pattern_starts_only_at_its_word():
    further = roles.RoleTagger().strikes.further
    text = " " * 1000 + "areas further north"
    assert further.match(text, 10) is None
    assert further.search(text).group("direction") == "north"
    assert further.search("areas further north-east").group("direction") == "north-east"


def test_a_zone_group_name_is_at_most_eight_words():
    story = geomap.geoparse(" ".join(["Alpha"] * 50) + "-held areas around Aleppo were shelled.",
                            shapes=False)
    labels = [r.label for p in story.places for r in p.roles if r.name == "zone"]
    assert labels and all(len(label.split()) <= 8 + 1 for label in labels)   # the name, and "zone"


def test_a_from_description_is_bounded():
    assert route._FROM_PHRASE.search("weapons from states opposed to Assad via Turkey")
    assert route._FROM_PHRASE.search("weapons from " + "far away states " * 50 + "via Turkey") is None


# -- bounded work per mention -------------------------------------------------------
def test_the_resolver_counts_each_anchor_place_once():
    anchor = SimpleNamespace(id="geonames:1", kind="city", latitude=36.2, longitude=37.1)
    assert len(_Anchors([anchor] * 10_000).ids) == 1


def test_the_resolver_keeps_the_most_named_anchors_up_to_the_cap():
    towns = [SimpleNamespace(id=f"geonames:{i}", kind="city", latitude=i % 80, longitude=i % 170)
             for i in range(MAX_ANCHORS + 100)]
    kept = _Anchors(towns + [towns[-1]] * 3).ids
    assert len(kept) == MAX_ANCHORS and kept[0] == towns[-1].id


def test_the_resolver_works_out_a_candidate_s_neighbours_once():
    anchors = _Anchors([SimpleNamespace(id="geonames:1", kind="city", latitude=36.2, longitude=37.1)])
    candidate = SimpleNamespace(id="geonames:2", latitude=36.0, longitude=37.0)
    assert all(anchors.near(candidate, frozenset({"geonames:2"})) for _ in range(100))
    assert not anchors.near(candidate, frozenset({"geonames:1"}))
    assert len(anchors._near) == 1


def test_role_rules_visit_a_clause_s_mentions_a_bounded_number_of_times(monkeypatch):
    given = []
    give = clauses.Ledger.give
    monkeypatch.setattr(clauses.Ledger, "give",
                        lambda self, place, role: given.append(1) or give(self, place, role))
    cues = "struck, bombed, shelled, hit, " * 12             # 48 strike cues
    towns = " and ".join(["Aleppo", "Idlib", "Homs", "Mosul", "Kirkuk", "Erbil"] * 4)
    geomap.geoparse(f"Jets {cues}then struck {towns}.")
    assert len(given) <= 48 + 24 + 10     # cues plus mentions, not cues times mentions
