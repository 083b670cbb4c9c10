"""Stage 4: tag each place with its role(s) in the story, with evidence.

The mechanism only: cue words, patterns and labels live in
``geomap/data/roles.toml``. Each rule reads one clause of a sentence and the
place mentions in it; each role it gives keeps the sentence that supports it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .lexicon import load
from .model import DEMONYM, METONYMY, Article, Extent, Place, Role

# Clause boundaries: relative and contrastive clauses, and an attribution
# (", officials in Kyiv said") whose places are sources, not targets.
_CLAUSE_BREAK = re.compile(
    r",\s+(?=which\b|who\b|while\b|whereas\b|but\b|saying\b|adding\b)"
    r"|,\s+(?=(?:[\w.'’-]+\s+){0,6}(?:said|says|told|reported|added)\b)"
    r"|\s+but\s+|;\s+|\s+--\s+|\s+—\s+")
_DIRECTION_QUALIFIER = re.compile(r"^(side|around|beyond):(\w*)$")
_DIRECTION_WORD = re.compile(r"(?:north|south)?(?:east|west)?(?:ern)?|north(?:ern)?|south(?:ern)?|central")
PASSIVE_AUXILIARIES = ("was", "were", "been", "being", "is", "are", "be", "got")


def _alternation(patterns) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", re.IGNORECASE)


@dataclass
class _Hit:
    """A place mention inside a clause."""

    place: Place
    start: int
    end: int
    type: str
    qualifier: str | None


@dataclass
class _Clause:
    text: str
    start: int          # offset in the article
    sentence: str
    sentence_start: int
    sentence_end: int
    hits: list[_Hit]


class RoleTagger:
    """Applies the role lexicon to a resolved story."""

    def __init__(self, lexicon: dict | None = None):
        self.lexicon = lexicon or load("roles")
        roles = self.lexicon["roles"]
        self.labels = {key: spec["label"] for key, spec in roles.items()}
        strike = roles["strike"]
        self.strike_cues = _alternation(strike["cues"])
        self.negations = [n.lower() for n in strike["negations"]]
        self.spared_cues = _alternation(roles["not_targeted"]["cues"])
        self.zone_patterns = [re.compile(p) for p in roles["zone"]["patterns"]]
        self.generic_groups = roles["zone"]["generic_groups"]
        supply = roles["supply_route"]
        self.supply_cues = _alternation(supply["cues"])
        self.transit_words = supply["transit"]
        self.origin_words = supply["origin"]
        self.destination_words = supply["destination"]
        self.origin_lists = _alternation(supply["origin_lists"])
        self.agent_nouns = _alternation(roles["actor"]["agent_nouns"])
        self.position_cues = _alternation(roles["position"]["cues"])
        self.border_patterns = [re.compile(p, re.IGNORECASE) for p in roles["border"]["patterns"]]
        self.further = re.compile(self.lexicon["relative_areas"]["further"], re.IGNORECASE)

    def tag(self, article: Article, places: list[Place]) -> list[Place]:
        """Fills ``place.roles`` in place and returns the places."""
        focus = _focus_country(places)
        clauses = list(_clauses(article, places))
        border = zone_area = None
        for index, clause in enumerate(clauses):
            following = clauses[index + 1:index + 3]
            if index == 0 or clause.sentence_start != clauses[index - 1].sentence_start:
                border = zone_area = None   # an area named earlier in the sentence still counts
            self._dateline(article, clause)
            self._actors(clause)
            border = self._borders(clause, focus) or border
            zone_area = self._zones(clause, border) or zone_area
            self._strikes(clause, focus, border, zone_area)
            self._supply(clause, focus, following)
            self._positions(clause)
        for place in places:
            _drop_spared_strikes(place)
            if not place.roles:
                first = place.mentions[0]
                place.roles.append(self._role("mention", first.sentence_start,
                                              first.sentence_start + len(first.sentence),
                                              first.sentence))
        return places

    # -- helpers -------------------------------------------------------------
    def _role(self, key, start, end, evidence, cue="", extent=None, label=None) -> Role:
        return Role(name=key, label=label or self.labels[key], evidence=evidence, start=start,
                    end=end, cue=cue, extent=extent)

    def _give(self, place, key, clause, cue="", extent=None, label=None):
        role = self._role(key, clause.sentence_start, clause.sentence_end, clause.sentence, cue,
                          extent, label)
        # one role per (role, label, sentence, extent): a second cue adds nothing
        if not any((r.name, r.label, r.start, r.extent) == (key, role.label, role.start, extent)
                   for r in place.roles):
            place.roles.append(role)

    # -- rules ----------------------------------------------------------------
    def _dateline(self, article, clause):
        if article.dateline_span is None:
            return
        for hit in clause.hits:
            if article.dateline_span[0] <= hit.start < article.dateline_span[1]:
                self._give(hit.place, "dateline", clause, cue=article.dateline or "")

    def _actors(self, clause):
        for hit in clause.hits:
            after = clause.text[hit.end - clause.start:]
            if hit.type == METONYMY:
                self._give(hit.place, "actor", clause, cue=after.split(" ", 2)[1] if " " in after else "")
            elif hit.type == DEMONYM:
                noun = self.agent_nouns.match(after.lstrip())
                if noun and after[:1] == " ":
                    self._give(hit.place, "actor", clause, cue=noun.group(0))

    def _borders(self, clause, focus) -> tuple[Place, Extent] | None:
        """"near the border with Jordan and Israel": Jordan and Israel are
        border references; the area is the band of the host country along them.
        Returns the host country and that band."""
        neighbours: list[Place] = []
        for pattern in self.border_patterns:
            for match in pattern.finditer(clause.text):
                after = clause.start + match.end()
                listed = _listed_after(clause, after)
                for hit in listed:
                    self._give(hit.place, "border", clause, cue=match.group(0).strip())
                neighbours.extend(h.place for h in listed if h.place.kind == "country")
        for hit in clause.hits:  # "the Turkish border"
            if hit.type == DEMONYM and re.match(r"\s+border", clause.text[hit.end - clause.start:]):
                self._give(hit.place, "border", clause, cue="border")
                neighbours.append(hit.place)
        if not neighbours:
            return None
        host = _host_country(clause, focus, neighbours)
        if host is None:
            return None
        return host, Extent(kind="border", neighbours=tuple(dict.fromkeys(p.id for p in neighbours)))

    def _zones(self, clause, border):
        for pattern in self.zone_patterns:
            match = pattern.search(clause.text)
            if not match:
                continue
            group = match.group("group").strip()
            # "Rebels who control ..." -> "rebel zone"
            group = self.generic_groups.get(group.lower(), group)
            label = self.labels["zone"].format(group=group)
            if border is not None:
                host, band = border
                self._give(host, "zone", clause, cue=match.group(0), extent=band, label=label)
                return band
            # "near the border with Turkey" with no host named: Turkey is across the border
            targets = [h for h in clause.hits if h.type != DEMONYM and h.start >= clause.start + match.end()
                       and "border" not in _roles_of(h.place, clause)]
            for hit in targets:
                self._give(hit.place, "zone", clause, cue=match.group(0),
                           extent=_qualified_extent(hit), label=label)
            return None
        return None

    def _strikes(self, clause, focus, border, zone_area):
        text = clause.text
        reference = border[1] if border else zone_area
        host = border[0] if border else focus
        for match in self.spared_cues.finditer(text):
            for hit in self._after(clause, match.end()):
                self._give(hit.place, "not_targeted", clause, cue=match.group(0),
                           extent=_qualified_extent(hit))
        negated_earlier = False
        for match in self.strike_cues.finditer(text):
            before = text[:match.start()].lower()
            # "have not been targeted by air strikes in X": the strikes are the
            # negated event, not a second one
            if negated_earlier:
                continue
            negated = any(re.search(rf"\b{re.escape(n)}\s+(?:\w+\s+)?$", before) for n in self.negations)
            passive = re.search(r"\b(?:" + "|".join(PASSIVE_AUXILIARIES) + r")\s+(?:\w+\s+)?$", before)
            if negated:
                negated_earlier = True
                if reference is not None and host is not None:
                    self._give(host, "not_targeted", clause, cue=match.group(0), extent=reference)
                else:
                    for hit in self._before(clause, match.start(), locative_only=False):
                        self._give(hit.place, "not_targeted", clause, cue=match.group(0),
                                   extent=_qualified_extent(hit))
                continue
            struck = list(self._after(clause, match.end()))
            if passive:
                struck += [h for h in self._before(clause, match.start(), locative_only=False)]
            struck = [h for h in struck if not _container(h, clause)]
            for hit in struck:
                # actors and border references are not what was hit
                if hit.type not in (DEMONYM, METONYMY) and "border" not in _roles_of(hit.place, clause):
                    self._give(hit.place, "strike", clause, cue=match.group(0),
                               extent=_qualified_extent(hit))
            further = self.further.search(text, match.end())
            if further and host is not None:
                self._give(host, "strike", clause, cue=match.group(0),
                           extent=Extent(kind="further", direction=further.group("direction").lower(),
                                         reference=reference))

    def _supply(self, clause, focus, following):
        text = clause.text
        if not self.supply_cues.search(text):
            return
        transit, origins, destinations = [], [], []
        for hit in clause.hits:
            if hit.type == DEMONYM:
                continue
            word = _preposition_before(clause, hit, self.transit_words + self.origin_words
                                       + self.destination_words)
            if word in self.transit_words:
                transit.append(hit.place)
            elif word in self.origin_words:
                origins.append(hit.place)
            elif word in self.destination_words:
                destinations.append(hit.place)
        if not transit and not origins:
            return
        listed_origins = []
        from_phrase = re.search(r"\bfrom\s+(?!the\s+[A-Z])([a-z][\w\s]*?)(?=\s+(?:via|through|across)\b|[,.]|$)", text)
        if from_phrase and not origins:
            listed_origins = self._listed_origins(following)
        # the story's main country, unless it is itself on the way or the source
        if not destinations and focus is not None and focus not in transit + origins:
            destinations = [focus]
        destination_ids = {p.id for p in destinations}
        all_origins = origins + [p for p in listed_origins if p not in origins]
        for place in transit:
            self._give(place, "supply_route", clause, cue="via",
                       label=f"{self.labels['supply_route']} (transit)")
        for place in origins:
            self._give(place, "supply_route", clause, cue="from",
                       label=f"{self.labels['supply_route']} (origin)")
        for place in destinations:
            self._give(place, "supply_route", clause, cue="to",
                       label=f"{self.labels['supply_route']} (destination)",
                       extent=Extent(kind="route",
                                     via=tuple(p.id for p in transit if p.id not in destination_ids),
                                     origins=tuple(p.id for p in all_origins
                                                   if p.id not in destination_ids)))

    def _listed_origins(self, following) -> list[Place]:
        """"Assad's foreign opponents include Gulf Arab states and Turkey."""
        for clause in following:
            match = self.origin_lists.search(clause.text)
            if match:
                listed = [h.place for h in clause.hits
                          if h.start >= clause.start + match.end() and h.type != DEMONYM]
                if listed:
                    for place in listed:
                        self._give(place, "supply_route", clause, cue=match.group(0),
                                   label=f"{self.labels['supply_route']} (origin)")
                    return listed
        return []

    def _positions(self, clause):
        match = self.position_cues.search(clause.text)
        if not match:
            return
        after = list(self._after(clause, match.end()))
        for index, hit in enumerate(after):
            if hit.type == DEMONYM:
                continue
            if index == 0 or (hit.qualifier or "").startswith("around"):
                self._give(hit.place, "position", clause, cue=match.group(0),
                           extent=_qualified_extent(hit))

    def _after(self, clause, offset):
        return [h for h in clause.hits if h.start >= clause.start + offset]

    def _before(self, clause, offset, locative_only=True):
        return [h for h in clause.hits if h.end <= clause.start + offset and h.type != DEMONYM]


