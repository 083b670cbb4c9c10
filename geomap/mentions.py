"""Stage 2: find the stretches of text that name places.

Recognition rests on the gazetteer (is this a name?) and on the text's own
cues: capitalisation, the words around a name, organisation head words,
titles, directional qualifiers. Every capitalised run of words is looked at
whole first (an organisation or a person's name swallows the places inside
it), then split into the longest names the gazetteer knows.

Cost is linear in the text: a "sentence" is at most ``MAX_SENTENCE_CHARS``
long (a longer one is cut at a clause or word boundary), every pattern here
scans each character a bounded number of times, and a gazetteer probe for a
name already seen is answered from memory.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cached_property, lru_cache

from .lexicon import directions, given_names, load
from .model import DEMONYM, LITERAL, NAME, ORGANISATION, PERSON, Article, Mention
from .qualifiers import COMMA, FACILITY_NAME, LIST, PARENTHESIS, containing_areas

# "U.S.", "Deir ez-Zor", "al-Assad"; but "Army-related" and "Qaeda-linked" stop at the hyphen.
# Linear: each repeated part starts with a required apostrophe or hyphen, so
# there is only one way to split a word into parts, and nothing to backtrack.
#: Shorter unknown words after a place cue are not taken for a place the
#: gazetteer lacks: their coarse transliteration keys match too much, and
#: most are words or initials.
MIN_UNKNOWN_NAME_LENGTH = 5
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:(?:['’]|-(?![a-z]{3,}\b)(?![A-Z]\.))[^\W\d_]+)*")
_PARTICLE_NAME = re.compile(r"[a-z]{1,3}['’-][A-Z][^\W\d_]*")
#: A hyphen between two capitalised parts ("DPRK-South", "Asia-Pacific") parts two words.
_CAPITAL_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_ACRONYM_IN_PARENTHESES = re.compile(r"\s\(((?:[A-Z]\.?){2,10})\)")
_INITIAL = re.compile(r"[A-Z]\.?")
#: Abbreviations that begin a place name ("St. Louis", "Mt. Kenya", "Ft. Worth").
_NAME_ABBREVIATIONS = {"St", "Ste", "Mt", "Ft", "Pt"}
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen",
                  "gov", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                  "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr",
                  "sr", "mt", "ft"}
# Possessive (*+, ++): a run of spaces after a full stop is read once.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
#: The longest stretch of text read as one sentence. Every mention carries its
#: sentence, and rules compare the mentions within one, so an unbounded
#: "sentence" (a page with no full stop) would make both cost its square.
#: News sentences are far shorter; a longer one is cut at a clause or word boundary.
MAX_SENTENCE_CHARS = 800
MAX_NAME_TOKENS = 6
#: Gazetteer probes remembered per finder (a long article repeats its names).
LOOKUP_CACHE_SIZE = 16384
#: A place name inside a person's or organisation's name is worth reporting
#: (as a non-place) only if the place is this big, or a country or region.
NOTABLE_POPULATION = 100_000
#: A given name standing alone ("his brother Alex", "Barry said") is a person
#: rather than a town below this size, unless the text gives a place cue.
#: Bigger namesakes ("Austin", "Florence") stay places.
GIVEN_NAME_TOWN_POPULATION = 100_000


class Token:
    """A word, with what the finder asks of it worked out once: every rule
    asks whether a word is capitalised, many times per word."""

    __slots__ = ("text", "start", "end", "possessive", "capitalised", "all_caps")

    def __init__(self, text: str, start: int, end: int, possessive: bool = False):
        self.text, self.start, self.end, self.possessive = text, start, end, possessive
        if text[:1].isupper():
            self.capitalised = True
            #: every letter a capital, and more than one ("UN", "LONDON")
            self.all_caps = text.isupper() and sum(c.isalpha() for c in text) > 1
        else:
            #: an article joined to a name ("ez-Zor", "d'Ivoire") counts as capitalised
            self.capitalised = ("-" in text or "'" in text or "’" in text) and \
                _PARTICLE_NAME.fullmatch(text) is not None
            self.all_caps = False


class MentionFinder:
    """Finds place mentions in articles, with one gazetteer for many articles."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self._is_name = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(gazetteer.is_name)
        self._areas_named = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(gazetteer.qualifier)
        self._top_candidate = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(
            lambda text: next(iter(gazetteer.candidates(text, limit=1)), None))
        self._demonym = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(gazetteer.demonym)
        lexicon = load("lexicon")
        words = lexicon["words"]
        self.connectors = set(lexicon["connectors"])
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
        self.generic_words = frozenset(words["generic_words"])
        self.facility_heads = set(words["facility_heads"])
        self.thoroughfare_heads = frozenset(words["thoroughfare_heads"])
        self.facility_name_breaks = frozenset(words["facility_name_breaks"])
        self.place_prefixes = set(words["place_prefixes"])
        self.titles = set(words["titles"])
        self.patronymic_particles = frozenset(words["patronymic_particles"])
        self.jurisdiction_titles = frozenset(words["jurisdiction_titles"])
        self.common_words = set(words["common_words"])
        self.famous_places = set(words["famous_places"])
        self.place_cues = set(words["place_cues"])
        self.agent_verbs = set(words["agent_verbs"])
        self.calendar_words = {form for word in words["calendar_words"] for form in (word, word.upper())}
        self.headline_lowercase = frozenset(words["headline_lowercase"])
        self.never_inside_names = frozenset(words["never_inside_names"])
        self.not_agentive_after = set(words["not_agentive_after"])
        self.capital_reference = re.compile(lexicon["capital_reference"])
        self.variant_cues = frozenset(words["variant_cues"])
        self.given_names = given_names()

    # -- public ------------------------------------------------------------
    def find(self, article: Article) -> list[Mention]:
        """Every place, demonym and place-bearing name in the article, in text order."""
        text = article.text
        lowercase_words = {m.group(0) for m in re.finditer(r"\b[a-z][a-z]+\b", text)}
        found: list[Mention] = []
        self._full_names: dict[str, tuple[str, str]] = {}   # surname -> (full name, type), this article
        for start, end in sentence_spans(text):
            sentence = _Sentence(text, start, end)
            found.extend(self._sentence_mentions(sentence, article, lowercase_words))
            found.extend(self._capital_references(sentence))
        found = [self._surname(m) for m in found]
        return sorted(found, key=lambda m: (m.start, m.end))

    def _surname(self, mention: Mention) -> Mention:
        """"Kelly said" after "John Kelly": a surname, not the town of Kelly."""
        if mention.type != LITERAL or " " in mention.text or mention.refers_to:
            return mention
        known = self._full_names.get(_strip_possessive(mention.text))
        if known is None:
            return mention
        # "Air Zimbabwe" makes no surname of Zimbabwe: only towns share names with people
        top = self.gazetteer.candidates(_strip_possessive(mention.text), limit=1)
        if not top or top[0].kind != "city":
            return mention
        full_name, kind = known
        # "Smart Dubai", "Dubai Police": a thing named for a city leaves the
        # city's own name a place; only a person's name takes a sizeable one
        if kind != PERSON and top[0].population >= GIVEN_NAME_TOWN_POPULATION:
            return mention
        return replace(mention, type=kind, organisation=full_name, qualifier=None)

    def _capital_references(self, sentence: "_Sentence"):
        """"The strikes spared the capital": the capital of the country the
        story is about, resolved later. Not when the capital is named
        ("the capital, Damascus") or owned ("Nigeria's commercial capital")."""
        for match in self.capital_reference.finditer(sentence.text):
            after = sentence.text[match.end():match.end() + 3]
            if re.match(r",?\s*[A-Z]", after):
                continue
            start = sentence.start + match.start("word")
            yield Mention(text=match.group("word"), start=start, end=start + len(match.group("word")),
                          type=LITERAL, sentence=sentence.text, sentence_start=sentence.start,
                          preceded_by="the", refers_to="capital")

    # -- per sentence --------------------------------------------------------
    def _sentence_mentions(self, sentence: "_Sentence", article: Article, lowercase_words):
        tokens = sentence.tokens
        title_case = _is_title_case(tokens, self.common_words, lowercase_words, self.calendar_words,
                                    self.headline_lowercase)
        spelled = self._spelled_out_names(sentence)
        index = 0
        while index < len(tokens):
            if index in spelled:
                # "Islamic State in Iraq and Syria (ISIS)": one name, places and all
                run = list(range(index, spelled[index] + 1))
                text = sentence.span_text(run[0], run[-1])
                yield from self._inner_names(sentence, run, ORGANISATION, text)
                index = run[-1] + 1
                continue
            if not self._starts_name(tokens[index]):
                index += 1
                continue
            run_end = self._run_end(sentence, index)
            yield from self._run_mentions(sentence, list(range(index, run_end)), article,
                                          lowercase_words, title_case)
            index = run_end

    def _spelled_out_names(self, sentence: "_Sentence") -> dict[int, int]:
        """Names an acronym in parentheses spells out ("Islamic State in Iraq
        and Syria (ISIS)", "Rapid Support Forces (RSF)"): first token -> last
        token of each, when the initials of its capitalised words, read back
        from the parenthesis over lower-case joining words, spell the acronym
        and the whole is no place name ("Democratic Republic of Congo (DRC)"
        stays a place). Bounded: an acronym has at most 10 letters."""
        tokens, found = sentence.tokens, {}
        for match in _ACRONYM_IN_PARENTHESES.finditer(sentence.full, sentence.start, sentence.end):
            letters = match.group(1).replace(".", "")
            last = bisect.bisect_right([t.end for t in tokens], match.start()) - 1
            if last < 0 or tokens[last].end > match.start():
                continue
            position, needed = last, len(letters)
            while position >= 0 and needed > 0 and last - position < 3 * len(letters):
                word = tokens[position].text
                if word[:1].isupper():
                    if word[0] != letters[needed - 1]:
                        break
                    needed -= 1
                elif word not in self.connectors and word not in ("in", "for"):
                    break
                position -= 1
            first = position + 1
            if needed == 0 and first < last and not self._is_place_name(sentence.span_text(first, last)):
                found[first] = last
        return found

    def _run_end(self, sentence: "_Sentence", index: int) -> int:
        """End of the capitalised run starting at index: capitalised tokens
        joined by spaces, with lower-case connectors allowed inside."""
        tokens = sentence.tokens
        end = index + 1
        while end < len(tokens):
            if not sentence.adjacent(end - 1, end):
                break
            # "St. Peter's Basilica": a possessive ends a name, unless a facility word follows
            if tokens[end - 1].possessive and tokens[end].text not in self.facility_heads:
                break
            if tokens[end].text in self.never_inside_names:
                break       # "Parkland, Florida The controversy": a lost full stop
            # "Associated Press WASHINGTON (AP)": a word in capitals after a
            # written one starts a dateline (a short acronym may end a name:
            # "Amnesty International USA")
            if tokens[end].all_caps and not tokens[end - 1].all_caps and len(tokens[end].text) >= 5:
                break
            if self._starts_name(tokens[end]):
                # "LONDON The Latest ...": an all-caps dateline ends where case changes
                if self._caps_prefix(tokens[index:end]) and not tokens[end].all_caps:
                    break
                end += 1
                continue
            # connectors, possibly several ("and the"), then a capitalised token
            probe = end
            while (probe < len(tokens) and tokens[probe].text in self.connectors
                   and sentence.adjacent(probe - 1, probe)):
                probe += 1
            if (probe > end and probe < len(tokens) and self._starts_name(tokens[probe])
                    and sentence.adjacent(probe - 1, probe)):
                end = probe + 1
                continue
            break
        return end

    @staticmethod
    def _caps_prefix(tokens) -> bool:
        """All caps and longer than an acronym ("US Army" stays one run)."""
        return all(t.all_caps for t in tokens) and sum(c.isalpha() for t in tokens for c in t.text) >= 5

    def _starts_name(self, token: Token) -> bool:
        """Capitalised and not a calendar word ("Syria October 14" is two
        things), in capitals too ("SAN DIEGO, MARCH 29")."""
        return token.capitalised and token.text.rstrip(".") not in self.calendar_words

    def _run_mentions(self, sentence, run, article, lowercase_words, title_case):
        tokens = sentence.tokens
        run_text = sentence.span_text(run[0], run[-1])
        whole_is_place = self._is_place_name(run_text)
        # a listed organisation wins over a town of the same name ("White House")
        listed = self._listed_organisation(run_text) or self._body_named_by_its_head(run, tokens)
        if not listed and not whole_is_place:
            # "NATO and Tunisia": a listed organisation in a list leaves the
            # other items names of their own
            items = self._list_items(sentence, run) if len(run) > 2 else []
            if len(items) > 1 and any(self._listed_organisation(sentence.span_text(i[0], i[-1]))
                                      for i in items):
                for item in items:
                    yield from self._run_mentions(sentence, item, article, lowercase_words, title_case)
                return
            facility = self._facility(sentence, run, article, lowercase_words)
            if facility is not None:
                yield facility
                return
        if listed or not whole_is_place and self._organisation(run, tokens) \
                or self._organisation_noun_after(sentence, run[0], run[-1]):
            yield from self._inner_names(sentence, run, ORGANISATION, run_text)
            return
        if run_text.casefold() in self.not_places:
            yield from self._inner_names(sentence, run, NAME, run_text)
            return
        if not title_case and self._person_name(sentence, run):
            self._full_names.setdefault(_strip_possessive(tokens[run[-1]].text), (run_text, PERSON))
            yield from self._inner_names(sentence, run, PERSON, run_text)
            return
        # A sentence's first word is capitalised whatever it is: drop it when
        # it is an ordinary word ("Despite Turkey's ..." -> "Turkey"); a
        # function word never starts a name, wherever it is ("late After
        # Paris"); unless it starts a place that a list goes on from ("in
        # the North West and Limpopo", "from New Quay and Gwbert").
        first_is_ordinary = (self._ordinary_word(tokens[run[0]], lowercase_words) if run[0] == 0
                             else tokens[run[0]].text in self.common_words)
        if len(run) > 1 and not whole_is_place and first_is_ordinary \
                and not self._opens_with_a_listed_place(sentence, run):
            first = 1
            while first < len(run) and not tokens[run[first]].capitalised:
                first += 1
            run = run[first:]
            if not run:
                return
            run_text = sentence.span_text(run[0], run[-1])
            whole_is_place = self._is_place_name(run_text)
        for segment in self._segments(run, tokens, whole_is_place):
            yield from self._segment_mentions(sentence, segment, article, lowercase_words,
                                              title_case)

    def _opens_with_a_listed_place(self, sentence, run) -> bool:
        """"from New Quay and Gwbert": the run is a list whose first item is a place."""
        items = self._list_items(sentence, run) if len(run) > 2 else []
        return len(items) > 1 and items[0][0] == run[0] \
            and self._is_place_name(sentence.span_text(items[0][0], items[0][-1]))

    def _listed_organisation(self, text: str) -> bool:
        """One of the lexicon's ``organisations``, with or without "the"."""
        return re.sub(r"^the\s+", "", text.casefold()) in self.organisations

    def _body_named_by_its_head(self, run, tokens) -> bool:
        """"the Alliance's eagerness", "the Army said": an organisation's head
        word alone after "the" is the body it heads, not a town of that name."""
        return len(run) == 1 and run[0] > 0 and tokens[run[0] - 1].text.lower() == "the" \
            and tokens[run[0]].text in self.org_heads

    @staticmethod
    def _list_items(sentence, run) -> list[list[int]]:
        """The run cut at each "and", each item from its first capitalised word."""
        tokens, items, current = sentence.tokens, [], []
        for i in run + [None]:
            if i is None or tokens[i].text == "and":
                while current and not tokens[current[0]].capitalised:
                    current = current[1:]
                if current:
                    items.append(current)
                current = []
            else:
                current.append(i)
        return items

    def _organisation_noun_after(self, sentence, first, last) -> bool:
        """"The Houthi-run Saba news agency said": a name followed by an
        outlet's or company's noun (lexicon ``organisation_nouns``) is theirs;
        not one that also says how often, after a place cue ("visited the
        court in Beijing weekly": lexicon ``adverbial_outlet_nouns``)."""
        following = sentence.words_after(last, 2)
        if not following:
            return False
        if following[0] in self.adverbial_outlet_nouns and sentence.word_before(first) in self.place_cues:
            return False
        return following[0] in self.organisation_nouns or " ".join(following) in self.organisation_nouns

    def _organisation(self, run, tokens) -> bool:
        texts = [tokens[i].text for i in run]
        joined = " ".join(texts).casefold()
        if joined in self.organisations or any(t.casefold() in self.organisations for t in texts):
            return True
        for position, word in enumerate(texts):
            if word not in self.org_heads or position == 0 and len(texts) == 1:
                continue
            # "Maiduguri Borno State": a head word ending a place's name heads no body
            if any(self._is_place_name(" ".join(texts[start:position + 1]))
                   for start in range(max(0, position - 3), position)
                   if texts[start] not in self.common_words):
                continue
            following = texts[position + 1] if position + 1 < len(texts) else None
            # "Free Syrian Army", "Bank of England", "Observatory for Human Rights"
            if following is None or following in ("of", "for", "on", "de"):
                return position > 0 or following is not None
        return False

    def _segments(self, run, tokens, whole_is_place):
        """Split a run at list connectors ("Turkey and Jordan") unless it is one name."""
        if whole_is_place:
            return [run]
        segments, current = [], []
        for i in run:
            if tokens[i].text in self.list_connectors:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(i)
        if current:
            segments.append(current)
        # connectors left dangling at a segment's edges are not part of a name
        return [trimmed for trimmed in (self._trim(s, tokens) for s in segments) if trimmed]

    def _trim(self, segment, tokens):
        first, last = 0, len(segment)
        while first < last and not tokens[segment[first]].capitalised:
            first += 1
        while last > first and not tokens[segment[last - 1]].capitalised:
            last -= 1
        return segment[first:last]

    def _segment_mentions(self, sentence, segment, article, lowercase_words, title_case):
        tokens = sentence.tokens
        # "Gulf Arab states": the whole segment names a place only with the
        # lower-case words that follow it.
        if len(segment) > 1 and self._extend_lowercase(sentence, segment[0], segment[-1]) > segment[-1]:
            mention = self._mention(sentence, segment[0], segment[-1], LITERAL, article,
                                    lowercase_words)
            if mention:
                yield mention
            return
        matches = self._longest_matches(sentence, segment)
        if not matches:
            # "the port of Hudaida", "in Portroe": a spelling or a village the
            # gazetteer lacks, after a place cue. The resolver accepts another
            # spelling only where the story supports the reading (people's
            # names match villages' keys too often), else lists it as not mapped.
            if len(segment) == 1 and sentence.word_before(segment[0]) in self.variant_cues \
                    and self._may_be_a_place(tokens[segment[0]], lowercase_words):
                mention = self._mention(sentence, segment[0], segment[0], LITERAL, article, lowercase_words)
                if mention:
                    yield mention
            return
        covered = {i for first, last, _ in matches for i in range(first, last + 1)}
        last_covered = max(covered)
        rest = [i for i in segment if i not in covered]
        # what the segment opens with and a title follows, or a demonym:
        # "Texas Governor Greg Abbott", "Russian Foreign Minister ..."
        first_title = next((i for i in segment if tokens[i].text.rstrip(".") in self.titles), None)
        leading = [m for m in matches if m[0] == segment[0]
                   and (m[2] == DEMONYM or first_title is not None and m[1] + 1 == first_title)
                   or self._office_of(tokens, m[0], m[1])]
        # Two names side by side with nothing between ("Michael Jordan") are
        # one proper name, not two places; prose writes "Homs, Syria".
        # ("DPRK-South Korea summit" joins two places: a compound, not a name)
        literals = [(first, last) for first, last, kind in matches if kind == LITERAL]
        side_by_side = any(sentence.full[tokens[left].end:tokens[right].start] != "-"
                           and not self._unpunctuated_places(sentence, (first, left), (right, last))
                           for (first, left), (right, last) in zip(literals, literals[1:]))
        # "Mohammed bin Rashid Al Maktoum": a name holding "bin" or "ibn" is a
        # person's, even in a headline
        patronymic = any(tokens[i].text in self.patronymic_particles for i in segment)
        if not patronymic and (title_case or (not side_by_side and all(
                self._keeps_place(tokens[i], i < last_covered) for i in rest))):
            for first, last, kind in matches:
                mention = self._mention(sentence, first, last, kind, article, lowercase_words)
                if mention:
                    yield mention
            return
        # A longer proper name holds the place name: a person ("President ...",
        # "Michael Jordan") or a thing ("London Bridge"). What leads it
        # still counts.
        for first, last, kind in leading:
            mention = self._mention(sentence, first, last, kind, article, lowercase_words)
            if mention:
                yield mention
        name = sentence.span_text(segment[0], segment[-1])
        holder = PERSON if patronymic or first_title is not None else NAME
        if tokens[segment[-1] - 1].text != "of":    # "Duke of York": no surname after "of"
            self._full_names.setdefault(_strip_possessive(tokens[segment[-1]].text), (name, holder))
        inner = [m for m in matches if m not in leading]
        for first, last, kind in inner:
            text = sentence.span_text(first, last)
            if kind == DEMONYM or self._notable(text):
                yield self._non_place(sentence, first, last, holder, name)

    def _office_of(self, tokens, first: int, last: int) -> bool:
        """"the Governor of Idlib", "Mayor of London": the place an office
        governs is a place, whoever holds it (lexicon ``jurisdiction_titles``),
        when the name is foremost a country, a division or a sizeable city:
        "Minister of Economy" names a portfolio, not Economy, Pennsylvania."""
        if first < 2 or tokens[first - 1].text != "of" \
                or tokens[first - 2].text.rstrip(".") not in self.jurisdiction_titles:
            return False
        top = self._top_candidate(" ".join(t.text for t in tokens[first:last + 1]))
        return top is not None and (top.kind != "city" or top.population >= GIVEN_NAME_TOWN_POPULATION)

    def _facility(self, sentence, run, article, lowercase_words) -> Mention | None:
        """"Al-Shifa Hospital", "Royal Street", "St. Peter's Basilica": a name
        ending in a facility word (lexicon ``facility_heads``) that the
        gazetteer does not know is a place inside another one; the resolver
        places it at that host. Not when it acts or speaks ("the Carter
        Center said": an institution) or a title starts it.

        The hosts, as the text gives them, go in ``within``: after a comma or
        "in" ("Royal Street in New Orleans", form ``in``/``comma``), then a
        place named inside the facility's own name ("Colchester General
        Hospital", form ``name`` when it is the only one); a street's name
        holds none (lexicon ``thoroughfare_heads``)."""
        tokens = sentence.tokens
        if tokens[run[-1]].text not in self.facility_heads:
            return None
        # "the Easter Vigil at the Manila Cathedral": a name holds no "at" or
        # "in"; the facility starts after the last one
        breaks = [position for position, i in enumerate(run) if tokens[i].text in self.facility_name_breaks]
        if breaks:
            run = run[breaks[-1] + 1:]
        while run and not tokens[run[0]].capitalised:
            run = run[1:]          # "the" after the "at"
        while run and (tokens[run[0]].text in self.common_words and tokens[run[0]].text not in self.place_prefixes
                       or run[0] == 0 and self._ordinary_word(tokens[run[0]], lowercase_words)
                       and tokens[run[0]].text not in self.given_names):
            run = run[1:]          # "The Mozart Estate", "Despite Royal Street"
        if len(run) < 2 or any(tokens[i].text.rstrip(".") in self.titles for i in run[:1]) \
                or self._agentive(sentence, run[-1]):
            return None
        start, end = tokens[run[0]].start, tokens[run[-1]].end
        within, form = containing_areas(sentence.full, start, end)
        # the town its own name holds, after the host the text gives (which
        # may name no place: "the Manila Cathedral, Cardinal Tagle said");
        # never for a street, which is named for anything ("Royal Street")
        if tokens[run[-1]].text not in self.thoroughfare_heads:
            inner = [sentence.span_text(first, last)
                     for first, last, kind in self._longest_matches(sentence, run[:-1]) if kind == LITERAL]
            if inner and inner[0] not in within:
                within, form = (*within, inner[0]), form or FACILITY_NAME
        return Mention(text=sentence.text_at(start, end), start=start, end=end, type=LITERAL,
                       sentence=sentence.text, sentence_start=sentence.start,
                       preceded_by=sentence.word_before(run[0]), refers_to="facility",
                       within=within, within_form=form)

    def _person_name(self, sentence, segment) -> bool:
        """"Victoria Rowell", "Gino D. Bassett", "David Watson": a common given
        name, then a surname (initials between), is a person, whatever towns
        the words also name. Not when the whole is a place name ("Victoria
        Falls"), the last word is a place or facility word ("Jordan Valley",
        "Grant Street"), or a later word names a country or state ("Austin
        Texas")."""
        tokens = sentence.tokens
        words = [_strip_possessive(tokens[i].text) for i in segment]
        named = [w for w in words if not _INITIAL.fullmatch(w)]
        if any(not sentence.adjacent(left, left + 1) or sentence.full[tokens[left].end] == "-"
               for left in segment[:-1]):
            return False    # "Asia-Pacific": a compound, not a given name and surname
        if not 2 <= len(named) <= 3 or words[0] not in self.given_names \
                or not tokens[segment[-1]].capitalised or _INITIAL.fullmatch(words[-1]):
            return False
        if words[-1] in self.place_types or words[-1] in self.facility_heads \
                or words[-1] in self.calendar_words:
            return False
        if self._is_place_name(sentence.span_text(segment[0], segment[-1])):
            return False
        return not any(self._names_an_area(w) for w in named[1:])

    def _unpunctuated_places(self, sentence, left, right) -> bool:
        """Two place names side by side that no person or thing is named:
        a town and its division written with its word ("Maiduguri Borno
        State"), or two areas of a list that lost its comma ("Greece Italy")."""
        tokens = sentence.tokens
        if right[1] > right[0] and tokens[right[1]].text in self.place_types:
            return True
        readings = [self._top_candidate(sentence.span_text(*span)) for span in (left, right)]
        return all(r is not None and r.kind in ("country", "admin1") for r in readings)

    def _keeps_place(self, token, before_match: bool) -> bool:
        """A capitalised word beside a place name that leaves it a place:
        "Greater London", "Northern Syria", "Idlib Province"."""
        if before_match:
            return token.text in self.place_prefixes
        return token.text in self.place_types

    def _longest_matches(self, sentence, segment):
        """Greedy longest gazetteer names and demonyms within a segment:
        (first token, last token, kind) with kind LITERAL or DEMONYM."""
        tokens = sentence.tokens
        matches, position = [], 0
        while position < len(segment):
            first = segment[position]
            if not tokens[first].capitalised:
                position += 1
                continue
            found = None
            for length in range(min(MAX_NAME_TOKENS, len(segment) - position), 0, -1):
                last = segment[position + length - 1]
                if not tokens[last].capitalised:
                    continue
                text = sentence.span_text(first, last)
                # an adjective wins over a look-alike place name: "Balkan" in
                # "the Balkan route" is the Balkans', not Turkmenistan's province
                # (unless a place noun follows it: "Balkan province")
                if length == 1 and self._demonym(_strip_possessive(text)) \
                        and self._extend_lowercase(sentence, first, last) == last:
                    found = (first, last, DEMONYM)
                    break
                if self._is_place_name(text) or self._abbreviated_qualifier(sentence, first, last):
                    found = (first, last, LITERAL)
                    break
            if found:
                matches.append(found)
                position += found[1] - found[0] + 1
            else:
                position += 1
        return matches

    def _is_place_name(self, text: str) -> bool:
        return self._is_name(text)

    # -- building mentions -------------------------------------------------
    def _mention(self, sentence, first, last, kind, article, lowercase_words):
        tokens = sentence.tokens
        extended = self._extend_lowercase(sentence, first, last) if kind == LITERAL else last
        # "Sweida province": the name as written is "Sweida"; the word says what it is
        generic = sentence.span_text(last + 1, extended) if extended > last else ""
        if generic.lower() not in self.generic_words:
            last, generic = extended, ""
        start, end = tokens[first].start, tokens[last].end
        if kind == LITERAL and self._abbreviated_qualifier(sentence, first, last):
            end += 1                                    # "Tenn." with its period
        if self._currency(sentence, start, end):
            return None
        text = sentence.text_at(start, end)
        preceded_by = sentence.word_before(first)
        in_dateline = article.dateline_span is not None and \
            article.dateline_span[0] <= start < article.dateline_span[1]
        if kind == LITERAL and not in_dateline and not self._plausible(
                tokens[first:last + 1], first, preceded_by, lowercase_words, sentence):
            return None
        # The object of a preposition is not the subject of the verb after it
        # ("groups in southern Syria said", "the border with Israel have").
        agentive = self._agentive(sentence, last) and \
            self._governing_word(sentence, first) not in self.not_agentive_after
        # the qualifier follows the generic word: "Sweida province in southern Syria"
        within, within_form = containing_areas(sentence.full, start, tokens[extended].end) \
            if kind == LITERAL else ((), "")
        return Mention(text=text, start=start, end=end, type=kind, sentence=sentence.text,
                       sentence_start=sentence.start, qualifier=self._qualifier(sentence, first),
                       preceded_by=preceded_by, agentive=agentive, within=within, within_form=within_form,
                       generic=generic.lower())

    def _currency(self, sentence, start, end) -> bool:
        """"US$3.7m", "$US4.5 billion", "40 US dollars", "Swiss francs": a
        place's name or code written as part of a currency is the currency."""
        full = sentence.full
        if full[start - 1:start] == "$" or full[end:end + 1] == "$":
            return True
        following = _NEXT_WORD.match(full, end)
        return bool(following) and following.group(1) in self.currency_words

    def _qualified_by_an_area(self, sentence, token) -> bool:
        """The word is followed by ", <state, province or country>" or a
        parenthesis naming one: the text itself says it is a place."""
        within, form = containing_areas(sentence.full, token.start, token.end)
        return form in (COMMA, LIST, PARENTHESIS) and any(
            c.kind in ("country", "admin1", "admin2") for text in within for c in self._areas_named(text))

    def _abbreviated_qualifier(self, sentence, first, last) -> bool:
        """"Franklin, Tenn.", "Lexington, Ky.": an abbreviation written with
        its period, in the qualifier's place after a comma. Elsewhere such a
        word is a word ("attended Mass.", "he was ill.")."""
        end = sentence.tokens[last].end
        if first != last or sentence.text_at(end, end + 1) != ".":
            return False
        if not sentence.text_at(max(sentence.start, sentence.tokens[first].start - 2),
                                sentence.tokens[first].start).strip() == ",":
            return False
        word = sentence.span_text(first, last)
        # "Tenn.", "Mont." (a state; "Mont" alone at most a town): the period is
        # the abbreviation's; "Lebanon." at a sentence's end keeps its full stop out
        return self._names_an_area(word + ".") and not self._names_an_area(word)

    def _names_an_area(self, text: str) -> bool:
        top = self._top_candidate(text)
        return top is not None and top.kind in ("country", "admin1")

    def _extend_lowercase(self, sentence, first, last):
        """"Gulf Arab states", "Idlib province": a name that runs on in lower case."""
        tokens = sentence.tokens
        best = last
        for extra in (1, 2):
            probe = last + extra
            if probe >= len(tokens) or not sentence.adjacent(probe - 1, probe):
                break
            if self._is_place_name(sentence.span_text(first, probe)):
                best = probe
        return best

    def _plausible(self, name_tokens, first, preceded_by, lowercase_words, sentence) -> bool:
        """Reject capitalised ordinary words and codes that happen to be place names."""
        if len(name_tokens) > 1:
            return True
        token = name_tokens[0]
        word = _strip_possessive(token.text)
        has_cue = preceded_by in self.place_cues or self._listed_with_a_place(sentence, first) \
            or self._qualified_by_an_area(sentence, token)
        # "I've", "We'd"; "MoD", "PoP": contractions and mixed-case acronyms
        if re.search(r"['’](?:ve|d|ll|re|m|t)$", token.text) or \
                len(word) <= 4 and re.search(r"[a-z][A-Z]", word):
            return False
        if token.all_caps and len(word) <= 4:
            top = self.gazetteer.candidates(word, limit=1)
            # "N.C.", "D.C.": written with periods, an abbreviation may name a state
            kinds = ("country", "group", "admin1") if "." in word else ("country", "group")
            return bool(top) and top[0].kind in kinds
        # "Li said": a two-letter word alone is a surname or a code, unless cued
        if len(word) <= 2 and not has_cue and not self._abbreviated_qualifier(sentence, first, first):
            return False
        if word in self.common_words:
            # "Franklin, Tenn.", "Clinton, Iowa": a person's name with an area after
            # it is a town; otherwise only a famous place, with a cue, is one
            return self._qualified_by_an_area(sentence, token) or \
                word in self.famous_places and (has_cue or self._agentive(sentence, first))
        if word in self.given_names and not self._given_name_is_a_place(word, preceded_by, sentence, token):
            return False
        if word.lower() in lowercase_words and not has_cue:
            return False
        return True

    def _given_name_is_a_place(self, word, preceded_by, sentence, token) -> bool:
        """"his brother Alex", "Barry said": a given name alone is a person,
        unless it names a big place or the text says it is a place ("in
        Barry", "Barry, Wales")."""
        top = self._top_candidate(word)
        if top is None or top.kind not in ("city", "admin2"):
            return True
        # "Julia" is an old name of Plovdiv: only a big place of that very name stays one
        if top.population >= GIVEN_NAME_TOWN_POPULATION and top.name.casefold() == word.casefold():
            return True
        if preceded_by in self.variant_cues or preceded_by == "from":
            return True
        # "Barry, Wales" is a place; "Helen, Clarence, Irene" a list of people
        within, _ = containing_areas(sentence.full, token.start, token.end)
        return self._qualified_by_an_area(sentence, token) and \
            not any(text in self.given_names for text in within)

    def _listed_with_a_place(self, sentence, index) -> bool:
        """"California or Washington": a name listed beside a place is a place."""
        tokens = sentence.tokens
        for connector, other in ((index - 1, index - 2), (index + 1, index + 2)):
            if 0 <= other < len(tokens) and tokens[connector].text in ("and", "or", ",") \
                    and tokens[other].capitalised and tokens[other].text not in self.common_words \
                    and self._is_place_name(_strip_possessive(tokens[other].text)):
                return True
        return False

    def _governing_word(self, sentence, first) -> str:
        """The word before a name, skipping "the" and directions ("in southern Syria" -> in)."""
        tokens = sentence.tokens[max(0, first - 8):first]
        while tokens and (tokens[-1].text.lower() in ("the", "and", "or")
                          or tokens[-1].text.lower() in self.directions or tokens[-1].capitalised):
            tokens.pop()   # "the border with Jordan and Israel have" -> with
        return tokens[-1].text.lower() if tokens else ""

    def _qualifier(self, sentence, first) -> str | None:
        """Directional words before a name: "western Syria" -> side:west,
        "the northern countryside of Aleppo" -> around:north, "south of X" -> beyond:south.
        A hyphenated direction ("south-west", two tokens) counts as one word."""
        words, previous = [], None
        for token in sentence.tokens[max(0, first - 6):first]:
            word = token.text.lower()
            joined = f"{words[-1]}-{word}" if words else ""
            if joined in self.directions and sentence.full[previous.end:token.start] == "-":
                words[-1] = joined
            else:
                words.append(word)
            previous = token
        words = words[-4:]
        if not words:
            return None
        if words[-1] in self.directions:
            return f"side:{self.directions[words[-1]]}"
        if len(words) >= 2 and words[-1] == "of":
            if words[-2] in self.directions:
                return f"beyond:{self.directions[words[-2]]}"
            if words[-2] in self.surroundings:
                direction = next((self.directions[w] for w in words[:-2] if w in self.directions),
                                 None)
                return f"around:{direction}" if direction else "around:"
        return None

    def _agentive(self, sentence, last) -> bool:
        """Followed by a verb of speech or action, allowing one adverb ("must first")."""
        following = sentence.words_after(last, 2)
        if not following:
            return False
        return following[0] in self.agent_verbs or (
            len(following) > 1 and following[0].endswith("ly") and following[1] in self.agent_verbs)

    def _inner_names(self, sentence, run, kind, holder):
        """Places named inside a longer name, kept (typed) for transparency:
        only names a reader would take for a place ("Syrian", "Iraq"), not
        every word that is also a hamlet somewhere ("Front", "Agency")."""
        for first, last, match_kind in self._longest_matches(sentence, run):
            text = sentence.span_text(first, last)
            if match_kind == DEMONYM or self._notable(text):
                yield self._non_place(sentence, first, last, kind, holder)

    def _notable(self, name: str) -> bool:
        if name in self.common_words or name in self.titles or name in self.place_prefixes:
            return False
        top = self.gazetteer.candidates(name, limit=1)
        return bool(top) and (top[0].kind != "city" or top[0].population >= NOTABLE_POPULATION)

    def _non_place(self, sentence, first, last, kind, holder):
        tokens = sentence.tokens
        start, end = tokens[first].start, tokens[last].end
        return Mention(text=sentence.text_at(start, end), start=start, end=end, type=kind,
                       sentence=sentence.text, sentence_start=sentence.start, organisation=holder)

    def _may_be_a_place(self, token, lowercase_words) -> bool:
        """An unknown capitalised word that may name a place: long enough, no
        ordinary word, no given name."""
        word = token.text
        return len(word) >= MIN_UNKNOWN_NAME_LENGTH and word[1:].islower() and word not in self.given_names \
            and not self._ordinary_word(token, lowercase_words)

    def _ordinary_word(self, token, lowercase_words) -> bool:
        word = token.text
        if self._demonym(word) or word in self.titles:
            return False
        # an unknown capitalised word may be a first name ("Charlie Chen"): kept,
        # unless it reads as a participle or adverb ("Considering", "Reportedly")
        return word in self.common_words or word.lower() in lowercase_words or \
            bool(re.fullmatch(r"[A-Z][a-z]+(?:ing|ly)", word))


