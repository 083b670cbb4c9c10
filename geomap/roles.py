"""Stage 4: tag each place with its role(s) in the story, with evidence.

The mechanism only: cue words, patterns and labels live in
``geomap/data/roles.toml``. Each rule reads one clause of a sentence and the
place mentions in it; each role it gives keeps the sentence that supports it.

Cost is linear in the text: sentences are bounded in length (see
:func:`geomap.mentions.sentence_spans`), no pattern can backtrack over more
than a bounded stretch, and each rule visits a clause's mentions a bounded
number of times, however many cue words the clause repeats.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .lexicon import direction, direction_words, load
from .model import DEMONYM, METONYMY, Article, Extent, Place, Role

# Clause boundaries: relative and contrastive clauses, and an attribution
# (", officials in Kyiv said") whose places are sources, not targets.
# Possessive quantifiers (++) never give back what they took, and a run of
# whitespace is only tried from its first character (?<!\s): a long run of
# spaces or commas costs its length, not its square.
_CLAUSE_BREAK = re.compile(
    r",\s++(?=which\b|who\b|while\b|whereas\b|but\b|saying\b|adding\b)"
    r"|,\s++(?=(?:[\w.'’-]++\s++){0,6}(?:said|says|told|reported|added)\b)"
    r"|(?<!\s)\s++(?:but|--|—)\s+|;\s+")
_DIRECTION_QUALIFIER = re.compile(r"^(side|around|beyond):(\w*)$")
_BORDER_AFTER = re.compile(r"\s+border")
_WORD = re.compile(r"[\w'’\-]+")
PASSIVE_AUXILIARIES = ("was", "were", "been", "being", "is", "are", "be", "got")
#: How far before a cue its negation or passive auxiliary is looked for
#: ("have not been targeted"): a few words, never the whole clause.
CUE_CONTEXT_CHARS = 80
#: How far after a name an agent noun or verb is looked for ("Russian air force").
AFTER_NAME_CHARS = 80


def _alternation(patterns) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", re.IGNORECASE)


def _ending_with(words) -> re.Pattern:
    """One of ``words``, then at most one more word, at the very end of the text
    searched ("was heavily |shelled", "not |targeted")."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?:\w+\s+)?$",
                      re.IGNORECASE)


@dataclass
class _Hit:
    """A place mention inside a clause."""

    place: Place
    start: int
    end: int
    type: str
    qualifier: str | None
    previous: "_Hit | None" = None   # the mention just before, in the same clause


class _Ledger:
    """The roles given so far in one story, indexed: giving or looking one up
    costs the same in a story of ten sentences or ten thousand."""

    def __init__(self):
        self._given: set[tuple] = set()
        self._names: dict[tuple[str, int], set[str]] = {}

    def give(self, place: Place, role: Role) -> None:
        """Adds the role unless the place has it already for that sentence
        (one role per (role, label, sentence, extent): a second cue adds nothing)."""
        key = (place.id, role.name, role.label, role.start, role.extent)
        if key in self._given:
            return
        self._given.add(key)
        self._names.setdefault((place.id, role.start), set()).add(role.name)
        place.roles.append(role)

    def names(self, place: Place, sentence_start: int) -> set[str]:
        """The role names the place has from the sentence starting there."""
        return self._names.get((place.id, sentence_start), set())


@dataclass
class _Clause:
    text: str
    start: int          # offset in the article
    sentence: str
    sentence_start: int
    sentence_end: int
    hits: list[_Hit]    # in text order
    ledger: _Ledger = field(repr=False)

    def roles_of(self, place: Place) -> set[str]:
        """Role names the place already has from this clause's sentence."""
        return self.ledger.names(place, self.sentence_start)


