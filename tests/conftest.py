"""Shared fixtures: one gazetteer and one geomapper for the whole run
(the index builds itself once, on first use, into the user cache)."""

import pytest

from gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    return Gazetteer()


@pytest.fixture(scope="session")
def mapper(gazetteer):
    from geomap import Geomapper
    return Geomapper(gazetteer)
