"""The whole pipeline, top to bottom:

load article -> find mentions -> resolve -> tag roles -> build geometry -> (render/export)
"""

from __future__ import annotations

from pathlib import Path

from gazetteer import Gazetteer

from .article import MAX_ARTICLE_BYTES, parse_article, read_article
from .geometry import GeometryBuilder
from .mentions import MentionFinder
from .model import Article, Story
from .resolve import Resolver
from .roles import RoleTagger


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

    def geoparse(self, article: Article | str, *, shapes: bool = True) -> Story:
        """Places, roles and shapes of one article (text or :class:`Article`)."""
        if isinstance(article, str):
            article = parse_article(article, max_bytes=self.max_article_bytes)
        mentions = self.mentions.find(article)
        resolution = self.resolver.resolve(article, mentions)
        places = self.roles.tag(article, resolution.places)
        story = Story(article=article, places=places, non_places=resolution.non_places,
                      unresolved=resolution.unresolved)
        if shapes:
            story.shapes = self.geometry.build(places)
        return story

    def geoparse_file(self, path: str | Path) -> Story:
        return self.geoparse(read_article(path, max_bytes=self.max_article_bytes))


_default: Geomapper | None = None


def geoparse(article: Article | str, *, shapes: bool = True) -> Story:
    """Geoparse one article with a shared default :class:`Geomapper`."""
    global _default
    if _default is None:
        _default = Geomapper()
    return _default.geoparse(article, shapes=shapes)
