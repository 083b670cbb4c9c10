"""What the gazetteer answers with: plain dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Candidate kinds, in the order the index ranks them when importance ties.
KINDS = ("country", "group", "region", "admin1", "city")


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to.

    ``id`` is stable across rebuilds of the same data: ``geonames:<id>`` for
    populated places, ``country:<ISO2>``, ``admin1:<ISO2>.<code>``,
    ``region:<slug>`` and ``group:<slug>`` for the rest.
    """

    id: str
    name: str
    kind: str
    latitude: float
    longitude: float
    country_code: str | None = None
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    importance: float = 0.0
    radius_km: float | None = None
    members: tuple[str, ...] = ()
    source: str = ""
    matched_name: str = ""


@dataclass(frozen=True)
class Country:
    """A country with its codes and Natural Earth outline.

    ``geometry`` is a shapely (Multi)Polygon in lon/lat degrees.
    """

    code: str
    iso3: str
    name: str
    capital: str
    population: int
    latitude: float
    longitude: float
    neighbours: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    geometry: object = field(default=None, repr=False, compare=False)
