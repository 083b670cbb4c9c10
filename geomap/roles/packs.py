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
  optionally ``agents``, patterns of which one must be the cue's subject
  or its agent after "by", or the cue itself ("the cyclone hit Beira",
  "was battered by winds": a storm's hit, not a missile's; "its epicentre");
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
from ..qualifiers import KIND_NOUNS
from .clauses import BOUNDARY_WORDS, CUE_CONTEXT_CHARS, ListHeadings, alternation, locators_of, \
    one_of, qualified_extent

#: How far after a cue the place it governs may stand (characters).
AFTER_CUE_CHARS = 60
_NEGATED = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: What may stand between a cue and its direct object: nothing, "the", or a
#: noun naming the place's kind ("flooded the town of Derna", "hit the
#: coastal city of Beira"); not "the capital of", which names another place.
_OBJECT_GAP = re.compile(rf"(?:the(?:\s+(?:[a-z-]+\s+)?(?!capital\b)(?:{KIND_NOUNS})\s+of)?)?")
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
        self.agents = self.agent_after = None
        if "agents" in table:
            self.agents = alternation(table["agents"])
            self.agent_after = re.compile(rf"\s+(?:[\w'’-]+\s+){{0,3}}?by\s+(?:[\w'’-]+\s+){{0,3}}?"
                                          rf"{one_of(table['agents'])}\b", re.IGNORECASE)

    def __call__(self, clause, context) -> None:
        text = clause.text
        if self.agents is not None and not self.agents.search(text):
            return
        headings = locators = None
        for match in self.cues.finditer(text):
            if _NEGATED.search(text, max(0, match.start() - CUE_CONTEXT_CHARS), match.start()):
                continue
            if self.agents is not None and not self._agent(text, match):
                continue    # "After the floods, missiles hit Kyiv": no disaster's hit
            if headings is None and self.after:
                headings = ListHeadings(clause, self.after, through_kinds=True)   # once per clause
            if locators is None:
                locators = locators_of(clause)
            for hit in self._governed(clause, match, headings):
                if id(hit) in locators:
                    continue    # "Beira, Mozambique": the country only locates the town
                context.give(hit.place, self.key, clause, cue=match.group(0), label=self.label,
                             extent=qualified_extent(hit))

    def _agent(self, text, match) -> bool:
        """One of the role's agents is the cue's subject (in its own clause,
        or the cue itself: "its epicentre") or follows it after "by"."""
        return bool(self.agents.search(text, _opening(text, match.start()), match.end())
                    or self.agent_after.match(text, match.end()))

    def _governed(self, clause, match, headings) -> list:
        text, found = clause.text, []
        first = bisect_left(clause.hits, clause.start + match.end(), key=lambda h: h.start)
        boundary = _BOUNDARY.search(text, match.end(), match.end() + AFTER_CUE_CHARS)
        reach = boundary.start() if boundary else match.end() + AFTER_CUE_CHARS
        for index, hit in enumerate(h for h in clause.hits[first:] if h.type != DEMONYM):
            if hit.start - clause.start > reach:
                break
            direct = _OBJECT_GAP.fullmatch(text[match.end():hit.start - clause.start].strip().lower()) is not None
            if (self.object and index == 0 and direct) or \
                    (headings is not None and headings.of(hit) in self.after.values()):
                found.append(hit)
        if self.before:
            # the cue's own clause: "..., because the road from Beira was under water"
            low = bisect_left(clause.hits, clause.start + _opening(text, match.start()), key=lambda h: h.start)
            found += [h for h in itertools.takewhile(lambda h: h.end - clause.start <= match.start(),
                                                     clause.hits[low:]) if h.type != DEMONYM]
        return found


def _opening(text: str, cue_start: int) -> int:
    """Where the clause of the cue at ``cue_start`` opens (at most
    ``CUE_CONTEXT_CHARS`` before it): its subject lies between."""
    window = max(0, cue_start - CUE_CONTEXT_CHARS)
    return max([window] + [m.end() for m in _CLAUSE_OPENING.finditer(text, window, cue_start)])


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
