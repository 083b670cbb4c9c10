"""Stage 4: tag each place with its role(s) in the story, with evidence.

A package of rule families, one module each, reading clauses through one
shared reader (:mod:`.clauses`); cue words, patterns and labels live in
``geomap/data/roles/<family>.toml``. Each role a rule gives keeps the
sentence that supports it.

To add a rule family: a module here with a callable taking a clause and the
:class:`.context.Context`, a ``[roles.<key>]`` table in
``geomap/data/roles/<family>.toml``, a colour in ``styles.toml``, and a call
in :class:`.tagger.RoleTagger`.
"""

from .tagger import RoleTagger

__all__ = ["RoleTagger"]
