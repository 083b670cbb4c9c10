"""Story packs: role rules beyond conflict, chosen by the story's own words.

A pack is a data file, ``geomap/data/roles/packs/<pack>.toml``; adding one
needs no code. It holds:

* ``[pack]``: ``triggers``, patterns of which one must occur in the story
  (headline or body) for the pack to apply ("cyclone", "made landfall");
* ``[roles.<key>]`` tables read by one generic rule: a ``label``, ``cues``
  (patterns), and where the place stands to the cue: ``after``, prepositions
  heading a place after the cue ("made landfall near Quelimane"); ``object``,
  the place right after the cue ("flooded Beira"); ``before``, a place before
  the cue in its clause ("the road from Beira was under water"); and
  optionally ``agents``, patterns of which one must stand in the cue's
  clause ("the cyclone hit Beira": a storm's hit, not a missile's);
* optionally ``[route_kinds.<kind>]`` tables, read by the route family like
  its own (``roles/route.toml``) while the pack applies.

A cue with a negation just before it ("was not flooded") gives nothing. Each
role keeps its sentence as evidence, like every other.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from bisect import bisect_left
from importlib import resources
from pathlib import Path

from ..lexicon import load
from ..model import DEMONYM
from .clauses import BOUNDARY_WORDS, CUE_CONTEXT_CHARS, ListHeadings, alternation, locators_of, \
    qualified_extent

#: How far after a cue the place it governs may stand (characters).
AFTER_CUE_CHARS = 60
_NEGATED = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+)?$", re.IGNORECASE)
_OBJECT_GAP = ("", "the")
#: Where a cue's reach ends: "made landfall near X before moving into Y".
_BOUNDARY = re.compile(rf"\b(?:{'|'.join(sorted(BOUNDARY_WORDS))})\b", re.IGNORECASE)
# Where a clause inside a sentence opens: a place before it is not the cue's
# subject. A speech verb opens the reported clause ("Officials in Maputo said
# roads were flooded": Maputo is where the speakers are).
_SPEECH_VERBS = "|".join(re.escape(v) for v in load("lexicon")["words"]["speech_verbs"])
_CLAUSE_OPENING = re.compile(r"[,;]|\b(?:because|while|whereas|although|though|as|since|after)\b"
                             r"|\band\b(?=\s+(?:the|a|an|its|their)\b)"
                             rf"|\b(?:{_SPEECH_VERBS})\b", re.IGNORECASE)


class PackRole:
    """One role of a pack: its cues and where the place stands to them."""

    def __init__(self, key: str, table: dict):
        self.key, self.label = key, table["label"]
        self.cues = alternation(table["cues"])
        self.after = {tuple(p.lower().split()): p.lower() for p in table.get("after", [])}
        self.object = table.get("object", False)
        self.before = table.get("before", False)
        self.agents = alternation(table["agents"]) if "agents" in table else None

    def __call__(self, clause, context) -> None:
        text = clause.text
        if self.agents is not None and not self.agents.search(text):
            return      # "Russian missiles hit Kyiv" in a story that also has floods
        headings = locators = None
        for match in self.cues.finditer(text):
            if _NEGATED.search(text, max(0, match.start() - CUE_CONTEXT_CHARS), match.start()):
                continue
            if headings is None and self.after:
                headings = ListHeadings(clause, self.after)   # once per clause
            if locators is None:
                locators = locators_of(clause)
            for hit in self._governed(clause, match, headings):
                if id(hit) in locators:
                    continue    # "Beira, Mozambique": the country only locates the town
                context.give(hit.place, self.key, clause, cue=match.group(0), label=self.label,
                             extent=qualified_extent(hit))

    def _governed(self, clause, match, headings) -> list:
        text, found = clause.text, []
        first = bisect_left(clause.hits, clause.start + match.end(), key=lambda h: h.start)
        boundary = _BOUNDARY.search(text, match.end(), match.end() + AFTER_CUE_CHARS)
        reach = boundary.start() if boundary else match.end() + AFTER_CUE_CHARS
        for index, hit in enumerate(h for h in clause.hits[first:] if h.type != DEMONYM):
            if hit.start - clause.start > reach:
                break
            direct = text[match.end():hit.start - clause.start].strip().lower() in _OBJECT_GAP
            if (self.object and index == 0 and direct) or \
                    (headings is not None and headings.of(hit) in self.after.values()):
                found.append(hit)
        if self.before:
            # the cue's own clause: "..., because the road from Beira was under water"
            window = max(0, match.start() - CUE_CONTEXT_CHARS)
            opening = max([window] + [m.end() for m in _CLAUSE_OPENING.finditer(text, window, match.start())])
            low = bisect_left(clause.hits, clause.start + opening, key=lambda h: h.start)
            found += [h for h in itertools.takewhile(lambda h: h.end - clause.start <= match.start(),
                                                     clause.hits[low:]) if h.type != DEMONYM]
        return found


class Pack:
    def __init__(self, name: str, table: dict):
        self.name = name
        self.triggers = alternation(table["pack"]["triggers"])
        self.roles = [PackRole(key, spec) for key, spec in table.get("roles", {}).items()]
        self.route_kinds = table.get("route_kinds", {})
        self.labels = {key: spec["label"] for key, spec in table.get("roles", {}).items()}


class Packs:
    """Every pack in the pack folders; per story, the ones its words call for."""

    def __init__(self, folders=None):
        if folders is None:
            folders = [resources.files("geomap").joinpath("data", "roles", "packs")]
        self.packs = []
        for folder in folders:
            entries = sorted((e for e in Path(str(folder)).iterdir() if e.name.endswith(".toml")),
                             key=lambda e: e.name)
            for entry in entries:
                with entry.open("rb") as handle:
                    self.packs.append(Pack(entry.name[:-len(".toml")], tomllib.load(handle)))
        self.active: list[Pack] = []

    @property
    def labels(self) -> dict[str, str]:
        return {key: label for pack in self.packs for key, label in pack.labels.items()}

    def start_story(self, article) -> dict:
        """Chooses the packs whose triggers the story holds; returns their route kinds."""
        text = article.text
        self.active = [pack for pack in self.packs if pack.triggers.search(text)]
        kinds = {}
        for pack in self.active:
            kinds.update(pack.route_kinds)
        return kinds

    def __call__(self, clause, context) -> None:
        for pack in self.active:
            for role in pack.roles:
                role(clause, context)
