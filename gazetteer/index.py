"""The gazetteer: answers "which places may this name mean?" from the local index.

The index file is a cache geomap builds itself (see ``build.py``), so its
lifecycle is guarded to never harm a file that is not one:

* **Only its own files are replaced.**  An index is written only to a missing
  path or over a geomap index, recognised by its meta table: a
  ``generator = geomap-gazetteer`` row, or (indexes from before that row) a
  ``schema`` row and the ``places`` and ``names`` tables.  Anything else at the
  path -- another file, another SQLite database, a directory, a symlink to one
  of those -- is a one-line :class:`GazetteerError`, raised before any build
  work and leaving it byte-identical; the probe reads it with SQLite's
  ``immutable`` flag, so not even a journal or lock file appears beside it.
  A symlink to an index is followed: the index it points to is rebuilt.
* **A damaged index is rebuilt in place** when it is still recognisably
  geomap's: its meta table readable, though the file is shorter than its
  header says (truncated) or its schema older.  A file at the default cache
  path (``~/.cache/geomap/gazetteer-v<SCHEMA>.sqlite``) is geomap's whatever
  its content, so it is rebuilt even when unreadable; at an explicit path
  (``$GEOMAP_GAZETTEER``, ``--index``) an unreadable file is refused, since
  nothing shows it was ever an index.
* **One build at a time.**  Builds hold an exclusive ``flock`` on
  ``<index>.lock`` (an empty file left beside the index).  A process that
  finds the index missing waits for the lock, then checks again and uses the
  index the first process built.
* **Freshness.**  An index records a SHA-256 of its inputs (SCHEMA_VERSION,
  the data packages' versions, every file under ``gazetteer/data``) and a
  cheap stamp of them (sizes, mtimes, install paths).  Opening compares
  stamps (well under a millisecond); only when they differ, as after a fresh
  checkout, does it hash the inputs (about 20 ms, once per process) and
  rebuild if the digest differs: "data changed since the index was built".
* **Temp files of killed builds are removed** (``<index>.<pid>.tmp`` whose pid
  is gone, or over an hour old): by the next build, under the lock, and by an
  open that notices them when no build is running.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import stat
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from . import build
from .build import SCHEMA_VERSION, build_index, default_progress
from .model import Candidate, Country
from .populate import (ALTERNATE, HISTORIC, HISTORIC_NAME_PENALTY, PRIMARY, PRIMARY_NAME_BONUS,
                       abbreviation_key)
from .names import normalize

_COLUMNS = ("p.key, p.name, p.kind, p.lat, p.lon, p.country_code, p.population, p.geonameid, "
            "p.admin1, p.importance, p.radius_km, p.members, p.source, p.subkind, p.admin1_key, p.code")
#: What the rank of the name matched adds to a candidate's importance (see
#: ``gazetteer/populate.py``): a place's own name beats another place's
#: alternate or historic name unless that place is about 100 times bigger.
_RANK_BONUS = {PRIMARY: PRIMARY_NAME_BONUS, ALTERNATE: 0.0, HISTORIC: -HISTORIC_NAME_PENALTY}
#: The longest abbreviation key ("U.S.A." -> "USA.", "N.W.T." -> "NWT."); longer
#: text is never looked up as one.
MAX_ABBREVIATION = 7
#: Areas with no divisions of their own: "<name> region" may mean them.
_BROAD_KINDS = ("water", "region", "group")
#: The shortest name a "<name> district" may stand for as the district's seat town.
MIN_SEAT_NAME = 4
#: A spelling key this short ("kv" for Kyiv) matches too many names to stand alone.
MIN_VARIANT_KEY = 3
#: How alike (difflib's ratio) a division's name must be to a spelling of it
#: no town vouches for: "Hiraan" and "Hiiraan" 0.92, "Hadramout" and
#: "Hadramawt" 0.78; "Hiraan" and "Haryana" 0.62.
SPELT_ALIKE = 0.75
#: Kinds a qualifier after a comma may name ("Paris, Texas", "Gwoza, Borno").
_AREA_KINDS = ("country", "admin1", "admin2", "region", "island")

_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Tables every geomap index has had: with a ``schema`` meta row, they mark an
#: index built before the ``generator`` row existed.
_LEGACY_INDEX_TABLES = {"meta", "places", "names"}
_MISSING = "it is missing"
_DAMAGED = "it is damaged"


class GazetteerError(Exception):
    """The index cannot be used; the message is one line, fit for a user."""


def default_index_path() -> Path:
    """``$GEOMAP_GAZETTEER`` if set, else the user cache directory."""
    if os.environ.get("GEOMAP_GAZETTEER"):
        return Path(os.environ["GEOMAP_GAZETTEER"])
    return _cache_index_path()


def user_cache_dir() -> Path:
    """geomap's folder in the user cache (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "geomap"


