"""Names that hold place names: organisations ("Bank of England"), people
("Victoria Rowell", "Mohammed bin Rashid"), offices ("the Governor of
Idlib"), and surnames named again later in the article."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import DEMONYM, LITERAL, PERSON, Mention
from .limits import GIVEN_NAME_TOWN_POPULATION, NOTABLE_POPULATION
from .text import INITIAL, strip_possessive


_LEADING_THE = re.compile(r"^the\s+")


class NameHolders:
    """Rules of the :class:`~geomap.mentions.MentionFinder` for names that hold places."""

    def _surname(self, mention: Mention) -> Mention:
        """"Kelly said" after "John Kelly": a surname, not the town of Kelly."""
        if mention.type != LITERAL or " " in mention.text or mention.refers_to:
            return mention
        known = self._full_names.get(strip_possessive(mention.text))
        if known is None:
            return mention
        # "Air Zimbabwe" makes no surname of Zimbabwe: only towns, and
        # provinces after a person's name ("Lin-Manuel Miranda"), share names with people
        top = self.gazetteer.candidates(strip_possessive(mention.text), limit=1)
        full_name, kind = known
        if not top or top[0].kind != "city" and not (kind == PERSON and top[0].kind == "admin1"):
            return mention
        # "Smart Dubai", "Dubai Police": a thing named for a city leaves the
        # city's own name a place; only a person's name takes a sizeable one
        if kind != PERSON and top[0].population >= GIVEN_NAME_TOWN_POPULATION:
            return mention
        return replace(mention, type=kind, organisation=full_name, qualifier=None)

    def _listed_organisation(self, text: str) -> bool:
        """One of the lexicon's ``organisations``, with or without "the"."""
        return _LEADING_THE.sub("", text.casefold()) in self.organisations

    def _body_named_by_its_head(self, run, tokens) -> bool:
        """"the Alliance's eagerness", "the Army said": an organisation's head
        word alone after "the" is the body it heads, not a town of that name."""
        return len(run) == 1 and run[0] > 0 and tokens[run[0] - 1].text.lower() == "the" \
            and tokens[run[0]].text in self.org_heads

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

    def _named_event(self, tokens, run) -> bool:
        """"Hurricane Milton", "Typhoon Haiyan", "Operation Iraqi Freedom": a
        storm's or an operation's head word (lexicon ``named_event_heads``),
        then a capitalised name; the whole is the event's name, and the
        town or country in it no place of the story."""
        texts = [tokens[i].text for i in run]
        for head in self.named_event_heads:
            if len(texts) > len(head) and tuple(texts[:len(head)]) == head:
                return tokens[run[len(head)]].capitalised
        return False

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

    def _person_name(self, sentence, segment) -> bool:
        """"Victoria Rowell", "Gino D. Bassett", "David Watson": a common given
        name, then a surname (initials between), is a person, whatever towns
        the words also name. Not when the whole is a place name ("Victoria
        Falls"), the last word is a place or facility word ("Jordan Valley",
        "Grant Street"), or the given name is a town and a later word names a
        country or state ("Austin Texas"; "Lin-Manuel Miranda" is a person)."""
        if len(segment) < 2:
            return False
        tokens = sentence.tokens
        words = [strip_possessive(tokens[i].text) for i in segment]
        # "Lin-Manuel Miranda", "Jean-Pierre Bemba": a given name may be two
        # joined by a hyphen, one of them common
        given = 2 if len(segment) > 2 and sentence.full[tokens[segment[0]].end] == "-" \
            and (words[0] in self.given_names or words[1] in self.given_names) else 1
        if any(not sentence.adjacent(left, left + 1) or sentence.full[tokens[left].end] == "-"
               for left in segment[given - 1:-1]):
            return False    # "Asia-Pacific": a compound, not a given name and surname
        named = [w for w in words[given:] if not INITIAL.fullmatch(w)]
        if not 1 <= len(named) <= 2 or given == 1 and words[0] not in self.given_names \
                or not tokens[segment[-1]].capitalised or INITIAL.fullmatch(words[-1]):
            return False
        if words[-1] in self.place_types or words[-1] in self.facility_heads \
                or words[-1] in self.calendar_words:
            return False
        if self._is_place_name(sentence.span_text(segment[0], segment[-1])):
            return False
        # "Austin Texas": a town, then its state with the comma lost
        given_is_a_town = given == 1 and self._is_place_name(words[0])
        return not (given_is_a_town and any(self._names_an_area(w) for w in named))

    def _names_a_person(self, sentence, run) -> bool:
        """A given name and a surname, or a name after a short title."""
        return self._person_name(sentence, run) or self._after_a_title(sentence, run)

    def _titled_name(self, sentence, run) -> bool:
        """"Judge Danilo Suarez", "King Abdullah": a title, then a name of
        one to three capitalised words, the whole no place's name ("Saint
        Petersburg", "Prince Edward Island")."""
        tokens = sentence.tokens
        names = run[1:]
        return 1 <= len(names) <= 3 and tokens[run[0]].text.rstrip(".") in self.titles \
            and all(tokens[i].capitalised and tokens[i].text not in self.titles for i in names) \
            and not self._is_place_name(sentence.span_text(run[0], run[-1])) \
            and not any(tokens[i].text in self.place_types for i in names)

    def _after_a_title(self, sentence, run) -> bool:
        """"Mr. Washington said", "Gen. Austin": a name after a title
        written short, with its full stop, is a person's. (The full stop
        parts the two into runs of their own; "General Austin" is one run,
        read with its title.)"""
        before = run[0] - 1
        tokens = sentence.tokens
        return before >= 0 and tokens[before].text in self.titles \
            and sentence.full[tokens[before].end:tokens[run[0]].start] == ". "

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
