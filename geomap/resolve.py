"""Stage 3: decide which place each mention means.

Places in the same story pull each other: a candidate in a country the story
is about, or near other places it names, wins over a bigger namesake far
away. Then kind and population decide. Each place records a confidence: how
clearly its winner beat the runner-up.

Cost per mention is bounded, whatever the article's length: the places that
vouch for their neighbours (anchors) are counted once per place however often
they are named, at most ``MAX_ANCHORS`` of them, and whether an anchor lies
near a candidate is worked out once per candidate, for all anchors at once.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from gazetteer.divisions import core_name, division_affixes, division_word_countries
from gazetteer.names import variant_key
from gazetteer.sources import distance_km

from . import qualifiers
from .lexicon import english_words, given_names, load
from .model import DEMONYM, LITERAL, METONYMY, ORGANISATION, PERSON, Article, Mention, Place, Resolution

_DIVISION_AFFIXES = division_affixes()
_NATIONAL_DIVISION_WORDS = frozenset(division_word_countries())

# Scoring weights, added to the gazetteer's importance (log10 population + kind bonus).
STORY_COUNTRY_BONUS = 2.0     # candidate lies in a country the story names
STORY_DIVISION_BONUS = 1.0    # candidate lies in a first-level division the story names
NEIGHBOURING_DIVISION_BONUS = 2.0  # a division bordering one the story names, against a country
                                   # of the same name ("Alabama and Georgia")
HOLDS_STORY_PLACE_BONUS = 3.0 # a division holding the dateline or a place named without doubt,
                              # against a country of the same name ("Georgia" in a
                              # story datelined ATLANTA is the state)
NEARBY_BONUS = 1.0            # candidate within NEARBY_KM of another place the story names
NEARBY_KM = 250.0
#: A country no wider than this (the Vatican, Monaco, Singapore, Bahrain) is
#: as local as a city: it vouches for the places near it.
CITY_SIZED_COUNTRY_KM = 100.0
#: Anchors (places named without doubt) that can vouch for a candidate near
#: them: the most often named first. An ordinary story names a few dozen.
MAX_ANCHORS = 500
#: Gazetteer lookups remembered per resolver (a long article repeats its names).
LOOKUP_CACHE_SIZE = 16384
#: Kinds that stand for an area: a name of this kind is not qualified by a
#: comma ("Jordan, Syria and Iraq" is a list).
AREA_KINDS = ("country", "group", "region", "admin1", "water", "landform", "island")
PLACE_KIND_CUES = {"town": "city", "village": "city", "city": "city", "capital": "city",
                   "province": "admin1", "governorate": "admin1", "state": "admin1"}
KIND_CUE_BONUS = 1.5
# A lone small place with no cue and no tie to the story is more likely a
# word or a name than a place: it is dropped below this population.
SMALL_PLACE_POPULATION = 5000
#: A province vouches for its country when it outranks every other reading
#: of its name by this much importance (a hundred times the size).
VOUCHING_MARGIN = 2.0
SENTENCE_START_POPULATION = 100_000
#: At a sentence's start, a town this size whose name is no English word or
#: given name ("Kherson was shelled") is a place on its own.
NAMED_TOWN_POPULATION = 50_000
#: A town below this population, in none of the story's countries and near
#: none of its places, is doubtful whatever its margin: its confidence is
#: capped below model.DOUBTFUL_BELOW.
UNTIED_TOWN_POPULATION = 50_000
UNTIED_CONFIDENCE = 0.6
#: A facility the gazetteer lacks ("Al-Shifa Hospital") is drawn at its
#: host's point; how sure that placing is, by how the text ties them. A
#: country or a large province is too coarse a host: such a facility stays unresolved.
FACILITY_NAMED_HOST_CONFIDENCE = 0.9      # "... Hospital in Gaza City", "Colchester ... Hospital"
FACILITY_SENTENCE_HOST_CONFIDENCE = 0.85  # a town named in the same sentence
FACILITY_DATELINE_HOST_CONFIDENCE = 0.7   # only the dateline: doubtful
FACILITY_HOST_KINDS = ("city", "admin2", "airport", "island", "territory")
FACILITY_HOST_MAX_KM = 60.0               # a first-level division this small can host one
PLACE_CUE_WORDS = frozenset(load("lexicon")["words"]["place_cues"])
#: Nouns after a name that keep it a place ("a Kabul suburb", "an Idlib province town").
PLACE_NOUNS = frozenset(w.lower() for w in (*load("lexicon")["words"]["place_types"],
                                             *load("lexicon")["qualifiers"]["place_nouns"]))
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
GOVERNMENT_NOUNS = frozenset(load("lexicon")["words"]["government_nouns"])
SPEECH_VERBS = frozenset(load("lexicon")["words"]["speech_verbs"])
PASSIVE_AUXILIARIES = ("been", "being")
#: A town that "said" something is a person of its name ("Allen said")
#: below this size; a bigger city that speaks is its club or its council.
SPEAKING_CITY_POPULATION = 100_000
GIVEN_NAMES = given_names()
ENGLISH_WORDS = english_words()


class Resolver:
    """Resolves mentions against one gazetteer; reusable across articles."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self._demonym = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(gazetteer.demonym)
        self._names = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(
            lambda name: tuple(gazetteer.candidates(name, limit=40)))
        self._city_sized = lru_cache(maxsize=None)(self._country_is_city_sized)

    def resolve(self, article: Article, mentions: list[Mention], *, countries=()) -> Resolution:
        """Places (in order of first mention), the non-place mentions, and the
        places named that could not be placed. ``countries`` are story
        countries the user's corrections add (ISO codes), as if the text named
        them; a mention with an ``alias`` from the corrections is a place
        because the user says so."""
        facilities = [m for m in mentions if m.refers_to == "facility"]
        mentions = [m for m in mentions if m.refers_to != "facility"]
        place_mentions = [m for m in mentions if m.type in (LITERAL, DEMONYM)]
        non_places = [m for m in mentions if m.type not in (LITERAL, DEMONYM)]
        options, placed_by_text, ruled_out = {}, set(), set()
        for mention in place_mentions:
            if mention.refers_to is None:
                candidates = self._candidates(mention)
                options[mention], held = self._qualified(mention, candidates)
                if held or mention.alias:
                    placed_by_text.add(mention)
                elif candidates and not options[mention] or self._ruled_out_by_its_word(mention, candidates):
                    ruled_out.add(mention)
        placed_by_text |= _follow_qualified_readings(options, placed_by_text)
        ruled_out |= _follow_ruled_out_names(options, ruled_out)
        placed_by_text |= self._qualifiers_as_areas(options, placed_by_text, article)
        dateline = next((c[0] for m, c in options.items() if c and _in_dateline(m, article)), None)
        story_countries = self._story_countries(options, non_places)
        if dateline is not None and dateline.country_code:
            story_countries.add(dateline.country_code, "the dateline")
        for code in countries:
            story_countries.add(code, "the corrections")
        for mention in place_mentions:
            if mention.refers_to == "capital":
                options[mention] = self._story_capital(story_countries)
        # names the gazetteer knows only under another spelling ("Hudaida")
        variants = {m: self.gazetteer.variants(m.text) for m, c in options.items()
                    if not c and m.type == LITERAL and m not in ruled_out}
        sure = [c[0] for m, c in options.items() if len(c) == 1 or m in placed_by_text]
        anchors = _Anchors([*(c[0] for c in options.values() if len(c) == 1 or _one_area(c) or
                              (c and c[0].kind in ("country", "group", "region"))),
                            *([dateline] if dateline is not None else [])], self._local)
        if variants:
            top_readings = _Anchors((c[0] for c in options.values() if c), self._local)
            for mention, readings in variants.items():
                options[mention] = _supported(mention, readings, story_countries, top_readings)
        # the divisions the story names, and those its sure places lie in
        story_divisions = Counter(c[0].admin1_id for c in options.values()
                                  if c and c[0].kind == "admin1" and c[0].admin1_id)
        holding_story_places = {p.admin1_id for p in [*sure, *([dateline] if dateline else [])]
                                if p.kind != "admin1" and p.admin1_id}

        cued = _cued(place_mentions, article.text)
        places: dict[str, Place] = {}
        for mention in place_mentions:
            candidates = options[mention]
            if not candidates:
                continue
            # a name's own readings do not vouch for each other ("Kiev" the
            # city is not "near" Kiev the province)
            own = frozenset(c.id for c in candidates)
            # a division holding the story's places beats a country of its name
            # (the state of Georgia, not the country), never its own towns;
            # a division next to one the story names beats a country of its
            # name too ("from Florida into Georgia"), never its own towns
            against_country = any(c.kind == "country" for c in candidates)
            holding = holding_story_places if against_country else ()
            neighbours_of = story_divisions if against_country else ()
            scored = sorted(((self._score(c, mention, story_countries, anchors.near(c, own),
                                          story_divisions, holding, neighbours_of), c)
                             for c in candidates), key=lambda sc: (-sc[0], sc[1].id))
            score, best = scored[0]
            support = story_countries.others(best.country_code, mention.text)
            if mention not in placed_by_text and (
                    self._too_weak(mention, best, support > 0, anchors.near(best, own), mention in cued)
                    or _modifies_a_noun(mention, article)
                    and not any(_own_name(c, mention) for c in candidates)):
                continue
            # a reading that is the same area under another record (the West
            # Bank as a curated region and as a division) is no rival
            rival = next((other for other, c in scored[1:] if not _same_area(best, c)), None)
            margin = score - rival if rival is not None else 3.0
            confidence = round(1 / (1 + math.exp(-1.5 * margin)), 3)
            # a small town tied to nothing else in the story, whether or not
            # the story names a country: say so rather than pin it
            # confidently, maybe abroad ("bought shares in Occidental": a
            # Californian village, or the company); and a province named by
            # another of its names, or as small as such a town ("West Coast"
            # for the Gambia's Western Division or New Zealand's, in a story
            # about America)
            if mention not in placed_by_text and support <= 0 \
                    and not anchors.near(best, own) \
                    and (_small_town(best, UNTIED_TOWN_POPULATION) and best.admin1_id not in story_divisions
                         or best.kind == "admin1" and (not _own_name(best, mention)
                                                       or best.population < UNTIED_TOWN_POPULATION)):
                confidence = min(confidence, UNTIED_CONFIDENCE)
            mention = self._typed(mention, best, article)
            if mention.type not in (LITERAL, DEMONYM, METONYMY):
                non_places.append(mention)
                continue
            place = places.get(best.id)
            if place is None:
                place = places[best.id] = Place(
                    id=best.id, name=best.name, kind=best.kind, latitude=best.latitude,
                    longitude=best.longitude, country_code=best.country_code,
                    geonameid=best.geonameid, population=best.population,
                    confidence=confidence, members=best.members, radius_km=best.radius_km)
            place.confidence = max(place.confidence, confidence)
            place.mentions.append(mention)
        unresolved = [m for m, c in options.items() if not c and (m in variants or m in ruled_out)]
        for mention in facilities:
            host = self._host(mention, list(places.values()), dateline, story_countries)
            if host is None:
                unresolved.append(mention)
                continue
            place, confidence = host
            key = f"facility:{variant_key(mention.text) or mention.text.casefold()}@{place.id}"
            facility = places.get(key)
            if facility is None:
                facility = places[key] = Place(
                    id=key, name=mention.text, kind="facility", latitude=place.latitude,
                    longitude=place.longitude, country_code=place.country_code, geonameid=None,
                    population=0, confidence=confidence, host=place.name)
            facility.mentions.append(mention)
        ordered = sorted(places.values(), key=lambda p: min(m.start for m in p.mentions))
        return Resolution(ordered, non_places, sorted(unresolved, key=lambda m: m.start))

    def _host(self, facility: Mention, places: list[Place], dateline, story_countries):
        """The place a facility the gazetteer lacks is drawn at, and how sure
        that is, in the order the text ties them: the place it is put in
        ("Al-Shifa Hospital in Gaza City"); the town its own name holds
        ("Colchester General Hospital"), when that town lies in a country the
        story names or places surely; the nearest town named in its sentence; the dateline's
        place. None when the text gives none: a facility is never placed on
        a guess, nor at a country's point. The pin is the host's point, so
        it is at best as sure as its host, and doubtful when only the
        dateline ties them."""
        local = [p for p in places if _can_host(p)]
        for text in facility.within:
            named = next((p for p in local if any(m.text == text for m in p.mentions)), None)
            if named is not None:
                return named, min(named.confidence, FACILITY_NAMED_HOST_CONFIDENCE)
            reading = next(iter(self._names(text)), None)
            story_place_countries = {p.country_code for p in places if not p.doubtful}
            if reading is not None and (reading.country_code in story_place_countries
                                        or story_countries.others(reading.country_code, "") > 0):
                host = Place(id=reading.id, name=reading.name, kind=reading.kind,
                             latitude=reading.latitude, longitude=reading.longitude,
                             country_code=reading.country_code, geonameid=reading.geonameid,
                             population=reading.population, confidence=1.0, radius_km=reading.radius_km)
                if _can_host(host):
                    return host, FACILITY_SENTENCE_HOST_CONFIDENCE
        in_sentence = [(abs(m.start - facility.start), p) for p in local for m in p.mentions
                       if m.sentence_start == facility.sentence_start and m.type == LITERAL]
        if in_sentence:
            nearest = min(in_sentence, key=lambda dp: dp[0])[1]
            return nearest, min(nearest.confidence, FACILITY_SENTENCE_HOST_CONFIDENCE)
        datelined = next((p for p in local if dateline is not None and p.id == dateline.id), None)
        if datelined is not None:
            return datelined, min(datelined.confidence, FACILITY_DATELINE_HOST_CONFIDENCE)
        return None

    # -- candidates and context --------------------------------------------
    def _qualified(self, mention: Mention, candidates: list) -> tuple[list, bool]:
        """The candidates inside the areas the text puts the mention in
        ("Paris, Texas"), and whether the qualifier held (the text then says
        outright that this is a place): a qualifier is a constraint, not a hint. When none
        lies there, the name is left unmapped rather than pinned elsewhere,
        unless the "qualifier" may be the next item of a list ("Homs, Hama",
        "Saipan, Guam, Alaska") or the name is itself an area ("Jordan, Syria
        and Iraq")."""
        if not mention.within or not candidates:
            return candidates, False
        areas = [a for a in (self._areas(text, mention.within_form) for text in mention.within) if a]
        if not areas:
            return candidates, False   # words that name no area ("Aleppo in March")
        inside = [c for c in candidates
                  if all(any(self.gazetteer.within(c, area) for area in named) for named in areas)] or \
                 [c for c in candidates
                  if any(self.gazetteer.within(c, area) for named in areas for area in named)]
        # a comma that may be a list's ("Washington, New York and Boston")
        # puts the place in the area only under its own name, never under
        # another name of a village there (Watervliet, once "Washington")
        if mention.within_form == qualifiers.LIST:
            inside = [c for c in inside if _own_name(c, mention)]
        if inside:
            return inside, True
        if candidates[0].kind in AREA_KINDS or mention.within_form == qualifiers.LIST \
                or mention.within_form in (qualifiers.COMMA, qualifiers.IN) and self._foremost_a_town(mention.within[0]):
            return candidates, False
        return [], False

    def _qualifiers_as_areas(self, options, held: set, article: Article) -> set:
        """"Tacoma, Washington": a qualifier that held is itself a mention
        of the area it put the place in (the state, not the capital).
        Returns the qualifiers so placed."""
        by_start = {m.start: m for m in options}
        placed = set()
        for mention in held:
            if mention.within_form != qualifiers.COMMA or article.text[mention.end:mention.end + 2] != ", ":
                continue
            qualifier = by_start.get(mention.end + 2)
            if qualifier is None or qualifier.text != mention.within[0]:
                continue
            areas = [a for a in self._areas(qualifier.text, mention.within_form)
                     if any(self.gazetteer.within(c, a) for c in options[mention])]
            if areas:
                options[qualifier] = areas
                placed.add(qualifier)
        return placed

    def _areas(self, text: str, form: str) -> list:
        if form == qualifiers.DEMONYM:
            # "the Turkish town of": a country; "the Kurdish enclave of" names
            # a people's region, too loose to exclude a place
            target = self._demonym(text)
            return [target] if target is not None and target.kind == "country" else []
        return self.gazetteer.qualifier(text)

    def _foremost_a_town(self, text: str) -> bool:
        """"Hama" is first a city: "Homs, Hama" is a list, not Homs in Hama province."""
        named = self._names(text)
        return bool(named) and named[0].kind in ("city", "airport")

    def _candidates(self, mention: Mention):
        if mention.type == DEMONYM:
            target = self._demonym(mention.text)
            return [target] if target else []
        return list(self._names(mention.lookup_name))

    def _story_capital(self, story_countries) -> list:
        """"the capital": the capital of the country the story names most."""
        if not story_countries:
            return []
        country = self.gazetteer.country(story_countries.most_named())
        if country is None or not country.capital:
            return []
        return [c for c in self.gazetteer.candidates(country.capital, limit=40)
                if c.kind == "city" and c.country_code == country.code][:1]

    def _story_countries(self, options, non_places) -> "_StoryCountries":
        """Countries the story is about: named outright or through demonyms,
        even inside an organisation's name (a story quoting the "Syrian
        Observatory" is about Syria, so its "Palmyra" is Syria's)."""
        countries = _StoryCountries()
        for mention in non_places:
            target = self._demonym(mention.text)
            if target is not None and target.country_code:
                countries.add(target.country_code, mention.text)
        for mention, candidates in options.items():
            code = _vouches_for(mention, candidates)
            if code:
                countries.add(code, mention.text)
        return countries

    def _score(self, candidate, mention, story_countries, near_anchor: bool, story_divisions=(),
               holding_story_places=(), neighbours_of=()) -> float:
        score = candidate.importance
        if candidate.country_code and story_countries.others(candidate.country_code, mention.text):
            score += STORY_COUNTRY_BONUS
        if candidate.kind != "admin1" and candidate.admin1_id in story_divisions:
            score += STORY_DIVISION_BONUS
        if candidate.kind == "admin1" and any(self.gazetteer.borders(candidate.id, d) for d in neighbours_of):
            score += NEIGHBOURING_DIVISION_BONUS
        if candidate.kind == "admin1" and candidate.id in holding_story_places:
            score += HOLDS_STORY_PLACE_BONUS
        if candidate.kind in ("city", "admin1") and near_anchor:
            score += NEARBY_BONUS
        if PLACE_KIND_CUES.get(mention.preceded_by) == candidate.kind:
            score += KIND_CUE_BONUS
        return score

    def _ruled_out_by_its_word(self, mention: Mention, candidates) -> bool:
        """"Guma LGA": a division word only some countries use, written with
        the name, leaves none of the name's readings ("Goma" in the
        Philippines is no Nigerian local government area)."""
        return not candidates and mention.generic in _NATIONAL_DIVISION_WORDS \
            and bool(self._names(mention.alias or mention.text))

    def _local(self, place) -> bool:
        """A town or province, or a country the size of a city ("the
        Vatican-owned hospital in Rome" is Rome, Italy): what can be near
        another place."""
        return _town_or_province(place) or place.kind == "country" and bool(place.country_code) \
            and self._city_sized(place.country_code)

    def _country_is_city_sized(self, code: str) -> bool:
        country = self.gazetteer.country(code)
        if country is None or country.geometry is None:
            return False
        west, south, east, north = country.geometry.bounds
        return distance_km(south, west, north, east) <= CITY_SIZED_COUNTRY_KM

    def _too_weak(self, mention, best, in_story_country: bool, near_anchor: bool, cued: bool) -> bool:
        """A small town nothing else in the story vouches for is more likely an
        ordinary word. At the start of a sentence, where every word is
        capitalised, only a sizeable town stands on its own, or one a
        neighbour vouches for, or a town of ``NAMED_TOWN_POPULATION`` whose
        name is no English word or given name ("Kherson was shelled"); the
        story's country alone does not ("Strong hiring ...", "Early voting
        ..." or "Cadillac's new V8" in a story about America)."""
        at_sentence_start = mention.start == mention.sentence_start
        threshold = SENTENCE_START_POPULATION if at_sentence_start else SMALL_PLACE_POPULATION
        # a name of several words, or written with what it is ("Akkar region")
        # or with an office it holds ("Uvalde Mayor"), is no word
        if not _small_town(best, threshold) or " " in mention.text or mention.generic or mention.office:
            return False
        # a village known by another name ("James" for Gray, Georgia) is not
        # vouched for by its country alone: a cue or a neighbour must
        if cued or in_story_country and _own_name(best, mention) and not at_sentence_start:
            return False
        if best.population >= NAMED_TOWN_POPULATION \
                and mention.text.lower() not in ENGLISH_WORDS and mention.text not in GIVEN_NAMES:
            return False
        return not near_anchor

    def _typed(self, mention: Mention, place, article: Article) -> Mention:
        """A country or capital that acts or speaks stands for its government;
        an alliance that acts is an organisation ("NATO said"); a town that
        speaks is a person ("Allen said")."""
        if mention.type != LITERAL:
            return mention
        if place.kind == "group" and mention.agentive:
            return replace(mention, type=ORGANISATION, organisation=mention.text)
        if not self._is_seat_of_power(place):
            after = article.text[mention.end:mention.end + 20].split()
            # "Officials in Houston said": the object of a preposition is not the speaker
            speaks = bool(after) and after[0].strip(",.").lower() in SPEECH_VERBS and mention.agentive \
                or mention.preceded_by in SPEECH_VERBS   # "said Noma"
            # "said Uvalde Mayor Don McLaughlin": the town holds the office; he
            # speaks. A big city that speaks, unless a given name ("Charlotte
            # said"), is its club or council ("Liverpool said it")
            if speaks and place.kind == "city" and " " not in mention.text and not mention.office \
                    and (place.population < SPEAKING_CITY_POPULATION or mention.text in GIVEN_NAMES):
                return replace(mention, type=PERSON, organisation=mention.text)
            return mention
        after = article.text[mention.end:mention.end + 40].split()
        if mention.agentive and not (len(after) > 1 and after[1].strip(",.") in PASSIVE_AUXILIARIES):
            return replace(mention, type=METONYMY)
        possessive = article.text[mention.end:mention.end + 2] in ("'s", "’s")
        if possessive and len(after) > 1 and after[1].strip(",.").lower() in GOVERNMENT_NOUNS:
            return replace(mention, type=METONYMY)
        return mention

    def _is_seat_of_power(self, place) -> bool:
        if place.kind == "country":
            return True
        if place.kind != "city" or not place.country_code:
            return False
        country = self.gazetteer.country(place.country_code)
        return country is not None and country.capital == place.name


