"""What the user can correct: pin a name to a place, exclude a mention, read
a spelling as another name, hint the story's country.

A corrections file is TOML. Beside an article ``story.txt``, the file
``story.corrections.toml`` corrects that article; ``corrections.toml`` in a
folder corrects every article in it. Where both name the same thing the
article's file wins (its ``country`` list replaces the folder's), and the
command line's flags win over both::

    # every key is optional; keys before the [tables]
    country = ["LB"]                 # the story is about Lebanon (ISO 3166 codes)
    exclude = ["Jordan"]             # "Jordan" is no place here (a person, a river)

    [alias]                          # a spelling the gazetteer lacks -> the name to look up
    "Tikreet" = "Tikrit"

    [[pin]]                          # "Tripoli" is this gazetteer place ...
    name = "Tripoli"
    place = "geonames:266826"        # an id from `geomap gazetteer lookup Tripoli`

    [[pin]]                          # ... or these coordinates
    name = "Camp Hope"
    lat = 33.27
    lon = 35.20

The command-line equivalents, on ``places``, ``map``, ``export``, ``embed``,
``png`` and ``build``: ``--pin NAME=PLACE_ID``, ``--pin NAME=LAT,LON``,
``--exclude NAME``, ``--alias SPELLING=NAME``, ``--country CC`` (each may be
repeated).

Names are matched as written in the article, ignoring case, spacing and a
possessive "'s". Each correction acts at its stage of the pipeline:

* ``exclude`` and ``alias`` right after mentions are found: an excluded
  mention is dropped (and listed as excluded, with its sentence); an aliased
  one is looked up under the other name, and is a place because the user
  says so. ``exclude`` also takes a place id (``country:JO``): that place is
  dropped whatever the text calls it.
* ``country`` as story countries in the resolver, as if the text named them.
* ``pin`` after resolution: every mention of the name is that place, with
  confidence 1.0 (never doubtful), and the place says it was pinned by hand.
  A pinned place's country counts as a story country too, like a place the
  text names without doubt.

Corrections are recorded in every output: the JSON record's
``corrections`` and ``excluded``, each place's ``pinned`` and
``correction``, the CSV's ``correction`` and ``article_corrections``
columns, KML descriptions, and ``Story.corrections`` for the map.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .article import ArticleError
from .model import LITERAL, NAME, PERSON, Mention, Place, Resolution

FOLDER_FILE = "corrections.toml"
ARTICLE_SUFFIX = ".corrections.toml"
#: A corrections file is a few lines; anything larger is a mistake.
MAX_FILE_BYTES = 1_000_000
COMMAND_LINE = "command line"
_KEYS = ("pin", "exclude", "alias", "country")
_PLACE_ID = re.compile(r"^[a-z][a-z0-9]*:\S+$")
_LAT_LON = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_POSSESSIVE = re.compile(r"['’]s$")


class CorrectionsError(ArticleError):
    """A corrections file or flag that cannot be used; the message is one line.
    A bad input like a bad article: exit code 1, and a batch goes on."""


@dataclass(frozen=True)
class Pin:
    """``name`` is the gazetteer place ``place``, or the point ``latitude, longitude``."""

    name: str
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def target(self) -> str:
        """The place as the ``--pin`` flag writes it: an id or ``lat,lon``."""
        return self.place or f"{self.latitude:g},{self.longitude:g}"

    def record(self) -> dict:
        if self.place:
            return {"name": self.name, "place": self.place}
        return {"name": self.name, "lat": self.latitude, "lon": self.longitude}


@dataclass(frozen=True)
class Corrections:
    """One article's corrections, from its files and flags (``sources``)."""

    pins: tuple[Pin, ...] = ()
    exclude: tuple[str, ...] = ()
    alias: tuple[tuple[str, str], ...] = ()      # (spelling, name)
    country: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=(), compare=False)

    def __bool__(self) -> bool:
        return bool(self.pins or self.exclude or self.alias or self.country)

    def over(self, base: "Corrections") -> "Corrections":
        """These corrections layered over ``base``: for each name this one
        pins, excludes or aliases, this one's entry wins; a ``country`` list
        here replaces base's."""
        mine = {_key(p.name) for p in self.pins} | {_key(n) for n in self.exclude} \
            | {_key(s) for s, _ in self.alias}
        return Corrections(
            pins=tuple(p for p in base.pins if _key(p.name) not in mine) + self.pins,
            exclude=tuple(n for n in base.exclude if _key(n) not in mine) + self.exclude,
            alias=tuple(a for a in base.alias if _key(a[0]) not in mine) + self.alias,
            country=self.country or base.country,
            sources=tuple(dict.fromkeys(base.sources + self.sources)) if (base or self) else (),
        )

    def record(self) -> dict | None:
        """The corrections as JSON (None when there are none)."""
        if not self:
            return None
        return {"sources": list(self.sources), "pin": [p.record() for p in self.pins],
                "exclude": list(self.exclude), "alias": dict(self.alias), "country": list(self.country)}

    def summary(self) -> str:
        """One line in the flags' own syntax: ``pin Tripoli=geonames:266826; exclude Jordan``."""
        parts = [f"pin {p.name}={p.target}" for p in self.pins]
        parts += [f"exclude {name}" for name in self.exclude]
        parts += [f"alias {spelling}={name}" for spelling, name in self.alias]
        parts += [f"country {code}" for code in self.country]
        if parts and self.sources:
            parts.append("from " + ", ".join(self.sources))
        return "; ".join(parts)

    # -- applying them ---------------------------------------------------------
    def start(self, article, mentions: list[Mention], gazetteer) -> "_Applied":
        """Exclude and alias the mentions found; set pinned ones aside for
        :meth:`_Applied.resolved`. Raises :class:`CorrectionsError` for a pin
        to an id the gazetteer lacks or an unknown country code."""
        return _Applied(self, article, mentions, gazetteer)


