"""geomap: the places a news article names, their roles in the story, on a map.

    >>> import geomap
    >>> story = geomap.geoparse(open("seeds/article.txt").read())   # doctest: +SKIP
    >>> [p.name for p in story.places]                              # doctest: +SKIP

Rendering (``render_map``, ``map_html``, ``embed_fragment``, ``save_png``) is
imported on first use: folium is slow to import and ``geomap places`` needs none of it.
"""

from .article import ArticleError, parse_article, read_article
from .corrections import Corrections, CorrectionsError
from .export import to_csv, to_geojson, to_kml, to_record, to_table
from .model import Article, Extent, Mention, Place, Role, Shape, Story
from .pipeline import Geomapper, geoparse

__all__ = ["Article", "ArticleError", "Corrections", "CorrectionsError", "Extent", "Geomapper",
           "Mention", "Place", "Role", "Shape", "Story", "embed_fragment", "geoparse", "map_html", "parse_article", "read_article",
           "render_map", "save_png", "to_csv", "to_geojson", "to_kml", "to_record", "to_table"]

_RENDERING = ("render_map", "map_html", "embed_fragment", "iframe_snippet", "save_png")


def __getattr__(name):
    if name in _RENDERING:
        from . import render
        return getattr(render, name)
    raise AttributeError(name)
