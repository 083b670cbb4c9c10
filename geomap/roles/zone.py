"""Zone family: where a named group operates, holds or controls ground.
Cues: ``roles/zone.toml``.

A zone is read as three parts, whatever the syntax (the toml lists the
phrasings): the *group*, a *verb* of holding or operating, and the *area*.

* The group is read from the words around the verb: the noun phrase just
  before it ("Hezbollah operates", "insurgents who control", "M23 fighters
  active in"), the noun phrase ending the clause before a relative clause
  ("the ADF, | which controls ..."), the name before an apposition ("the
  PKK, a militant group that operates"), the phrase after "by" ("controlled
  by the ADF"), or the word before "-held" or "stronghold". A name is a
  capitalised run ("Tigray Defence Forces"), an acronym ("M23"), or a name with an
  Arabic article ("al-Shabaab"); a common noun ("rebels") is labelled by its
  singular ("rebel zone"); a place or demonym keeps its noun ("Syrian rebel
  zone") and, for a border band, says which side the group is on.
* The area is the band of the host country along a border named after the
  verb (see :mod:`.border`), the places named as the object (a town stands
  for its surroundings), or a direction of the country ("the north of the
  country", "the rebel-held north").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import direction, direction_words
from ..model import DEMONYM, Extent, Place
from .clauses import RELATIVE_PRONOUN, container, listed_after, locators_of, one_of, qualified_extent

_TOKEN = re.compile(r"[\w'’\-]+")
_ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|as|an|ash|ar|at|az|ud)-\w", re.IGNORECASE)
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their"}
_NAME_JOINERS = {"of", "the", "al", "el", "for", "and"}
_BORDER = re.compile(r"\b(?:borders?|frontiers?)\b", re.IGNORECASE)
_LOCATING = re.compile(r"\s+(?:in|of|around|near|across|along|throughout|inside)\b", re.IGNORECASE)
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,]{0,80}$", re.IGNORECASE)
#: Words between a compound and the place it qualifies: "the M23-held town of X".
COMPOUND_GAP_WORDS = 3
#: Words between a place and the group phrase after it: "Beni, long an ADF stronghold".
APPOSITION_GAP_WORDS = 4
#: A group's name is at most this many words.
NAME_WORDS = 8
#: Words that may join a place to the group phrase after it, besides those
#: between a group and its verb: "Beni, long an ADF stronghold".
_APPOSITION_WORDS = {"long", "since", "been", "being", "now", "until", "recently"}
#: Place kinds that stand for a town (drawn as its surroundings).
TOWN_KINDS = ("city", "airport", "facility")


@dataclass(frozen=True)
class Group:
    label: str      # as the zone's label writes it: "M23", "rebel", "Syrian rebel"
    start: int      # its span in the article
    end: int


class Zones:
    def __init__(self, table: dict):
        self.label = table["label"]
        self.generic = {k.lower(): v for k, v in table["generic_groups"].items()}
        self.heads = set(table["group_heads"])
        self.between = set(table["between_group_and_verb"])
        self.territory = set(table["territory_nouns"])
        self.quantifiers = set(table["quantifiers"]) | set(direction_words())
        words = lambda key: one_of(table[key])   # noqa: E731
        # (?<![\w-]): "M23-controlled" is a compound, not a verb
        self.holding = re.compile(rf"(?<![\w\-]){words('holding_verbs')}\b(?!\s+by\b)", re.IGNORECASE)
        self.located = re.compile(rf"(?<![\w\-]){words('located_verbs')}\b", re.IGNORECASE)
        self.passive = re.compile(rf"(?<![\w\-]){words('passive_verbs')}\s+by\s+", re.IGNORECASE)
        self.compound = re.compile(rf"(?<=[\w])-{words('compound_verbs')}\b", re.IGNORECASE)
        under = words('under_nouns')
        # "under the control of the ADF" (group after); "under ADF control" (group inside)
        self.under_of = re.compile(rf"\bunder\s+(?:the\s+)?{under}\s+of\s+", re.IGNORECASE)
        self.under = re.compile(rf"\bunder\s+(?P<inside>(?:[\w'’\-]+\s+){{1,{NAME_WORDS}}}?){under}\b",
                                re.IGNORECASE)
        self.stronghold = re.compile(rf"\b{words('stronghold_nouns')}\b", re.IGNORECASE)
        self.negation = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in table["negations"])
                                   + r")\b\W*(?:\w+\W+){0,2}$", re.IGNORECASE)
        dirs = "|".join(re.escape(w) for w in direction_words())
        # "the north of the country", "the country's north", "the north" (no place after)
        self.country_side = re.compile(
            rf"\bthe\s+(?:country['’]s\s+)?(?P<dir>{dirs})(?:\s+(?:part|half|region|regions)\b)?"
            rf"(?P<of>\s+of\s+the\s+country\b|\s+of\b)?", re.IGNORECASE)
        # right after a compound: "the Houthi-held north"
        self.bare_side = re.compile(rf"\s+(?P<dir>{dirs})\b(?P<of>\s+of\s+the\s+country\b|\s+of\b)?",
                                    re.IGNORECASE)

    # -- the rule --------------------------------------------------------------
    def __call__(self, clause, context, border, previous=None, countries=None) -> Extent | None:
        """Gives the zone roles of the clause; returns the zone's extent when
        it is the sentence's border band (a later clause may measure from it)."""
        band = None
        for group, verb, area_to, before in self._claims(clause, previous):
            label = self.label.format(group=group.label)
            first, last = min(group.start, clause.start + verb.start()), max(group.end, clause.start + verb.end())
            cue = clause.sentence[first - clause.sentence_start:last - clause.sentence_start].strip()
            area_from = verb.start() if before else verb.end()
            self._give_areas(clause, context, group, label, cue, area_from, area_to, before,
                             previous, countries, border,
                             passive=verb.re in (self.passive, self.under_of, self.under))
            if border is not None and _BORDER.search(clause.text, 0 if before else area_from):
                host, extent = border
                host = self._group_side(clause, previous, group, extent) or host
                context.give(host, "zone", clause, cue=cue, extent=extent, label=label)
                band = band or extent
        return band

    def _claims(self, clause, previous):
        """(group, the verb's match, where the area ends in the clause text,
        whether the area is named before the verb) for each zone the clause states."""
        text = clause.text
        for match in self._verbs(text):
            if self.negation.search(text, max(0, match.start() - 40), match.start()):
                continue
            group = self._subject(clause, previous, match.start())
            if group is None:
                continue
            if match.re is self.holding and not self._ground_follows(clause, match.end()):
                continue
            yield group, match, len(text), False
        for match in self.passive.finditer(text):
            group = self._group_after(clause, match.end())
            if group is not None:
                yield group, match, len(text), True
        for match in self.under_of.finditer(text):
            group = self._group_after(clause, match.end())
            if group is not None:
                yield group, match, len(text), True
        for match in self.under.finditer(text):
            if match.group("inside").strip().lower() in ("the", "their", "its", "full", "effective"):
                continue    # "under the control of": read above
            group = self._group_before(clause, text[:match.end("inside")], clause.start)
            if group is not None:
                yield group, match, len(text), True
        for match in self.compound.finditer(text):
            group = self._group_before(clause, text[:match.start()], clause.start)
            if group is not None:
                yield group, match, self._compound_reach(text, match.end()), False
        for match in self.stronghold.finditer(text):
            group = self._group_before(clause, text[:match.start()], clause.start)
            if group is not None:   # "strongholds in Saada"; else "Saada, a Houthi stronghold"
                yield group, match, len(text), not _LOCATING.match(text, match.end())

    def _verbs(self, text):
        found = sorted(list(self.holding.finditer(text)) + list(self.located.finditer(text)),
                       key=lambda m: m.start())
        return found

    # -- the group -------------------------------------------------------------
    def _subject(self, clause, previous, verb_start) -> Group | None:
        """The group doing the verb: the noun phrase before it (past "who",
        "still", "is believed to"), or, for a relative clause opening the
        clause, the noun phrase ending the clause before."""
        text = clause.text
        tokens = list(_TOKEN.finditer(text, 0, verb_start))
        index = len(tokens)
        relative = False
        while index > 0 and tokens[index - 1].group(0).lower() in self.between:
            relative = relative or tokens[index - 1].group(0).lower() in ("which", "who", "that")
            index -= 1
        coordinated = index > 0 and tokens[index - 1].group(0).lower() in ("and", "or")
        if index == 0 or coordinated:
            # "the ADF, | which controls ...", "..., | which has bases in X and operates ..."
            if (relative or coordinated) and previous is not None and RELATIVE_PRONOUN.match(text):
                return self._group_before(previous, previous.text, previous.start)
            return None
        end = tokens[index - 1].end()
        return self._group_before(clause, text[:end], clause.start)

    def _group_before(self, clause, text: str, base: int, apposition: bool = True) -> Group | None:
        """The group named by the noun phrase ending ``text`` (which starts at
        article offset ``base``)."""
        stripped = text.rstrip(" ,")
        tokens = list(_TOKEN.finditer(stripped))[-(NAME_WORDS + 2):]
        if not tokens:
            return None
        noun = None
        last = tokens[-1].group(0)
        if last[:1].islower() and not _ARABIC_ARTICLE.match(last):
            noun, tokens = tokens[-1], tokens[:-1]
        name: list = []
        for token in reversed(tokens):
            word = token.group(0)
            gap = stripped[token.end():(name[0].start() if name else (noun.start() if noun else len(stripped)))]
            if gap.strip():
                break     # a comma or a bracket ends the phrase
            if _is_name_word(word):
                name.insert(0, token)
            elif word.lower() in _NAME_JOINERS and name:
                name.insert(0, token)
            else:
                break
            if len(name) >= NAME_WORDS:
                break
        while name and (name[0].group(0).lower() in _NAME_JOINERS | _DETERMINERS):
            name.pop(0)
        if name and len(name) == 1 and noun is None and name[0].group(0).lower() in self.generic:
            noun, name = name[0], []     # "Rebels who control ..." (capitalised as a sentence's first word)
        if name:
            span_start, span_end = base + name[0].start(), base + name[-1].end()
            written = stripped[name[0].start():name[-1].end()]
            if self._only_places(clause, span_start, span_end):
                if noun is None:
                    return None      # a place is no group: "Kenya holds ..."
                word = noun.group(0)
                return Group(f"{written} {self.generic.get(word.lower(), word)}", span_start, base + noun.end())
            return Group(written, span_start, base + (noun.end() if noun else name[-1].end()))
        if noun is None:
            return None
        word = noun.group(0).lower()
        if word in self.generic:
            return Group(self.generic[word], base + noun.start(), base + noun.end())
        if apposition and word in self.heads:
            # "the PKK, a militant group that ...": the name before the apposition
            head = _APPOSITION.search(stripped[:noun.end()])
            if head:
                return self._group_before(clause, stripped[:head.start()], base, apposition=False)
        return None

    def _group_after(self, clause, offset: int) -> Group | None:
        """The group named right after ``offset`` ("controlled by the M23 ...")."""
        text = clause.text
        tokens = list(_TOKEN.finditer(text, offset, min(len(text), offset + 200)))
        while tokens and tokens[0].group(0).lower() in _DETERMINERS:
            tokens.pop(0)
        name = []
        for token in tokens[:NAME_WORDS + 1]:
            word = token.group(0)
            if name and text[name[-1].end():token.start()].strip():
                break
            if _is_name_word(word) or (name and word.lower() in _NAME_JOINERS):
                name.append(token)
            else:
                break
        while name and name[-1].group(0).lower() in _NAME_JOINERS:
            name.pop()
        rest = tokens[len(name):]
        noun = rest[0] if rest and rest[0].group(0)[:1].islower() else None
        if noun is not None and name and text[name[-1].end():noun.start()].strip():
            noun = None
        if not name:
            if noun is not None and noun.group(0).lower() in self.generic:
                return Group(self.generic[noun.group(0).lower()], clause.start + noun.start(),
                             clause.start + noun.end())
            return None
        # re-read it as a phrase ending with its noun, so a place keeps its noun
        end = (noun or name[-1]).end()
        return self._group_before(clause, text[:end], clause.start, apposition=False)

    @staticmethod
    def _only_places(clause, start: int, end: int) -> bool:
        """Whether place mentions cover every word of the span: "Syrian", "Jubaland"."""
        covered = [h for h in clause.hits if h.start >= start and h.end <= end]
        if not covered:
            return False
        text = clause.sentence[start - clause.sentence_start:end - clause.sentence_start]
        for hit in covered:
            text = text.replace(clause.sentence[hit.start - clause.sentence_start:
                                                hit.end - clause.sentence_start], " ")
        return not re.sub(r"(?i)\b(?:the|of|and)\b", " ", text).strip(" -")

    def _group_side(self, clause, previous, group: Group, extent: Extent) -> Place | None:
        """A country the group's name places it in ("the Pakistani Taliban"),
        when it is not across the border: that side's band is the zone."""
        for source in (clause, previous):
            if source is None:
                continue
            for hit in source.hits:
                if group.start <= hit.start and hit.end <= group.end and hit.place.kind == "country" \
                        and hit.place.id not in extent.neighbours:
                    return hit.place
        return None

    # -- the area ----------------------------------------------------------------
    def _ground_follows(self, clause, offset: int) -> bool:
        """Whether a holding verb's object is ground: up to the first place or
        border, only quantifiers ("most of the"), or a territory noun as the
        object's first or second word past them ("the countryside near the",
        "smuggling corridors near the", "much of the north")."""
        text = clause.text
        first = next((h.start - clause.start for h in clause.hits if h.start - clause.start >= offset),
                     len(text))
        border = _BORDER.search(text, offset)
        side = self.country_side.search(text, offset)     # "much of the north of the country"
        stop = min(first, border.start() if border else len(text), side.start() if side else len(text))
        words = [w.lower() for w in _TOKEN.findall(text[offset:stop])][:8]
        head = [w for w in words if w not in self.quantifiers]
        if any(w in self.territory for w in head[:2]):
            return True      # "the countryside near", "smuggling corridors along"
        if stop >= len(text):
            return False     # no place and no ground named: "holds talks"
        return not head      # "most of Darfur"; not "holds positions on the heights"

    def _compound_reach(self, text: str, offset: int) -> int:
        """How far the place a compound qualifies may be: a few words
        ("the M23-held town of X"), not the rest of the clause."""
        tokens = list(_TOKEN.finditer(text, offset))
        words = 0
        for token in tokens:
            if token.group(0)[:1].isupper():
                return token.end()
            words += 1
            if words > COMPOUND_GAP_WORDS:
                return token.start()
        return len(text)

    def _give_areas(self, clause, context, group, label, cue, start, end, before, previous,
                    countries, border, passive=False) -> bool:
        """Gives the zone to the places (or the country's side) the text names as
        the area; True when it gave one. ``before``: the area may be named just
        before ``start`` ("Beni, an ADF stronghold", "towns in Ituri controlled
        by the ADF") or be a relative clause's antecedent ("Beni, which is held
        by ..."); else it is named after the verb, up to a border (the places
        after "near the border with Y" only locate the band)."""
        text = clause.text
        candidates, giver = [], clause
        if before:
            ahead = [h for h in clause.hits if h.end - clause.start <= start and self._area_hit(h, clause, group)]
            if ahead and self._apposed(text[ahead[-1].end - clause.start:
                                            min(start, max(0, group.start - clause.start))]):
                candidates = _list_ending(clause, ahead[-1])
            elif not ahead and previous is not None and RELATIVE_PRONOUN.match(text) and previous.hits \
                    and self._area_hit(previous.hits[-1], previous, group):
                candidates, giver = [previous.hits[-1]], previous
            elif passive:   # "areas controlled by the ADF in Ituri"
                start = max(start, group.end - clause.start)
            else:
                return False
        if not candidates:
            border_at = _BORDER.search(text, start, end)
            limit = border_at.start() if border_at else end
            side = self.country_side.search(text, start, limit)
            # "its presence in Burkina Faso's Est region": the zone is the region
            locators = locators_of(clause)
            after = [h for h in clause.hits if start <= h.start - clause.start < limit
                     and id(h) not in locators and self._area_hit(h, clause, group)]
            if side and after and side.start() < after[0].start - clause.start:
                after = []      # "much of the north of the country attacked ... in Mali"
            if after:
                candidates = [h for h in listed_after(clause, after[0].start)
                              if id(h) not in locators and self._area_hit(h, clause, group)] or after[:1]
            else:
                return self._give_side(clause, context, label, cue, start, limit, previous, countries, border)
        for hit in candidates:
            context.give(hit.place, "zone", giver, cue=cue, extent=_area_extent(hit), label=label)
        return True

    def _apposed(self, gap: str) -> bool:
        """Whether the words between a place and the group's phrase only join
        them: "Beni, an ADF stronghold", "Goma, long held by", "Ituri controlled
        by"; not "BENI (Reuters) - Areas under ADF control"."""
        words = _TOKEN.findall(gap)
        return (len(words) <= APPOSITION_GAP_WORDS and not re.search(r"[-–—()\[\]]", "".join(
                    gap.split("'"))) and all(w.lower() in self.between | _DETERMINERS | _APPOSITION_WORDS
                                             for w in words))

    def _give_side(self, clause, context, label, cue, start, limit, previous, countries, border) -> bool:
        """"the north of the country", "the rebel-held north": that side of the country meant."""
        side = self.bare_side.match(clause.text, start) or self.country_side.search(clause.text, start, limit)
        if not side or (side.group("of") or "").strip().lower() not in ("", "of the country"):
            return False
        country = self._country_meant(clause, previous, countries, context, border)
        entry = direction(side.group("dir"))
        if country is None or entry is None:
            return False
        context.give(country, "zone", clause, cue=cue, extent=Extent(kind="side", direction=entry.key),
                     label=label)
        return True

    @staticmethod
    def _area_hit(hit, clause, group: Group) -> bool:
        return (hit.type != DEMONYM and not (group.start <= hit.start < group.end)
                and "border" not in clause.roles_of(hit.place) and not container(hit, clause))

    @staticmethod
    def _country_meant(clause, previous, countries, context, border) -> Place | None:
        """"the country": the country of the place named last before it in the
        sentence, else the border's host, else the story's main country."""
        for source in (clause, previous):
            if source is None:
                continue
            for hit in reversed(source.hits):
                if hit.type == DEMONYM:
                    continue     # "Saudi jets struck ... the north of the country": an actor
                if hit.place.kind == "country":
                    return hit.place
                if countries is not None and hit.place.country_code in countries.countries:
                    return countries.countries[hit.place.country_code]
        if border is not None and border[0].kind == "country":
            return border[0]
        if context.focus is not None:
            return context.focus
        return countries.main() if countries is not None else None


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or bool(_ARABIC_ARTICLE.match(word))


def _list_ending(clause, last) -> list:
    """The list of places ending with ``last`` ("Beni and Butembo, ADF strongholds")."""
    listed = [last]
    hit = last.previous
    while hit is not None:
        gap = clause.text[hit.end - clause.start:listed[0].start - clause.start]
        if gap.strip(" ,").lower() not in ("", "and", "or"):
            break
        listed.insert(0, hit)
        hit = hit.previous
    return listed


def _area_extent(hit) -> Extent | None:
    """A qualified place's part ("northern Mali"); a town's surroundings; a
    division or region whole."""
    qualified = qualified_extent(hit)
    if qualified is not None:
        return qualified
    if hit.place.kind in TOWN_KINDS:
        return Extent(kind="around")
    return None