NO_CORRECTIONS = Corrections()


# -- reading files and flags -------------------------------------------------------
def files_for(article: str | Path) -> list[Path]:
    """The corrections files that apply to an article, the folder's first."""
    article = Path(article)
    found = [article.parent / FOLDER_FILE, article.with_name(article.stem + ARTICLE_SUFFIX)]
    return [path for path in found if path.is_file()]


def corrections_for(article: str | Path, over: Corrections | None = None) -> Corrections:
    """The corrections of an article: its folder's file, its own file, then ``over`` (flags)."""
    result = NO_CORRECTIONS
    for path in files_for(article):
        result = load(path).over(result)
    return over.over(result) if over else result


def load(path: str | Path) -> Corrections:
    """Read one corrections file, or raise :class:`CorrectionsError` with a one-line reason."""
    path = Path(path)
    try:
        data = path.read_bytes()[:MAX_FILE_BYTES + 1]
    except OSError as error:
        raise CorrectionsError(f"{path}: cannot read corrections ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise CorrectionsError(f"{path}: corrections file larger than {MAX_FILE_BYTES:,} bytes")
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CorrectionsError(f"{path}: not UTF-8 text (bad byte at offset {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise CorrectionsError(f"{path}: not valid TOML ({error})") from None
    return from_mapping(table, str(path))


def from_mapping(table: dict, source: str) -> Corrections:
    """Corrections from a parsed TOML table (the schema in this module's docstring)."""
    def fail(message):
        raise CorrectionsError(f"{source}: {message}")

    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        fail(f"unknown key {unknown[0]!r} (expected {', '.join(_KEYS)})")
    pins = []
    for entry in _as_list(table.get("pin", []), "pin", fail):
        if not isinstance(entry, dict):
            fail("each [[pin]] needs name = \"...\" and place = \"...\" or lat and lon")
        extra = sorted(set(entry) - {"name", "place", "lat", "lon"})
        if extra:
            fail(f"[[pin]]: unknown key {extra[0]!r} (expected name, place, lat, lon)")
        name = _text(entry.get("name"), "[[pin]] name", fail)
        if "place" in entry:
            if "lat" in entry or "lon" in entry:
                fail(f"pin {name!r}: give place or lat/lon, not both")
            pins.append(Pin(name, place=_place_id(entry["place"], name, fail)))
        else:
            pins.append(_point(name, entry.get("lat"), entry.get("lon"), fail))
    exclude = []
    for entry in _as_list(table.get("exclude", []), "exclude", fail):
        if isinstance(entry, dict):
            if set(entry) != {"name"}:
                fail("each [[exclude]] needs exactly name = \"...\"")
            entry = entry["name"]
        exclude.append(_text(entry, "exclude", fail))
    alias = table.get("alias", {})
    if not isinstance(alias, dict):
        fail("alias must be a table: [alias] \"Spelling\" = \"Name\"")
    aliases = tuple((_text(spelling, "alias", fail), _text(name, f"alias {spelling!r}", fail))
                    for spelling, name in alias.items())
    country = table.get("country", [])
    codes = [_country(code, fail) for code in ([country] if isinstance(country, str)
                                                else _as_list(country, "country", fail))]
    result = Corrections(tuple(pins), tuple(exclude), aliases, tuple(dict.fromkeys(codes)), (source,))
    _check_consistent(result, fail)
    return result


def from_flags(pins=(), exclude=(), alias=(), country=()) -> Corrections:
    """Corrections from the command line (values already checked by
    :func:`parse_pin`, :func:`parse_alias` and :func:`parse_country`)."""
    result = Corrections(tuple(pins), tuple(exclude), tuple(alias), tuple(dict.fromkeys(country)))
    if not result:
        return NO_CORRECTIONS
    _check_consistent(result, lambda message: (_ for _ in ()).throw(ValueError(message)))
    return replace(result, sources=(COMMAND_LINE,))


def parse_pin(text: str) -> Pin:
    """``NAME=PLACE_ID`` or ``NAME=LAT,LON``; ValueError with the reason otherwise."""
    name, sep, target = text.partition("=")
    if not sep or not name.strip() or not target.strip():
        raise ValueError(f"expected NAME=PLACE_ID or NAME=LAT,LON, not {text!r}")
    point = _LAT_LON.match(target)
    if point:
        return _point(name.strip(), float(point.group(1)), float(point.group(2)), _raise)
    return Pin(name.strip(), place=_place_id(target.strip(), name.strip(), _raise))


def parse_alias(text: str) -> tuple[str, str]:
    spelling, sep, name = text.partition("=")
    if not sep or not spelling.strip() or not name.strip():
        raise ValueError(f"expected SPELLING=NAME, not {text!r}")
    return spelling.strip(), name.strip()


def parse_country(text: str) -> str:
    return _country(text.strip(), _raise)


def _raise(message):
    raise ValueError(message)


def _as_list(value, key, fail) -> list:
    if not isinstance(value, list):
        fail(f"{key} must be a list")
    return value


def _text(value, what, fail) -> str:
    if not isinstance(value, str) or not value.strip():
        fail(f"{what} must be a non-empty string")
    return " ".join(value.split())


def _place_id(value, name, fail) -> str:
    if not isinstance(value, str) or not _PLACE_ID.match(value.strip()):
        fail(f"pin {name!r}: place must be a gazetteer id such as geonames:266826 or country:LB, "
             f"not {value!r}")
    return value.strip()


def _point(name, lat, lon, fail) -> Pin:
    if isinstance(lat, bool) or isinstance(lon, bool) or not isinstance(lat, (int, float)) \
            or not isinstance(lon, (int, float)):
        fail(f"pin {name!r}: needs place = \"<id>\" or numbers lat and lon")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        fail(f"pin {name!r}: lat must be within -90..90 and lon within -180..180")
    return Pin(name, latitude=float(lat), longitude=float(lon))


def _country(value, fail) -> str:
    if not isinstance(value, str) or not _COUNTRY.match(value):
        fail(f"country must be a two-letter ISO 3166 code such as LB, not {value!r}")
    return value.upper()


def _check_consistent(corrections: Corrections, fail) -> None:
    seen: dict[str, str] = {}
    entries = [("pinned", p.name) for p in corrections.pins] + \
              [("excluded", n) for n in corrections.exclude] + \
              [("aliased", s) for s, _ in corrections.alias]
    for what, name in entries:
        before = seen.setdefault(_key(name), what)
        if before != what or what == "pinned" and sum(_key(p.name) == _key(name)
                                                      for p in corrections.pins) > 1:
            fail(f"{name!r} is {before} and {what}: correct a name once")


def _key(name: str) -> str:
    return _POSSESSIVE.sub("", " ".join(name.split())).casefold()


# -- applying them inside the pipeline ------------------------------------------------
class _Applied:
    """One article's corrections in progress: mentions excluded and aliased
    (:attr:`mentions`), story countries to add (:attr:`countries`), pinned
    mentions waiting for :meth:`resolved`."""

    def __init__(self, corrections: Corrections, article, mentions: list[Mention], gazetteer):
        self.corrections = corrections
        self.excluded: list[Mention] = []
        self.countries: tuple[str, ...] = ()
        self.mentions = mentions
        self._pinned: dict[str, list[Mention]] = {}
        self._pins: dict[str, Place] = {}
        if not corrections:
            return
        for code in corrections.country:
            if gazetteer.country(code) is None:
                raise CorrectionsError(f"country {code!r}: no country has that code")
        self._pins = {_key(pin.name): _pinned_place(pin, gazetteer) for pin in corrections.pins}
        excluded = {_key(n) for n in corrections.exclude if not _PLACE_ID.match(n)}
        aliases = {_key(s): name for s, name in corrections.alias}
        found, finder = [], _Occurrences(article, mentions)
        for mention in mentions:
            key = _key(mention.text)
            standalone = mention.organisation in (None, mention.text)
            if key in excluded and standalone:     # part of a longer name is no place anyway
                self.excluded.append(mention)
            elif key in self._pins and standalone:
                self._pinned.setdefault(key, []).append(mention)
            elif key in aliases and standalone:
                found.append(replace(mention, alias=aliases[key], refers_to=None, organisation=None,
                                     type=LITERAL if mention.type in (PERSON, NAME) else mention.type))
            else:
                found.append(mention)
        # names the mention finder passed over ("Tikreet" is in no gazetteer)
        for key in self._pins:
            if key not in self._pinned:
                self._pinned[key] = finder.find(_pin_name(corrections, key))
        for spelling, name in corrections.alias:
            if not any(m.alias == name and _key(m.text) == _key(spelling) for m in found):
                found.extend(replace(m, alias=name) for m in finder.find(spelling))
        self.mentions = sorted(found, key=lambda m: (m.start, m.end))
        self.countries = tuple(dict.fromkeys(
            [*corrections.country, *(p.country_code for k, p in self._pins.items()
                                     if p.country_code and self._pinned.get(k))]))

    def resolved(self, resolution: Resolution) -> Resolution:
        """The resolver's places with the pins applied and places excluded by id."""
        if not self.corrections:
            return resolution
        excluded_ids = {n for n in self.corrections.exclude if _PLACE_ID.match(n)}
        places = {}
        for place in resolution.places:
            if place.id in excluded_ids:
                self.excluded.extend(place.mentions)
            else:
                places[place.id] = place
        for key, mentions in self._pinned.items():
            pinned = self._pins[key]
            if not mentions or pinned.id in excluded_ids:
                continue
            place = places.get(pinned.id)
            if place is None:
                place = places[pinned.id] = replace(pinned, mentions=[])
            place.mentions.extend(mentions)
            place.mentions.sort(key=lambda m: m.start)
            place.confidence, place.pinned, place.correction = 1.0, True, pinned.correction
        for place in places.values():
            aliased = sorted({m.text for m in place.mentions if m.alias})
            if aliased and not place.pinned:
                place.correction = f"{', '.join(aliased)} read as {place.name} (alias)"
        self.excluded.sort(key=lambda m: m.start)
        ordered = sorted(places.values(), key=lambda p: min(m.start for m in p.mentions))
        return Resolution(ordered, resolution.non_places, resolution.unresolved)


def _pin_name(corrections: Corrections, key: str) -> str:
    return next(p.name for p in corrections.pins if _key(p.name) == key)


def _pinned_place(pin: Pin, gazetteer) -> Place:
    if pin.place:
        found = gazetteer.get(pin.place)
        if found is None:
            raise CorrectionsError(f"pin {pin.name!r}: no place with id {pin.place} in the gazetteer "
                                   f"(see geomap gazetteer lookup {pin.name!r})")
        return Place(id=found.id, name=found.name, kind=found.kind, latitude=found.latitude,
                     longitude=found.longitude, country_code=found.country_code,
                     geonameid=found.geonameid, population=found.population, confidence=1.0,
                     members=found.members, radius_km=found.radius_km, pinned=True,
                     correction=f"pinned by hand to {found.id}")
    country = gazetteer.country_at(pin.latitude, pin.longitude)
    return Place(id=f"pin:{pin.latitude:g},{pin.longitude:g}", name=pin.name, kind="point",
                 latitude=pin.latitude, longitude=pin.longitude,
                 country_code=country.code if country else None, geonameid=None, population=0,
                 confidence=1.0, pinned=True,
                 correction=f"pinned by hand at {pin.latitude:g}, {pin.longitude:g}")


class _Occurrences:
    """Where a name is written in an article, outside the mentions already
    found: each a literal mention with its sentence."""

    def __init__(self, article, mentions: list[Mention]):
        self.article = article
        self.taken = [(m.start, m.end) for m in mentions]
        self._sentences = None

    def find(self, name: str) -> list[Mention]:
        from .mentions import sentence_spans

        text = self.article.text
        words = r"\s+".join(re.escape(w) for w in name.split())
        found = []
        for match in re.finditer(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE):
            start, end = match.span()
            if not text[start].isupper() and name[0].isupper() \
                    or any(s < end and start < e for s, e in self.taken):
                continue
            if self._sentences is None:
                self._sentences = sentence_spans(text)
            s_start, s_end = next(((s, e) for s, e in self._sentences if s <= start < e), (start, end))
            before = re.search(r"([^\W\d_]+)\W*$", text[s_start:start])
            found.append(Mention(text=match.group(0), start=start, end=end, type=LITERAL,
                                 sentence=text[s_start:s_end], sentence_start=s_start,
                                 preceded_by=before.group(1).lower() if before else ""))
            self.taken.append((start, end))
        return found
