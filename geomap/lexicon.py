"""Loads the word lists in ``geomap/data/*.toml`` once per process."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed TOML data file ``geomap/data/<name>.toml``."""
    with resources.files("geomap").joinpath("data", f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)