def _cache_index_path() -> Path:
    return user_cache_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def rebuild_index(path: str | os.PathLike | None = None, progress=default_progress) -> Path:
    """(Re)build the index file, even if it is current; GazetteerError in one
    line if that fails or if the path holds something other than an index."""
    path = Path(path) if path else default_index_path()
    _index_problem(path)  # refuses a file that is not an index, before any work
    _build(path, progress, forced=True)
    return path


def _ensure_index(path: Path, progress, build_if_missing: bool) -> None:
    """Make sure ``path`` holds a current index, building it if need be."""
    problem = _index_problem(path)
    if problem is None:
        _tidy_abandoned_temp_files(path)
        return
    if not build_if_missing:
        raise GazetteerError(f"gazetteer index {path} cannot be used ({problem}); "
                             "run `geomap gazetteer build`")
    _build(path, progress, forced=False)


def _build(path: Path, progress, forced: bool) -> None:
    """Build under the lock, unless the index became current while waiting
    for it: then another process has just done the work (also for a forced
    rebuild, which that build satisfies)."""
    target = _real(path)
    try:
        with _build_lock(target, path, progress) as waited:
            problem = _index_problem(path)  # again: the path may have changed meanwhile
            if problem is None and (waited or not forced):
                return
            removed = build.remove_abandoned_temp_files(target)
            if removed:
                progress(f"removed {len(removed)} temp file(s) left by interrupted builds")
            if problem == _MISSING:
                progress(f"building the gazetteer index at {path} (once; about half a minute)")
            elif problem:
                progress(f"rebuilding the gazetteer index at {path} ({problem}; about half a minute)")
            else:
                progress(f"rebuilding the gazetteer index at {path} (about half a minute)")
            build_index(target, progress)
    except (OSError, sqlite3.Error) as error:
        raise GazetteerError(f"cannot build gazetteer index at {path}: {error}") from None


