"""The role tagger: reads each clause once and hands it to every rule family,
in the order they depend on each other (a border band before the zone drawn
from it, both before the strikes measured from them)."""

from __future__ import annotations

from ..lexicon import role_lexicon
from ..model import Article, Place
from .actor import Actors
from .border import Borders, StoryCountries
from .clauses import Ledger, clauses, focus_country
from .context import Context, SentenceAreas
from .control import Control
from .dateline import tag_dateline
from .position import Positions
from .packs import Packs
from .route import Routes
from .strike import Strikes, drop_spared_strikes
from .zone import Zones


class RoleTagger:
    """Applies the role lexicon to a resolved story."""

    def __init__(self, lexicon: dict | None = None):
        self.lexicon = lexicon or role_lexicon()
        roles = self.lexicon["roles"]
        self.labels = {key: spec["label"] for key, spec in roles.items()}
        self.actors = Actors(roles["actor"])
        self.borders = Borders(roles["border"])
        self.zones = Zones(roles["zone"])
        self.strikes = Strikes(self.lexicon)
        self.routes = Routes(self.lexicon)
        self.positions = Positions(roles["position"])
        self.packs = Packs()   # story packs (roles/packs/*.toml), chosen per story
        self.control = Control(roles)

    def tag(self, article: Article, places: list[Place]) -> list[Place]:
        """Fills ``place.roles`` in place and returns the places."""
        context = Context(labels=self.labels, focus=focus_country(places), places=places)
        story_clauses = list(clauses(article, places, Ledger()))
        areas = SentenceAreas()
        countries = StoryCountries(places)   # the host of a border band the text leaves unnamed
        self.routes.use_kinds(self.packs.start_story(article))
        self.routes.start_story(article, places, context.focus)
        for index, clause in enumerate(story_clauses):
            following = story_clauses[index + 1:index + 3]
            if index == 0 or clause.sentence_start != story_clauses[index - 1].sentence_start:
                areas = SentenceAreas()   # an area named earlier in the sentence still counts
            tag_dateline(article, clause, context)
            self.actors(clause, context)
            areas.border = self.borders(clause, context, countries) or areas.border
            # "the ADF, | which controls ...": the group is named in the clause before
            previous = story_clauses[index - 1] if index and clause.sentence_start == \
                story_clauses[index - 1].sentence_start else None
            areas.zone = self.zones(clause, context, areas.border, previous, countries) or areas.zone
            self.strikes(clause, context, areas.border, areas.zone, previous)
            self.routes(clause, context, following)
            self.positions(clause, context)
            self.packs(clause, context)
            self.control(clause, context)
        for place in places:
            drop_spared_strikes(place)
            if not place.roles:
                first = place.mentions[0]
                place.roles.append(context.role("mention", first.sentence_start,
                                                first.sentence_start + len(first.sentence),
                                                first.sentence))
        return places