def _roles_of(place, clause):
    return {r.name for r in place.roles if r.start == clause.sentence_start}


def _qualified_extent(hit) -> Extent | None:
    """The extent a directional qualifier asks for: "western Syria" -> the
    western part; "the northern countryside of Aleppo" -> around, biased north."""
    match = _DIRECTION_QUALIFIER.match(hit.qualifier or "")
    if not match:
        return None
    kind, direction = match.groups()
    return Extent(kind={"side": "side", "around": "around", "beyond": "around"}[kind],
                  direction=direction or None)


def _drop_spared_strikes(place):
    """A place the text says was not targeted is never a strike area."""
    spared = {r.extent for r in place.roles if r.name == "not_targeted"}
    if spared:
        place.roles = [r for r in place.roles if not (r.name == "strike" and r.extent in spared)]


def _focus_country(places) -> Place | None:
    """The story's main country: where things happen, so the one named most
    often as a place (not as an actor or adjective); first named on ties."""
    counts = Counter()
    for place in places:
        if place.kind == "country":
            literal = sum(m.type == "literal" for m in place.mentions)
            counts[place.id] = (literal, len(place.mentions))
    if not counts:
        return None
    best = max(counts.values())
    return next(p for p in places if p.kind == "country" and counts[p.id] == best)