class _StoryCountries:
    """The countries a story is about, with the names that say so. A name
    never vouches for its own reading, however often it is repeated:
    "Georgia" twice in a story datelined ATLANTA does not make the story
    about the country Georgia."""

    def __init__(self):
        self._names: dict[str, Counter] = {}

    def add(self, code: str, name: str) -> None:
        self._names.setdefault(code, Counter())[name.casefold()] += 1

    def others(self, code: str | None, name: str) -> int:
        """How often names other than ``name`` say the story is about ``code``."""
        named = self._names.get(code) if code else None
        return sum(n for key, n in named.items() if key != name.casefold()) if named else 0

    def most_named(self) -> str:
        return max(self._names, key=lambda code: (sum(self._names[code].values()), code))

    def __bool__(self) -> bool:
        return bool(self._names)


def _town_or_province(place) -> bool:
    return place.kind in ("city", "admin1")


class _Anchors:
    """The towns and provinces a story names without doubt, each once: a
    candidate within ``NEARBY_KM`` of one is vouched for. Countries, groups
    and regions are anchors too, but too large to be "near" anything; only
    those ``local`` says are (a city-sized country) are kept here."""

    #: Anchors remembered per candidate: more than a name's own readings
    #: (at most 40), so one of them is always another place when any is.
    KEPT = 41

    def __init__(self, anchors, local=_town_or_province):
        counts = Counter()
        unique = {}
        for anchor in anchors:
            counts[anchor.id] += 1
            unique.setdefault(anchor.id, anchor)
        local = [a for a in unique.values() if local(a)]
        local.sort(key=lambda a: -counts[a.id])   # stable: first named first on ties
        # a story has a few anchors, too few for an array to pay for itself
        self._anchors = local[:MAX_ANCHORS]
        self._near: dict[str, tuple[str, ...]] = {}

    @property
    def ids(self) -> list[str]:
        """The anchors kept, most named first."""
        return [anchor.id for anchor in self._anchors]

    def near(self, candidate, own: frozenset) -> bool:
        """True when an anchor other than the name's own readings (``own``)
        lies within ``NEARBY_KM`` of the candidate."""
        ids = self._near.get(candidate.id)
        if ids is None:
            ids = self._near[candidate.id] = self._within(candidate)
        return any(i not in own for i in ids)

    def _within(self, candidate) -> tuple[str, ...]:
        near = (anchor.id for anchor in self._anchors if distance_km(
            candidate.latitude, candidate.longitude, anchor.latitude, anchor.longitude) < NEARBY_KM)
        return tuple(itertools.islice(near, self.KEPT))


