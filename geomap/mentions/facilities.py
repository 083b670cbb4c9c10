"""Facilities the gazetteer does not know ("Al-Shifa Hospital", "Royal
Street"): a place inside another one, drawn at its host."""

from __future__ import annotations

from ..model import LITERAL, Mention
from ..qualifiers import FACILITY_NAME, containing_areas


class Facilities:
    """The facility rule of the :class:`~geomap.mentions.MentionFinder`."""

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
