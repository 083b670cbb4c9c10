"""What the gazetteer answers with: plain dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Candidate kinds. ``water`` (seas, straits, rivers, ...), ``landform``
#: (deserts, ranges, capes, ...) and ``island`` keep their fine kind in
#: ``Candidate.subkind``.
KINDS = ("country", "group", "region", "admin1", "admin2", "city", "airport", "water", "landform", "island")


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to.

    ``id`` is stable across rebuilds of the same data: ``geonames:<id>`` for
    populated places, ``country:<ISO2>``, ``admin1:<ISO2>.<code>``,
    ``admin2:US.<FIPS>`` or ``admin2:<ISO2>.<admin1>.<name>``,
    ``airport:<IATA>``, ``feature:<slug>``, ``region:<slug>`` and
    ``group:<slug>`` for the rest. ``admin1``/``admin1_id`` name the
    first-level division it lies in; ``code`` is its IATA, ISO 3166 or FIPS code.
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
    subkind: str | None = None
    admin1_id: str | None = None
    code: str | None = None


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
