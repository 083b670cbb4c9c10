"""First-level divisions (states, provinces, governorates...) of every
country, with outlines, read from the packaged ``data/admin1.json.gz``.

The file is Natural Earth 10m admin-1 (public domain), simplified and
written by ``scripts/make_admin1.py``; it is packaged so that building the
gazetteer needs neither Node nor the network.  Each division carries the
GeoNames admin-1 code (``gn_a1_code``, e.g. "SY.10" for Hama) through which
it joins the GeoNames places, and the ISO 3166-2 code it is known by.

>>> from gazetteer.admin1 import read_admin1
>>> bavaria = next(a for a in read_admin1() if a.iso_3166_2 == "DE-BY")
>>> bavaria.name, bavaria.name_alt, bavaria.gn_a1_code
('Bayern', ('Bavaria',), 'DE.02')
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

DATA_DIR = Path(__file__).with_name("data")
ADMIN1_PATH = DATA_DIR / "admin1.json.gz"


@dataclass(frozen=True)
class Admin1:
    """One first-level division, as Natural Earth draws it.

    Strings Natural Earth leaves blank stay ``""``; the two GeoNames join
    keys are ``None`` instead when Natural Earth has no usable value, so that
    a missing key can never join anything by accident.
    """

    #: ISO 3166-2 code ("CA-AB").  Natural Earth's own pseudo-codes
    #: ("-99-X11~", "AQ-X02~") where ISO has none; not unique (e.g. the nine
    #: parts of "BA-BIH").
    iso_3166_2: str
    #: ISO 3166-1 alpha-2 code of the country the division belongs to.
    country: str
    #: Name as Natural Earth gives it ("Bayern", "Hamah"); "" for the few
    #: unnamed remnants (e.g. "AQ-X02~").
    name: str
    #: Other names and spellings ("Bavaria"; "Hama", "Ḥamāh").
    name_alt: tuple[str, ...]
    abbrev: str        #: Abbreviation ("Alta.", "Tex."), often "".
    postal: str        #: Postal code ("AB", "TX"), often "".
    type_en: str       #: Kind in English ("Province", "State", "Commune|Municipality").
    lat: float         #: Label point latitude: where a map would write the name.
    lon: float         #: Label point longitude.
    gn_id: int | None  #: GeoNames id of the division, if Natural Earth has one.
    #: GeoNames admin-1 code, "<country>.<admin1>" ("SY.10"), the join to
    #: the admin-1 code of GeoNames places.
    gn_a1_code: str | None
    #: Natural Earth's admin-0 unit ("CAN", "SOL" for Somaliland): where
    #: ``country`` was derived rather than copied, this says from what.
    adm0_a3: str
    #: Simplified outline (Polygon or MultiPolygon), lon/lat degrees.
    geometry: BaseGeometry


def read_admin1(path: str | os.PathLike = ADMIN1_PATH) -> list[Admin1]:
    """Every division in the file at ``path`` (the packaged file by default),
    in the file's order (by country, then ISO 3166-2 code).

    Takes about a third of a second for the ~4,600 divisions.
    """
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    scale = data["coordinate_scale"]
    return [
        Admin1(
            iso_3166_2=f["iso_3166_2"], country=f["country"], name=f["name"],
            name_alt=tuple(f["name_alt"]), abbrev=f["abbrev"], postal=f["postal"],
            type_en=f["type_en"], lat=f["lat"], lon=f["lon"], gn_id=f["gn_id"],
            gn_a1_code=f["gn_a1_code"], adm0_a3=f["adm0_a3"],
            geometry=decode_geometry(f["geometry"], scale),
        )
        for f in data["features"]
    ]


def decode_geometry(polygons: list, scale: int) -> BaseGeometry:
    """Shapely geometry from the file's compact encoding (see
    ``scripts/make_admin1.py``): a list of polygons, each a list of rings
    (exterior first), each ring a flat list of integers ``x0, y0, dx1, dy1,
    ...`` -- lon/lat times ``scale``, every point but the first as the
    difference from the one before, the closing point left out.

    Small integer differences compress to about half the size of rounded
    decimals, and decoding is one cumulative sum per ring.
    """
    parts = []
    for rings in polygons:
        coords = [np.cumsum(np.asarray(ring, dtype=np.int64).reshape(-1, 2), axis=0) / scale
                  for ring in rings]
        parts.append(shapely.Polygon(coords[0], coords[1:]))
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