@contextmanager
def _build_lock(target: Path, path: Path, progress):
    """Hold an exclusive lock on ``<index>.lock``; yields whether it had to wait."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = _open_lock_file(target)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            waited = False
        except BlockingIOError:
            progress(f"waiting for another geomap process to finish building {path}")
            fcntl.flock(lock, fcntl.LOCK_EX)
            waited = True
        yield waited
    finally:
        os.close(lock)  # releases the lock


def _open_lock_file(target: Path) -> int:
    """The build lock's file, ``<index>.lock``: left in place, since deleting
    a lock file while another process waits on it would let two builds run."""
    return os.open(target.with_name(target.name + ".lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                   0o644)


def _tidy_abandoned_temp_files(path: Path) -> None:
    """Remove killed builds' temp files an open notices, if no build is running.

    Best effort: an open must not fail over this (a read-only directory, say);
    the next build retries under the lock.  Costs one directory listing.
    """
    target = _real(path)
    prefix = target.name + "."
    try:
        if not any(name.startswith(prefix) and ".tmp" in name
                   for name in os.listdir(target.parent)):
            return
        lock = _open_lock_file(target)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            build.remove_abandoned_temp_files(target)
        finally:
            os.close(lock)
    except OSError:  # BlockingIOError: a build is running and will tidy up
        pass


def _real(path: Path) -> Path:
    """The file a path names once symlinks are followed: the one to replace."""
    return Path(os.path.realpath(path))


def _index_problem(path: Path) -> str | None:
    """None if ``path`` holds a current geomap index, else why to (re)build it.

    Raises GazetteerError, having written nothing, when the path holds
    something geomap must not replace.  See the module docstring for the rules.
    """
    target = _real(path)
    try:
        info = target.stat()
    except (FileNotFoundError, NotADirectoryError):  # the build says why it cannot be made
        return _MISSING
    except OSError as error:
        raise GazetteerError(f"cannot use gazetteer index {path}: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _not_an_index(path, "a directory")
    if not stat.S_ISREG(info.st_mode):
        raise _not_an_index(path, "not a regular file")
    ours = target == _real(_cache_index_path())
    try:
        with open(target, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise GazetteerError(f"cannot read gazetteer index {path}: {error.strerror}") from None
    if not header.startswith(_SQLITE_MAGIC):
        if ours:
            return _DAMAGED
        raise _not_an_index(path, "not a SQLite database")
    try:
        tables, meta = _read_meta(target)
    except sqlite3.DatabaseError:
        if ours:
            return _DAMAGED
        raise _not_an_index(path, "an unreadable SQLite database") from None
    is_index = (meta.get("generator") == build.GENERATOR
                or ("schema" in meta and _LEGACY_INDEX_TABLES <= tables))
    if not is_index:
        if ours:
            return _DAMAGED
        raise _not_an_index(path, "another SQLite database")
    if info.st_size < _declared_size(header):
        return _DAMAGED
    if meta.get("schema") != SCHEMA_VERSION:
        return "it was built by another version of geomap"
    if "inputs" not in meta:
        return "it does not record the data it was built from"
    if meta.get("inputs_stamp") == build.inputs_stamp() or meta["inputs"] == build.inputs_digest():
        return None
    return "data changed since the index was built"


def _read_meta(path: Path) -> tuple[set[str], dict[str, str]]:
    """The file's table names and meta rows, read without a trace: with
    ``immutable=1`` SQLite takes no lock and opens no journal or WAL."""
    db = sqlite3.connect(_read_only_uri(path, immutable=True), uri=True)
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
    finally:
        db.close()
    return tables, meta


def _declared_size(header: bytes) -> int:
    """The file size a SQLite header declares (page size times page count), 0
    if the count is not trustworthy; a shorter file has been truncated."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    count_is_valid = header[24:28] == header[92:96]
    return page_size * pages if count_is_valid else 0


def _read_only_uri(path: Path, immutable: bool = False) -> str:
    # as_uri() escapes the characters ('?', '#', '%') that would end a bare path
    return path.absolute().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def _not_an_index(path: Path, what: str) -> GazetteerError:
    return GazetteerError(
        f"{path} is not a geomap gazetteer index (it is {what}), so geomap left it untouched; "
        "move it away or choose another index path (GEOMAP_GAZETTEER or --index), then run "
        "`geomap gazetteer build`")