def _container(hit, clause) -> bool:
    """"Homs in Syria", "Tikrit, Iraq": the country or province that only
    locates the place named just before it is not itself the target."""
    if hit.place.kind not in ("country", "admin1", "region") or hit.qualifier:
        return False
    for other in clause.hits:
        gap = clause.text[other.end - clause.start:hit.start - clause.start]
        if other is not hit and other.end <= hit.start and gap.strip(" ").lower() in (",", "in") \
                and other.place.country_code == hit.place.country_code \
                and other.place.kind in ("city", "admin1", "region") and other.place.id != hit.place.id:
            return True
    return False


def _host_country(clause, focus, neighbours):
    """The country an unnamed area lies in: a country named in the clause that
    is not across the border, else the story's main country."""
    excluded = {p.id for p in neighbours}
    for hit in clause.hits:
        if hit.place.kind == "country" and hit.place.id not in excluded and hit.type != DEMONYM:
            return hit.place
    return focus if focus is not None and focus.id not in excluded else None


def _listed_after(clause, offset) -> list[_Hit]:
    """Place mentions in a list starting at offset: "Jordan and Israel", "Turkey, Iraq and Iran"."""
    listed, cursor = [], offset
    for hit in sorted(clause.hits, key=lambda h: h.start):
        if hit.start < cursor:
            continue
        gap = clause.text[cursor - clause.start:hit.start - clause.start]
        if gap.strip(" ,").lower() not in ("", "and", "or", "the", "and the", "or the"):
            break
        listed.append(hit)
        cursor = hit.end
    return listed


