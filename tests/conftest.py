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


# Hypothesis profiles for tests/test_properties.py, chosen by the environment
# variable GEOMAP_HYPOTHESIS_PROFILE:
#   ci    (default) a few hundred examples over the whole file, derandomized so
#         a run is reproducible, and no example database written to the tree;
#   long  thousands of examples, fresh ones each run, for a local soak:
#         GEOMAP_HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py
# Each property asks for a share of max_examples, so both profiles scale alike.
# No deadline: a first lookup may wait for the gazetteer's SQLite pages.
import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("GEOMAP_HYPOTHESIS_PROFILE", "ci"))
