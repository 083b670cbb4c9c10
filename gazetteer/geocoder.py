"""The gazetteer as a geopy geocoder, so it drops in wherever geopy is used."""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .index import Gazetteer


class LocalGazetteer(Geocoder):
    """An offline geopy ``Geocoder`` backed by the local index.

    ``geocode(name)`` gives the most likely place; ``exactly_one=False`` gives
    every candidate, ranked. ``candidates``, ``country`` and ``country_at``
    pass through to :class:`gazetteer.Gazetteer`.
    """

    def __init__(self, path=None, **kwargs):
        super().__init__(user_agent="geomap-local-gazetteer")
        self.index = Gazetteer(path, **kwargs)

    def geocode(self, query, *, exactly_one=True, limit=None, **_ignored):
        """The place a query names. A qualifier after the last comma is a
        constraint, as geopy users write it: "Paris, Texas" is the Paris in
        Texas, "Gwoza, Borno" the Gwoza in Borno; nothing when no place of
        that name lies in any area the qualifier may name."""
        name, _, qualifier = str(query).rpartition(",")
        if name.strip() and qualifier.strip():
            found = self._qualified(name.strip(), qualifier.strip())
        else:
            found = self.index.candidates(str(query))
        found = found[:1 if exactly_one else limit]
        locations = [_location(c) for c in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def _qualified(self, name: str, qualifier: str):
        areas = self.index.qualifier(qualifier)
        return [c for c in self.index.candidates(name)
                if any(self.index.within(c, area) for area in areas)]

    def reverse(self, query, *, exactly_one=True, **_ignored):
        from geopy.point import Point

        point = Point(query)
        country = self.index.country_at(point.latitude, point.longitude)
        if country is None:
            return None if exactly_one else []
        location = Location(country.name, (point.latitude, point.longitude),
                            {"country_code": country.code, "kind": "country"})
        return location if exactly_one else [location]

    def candidates(self, name, limit=None):
        return self.index.candidates(name, limit)

    def country(self, code):
        return self.index.country(code)

    def country_at(self, latitude, longitude):
        return self.index.country_at(latitude, longitude)


def _location(candidate) -> Location:
    address = ", ".join(filter(None, (candidate.name, candidate.admin1 if candidate.kind == "city"
                                      else None, candidate.country_code)))
    raw = {"id": candidate.id, "name": candidate.name, "kind": candidate.kind,
           "country_code": candidate.country_code, "population": candidate.population,
           "geonameid": candidate.geonameid, "importance": candidate.importance}
    return Location(address, (candidate.latitude, candidate.longitude), raw)
