"""Route family: what moves, from where, through where, to where.

Cues and grammar: ``roles/route.toml``. A clause carrying a cue of one of the
route kinds (weapons, aid, fuel, grain, trade, smuggling, shipping, supply,
migration, evacuation) is read as a movement, whatever is moving; not a cue
word inside a name ("Air Canada Cargo"), a verb of sending a message, nor
one person's or a suspect's flight ("the suspect fled to X"):

* the preposition heading the list a place is in gives its part: "via X",
  "through X" a transit, "from X" the origin (not after a person: "officials
  from X" belong there), "to X", "into X", "for X" the destination; a
  place inside the noun phrase the preposition heads counts too ("to
  buyers in Egypt", "through the Pacific port of Manzanillo");
* "around X" is a transit when X is a cape, sea or other landform; "at X"
  where a movement the clause describes enters ("cross into Iran at Sarakhs");
* the subject of a verb of sending is the origin ("Iran has supplied drones
  to Russia"), of a verb of receiving, or of a passive one, the destination
  ("Armenia receives its fuel via Georgia");
* a country or province that only locates the place before it ("Lome in
  Togo") takes that place's part;
* when the text names no destination (for goods) or no origin (for people
  fleeing), the story's home country stands for it, unless it is itself on
  the way; a ship passing a strait or cape with nothing else named goes
  nowhere the story says.

The kind decides the role: goods, aid, weapons, fuel, grain and ships give
``supply_route``; people fleeing give ``migration_route``, never a supply
route. The label says the part ("supply route (transit)"); the kind is in
the role's cue ("aid: trucks"). The destination's role carries the route as
an extent: its transits in the order travelled (one extent per alternative
path: "via Georgia and Iran" is two routes) and its origins.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter

from dataclasses import replace

from ..lexicon import direction, load
from ..model import DEMONYM, Extent, Place
from .clauses import LIST_WORDS, Hit, ListHeadings, alternation, container

# "supplied with weapons from states opposed to X via Y": an origin named by a
# description, not a place. The description is a run of words up to the
# transit word or the clause's end; bounded, so "from from from ..." stays linear.
_FROM_PHRASE = re.compile(
    r"\bfrom\s+(?!the\s+[A-Z])([a-z][\w\s]{0,200}?)(?=\s+(?:via|through|across)\b|[,.]|$)")
_WORD = re.compile(r"[\w'’\-]+")
#: Titles (lexicon ``titles``): a place before one is a person's office
#: ("criticism from U.S. President Donald Trump"), no end of a movement.
_TITLES = frozenset(load("lexicon")["words"]["titles"])
#: Places drawn as areas; the others (towns, facilities) are points on a route.
_PASSED_ROUND = ("water", "landform", "island")
#: The story's strikes are counted afresh for at most this many sentences
#: (then the last count stands): a story of ten thousand sentences costs the same.
_MAX_RECOUNTS = 50
#: At most this many alternative paths are drawn for one destination.
MAX_PATHS = 16
#: How far after a name its verb is looked for ("Iran has reportedly supplied").
_VERB_CHARS = 120
#: A capitalised word just before, perhaps joined by "and", "of" or "for": a
#: capitalised cue after it is part of the same name ("Policy and Food").
_NAME_BEFORE = re.compile(r"\b[A-Z][\w’'.-]*[ \t]+(?:(?:and|of|for|&)[ \t]+)?$")
#: How far before a place "from" and the word it follows are looked for (characters).
_BELONGS_CHARS = 120
#: How far before a place its heading preposition is looked for, in words.
_LOOKBACK_WORDS = 12
_ARTICLES = ("the", "a", "an", "its", "their", "his", "her")
_MOVING = ("transit", "origin", "destination")
# ", and the finished drugs are smuggled ...": a second movement, with its own
# subject, in one clause (not ", and would enter ...", nor ", and the United States");
# ", because the road from Beira was flooded": a reason, not the movement.
_NEXT_MOVEMENT = re.compile(r",\s+(?:and|while|whereas)\s+(?=(?:the|a|an|some|most|many|other)\s+[a-z])"
                            r"|,\s+(?:[a-z]+\s+){1,2}(?:say|said|says),\s+(?:and\s+)?"
                            r"|,\s+(?=(?:because|as|since|after|although|though|when|until)\s)")


#: How far before a moving cue its lone subject is looked for ("the suspect has fled").
LONE_MOVER_CHARS = 40


class Routes:
    def __init__(self, lexicon: dict):
        roles, grammar = lexicon["roles"], lexicon["route_grammar"]
        self.base_kinds = dict(lexicon["route_kinds"])
        self.labels = {key: roles[key]["label"] for key in
                       {spec["role"] for spec in self.base_kinds.values()} if key in roles}
        self.parts = {}
        for part in ("transit", "origin", "destination", "around", "entry", "no_movement"):
            for phrase in grammar[part]:
                self.parts[tuple(phrase.lower().split())] = part
        self.longest = max(len(k) for k in self.parts)
        self.links = set(grammar["phrase_links"])
        self.phrase_words = grammar["phrase_words"]
        self.auxiliaries = auxiliaries = "|".join(re.escape(a) for a in sorted(grammar["auxiliaries"], key=len, reverse=True))
        self.subject_verb = re.compile(
            r"\s+(?P<aux>(?:(?:" + auxiliaries + r")\s+){0,3})(?P<verb>(?:"
            + "|".join(f"(?:{v})" for v in grammar["senders"] + grammar["receivers"])
            + r"))\b", re.IGNORECASE)
        self.senders = re.compile(r"(?:" + "|".join(grammar["senders"]) + r")\Z", re.IGNORECASE)
        self.passive = set(grammar["passive"])
        self.origin_lists = alternation(grammar["origin_lists"])
        affiliations = "|".join(f"(?:{a})" for a in grammar["affiliations"])
        # the affiliation word, then at most six words (each perhaps with a comma),
        # then "from": "officials that helped create the program were from"
        self.affiliation = re.compile(rf"\b(?:{affiliations}),?\s+(?P<between>(?:[\w’'-]+,?\s+){{0,6}}?)"
                                      rf"from\s+(?:the\s+)?$", re.IGNORECASE)
        self.lone_mover = re.compile(rf"\b(?:{'|'.join(grammar['lone_movers'])})\s+(?:(?:{auxiliaries})\s+){{0,3}}$",
                                     re.IGNORECASE)
        self.not_moving = re.compile(r"\s+(?:(?:a|an|the|its|their|his|her|our|my)\s+)?(?:"
                                     + "|".join(grammar["not_moving"]) + r")\b", re.IGNORECASE)
        self.moving_verbs = grammar["moving_verbs"]
        self._compiled_kinds: dict[tuple, tuple] = {}
        self.use_kinds({})
        self.home: list[Place] = []
        self.places: list[Place] = []
        self._theatre: tuple[int, Place | None] | None = None
        self._recounts = 0

    # -- per story ---------------------------------------------------------------
    def use_kinds(self, extra: dict) -> None:
        """The route kinds for a story: the lexicon's, and those of the story's
        packs; their patterns compiled once for each set of packs."""
        key = tuple((name, id(spec)) for name, spec in extra.items())
        if key not in self._compiled_kinds:
            self._compiled_kinds[key] = self._compile_kinds({**self.base_kinds, **extra})
        self.kinds, self.kind_cues, self.demonym_moving, self.any_cue, self.any_verb = self._compiled_kinds[key]

    def _compile_kinds(self, kinds: dict) -> tuple:
        kind_cues = [(name, alternation(spec["cues"] + spec.get("verbs", [])),
                      alternation(spec["verbs"]) if spec.get("verbs") else None)
                     for name, spec in kinds.items()]
        demonym_moving = re.compile(
            r"\s+(?:(?:" + self.auxiliaries + r")\s+){0,3}(?:" + "|".join(
                f"(?:{c})" for spec in kinds.values() for c in spec["cues"] + spec.get("verbs", []))
            + r")\b", re.IGNORECASE)
        any_cue = alternation([c for spec in kinds.values() for c in spec["cues"] + spec.get("verbs", [])])
        any_verb = alternation([v for spec in kinds.values() for v in spec.get("verbs", [])] + self.moving_verbs)
        for spec in kinds.values():
            self.labels.setdefault(spec["role"], spec.get("label", spec["role"].replace("_", " ")))
        return kinds, kind_cues, demonym_moving, any_cue, any_verb

    def start_story(self, article, places, focus) -> None:
        """The story's home countries, in the order they stand in for an end
        the text leaves unnamed: its main country, then the dateline's."""
        home = [focus] if focus is not None else []
        span = article.dateline_span
        if span is not None:
            codes = {p.country_code for p in places
                     if any(span[0] <= m.start < span[1] for m in p.mentions)}
            home += [p for p in places if p.kind == "country" and p.country_code in codes
                     and p not in home]
        self.home = home
        self.places, self._theatre, self._recounts = places, None, 0

    def _home(self, clause, on_the_way) -> Place | None:
        """The country standing for an end the text leaves unnamed: where the
        story's strikes so far are (people flee from there, supplies go
        there), else its main country, else the dateline's; never one on the
        way, nor one the sentence puts across a border ("its borders with
        Turkey"). Where the strikes are in a country the story names only
        by its towns, none: no guess."""
        if self._theatre is None or (self._theatre[0] != clause.sentence_start
                                     and self._recounts < _MAX_RECOUNTS):
            self._recounts += 1
            struck = Counter(p.country_code for p in self.places if p.country_code
                             and any(r.name == "strike" for r in p.roles))
            theatre = None
            if struck:
                code = struck.most_common(1)[0][0]
                theatre = next((p for p in self.places if p.kind == "country"
                                and p.country_code == code), False)
            self._theatre = (clause.sentence_start, theatre)
        theatre = self._theatre[1]
        if theatre is False:
            return None
        candidates = ([theatre] if theatre is not None else []) + self.home
        return next((p for p in candidates if p.id not in on_the_way
                     and "border" not in clause.roles_of(p)), None)

    # -- per clause --------------------------------------------------------------
    def __call__(self, clause, context, following) -> None:
        if not self._moves(clause.text):
            return
        for movement in _movements(clause):
            if self._moves(movement.text):
                self._movement(movement, context, following)

    def _moves(self, text: str) -> bool:
        """Whether the text holds a cue of something moving. Not a cue word
        inside a name ("the Ministry of Agrarian Policy and Food", "Air
        Canada Cargo": capitalised after a capitalised word, in a sentence
        that is no headline), nor a verb of sending whose object is a
        message ("had sent a message to"), nor a verb whose subject is one
        person or a crime's suspect ("the suspect fled to Oklahoma")."""
        headline = None     # read only for a capitalised cue
        for match in self.any_cue.finditer(text):
            if match.group(0)[:1].isupper():
                if headline is None:
                    headline = _title_case(text)
                if not headline and _NAME_BEFORE.search(text, max(0, match.start() - 60), match.start()):
                    continue
            if self.not_moving.match(text, match.end()) \
                    or self.lone_mover.search(text, max(0, match.start() - LONE_MOVER_CHARS), match.start()):
                continue
            return True
        return False

    def _movement(self, clause, context, following) -> None:
        """One movement: a clause, or one of the clauses joined by ", and"."""
        parts = self._parts(clause)
        if not parts:
            return
        if all(part == "people" for _, part, _ in parts) and not self.any_verb.search(clause.text):
            return   # "a Philippine supply boat was rammed": whose it is, not where it goes
        kind = self._kind(clause.text, min(h.start for h, _, _ in parts) - clause.start)
        spec = self.kinds[kind]
        role, label = spec["role"], self.labels[spec["role"]]
        transit = [h for h, part, _ in parts if part == "transit"]
        stops = [h for h, part, stop in parts if part == "transit" and stop]
        if not parts:
            return
        origins = _distinct(h.place for h, part, _ in parts if part == "origin") \
            or _distinct(h.place for h, part, _ in parts if part == "people")
        destinations = _distinct(h.place for h, part, _ in parts if part == "destination")
        listed_origins = []
        if _FROM_PHRASE.search(clause.text) and not origins:
            listed_origins = self._listed_origins(following, context, role, label, kind)
        on_the_way = {h.place.id for h in transit} | {p.id for p in origins + destinations}
        unnamed = spec.get("unnamed_end", "destination")
        if unnamed == "destination" and not transit and not origins:
            return   # goods going somewhere, from and through nowhere the text names
        home = self._home(clause, on_the_way)
        # a ship passing a strait or cape, with nothing else named, goes nowhere the story says
        passing_only = not origins and not destinations \
            and all(h.place.kind in _PASSED_ROUND for h in transit)
        if home is not None and not passing_only:
            if unnamed == "destination" and not destinations:
                destinations = [home]
            elif unnamed == "origin" and not origins and (destinations or transit):
                origins = [home]
        for hit in transit:
            context.give(hit.place, role, clause, cue=f"{kind}: via", label=f"{label} (transit)")
        for place in origins:
            context.give(place, role, clause, cue=f"{kind}: from", label=f"{label} (origin)")
        # not a stop twice: a place that locates another, or one on the way
        located = {h.place.id for h, _, stop in parts if not stop} | {h.place.id for h in stops}
        all_origins = [p for p in _distinct(origins + listed_origins) if p.id not in located]
        for place in destinations:
            for path in self._paths(clause, stops, place):
                starts = tuple(p.id for p in all_origins if p.id != place.id and p.id not in path)
                extent = Extent(kind="route", via=path, origins=starts) if path or starts else None
                context.give(place, role, clause, cue=f"{kind}: to", label=f"{label} (destination)",
                             extent=extent)

    def _kind(self, text, first_place: int) -> str:
        """What moves: the kind of the clause's first cue ("aid routed through
        Malawi", "migrants set sail from Sfax"), unless the last verb of moving
        before the first place on the way says people flee or are moved ("aid
        agencies helping refugees who fled to Chad"; but "trucks carrying food
        for refugees to Chad" move goods)."""
        verbs = [(m.start(), name) for name, _, verbs in self.kind_cues if verbs is not None
                 for m in verbs.finditer(text, 0, max(first_place, 0))]
        found = [(m.start(), name) for name, cues, _ in self.kind_cues if (m := cues.search(text))]
        first = min(found)[1]
        if verbs and self.kinds[max(verbs)[1]].get("people") and not self.kinds[first].get("people"):
            return max(verbs)[1]
        return first   # the first cue names what moves best ("aid routed", "migrants set sail")

    def _parts(self, clause) -> list[tuple]:
        """(mention, part, stop) for each mention with a part in the movement,
        in text order; ``stop`` is False for a country or province that only
        locates the place before it ("Lome in Togo"): it takes that place's
        part, but the route does not stop in it twice."""
        heading = ListHeadings(clause, self.parts)
        words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(clause.text)]
        found, modifiers = {}, set()
        subjects = self._subject_parts(clause)
        for hit in clause.hits:
            if hit.type == DEMONYM:
                # "Sudanese have fled", "Kazakh grain": where what moves comes from
                if self.demonym_moving.match(clause.text, hit.end - clause.start):
                    found[id(hit)] = "people"
                continue
            part = heading.of(hit) or self._phrase_heading(clause, words, hit, modifiers) \
                or subjects.get(id(hit))
            if part == "origin" and self._belongs(clause, hit):
                part = None
            found[id(hit)] = part
        for modifier in modifiers:   # "the Pacific port of Manzanillo": no stop of its own
            found.pop(modifier, None)
        # "to buyers in Egypt and Spain": a place listed after one with a part shares it
        for hit in clause.hits:
            previous = hit.previous
            if found.get(id(hit), "") is None and previous is not None and id(previous) in found:
                gap = clause.text[previous.end - clause.start:hit.start - clause.start]
                if gap.strip(" ,").lower() in LIST_WORDS:
                    found[id(hit)] = found[id(previous)]
        moving = any(p in _MOVING for p in found.values())
        parts = []
        for hit in clause.hits:
            if id(hit) not in found:
                continue
            part, stop = found[id(hit)], True
            if hit.previous is not None and container(hit, clause) \
                    and found.get(id(hit.previous)) in _MOVING:
                part, stop = found[id(hit.previous)], False
            elif part == "around":
                part = "transit" if hit.place.kind in _PASSED_ROUND else None
            elif part == "entry":
                part = "transit" if moving else None
            if part in _MOVING or part == "people":
                parts.append((hit, part, stop))
        return parts

    def _belongs(self, clause, hit) -> bool:
        """"a delegation from Ukraine", "officials from Japan's ministry",
        "officials that helped create it were from London", "criticism from
        U.S. President Donald Trump": where someone belongs, not where a
        movement starts; unless a cue of movement stands between ("officials
        said arms were smuggled from Turkey")."""
        following = clause.text[hit.end - clause.start:].split(None, 1)
        if following and following[0].rstrip(".,") in _TITLES:
            return True
        offset = hit.start - clause.start
        match = self.affiliation.search(clause.text, max(0, offset - _BELONGS_CHARS), offset)
        return match is not None and not self.any_cue.search(match.group("between"))

    def _phrase_heading(self, clause, words, hit, modifiers: set) -> str | None:
        """The part of a place inside the noun phrase a preposition heads:
        "to buyers in Egypt", "to militants in northern Mali", "through the
        Pacific port of Manzanillo" (a place naming the noun, "Pacific", is
        added to ``modifiers``)."""
        offset = hit.start - clause.start
        last = bisect_right(words, offset, key=lambda w: w[1])
        before = words[max(0, last - _LOOKBACK_WORDS):last]
        index = len(before) - 1
        if index >= 0 and direction(before[index][2]):
            index -= 1      # "to militants in northern Mali"
        if index >= 0 and before[index][2] in _ARTICLES:
            index -= 1
        if index < 0 or before[index][2] not in self.links:
            return None
        link = before[index][0]
        # a comma, or a place the link follows ("into Iran at Sarakhs"), ends the phrase
        floor = max(clause.text.rfind(",", 0, link), clause.text.rfind(";", 0, link)) + 1
        first = bisect_left(clause.hits, clause.start + floor, key=lambda h: h.start)
        inside = list(itertools.takewhile(lambda h: h.end - clause.start <= link, clause.hits[first:]))
        if any(not clause.text[h.end - clause.start:link].strip() for h in inside):
            return None
        candidates = [w for _, _, w in (w for w in before[:index] if w[0] >= floor)]
        last = len(candidates)
        for end in range(last, max(last - self.phrase_words, 0) - 1, -1):
            for size in range(min(self.longest, end), 0, -1):
                key = tuple(candidates[end - size:end])
                if key in self.parts:
                    heading_end = [w for w in before[:index] if w[0] >= floor][end - 1][1]
                    if self.any_cue.search(clause.text, heading_end, link):
                        return None   # "set fire to a fuel depot in X": what moves is no stop
                    modifiers.update(id(h) for h in inside if h.start - clause.start >= heading_end)
                    return self.parts[key]
        return None

    def _subject_parts(self, clause) -> dict[int, str]:
        """"Iran has supplied drones": the origin; "Armenia receives fuel",
        "Armenia was supplied": the destination. A list before the verb
        ("Turkey and Jordan supply") shares it. One pass, from the clause's end."""
        parts: dict[int, str] = {}
        following = None
        for hit in reversed(clause.hits):
            # at most a few words of auxiliaries and the verb: a bounded look
            match = self.subject_verb.match(clause.text[hit.end - clause.start:
                                                        hit.end - clause.start + _VERB_CHARS])
            if match:
                auxiliaries = set(match.group("aux").lower().split())
                sending = bool(self.senders.match(match.group("verb")))
                parts[id(hit)] = "origin" if sending and not auxiliaries & self.passive else "destination"
            elif following is not None and following.previous is hit and id(following) in parts:
                gap = clause.text[hit.end - clause.start:following.start - clause.start]
                if gap.strip(" ,").lower() in LIST_WORDS:
                    parts[id(hit)] = parts[id(following)]
            following = hit
        return parts

    def _paths(self, clause, transit, destination) -> list[tuple[str, ...]]:
        """The transits in the order travelled, one path per alternative: a
        list under one preposition ("via Georgia and Iran") is alternatives,
        separate prepositions ("from A by rail via B to C") are stages."""
        stages: list[list[Place]] = []
        previous = None
        for hit in transit:
            if hit.place.id == destination.id:
                continue
            gap = (clause.text[previous.end - clause.start:hit.start - clause.start]
                   if previous is not None else None)
            if gap is not None and gap.strip(" ,").lower() in LIST_WORDS and stages:
                stages[-1].append(hit.place)
            else:
                stages.append([hit.place])
            previous = hit
        paths = []
        for path in itertools.islice(itertools.product(*stages), MAX_PATHS):
            ids = tuple(dict.fromkeys(p.id for p in path))
            paths.append(ids)
        return paths or [()]

    def _listed_origins(self, following, context, role, label, kind) -> list[Place]:
        """"Assad's foreign opponents include Gulf Arab states and Turkey."""
        for clause in following:
            match = self.origin_lists.search(clause.text)
            if match:
                listed = [h.place for h in clause.hits
                          if h.start >= clause.start + match.end() and h.type != DEMONYM]
                if listed:
                    for place in listed:
                        context.give(place, role, clause, cue=f"{kind}: {match.group(0)}",
                                     label=f"{label} (origin)")
                    return listed
        return []


def _title_case(text: str) -> bool:
    """Headline style ("Turkey Sends Arms To Syria"): capitals tell nothing."""
    long_words = [w for w in _WORD.findall(text) if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _distinct(places) -> list[Place]:
    """The places in order, each once."""
    seen, out = set(), []
    for place in places:
        if place.id not in seen:
            seen.add(place.id)
            out.append(place)
    return out


def _movements(clause):
    """The clause, cut where a second movement starts (", and the drugs are
    smuggled ..."; ", officials say, and ..."), each part with its own mentions."""
    cuts = [0] + [m.end() for m in _NEXT_MOVEMENT.finditer(clause.text)] + [len(clause.text)]
    if len(cuts) == 2:
        yield clause
        return
    for left, right in zip(cuts, cuts[1:]):
        start, end = clause.start + left, clause.start + right
        hits = []
        for hit in clause.hits:
            if start <= hit.start < end:
                hits.append(Hit(hit.place, hit.start, hit.end, hit.type, hit.qualifier,
                                previous=hits[-1] if hits else None))
        if hits:
            yield replace(clause, text=clause.text[left:right], start=start, hits=hits)
