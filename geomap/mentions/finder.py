"""The mention finder: one gazetteer and one lexicon for many articles; each
rule family lives in a module of its own and is mixed in here."""

from __future__ import annotations

import re
from functools import lru_cache

from gazetteer.divisions import division_word_countries, division_words

from ..lexicon import directions, english_words, given_names, load
from ..model import Article, Mention
from ..qualifiers import KIND_NOUNS
from .building import MentionBuilding
from .facilities import Facilities
from .holders import NameHolders
from .limits import LOOKUP_CACHE_SIZE
from .runs import RunReading
from .text import Sentence, sentence_spans


_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z]+\b")


class MentionFinder(RunReading, NameHolders, Facilities, MentionBuilding):
    """Finds place mentions in articles, with one gazetteer for many articles."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self._is_name = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(gazetteer.is_name)
        self._areas_named = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(gazetteer.qualifier)
        self._top_candidate = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(
            lambda text: next(iter(gazetteer.candidates(text, limit=1)), None))
        self._demonym = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(gazetteer.demonym)
        lexicon = load("lexicon")
        self.given_names = given_names()
        self.english_words = english_words()
        words = lexicon["words"]
        self.connectors = set(lexicon["connectors"])
        self.connectors_before_the = frozenset(lexicon["connectors_before_the"])
        self.list_connectors = set(lexicon["list_connectors"])
        self.org_heads = set(lexicon["organisation_heads"])
        self.organisations = {o.casefold() for o in lexicon["organisations"]}
        self.organisation_nouns = frozenset(lexicon["organisation_nouns"])
        self.adverbial_outlet_nouns = frozenset(lexicon["adverbial_outlet_nouns"])
        self.not_places = {n.casefold() for n in lexicon["not_places"]}
        self.currency_words = frozenset(lexicon["currency_words"])
        self.directions = {w: d.key for d in directions().values() for w in d.words}
        self.surroundings = set(words["surroundings"])
        self.place_types = set(words["place_types"])
        self.division_words = frozenset(division_words()) | {t.casefold() for t in self.place_types}
        self.generic_words = frozenset(words["generic_words"])
        #: the generic words that name a division ("region", not "river")
        self.generic_division_words = self.generic_words & self.division_words
        self.descriptive_kinds = frozenset(words["descriptive_kinds"])
        self.national_division_words = frozenset(division_word_countries())
        self.facility_heads = set(words["facility_heads"])
        self.thoroughfare_heads = frozenset(words["thoroughfare_heads"])
        self.facility_name_breaks = frozenset(words["facility_name_breaks"])
        self.place_prefixes = set(words["place_prefixes"])
        self.titles = set(words["titles"])
        self.town_titles = frozenset(words["town_titles"])
        self.named_event_heads = [tuple(h.split()) for h in words["named_event_heads"]]
        self.patronymic_particles = frozenset(words["patronymic_particles"])
        self.jurisdiction_titles = frozenset(words["jurisdiction_titles"])
        self.common_words = set(words["common_words"])
        self.famous_places = frozenset(words["famous_places"] + words["famous_places_named_by_words"])
        self.famous_names = frozenset(words["famous_places"]) - self.given_names
        self.place_cues = set(words["place_cues"])
        self.departure_verbs = frozenset(words["departure_verbs"])
        self.agent_verbs = set(words["agent_verbs"])
        self.calendar_words = {form for word in words["calendar_words"] for form in (word, word.upper())}
        self.headline_lowercase = frozenset(words["headline_lowercase"])
        self.never_inside_names = frozenset(words["never_inside_names"])
        self.not_agentive_after = set(words["not_agentive_after"])
        self.capital_reference = re.compile(lexicon["capital_reference"])
        self.variant_cues = frozenset(words["variant_cues"])
        # ", a town in", ", a small border village near": what the name before it is
        self.place_apposition = re.compile(
            rf",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){{0,2}}(?:{KIND_NOUNS})\s+"
            rf"(?:in|near|of|on|outside|inside|north|south|east|west|close to)\b")

    def find(self, article: Article) -> list[Mention]:
        """Every place, demonym and place-bearing name in the article, in text order."""
        text = article.text
        lowercase_words = set(_LOWERCASE_WORD.findall(text))
        found: list[Mention] = []
        self._full_names: dict[str, tuple[str, str]] = {}   # surname -> (full name, type), this article
        for start, end in sentence_spans(text):
            sentence = Sentence(text, start, end)
            found.extend(self._sentence_mentions(sentence, article, lowercase_words))
            found.extend(self._capital_references(sentence))
        found = [self._surname(m) for m in found]
        return sorted(found, key=lambda m: (m.start, m.end))