class Gazetteer:
    """Read-only access to the index; builds it on first use if it is missing.

    A damaged or outdated index is rebuilt in place with a progress message;
    a file that is not a geomap index is never replaced.  If the index cannot
    be used or built, :class:`GazetteerError` says why in one line.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, build_if_missing: bool = True,
                 progress=default_progress):
        self.path = Path(path) if path else default_index_path()
        self._progress = progress
        self._local = threading.local()
        _ensure_index(self.path, progress, build_if_missing)

    # -- index lifecycle -------------------------------------------------
    def rebuild(self) -> None:
        """Build the index from the installed data packages, replacing any old one."""
        rebuild_index(self.path, self._progress)
        self._local = threading.local()
        for lookup in (Gazetteer._candidates, Gazetteer._variants, Gazetteer._qualifier,
                       Gazetteer._near_area, Gazetteer._outline, Gazetteer._admin1_tree,
                       Gazetteer._country, Gazetteer._every_country, Gazetteer._country_tree,
                       Gazetteer._demonym_keys, Gazetteer._abbreviation_keys):
            lookup.cache_clear()     # the old index's answers

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(_read_only_uri(self.path), uri=True, check_same_thread=False)
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
        """Every place the name may mean, most likely first; [] for an unknown name.

        Looked up as written: an abbreviation by its letters and case ("U.S.",
        "Tenn."), any other name folded (:func:`normalize`). A name ending in a
        division word ("Fayette County", "Gwoza LGA", "Idlib province") also
        finds the divisions of that name and, where there is none, the towns
        a district is usually named for.
        """
        if not name or not name.strip():
            return []
        return list(self._candidates(name.strip(), limit))[:limit]

    @lru_cache(maxsize=65536)
    def _candidates(self, name: str, limit: int | None) -> tuple[Candidate, ...]:
        norm = normalize(name)
        named = self._named(norm)
        if not named and norm.startswith("the "):
            norm = norm[4:]         # "the Strait of Malacca" as "Strait of Malacca"
            named = self._named(norm)
        # "Gwoza LGA", "Acomayo province": through the division word, only when
        # no division goes by the name as written ("Orange County" does)
        fallback = [] if any(c.kind in ("admin1", "admin2") for c in named) else self._by_division_word(norm)
        found: dict[str, Candidate] = {}
        for candidate in [*self._abbreviated(name, qualifier=False), *named, *fallback]:
            if candidate.id not in found or candidate.importance > found[candidate.id].importance:
                found[candidate.id] = candidate
        return tuple(sorted(found.values(), key=lambda c: (-c.importance, c.id)))

    def _named(self, norm: str, kinds: tuple[str, ...] = ()) -> list[Candidate]:
        rows = self._query(f"SELECT {_COLUMNS}, n.rank FROM names n JOIN places p ON p.id = n.place "
                           "WHERE n.norm = ?", (norm,))
        return [_candidate(row[:-1], bonus=_RANK_BONUS[row[-1]], matched=norm) for row in rows
                if not kinds or row[2] in kinds]

    def _abbreviated(self, text: str, qualifier: bool) -> list[Candidate]:
        letters = abbreviation_key(text)
        if not letters or len(letters) > MAX_ABBREVIATION or not any(c.isupper() for c in letters) \
                or letters not in self._abbreviation_keys():
            return []           # no query for the many names that are no abbreviation
        rows = self._query(f"SELECT {_COLUMNS} FROM abbreviations a JOIN places p ON p.id = a.place "
                           "WHERE a.letters = ? AND (a.qualifier_only = 0 OR ?)", (letters, int(qualifier)))
        return [_candidate(row, bonus=PRIMARY_NAME_BONUS, matched=text) for row in rows]

    def _by_division_word(self, norm: str) -> list[Candidate]:
        core = _strip_division_word(norm, self._division_endings())
        if core is None:
            return []
        word = norm[len(core):].strip()
        # a division's own name is as good as written out in full ("Idlib
        # province"); a former one ("Kurdistan" for Iran's Kordestan) is not
        rows = self._query(f"SELECT {_COLUMNS}, n.rank FROM cores c JOIN places p ON p.id = c.place "
                           "LEFT JOIN names n ON n.norm = c.norm AND n.place = c.place WHERE c.norm = ?", (core,))
        divisions = [_candidate(row[:-1], bonus=_RANK_BONUS[HISTORIC] if row[-1] == HISTORIC else PRIMARY_NAME_BONUS,
                                matched=norm) for row in rows]
        # "the Pacific region", "the Caribbean region": a sea or a region of
        # that name is meant as much as a county of it far away
        broad = self._named(core, kinds=_BROAD_KINDS)
        # no division of that name: a district is usually named for its seat
        # (not for a core as short as "US" in "US state"), in a country that
        # uses the word ("Guma LGA" is Nigerian or Australian)
        if divisions or broad or len(core) < MIN_SEAT_NAME:
            return broad + divisions
        countries = self._division_word_countries().get(word)
        towns = [c for c in self._named(core, kinds=("city",)) if countries is None or c.country_code in countries]
        return self._divisions_spelt_otherwise(core, towns, countries) or towns

    def _divisions_spelt_otherwise(self, core: str, towns: list[Candidate], countries) -> list[Candidate]:
        """"Kyiv region", "Hodeidah governorate", "Oromia region": a
        first-level division the gazetteer spells otherwise ("Kiev",
        "al Hudaydah", "Oromiya"). The division word says a division is
        meant, so a town of the name is the wrong reading. Spellings are
        matched coarsely (:func:`gazetteer.names.variant_key`): in the country
        of a town of the name as written (the seat the division is named
        for), or, where no town has the name, only a spelling close letter
        for letter ("Hiraan" is Hiiraan, Somalia, not Haryana, India)."""
        from .names import variant_key

        key = variant_key(core)
        homes = {town.country_code for town in towns}
        if not key or not homes and len(key) < MIN_VARIANT_KEY:
            return []
        found = [_candidate(row, matched=core) for row in self._spelt_with_key(key) if row[2] == "admin1"
                 and (row[5] in homes if homes else _spelt_alike(core, self._division_names(row[0])))
                 and (countries is None or row[5] in countries)]
        return sorted(found, key=lambda c: (-c.importance, c.id))

    def _division_names(self, place_key: str) -> list[str]:
        return [norm for (norm,) in self._query(
            "SELECT c.norm FROM cores c JOIN places p ON p.id = c.place WHERE p.key = ?", (place_key,))]

    @lru_cache(maxsize=1)
    def _division_word_countries(self) -> dict[str, frozenset[str]]:
        from .divisions import division_word_countries
        return {normalize(word): codes for word, codes in division_word_countries().items()}

    @lru_cache(maxsize=1)
    def _division_endings(self) -> tuple[str, ...]:
        """Each division word after a space, longest first."""
        from .divisions import division_words
        return tuple(" " + w for w in sorted({normalize(w) for w in division_words()}, key=len, reverse=True))

    def is_name(self, name: str) -> bool:
        """True if the name (as written) is in the index: a cheap probe for text scanning."""
        norm = normalize(name)
        if self._query("SELECT 1 FROM names WHERE norm = ? LIMIT 1", (norm,)):
            return True
        return bool(self._abbreviated(name, qualifier=False) or self._by_division_word(norm))

    def variants(self, name: str) -> list[Candidate]:
        """Places whose own name is another transliteration of ``name``
        ("Hudaydah" for "Hodeidah"), the name itself excluded. Coarse on
        purpose (see :func:`gazetteer.names.variant_key`): a caller accepts
        one only where its context supports it (the story names its country).
        """
        return list(self._variants(name))

    @lru_cache(maxsize=65536)
    def _variants(self, name: str) -> tuple[Candidate, ...]:
        from .names import variant_key

        key = variant_key(name)
        if len(key) < MIN_VARIANT_KEY:
            return ()
        exact = {c.id for c in self._named(normalize(name))}
        found = [_candidate(row, matched=normalize(name)) for row in self._spelt_with_key(key)
                 if row[0] not in exact]
        return tuple(sorted(found, key=lambda c: (-c.importance, c.id)))

    def _spelt_with_key(self, key: str) -> list[tuple]:
        """The rows of the places one of whose names has the spelling key
        (:func:`gazetteer.names.variant_key`)."""
        return self._query(f"SELECT {_COLUMNS} FROM variants v JOIN places p ON p.id = v.place "
                           "WHERE v.key = ?", (key,))

    def qualifier(self, text: str) -> list[Candidate]:
        """The areas a qualifier may name: "Texas", "Tenn.", "TN", "Scotland",
        "Western Australia", "Borno", "Far North" (countries and divisions),
        most likely first. Postal codes count here, never on their own."""
        return list(self._qualifier(text))

    @lru_cache(maxsize=65536)
    def _qualifier(self, text: str) -> tuple[Candidate, ...]:
        norm = normalize(text)
        found = {c.id: c for c in [*self._abbreviated(text, qualifier=True),
                                   *self._named(norm, kinds=_AREA_KINDS), *self._by_division_word(norm)]
                 if c.kind in _AREA_KINDS}
        return tuple(sorted(found.values(), key=lambda c: (-c.importance, c.id)))

    def within(self, place: Candidate, area: Candidate) -> bool:
        """Whether ``place`` lies in ``area``: by the index's own hierarchy
        (country, first-level division) where it knows it, else by the
        area's outline, else within its radius."""
        if place.id == area.id:
            return False
        if area.kind == "country":
            return place.country_code == area.country_code or area.country_code in place.members
        if area.kind == "admin1" and place.admin1_id == area.id:
            return True
        # otherwise by the outline: GeoNames and Natural Earth divide some
        # countries differently (Wales; Ceredigion), so a different key is no "no"
        return self._near_area(place.latitude, place.longitude, area)

    @lru_cache(maxsize=65536)
    def _near_area(self, latitude: float, longitude: float, area: Candidate) -> bool:
        outline = self.outline(area.id)
        if outline is not None:
            from shapely import Point, dwithin
            # 0.05 degrees (~5 km) of slack: a coastal town's point may sit
            # just off a simplified outline
            return bool(dwithin(outline, Point(longitude, latitude), 0.05))
        from .sources import distance_km
        return distance_km(latitude, longitude, area.latitude, area.longitude) \
            <= (area.radius_km or 50) * 1.2

    def outline(self, place_id: str):
        """The place's outline (a shapely geometry in lon/lat), if the index
        has one: countries, first-level divisions, US counties, and the
        water bodies and landforms curated with a shape."""
        if place_id.startswith("country:"):
            country = self.country(place_id.split(":", 1)[1])
            return country.geometry if country else None
        return self._outline(place_id)

    @lru_cache(maxsize=1024)
    def _outline(self, place_id: str):
        rows = self._query("SELECT s.wkb FROM shapes s JOIN places p ON p.id = s.place WHERE p.key = ?",
                           (place_id,))
        if not rows:
            return None
        from shapely import from_wkb, prepare
        outline = from_wkb(rows[0][0])
        prepare(outline)            # tested against many points: index it once
        return outline

    @lru_cache(maxsize=4096)
    def borders(self, one_id: str, other_id: str) -> bool:
        """Whether two places with outlines touch (within about 5 km: the
        outlines are simplified): Florida and Georgia, not Florida and Texas."""
        one, other = self.outline(one_id), self.outline(other_id)
        if one is None or other is None or one_id == other_id:
            return False
        from shapely import dwithin
        return bool(dwithin(one, other, 0.05))

    def admin1_at(self, latitude: float, longitude: float) -> Candidate | None:
        """The first-level division whose outline contains the point, or None."""
        from shapely import points

        tree, keys = self._admin1_tree()
        hits = tree.query(points(longitude, latitude), predicate="intersects")
        return self.get(keys[min(hits)]) if len(hits) else None

    @lru_cache(maxsize=1)
    def _admin1_tree(self):
        from shapely import STRtree, from_wkb

        rows = self._query("SELECT p.key, s.wkb FROM shapes s JOIN places p ON p.id = s.place "
                           "WHERE p.kind = 'admin1' ORDER BY p.key")
        return STRtree([from_wkb(wkb) for _, wkb in rows]), [key for key, _ in rows]

    def demonym(self, word: str) -> Candidate | None:
        """The country or region a demonym or adjective refers to ("Syrian" -> Syria)."""
        norm = normalize(word)
        if norm not in self._demonym_keys():
            return None
        rows = self._query(f"SELECT {_COLUMNS} FROM demonyms d JOIN places p ON p.id = d.place "
                           "WHERE d.norm = ? ORDER BY p.importance DESC", (norm,))
        return _candidate(rows[0]) if rows else None

    # The two small tables' keys, held in memory: a text scan asks of every
    # capitalised word whether it is a demonym or an abbreviation, and
    # almost every answer is no (a few hundred keys against a query each).
    @lru_cache(maxsize=1)
    def _demonym_keys(self) -> frozenset[str]:
        return frozenset(row[0] for row in self._query("SELECT norm FROM demonyms"))

    @lru_cache(maxsize=1)
    def _abbreviation_keys(self) -> frozenset[str]:
        return frozenset(row[0] for row in self._query("SELECT letters FROM abbreviations"))

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
        rows = self._query(f"SELECT {_COUNTRY_COLUMNS} FROM countries WHERE code = ? OR iso3 = ?",
                           (code, code))
        if not rows:
            return None
        from shapely import from_wkb
        return _country_of(rows[0], from_wkb(rows[0][-1]))

    def countries(self) -> list[Country]:
        """Every country with its outline, in code order: one query and one
        outline parse for all (a basemap draws them all)."""
        return list(self._every_country())

    @lru_cache(maxsize=1)
    def _every_country(self) -> tuple[Country, ...]:
        from shapely import from_wkb
        rows = self._query(f"SELECT {_COUNTRY_COLUMNS} FROM countries ORDER BY code")
        outlines = from_wkb([row[-1] for row in rows])
        return tuple(_country_of(row, outline) for row, outline in zip(rows, outlines))

    def country_codes(self) -> list[str]:
        return [row[0] for row in self._query("SELECT code FROM countries ORDER BY code")]

    def country_at(self, latitude: float, longitude: float) -> Country | None:
        """The country whose outline contains the point, or None at sea."""
        from shapely import points

        tree, codes = self._country_tree()
        hits = tree.query(points(longitude, latitude), predicate="intersects")
        return self.country(codes[hits[0]]) if len(hits) else None

    @lru_cache(maxsize=1)
    def _country_tree(self):
        from shapely import STRtree

        codes, geometries = [], []
        for country in self.countries():
            if country.geometry is not None:
                codes.append(country.code)
                geometries.append(country.geometry)
        return STRtree(geometries), codes

    def fingerprint(self) -> str:
        """What the index was built from (a digest of its inputs): the same
        for two copies of one index, different after a rebuild from changed
        data. For caches of things derived from the index."""
        rows = self._query("SELECT value FROM meta WHERE key='inputs'")
        return rows[0][0] if rows else ""

    def max_name_tokens(self) -> int:
        rows = self._query("SELECT value FROM meta WHERE key='max_name_tokens'")
        return int(rows[0][0]) if rows else 6


