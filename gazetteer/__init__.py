"""A local, offline gazetteer: GeoNames places, Natural Earth countries and
curated regions and groups, in one SQLite index. Knows nothing of articles
or maps.

>>> from gazetteer import LocalGazetteer
>>> LocalGazetteer().geocode("Kraków").point     # doctest: +SKIP
"""

from .index import Gazetteer, GazetteerError, default_index_path, user_cache_dir
from .model import Candidate, Country
from .names import normalize

__all__ = ["Gazetteer", "GazetteerError", "LocalGazetteer", "Candidate", "Country",
           "normalize", "default_index_path", "user_cache_dir"]


def __getattr__(name):
    # geopy takes ~0.1 s to import; only the geopy-facing class pays for it.
    if name == "LocalGazetteer":
        from .geocoder import LocalGazetteer
        return LocalGazetteer
    raise AttributeError(name)
