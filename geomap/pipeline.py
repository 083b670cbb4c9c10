"""The whole pipeline, top to bottom:

load article -> find mentions -> resolve -> tag roles -> build geometry -> infer roles
from the shapes (a town inside a drawn area) -> (render/export)
"""

from __future__ import annotations

from pathlib import Path

from gazetteer import Gazetteer

from .article import MAX_ARTICLE_BYTES, parse_article, read_article
from .corrections import NO_CORRECTIONS, Corrections, corrections_for
from .geometry import GeometryBuilder
from .mentions import MentionFinder
from .model import Article, Story
from .resolve import Resolver
from .roles import RoleTagger
from .roles.inferred import AREA_NAMES, infer_roles, may_infer


class Geomapper:
    """Geoparses many articles with one gazetteer and one set of rules,
    so start-up is paid once, not per article."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, max_article_bytes: int = MAX_ARTICLE_BYTES):
        self.gazetteer = gazetteer or Gazetteer()
        self.max_article_bytes = max_article_bytes
        self.mentions = MentionFinder(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)
        self.roles = RoleTagger()
        self.geometry = GeometryBuilder(self.gazetteer)

    def geoparse(self, article: Article | str, *, shapes: bool = True,
                 corrections: Corrections | None = None) -> Story:
        """Places, roles and shapes of one article (text or :class:`Article`),
        with the user's ``corrections`` (see :mod:`geomap.corrections`).
        ``shapes=False`` leaves ``story.shapes`` empty, at a fraction of the
        cost: only the areas that roles are inferred from (a town inside a
        strike area or a zone: :mod:`geomap.roles.inferred`) are drawn, and
        only for a story with a town in it, so the places and their roles
        are the same either way."""
        if isinstance(article, str):
            article = parse_article(article, max_bytes=self.max_article_bytes)
        corrections = corrections or NO_CORRECTIONS
        fix = corrections.start(article, self.mentions.find(article), self.gazetteer)  # exclude, alias
        resolution = fix.resolved(   # story countries hinted; then the pins
            self.resolver.resolve(article, fix.mentions, countries=fix.countries))
        places = self.roles.tag(article, resolution.places)
        story = Story(article=article, places=places, non_places=resolution.non_places,
                      unresolved=resolution.unresolved, corrections=corrections or None,
                      excluded=fix.excluded)
        if shapes:
            story.shapes = self.geometry.build(places)
            infer_roles(places, story.shapes)     # towns inside a drawn area
        elif may_infer(places):
            infer_roles(places, self.geometry.build(places, roles=tuple(AREA_NAMES)))
        return story

    def geoparse_file(self, path: str | Path, *, shapes: bool = True,
                      corrections: Corrections | None = None) -> Story:
        """An article file, with the corrections files beside it
        (``corrections.toml``, ``<name>.corrections.toml``) and ``corrections``
        over them."""
        article = read_article(path, max_bytes=self.max_article_bytes)
        return self.geoparse(article, shapes=shapes, corrections=corrections_for(path, corrections))


_default: Geomapper | None = None


def geoparse(article: Article | str, *, shapes: bool = True,
             corrections: Corrections | None = None) -> Story:
    """Geoparse one article with a shared default :class:`Geomapper`."""
    global _default
    if _default is None:
        _default = Geomapper()
    return _default.geoparse(article, shapes=shapes, corrections=corrections)