class RoleTagger:
    """Applies the role lexicon to a resolved story."""

    def __init__(self, lexicon: dict | None = None):
        self.lexicon = lexicon or load("roles")
        roles = self.lexicon["roles"]
        self.labels = {key: spec["label"] for key, spec in roles.items()}
        strike = roles["strike"]
        self.strike_cues = _alternation(strike["cues"])
        self.negated = _ending_with(strike["negations"])
        self.passive = _ending_with(PASSIVE_AUXILIARIES)
        self.spared_cues = _alternation(roles["not_targeted"]["cues"])
        self.zone_patterns = [re.compile(p) for p in roles["zone"]["patterns"]]
        self.generic_groups = roles["zone"]["generic_groups"]
        supply = roles["supply_route"]
        self.supply_cues = _alternation(supply["cues"])
        self.transit_words = supply["transit"]
        self.origin_words = supply["origin"]
        self.destination_words = supply["destination"]
        self.heading_phrases = {tuple(w.lower().split()): w.lower() for w in
                                self.transit_words + self.origin_words + self.destination_words}
        self.origin_lists = _alternation(supply["origin_lists"])
        self.agent_nouns = _alternation(roles["actor"]["agent_nouns"])
        self.position_cues = _alternation(roles["position"]["cues"])
        self.border_patterns = [re.compile(p, re.IGNORECASE) for p in roles["border"]["patterns"]]
        # "{directions}" in the pattern stands for every word of the direction vocabulary
        words = "|".join(re.escape(w) for w in direction_words())
        self.further = re.compile(self.lexicon["relative_areas"]["further"]
                                  .replace("{directions}", words), re.IGNORECASE)

    def tag(self, article: Article, places: list[Place]) -> list[Place]:
        """Fills ``place.roles`` in place and returns the places."""
        focus = _focus_country(places)
        clauses = list(_clauses(article, places, _Ledger()))
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
        clause.ledger.give(place, self._role(key, clause.sentence_start, clause.sentence_end,
                                             clause.sentence, cue, extent, label))

    # -- rules ----------------------------------------------------------------
    def _dateline(self, article, clause):
        if article.dateline_span is None:
            return
        for hit in clause.hits:
            if article.dateline_span[0] <= hit.start < article.dateline_span[1]:
                self._give(hit.place, "dateline", clause, cue=article.dateline or "")

    def _actors(self, clause):
        for hit in clause.hits:
            after = clause.text[hit.end - clause.start:hit.end - clause.start + AFTER_NAME_CHARS]
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
            if hit.type == DEMONYM and _BORDER_AFTER.match(clause.text, hit.end - clause.start):
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
                       and "border" not in clause.roles_of(h.place)]
            for hit in targets:
                self._give(hit.place, "zone", clause, cue=match.group(0),
                           extent=_qualified_extent(hit), label=label)
            return None
        return None

    def _strikes(self, clause, focus, border, zone_area):
        text = clause.text
        reference = border[1] if border else zone_area
        host = border[0] if border else focus
        # every mention after the first "spared" is spared; later cues add nothing
        spared = self.spared_cues.search(text)
        if spared:
            for hit in self._after(clause, spared.end()):
                self._give(hit.place, "not_targeted", clause, cue=spared.group(0),
                           extent=_qualified_extent(hit))
        further_areas = list(self.further.finditer(text))
        further_starts = [m.start() for m in further_areas]
        # The first cue strikes every mention after it; a later cue can only
        # add the mentions before it, when it is passive ("X was shelled").
        after_struck = before_struck = False
        for match in self.strike_cues.finditer(text):
            window = max(0, match.start() - CUE_CONTEXT_CHARS)
            # "have not been targeted by air strikes in X": the strikes are the
            # negated event, not a second one
            if self.negated.search(text, window, match.start()):
                if reference is not None and host is not None:
                    self._give(host, "not_targeted", clause, cue=match.group(0), extent=reference)
                else:
                    for hit in self._before(clause, match.start()):
                        self._give(hit.place, "not_targeted", clause, cue=match.group(0),
                                   extent=_qualified_extent(hit))
                break
            struck = []
            if not after_struck:
                struck, after_struck = self._after(clause, match.end()), True
            if not before_struck and self.passive.search(text, window, match.start()):
                struck, before_struck = struck + self._before(clause, match.start()), True
            for hit in struck:
                # places that only locate the one before them, actors and border
                # references are not what was hit
                if not _container(hit, clause) and hit.type not in (DEMONYM, METONYMY) \
                        and "border" not in clause.roles_of(hit.place):
                    self._give(hit.place, "strike", clause, cue=match.group(0),
                               extent=_qualified_extent(hit))
            further = bisect_left(further_starts, match.end())
            if further < len(further_areas) and host is not None:
                self._give(host, "strike", clause, cue=match.group(0), extent=Extent(
                    kind="further", reference=reference,
                    direction=direction(further_areas[further].group("direction")).key))

    def _supply(self, clause, focus, following):
        text = clause.text
        if not self.supply_cues.search(text):
            return
        transit, origins, destinations = [], [], []
        heading = _ListHeadings(clause, self.heading_phrases)
        for hit in clause.hits:
            if hit.type == DEMONYM:
                continue
            word = heading.of(hit)
            if word in self.transit_words:
                transit.append(hit.place)
            elif word in self.origin_words:
                origins.append(hit.place)
            elif word in self.destination_words:
                destinations.append(hit.place)
        if not transit and not origins:
            return
        listed_origins = []
        from_phrase = _FROM_PHRASE.search(text)
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

    def _before(self, clause, offset):
        return [h for h in clause.hits if h.end <= clause.start + offset and h.type != DEMONYM]


