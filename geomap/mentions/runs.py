"""Capitalised runs of words: where a name starts and ends, how a run is
read whole first (an organisation's or a person's name swallows the places
inside it, see :mod:`.holders`), and how the rest is split into the longest
names the gazetteer knows."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..model import DEMONYM, LITERAL, NAME, ORGANISATION, PERSON, Article
from .limits import GIVEN_NAME_TOWN_POPULATION, MAX_NAME_TOKENS
from .text import Sentence, Token, is_title_case, strip_possessive

_ACRONYM_IN_PARENTHESES = re.compile(r"\s\(((?:[A-Z]\.?){2,10})\)")


class RunReading:
    """Rules of the :class:`~geomap.mentions.MentionFinder` over capitalised runs."""

    def _sentence_mentions(self, sentence: "Sentence", article: Article, lowercase_words):
        tokens = sentence.tokens
        title_case = is_title_case(tokens, self.common_words, lowercase_words, self.calendar_words,
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

    def _spelled_out_names(self, sentence: "Sentence") -> dict[int, int]:
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

    def _run_end(self, sentence: "Sentence", index: int) -> int:
        """End of the capitalised run starting at index: capitalised tokens
        joined by spaces, with lower-case connectors allowed inside."""
        tokens = sentence.tokens
        end = index + 1
        while end < len(tokens):
            if not sentence.adjacent(end - 1, end):
                break
            # "St. Peter's Basilica": a possessive ends a name, unless a facility
            # word follows or the name goes on through it ("Democratic People's
            # Republic of Korea")
            if tokens[end - 1].possessive and tokens[end].text not in self.facility_heads \
                    and not self._name_through_possessive(sentence, index, end):
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
            # connectors, possibly several ("and the"), then a capitalised token;
            # "the" only after an English connector ("Syria as the Government
            # of ..." is two things; "as" joins names as the Arabic article)
            probe = end
            while (probe < len(tokens) and tokens[probe].text in self.connectors
                   and sentence.adjacent(probe - 1, probe)
                   and (tokens[probe].text != "the" or probe == end
                        or tokens[probe - 1].text in self.connectors_before_the)):
                probe += 1
            if (probe > end and probe < len(tokens) and self._starts_name(tokens[probe])
                    and sentence.adjacent(probe - 1, probe)):
                end = probe + 1
                continue
            break
        return end

    def _name_through_possessive(self, sentence: "Sentence", index: int, end: int) -> bool:
        """A place's name with a possessive inside it ("Democratic People's
        Republic of Korea"): some span of the run so far, across the
        possessive before ``end``, is a name the gazetteer knows. Bounded:
        a name is at most ``MAX_NAME_TOKENS`` long."""
        tokens = sentence.tokens
        for first in range(max(index, end - MAX_NAME_TOKENS), end):
            for last in range(end, min(len(tokens), first + MAX_NAME_TOKENS)):
                if not sentence.adjacent(last - 1, last):
                    break
                if tokens[last].capitalised and self._is_place_name(sentence.span_text(first, last)):
                    return True
        return False

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
        if sentence.full[tokens[run[0]].start - 1:tokens[run[0]].start] == "@":
            return      # "@Gillette": an account's handle, never a place
        run_text = sentence.span_text(run[0], run[-1])
        whole_is_place = self._names_a_place_whole(run_text)
        if not whole_is_place and self._named_event(tokens, run):
            # "Hurricane Milton": a storm's name; "Milton" again later is the storm
            self._full_names.setdefault(strip_possessive(tokens[run[-1]].text), (run_text, NAME))
            yield from self._inner_names(sentence, run, NAME, run_text)
            return
        # "Charlotte Smith of North Carolina", "Judge Danilo Suarez of the
        # Paranaque Regional Trial Court": a person, then where or what they are of
        of = next((k for k, i in enumerate(run) if tokens[i].text == "of"), None)
        if of is not None and of + 1 < len(run) and not title_case and not whole_is_place \
                and (self._names_a_person(sentence, run[:of]) or self._titled_name(sentence, run[:of])):
            after = run[of + 1:]
            while after and not tokens[after[0]].capitalised:
                after = after[1:]       # "of the Paranaque ...": from its first name word
            for part in (run[:of], after):
                if part:
                    yield from self._run_mentions(sentence, part, article, lowercase_words, title_case)
            return
        # a listed organisation wins over a town of the same name ("White House")
        listed = self._listed_organisation(run_text) or self._body_named_by_its_head(run, tokens)
        if not listed and not whole_is_place:
            # "NATO and Tunisia", "the Israel-Hamas war": a listed
            # organisation in a list or a pair leaves the other items names
            # of their own
            items = self._list_items(sentence, run, at_hyphens=True) if len(run) > 1 else []
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
                or self._organisation_noun_after(sentence, run[0], run[-1]) \
                and not self._only_an_adjective(sentence, run):
            yield from self._inner_names(sentence, run, ORGANISATION, run_text)
            return
        if run_text.casefold() in self.not_places:
            yield from self._inner_names(sentence, run, NAME, run_text)
            return
        if not title_case and self._names_a_person(sentence, run):
            self._full_names.setdefault(strip_possessive(tokens[run[-1]].text), (run_text, PERSON))
            yield from self._inner_names(sentence, run, PERSON, run_text)
            return
        # A sentence's first word is capitalised whatever it is: drop it when
        # it is an ordinary word ("Despite Turkey's ..." -> "Turkey"); a
        # function word never starts a name, wherever it is ("late After
        # Paris"); unless it starts a place that a list goes on from ("in
        # the North West and Limpopo", "from New Quay and Gwbert").
        if len(run) > 1 and not whole_is_place and self._first_is_ordinary(tokens, run, lowercase_words) \
                and not self._opens_with_a_listed_place(sentence, run):
            first = 1
            while first < len(run) and not tokens[run[first]].capitalised:
                first += 1
            run = run[first:]
            if not run:
                return
            run_text = sentence.span_text(run[0], run[-1])
            whole_is_place = self._names_a_place_whole(run_text)
        for segment in self._segments(run, tokens, whole_is_place):
            yield from self._segment_mentions(sentence, segment, article, lowercase_words,
                                              title_case)

    def _only_an_adjective(self, sentence, run) -> bool:
        """"the Russian news agency", "A South Korean court": a place's
        adjective, after at most an ordinary word, names no outlet or body;
        the outlet is the country's."""
        tokens = sentence.tokens
        first = run[1] if len(run) > 1 and tokens[run[0]].text in self.common_words else run[0]
        return self._demonym(strip_possessive(sentence.span_text(first, run[-1]))) is not None

    def _first_is_ordinary(self, tokens, run, lowercase_words) -> bool:
        """The run's first word is an ordinary word: any that may be one at
        a sentence's start, a listed common word elsewhere."""
        if run[0] == 0:
            return self._ordinary_word(tokens[run[0]], lowercase_words)
        return tokens[run[0]].text in self.common_words

    def _opens_with_a_listed_place(self, sentence, run) -> bool:
        """"from New Quay and Gwbert": the run is a list whose first item is a place."""
        items = self._list_items(sentence, run) if len(run) > 2 else []
        return len(items) > 1 and items[0][0] == run[0] \
            and self._names_a_place_whole(sentence.span_text(items[0][0], items[0][-1]))

    @staticmethod
    def _list_items(sentence, run, at_hyphens: bool = False) -> list[list[int]]:
        """The run cut at each "and" (and, if asked, at each bare hyphen:
        "Israel-Hamas"), each item from its first capitalised word."""
        tokens, items, current = sentence.tokens, [], []
        for i in run + [None]:
            hyphen = at_hyphens and i is not None and bool(current) \
                and sentence.full[tokens[current[-1]].end:tokens[i].start] == "-"
            if i is None or tokens[i].text == "and" or hyphen:
                while current and not tokens[current[0]].capitalised:
                    current = current[1:]
                if current:
                    items.append(current)
                current = [i] if hyphen else []
            else:
                current.append(i)
        return items

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
        # "El Niño and La Niña", "While El Niño occurs": a listed non-place
        # is one item of a list, or what is left once a sentence's first word goes
        segment_text = sentence.span_text(segment[0], segment[-1])
        if segment_text.casefold() in self.not_places:
            yield from self._inner_names(sentence, segment, NAME, segment_text)
            return
        # "Gulf Arab states": the whole segment names a place only with the
        # lower-case words that follow it.
        if len(segment) > 1 and self._extend_lowercase(sentence, segment[0], segment[-1]) > segment[-1]:
            mention = self._mention(sentence, segment[0], segment[-1], LITERAL, article,
                                    lowercase_words)
            if mention:
                yield mention
            return
        matches = self._longest_matches(sentence, segment)
        division_phrase = self._division_phrases(tokens, segment)
        if division_phrase:
            # "Local Government Area of": the division's word, though a hamlet is called "Area"
            matches = [m for m in matches if not all(i in division_phrase for i in range(m[0], m[1] + 1))]
        if not matches:
            # "the port of Hudaida", "in Portroe", "in Deir al-Balah": a
            # spelling or a village the gazetteer lacks, after a place cue. The
            # resolver accepts another spelling only where the story supports
            # the reading (people's names match villages' keys too often),
            # else lists it as not mapped.
            if self._cued_as_a_place(sentence, segment) \
                    and self._may_be_a_place_name([tokens[i] for i in segment], lowercase_words):
                mention = self._mention(sentence, segment[0], segment[-1], LITERAL, article, lowercase_words)
                if mention:
                    yield mention
            return
        # a place joined by a bare hyphen to a word that names nothing: a
        # small town is half of a surname or a brand ("Diaz-Balart"), a
        # country or a city one side of a pair ("Turkey-PKK talks")
        covered = {i for first, last, _ in matches for i in range(first, last + 1)}
        partners = {m: self._hyphen_partner(sentence, segment, m, covered) for m in matches}
        halves = {m for m, partner in partners.items() if partner is not None and self._small_town(sentence, m)}
        paired = {partner for m, partner in partners.items() if partner is not None and m not in halves}
        last_covered = max(covered)
        rest = [i for i in segment if i not in covered and i not in paired]
        # what the segment opens with and a title follows, or a demonym:
        # "Texas Governor Greg Abbott", "Russian Foreign Minister ..."
        first_title = next((i for i in segment if tokens[i].text.rstrip(".") in self.titles), None)
        leading = [m for m in matches if m[0] == segment[0]
                   and (m[2] == DEMONYM or first_title is not None and m[1] + 1 == first_title
                        and self._holds_the_office(sentence, m, tokens[first_title].text))
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
                self._keeps_place(tokens, i, i < last_covered, division_phrase) for i in rest))):
            for first, last, kind in (m for m in matches if m not in halves):
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
                yield replace(mention, office=tokens[last + 1].text.rstrip(".").lower()) \
                    if last + 1 == first_title else mention
        name = sentence.span_text(segment[0], segment[-1])
        holder = PERSON if patronymic or first_title is not None else NAME
        if tokens[segment[-1] - 1].text != "of":    # "Duke of York": no surname after "of"
            self._full_names.setdefault(strip_possessive(tokens[segment[-1]].text), (name, holder))
        inner = [m for m in matches if m not in leading]
        for first, last, kind in inner:
            text = sentence.span_text(first, last)
            if kind == DEMONYM or self._notable(text):
                yield self._non_place(sentence, first, last, holder, name)

    def _hyphen_partner(self, sentence, segment, match, matched) -> int | None:
        """The capitalised word a place's name is joined to by a bare hyphen
        ("Diaz-Balart", "Turkey-PKK"), if that word is no match of its own."""
        first, last, kind = match
        if kind != LITERAL:
            return None
        tokens = sentence.tokens
        for neighbour, left, right in ((first - 1, first - 1, first), (last + 1, last, last + 1)):
            if neighbour in segment and neighbour not in matched and tokens[neighbour].capitalised \
                    and sentence.full[tokens[left].end:tokens[right].start] == "-":
                return neighbour
        return None

    def _holds_the_office(self, sentence, match, title) -> bool:
        """"Texas Governor", "Ferguson Mayor": a place before a title is
        where the office is; a small town's name before any title but a
        town's own ("Cadillac President") is a brand's or a company's."""
        return title.rstrip(".") in self.town_titles or not self._small_town(sentence, match)

    def _small_town(self, sentence, match) -> bool:
        """Foremost a town below ``GIVEN_NAME_TOWN_POPULATION``: the kind of
        place that shares its name with surnames and brands."""
        top = self._top_candidate(sentence.span_text(match[0], match[1]))
        return top is not None and top.kind == "city" and top.population < GIVEN_NAME_TOWN_POPULATION

    def _unpunctuated_places(self, sentence, left, right) -> bool:
        """Two place names side by side that no person or thing is named:
        a town and its division written with its word ("Maiduguri Borno
        State"), or two areas of a list that lost its comma ("Greece Italy")."""
        tokens = sentence.tokens
        if right[1] > right[0] and tokens[right[1]].text in self.place_types:
            return True
        readings = [self._top_candidate(sentence.span_text(*span)) for span in (left, right)]
        return all(r is not None and r.kind in ("country", "admin1") for r in readings)

    def _division_phrases(self, tokens, segment) -> set[int]:
        """The words of each "<division word> of" in the segment ("LGA of",
        "Local Government Area of"), the division word one to three words long."""
        found = set()
        for of in segment:
            if tokens[of].text != "of":
                continue
            for length in (3, 2, 1):
                if of - length >= segment[0] and " ".join(
                        t.text for t in tokens[of - length:of]).casefold() in self.division_words:
                    found.update(range(of - length, of + 1))
                    break
        return found

    def _keeps_place(self, tokens, index: int, before_match: bool, division_phrase) -> bool:
        """A word beside a place name that leaves it a place: "Greater
        London", "Northern Syria", "Idlib Province"; before it, a division
        named with a word the gazetteer does not know it by, then "of"
        ("Guma LGA of Benue State"; ``division_phrase``: the words of
        "LGA of", see :meth:`_division_phrases`)."""
        text = tokens[index].text
        if not before_match:
            return text in self.place_types
        if text in self.place_prefixes:
            return True
        # the division's name, its word of one to three words ("LGA", "Local
        # Government Area"), "of"
        return index in division_phrase or index + 1 in division_phrase

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
                # (unless a place noun follows it: "Balkan province"); the
                # longest first, "South Korean" before "South"
                if self._demonym(strip_possessive(text)) \
                        and self._extend_lowercase(sentence, first, last) == last:
                    found = (first, last, DEMONYM)
                    break
                if self._is_place_name(text) or self._abbreviated_qualifier(sentence, first, last) \
                        or self._division_spelt_otherwise(sentence, text, last):
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

    def _cued_as_a_place(self, sentence, segment) -> bool:
        """An unknown name the text says is a place: after a place cue ("in
        Portroe", "the port of Hudaida") or before an apposition that says
        so ("Paletwa, a town in Chin State")."""
        before = sentence.words_before(segment[0], 2)
        if before and (before[-1] in self.variant_cues
                       or before[-1] == "of" and len(before) == 2 and before[0] in self.variant_cues):
            return True
        return self.place_apposition.match(sentence.full, sentence.tokens[segment[-1]].end) is not None

    def _division_spelt_otherwise(self, sentence, text: str, last: int) -> bool:
        """"Oromia region", "Hiraan region": a name the gazetteer knows only
        with the division word the text writes after it, which says a
        division is meant (the gazetteer finds it under another spelling,
        "Oromiya", "Hiiraan"). Probed only before such a word."""
        after = last + 1
        tokens = sentence.tokens
        if after >= len(tokens) or tokens[after].text not in self.generic_division_words \
                or not sentence.adjacent(last, after):
            return False
        return self._is_place_name(f"{text} {tokens[after].text}")

    def _names_a_place_whole(self, text: str) -> bool:
        """A place's name or adjective as a whole: "Central African" is
        one word for one country, not "Central" and "African"."""
        return self._is_name(text) or " " in text and self._demonym(strip_possessive(text)) is not None
