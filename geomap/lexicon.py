"""Loads the word lists in ``geomap/data/*.toml`` once per process, and
the one vocabulary of directions every stage shares."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed TOML data file ``geomap/data/<name>.toml``."""
    with resources.files("geomap").joinpath("data", f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=None)
def role_lexicon() -> dict:
    """The role lexicon: ``roles.toml`` (display order) merged with every rule
    family's file in ``geomap/data/roles/``, so ``["roles"]`` holds every
    role's table and ``["relative_areas"]`` the strike family's areas."""
    merged = {key: value for key, value in load("roles").items()}
    merged["roles"] = {}
    folder = resources.files("geomap").joinpath("data", "roles")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        with entry.open("rb") as handle:
            table = tomllib.load(handle)
        merged["roles"].update(table.pop("roles", {}))
        merged.update(table)
    return merged


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Common given names (``geomap/data/given_names.txt``, from the US
    Census first-name lists; see ``scripts/make_given_names.py``): the cue
    that "Victoria Rowell" is a person and "his brother Alex" no town."""
    return _word_list("given_names.txt")


@lru_cache(maxsize=None)
def english_words() -> frozenset[str]:
    """Common English words in lower case (``geomap/data/english_words.txt``,
    SCOWL's size-35 list; see ``scripts/make_english_words.py``): the cue
    that a capitalised "Law" or "Winner" is the word, not the small town."""
    return _word_list("english_words.txt")


def _word_list(file_name: str) -> frozenset[str]:
    """The lines of a generated word list in ``geomap/data`` after its
    comment header (one set over a slice: the cold start reads 40,000 words)."""
    lines = resources.files("geomap").joinpath("data", file_name).read_text(encoding="utf-8").split("\n")
    body = next(index for index, line in enumerate(lines) if not line.startswith("#"))
    return frozenset(lines[body:]) - {""}


@dataclass(frozen=True)
class Direction:
    """A direction that qualifies a place: "north" (from "northern", "north",
    "northward"), or "central" (from "centre", "middle"), which has no
    bearing and means the middle part of a place."""

    key: str
    adjective: str                 # as a map label writes it: "northern", "central"
    bearing: float | None          # compass degrees; None for the middle part
    words: tuple[str, ...]

    @property
    def unit(self) -> tuple[float, float] | None:
        """(east, north) components of a unit step this way; None for the middle.
        Rounded so the cardinal directions are exact (west is (-1, 0), not
        (-1, -1.8e-16))."""
        if self.bearing is None:
            return None
        radians = math.radians(self.bearing)
        dx, dy = round(math.sin(radians), 12), round(math.cos(radians), 12)
        norm = math.hypot(dx, dy)
        return dx / norm, dy / norm


@lru_cache(maxsize=None)
def directions() -> dict[str, Direction]:
    """Every direction in ``lexicon.toml`` ``[directions]``, by key."""
    return {key: Direction(key=key, adjective=spec["adjective"], bearing=spec.get("bearing"),
                           words=tuple(spec["words"]))
            for key, spec in load("lexicon")["directions"].items()}


@lru_cache(maxsize=None)
def _by_word() -> dict[str, Direction]:
    found = {}
    for entry in directions().values():
        for word in (entry.key, *entry.words):
            found[word.casefold()] = entry
    return found


def direction(word: str | None) -> Direction | None:
    """The direction a key or word names, in any case ("north", "Northern",
    "south-west", "centre"); None for anything else."""
    return _by_word().get(word.casefold()) if word else None


def direction_words() -> list[str]:
    """Every direction word and key, longest first (so a regular expression
    alternation prefers "northeastern" to "north")."""
    return sorted(_by_word(), key=lambda w: (-len(w), w))