class _Sentence:
    """A sentence's tokens with their offsets in the article text."""

    def __init__(self, text: str, start: int, end: int):
        self.full = text
        self.start, self.end = start, end
        self.text = text[start:end]

    @cached_property
    def tokens(self) -> list[Token]:
        tokens = []
        append = tokens.append
        for match in _TOKEN.finditer(self.full, self.start, self.end):
            word = match.group(0)
            parts = _compound_parts(word, match.start()) if "-" in word else ((word, match.start()),)
            for word, start in parts:
                # "Syria's": only a word with an apostrophe can be possessive
                if ("'" in word or "’" in word) and len(word) > 2 and _POSSESSIVE.search(word):
                    word = _strip_possessive(word)
                    append(Token(word, start, start + len(word), True))
                else:
                    append(Token(word, start, start + len(word)))
        return tokens

    def adjacent(self, left: int, right: int) -> bool:
        gap = self.full[self.tokens[left].end:self.tokens[right].start]
        if self.tokens[left].possessive:
            gap = re.sub(r"^['’]s?", "", gap)     # "St George's Chapel"
        # "Gino D. Bassett", "St. Louis": an initial's or a name abbreviation's
        # full stop does not end the name
        left_text = self.tokens[left].text
        initial = gap == ". " and (_INITIAL.fullmatch(left_text) is not None
                                   or left_text in _NAME_ABBREVIATIONS)
        return gap in (" ", "-", "- ") or initial or (gap.strip() == "" and "\n" not in gap and len(gap) < 3)

    def span_text(self, first: int, last: int) -> str:
        return self.full[self.tokens[first].start:self.tokens[last].end]

    def text_at(self, start: int, end: int) -> str:
        return self.full[start:end]

    def word_before(self, index: int) -> str:
        words = self.words_before(index, 1)
        return words[-1] if words else ""

    def words_before(self, index: int, count: int) -> list[str]:
        return [t.text.lower() for t in self.tokens[max(0, index - count):index]]

    def words_after(self, index: int, count: int) -> list[str]:
        return [t.text.lower() for t in self.tokens[index + 1:index + 1 + count]]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries: end punctuation before a capital, or a line break.
    Abbreviations ("Oct. 26", "Mr. Putin", "U.S. officials") do not end a sentence.
    No span is longer than ``MAX_SENTENCE_CHARS`` (see :func:`_bounded`)."""
    return [bounded for start, end in _sentence_spans(text) for bounded in _bounded(text, start, end)]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(start, match.start() - 12):match.start() + 1]
        last_word = re.search(r"([A-Za-z.]+)\.?$", before)
        if match.group(0)[0] == "." and last_word and (
                last_word.group(1).rstrip(".").lower() in _ABBREVIATIONS
                or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", last_word.group(1))):
            continue
        if text[start:match.start() + 1].strip():
            spans.append((start, match.start() + 1))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_strip_span(text, s, e) for s, e in spans]


def _bounded(text: str, start: int, end: int):
    """The span, cut into pieces of at most ``MAX_SENTENCE_CHARS``: each at the
    last clause mark (, ; :) or, failing that, the last space in its second
    half, or at the limit itself when there is neither (one huge "word")."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = _cut_point(text, start + MAX_SENTENCE_CHARS // 2, limit)
        piece = _strip_span(text, start, cut)
        if piece[0] < piece[1]:
            yield piece
        start = _strip_span(text, cut, end)[0]
    if start < end:
        yield start, end