def _candidate(row: tuple, bonus: float = 0.0, matched: str = "") -> Candidate:
    (key, name, kind, lat, lon, cc, population, geonameid, admin1, importance, radius,
     members, source, subkind, admin1_key, code) = row
    return Candidate(id=key, name=name, kind=kind, latitude=lat, longitude=lon, country_code=cc,
                     population=population or 0, geonameid=geonameid, admin1=admin1,
                     importance=round(importance + bonus, 4), radius_km=radius,
                     members=tuple(filter(None, (members or "").split(";"))), source=source or "",
                     matched_name=matched, subkind=subkind, admin1_id=admin1_key, code=code)


def _spelt_alike(name: str, spellings: list[str]) -> bool:
    """One of the spellings differs from the name by little more than a
    doubled or swapped vowel ("Oromia"/"Oromiya", "Galgaduud"/"Galguduud")."""
    from difflib import SequenceMatcher

    return any(SequenceMatcher(None, name, spelling).ratio() >= SPELT_ALIKE for spelling in spellings)


def _strip_division_word(norm: str, endings: tuple[str, ...]) -> str | None:
    """"gwoza lga" -> "gwoza"; None when the name ends in no division word.
    ``endings``: each division word after a space, longest first. Most
    names probed end in none: one test of all of them answers those."""
    if not norm.endswith(endings):
        return None
    for ending in endings:
        if norm.endswith(ending) and len(norm) > len(ending):
            return norm[: -len(ending)].strip()
    return None


_COUNTRY_COLUMNS = "code, iso3, name, capital, population, lat, lon, neighbours, demonyms, wkb"


def _country_of(row: tuple, outline) -> Country:
    """A row of ``_COUNTRY_COLUMNS`` (its outline already parsed) as a Country."""
    code, iso3, name, capital, population, lat, lon, neighbours, demonyms, _ = row
    return Country(code, iso3, name, capital, population, lat, lon,
                   tuple(filter(None, (neighbours or "").split(","))),
                   tuple(filter(None, (demonyms or "").split(";"))), outline)