def _supported(mention, readings, story_countries, top_readings) -> list:
    """Another spelling's readings that the story supports: in a country the
    story names and near the most likely reading of another name it names.
    A transliteration key is coarse ("Gaza" and "Giza" share one): without
    both, no reading is taken."""
    supported = [c for c in readings if story_countries.others(c.country_code, mention.text)
                 and top_readings.near(c, frozenset())]
    return supported[:1]


def _can_host(place: Place) -> bool:
    """A town, district, airport or island can say where a facility is; a
    country or a province the size of England cannot."""
    if place.kind == "admin1":
        return (place.radius_km or 0.0) <= FACILITY_HOST_MAX_KM
    return place.kind in FACILITY_HOST_KINDS


def _in_dateline(mention, article) -> bool:
    span = article.dateline_span
    return span is not None and span[0] <= mention.start < span[1]


def _follow_qualified_readings(options, held: set) -> set:
    """A name qualified once ("Perth, Western Australia": a qualifier that
    ``held``) keeps that reading where it comes back alone ("Perth"): the
    first qualified reading wins.
    Returns the mentions that followed one (the text has placed them too)."""
    qualified, followed = {}, set()
    for mention, candidates in options.items():
        if mention in held:
            qualified.setdefault(mention.text, candidates)
    for mention in options:
        if not mention.within and mention.text in qualified:
            options[mention] = qualified[mention.text]
            followed.add(mention)
    return followed


