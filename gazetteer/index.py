"""The gazetteer: answers "which places may this name mean?" from the local index."""

from __future__ import annotations

import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from .build import SCHEMA_VERSION, build_index, default_progress
from .model import Candidate, Country
from .names import normalize

_COLUMNS = ("p.key, p.name, p.kind, p.lat, p.lon, p.country_code, p.population, p.geonameid, "
            "p.admin1, p.importance, p.radius_km, p.members, p.source")
# A place whose own (primary) name matches outranks one that merely lists the
# name among its alternates (a historical or foreign name).
PRIMARY_NAME_BONUS = 1.0


class GazetteerError(Exception):
    """The index cannot be used; the message is one line, fit for a user."""


def default_index_path() -> Path:
    """``$GEOMAP_GAZETTEER`` if set, else the user cache directory."""
    if os.environ.get("GEOMAP_GAZETTEER"):
        return Path(os.environ["GEOMAP_GAZETTEER"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "geomap" / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def rebuild_index(path: str | os.PathLike | None = None, progress=default_progress) -> Path:
    """(Re)build the index file; GazetteerError in one line if that fails."""
    path = Path(path) if path else default_index_path()
    progress(f"building the gazetteer index at {path} (once; about half a minute)")
    try:
        return build_index(path, progress)
    except (OSError, sqlite3.Error) as error:
        raise GazetteerError(f"cannot build gazetteer index at {path}: {error}") from None


class Gazetteer:
    """Read-only access to the index; builds it on first use if it is missing.

    A corrupt or outdated index is rebuilt in place with a progress message;
    if it cannot be rebuilt, :class:`GazetteerError` says why in one line.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, build_if_missing: bool = True,
                 progress=default_progress):
        self.path = Path(path) if path else default_index_path()
        self._progress = progress
        self._local = threading.local()
        if not self._usable():
            if not build_if_missing:
                raise GazetteerError(f"gazetteer index {self.path} is missing or unreadable; "
                                     "run `geomap gazetteer build`")
            self.rebuild()

    # -- index lifecycle -------------------------------------------------
    def _usable(self) -> bool:
        if not self.path.is_file():
            return False
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            finally:
                db.close()
        except sqlite3.DatabaseError:
            return False
        return row is not None and row[0] == SCHEMA_VERSION

    def rebuild(self) -> None:
        """Build the index from the installed data packages, replacing any old one."""
        rebuild_index(self.path, self._progress)
        self._local = threading.local()

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise GazetteerError(f"gazetteer index {self.path} is corrupt ({error}); "
                                 "run `geomap gazetteer build`") from None

    # -- lookups -----------------------------------------------------------
    def candidates(self, name: str, limit: int | None = None) -> list[Candidate]:
        """Every place the name may mean, most likely first; [] for an unknown name."""
        return list(self._candidates(normalize(name), limit))[:limit] if name else []

    @lru_cache(maxsize=65536)
    def _candidates(self, norm: str, limit: int | None) -> tuple[Candidate, ...]:
        rows = self._query(
            f"SELECT {_COLUMNS}, n.is_primary FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.norm = ?", (norm,))
        found = [_candidate(row[:-1], bonus=PRIMARY_NAME_BONUS * row[-1], matched=norm)
                 for row in rows]
        found.sort(key=lambda c: (-c.importance, c.id))
        return tuple(found)

    def is_name(self, name: str) -> bool:
        """True if the normalised name is in the index (a cheap probe for text scanning)."""
        return bool(self._query("SELECT 1 FROM names WHERE norm = ? LIMIT 1", (normalize(name),)))

    def demonym(self, word: str) -> Candidate | None:
        """The country or region a demonym or adjective refers to ("Syrian" -> Syria)."""
        rows = self._query(f"SELECT {_COLUMNS} FROM demonyms d JOIN places p ON p.id = d.place "
                           "WHERE d.norm = ? ORDER BY p.importance DESC", (normalize(word),))
        return _candidate(rows[0]) if rows else None

    def get(self, place_id: str) -> Candidate | None:
        """A candidate by its stable id (``country:SY``, ``geonames:170063``, ...)."""
        rows = self._query(f"SELECT {_COLUMNS} FROM places p WHERE p.key = ?", (place_id,))
        return _candidate(rows[0]) if rows else None

    def members(self, group: Candidate | str) -> list[Candidate]:
        """The member countries of a group ("Gulf Arab states" -> the GCC members)."""
        group = self.get(group) if isinstance(group, str) else group
        if group is None:
            return []
        found = (self.get(f"country:{code}") for code in group.members)
        return [c for c in found if c is not None]

    def country(self, code: str) -> Country | None:
        """A country by ISO 3166-1 alpha-2 or alpha-3 code, with its outline."""
        return self._country(code.upper())

    @lru_cache(maxsize=512)
    def _country(self, code: str) -> Country | None:
        rows = self._query("SELECT code, iso3, name, capital, population, lat, lon, neighbours, "
                           "demonyms, wkb FROM countries WHERE code = ? OR iso3 = ?", (code, code))
        if not rows:
            return None
        code, iso3, name, capital, population, lat, lon, neighbours, demonyms, wkb = rows[0]
        geometry = None
        if wkb is not None:
            from shapely import from_wkb
            geometry = from_wkb(wkb)
        return Country(code, iso3, name, capital, population, lat, lon,
                       tuple(filter(None, (neighbours or "").split(","))),
                       tuple(filter(None, (demonyms or "").split(";"))), geometry)

    def country_codes(self) -> list[str]:
        return [row[0] for row in self._query("SELECT code FROM countries ORDER BY code")]

    def country_at(self, latitude: float, longitude: float) -> Country | None:
        """The country whose outline contains the point, or None at sea."""
        from shapely import STRtree, points

        tree, codes = self._country_tree()
        hits = tree.query(points(longitude, latitude), predicate="intersects")
        return self.country(codes[hits[0]]) if len(hits) else None

    @lru_cache(maxsize=1)
    def _country_tree(self):
        from shapely import STRtree

        codes, geometries = [], []
        for code in self.country_codes():
            country = self.country(code)
            if country and country.geometry is not None:
                codes.append(code)
                geometries.append(country.geometry)
        return STRtree(geometries), codes

    def max_name_tokens(self) -> int:
        rows = self._query("SELECT value FROM meta WHERE key='max_name_tokens'")
        return int(rows[0][0]) if rows else 6


def _candidate(row: tuple, bonus: float = 0.0, matched: str = "") -> Candidate:
    (key, name, kind, lat, lon, cc, population, geonameid, admin1, importance, radius,
     members, source) = row
    return Candidate(id=key, name=name, kind=kind, latitude=lat, longitude=lon, country_code=cc,
                     population=population or 0, geonameid=geonameid, admin1=admin1,
                     importance=round(importance + bonus, 4), radius_km=radius,
                     members=tuple(filter(None, (members or "").split(";"))), source=source or "",
                     matched_name=matched)