# "supplied with weapons from states opposed to X via Y": an origin named by a
# description, not a place. The description is a run of words up to the
# transit word or the clause's end; bounded, so "from from from ..." stays linear.
_FROM_PHRASE = re.compile(
    r"\bfrom\s+(?!the\s+[A-Z])([a-z][\w\s]{0,200}?)(?=\s+(?:via|through|across)\b|[,.]|$)")


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
    locates the place named just before it is not itself the target. Only the
    mention just before can be that place: any other has it in between."""
    if hit.place.kind not in ("country", "admin1", "region") or hit.qualifier:
        return False
    other = hit.previous
    if other is None:
        return False
    gap = clause.text[other.end - clause.start:hit.start - clause.start]
    return gap.strip(" ").lower() in (",", "in") \
        and other.place.country_code == hit.place.country_code \
        and other.place.kind in ("city", "admin1", "region") and other.place.id != hit.place.id


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
    first = bisect_left(clause.hits, offset, key=lambda h: h.start)
    for hit in clause.hits[first:]:
        gap = clause.text[cursor - clause.start:hit.start - clause.start]
        if gap.strip(" ,").lower() not in ("", "and", "or", "the", "and the", "or the"):
            break
        listed.append(hit)
        cursor = hit.end
    return listed


class _ListHeadings:
    """The preposition heading the list each mention of a clause is in ("via
    Turkey and Jordan" -> via, for both): from a mention, walk back over
    names, list words and directions ("into western Sudan") to the first other
    word, and take it if it is one of ``phrases``. Worked out in one pass over
    the clause's words, not one walk per mention."""

    def __init__(self, clause: _Clause, phrases: dict[tuple[str, ...], str]):
        self.clause, self.phrases = clause, phrases
        self.longest = max(len(k) for k in phrases)
        self.words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(clause.text)]
        self.ends = [end for _, end, _ in self.words]
        self.headings: list[str | None] = []   # after each word
        heading = None
        for index in range(len(self.words)):
            heading = self._step(heading, self._texts(index + 1 - self.longest, index + 1))
            self.headings.append(heading)

    def of(self, hit: _Hit) -> str | None:
        """The heading preposition of the list the mention is in, or None."""
        offset = hit.start - self.clause.start
        index = bisect_right(self.ends, offset) - 1     # last word ending before the mention
        heading = self.headings[index] if index >= 0 else None
        following = index + 1
        if following < len(self.words) and self.words[following][0] < offset:
            # a word running into the mention ("ex-Yugoslavia"): its part before it counts
            tail = self._texts(following + 1 - self.longest, following)
            heading = self._step(heading, tail + [self.clause.text[self.words[following][0]:offset]])
        return heading

    def _texts(self, first: int, end: int) -> list[str]:
        return [text for _, _, text in self.words[max(0, first):end]]

    def _step(self, heading, tail: list[str]) -> str | None:
        """The heading after the last word of ``tail`` (the words ending there)."""
        for size in range(min(self.longest, len(tail)), 0, -1):
            key = tuple(w.lower() for w in tail[-size:])
            if key in self.phrases:
                return self.phrases[key]
        word = tail[-1]
        if word[:1].isupper() or word.lower() in ("and", "or", "the") or direction(word):
            return heading
        return None


def _clauses(article, places, ledger: _Ledger):
    """Clauses of every sentence that holds a place mention, with their hits
    (each mention is visited once per sentence, however many clauses it has)."""
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
        mentions = sorted(by_sentence[start], key=lambda pm: pm[1].start)
        cursor = 0
        for left, right in zip(pieces, pieces[1:]):
            clause_start = start + left
            while cursor < len(mentions) and mentions[cursor][1].start < clause_start:
                cursor += 1     # before the sentence's first piece: in no clause
            hits = []
            while cursor < len(mentions) and mentions[cursor][1].start < start + right:
                place, mention = mentions[cursor]
                hits.append(_Hit(place, mention.start, mention.end, mention.type, mention.qualifier,
                                 previous=hits[-1] if hits else None))
                cursor += 1
            yield _Clause(sentence[left:right], clause_start, sentence, start, end, hits, ledger)