def _follow_ruled_out_names(options, ruled_out: set) -> set:
    """A name the text put in an area, or wrote with a division word, where
    the gazetteer has no place of that name ("Guma LGA of Benue State", the
    gazetteer knowing only Goma, Philippines) stays unmapped where it comes
    back alone ("residents of Guma"): the text has said where it is, and it
    is not any of those readings.
    Returns the bare mentions so left unmapped."""
    names = {mention.text for mention in ruled_out}
    followed = {m for m in options if not m.within and m.text in names and options[m]}
    for mention in followed:
        options[mention] = []
    return followed


def _one_area(candidates) -> bool:
    """Every reading lies within ``NEARBY_KM`` of the first ("Dundrum": a
    suburb of Dublin and a village of County Down): wherever the name
    points, it points there.
    Bounded: a name with many readings is no anchor."""
    return 1 < len(candidates) <= 4 and all(
        distance_km(c.latitude, c.longitude, candidates[0].latitude, candidates[0].longitude) < NEARBY_KM
        for c in candidates[1:])


def _vouches_for(mention, candidates) -> str | None:
    """The country a mention says the story is about: a country named, a
    demonym, a place with a single reading (a lone hamlet does not count),
    or a province far above any other reading ("Texas", "Arizona": a town
    of Queensland does not make them ambiguous)."""
    if not candidates:
        return None
    top = candidates[0]
    one_reading = all(_same_area(top, other) for other in candidates[1:])
    if top.kind == "country" or (one_reading or mention.type == DEMONYM) \
            and not _small_town(top, SMALL_PLACE_POPULATION):
        return top.country_code
    if top.kind == "admin1" and top.importance - candidates[1].importance >= VOUCHING_MARGIN:
        return top.country_code
    return None