def _preposition_before(clause, hit, words) -> str | None:
    """The preposition heading the list a mention is in ("via Turkey and Jordan"
    -> via, for both): walk back over names and list words to the first other word."""
    before = re.findall(r"[\w'’\-]+", clause.text[:hit.start - clause.start])
    phrases = {tuple(w.lower().split()): w.lower() for w in words}
    longest = max(len(k) for k in phrases)
    position = len(before)
    while position > 0:
        for size in range(longest, 0, -1):
            key = tuple(w.lower() for w in before[max(0, position - size):position])
            if key in phrases:
                return phrases[key]
        word = before[position - 1]
        # names, list words and directions ("into western Sudan") sit between
        if not (word[:1].isupper() or word.lower() in ("and", "or", "the")
                or _DIRECTION_WORD.fullmatch(word.lower())):
            return None
        position -= 1
    return None


def _clauses(article, places):
    """Clauses of every sentence that holds a place mention, with their hits."""
    by_sentence: dict[int, list[tuple[Place, object]]] = {}
    sentences: dict[int, str] = {}
    for place in places:
        for mention in place.mentions:
            by_sentence.setdefault(mention.sentence_start, []).append((place, mention))
            sentences[mention.sentence_start] = mention.sentence
    for start in sorted(by_sentence):
        sentence = sentences[start]
        end = start + len(sentence)
        pieces = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
        for left, right in zip(pieces, pieces[1:]):
            clause_start = start + left
            hits = [_Hit(p, m.start, m.end, m.type, m.qualifier)
                    for p, m in by_sentence[start] if clause_start <= m.start < start + right]
            hits.sort(key=lambda h: h.start)
            yield _Clause(sentence[left:right], clause_start, sentence, start, end, hits)
