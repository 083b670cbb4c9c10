"""Inferred roles: a place that lies inside an area the story draws.

"Russian air strikes ... have struck areas further north" names no town, but
Hama lies in the area drawn; "the M23, which controls areas near the border
with Rwanda" names no village, but Bunagana lies in the zone drawn. Such a
place gets a role saying so, marked as inferred: its label ("in strike area
(inferred)", "in M23 zone (inferred)") says it was read from the map, not
from the text, and its evidence is the sentence the area was drawn from, so
a reader clicking the pin sees why. An area too large to say much about one
town in it (:data:`MAX_AREA_KM2`: "southern Russia", a whole country) gives
no inferred roles.

Inferred roles need the shapes, which are built after the roles
(:mod:`geomap.geometry`): :class:`geomap.Geomapper` runs this after the
geometry stage (with ``shapes=False``, on the few areas these roles read).

Only places that stand for a point (towns, airports, named buildings) are
placed in an area: a country or province is not "in" a band along a
border. The places an area was built from (the country a band is cut
from, the town whose surroundings are drawn, the neighbours across the
border) are never inferred to be in it; nor is a place the text already
gives that role. A doubtful place is still placed (its pin says it is doubtful).

Cost: one prepared geometry per area shape and one point test per town,
so a story with *s* areas and *t* towns costs *s* x *t* point tests.
"""

from __future__ import annotations

import shapely
from shapely.geometry import Point

from ..lexicon import role_lexicon
from ..model import Place, Role, Shape
from ..shapes import area_km2

#: Shape roles a place may be inferred to lie in, and how the label names them.
AREA_NAMES = {"strike": "strike area", "zone": None}    # None: the shape's own label ("M23 zone")
#: An area larger than this (km²) says too little about any one town in it:
#: "strikes in southern Russia" do not put Moscow in a strike area. A zone
#: band along a long border stays well below it; half of Syria too.
MAX_AREA_KM2 = 250_000.0
#: Place kinds that stand for a point and may lie in an area.
POINT_KINDS = ("city", "airport", "facility")
ROLE = "inferred"


def may_infer(places: list[Place]) -> bool:
    """Whether any role could be inferred at all: a town, and an area of a
    role it could lie in. Saves drawing areas no town can be in."""
    return any(p.kind in POINT_KINDS for p in places) and any(
        r.name in AREA_NAMES for p in places for r in p.roles)


def infer_roles(places: list[Place], shapes: list[Shape]) -> None:
    """Gives each town inside a strike area or zone an inferred role (see the
    module doc); changes ``places`` in place."""
    towns = [p for p in places if p.kind in POINT_KINDS]
    if not towns:
        return
    template = role_lexicon()["roles"][ROLE]["label"]
    for shape in shapes:
        if shape.role not in AREA_NAMES or shape.geometry is None or shape.geometry.is_empty \
                or shape.geometry.area == 0:
            continue
        geometry = shape.geometry
        if area_km2(geometry) > MAX_AREA_KM2:
            continue
        shapely.prepare(geometry)
        area = AREA_NAMES[shape.role] or shape.label
        label = template.format(area=area)
        built_from = set(shape.places)
        for town in towns:
            if town.id in built_from or _named_so(town, shape):
                continue
            if not geometry.contains(Point(town.longitude, town.latitude)):
                continue
            role = Role(name=ROLE, label=label, evidence=shape.evidence, start=shape.start,
                        end=shape.end, cue=shape.label)
            if not any(r.name == ROLE and r.label == label and r.start == role.start for r in town.roles):
                town.roles.append(role)


def _named_so(place: Place, shape: Shape) -> bool:
    """Whether the text already says what the area would: a struck town needs
    no "in strike area", a spared one gets none; a town named as the zone, no "in zone"."""
    if shape.role == "zone":
        return any(r.name == "zone" and r.label == shape.label for r in place.roles)
    # a town the text says was spared is not inferred struck
    return any(r.name in (shape.role, "not_targeted") for r in place.roles)
