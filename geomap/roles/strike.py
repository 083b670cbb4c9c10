"""Strike family: what was struck, and what the text says was spared.
Cues: ``roles/strike.toml`` (strike ``cues``, ``passive_cues``, verbs of
impact with a projectile subject and verbs of violence with armed men as
their subject: "gunmen killed 12 villagers in X"; ``negations`` and
``hypotheses``, not_targeted ``cues``, ``country_parts`` and
``relative_areas``: "areas further north").

Each cue is read by :func:`.clauses.read_cue`: a strike cue strikes its
targets (its object and the places attached to it, its subject when
passive), never its agent ("a drone strike by US forces"), its source
("missiles fired from X"), a reference point ("60 km north of X", "across
the river from X") or a place that only locates another ("Homs, Syria":
a town's strike never shades its country). A country or a division is
struck only where it is itself the target ("strikes across eastern
Ukraine", "bombed hideouts in Afghanistan"). A negated cue ("was not
targeted") makes its targets not targeted, and a strike named inside its
phrase ("by the latest attacks") is the same negated event; a hypothetical
one ("rather than risk attack near X") gives no role. A place is never
both struck and not targeted by the same sentence: not targeted wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import direction, direction_words
from ..model import LITERAL, METONYMY, Extent
from .clauses import BOUNDARY_WORDS, CUE_CONTEXT_CHARS, PASSIVE_AUXILIARIES, RELATIVE_PRONOUN, alternation, \
    ending_with, host_country, qualified_extent, read_cue

STRIKE, SPARED, PASSIVE, AIMED = "strike", "spared", "passive", "aimed"
#: How far before a verb of impact or violence its subject (a projectile, armed men) is looked for.
SUBJECT_CHARS = 80
#: How far before a cue its subject, and after it its agent, is looked for (characters).
PEACEFUL_CHARS = 60
#: Words that may stand between a subject and its verb ("tariffs that have targeted").
_SUBJECT_LINKS = ("that", "which", "have", "has", "had", "been", "was", "were", "is", "are", "will",
                  "also", "again", "reportedly", "already", "badly", "hard", "severely")
#: A verb in the passive: its subject is what was done to, not who did it.
_PASSIVE_BEFORE = ending_with(PASSIVE_AUXILIARIES)
#: How many words after a verb of interception its projectile object may stand ("41 Ukrainian drones").
INTERCEPTED_WORDS = 4


class Strikes:
    def __init__(self, lexicon: dict):
        roles = lexicon["roles"]
        strike = roles["strike"]
        self.cues = alternation(strike["cues"])
        self.passive_cues = alternation(strike.get("passive_cues", []) or ["(?!)"])
        self.not_attacks = alternation(strike.get("not_attacks", []) or ["(?!)"])
        peaceful = "|".join(f"(?:{p})" for p in strike.get("peaceful_agents", [])) or "(?!)"
        # the subject right before the cue, auxiliaries between: "tariffs that
        # have targeted"; a storm's name after it: "Cyclone Idai hit"
        self.peaceful_subject = re.compile(
            rf"\b(?:{peaceful})(?:\s+(?-i:[A-Z][\w'’-]*)){{0,2}}"
            rf"\s+(?:(?:{'|'.join(_SUBJECT_LINKS)})\s+){{0,3}}$", re.IGNORECASE)
        # the agent of a passive: "hit hard by the recession", "was hit by a cyclone"
        self.peaceful_agent = re.compile(rf"\s*(?:\w+\s+){{0,2}}?by\s+(?:\w+\s+){{0,2}}?(?:{peaceful})\b",
                                         re.IGNORECASE)
        self.fired_objects = alternation(strike.get("fired_objects", []) or ["(?!)"])
        self.negated = ending_with(strike["negations"])
        self.hypothesis = ending_with(strike.get("hypotheses", []) or ["(?!)"])
        self.spared_cues = alternation(roles["not_targeted"]["cues"])
        self.impacts = alternation(strike.get("impacts", []) or ["(?!)"])
        self.aimed_cues = alternation(strike.get("aimed_cues", []) or ["(?!)"])
        self.interceptions = alternation(strike.get("interceptions", []) or ["(?!)"])
        self.aimed_at = frozenset(strike.get("aimed_at", []))
        self.same_town = re.compile(strike.get("same_town", "(?!)"), re.IGNORECASE)
        self.projectiles = alternation(strike.get("projectiles", []) or ["(?!)"])
        self.violent_acts = alternation(strike.get("violent_acts", []) or ["(?!)"])
        self.assailants = alternation(strike.get("assailants", []) or ["(?!)"])
        # "{directions}" in a pattern stands for every word of the direction vocabulary
        words = "|".join(re.escape(w) for w in direction_words())
        self.further = re.compile(lexicon["relative_areas"]["further"].replace("{directions}", words),
                                  re.IGNORECASE)
        self.country_parts = [re.compile(p.replace("{directions}", words), re.IGNORECASE)
                              for p in strike.get("country_parts", [])]

    def cues_in(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, kind, words) of every cue in the text, in order; a
        passive cue ("came under fire") hides the strike cue inside it, and
        what is no attack ("rail strikes", "a police raid") is no cue at all."""
        found = [(m.start(), m.end(), PASSIVE, m.group(0)) for m in self.passive_cues.finditer(text)]
        covered = None      # read only once a cue needs it
        for kind, pattern in ((STRIKE, self.cues), (SPARED, self.spared_cues),
                              (AIMED, self.aimed_cues)):
            for m in pattern.finditer(text):
                if covered is None:
                    covered = [(s, e) for s, e, _, _ in found] + \
                        [(n.start(), n.end()) for n in self.not_attacks.finditer(text)]
                if not any(s <= m.start() < e for s, e in covered):
                    found.append((m.start(), m.end(), kind, m.group(0)))
        starts = {s for s, _, _, _ in found}
        for verbs, subjects in ((self.impacts, self.projectiles), (self.violent_acts, self.assailants)):
            for m in verbs.finditer(text):
                # "24 fighters have been killed in X": those armed men are the victims
                if verbs is self.violent_acts \
                        and _PASSIVE_BEFORE.search(text, max(0, m.start() - CUE_CONTEXT_CHARS), m.start()):
                    continue
                if m.start() not in starts and self._subject_before(text, m.start(), subjects):
                    starts.add(m.start())
                    found.append((m.start(), m.end(), STRIKE, m.group(0)))
        return sorted(found)

    @staticmethod
    def _subject_before(text: str, start: int, subjects) -> bool:
        """One of ``subjects`` (a projectile, armed men) is the subject of the
        verb at ``start``: named in the few words before it, with no comma,
        semicolon or clause word between."""
        window = text[max(0, start - SUBJECT_CHARS):start]
        last = None
        for last in subjects.finditer(window):
            pass
        if last is None:
            return False
        between = window[last.end():]
        return not any(c in between for c in ",;") and not any(
            w.lower() in BOUNDARY_WORDS for w in between.split())

    def __call__(self, clause, context, border, zone_area, previous=None) -> None:
        """``previous``: the clause before in the sentence, whose last place a
        relative clause may refer to ("Kherson, | which Russia shelled daily")."""
        text = clause.text
        reference = border[1] if border else zone_area
        host = border[0] if border else context.focus
        further_areas = list(self.further.finditer(text))
        further_starts = [m.start() for m in further_areas]
        cues = self.cues_in(text)
        skip_until = -1
        for number, (start, end, kind, words) in enumerate(cues):
            if start < skip_until:
                continue
            stop = cues[number + 1][0] if number + 1 < len(cues) else None
            reading = read_cue(clause, start, end, stop=stop, negation=self.negated,
                               hypothesis=self.hypothesis, passive=kind == PASSIVE)
            if kind == SPARED:
                spared = reading.targets() if reading.passive else (reading.objects or reading.subject)
                self._spare(spared, clause, context, words)
                continue
            if reading.hypothetical or self._interception(clause, reading) \
                    or self._peaceful(text, start, end):
                skip_until = reading.phrase_end
                continue
            if reading.negated:
                # "have not been targeted by the latest attacks": one negated event
                skip_until = reading.phrase_end
                spared = [h for h in reading.targets() if "border" not in clause.roles_of(h.place)]
                if not spared and reference is not None and host is not None:
                    context.give(host, "not_targeted", clause, cue=words, extent=reference)
                else:
                    self._spare(spared, clause, context, words)
                continue
            targets = reading.targets()
            if kind == AIMED:
                targets = self._aimed(clause, reading)
            if not targets:
                targets = self._antecedent(clause, previous, reading)
            same_town = self._same_town(clause, reading)
            for hit in targets + same_town:
                given = clause.roles_of(hit.place)
                if "border" in given or "not_targeted" in given:
                    continue
                context.give(hit.place, "strike", clause, cue=words,
                             extent=None if hit in same_town else qualified_extent(hit))
            self._country_parts(reading, clause, context, words)
            further = bisect_left(further_starts, end)
            if further < len(further_areas) and further_starts[further] < reading.phrase_end \
                    and host is not None:
                context.give(host, "strike", clause, cue=words, extent=Extent(
                    kind="further", reference=reference,
                    direction=direction(further_areas[further].group("direction")).key))

    @staticmethod
    def _antecedent(clause, previous, reading) -> list:
        """"Kherson, which Russia shelled daily", "Kherson, which was shelled":
        a relative clause whose pronoun is the cue's object (a subject stands
        between them) or its passive subject strikes the place just before
        it; "Russia, which shelled Kherson" does not strike Russia."""
        opening = RELATIVE_PRONOUN.match(clause.text)
        if opening is None or previous is None or not previous.hits:
            return []
        last = previous.hits[-1]
        if previous.text[last.end - previous.start:].strip(" ,") \
                or last.type not in (LITERAL, METONYMY):
            return []
        between = clause.text[opening.end():reading.start].split()
        subject = any(w.lower() not in _SUBJECT_LINKS for w in between)
        return [last] if reading.passive or subject else []

    def _peaceful(self, text: str, start: int, end: int) -> bool:
        """"Floods hit Beira", "India has been hit by protests": what hit is
        no attack (lexicon ``peaceful_agents``), as the cue's subject right
        before it or its agent right after it."""
        return bool(self.peaceful_subject.search(text, max(0, start - PEACEFUL_CHARS), start)
                    or self.peaceful_agent.match(text, end, end + PEACEFUL_CHARS))

    def _interception(self, clause, reading) -> bool:
        """"air defences destroyed 41 drones over X": a projectile in the first
        words after a verb of interception; X was not struck."""
        if not self.interceptions.fullmatch(reading.cue):
            return False
        words = clause.text[reading.end:reading.phrase_end].split()[:INTERCEPTED_WORDS]
        return bool(self.projectiles.search(" ".join(words)))

    def _aimed(self, clause, reading) -> list:
        """A verb of firing strikes what it is aimed at: its targets from the
        first "at/on/towards" in its phrase on ("fired rockets at a base near X")."""
        for start, _, word in clause.tokens:
            if reading.end <= start < reading.phrase_end and word in self.aimed_at \
                    and reading.targeted_at(start):
                fired = clause.text[reading.end:start]
                if fired.strip() and not (self.projectiles.search(fired) or self.fired_objects.search(fired)):
                    return []       # "launched a lawsuit against X", "fired tear gas at"
                return [h for h in reading.objects if h.start - clause.start > start]
        return []

    def _same_town(self, clause, reading) -> list:
        """"after drones attacked the city": the last town named before the
        cue in the clause, when its phrase says "the city" or "the town"
        without a name; none when that town is the source of fire ("missiles
        fired from X hit the city": another city), though a town the source
        lies beside may be ("shells fired from hills north of X landed in the city")."""
        for match in self.same_town.finditer(clause.text, reading.end, reading.phrase_end):
            if reading.targeted_at(match.start()):
                towns = [h for h in clause.before(reading.start) if h.place.kind == "city"]
                if not towns:
                    return []
                last = towns[-1]
                source = any(h is last for h in reading.sources)
                return [] if source and not (last.qualifier or "").startswith("beyond") else [last]
        return []

    @staticmethod
    def _spare(hits, clause, context, cue) -> None:
        for hit in hits:
            context.give(hit.place, "not_targeted", clause, cue=cue, extent=qualified_extent(hit))

    def _country_parts(self, reading, clause, context, cue) -> None:
        """"bombed columns near Faya-Largeau in the north of the country": the
        side of the country of the place before it (else the clause's, else
        the story's)."""
        text = clause.text
        for pattern in self.country_parts:
            for match in pattern.finditer(text, reading.end, reading.phrase_end):
                if not reading.targeted_at(match.start()):
                    continue
                before = [h for h in clause.before(match.start()) if h.start - clause.start >= reading.end]
                country = None
                if before and before[-1].place.country_code:
                    country = context.country(before[-1].place.country_code)
                country = country or host_country(clause, context.focus, [])
                if country is not None:
                    context.give(country, "strike", clause, cue=cue, extent=Extent(
                        kind="side", direction=direction(match.group("direction")).key))


def drop_spared_strikes(place) -> None:
    """A place the text says was not targeted is never a strike area for that
    same area (whichever sentence says so; a part of it, "areas further
    north", may still be struck)."""
    spared = {r.extent for r in place.roles if r.name == "not_targeted"}
    if spared:
        place.roles = [r for r in place.roles if not (r.name == "strike" and r.extent in spared)]