def _modifies_a_noun(mention, article) -> bool:
    """"a Molotov cocktail": a name right after "a"/"an" and before a
    common noun is used as a word. Where no place has it as its own name
    (Molotov is only Perm's former name) it is no place at all; a place's own
    name used so ("a Texas town", "a New York court") still is one, and an
    adjective ("a Syrian court", "an Iranian drone") is used so by nature."""
    if mention.type == DEMONYM or mention.preceded_by not in ("a", "an"):
        return False
    following = _NEXT_WORD.match(article.text, mention.end)
    return bool(following) and following.group(1).islower() and following.group(1) not in PLACE_NOUNS


def _own_name(candidate, mention) -> bool:
    """The mention writes the place's own name, or a spelling of it, with
    or without a division word ("Benue State" for Benue)."""
    own = variant_key(candidate.name)
    return own == variant_key(mention.text) \
        or " " in mention.text and own == variant_key(core_name(mention.text, _DIVISION_AFFIXES))


def _same_area(one, other) -> bool:
    """Two records of one area: areas each centred within the other's
    extent ("West Bank", a curated region and a first-level division)."""
    if one.kind not in AREA_KINDS or other.kind not in AREA_KINDS or not one.radius_km or not other.radius_km:
        return False
    return distance_km(one.latitude, one.longitude, other.latitude, other.longitude) \
        < min(one.radius_km, other.radius_km)


#: What joins the items of a list of places ("Gao and Ansongo", "Homs, Hama").
_LIST_GAPS = frozenset({" and ", " or ", ", ", ", and ", ", or "})


def _cued(mentions: list[Mention], text: str) -> set[Mention]:
    """The mentions a place cue heads: directly ("near Ansongo"), or as a
    later item of a list it heads ("to Gao and Ansongo"). A town named so is
    named as a place, not as a word that happens to be one."""
    cued, previous = set(), None
    for mention in mentions:
        if mention.preceded_by in PLACE_CUE_WORDS \
                or previous in cued and text[previous.end:mention.start] in _LIST_GAPS:
            cued.add(mention)
        previous = mention
    return cued


def _small_town(candidate, threshold: int) -> bool:
    return candidate.kind == "city" and candidate.population < threshold
