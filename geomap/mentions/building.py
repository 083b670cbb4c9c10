"""A mention from a name found: its exact extent ("Sweida province",
"Tenn."), its qualifier and governing word, whether it acts, and whether a
word that names only a small town is a place here at all."""

from __future__ import annotations

import re

from ..model import LITERAL, Mention
from ..qualifiers import COMMA, LIST, PARENTHESIS, containing_areas
from .limits import (GIVEN_NAME_TOWN_POPULATION, MAX_UNKNOWN_NAME_TOKENS, MIN_UNKNOWN_NAME_LENGTH,
                     WORD_TOWN_POPULATION)
from .text import Sentence, strip_possessive

_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_NAMED_AFTER = re.compile(r",?\s*[A-Z]")                  # "the capital, Damascus"
_CONTRACTION = re.compile(r"['’](?:ve|d|ll|re|m|t)$")    # "I've", "We'd"
_MIXED_CASE = re.compile(r"[a-z][A-Z]")                   # "MoD", "PoP"
_PARTICIPLE_OR_ADVERB = re.compile(r"[A-Z][a-z]+(?:ing|ly)")


class MentionBuilding:
    """Rules of the :class:`~geomap.mentions.MentionFinder` that build and weigh one mention."""

    def _capital_references(self, sentence: "Sentence"):
        """"The strikes spared the capital": the capital of the country the
        story is about, resolved later. Not when the capital is named
        ("the capital, Damascus") or owned ("Nigeria's commercial capital")."""
        for match in self.capital_reference.finditer(sentence.text):
            after = sentence.text[match.end():match.end() + 3]
            if _NAMED_AFTER.match(after):
                continue
            start = sentence.start + match.start("word")
            yield Mention(text=match.group("word"), start=start, end=start + len(match.group("word")),
                          type=LITERAL, sentence=sentence.text, sentence_start=sentence.start,
                          preceded_by="the", refers_to="capital")

    def _mention(self, sentence, first, last, kind, article, lowercase_words):
        tokens = sentence.tokens
        extended = self._extend_lowercase(sentence, first, last) if kind == LITERAL else last
        # "Sweida province": the name as written is "Sweida"; the word says what it is
        generic = sentence.span_text(last + 1, extended) if extended > last else ""
        if generic.lower() in self.descriptive_kinds and self._names_the_next_place(sentence, extended):
            extended, generic = last, ""    # "the Texas city of El Paso": Texas, then El Paso
        elif generic.lower() not in self.generic_words:
            last, generic = extended, ""
        if kind == LITERAL and not generic:
            generic = self._national_division_word_after(sentence, last)
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

    @staticmethod
    def _names_the_next_place(sentence, kind: int) -> bool:
        """The kind word at ``kind`` is followed by "of" and a name: "city of
        El Paso" names El Paso."""
        tokens = sentence.tokens
        return kind + 2 < len(tokens) and tokens[kind + 1].text == "of" and tokens[kind + 2].capitalised \
            and sentence.adjacent(kind, kind + 1) and sentence.adjacent(kind + 1, kind + 2)

    def _national_division_word_after(self, sentence, last) -> str:
        """"Guma LGA", "Bucha Raion": a division word only some countries
        use, written after a name the gazetteer does not know with it. The
        word goes with the name to the gazetteer, which looks only in those
        countries: a town of the name elsewhere ("Goma" in the Philippines)
        is not the division. Lower-cased, as ``generic`` is."""
        after = last + 1
        if after >= len(sentence.tokens) or not sentence.adjacent(last, after):
            return ""
        word = sentence.tokens[after].text.casefold()
        return word if word in self.national_division_words else ""

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
        return form in (COMMA, LIST, PARENTHESIS) and any(self._names_a_qualifying_area(text) for text in within)

    def _names_a_qualifying_area(self, text: str) -> bool:
        """A country or a first- or second-level division: what may stand
        after a place's name to say where it is."""
        return any(c.kind in ("country", "admin1", "admin2") for c in self._areas_named(text))

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
        word = strip_possessive(token.text)
        # "West Wing staffers": a capitalised direction before the word is part
        # of a name, not a cue ("western Wing" would be)
        named_direction = preceded_by in self.directions and first > 0 and sentence.tokens[first - 1].capitalised
        has_cue = preceded_by in self.place_cues and not named_direction or self._set_out_for(sentence, first) \
            or self._listed_with_a_place(sentence, first) \
            or self._qualified_by_an_area(sentence, token) or self._qualifies_a_place(sentence, first)
        # "I've", "We'd"; "MoD", "PoP": contractions and mixed-case acronyms
        if _CONTRACTION.search(token.text) or len(word) <= 4 and _MIXED_CASE.search(word):
            return False
        if token.all_caps and len(word) <= 4:
            top = self.gazetteer.candidates(word, limit=1)
            # "N.C.", "D.C.": written with periods, an abbreviation may name a state
            kinds = ("country", "group", "admin1") if "." in word else ("country", "group")
            return bool(top) and top[0].kind in kinds
        # "people from the Republic", "across the Valley": a place's kind
        # after "the" refers back to a place; a town of that name is not meant
        if word in self.place_types and preceded_by == "the" and self._names_only_a_town(word):
            return False
        # "Li said": a two-letter word alone is a surname or a code, unless cued
        if len(word) <= 2 and not has_cue and not self._abbreviated_qualifier(sentence, first, first):
            return False
        if word in self.common_words:
            # "Franklin, Tenn.", "Clinton, Iowa": a person's name with an area after
            # it is a town; otherwise only a famous place, with a cue, is one
            return self._qualified_by_an_area(sentence, token) or \
                word in self.famous_places and (has_cue or self._agentive(sentence, first)
                                                or self._foremost_a_place(word, lowercase_words))
        if word in self.given_names and not self._given_name_is_a_place(word, preceded_by, sentence, token):
            return False
        if word.lower() in lowercase_words and not has_cue:
            return False
        # "Law on copyright", "Winner on Thunder Snow", "Free trade is": an
        # English word that names only a small town is the word, unless cued
        if not has_cue and self._an_english_word(word):
            return False
        return True

    def _foremost_a_place(self, word, lowercase_words) -> bool:
        """"an agreement with Washington", "Boston is": a famous place named
        by neither a given name nor a word ("Nice", "Reading") is the place
        even without a cue; a person of that surname named in the article
        ("John Washington") still takes it back."""
        return word in self.famous_names and word.lower() not in lowercase_words

    def _names_only_a_town(self, word) -> bool:
        top = self._top_candidate(word)
        return top is not None and top.kind == "city"

    def _an_english_word(self, word) -> bool:
        """A common English word (the SCOWL list) that is more a word than a
        place: it names no place, or its best reading is a small town,
        district or province (below ``WORD_TOWN_POPULATION``) or a place
        known by another name ("Free" for the Free State, "Pool" for
        Brazzaville's province). A country, a big place of that very name
        ("Buffalo") and a sea or ocean ("the Pacific") stay places."""
        if word.lower() not in self.english_words:
            return False
        top = self._top_candidate(word)
        if top is None:
            return True
        if top.kind in ("country", "water"):
            return False
        if top.name.casefold() != word.casefold():
            return True
        return top.kind in ("city", "admin2", "admin1") and top.population < WORD_TOWN_POPULATION

    def _qualifies_a_place(self, sentence, first) -> bool:
        """"Tacoma, Washington", "Paris, Texas": an area written after a
        place's name and a comma, in the qualifier's place, is a place itself."""
        tokens = sentence.tokens
        if first == 0 or sentence.full[tokens[first - 1].end:tokens[first].start] != ", ":
            return False
        if not self._names_a_qualifying_area(tokens[first].text):
            return False
        for start in range(first - 1, max(-1, first - 4), -1):
            if not tokens[start].capitalised or start < first - 1 and not sentence.adjacent(start, start + 1):
                return False
            if self._is_place_name(sentence.span_text(start, first - 1)):
                return True
        return False

    def _set_out_for(self, sentence, first) -> bool:
        """"left for Washington", "bound for Odessa", "set off for": where
        someone or something goes (lexicon ``departure_verbs``)."""
        before = sentence.words_before(first, 2)
        return len(before) == 2 and before[1] == "for" and before[0] in self.departure_verbs

    def _given_name_is_a_place(self, word, preceded_by, sentence, token) -> bool:
        """"his brother Alex", "Barry said": a given name alone is a person,
        unless it names a big place or the text says it is a place ("in
        Barry", "Barry, Wales")."""
        top = self._top_candidate(word)
        if top is None or top.kind not in ("city", "admin2", "admin1"):
            return True
        # "Julia" is an old name of Plovdiv, "Paul" a parish of Cape Verde:
        # only a big place of that very name stays one
        if top.population >= GIVEN_NAME_TOWN_POPULATION and top.name.casefold() == word.casefold():
            return True
        if preceded_by in self.variant_cues or preceded_by == "from":
            return True
        # "Barry, Wales" is a place; "Helen, Clarence, Irene" a list of people
        within, _ = containing_areas(sentence.full, token.start, token.end)
        return self._qualified_by_an_area(sentence, token) and \
            not any(text in self.given_names for text in within)

    def _listed_with_a_place(self, sentence, index) -> bool:
        """"California or Washington", "Salqin, Harem, Armanaz": a name listed
        beside a place is a place. Commas are no tokens: a comma list is
        read from the gap between two names."""
        tokens = sentence.tokens
        neighbours = []
        for connector, other in ((index - 1, index - 2), (index + 1, index + 2)):
            if 0 <= other < len(tokens) and tokens[connector].text in ("and", "or"):
                neighbours.append(other)
        if index > 0 and sentence.full[tokens[index - 1].end:tokens[index].start] == ", ":
            neighbours.append(index - 1)
        if index + 1 < len(tokens) and sentence.full[tokens[index].end:tokens[index + 1].start] == ", ":
            neighbours.append(index + 1)
        return any(tokens[other].capitalised and tokens[other].text not in self.common_words
                   and self._is_place_name(strip_possessive(tokens[other].text)) for other in neighbours)

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

    def _may_be_a_place(self, token, lowercase_words) -> bool:
        """An unknown capitalised word that may name a place: long enough, no
        ordinary word, no given name."""
        word = token.text
        return len(word) >= MIN_UNKNOWN_NAME_LENGTH and word[1:].islower() and word not in self.given_names \
            and not self._ordinary_word(token, lowercase_words)

    def _may_be_a_place_name(self, tokens, lowercase_words) -> bool:
        """An unknown name of one word that may name a place (see
        :meth:`_may_be_a_place`), or of up to ``MAX_UNKNOWN_NAME_TOKENS``
        ("Deir al-Balah", "Bab al-Hawa"): together long enough, none a
        title, a given name or an ordinary word, each written as a name
        ("Deir") or an article joined to one ("al-Balah")."""
        if len(tokens) == 1:
            return self._may_be_a_place(tokens[0], lowercase_words)
        return len(tokens) <= MAX_UNKNOWN_NAME_TOKENS \
            and sum(len(t.text) for t in tokens) >= MIN_UNKNOWN_NAME_LENGTH \
            and all(t.capitalised and (t.text[1:].islower() or t.text[0].islower())
                    and t.text not in self.given_names and t.text not in self.titles
                    and not self._ordinary_word(t, lowercase_words) for t in tokens)

    def _ordinary_word(self, token, lowercase_words) -> bool:
        """A capitalised word that is an ordinary word here: a listed common
        word, one the article writes in lower case, an English word ("News
        Russia announces") that is no country or big place ("Turkey-PKK
        talks"), a participle or adverb ("Considering", "Reportedly"). A
        demonym or a title is not one: it starts a name."""
        word = token.text
        if self._demonym(word) or word in self.titles:
            return False
        # an unknown capitalised word that is none of these may be a first name ("Charlie Chen")
        return word in self.common_words or word.lower() in lowercase_words or self._an_english_word(word) \
            or _PARTICIPLE_OR_ADVERB.fullmatch(word) is not None