def _cut_point(text: str, low: int, limit: int) -> int:
    """Where to end a piece within text[low:limit]: after a clause mark, else at a space."""
    mark = max(text.rfind(c, low, limit) for c in ",;:")
    if mark >= 0:
        return mark + 1
    for index in range(limit - 1, low - 1, -1):
        if text[index].isspace():
            return index
    return limit


def _strip_span(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _compound_parts(word: str, start: int):
    """"DPRK-South", "Asia-Pacific", "Syrian-Turkish": parts that each start
    with a capital are words of their own (adjacency joins them again where
    the whole is one name, "Guinea-Bissau"); "ez-Zor", "al-Assad" and
    "Mazar-i-Sharif" stay one word."""
    piece = 0
    for hyphen in _CAPITAL_HYPHEN.finditer(word):
        part_start = word.rfind("-", 0, hyphen.start()) + 1
        if word[part_start].isupper() and part_start >= piece:
            yield word[piece:hyphen.start()], start + piece
            piece = hyphen.end()
    yield word[piece:], start + piece


def _strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word) if len(word) > 2 else word


def _is_title_case(tokens: list[Token], common_words, lowercase_words, calendar_words,
                   headline_lowercase) -> bool:
    """Headline style ("Syrian Rebel Alliance Says Russia Must Stop"): capitals
    tell nothing about names there. Every long word is capitalised, or most
    are and at least two of them are ordinary words ("Says", "Must"; a
    month or a weekday is capitalised anywhere, so it is none): a sentence
    of names ("Nick Shell and David Watson are inmates") is no headline."""
    long_words = [t for t in tokens if len(t.text) > 3]
    if len(long_words) < 4 or sum(t.capitalised for t in long_words) < 0.8 * len(long_words):
        return False
    if all(t.capitalised for t in long_words):
        return True
    # a headline leaves only its small words in lower case ("Rebels Retreat
    # from Aleppo"); "... Castro Soteldo participated in the talks" is prose
    if any(not t.capitalised and t.text.lower() not in headline_lowercase for t in long_words):
        return False
    ordinary = sum(t.capitalised and t.text not in calendar_words
                   and (t.text in common_words or t.text.lower() in lowercase_words)
                   for t in long_words)
    return ordinary >= 2
